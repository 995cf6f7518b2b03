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
