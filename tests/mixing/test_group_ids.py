"""Group ids of every kind a caller passes (str, bytes, bool, int, float; lists, typed and object
arrays) group the same way, and bad ids fail with a ValueError that names the id, never another error.

Why: verl hands uids over as an object array of str and the CLI as a list of str; a numpy object
array's items are plain Python values (no `.item()`), and numpy turns a mixed list `['1', 1]` into
strings, which would merge two groups without a word.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rlmr.mixing import mix

SETTINGS = settings(max_examples=300, derandomize=True)

# Each id family: (distinct labels as Python values, how the flat ids are handed to mix).
NO_NUL = st.characters(blacklist_characters="\x00")  # a typed str array drops trailing NULs itself
FAMILIES = {
    "str list": (st.text(max_size=4), list),
    "str object array": (st.text(max_size=4), lambda ids: np.array(ids, dtype=object)),
    "str array": (st.text(NO_NUL, max_size=4), np.array),
    "numpy str list": (st.text(NO_NUL, max_size=4), lambda ids: [np.str_(i) for i in ids]),
    "bytes list": (st.binary(max_size=3), list),
    "bool list": (st.booleans(), list),
    "int list": (st.integers(), list),  # beyond int64 too
    "int object array": (st.integers(-(2**63), 2**63 - 1), lambda ids: np.array(ids, dtype=object)),
    "int8 array": (st.integers(-128, 127), lambda ids: np.array(ids, dtype=np.int8)),
    "uint32 array": (st.integers(0, 2**32 - 1), lambda ids: np.array(ids, dtype=np.uint32)),
    "numpy int64 list": (st.integers(-(2**63), 2**63 - 1), lambda ids: [np.int64(i) for i in ids]),
    "float list": (st.floats(allow_nan=False), list),
    "float array": (st.floats(allow_nan=False), np.array),
}
# One value of each family, to spoil a batch with an id of another kind.
INTRUDERS = {"str": "1", "bytes": b"1", "bool": True, "int": 1, "float": 1.0, "none": None}


@st.composite
def batches(draw):
    name = draw(st.sampled_from(sorted(FAMILIES)))
    labels_of, wrap = FAMILIES[name]
    labels = draw(st.lists(labels_of, min_size=1, max_size=6, unique=True))
    G = draw(st.integers(2, 5))
    return name, sorted(labels), wrap, G, draw(st.integers(0, 2**32 - 1))


def consecutive(labels, G, seed):
    """Scores, flags and ids of len(labels) groups of G, group j holding labels[j]."""
    rng = np.random.default_rng(seed)
    n = len(labels) * G
    ids = [label for label in labels for _ in range(G)]
    return rng.random(n), (rng.random(n) < 0.5).astype(float), ids


@SETTINGS
@given(batches())
def test_ids_of_every_kind_group_like_consecutive_groups(batch):
    name, labels, wrap, G, seed = batch
    scores, passed, ids = consecutive(labels, G, seed)
    perm = np.random.default_rng(seed).permutation(len(ids))
    shuffled = mix(scores[perm], passed[perm], group_ids=wrap([ids[i] for i in perm]))
    reference = mix(scores, passed, group_size=G)
    np.testing.assert_allclose(shuffled.advantages, reference.advantages[perm], rtol=1e-9, atol=1e-12)
    assert shuffled.groups.group_id.tolist() == labels, name  # one row per id, in sorted order
    np.testing.assert_array_equal(shuffled.groups.n_passed, reference.groups.n_passed)


@SETTINGS
@given(batches(), st.data())
def test_ragged_groups_name_the_short_group_for_every_kind(batch, data):
    name, labels, wrap, G, seed = batch
    scores, passed, ids = consecutive(labels, G, seed)
    short = data.draw(st.integers(0, len(labels) - 1)) if len(labels) > 1 else None
    if short is None:
        return  # one group cannot be ragged
    drop = short * G  # the first member of that group
    keep = [i for i in range(len(ids)) if i != drop]
    with pytest.raises(ValueError, match="ragged groups") as err:
        mix(scores[keep], passed[keep], group_ids=wrap([ids[i] for i in keep]))
    assert f"group {labels[short]!r} has {G - 1} responses" in str(err.value), name


@SETTINGS
@given(batches(), st.sampled_from(sorted(INTRUDERS)), st.data())
def test_an_id_of_another_kind_is_named_not_merged(batch, intruder, data):
    name, labels, wrap, G, seed = batch
    scores, passed, ids = consecutive(labels, G, seed)
    if wrap is not list:
        return  # a typed array holds one kind by construction
    value = INTRUDERS[intruder]
    family = {str: "str", bytes: "bytes", bool: "bool", int: "int", float: "float"}
    if type(labels[0]) in family and family[type(labels[0])] == intruder:
        return  # not another kind
    at = data.draw(st.integers(1, len(ids) - 1))
    ids[at] = value
    with pytest.raises(ValueError, match=rf"group_ids\[{at}\]: "):
        mix(scores, passed, group_ids=ids)


@pytest.mark.parametrize(
    "ids, message",
    [
        (["1", "1", 1, 1], r"group_ids\[2\]: ids must be of one kind .* got 1 \(int\) after '1' \(str\)"),
        (np.array(["a", "a", 1, 1], dtype=object), r"group_ids\[2\]: ids must be of one kind"),
        ([True, True, 1, 1], r"group_ids\[2\]: .* got 1 \(int\) after True \(bool\)"),
        (["a", "a", None, "b"], r"group_ids\[2\]: expected a str or int id, got None"),
        ([0.0, 0.0, float("nan"), float("nan")], r"group_ids\[2\]: NaN is not an id"),
        (np.array([1.0, 1.0, np.nan, np.nan]), r"group_ids\[2\]: NaN is not an id"),
        ([(1, 2), (1, 2), (3, 4), (3, 4)], r"group_ids: expected one id per response, got shape \(4, 2\)"),
        (np.array([1j, 1j, 2j, 2j]), r"group_ids: expected str or int ids, got dtype complex128"),
        (np.array(["a", "a", "a", "b", "b"], dtype=object)[:4], r"ragged groups: group 'b' has 1 responses"),
    ],
)
def test_bad_ids_raise_a_value_error_naming_them(ids, message):
    with pytest.raises(ValueError, match=message):
        mix([0.1, 0.2, 0.3, 0.4], [0, 1, 0, 1], group_ids=ids)


def test_trailing_nuls_keep_ids_apart():
    result = mix([0.1, 0.2, 0.3, 0.4], [0, 1, 0, 1], group_ids=["a", "a\x00", "a", "a\x00"])
    assert result.groups.group_id.tolist() == ["a", "a\x00"]
