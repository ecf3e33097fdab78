"""render/jsontext.dumps writes exactly what json.dumps(..., ensure_ascii=False, indent=2,
allow_nan=False) writes, and fails as it fails."""
from __future__ import annotations

import enum
import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.render.jsontext import dumps


def reference(obj, depth: int = 0) -> str:
    text = json.dumps(obj, ensure_ascii=False, indent=2, allow_nan=False)
    return text.replace("\n", "\n" + "  " * depth)


# every code point, surrogates and control characters included
TEXT = st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF))
SCALARS = (st.none() | st.booleans() | st.integers() | st.integers(min_value=-(10 ** 60), max_value=10 ** 60)
           | st.floats(allow_nan=False, allow_infinity=False)
           | st.sampled_from([0.0, -0.0, 1e16, 1e-7, 1e308, 5e-324, 0.1, 100.0, 2 ** 53 + 1.0]) | TEXT)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=5) | st.lists(inner, max_size=4).map(tuple)
                      | st.dictionaries(TEXT, inner, max_size=5), max_leaves=40)


@given(VALUES, st.integers(min_value=0, max_value=4))
def test_same_text_as_json_dumps(value, depth):
    assert dumps(value, depth) == reference(value, depth)


@pytest.mark.parametrize("value", [
    {}, [], (), "", {"a": {}}, {"a": []}, [[], {}, [[]]], "\ud800", "\x00\x1f\x7f\u2028\"\\/",
    {"\ud83d": "\udc00"}, 10 ** 400, -0.0, 1e16, 1e22, True, False, None, [True, 1, 1.0, "1"],
])
def test_same_text_on_edge_cases(value):
    for depth in (0, 2):
        assert dumps(value, depth) == reference(value, depth)


class Colour(enum.IntEnum):
    RED = 1


class Name(str):
    pass


class Table(dict):
    pass


@pytest.mark.parametrize("value", [
    Colour.RED, {"c": Colour.RED}, Name("x"), {Name("k"): Name("v")}, Table(a=1), [Table()],
    {1: "a", 2.5: "b", True: "c", None: "d"}, {"a": (1, [2, {"b": None}])},
])
def test_other_types_are_written_as_json_writes_them(value):
    for depth in (0, 3):
        assert dumps(value, depth) == reference(value, depth)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, [1, {"a": math.nan}], {"x": object()},
                                   {(1, 2): 3}, {"s": {1, 2}}, b"bytes"])
def test_errors_are_json_errors(value):
    with pytest.raises(Exception) as ours:
        dumps(value)
    with pytest.raises(Exception) as theirs:
        reference(value)
    assert type(ours.value) is type(theirs.value) and str(ours.value) == str(theirs.value)


def test_circular_and_deep_structures_fail_as_in_json():
    loop: list = []
    loop.append(loop)
    with pytest.raises(ValueError, match="Circular reference"):
        dumps(loop)
    deep: list = []
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(RecursionError):
        dumps(deep)


@given(VALUES, st.integers(min_value=0, max_value=3), st.integers(min_value=0, max_value=5))
def test_encoded_values_write_their_value(value, depth, encoded_at):
    """An Encoded value written where it was encoded gives its kept text; anywhere else its
    value is written again: either way the text is json.dumps's text of the plain value."""
    from checker.render.jsontext import Encoded

    doc = {"reports": [{"findings": [Encoded(value, encoded_at), value]}]}
    plain = {"reports": [{"findings": [value, value]}]}
    assert dumps(doc, depth) == reference(plain, depth)


def test_encoded_text_is_used_where_it_was_encoded():
    from checker.render.jsontext import Encoded

    item = Encoded({"a": [1, 2]}, 3)
    item.text = "KEPT"        # a kept text is written as it is, not encoded again
    assert dumps({"x": [item]}, 1) == '{\n    "x": [\n      KEPT\n    ]\n  }'
    assert dumps({"x": [item]}, 0) == reference({"x": [{"a": [1, 2]}]})


def test_encoded_values_in_a_document_json_writes_itself():
    """A value this encoder leaves to json.dumps (an enum here) around an Encoded one."""
    from checker.render.jsontext import Encoded

    doc = [Colour.RED, Encoded({"k": "v"}, 2)]
    assert dumps(doc) == reference([Colour.RED, {"k": "v"}])
    with pytest.raises(TypeError, match="Object of type object is not JSON serializable"):
        dumps([Colour.RED, Encoded({"k": "v"}, 2), object()])
