"""A one-argument fast entry for a Cython ``def`` function (header only).

``install_one_arg_entry(func, one)`` points the function object's vectorcall
slot (PEP 590: a per-object C entry point) at a dispatcher: a call with one
positional argument and no keywords goes straight to the C function ``one``;
every other call goes to Cython's own entry, which still does all argument
checking and error messages.  The function object itself (name, signature,
docstring, pickling) is unchanged.  Cython's argument handling for a
function of many keyword parameters costs more than an ISO parse itself.

The C below is compiled into each module that cimports this file, with its
own two statics: one function per module (``parse`` in fastdt._parser,
``parse_fields`` in fastdt._fields).  Returns 1 when installed, 0 (nothing
changed) if the object has no vectorcall slot.
"""
from cpython.ref cimport PyObject

cdef extern from *:
    """
    static vectorcallfunc fastdt_onearg_general = NULL;
    static PyObject *(*fastdt_onearg_one)(PyObject *) = NULL;

    static PyObject *fastdt_onearg_vectorcall(PyObject *callable, PyObject *const *args,
                                              size_t nargsf, PyObject *kwnames) {
        if (PyVectorcall_NARGS(nargsf) == 1 && (kwnames == NULL || PyTuple_GET_SIZE(kwnames) == 0))
            return fastdt_onearg_one(args[0]);
        return fastdt_onearg_general(callable, args, nargsf, kwnames);
    }

    /* 1 when installed; 0 (nothing changed) if the object has no vectorcall slot */
    static int fastdt_install_onearg_vectorcall(PyObject *func, PyObject *(*one)(PyObject *)) {
        PyTypeObject *tp = Py_TYPE(func);
        vectorcallfunc *slot;
        if (!PyType_HasFeature(tp, Py_TPFLAGS_HAVE_VECTORCALL) || tp->tp_vectorcall_offset <= 0)
            return 0;
        slot = (vectorcallfunc *)((char *)func + tp->tp_vectorcall_offset);
        if (*slot == NULL || *slot == fastdt_onearg_vectorcall)
            return *slot != NULL;
        fastdt_onearg_general = *slot;
        fastdt_onearg_one = one;
        *slot = fastdt_onearg_vectorcall;
        return 1;
    }
    """
    int install_one_arg_entry "fastdt_install_onearg_vectorcall" (object func, object (*one)(object))


# A module function CPython calls the way it calls its own builtins.
#
# CPython's interpreter specialises a call to a builtin function
# (METH_FASTCALL | METH_KEYWORDS: CALL_BUILTIN_FAST_WITH_KEYWORDS) into a
# direct C call; a call to any other callable, a Cython function included,
# goes through the generic vectorcall path, about 5 ns more per call --
# a tenth of an ISO parse.  ``one_arg_builtin(general, one, flag, name,
# doc, module_name)`` returns a builtin function named ``name`` that sends
# a one-argument call to ``one(arg, flag)`` and every other call to
# ``general`` (the Cython function, which does all argument checking and
# error messages).  ``one`` returns a new reference, or NULL with an
# exception set.  ``doc`` starts with the signature line and "--"
# (CPython's __text_signature__ convention), so inspect.signature and
# help() read the same signature as before.  The name and doc bytes are
# kept alive by the module (``keep``).  Up to FASTDT_BUILTINS per module
# (fastdt._parser: ``parse`` and ``try_parse``, flag 0 and 1 to one entry).
cdef extern from *:
    """
    #define FASTDT_BUILTINS 2
    typedef PyObject *(*fastdt_one_fn)(PyObject *, int);
    static PyObject *fastdt_builtin_general[FASTDT_BUILTINS];
    static fastdt_one_fn fastdt_builtin_one[FASTDT_BUILTINS];
    static int fastdt_builtin_flag[FASTDT_BUILTINS];
    static int fastdt_builtins_made = 0;

    #define FASTDT_BUILTIN_CALL(k)                                                   \
    static PyObject *fastdt_builtin_call##k(PyObject *self, PyObject *const *args,   \
                                            Py_ssize_t nargs, PyObject *kwnames) {   \
        (void)self;                                                                  \
        if (nargs == 1 && (kwnames == NULL || PyTuple_GET_SIZE(kwnames) == 0))       \
            return fastdt_builtin_one[k](args[0], fastdt_builtin_flag[k]);           \
        return PyObject_Vectorcall(fastdt_builtin_general[k], args, (size_t)nargs,   \
                                   kwnames);                                         \
    }
    FASTDT_BUILTIN_CALL(0)
    FASTDT_BUILTIN_CALL(1)

    static PyMethodDef fastdt_builtin_defs[FASTDT_BUILTINS] = {
        {NULL, (PyCFunction)(void (*)(void))fastdt_builtin_call0,
         METH_FASTCALL | METH_KEYWORDS, NULL},
        {NULL, (PyCFunction)(void (*)(void))fastdt_builtin_call1,
         METH_FASTCALL | METH_KEYWORDS, NULL}};

    /* name and doc must outlive the function: the caller keeps them */
    static PyObject *fastdt_one_arg_builtin(PyObject *general, fastdt_one_fn one, int flag,
                                            const char *name, const char *doc,
                                            PyObject *module_name) {
        int k = fastdt_builtins_made;
        if (k >= FASTDT_BUILTINS) {
            PyErr_SetString(PyExc_RuntimeError, "fastdt: no builtin entry left in this module");
            return NULL;
        }
        Py_INCREF(general);
        fastdt_builtin_general[k] = general;
        fastdt_builtin_one[k] = one;
        fastdt_builtin_flag[k] = flag;
        fastdt_builtin_defs[k].ml_name = name;
        fastdt_builtin_defs[k].ml_doc = doc;
        fastdt_builtins_made = k + 1;
        return PyCFunction_NewEx(&fastdt_builtin_defs[k], NULL, module_name);
    }
    """
    object one_arg_builtin "fastdt_one_arg_builtin" (
        object general, PyObject* (*one)(object, int) except NULL, int flag,
        const char* name, const char* doc, object module_name)
