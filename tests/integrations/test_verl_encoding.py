"""The float32 verdict encoding that carries RLMR's inputs to verl's estimator (numpy only, no verl)."""

import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rlmr.integrations.verl.encoding import MAX_CONSTRAINTS, decode, encode, encode_one, round_score, verdict_code

finite = st.floats(min_value=-1e30, max_value=1e30, allow_nan=False, allow_subnormal=True)
verdicts = st.integers(0, MAX_CONSTRAINTS).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n)))


@settings(max_examples=400)
@given(st.lists(st.tuples(st.one_of(st.none(), finite), verdicts), min_size=1, max_size=40))
def test_round_trip_keeps_the_verdict_exactly_and_the_score_to_2e_16(rows):
    scores = [s for s, _ in rows]
    n = [r[1][0] for r in rows]
    k = [r[1][1] for r in rows]
    enc = encode(scores, n, k)
    assert enc.dtype == np.float32 and np.all(np.isfinite(enc))
    assert np.all(np.abs(enc) >= np.float32(2.0**-61)), "no subnormal (flush-to-zero would erase the verdict)"
    out = decode(enc)
    assert out["n"].tolist() == n and out["k"].tolist() == k
    assert out["passed"].tolist() == [float(a == b) for a, b in zip(k, n)]
    assert np.allclose(out["satisfied"], [b / a if a else 1.0 for a, b in zip(n, k)], rtol=0, atol=0)
    for s, got in zip(scores, out["writing_score"]):
        if s is None:
            assert np.isnan(got)
        elif abs(s) < 2.0**-60:
            assert got == 0.0
        else:
            assert abs(got - s) <= abs(s) * (2.0**-16 + 2.0**-24)
            assert np.sign(got) == np.sign(s)
        assert (np.isnan(got) and np.isnan(round_score(s))) or got == round_score(s)


def test_a_python_float_survives_verls_float32_tensor():
    # verl's reward loop stores compute_score's float with torch.tensor(..., dtype=float32): a
    # float64 holding an exact float32 converts back without change.
    value = encode_one(0.73125, 3, 2)
    assert np.float32(value) == value
    again = decode(np.asarray([value], np.float32))
    assert again["k"][0] == 2 and again["n"][0] == 3 and again["passed"][0] == 0.0


def test_codes_are_distinct_and_fit_seven_bits():
    codes = {verdict_code(n, k) for n in range(MAX_CONSTRAINTS + 1) for k in range(n + 1)}
    assert len(codes) == (MAX_CONSTRAINTS + 1) * (MAX_CONSTRAINTS + 2) // 2 and max(codes) < 128


@pytest.mark.parametrize("bad, message", [
    (lambda: encode([1.0], [15], [0]), "0..14 constraints"),
    (lambda: encode([1.0], [2], [3]), "n_satisfied"),
    (lambda: encode([float("inf")], [1], [1]), "finite"),
    (lambda: decode(np.asarray([0.0], np.float32)), "not an rlmr-encoded reward"),
    (lambda: decode(np.asarray([1e-40], np.float32)), "not an rlmr-encoded reward"),
    (lambda: decode(np.asarray([0.1], np.float64)), "float32"),
])
def test_bad_values_raise_naming_what(bad, message):
    with pytest.raises(ValueError, match=message):
        bad()


def test_unused_codes_are_rejected():
    bits = np.asarray([np.float32(1.0).view(np.uint32) | np.uint32(127)], np.uint32)
    with pytest.raises(ValueError, match=r"reward\[0\]"):
        decode(bits.view(np.float32))


def test_the_encoding_and_options_import_no_engine():
    code = (
        "import sys, rlmr.integrations.verl.encoding, rlmr.integrations.verl.options, rlmr.integrations.verl.diagnostics\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in {'torch', 'verl', 'ray', 'transformers'})))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
