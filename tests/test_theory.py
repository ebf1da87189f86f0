"""momentum_docs.theory against brute force: eigenvalues by NumPy, rates and stability by simulation."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from momentum_docs import GradientDescent, Momentum, Nesterov, Quadratic, optimize, theory

METHODS = [(Momentum, False), (Nesterov, True)]


class Line:
    """f(x) = lam x^2 / 2 on one coordinate."""

    def __init__(self, lam: float) -> None:
        self.lam = lam

    def __call__(self, x: np.ndarray) -> float:
        return float(0.5 * self.lam * x**2)

    def gradient(self, x: np.ndarray) -> np.ndarray:
        return self.lam * x


@pytest.mark.parametrize(("optimizer", "nesterov"), METHODS)
@settings(max_examples=40, deadline=None)
@given(lr=st.floats(0.01, 1.0), momentum=st.floats(0.0, 0.99), lam=st.floats(-1.0, 5.0))
def test_iteration_matrix_is_one_step_of_the_optimizer(optimizer, nesterov, lr, momentum, lam) -> None:
    state = np.array([0.7, -0.3])  # (x, v)
    x, v = optimizer(lr, momentum).step(np.array(state[0]), np.array(state[1]), Line(lam).gradient)
    np.testing.assert_allclose(theory.iteration_matrix(lr, momentum, lam, nesterov) @ state, [x, v], rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("nesterov", [False, True])
def test_spectral_radius_matches_numpy_eigenvalues(nesterov: bool) -> None:
    lr, momentum, lam = np.meshgrid(np.linspace(0.01, 1.5, 23), np.linspace(0, 0.99, 19), np.linspace(-0.5, 4, 17))
    matrices = theory.iteration_matrix(lr, momentum, lam, nesterov)
    brute = np.abs(np.linalg.eigvals(matrices)).max(axis=-1)
    np.testing.assert_allclose(theory.spectral_radius(lr, momentum, lam, nesterov), brute, rtol=1e-6, atol=1e-7)


def run_quietly(optimizer, lam: float, steps: int):
    """Simulate from x = 1; a diverging run is stopped by the package, which is fine here."""
    import warnings

    from momentum_docs import DivergenceError, DivergenceWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DivergenceWarning)
        try:
            return optimize(optimizer, Line(lam), 1.0, steps=steps)
        except DivergenceError:
            return None


@pytest.mark.parametrize(("optimizer", "nesterov"), METHODS)
@pytest.mark.parametrize(
    ("lr", "momentum", "lam"),
    [(0.4, 0.5, 0.2), (0.4, 0.5, 4.0), (0.6, 0.25, 4.0), (0.1, 0.9, 1.0), (0.05, 0.3, 2.0), (0.3, 0.5, 4.0)],
)
def test_spectral_radius_is_the_simulated_rate(optimizer, nesterov, lr, momentum, lam) -> None:
    rho = float(theory.spectral_radius(lr, momentum, lam, nesterov))
    run = run_quietly(optimizer(lr, momentum), lam, steps=300)
    size = np.hypot(run.x, run.state)  # the state (x, v) shrinks or grows like rho^t
    span = 200 if 0.5 < rho < 1.5 else 30
    measured = (size[-1] / size[-1 - span]) ** (1 / span) if 0.5 < rho < 1.5 else (size[40] / size[10]) ** (1 / 30)
    assert measured == pytest.approx(rho, rel=2e-2)


@pytest.mark.parametrize("nesterov", [False, True])
@pytest.mark.parametrize("momentum", [0.0, 0.2, 0.5, 0.9, 0.99])
def test_stability_bound_separates_convergence_from_divergence(nesterov: bool, momentum: float) -> None:
    bound = float(theory.stability_bound(momentum, nesterov))
    optimizer = Nesterov if nesterov else Momentum
    inside, outside = bound * 0.98, bound * 1.02
    assert bool(theory.is_stable(inside, momentum, 1.0, nesterov)) and not theory.is_stable(outside, momentum, 1.0, nesterov)
    assert abs(run_quietly(optimizer(inside, momentum), 1.0, steps=4000).x[-1]) < 1e-3
    diverged = run_quietly(optimizer(outside, momentum), 1.0, steps=4000)
    assert diverged is None or np.abs(diverged.x[-200:]).max() > 1e3


def test_heavy_ball_rate_is_sqrt_momentum_between_the_critical_damping_bounds() -> None:
    for momentum in (0.1, 0.5, 0.9):
        low, high = theory.critical_damping_bounds(momentum)
        inside = np.linspace(low, high, 52)[1:-1]
        np.testing.assert_allclose(theory.spectral_radius(inside, momentum, 1.0), np.sqrt(momentum), rtol=1e-12)
        assert set(theory.regime(inside, momentum, 1.0).tolist()) == {"ripples"}
        outside = np.array([low * 0.5, (high + 2 * (1 + momentum)) / 2])
        assert np.all(theory.spectral_radius(outside, momentum, 1.0) > np.sqrt(momentum))
        assert theory.regime(outside, momentum, 1.0).tolist() == ["monotone", "oscillating"]


def test_regimes_show_in_the_simulated_errors() -> None:
    def signs(lr: float) -> np.ndarray:
        return np.sign(optimize(Momentum(lr, 0.5), Line(4.0), 1.0, steps=40).x)

    monotone, ripples, oscillating = signs(0.01), signs(0.1), signs(0.74)
    assert np.all(monotone > 0)
    assert np.all(oscillating[10:] * oscillating[9:-1] < 0)  # flips every step
    # complex eigenvalues turn the error by their angle per step: a sign change every pi / angle steps
    eigenvalue = np.linalg.eigvals(theory.iteration_matrix(0.1, 0.5, 4.0))[0]
    flips = np.flatnonzero(ripples[1:] * ripples[:-1] < 0)
    assert np.diff(flips).mean() == pytest.approx(np.pi / abs(np.angle(eigenvalue)), rel=0.1)


def test_optimal_parameters_put_both_extremes_on_the_boundaries_and_beat_a_grid() -> None:
    lam_min, lam_max = 0.2, 4.0
    lr, momentum, rate = theory.optimal_parameters(lam_min, lam_max)
    low, high = theory.critical_damping_bounds(momentum)
    assert lr * lam_min == pytest.approx(float(low)) and lr * lam_max == pytest.approx(float(high))
    assert rate == pytest.approx(np.sqrt(momentum)) and rate == pytest.approx((np.sqrt(20) - 1) / (np.sqrt(20) + 1))
    lam = np.linspace(lam_min, lam_max, 200)
    assert theory.spectral_radius(lr, momentum, lam).max() == pytest.approx(rate, rel=1e-6)
    # no (lr, momentum) on a fine grid does better on the whole spectrum
    lrs, gammas = np.meshgrid(np.linspace(0.05, 1.2, 116), np.linspace(0, 0.95, 96), indexing="ij")
    worst = theory.spectral_radius(lrs[..., None], gammas[..., None], lam).max(axis=-1)
    assert worst.min() >= rate - 1e-9


def test_optimal_gd_beats_a_grid_and_matches_simulation() -> None:
    lr, rate = theory.optimal_gd(0.2, 4.0)
    assert rate == pytest.approx(19 / 21)
    lrs = np.linspace(0.01, 0.49, 2000)
    grid = np.maximum(abs(1 - 0.2 * lrs), abs(1 - 4 * lrs))
    assert grid.min() >= rate - 1e-12
    run = optimize(GradientDescent(lr), Quadratic(np.diag([0.2, 4.0])), [1.0, 1.0], steps=50)
    assert np.abs(run.x[-1]).max() == pytest.approx(rate**50, rel=1e-9)


def test_square_root_speed_up() -> None:
    for kappa in (100.0, 1e4, 1e6):
        _, gd = theory.optimal_gd(1.0, kappa)
        _, _, hb = theory.optimal_parameters(1.0, kappa)
        # steps to shrink the error by e: about kappa / 2 for GD and sqrt(kappa) / 2 for momentum
        assert -1 / np.log(gd) == pytest.approx(kappa / 2, rel=0.01)
        assert -1 / np.log(hb) == pytest.approx(np.sqrt(kappa) / 2, rel=0.01)


def test_broadcasting() -> None:
    rho = theory.spectral_radius(np.array([[0.1], [0.2]]), np.array([0.0, 0.5, 0.9]), 1.0)
    assert rho.shape == (2, 3)
    assert theory.iteration_matrix([0.1, 0.2], 0.5, [[1.0], [2.0], [3.0]]).shape == (3, 2, 2, 2)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: theory.spectral_radius(0.0, 0.5, 1.0), "lr must be > 0"),
        (lambda: theory.spectral_radius(0.1, 1.0, 1.0), r"momentum must lie in \[0, 1\)"),
        (lambda: theory.spectral_radius(0.1, 0.5, np.nan), "lam must be finite"),
        (lambda: theory.optimal_parameters(0.0, 1.0), "need 0 < lam_min <= lam_max"),
        (lambda: theory.optimal_gd(2.0, 1.0), "need 0 < lam_min <= lam_max"),
    ],
)
def test_bad_input(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


def test_schedules_and_nesterov_optimizer_validate_every_step() -> None:
    with pytest.raises(ValueError, match=r"lr\(3\) must be finite and > 0"):
        optimize(Nesterov(lambda t: 0.1 if t < 3 else -1.0, 0.5), Line(1.0), 1.0, steps=5)


def lyapunov_variance(lr: float, momentum: float, lam: float, sigma2: float) -> float:
    """Solve Sigma = M Sigma M^T + sigma^2 b b^T for the state (x, v), by brute force."""
    M = theory.iteration_matrix(lr, momentum, lam)
    b = np.array([-lr, lr])  # the noise enters v as + lr xi and x as - lr xi
    n = 2
    system = np.eye(n * n) - np.kron(M, M)
    sigma = np.linalg.solve(system, sigma2 * np.outer(b, b).ravel()).reshape(n, n)
    return float(sigma[0, 0])


@settings(max_examples=40, deadline=None)
@given(lr=st.floats(0.01, 1.0), momentum=st.floats(0.0, 0.95), lam=st.floats(0.1, 4.0), sigma2=st.floats(0.1, 4.0))
def test_stationary_variance_solves_the_lyapunov_equation(lr, momentum, lam, sigma2) -> None:
    if not theory.is_stable(lr, momentum, lam) or theory.spectral_radius(lr, momentum, lam) > 0.999:
        assert not theory.is_stable(lr, momentum, lam) or np.isfinite(theory.stationary_variance(lr, momentum, lam, sigma2))
        return
    assert float(theory.stationary_variance(lr, momentum, lam, sigma2)) == pytest.approx(
        lyapunov_variance(lr, momentum, lam, sigma2), rel=1e-8
    )


@pytest.mark.parametrize(("lr", "momentum"), [(0.1, 0.0), (0.1, 0.9), (0.01, 0.9), (0.5, 0.5)])
def test_stationary_loss_matches_simulation(lr: float, momentum: float) -> None:
    from momentum_docs import NoisyQuadratic

    f = NoisyQuadratic([1.0], noise=1.0, seed=7)
    run = optimize(Momentum(lr, momentum), f, np.full((4000, 1), 3.0), steps=1500)  # transient, then the floor
    simulated = run.loss[-500:].mean()
    assert simulated == pytest.approx(float(theory.stationary_loss(lr, momentum, 1.0, 1.0)), rel=0.05)


def test_stationary_loss_outside_the_stable_range_is_infinite() -> None:
    assert theory.stationary_loss(3.5, 0.5, 1.0, 1.0) == np.inf


@settings(max_examples=60, deadline=None)
@given(momentum=st.floats(0.0, 0.95), a=st.floats(-1.0, 5.0))
def test_stability_is_read_off_from_the_characteristic_polynomial_at_plus_and_minus_one(momentum, a) -> None:
    """The quadratic page's argument: p(1) = a and p(-1) = 2 (1 + gamma) - a decide stability."""
    trace, det = theory.characteristic_coefficients(1.0, momentum, a)
    p_one, p_minus_one = 1 - trace + det, 1 + trace + det
    assert p_one == pytest.approx(a, abs=1e-12)
    assert p_minus_one == pytest.approx(2 * (1 + momentum) - a, abs=1e-12)
    if min(abs(p_one), abs(p_minus_one)) > 1e-9:  # off the boundary itself
        assert bool(theory.is_stable(1.0, momentum, a)) == bool(p_one > 0 and p_minus_one > 0)


@pytest.mark.parametrize("momentum", [0.0, 0.2, 0.5, 0.9])
def test_on_the_stability_boundary_the_error_flips_sign_at_constant_size(momentum: float) -> None:
    """At a = 2 (1 + gamma) the rate is exactly 1: the error neither shrinks nor grows (the map page)."""
    a = 2 * (1 + momentum)
    # exactly 1 in exact arithmetic; in floating point within a few units of the last place
    assert float(theory.spectral_radius(a, momentum, 1.0)) == pytest.approx(1.0, abs=1e-12)
    state = np.array([1.0, 0.0])
    M = theory.iteration_matrix(a, momentum, 1.0)
    sizes = []
    for _ in range(600):
        state = M @ state
        sizes.append(abs(state[0]))
    late = np.array(sizes[400:])
    # the -gamma mode has died out: |x_t| is constant, and x_t alternates in sign
    assert late.max() - late.min() < 1e-9 * late.max() + 1e-12
    assert late.min() > 0.1


@settings(max_examples=60, deadline=None)
@given(momentum=st.floats(0.05, 0.95), fraction=st.floats(0.02, 0.98), below=st.booleans())
def test_start_up_amplitude_of_the_slow_mode(momentum, fraction, below) -> None:
    """From rest, x_t = c1 mu1^t + c2 mu2^t with c1 = (mu1 - gamma) / (mu1 - mu2) x0 (the quadratic page)."""
    low, high = (float(b) for b in theory.critical_damping_bounds(momentum))
    # a with two distinct real eigenvalues: below the band, or between its top and the stability bound
    a = fraction * low if below else high + fraction * (2 * (1 + momentum) - high)
    mu = np.linalg.eigvals(theory.iteration_matrix(a, momentum, 1.0)).real
    mu1, mu2 = sorted(mu, key=abs, reverse=True)  # the slow (dominant) eigenvalue first
    c1 = (mu1 - momentum) / (mu1 - mu2)
    steps = np.arange(30)
    closed_form = c1 * mu1**steps + (1 - c1) * mu2**steps
    state, simulated = np.array([1.0, 0.0]), []
    M = theory.iteration_matrix(a, momentum, 1.0)
    for _ in steps:
        simulated.append(state[0])
        state = M @ state
    np.testing.assert_allclose(simulated, closed_form, rtol=1e-9, atol=1e-12)


def test_running_example_start_up_factor() -> None:
    """The numbers of the quadratic page: c1 = 2.14 x0, and 31.7 / 2.14 = 14.8 against the observed 15.0."""
    mu2, mu1 = np.sort(np.linalg.eigvals(theory.iteration_matrix(0.4, 0.5, 0.2)).real)
    c1 = (mu1 - 0.5) / (mu1 - mu2)
    assert c1 == pytest.approx(2.14, abs=5e-3)
    from momentum_docs import ill_conditioned_quadratic

    f = ill_conditioned_quadratic()
    gd = optimize(GradientDescent(0.4), f, [-5.0, -2.0], steps=20).x[-1, 0]
    hb = optimize(Momentum(0.4, 0.5), f, [-5.0, -2.0], steps=20).x[-1, 0]
    assert gd / hb == pytest.approx(15.0, abs=0.05)
    assert (0.92 / mu1) ** 20 / c1 == pytest.approx(14.8, abs=0.05)


@pytest.mark.parametrize("kappa", [4.0, 25.0, 100.0, 1e4])
def test_nesterov_standard_parameters_on_a_quadratic(kappa: float) -> None:
    """With lr = 1 / lam_max and momentum (sqrt(kappa) - 1) / (sqrt(kappa) + 1) the flattest direction is
    critically damped at 1 - 1 / sqrt(kappa), the worst rate over [lam_min, lam_max] (the Nesterov page)."""
    root = np.sqrt(kappa)
    lr, momentum = 1 / kappa, (root - 1) / (root + 1)
    trace, det = theory.characteristic_coefficients(lr, momentum, 1.0, nesterov=True)
    assert float(trace) == pytest.approx(2 * (1 - 1 / root), rel=1e-12)
    assert float(det) == pytest.approx((1 - 1 / root) ** 2, rel=1e-12)
    curvatures = np.linspace(1.0, kappa, 4001)
    worst = theory.spectral_radius(lr, momentum, curvatures, nesterov=True).max()
    assert worst == pytest.approx(1 - 1 / root, abs=1e-6)
    # the loss guarantee (1 - 1/sqrt(kappa))^t is the distance rate sqrt(1 - 1/sqrt(kappa)): slower
    assert np.sqrt(1 - 1 / root) > worst
