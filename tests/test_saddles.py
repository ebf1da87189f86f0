"""The saddle functions: derivatives against finite differences, the critical points, the stable manifold,
and escape rates against momentum_docs.theory."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from momentum_docs import (
    GradientDescent,
    Momentum,
    Nesterov,
    PlateauSaddle,
    StrictSaddle,
    optimize,
    steps_to_escape,
    theory,
)

FUNCTIONS = [StrictSaddle(), PlateauSaddle(), StrictSaddle(stable=2.0, depth=0.5), PlateauSaddle(stable=0.3, depth=2.0)]
coordinates = st.floats(-2.0, 2.0)


@pytest.mark.parametrize("f", FUNCTIONS, ids=repr)
@settings(max_examples=40, deadline=None)
@given(x1=coordinates, x2=coordinates)
def test_gradient_and_hessian_match_central_differences(f, x1: float, x2: float) -> None:  # type: ignore[no-untyped-def]
    x, h = np.array([x1, x2]), 1e-6
    steps = np.eye(2) * h
    numeric_gradient = np.array([(f(x + e) - f(x - e)) / (2 * h) for e in steps])
    np.testing.assert_allclose(f.gradient(x), numeric_gradient, rtol=1e-6, atol=1e-8)
    numeric_hessian = np.column_stack([(f.gradient(x + e) - f.gradient(x - e)) / (2 * h) for e in steps])
    np.testing.assert_allclose(f.hessian(x), numeric_hessian, rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize("f", FUNCTIONS, ids=repr)
def test_values_gradients_and_hessians_broadcast_over_a_grid(f) -> None:  # type: ignore[no-untyped-def]
    grid = np.stack(np.meshgrid(np.linspace(-1, 1, 4), np.linspace(-2, 2, 3)), axis=-1)  # (3, 4, 2)
    assert f(grid).shape == (3, 4) and f.gradient(grid).shape == (3, 4, 2) and f.hessian(grid).shape == (3, 4, 2, 2)
    np.testing.assert_array_equal(f(grid)[1, 2], f(grid[1, 2]))
    np.testing.assert_array_equal(f.hessian(grid)[2, 3], f.hessian(grid[2, 3]))


@pytest.mark.parametrize("f", FUNCTIONS, ids=repr)
def test_the_critical_points(f) -> None:  # type: ignore[no-untyped-def]
    np.testing.assert_array_equal(f.gradient(f.saddle), [0.0, 0.0])
    eigenvalues = np.linalg.eigvalsh(f.hessian(f.saddle))
    if isinstance(f, StrictSaddle):
        assert eigenvalues.tolist() == [-f.depth, f.stable]  # exactly one negative: a strict saddle
    else:
        assert eigenvalues.tolist() == [0.0, f.stable]  # degenerate: the plateau
    for minimum in f.minima:
        np.testing.assert_allclose(f.gradient(minimum), [0.0, 0.0], atol=1e-15)
        assert np.all(np.linalg.eigvalsh(f.hessian(minimum)) > 0)
        assert f(minimum) < f(f.saddle)
    # and they are the only critical points: the gradient vanishes nowhere else on a fine grid
    grid = np.stack(np.meshgrid(np.linspace(-2, 2, 401), np.linspace(-2, 2, 401)), axis=-1)
    critical = grid[np.linalg.norm(f.gradient(grid), axis=-1) < 1e-12]
    assert sorted(map(tuple, critical.round(12))) == [(0.0, -1.0), (0.0, 0.0), (0.0, 1.0)]


@pytest.mark.parametrize("f", FUNCTIONS, ids=repr)
@pytest.mark.parametrize("optimizer", [GradientDescent(0.1), Momentum(0.1, 0.9), Nesterov(0.1, 0.9)], ids=repr)
def test_from_the_stable_manifold_the_iterates_converge_to_the_saddle(f, optimizer) -> None:  # type: ignore[no-untyped-def]
    run = optimize(optimizer, f, [2.0, 0.0], steps=800)
    assert np.all(run.x[:, 1] == 0.0)  # x2 = 0 is kept exactly
    assert f.distance_to_saddle(run.x[-1]) < 1e-8


@pytest.mark.parametrize("momentum", [0.5, 0.9, 0.95])
@pytest.mark.parametrize("nesterov", [False, True])
def test_near_a_strict_saddle_the_escape_rate_is_the_spectral_radius(momentum: float, nesterov: bool) -> None:
    """Along the unstable direction, |x2| grows per step by the spectral radius for lam = -depth (> 1)."""
    f, lr = StrictSaddle(), 0.1
    run = optimize((Nesterov if nesterov else Momentum)(lr, momentum), f, [2.0, 1e-14], steps=400)
    x2 = np.abs(run.x[:, 1])
    linear = np.flatnonzero((x2 > 1e-12) & (x2 < 1e-7))  # x2^3 is negligible here
    assert len(linear) > 20
    measured = (x2[linear[-1]] / x2[linear[-11]]) ** (1 / 10)
    predicted = float(theory.spectral_radius(lr, momentum, -f.depth, nesterov))
    assert measured == pytest.approx(predicted, rel=1e-4)
    assert predicted > 1 + lr * f.depth  # faster than gradient descent's factor


def test_gradient_descent_escapes_at_one_plus_lr_times_the_negative_curvature() -> None:
    f, lr = StrictSaddle(), 0.1
    run = optimize(GradientDescent(lr), f, [2.0, 1e-14], steps=400)
    x2 = run.x[:, 1]
    linear = np.flatnonzero((x2 > 1e-12) & (x2 < 1e-7))
    np.testing.assert_allclose(x2[linear[1:]] / x2[linear[:-1]], 1 + lr * f.depth, rtol=1e-6)
    assert float(theory.spectral_radius(lr, 0.0, -f.depth)) == pytest.approx(1 + lr * f.depth)


@pytest.mark.parametrize("f", [StrictSaddle(), PlateauSaddle()], ids=repr)
def test_momentum_escapes_sooner_than_gradient_descent_and_reaches_a_minimum(f) -> None:  # type: ignore[no-untyped-def]
    start = [2.0, 1e-4] if isinstance(f, StrictSaddle) else [2.0, 0.1]
    gd = optimize(GradientDescent(0.1), f, start, steps=1500)
    momentum = optimize(Momentum(0.1, 0.9), f, start, steps=1500)
    assert 4 * steps_to_escape(f, momentum.x) < steps_to_escape(f, gd.x)
    for run in (gd, momentum):
        np.testing.assert_allclose(run.x[-1], [0.0, 1.0], atol=1e-6)


def test_on_the_plateau_the_escape_time_of_gradient_descent_grows_like_one_over_x2_squared() -> None:
    """No linear rate: theory gives exactly 1 for lam = 0, and the time to leave grows like 1 / (2 lr c x2(0)^2)."""
    f, lr = PlateauSaddle(), 0.1
    assert float(theory.spectral_radius(lr, 0.9, 0.0)) == pytest.approx(1.0, abs=1e-12)
    assert float(theory.spectral_radius(lr, 0.0, 0.0)) == 1.0
    times = {x2: steps_to_escape(f, optimize(GradientDescent(lr), f, [0.0, x2], steps=40000).x) for x2 in (0.1, 0.05, 0.025)}
    for x2, t in times.items():
        # dx2/dt = lr c x2^3 (1 - x2^2): about (1 / x2(0)^2 - 1 / 0.5^2) / (2 lr c) steps to reach 0.5
        assert t == pytest.approx((1 / x2**2 - 4) / (2 * lr * f.depth), rel=0.05)
    assert times[0.025] / times[0.05] == pytest.approx(4, rel=0.05)


def test_steps_to_escape() -> None:
    f = StrictSaddle()
    assert steps_to_escape(f, [[1.0, 0.0], [1.0, 0.3], [1.0, -0.6], [1.0, 0.9]]) == 2
    assert steps_to_escape(f, [[1.0, 0.0], [1.0, 0.3]]) is None
    assert steps_to_escape(f, [[1.0, 0.0], [1.0, 0.3]], distance=0.25) == 1
    with pytest.raises(ValueError, match=r"one point \(x1, x2\) per row"):
        steps_to_escape(f, [1.0, 0.0])
    with pytest.raises(TypeError, match="StrictSaddle or PlateauSaddle"):
        steps_to_escape("f", [[1.0, 0.0]])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="distance must be a finite number > 0"):
        steps_to_escape(f, [[1.0, 0.0]], distance=0)


@pytest.mark.parametrize(("kwargs", "name"), [({"stable": 0.0}, "stable"), ({"depth": -1.0}, "depth"),
                                               ({"stable": float("nan")}, "stable"), ({"depth": True}, "depth")])
@pytest.mark.parametrize("kind", [StrictSaddle, PlateauSaddle])
def test_bad_parameters(kind: type, kwargs: dict, name: str) -> None:
    with pytest.raises(ValueError, match=f"{name} must be a finite number > 0"):
        kind(**kwargs)


def test_points_of_the_wrong_shape() -> None:
    with pytest.raises(ValueError, match="x must have last axis of length 2"):
        StrictSaddle().gradient([1.0, 2.0, 3.0])
