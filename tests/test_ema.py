"""EMA identities: the expansion, the window, the e^-1 limit, momentum as an EMA."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from momentum_docs import (
    Momentum,
    effective_window,
    ema,
    ema_unrolled,
    ema_weights,
    optimize,
    window_mass,
    window_weight,
)
from momentum_docs.objectives import Quadratic

gammas = st.floats(min_value=0.0, max_value=0.999)


@settings(max_examples=50, deadline=None)
@given(gamma=gammas, seed=st.integers(0, 2**32 - 1), y0=st.floats(-5, 5))
def test_recursion_equals_unrolled_sum(gamma: float, seed: int, y0: float) -> None:
    xs = np.random.default_rng(seed).normal(size=(30, 2))
    np.testing.assert_allclose(ema(xs, gamma, y0), ema_unrolled(xs, gamma, y0), rtol=1e-10, atol=1e-12)


@settings(max_examples=50, deadline=None)
@given(gamma=gammas, t=st.integers(1, 200))
def test_weights_sum_to_one_minus_gamma_to_the_t(gamma: float, t: int) -> None:
    assert ema_weights(gamma, t).sum() == pytest.approx(1 - gamma**t, rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("n", [1, 2, 5, 10, 20, 100, 1000])
def test_window_weight_is_one_minus_one_over_n_to_the_n(n: int) -> None:
    gamma = 1 - 1 / n
    assert effective_window(gamma) == pytest.approx(n)
    assert window_weight(gamma) == pytest.approx((1 - 1 / n) ** n, rel=1e-12)
    assert window_mass(gamma) == pytest.approx(ema_weights(gamma, n).sum(), rel=1e-12)


def test_window_weight_tends_to_e_to_the_minus_one() -> None:
    values = [window_weight(1 - 10.0**-k) for k in range(1, 8)]
    assert all(a < b for a, b in zip(values, values[1:]))  # increasing towards the limit
    assert values[-1] == pytest.approx(math.exp(-1), rel=1e-6)
    assert all(v < math.exp(-1) for v in values)  # from below


@settings(max_examples=40, deadline=None)
@given(lr=st.floats(1e-3, 0.3), gamma=st.floats(0.0, 0.95), seed=st.integers(0, 2**32 - 1))
def test_velocity_is_an_ema_of_scaled_gradients(lr: float, gamma: float, seed: int) -> None:
    """v_t = gamma v_{t-1} + (1 - gamma) * (eta g_t / (1 - gamma))."""
    f = Quadratic(np.diag([0.5, 2.0]))
    run = optimize(Momentum(lr, gamma), f, np.random.default_rng(seed).normal(size=2), steps=30)
    gradients = f.gradient(run.x[:-1])  # g_t is taken at x_{t-1}
    np.testing.assert_allclose(run.state[1:], ema(lr * gradients / (1 - gamma), gamma), rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("gamma", [-0.1, 1.0, 2.0])
def test_bad_gamma(gamma: float) -> None:
    with pytest.raises(ValueError, match=r"gamma must lie in \[0, 1\)"):
        ema([1.0], gamma)
