"""Turn a grammar ``Result`` into the datetime dateutil would return."""
from fastdt._grammar cimport Result
from fastdt._tables cimport CompiledInfo

cdef object build_datetime(Result* res, object default, bint ignoretz,
                           object tzinfos, CompiledInfo info, object timestr,
                           object month_value)
cdef object build_iso_datetime(Result* res, CompiledInfo info, object timestr)
cdef int today(int* year, int* month, int* day) except -1
