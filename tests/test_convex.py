"""momentum_docs.convex: the (t - 1)/(t + 2) method, its energy and bounds, the test functions, heavy ball's cycles."""

from __future__ import annotations

import numpy as np
import pytest

from momentum_docs import CyclingCounterexample, GradientDescent, Momentum, Quadratic, optimize, theory
from momentum_docs.convex import (
    AcceleratedGradient,
    ChainQuadratic,
    HuberFunction,
    accelerated_bound,
    accelerated_energy,
    gradient_descent_bound,
    heavy_ball_cycle,
    nesterov_momentum,
)
from momentum_docs.crosswalk import SutskeverNesterov


def two_sequences(gradient, x0: np.ndarray, lr: float, steps: int) -> np.ndarray:
    """The textbook form, written independently: x_t = y_(t-1) - lr grad(y_(t-1)), y_t = x_t + (t-1)/(t+2) (x_t - x_(t-1))."""
    xs, y = [x0], x0
    for t in range(1, steps + 1):
        x = y - lr * gradient(y)
        y = x + (t - 1) / (t + 2) * (x - xs[-1])
        xs.append(x)
    return np.array(xs)


def test_the_momentum_schedule() -> None:
    assert [nesterov_momentum(t) for t in (0, 1, 2, 3, 4)] == [0.0, 0.0, 0.25, 0.4, 0.5]
    assert nesterov_momentum(1000) == pytest.approx(1 - 3 / 1002)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_accelerated_gradient_is_the_textbook_two_sequence_method(seed: int) -> None:
    rng = np.random.default_rng(seed)
    A = rng.normal(size=(6, 4))
    f = Quadratic(A.T @ A)
    x0 = rng.normal(size=4)
    lr = 1 / f.eigenvalues.max()
    run = optimize(AcceleratedGradient(lr), f, x0, steps=40)
    np.testing.assert_allclose(run.x, two_sequences(f.gradient, x0, lr, 40), rtol=1e-12, atol=1e-14)


def test_with_constant_momentum_it_is_sutskevers_form() -> None:
    f = CyclingCounterexample()
    ours = optimize(AcceleratedGradient(0.04, 2 / 3), f, 3.2, steps=60)
    theirs = optimize(SutskeverNesterov(0.04, 2 / 3), f, 3.2, steps=60)
    np.testing.assert_allclose(ours.x, theirs.x, rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(ours.state, -theirs.state, rtol=1e-13, atol=1e-15)


def convex_problems():
    rng = np.random.default_rng(7)
    A = rng.normal(size=(3, 8))  # rank 3 in 8 dimensions: convex, not strongly convex
    Q = A.T @ A
    quadratic = Quadratic(Q / np.linalg.eigvalsh(Q).max())
    chain = ChainQuadratic(41)
    return [
        (quadratic, rng.normal(size=8), np.zeros(8), 0.0),
        (chain, np.zeros(41), chain.minimizer, chain.minimum),
        (HuberFunction(0.1), np.array([2.0, -1.0, 0.05]), np.zeros(3), 0.0),
        (CyclingCounterexample(), np.array(3.2) / 25 * 25, np.array(0.0), 0.0),
    ]


@pytest.mark.parametrize("index", range(4))
def test_the_energy_never_increases_and_gives_the_bound(index: int) -> None:
    f, x0, star, minimum = convex_problems()[index]
    lr = 1 / 25 if isinstance(f, CyclingCounterexample) else 1.0
    run = optimize(AcceleratedGradient(lr), f, x0, steps=300)
    energy = accelerated_energy(run.x, run.loss, star, minimum, lr)
    scale = np.sum((x0 - star) ** 2)
    assert np.all(np.diff(energy) <= 1e-12 * max(1.0, scale))
    assert energy[1] <= scale * (1 + 1e-12)
    t = np.arange(1, 301)
    assert np.all(run.loss[1:] - minimum <= accelerated_bound(t, lr, scale) * (1 + 1e-12))
    gd = optimize(GradientDescent(lr), f, x0, steps=300)
    assert np.all(gd.loss[1:] - minimum <= gradient_descent_bound(t, lr, scale) * (1 + 1e-12))


def test_the_energy_can_increase_with_too_large_a_step() -> None:
    """The bound needs lr <= 1/lam_max; with 1.5/lam_max the energy grows (so the check above can fail)."""
    run = optimize(AcceleratedGradient(1.5), HuberFunction(0.1), [2.0, 1.0], steps=30)
    assert np.diff(accelerated_energy(run.x, run.loss, [0.0, 0.0], 0.0, 1.5)).max() > 0


@pytest.mark.parametrize("steps", [1, 2, 5, 30, 200])
def test_huber_is_gradient_descents_exact_worst_case(steps: int) -> None:
    h = HuberFunction.worst_for_gradient_descent(steps, distance=2.0, lam_max=3.0)
    run = optimize(GradientDescent(1 / 3.0), h, [2.0], steps=steps)
    assert run.loss[-1] == pytest.approx(3.0 * 4.0 / (4 * steps + 2), rel=1e-12)
    assert run.loss[-1] <= float(gradient_descent_bound(steps, 1 / 3.0, 4.0))


def test_huber_value_and_gradient_agree() -> None:
    h = HuberFunction(width=0.7, lam_max=2.5)
    x = np.linspace(-3, 3, 601)
    numeric = (h(x[:, None] + 1e-6) - h(x[:, None] - 1e-6)) / 2e-6
    np.testing.assert_allclose(numeric, h.gradient(x), atol=1e-6)


@pytest.mark.parametrize("dim", [1, 2, 5, 30])
def test_chain_minimiser_and_minimum(dim: int) -> None:
    f = ChainQuadratic(dim, lam_max=3.0)
    A = 2 * np.eye(dim) - np.eye(dim, k=1) - np.eye(dim, k=-1)
    e1 = np.eye(dim)[0]
    np.testing.assert_allclose(f.minimizer, np.linalg.solve(A, e1), rtol=1e-12)
    assert f.minimum == pytest.approx(f(f.minimizer), rel=1e-12)
    x = np.random.default_rng(dim).normal(size=dim)
    assert f(x) == pytest.approx(3.0 / 4 * (0.5 * x @ A @ x - x[0]))
    np.testing.assert_allclose(f.gradient(x), 3.0 / 4 * (A @ x - e1), rtol=1e-12)
    assert np.linalg.eigvalsh(3.0 / 4 * A).max() < 3.0  # lam_max-smooth


def test_chain_moves_one_coordinate_per_step_and_the_floor_holds() -> None:
    t = 12
    f = ChainQuadratic(2 * t + 1)
    lr, momentum, _ = theory.optimal_parameters(0.01, 1.0)
    for method in (GradientDescent(1.0), AcceleratedGradient(1.0), Momentum(lr, momentum)):
        run = optimize(method, f, np.zeros(2 * t + 1), steps=t)
        for k in range(t + 1):
            assert np.all(run.x[k, k:] == 0)
        assert run.loss[-1] >= f.krylov_floor(t) - 1e-15
    # the floor is the minimum over the first t coordinates, and it gives Nesterov's lower bound
    sub = ChainQuadratic(t)
    assert f.krylov_floor(t) == pytest.approx(sub.minimum)
    distance = np.sum(f.minimizer**2)
    assert (f.krylov_floor(t) - f.minimum) / distance >= 3 / (32 * (t + 1) ** 2)


def test_heavy_ball_cycle_on_the_counterexample() -> None:
    f = CyclingCounterexample()
    lr, momentum, rate = theory.optimal_parameters(1.0, 25.0)
    cycle = heavy_ball_cycle(f, lr, momentum, [-1.8, 2.1, 0.6])
    assert [round(p * 1225) for p in cycle] == [-2208, 2592, 792]
    np.testing.assert_allclose(np.array(cycle) * 1225, [-2208, 2592, 792], rtol=1e-11)
    assert cycle.multiplier == pytest.approx(rate**3, rel=1e-5)  # a double eigenvalue: sqrt(rounding)
    # started on the cycle (x_(-1) = last point, via the velocity), heavy ball stays on it
    x, v = np.array(cycle[0]), np.array(cycle[2] - cycle[0])  # v = x_(t-1) - x_t
    for step in range(9):
        x, v = Momentum(lr, momentum).step(x, v, f.gradient)
        assert float(x) == pytest.approx(cycle[(step + 1) % 3], rel=1e-9)


def test_heavy_ball_cycle_finds_the_unstable_cycle_too() -> None:
    """With the middle point on the middle piece there is a second 3-cycle, which repels (multiplier > 1)."""
    f = CyclingCounterexample()
    lr, momentum, _ = theory.optimal_parameters(1.0, 25.0)
    cycle = heavy_ball_cycle(f, lr, momentum, [-1.6, 1.9, 0.6])
    assert 1 <= cycle[1] < 2 and cycle.multiplier > 1
    x, v = np.array(cycle[0]), np.array(cycle[2] - cycle[0])
    for step in range(3):
        x, v = Momentum(lr, momentum).step(x, v, f.gradient)
        assert float(x) == pytest.approx(cycle[(step + 1) % 3], rel=1e-9)


@pytest.mark.parametrize("guess", [[-1.8, 2.1], [2.5, 2.6, 2.7], [3.0, -2.0, 1.5, 0.2]])
def test_heavy_ball_cycle_refuses_a_wrong_guess(guess: list[float]) -> None:
    lr, momentum, _ = theory.optimal_parameters(1.0, 25.0)
    with pytest.raises(ValueError, match="no cycle of heavy ball"):
        heavy_ball_cycle(CyclingCounterexample(), lr, momentum, guess)


def test_heavy_ball_cycle_refuses_a_point_on_a_kink() -> None:
    lr, momentum, _ = theory.optimal_parameters(1.0, 25.0)
    with pytest.raises(ValueError, match="sits on a kink"):
        heavy_ball_cycle(CyclingCounterexample(), lr, momentum, [-1.8, 2.0, 0.6])


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: nesterov_momentum(-1), "t must be >= 0"),
        (lambda: AcceleratedGradient(0.1, 1.0), "momentum must lie in"),
        (lambda: optimize(AcceleratedGradient(0.1, lambda k: 1.5), Quadratic([[1.0]]), [1.0], 2), r"momentum\(0\)"),
        (lambda: accelerated_bound(0, 1.0, 1.0), "steps must be whole numbers >= 1"),
        (lambda: gradient_descent_bound([1, 2], 1.0, -1.0), "distance_squared must be >= 0"),
        (lambda: ChainQuadratic(0), "dim must be >= 1"),
        (lambda: ChainQuadratic(3)(np.zeros(4)), "last axis of length 3"),
        (lambda: HuberFunction(0.0), "width must be finite and > 0"),
        (lambda: HuberFunction.worst_for_gradient_descent(0, 1.0), "steps must be >= 1"),
        (lambda: accelerated_energy(np.zeros((3, 2)), np.zeros(2), [0, 0], 0.0, 1.0), "one row per entry"),
        (lambda: heavy_ball_cycle(CyclingCounterexample(), 0.1, 0.4, [1.0]), "at least 2 numbers"),
    ],
)
def test_bad_arguments_are_named(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


def test_many_starts_are_independent_runs() -> None:
    from momentum_docs.convex import ManyStarts

    f = CyclingCounterexample()
    lr, momentum, _ = theory.optimal_parameters(1.0, 25.0)
    starts = np.array([3.2, 3.0, -1.0])
    together = optimize(Momentum(lr, momentum), ManyStarts(f), starts, steps=50).x
    for i, x0 in enumerate(starts):
        alone = optimize(Momentum(lr, momentum), f, x0, steps=50).x
        np.testing.assert_array_equal(together[:, i], alone)
    with pytest.raises(ValueError, match=r"shape \(runs,\)"):
        ManyStarts(f)(np.zeros((2, 2)))
    with pytest.raises(TypeError, match="gradient"):
        ManyStarts(abs)


def test_worst_case_gaps_sit_between_the_bounds() -> None:
    from momentum_docs.convex import worst_case_gaps

    horizons = (1, 3, 20)
    gaps = worst_case_gaps(horizons)
    t = np.array(horizons)
    np.testing.assert_allclose(gaps["gd_huber"], 1 / (4 * t + 2), rtol=1e-12)
    assert np.all(3 / (32 * (t + 1) ** 2) <= gaps["nesterov_chain"])
    assert np.all(gaps["nesterov_chain"] <= 2 / (t + 1) ** 2)
    assert np.all(gaps["gd_chain"] >= gaps["nesterov_chain"])
    with pytest.raises(ValueError, match="horizon must be >= 1"):
        worst_case_gaps((0,))
