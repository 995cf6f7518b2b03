"""The parse core's entry point (see _core.pxd for the contract).

``parse_source`` chains the lexer, the table lookup and the grammar.  No
Python objects, no GIL, no globals.  (``resolve_fields``/``resolve_tz`` live
in _build, next to their one caller on the single-call path, where the C
compiler can inline them.)
"""
from fastdt._tokenizer cimport tokenize_classified, LEX_REFUSED
from fastdt._tables cimport classify_pending
from fastdt._grammar cimport parse_tokens, result_clear


cdef int parse_source(const Source* src, TokenBuf* toks, const Tables* tables,
                      const ParseOptions* opts, Result* res) noexcept nogil:
    """Lex, classify, parse: dateutil's ``_timelex.split`` and ``_parse``."""
    cdef int status
    toks.count = 0
    toks.pending = 0
    # the lexer looks the common tokens up as it reads them; the rest (not
    # plain ASCII) are looked up after
    status = tokenize_classified(src, tables, toks, not opts.fuzzy)
    if status < 0:
        return ST_NO_MEMORY
    if status == LEX_REFUSED:
        # as the token loop leaves it when it refuses its first token: the
        # Result is defined, whatever a caller reads of it
        result_clear(res)
        return ST_UNKNOWN_FORMAT
    if toks.pending:
        status = classify_pending(tables, src, toks)
        if status != ST_OK:
            return status
    return parse_tokens(src, toks, tables, opts, res)


