"""momentum_docs.krylov against brute force: polynomials by NumPy, runs by the package's optimizers."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.polynomial import chebyshev as C

from momentum_docs import GradientDescent, Momentum, Nesterov, Quadratic, optimize, theory
from momentum_docs.krylov import (
    ChebyshevIteration,
    chebyshev_bound,
    chebyshev_parameters,
    conjugate_gradient,
    heavy_ball_polynomial,
    heavy_ball_worst_case,
    lower_bound_quadratic,
    minimal_error,
    polyak_rate,
)

LOW, HIGH = 1.0, 100.0


def chebyshev_T(t: int, x: np.ndarray) -> np.ndarray:
    return C.chebval(x, [0] * t + [1])


def mapped(lam: np.ndarray, low: float = LOW, high: float = HIGH) -> np.ndarray:
    return (high + low - 2 * lam) / (high - low)


@pytest.mark.parametrize("t", [0, 1, 2, 5, 17, 40])
def test_chebyshev_bound_is_one_over_T_t(t: int) -> None:
    z = (HIGH + LOW) / (HIGH - LOW)
    np.testing.assert_allclose(chebyshev_bound(t, LOW, HIGH), 1 / chebyshev_T(t, np.array(z)), rtol=1e-12)
    assert chebyshev_bound(t, LOW, HIGH) >= polyak_rate(LOW, HIGH) ** t


@pytest.mark.parametrize("t", [1, 2, 7, 25])
def test_no_polynomial_on_a_grid_search_beats_the_bound(t: int) -> None:
    """The Chebyshev residual polynomial equioscillates at +-1/T_t(z); perturbing it only makes the maximum larger."""
    lam = np.linspace(LOW, HIGH, 4001)
    best = chebyshev_T(t, mapped(lam)) / chebyshev_T(t, np.array((HIGH + LOW) / (HIGH - LOW)))
    assert np.abs(best).max() == pytest.approx(float(chebyshev_bound(t, LOW, HIGH)), rel=1e-9)
    rng = np.random.default_rng(t)
    for _ in range(50):  # random polynomials q with q(0) = 0 added to it
        coefficients = rng.normal(size=t) * 1e-2 / HIGH ** np.arange(1, t + 1)
        perturbed = best + np.polynomial.polynomial.polyval(lam, np.concatenate([[0.0], coefficients]))
        assert np.abs(perturbed).max() >= chebyshev_bound(t, LOW, HIGH) * (1 - 1e-9)


def test_heavy_ball_polynomial_is_the_run() -> None:
    lams = np.linspace(LOW, HIGH, 9)
    lr, momentum, _ = theory.optimal_parameters(LOW, HIGH)
    run = optimize(Momentum(lr, momentum), Quadratic(np.diag(lams)), np.ones(9), steps=30)
    for t in (0, 1, 2, 13, 30):
        np.testing.assert_allclose(run.x[t], heavy_ball_polynomial(t, lams, lr, momentum), rtol=1e-10, atol=1e-14)


@pytest.mark.parametrize("t", [1, 2, 3, 10, 31, 80])
def test_heavy_ball_worst_case_is_the_maximum_at_lam_max(t: int) -> None:
    lr, momentum, r = theory.optimal_parameters(LOW, HIGH)
    lam = np.linspace(LOW, HIGH, 20001)
    values = np.abs(heavy_ball_polynomial(t, lam, lr, momentum))
    assert values.max() == pytest.approx(float(heavy_ball_worst_case(t, LOW, HIGH)), rel=1e-9)
    assert values.argmax() == len(lam) - 1
    # the closed form r^t (U_t(y) - r U_(t-1)(y)), with U from its trigonometric form inside (-1, 1)
    theta = np.arccos(mapped(lam[1:-1]))
    U = lambda n: np.sin((n + 1) * theta) / np.sin(theta)  # noqa: E731
    np.testing.assert_allclose(
        heavy_ball_polynomial(t, lam[1:-1], lr, momentum), r**t * (U(t) - r * U(t - 1)), atol=1e-9 * r**t * t
    )


def test_chebyshev_parameters_tend_to_polyak() -> None:
    lr, momentum = chebyshev_parameters(400, LOW, HIGH)
    polyak_lr, polyak_momentum, r = theory.optimal_parameters(LOW, HIGH)
    assert lr[0] == pytest.approx(2 / (LOW + HIGH)) and momentum[0] == 0
    assert momentum[1] == pytest.approx(2 * r**2 / (1 + r**4))
    assert np.all(np.diff(lr[1:50]) < 0) and np.all(np.diff(momentum[1:50]) < 0)  # decreasing to the limit
    assert np.all(np.diff(lr[1:]) <= 1e-15) and np.all(np.diff(momentum[1:]) <= 1e-15)  # up to rounding
    assert lr[-1] == pytest.approx(polyak_lr, rel=1e-12) and momentum[-1] == pytest.approx(polyak_momentum, rel=1e-12)


@pytest.mark.parametrize("t", [1, 2, 3, 8, 30])
def test_chebyshev_iteration_has_the_chebyshev_residual_polynomial(t: int) -> None:
    lams = np.linspace(LOW, HIGH, 11)
    run = optimize(ChebyshevIteration(LOW, HIGH), Quadratic(np.diag(lams)), np.ones(11), steps=t)
    expected = chebyshev_T(t, mapped(lams)) / chebyshev_T(t, np.array((HIGH + LOW) / (HIGH - LOW)))
    np.testing.assert_allclose(run.x[-1], expected, rtol=1e-8, atol=1e-12)


def test_chebyshev_iteration_extends_its_table() -> None:
    method = ChebyshevIteration(LOW, HIGH)
    assert method.parameters(1000) == pytest.approx(tuple(a[-1] for a in chebyshev_parameters(1000, LOW, HIGH)))


def random_quadratic(n: int, seed: int, lams: np.ndarray | None = None) -> tuple[Quadratic, np.ndarray]:
    rng = np.random.default_rng(seed)
    U, _ = np.linalg.qr(rng.normal(size=(n, n)))
    lams = np.linspace(LOW, HIGH, n) if lams is None else lams
    return Quadratic(U @ np.diag(lams) @ U.T), rng.normal(size=n)


def q_norm(f: Quadratic, x: np.ndarray) -> np.ndarray:
    return np.sqrt(np.einsum("...i,ij,...j->...", x, f.Q, x))


def test_conjugate_gradient_minimises_the_q_norm_over_the_krylov_space() -> None:
    f, x0 = random_quadratic(12, 0)
    run = conjugate_gradient(f, x0, steps=8)
    basis = np.zeros((12, 0))
    vector = f.Q @ x0
    root = np.linalg.cholesky(f.Q).T  # ||x||_Q = ||root x||
    for t in range(1, 9):
        # an orthonormal basis of span(Q x0, ..., Q^t x0), by QR of the previous basis and the next vector
        basis = np.linalg.qr(np.column_stack([basis, vector]))[0]
        vector = f.Q @ basis[:, -1]
        c = np.linalg.lstsq(root @ basis, -root @ x0, rcond=None)[0]
        assert q_norm(f, run.x[t]) == pytest.approx(q_norm(f, x0 + basis @ c), rel=1e-9)
        assert run.loss[t] == pytest.approx(f(run.x[t]), rel=1e-12)


def test_conjugate_gradient_is_exact_after_as_many_steps_as_distinct_curvatures() -> None:
    f, x0 = random_quadratic(30, 1, lams=np.repeat([1.0, 7.0, 50.0], 10))
    run = conjugate_gradient(f, x0, steps=5)
    assert np.linalg.norm(run.x[3]) < 1e-10 * np.linalg.norm(x0)
    assert np.linalg.norm(run.x[2]) > 1e-3 * np.linalg.norm(x0)


def test_conjugate_gradient_stays_put_once_solved() -> None:
    run = conjugate_gradient(Quadratic(np.eye(3) * 2.0), [1.0, -1.0, 2.0], steps=4)
    assert np.all(run.x[1:] == 0) and np.all(run.state[2:] == 0)


def test_conjugate_gradient_obeys_the_chebyshev_bound_in_the_q_norm() -> None:
    f, x0 = random_quadratic(60, 2)
    run = conjugate_gradient(f, x0, steps=40)
    ratios = q_norm(f, run.x) / q_norm(f, x0)
    assert np.all(ratios <= chebyshev_bound(np.arange(41), LOW, HIGH) * (1 + 1e-9))


def test_minimal_error_is_below_every_krylov_method() -> None:
    f, x0 = random_quadratic(40, 3)
    steps = 25
    best = minimal_error(f, x0, steps)
    lr, momentum, _ = theory.optimal_parameters(LOW, HIGH)
    runs = [
        optimize(GradientDescent(2 / (LOW + HIGH)), f, x0, steps).x,
        optimize(Momentum(lr, momentum), f, x0, steps).x,
        optimize(Nesterov(1 / HIGH, 0.8), f, x0, steps).x,
        optimize(ChebyshevIteration(LOW, HIGH), f, x0, steps).x,
        conjugate_gradient(f, x0, steps).x,
    ]
    for x in runs:
        assert np.all(np.linalg.norm(x, axis=1) >= best * (1 - 1e-8))
    assert best[0] == pytest.approx(np.linalg.norm(x0))
    assert np.all(np.diff(best) <= 1e-15)


@pytest.mark.parametrize("t", [1, 2, 5, 12, 20])
def test_the_lower_bound_quadratic_attains_the_bound(t: int) -> None:
    f, x0 = lower_bound_quadratic(t, LOW, HIGH)
    assert np.linalg.norm(x0) == pytest.approx(1.0)
    assert f.eigenvalues.min() == pytest.approx(LOW) and f.eigenvalues.max() == pytest.approx(HIGH)
    bound = float(chebyshev_bound(t, LOW, HIGH))
    assert minimal_error(f, x0, t)[-1] == pytest.approx(bound, rel=1e-6)
    # conjugate gradient, the best method in the Q-norm, is no better in the Euclidean norm here
    assert np.linalg.norm(conjugate_gradient(f, x0, t).x[-1]) >= bound * (1 - 1e-6)
    # and the Chebyshev iteration reaches it exactly
    assert np.linalg.norm(optimize(ChebyshevIteration(LOW, HIGH), f, x0, t).x[-1]) == pytest.approx(bound, rel=1e-8)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: chebyshev_bound(3, 2.0, 1.0), "lam_min < lam_max"),
        (lambda: chebyshev_bound(-1, 1.0, 2.0), "steps must be whole numbers"),
        (lambda: chebyshev_bound(1.5, 1.0, 2.0), "steps must be whole numbers"),
        (lambda: polyak_rate(0.0, 2.0), "0 < lam_min"),
        (lambda: chebyshev_parameters(0, 1.0, 2.0), "steps must be >= 1"),
        (lambda: ChebyshevIteration(1.0, float("nan")), "must be finite"),
        (lambda: heavy_ball_polynomial(-2, [1.0], 0.1, 0.5), "steps must be >= 0"),
        (lambda: conjugate_gradient(Quadratic([[1.0, 0.0], [0.0, -1.0]]), [1.0, 1.0], 3), "positive definite"),
        (lambda: conjugate_gradient(Quadratic(np.eye(2)), [1.0, 1.0, 1.0], 3), "x0 must have shape"),
        (lambda: minimal_error(Quadratic(np.eye(2)), [1.0], 3), "x0 must have shape"),
        (lambda: lower_bound_quadratic(0, 1.0, 2.0), "steps must be >= 1"),
    ],
)
def test_bad_arguments_are_named(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


def test_conjugate_gradient_needs_a_quadratic() -> None:
    from momentum_docs import CyclingCounterexample

    with pytest.raises(TypeError, match="objective must be a Quadratic"):
        conjugate_gradient(CyclingCounterexample(), [1.0], 2)
