"""Objectives: gradients against finite differences, the landscape's critical points."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.polynomial import polynomial as P

from momentum_docs import Quadratic, ball_landscape, f_2d, ill_conditioned_quadratic


def central_difference(f, x: np.ndarray, h: float = 1e-6) -> np.ndarray:
    grad = np.zeros_like(x)
    for i in range(x.size):
        step = np.zeros_like(x)
        step.flat[i] = h
        grad.flat[i] = (f(x + step) - f(x - step)) / (2 * h)
    return grad


def test_ill_conditioned_quadratic_is_the_running_example() -> None:
    f = ill_conditioned_quadratic()
    rng = np.random.default_rng(0)
    for x in rng.normal(scale=3, size=(20, 2)):
        assert f(x) == pytest.approx(f_2d(*x), rel=1e-14)
        np.testing.assert_allclose(f.gradient(x), [0.2 * x[0], 4 * x[1]], rtol=1e-14)
    assert f.condition_number == pytest.approx(20.0)


def test_quadratic_gradient_matches_finite_differences() -> None:
    rng = np.random.default_rng(1)
    A = rng.normal(size=(4, 4))
    f = Quadratic(A + A.T)
    x = rng.normal(size=4)
    np.testing.assert_allclose(f.gradient(x), central_difference(f, x), rtol=1e-6, atol=1e-8)


def test_quadratic_evaluates_on_grids() -> None:
    f = ill_conditioned_quadratic()
    grid = np.stack(np.meshgrid(np.linspace(-1, 1, 5), np.linspace(-2, 2, 3)), axis=-1)
    np.testing.assert_allclose(f(grid), f_2d(grid[..., 0], grid[..., 1]))


@pytest.mark.parametrize(
    ("Q", "message"),
    [([[1.0, 2.0], [0.0, 1.0]], "symmetric"), ([1.0, 2.0], "square"), ([[1.0, float("nan")], [1.0, 1.0]], "finite")],
)
def test_quadratic_rejects_bad_matrices(Q: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Quadratic(Q)


def test_landscape_gradient_is_the_derivative_of_its_polynomial() -> None:
    L = ball_landscape()
    t = np.linspace(-3.5, 3.8, 101)
    np.testing.assert_allclose(L.gradient(t), P.polyval(t, P.polyder(L.coefficients_625)) / 625, atol=1e-12)
    h = 1e-6  # L acts entry by entry, so one central difference covers every t
    np.testing.assert_allclose(L.gradient(t), (L(t + h) - L(t - h)) / (2 * h), rtol=1e-5, atol=1e-8)


def test_landscape_critical_points_are_what_the_story_says() -> None:
    L = ball_landscape()
    points = [L.saddle, L.shallow_minimum, L.hill, L.deep_minimum]
    np.testing.assert_array_equal(L.gradient(points), 0.0)
    # the saddle is flat (L'' = 0) and the slope keeps its sign across it
    assert L.curvature(L.saddle) == pytest.approx(0.0, abs=1e-12)
    assert L.gradient(L.saddle - 0.1) < 0 and L.gradient(L.saddle + 0.1) < 0
    assert L.curvature(L.shallow_minimum) > 0 and L.curvature(L.deep_minimum) > 0 and L.curvature(L.hill) < 0
    # the deep minimum is the global one and lies beyond a hill that is higher than the shallow well
    t = np.linspace(-10, 10, 20001)
    assert t[np.argmin(L(t))] == pytest.approx(L.deep_minimum, abs=1e-3)
    assert L(L.deep_minimum) < L(L.shallow_minimum) < L(L.hill) < L(L.saddle) < L(L.start)
    # exact values quoted on the page
    assert [float(L(p)) for p in points] == [1.0, 0.8208, 0.8704, 0.0]


def test_cycling_counterexample_is_smooth_and_strongly_convex() -> None:
    from momentum_docs import CyclingCounterexample

    f = CyclingCounterexample()
    t = np.linspace(-3, 5, 8001)
    h = 1e-6
    np.testing.assert_allclose(f.gradient(t), (f(t + h) - f(t - h)) / (2 * h), rtol=1e-5, atol=1e-6)
    slopes = np.diff(f.gradient(t)) / np.diff(t)  # the curvature, piece by piece
    assert slopes.min() >= 1 - 1e-9 and slopes.max() <= 25 + 1e-9
    assert t[np.argmin(f(t))] == pytest.approx(0.0, abs=1e-3)


def test_tuned_heavy_ball_cycles_and_nesterov_converges_on_the_counterexample() -> None:
    from momentum_docs import CyclingCounterexample, Momentum, Nesterov, optimize, theory

    f = CyclingCounterexample()
    lr, momentum, _ = theory.optimal_parameters(1.0, 25.0)
    assert (lr, momentum) == pytest.approx((1 / 9, 4 / 9))
    run = optimize(Momentum(lr, momentum), f, 3.2, steps=300)
    last = run.x[-9:]
    np.testing.assert_allclose(last[:3], last[3:6], atol=1e-9)  # period three
    assert np.abs(last).min() > 0.6
    kappa = 25.0
    nesterov = optimize(Nesterov(4 / (3 * kappa + 1), (np.sqrt(3 * kappa + 1) - 2) / (np.sqrt(3 * kappa + 1) + 2)), f, 3.2, steps=300)
    assert abs(nesterov.x[-1]) < 1e-20


def heavy_ball_cycles(starts: np.ndarray, steps: int) -> np.ndarray:
    """For each start (at rest), where tuned heavy ball is on the counterexample after ``steps`` steps."""
    from momentum_docs import CyclingCounterexample, Momentum, theory

    f = CyclingCounterexample()
    lr, momentum, _ = theory.optimal_parameters(1.0, 25.0)
    optimizer = Momentum(lr, momentum)
    x, v = np.array(starts, dtype=float), np.zeros(len(starts))
    for t in range(1, steps + 1):
        x, v = optimizer.step(x, v, f.gradient, t)
    return x


def intervals(mask: np.ndarray, points: np.ndarray) -> list[tuple[float, float]]:
    edges = np.flatnonzero(np.diff(np.r_[0, mask.astype(int), 0]))
    return [(round(float(points[i]), 3), round(float(points[j - 1]), 3)) for i, j in zip(edges[::2], edges[1::2])]


def test_counterexample_cycles_exactly_where_the_docstring_says() -> None:
    """The starts in [0, 6] that cycle, every 0.001: the intervals of the docstring and the Nesterov page."""
    starts = np.round(np.linspace(0, 6, 6001), 3)
    end = heavy_ball_cycles(starts, steps=3000)
    three_points = np.sort([heavy_ball_cycles(np.array([3.2]), steps)[0] for steps in (3000, 3001, 3002)])
    np.testing.assert_allclose(three_points, [-1.8024489796, 0.6465306122, 2.1159183673], atol=1e-9)
    converged = np.abs(end) < 1e-12
    on_cycle = np.min(np.abs(end[:, None] - three_points[None, :]), axis=1) < 1e-9
    assert np.all(converged | on_cycle), "every start either converges or joins the one 3-cycle"
    expected = [(0.971, 1.038), (2.751, 2.855), (2.858, 2.92), (3.062, 3.463), (5.394, 5.555)]
    assert intervals(on_cycle, starts) == expected
    assert converged[starts == 3.0].all()
    # the page scans with 1000 steps: the same verdict for every start
    assert np.array_equal(np.abs(heavy_ball_cycles(starts, steps=1000)) > 1e-6, on_cycle)


def test_counterexample_cycle_set_edges_to_a_finer_resolution() -> None:
    """The ends of the intervals near 3, to 1e-5: about [2.7507, 2.9202] (gap 2.8559-2.8571) and [3.0612, 3.4633]."""
    for low, high in [(2.7506, 2.7508), (2.8558, 2.8560), (2.8570, 2.8572), (2.9201, 2.9203), (3.0611, 3.0613),
                      (3.4632, 3.4634)]:
        starts = np.linspace(low, high, 21)
        cycles = np.abs(heavy_ball_cycles(starts, steps=3000)) > 1e-9
        assert cycles[0] != cycles[-1], f"an end of the cycling set lies in [{low}, {high}]"
        assert np.count_nonzero(np.diff(cycles.astype(int))) == 1
