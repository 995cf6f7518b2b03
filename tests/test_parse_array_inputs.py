"""What ``parse_array`` does with inputs that are not a column of strings:
tables and mappings (refused, saying what to pass), columns that already
hold datetimes (passed through as ``pandas.to_datetime`` passes them), and
bytes that are not UTF-8 (``parse``'s own exception, with the position).
"""
import collections
import types

import pytest

import fastdt

np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")
pl = pytest.importorskip("polars")


# --- tables and mappings (issue 21, item 7) ---------------------------------------

_TABLES = {
    "pandas.DataFrame": lambda: pd.DataFrame({"2003-09-25": ["2004-01-01"]}),
    "polars.DataFrame": lambda: pl.DataFrame({"2003-09-25": ["2004-01-01"]}),
    "polars.LazyFrame": lambda: pl.LazyFrame({"2003-09-25": ["2004-01-01"]}),
    "pyarrow.Table": lambda: pa.table({"2003-09-25": ["2004-01-01"]}),
    "pyarrow.RecordBatch": lambda: pa.RecordBatch.from_pydict({"2003-09-25": ["2004-01-01"]}),
}
_MAPPINGS = {
    "dict": lambda: {"2003-09-25": "2004-01-01"},
    "OrderedDict": lambda: collections.OrderedDict({"2003-09-25": "2004-01-01"}),
    "mappingproxy": lambda: types.MappingProxyType({"2003-09-25": "2004-01-01"}),
    "empty dict": dict,
}


@pytest.mark.parametrize("make", _TABLES.values(), ids=_TABLES.keys())
def test_a_table_is_refused_saying_to_pass_one_column(make):
    # before: the column name "2003-09-25" was parsed as the one value
    with pytest.raises(TypeError, match="not a .*column names") as info:
        fastdt.parse_array(make())
    assert 'df["col"]' in str(info.value)


@pytest.mark.parametrize("make", _MAPPINGS.values(), ids=_MAPPINGS.keys())
def test_a_mapping_is_refused_saying_what_to_pass(make):
    with pytest.raises(TypeError, match="keys, not its values") as info:
        fastdt.parse_array(make(), errors="coerce")
    assert 'd["col"]' in str(info.value) and "list(d.values())" in str(info.value)


def test_what_the_messages_suggest_works():
    df = pd.DataFrame({"when": ["2003-09-25 10:49", "Sep 26 2003"]})
    df["when"] = fastdt.parse_array(df["when"])
    assert list(df["when"]) == [pd.Timestamp("2003-09-25 10:49"), pd.Timestamp("2003-09-26")]
    d = {"a": "2003-09-25", "b": "2003-09-26"}
    assert list(fastdt.parse_array(list(d.values()))) == [
        np.datetime64("2003-09-25"), np.datetime64("2003-09-26")]
    # a table's column, as the message says
    out = fastdt.parse_array(pa.table({"when": ["2003-09-25"]})["when"])
    assert out.to_pylist()[0].year == 2003


# --- columns already of datetimes (issue 21, item 8) --------------------------------

import datetime as dt  # noqa: E402

_NAIVE = pd.Series(pd.to_datetime(["2003-09-25 10:49:41.123456789", None, "1969-12-31 23:59:59.5",
                                   "2262-04-11 23:47:16"], format="ISO8601"), name="when",
                   index=[3, 1, 4, 1])


def _as_unit(series, unit):
    """What pandas holds, floored to ``unit`` (as a parse's fields are)."""
    return series.dt.floor({"s": "s", "ms": "ms", "us": "us", "ns": "ns"}[unit]).dt.as_unit(unit)


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
@pytest.mark.parametrize("utc", [False, True])
def test_datetime64_series_passes_through_as_pd_to_datetime(unit, utc):
    want = _as_unit(pd.to_datetime(_NAIVE, utc=utc), unit)
    got = fastdt.parse_array(_NAIVE, unit=unit, utc=utc)
    pd.testing.assert_series_equal(got, want)
    assert str(got.dtype) == (f"datetime64[{unit}, UTC]" if utc else f"datetime64[{unit}]")


@pytest.mark.parametrize("utc", [False, True])
@pytest.mark.parametrize("ignoretz", [False, True])
def test_aware_series_passes_through_as_pd_to_datetime(utc, ignoretz):
    aware = _NAIVE.iloc[:3].dt.tz_localize("Europe/Paris")
    got = fastdt.parse_array(aware, unit="ns", utc=utc, ignoretz=ignoretz)
    if ignoretz:                       # wall times, as parse(ignoretz=True) gives
        want = pd.to_datetime(aware.dt.tz_localize(None), utc=utc)
    else:                              # kept in its zone, or converted to UTC
        want = pd.to_datetime(aware, utc=utc)
    pd.testing.assert_series_equal(got, want)
    idx = fastdt.parse_array(pd.DatetimeIndex(aware), unit="ns", utc=utc, ignoretz=ignoretz)
    pd.testing.assert_index_equal(idx, pd.DatetimeIndex(want))


@pytest.mark.parametrize("dtype", ["datetime64[D]", "datetime64[s]", "datetime64[ms]",
                                   "datetime64[ns]", "datetime64[m]"])
def test_numpy_datetime64_passes_through(dtype):
    arr = np.array([["2003-09-25T10:49:41.123456789", "NaT"],
                    ["1969-12-31T23:59:59.5", "1900-01-01"]]).astype(dtype)
    for unit in ("s", "ms", "us", "ns"):
        got = fastdt.parse_array(arr, unit=unit)
        assert got.shape == arr.shape and got.dtype == np.dtype(f"datetime64[{unit}]")
        np.testing.assert_array_equal(got, arr.astype(f"datetime64[{unit}]"))
        assert not np.shares_memory(got, arr)
    if dtype in ("datetime64[ms]", "datetime64[ns]"):
        # floored to a coarser unit, as the fields of a parsed string are
        assert fastdt.parse_array(arr, unit="s")[1, 0] == fastdt.parse_array(
            ["1969-12-31T23:59:59.5"], unit="s")[0]


def test_out_of_range_for_a_finer_unit_fails_as_a_parse_does():
    arr = np.array(["2003-01-01", "3000-01-01", "NaT", "1500-01-01"], dtype="datetime64[D]")
    with pytest.raises(ValueError, match=r"at position 1: out of bounds for datetime64\[ns\]"):
        fastdt.parse_array(arr, unit="ns")
    got = fastdt.parse_array(arr, unit="ns", errors="coerce")
    assert got[0] == np.datetime64("2003-01-01") and np.isnat(got[1:]).all()
    # the strings give the same answer
    assert np.isnat(fastdt.parse_array(["3000-01-01"], unit="ns", errors="coerce")[0])
    # positions count across an Arrow column's chunks
    chunked = pa.chunked_array([pa.array(arr[:1]), pa.array(arr[1:])])
    with pytest.raises(ValueError, match="at position 1"):
        fastdt.parse_array(chunked, unit="ns")


def test_arrow_and_polars_timestamps_pass_through():
    naive = pa.array([dt.datetime(2003, 9, 25, 10, 49, 41, 123456), None],
                     type=pa.timestamp("us"))
    got = fastdt.parse_array(naive, unit="ms")
    assert got.type == pa.timestamp("ms") and got.to_pylist() == [
        dt.datetime(2003, 9, 25, 10, 49, 41, 123000), None]
    assert fastdt.parse_array(naive, utc=True).type == pa.timestamp("us", tz="UTC")
    aware = pa.array([dt.datetime(2003, 9, 25, 8, 49), None], type=pa.timestamp("s", tz="Europe/Paris"))
    kept = fastdt.parse_array(aware)
    assert kept.type == pa.timestamp("us", tz="Europe/Paris") and kept.cast(pa.int64()).to_pylist() == [
        aware.cast(pa.int64()).to_pylist()[0] * 10**6, None]
    assert fastdt.parse_array(aware, utc=True).type == pa.timestamp("us", tz="UTC")
    wall = fastdt.parse_array(aware, ignoretz=True)
    assert wall.type == pa.timestamp("us") and wall[0].as_py() == dt.datetime(2003, 9, 25, 10, 49)
    chunked = fastdt.parse_array(pa.chunked_array([aware, aware]))
    assert chunked.num_chunks == 2 and chunked.type == pa.timestamp("us", tz="Europe/Paris")
    series = pl.Series("t", [dt.datetime(2003, 9, 25, 10, 49), None]).dt.replace_time_zone("Asia/Tokyo")
    got = fastdt.parse_array(series)
    assert got.name == "t" and got.dtype == pl.Datetime("us", "Asia/Tokyo")
    assert got.to_list() == series.to_list()
    # dates: their midnight
    dates = [dt.date(2003, 9, 25), None]
    for column in (pa.array(dates), pl.Series("d", dates)):
        got = fastdt.parse_array(column, unit="ms")
        values = got.to_list() if isinstance(got, pl.Series) else got.to_pylist()
        assert values == [dt.datetime(2003, 9, 25), None]
    # pandas' Arrow-backed timestamps and dates: a numpy-backed answer, as for strings
    s = pd.Series(naive, dtype=pd.ArrowDtype(naive.type), index=[7, 8], name="n")
    got = fastdt.parse_array(s)
    assert str(got.dtype) == "datetime64[us]" and list(got.index) == [7, 8] and got.name == "n"
    assert got.iloc[0] == pd.Timestamp("2003-09-25 10:49:41.123456") and pd.isna(got.iloc[1])
    got = fastdt.parse_array(pd.Series(aware, dtype=pd.ArrowDtype(aware.type)), unit="s")
    assert str(got.dtype) == "datetime64[s, Europe/Paris]"
    assert got.iloc[0] == pd.Timestamp("2003-09-25 08:49", tz="UTC")
    got = fastdt.parse_array(pd.Series(pa.array(dates), dtype=pd.ArrowDtype(pa.date32())))
    assert got.iloc[0] == pd.Timestamp("2003-09-25") and pd.isna(got.iloc[1])


def test_object_column_of_datetimes_as_pd_to_datetime():
    naive = _NAIVE.iloc[:3].astype(object)            # Timestamps and NaT
    pd.testing.assert_series_equal(fastdt.parse_array(naive, unit="ns"), pd.to_datetime(naive))
    mixed = pd.Series([dt.datetime(2003, 9, 25, 10, 49), "Sep 26 2003 10:00", dt.date(2003, 9, 27),
                       np.datetime64("2003-09-28T01:02:03.000000004"), None, pd.NaT], dtype=object)
    pd.testing.assert_series_equal(fastdt.parse_array(mixed, unit="ns"),
                                   pd.to_datetime(mixed, format="mixed").dt.as_unit("ns"))
    # a plain list, and a numpy object array, alike
    np.testing.assert_array_equal(fastdt.parse_array(list(mixed), unit="ns"),
                                  pd.to_datetime(mixed, format="mixed").to_numpy("datetime64[ns]"))
    np.testing.assert_array_equal(fastdt.parse_array(mixed.to_numpy(), unit="ns"),
                                  pd.to_datetime(mixed, format="mixed").to_numpy("datetime64[ns]"))


def test_aware_elements_follow_the_rule_for_aware_strings():
    paris = [pd.Timestamp("2003-09-25 10:49", tz="Europe/Paris"),
             dt.datetime(2003, 9, 25, 10, 49, tzinfo=dt.timezone(dt.timedelta(hours=-3)))]
    got = fastdt.parse_array(pd.Series(paris, dtype=object), utc=True)
    pd.testing.assert_series_equal(got, pd.to_datetime(pd.Series(paris, dtype=object), utc=True)
                                   .dt.as_unit("us"))
    # as for "2003-09-25 10:49 +02:00": utc=True or ignoretz=True
    with pytest.raises(ValueError, match="position 0.*utc=True.*ignoretz=True"):
        fastdt.parse_array(paris)
    assert list(fastdt.parse_array(paris, ignoretz=True)) == [np.datetime64("2003-09-25T10:49")] * 2
    assert list(fastdt.parse_array(paris, utc=True)) == [np.datetime64("2003-09-25T08:49"),
                                                        np.datetime64("2003-09-25T13:49")]


_STRINGS = ["2003-09-25 10:49:41.5", None, "Sep 26 2003 10:00 +02:00", "1999-12-31"]
_KINDS = {
    "list": list,
    "numpy": lambda v: np.array(v, dtype=object),
    "pandas": lambda v: pd.Series(v, name="x", index=[9, 8, 7, 6]),
    "pandas-index": lambda v: pd.Index(v, name="x"),
    "arrow": pa.array,
    "arrow-chunked": lambda v: pa.chunked_array([v[:2], v[2:]]),
    "polars": lambda v: pl.Series("x", v),
}


@pytest.mark.parametrize("kind", _KINDS)
@pytest.mark.parametrize("unit", ["ms", "ns"])
def test_parsing_a_column_twice_gives_the_same_column(kind, unit):
    once = fastdt.parse_array(_KINDS[kind](_STRINGS), utc=True, unit=unit)
    twice = fastdt.parse_array(once, utc=True, unit=unit)
    thrice = fastdt.parse_array(twice, unit=unit)     # the UTC column keeps its zone
    for again in (twice, thrice):
        assert type(again) is type(once)
        if kind.startswith("pandas"):
            assert again.equals(once) and again.dtype == once.dtype and again.name == "x"
        elif kind.startswith("arrow"):
            assert again.equals(once)
        elif kind == "polars":
            assert again.equals(once) and again.dtype == once.dtype
        else:
            np.testing.assert_array_equal(again, once)


# --- bytes that are not UTF-8 (issue 21, item 9) -------------------------------------

import dateutil.parser  # noqa: E402

_BAD_UTF8 = b"\xff2003-09-25"


def test_invalid_utf8_raises_what_parse_and_dateutil_raise():
    with pytest.raises(UnicodeDecodeError) as du:
        dateutil.parser.parse(_BAD_UTF8)
    with pytest.raises(UnicodeDecodeError) as one:
        fastdt.parse(_BAD_UTF8)
    assert str(one.value) == str(du.value)
    columns = {
        "list": [b"2003-09-25", _BAD_UTF8],
        "numpy-S": np.array([b"2003-09-25", _BAD_UTF8]),
        "pandas-object": pd.Series([b"2003-09-25", _BAD_UTF8]),
    }
    for kind, column in columns.items():
        for threads in (1, 2):
            with pytest.raises(UnicodeDecodeError) as info:
                fastdt.parse_array(column, threads=threads)
            e = info.value
            # the codec's own fields, and the position in the column in the message
            assert (e.encoding, e.object, e.start, e.end) == (
                du.value.encoding, du.value.object, du.value.start, du.value.end), kind
            assert str(e) == f"{du.value}: {_BAD_UTF8!r}, at position 1", kind
            assert isinstance(e.__cause__, UnicodeDecodeError)
        # a ValueError still, for code that catches that
        assert issubclass(type(e), ValueError)
        assert pd.isna(fastdt.parse_array(column, errors="coerce")[1])


def test_a_unit_with_a_multiplier_is_checked_too():
    # datetime64[10ms] to "ms" multiplies by 10: what does not fit fails
    arr = np.array([5, 2**62, "NaT"], dtype="datetime64[10ms]")
    with pytest.raises(ValueError, match="at position 1"):
        fastdt.parse_array(arr, unit="ms")
    got = fastdt.parse_array(arr, unit="ms", errors="coerce")
    assert got[0] == np.datetime64(50, "ms") and np.isnat(got[1:]).all()
