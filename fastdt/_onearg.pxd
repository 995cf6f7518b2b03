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
# a tenth of an ISO parse.  ``one_arg_builtin(general, one, doc)`` returns a
# builtin function named like ``general`` that sends a one-argument call to
# ``one`` and every other call to ``general`` (the Cython function, which
# does all argument checking and error messages).  ``doc`` starts with the
# signature line and "--" (CPython's __text_signature__ convention), so
# inspect.signature and help() read the same signature as before.  The
# name and doc bytes are kept alive by the module (``keep``).
cdef extern from *:
    """
    static PyObject *fastdt_builtin_general = NULL;

    static PyObject *fastdt_builtin_call(PyObject *self, PyObject *const *args,
                                         Py_ssize_t nargs, PyObject *kwnames) {
        (void)self;
        if (nargs == 1 && (kwnames == NULL || PyTuple_GET_SIZE(kwnames) == 0))
            return fastdt_onearg_one(args[0]);
        return PyObject_Vectorcall(fastdt_builtin_general, args, (size_t)nargs, kwnames);
    }

    static PyMethodDef fastdt_builtin_def = {
        NULL, (PyCFunction)(void (*)(void))fastdt_builtin_call,
        METH_FASTCALL | METH_KEYWORDS, NULL};

    /* name and doc must outlive the function: the caller keeps them */
    static PyObject *fastdt_one_arg_builtin(PyObject *general, PyObject *(*one)(PyObject *),
                                            const char *name, const char *doc,
                                            PyObject *module_name) {
        if (fastdt_builtin_general != NULL) {
            PyErr_SetString(PyExc_RuntimeError, "one builtin entry per module");
            return NULL;
        }
        Py_INCREF(general);
        fastdt_builtin_general = general;
        fastdt_onearg_one = one;
        fastdt_builtin_def.ml_name = name;
        fastdt_builtin_def.ml_doc = doc;
        return PyCFunction_NewEx(&fastdt_builtin_def, NULL, module_name);
    }
    """
    object one_arg_builtin "fastdt_one_arg_builtin" (
        object general, object (*one)(object), const char* name, const char* doc,
        object module_name)
