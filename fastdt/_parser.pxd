"""The Python edge's steps that other fastdt modules reuse."""
from fastdt._tokenizer cimport Source, TokenBuf
from fastdt._tables cimport CompiledTables
from fastdt._grammar cimport Result
from fastdt._status cimport ParseOptions

# Take the steps the core left to Python (a status >= ST_NEEDS_PYTHON from
# parse_source/parse_tokens/resolve_result) and resume it: returns ST_OK or
# an error status; raises only what a user's parserinfo raises.  ``src`` and
# ``toks`` must be those the status came from.
cdef int finish_in_python(CompiledTables tables, const Source* src, TokenBuf* toks,
                          ParseOptions* opts, Result* res, int status) except -1

# The tables parse() uses for a parserinfo instance: the last few are kept.
cdef CompiledTables tables_for(object info)
cdef CompiledTables default_tables()

# Parser.parse_fields runs fastdt._fields's parse_fields, which that module
# registers here when imported (it cimports this module, so this module
# cannot import it): tables (None: dateutil's parser for info), info,
# timestr, dayfirst, yearfirst, fuzzy, required.
ctypedef object (*FieldsEntry)(CompiledTables, object, object, object, object, object,
                               object)
cdef void register_fields_entry(FieldsEntry entry) noexcept
