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
