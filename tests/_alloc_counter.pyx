"""Test-only exact allocation counter (not part of the public API).

``start()`` wraps the RAW, MEM and OBJ allocator domains with
``PyMem_SetAllocator``; every malloc/calloc/realloc through them bumps a C
counter while counting is on.  ``stop()`` restores the original allocators
and returns the counts as ``(raw, mem, obj)``.  Direct ``malloc`` calls from C
are not seen (memray's native tracking covers those).

The counter is installed only between ``start()`` and ``stop()``; blocks
allocated by the wrapper are freed by the same underlying allocator, so
swapping the wrappers in and out at any time is safe.
"""
from libc.stddef cimport size_t

cdef extern from "Python.h":
    ctypedef enum PyMemAllocatorDomain:
        PYMEM_DOMAIN_RAW
        PYMEM_DOMAIN_MEM
        PYMEM_DOMAIN_OBJ
    ctypedef struct PyMemAllocatorEx:
        void* ctx
        void* (*malloc)(void* ctx, size_t size) noexcept nogil
        void* (*calloc)(void* ctx, size_t nelem, size_t elsize) noexcept nogil
        void* (*realloc)(void* ctx, void* ptr, size_t new_size) noexcept nogil
        void (*free)(void* ctx, void* ptr) noexcept nogil
    void PyMem_GetAllocator(PyMemAllocatorDomain domain, PyMemAllocatorEx* allocator) nogil
    void PyMem_SetAllocator(PyMemAllocatorDomain domain, PyMemAllocatorEx* allocator) nogil

cdef struct Hook:
    PyMemAllocatorEx orig
    size_t count

cdef Hook _hooks[3]
cdef bint _installed = False


cdef void* _malloc(void* ctx, size_t size) noexcept nogil:
    cdef Hook* h = <Hook*>ctx
    h.count += 1
    return h.orig.malloc(h.orig.ctx, size)


cdef void* _calloc(void* ctx, size_t nelem, size_t elsize) noexcept nogil:
    cdef Hook* h = <Hook*>ctx
    h.count += 1
    return h.orig.calloc(h.orig.ctx, nelem, elsize)


cdef void* _realloc(void* ctx, void* ptr, size_t new_size) noexcept nogil:
    cdef Hook* h = <Hook*>ctx
    h.count += 1
    return h.orig.realloc(h.orig.ctx, ptr, new_size)


cdef void _free(void* ctx, void* ptr) noexcept nogil:
    cdef Hook* h = <Hook*>ctx
    h.orig.free(h.orig.ctx, ptr)


cdef PyMemAllocatorDomain _domain(int i) noexcept:
    if i == 0:
        return PYMEM_DOMAIN_RAW
    if i == 1:
        return PYMEM_DOMAIN_MEM
    return PYMEM_DOMAIN_OBJ


def start():
    """Install the counting allocators and zero the counters."""
    global _installed
    cdef PyMemAllocatorEx alloc
    cdef int i
    if _installed:
        raise RuntimeError("allocation counter already running")
    for i in range(3):
        PyMem_GetAllocator(_domain(i), &_hooks[i].orig)
        _hooks[i].count = 0
    for i in range(3):
        alloc.ctx = &_hooks[i]
        alloc.malloc = _malloc
        alloc.calloc = _calloc
        alloc.realloc = _realloc
        alloc.free = _free
        PyMem_SetAllocator(_domain(i), &alloc)
    _installed = True


def stop():
    """Restore the original allocators; return ``(raw, mem, obj)`` counts."""
    global _installed
    cdef int i
    cdef size_t counts[3]
    if not _installed:
        raise RuntimeError("allocation counter not running")
    for i in range(3):
        PyMem_SetAllocator(_domain(i), &_hooks[i].orig)
        counts[i] = _hooks[i].count
    _installed = False
    return (counts[0], counts[1], counts[2])
