"""momentum_docs.stochastic: exact moments against simulation, the floor, the coupled runs and the lag."""

from __future__ import annotations

import numpy as np
import pytest

from momentum_docs import GradientDescent, Momentum, NoisyQuadratic, Quadratic, optimize, theory
from momentum_docs.stochastic import coupled_runs, effective_learning_rate, expected_loss, momentum_lag

LAMS = np.array([0.2, 4.0])
X0 = np.array([-5.0, -2.0])


def test_without_noise_it_is_the_deterministic_run() -> None:
    exact = expected_loss(0.3, 0.6, LAMS, 0.0, X0, steps=50)
    run = optimize(Momentum(0.3, 0.6), Quadratic(np.diag(LAMS)), X0, steps=50)
    np.testing.assert_allclose(exact, run.loss, rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize(("lr", "momentum"), [(0.1, 0.0), (0.05, 0.5), (0.02, 0.9)])
def test_expected_loss_matches_simulation(lr: float, momentum: float) -> None:
    runs = 20_000
    exact = expected_loss(lr, momentum, LAMS, 1.0, X0, steps=120)
    simulated = optimize(Momentum(lr, momentum), NoisyQuadratic(LAMS, 1.0, seed=5), np.tile(X0, (runs, 1)), 120).loss
    # the average of 20 000 runs scatters by about 1.4% (the loss of one run has a relative spread below 2)
    assert np.abs(simulated / exact - 1).max() < 0.06
    assert abs(simulated[-40:].mean() / exact[-40:].mean() - 1) < 0.02


@pytest.mark.parametrize(("lr", "momentum"), [(0.1, 0.0), (0.05, 0.5), (0.01, 0.9), (0.5, 0.9)])
def test_the_limit_is_the_stationary_loss(lr: float, momentum: float) -> None:
    exact = expected_loss(lr, momentum, LAMS, 2.0, X0, steps=20_000)
    assert exact[-1] == pytest.approx(float(theory.stationary_loss(lr, momentum, LAMS, 2.0).sum()), rel=1e-9)


def test_a_diverging_setting_gives_inf() -> None:
    exact = expected_loss(1.0, 0.0, LAMS, 1.0, X0, steps=2000)  # lr * 4 = 4 > 2
    assert np.isinf(exact[-1]) and np.all(np.diff(exact[1:50]) > 0)


def test_coupled_runs_contain_both_expected_losses() -> None:
    runs = coupled_runs(0.02, 0.8, LAMS, 1.5, X0, steps=300)
    np.testing.assert_allclose(runs.loss_momentum, expected_loss(0.02, 0.8, LAMS, 1.5, X0, 300), rtol=1e-10)
    np.testing.assert_allclose(runs.loss_sgd, expected_loss(0.1, 0.0, LAMS, 1.5, X0, 300), rtol=1e-10)
    assert runs.distance[0] == 0


def test_coupled_distance_matches_a_simulation_with_shared_noise() -> None:
    """Two NoisyQuadratic objects with the same seed hand both runs the same noise, step by step."""
    lr, momentum, steps, n = 0.02, 0.8, 150, 10_000
    start = np.tile(X0, (n, 1))
    with_momentum = optimize(Momentum(lr, momentum), NoisyQuadratic(LAMS, 1.0, seed=9), start, steps)
    sgd = optimize(GradientDescent(lr / (1 - momentum)), NoisyQuadratic(LAMS, 1.0, seed=9), start, steps)
    simulated = np.mean(np.sum((with_momentum.x - sgd.x) ** 2, axis=-1), axis=-1)
    exact = coupled_runs(lr, momentum, LAMS, 1.0, X0, steps).distance
    assert np.abs(simulated[20:] / exact[20:] - 1).max() < 0.08  # 10 000 runs: about 1.4% scatter per step
    # with independent noise the two runs would be much farther apart: the coupling is real
    independent = optimize(GradientDescent(lr / (1 - momentum)), NoisyQuadratic(LAMS, 1.0, seed=10), start, steps)
    apart = np.mean(np.sum((with_momentum.x - independent.x) ** 2, axis=-1), axis=-1)
    assert apart[-1] > 5 * exact[-1]


def test_the_two_runs_get_closer_as_the_learning_rate_shrinks() -> None:
    ratios = []
    for lr_eff in (0.1, 0.01, 0.001):
        runs = coupled_runs(lr_eff * 0.1, 0.9, [1.0], 1.0, [0.0], steps=int(10 / lr_eff))
        ratios.append(runs.distance[-1] / runs.deviation_sgd[-1])
    assert ratios[0] > 5 * ratios[1] > 25 * ratios[2]


@pytest.mark.parametrize("momentum", [0.5, 0.8, 0.9])
def test_the_slow_mode_against_sgd_with_the_effective_rate(momentum: float) -> None:
    """Without noise, x_momentum(t) / x_sgd(t) = 1 + gamma a/(1 - gamma)^2 (1 - t a_eff) + O(a^2) once the start-up is over."""
    errors = []
    for a in (1e-3, 1e-4):
        a_eff = a / (1 - momentum)
        steps = int(3 / a_eff)
        x = optimize(Momentum(a, momentum), Quadratic([[1.0]]), [1.0], steps=steps).x[:, 0]
        t = np.arange(steps + 1)
        ratio = x / (1 - a_eff) ** t
        predicted = 1 + momentum_lag(momentum) * a_eff * (1 - a_eff * t)  # gamma a/(1-gamma)^2 = lag * a_eff
        after_start_up = slice(int(10 / (1 - momentum)), None)
        errors.append(np.abs(ratio - predicted)[after_start_up].max())
    assert errors[1] < errors[0] / 50  # second order in a


def test_effective_learning_rate_and_lag() -> None:
    assert effective_learning_rate(0.02, 0.5) == pytest.approx(0.04)
    assert momentum_lag(0.5) == pytest.approx(1.0)
    assert momentum_lag(0.0) == 0.0


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: expected_loss(0.0, 0.5, LAMS, 1.0, X0, 3), "lr must be finite and > 0"),
        (lambda: expected_loss(0.1, 1.0, LAMS, 1.0, X0, 3), "momentum must lie in"),
        (lambda: expected_loss(0.1, 0.5, [0.0, 1.0], 1.0, X0, 3), "curvatures > 0"),
        (lambda: expected_loss(0.1, 0.5, LAMS, -1.0, X0, 3), "noise_variance must be >= 0"),
        (lambda: expected_loss(0.1, 0.5, LAMS, 1.0, [1.0], 3), "one entry per curvature"),
        (lambda: coupled_runs(0.1, 0.5, LAMS, 1.0, X0, -1), "steps must be >= 0"),
        (lambda: effective_learning_rate(0.1, 1.0), "momentum must lie in"),
    ],
)
def test_bad_arguments_are_named(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()
