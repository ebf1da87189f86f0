"""momentum_docs.curvature: power iteration and gradient differences against NumPy's eigenvalues."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from momentum_docs import (
    MLP,
    CrossEntropy,
    DivergenceWarning,
    Momentum,
    Nesterov,
    Quadratic,
    StrictSaddle,
    optimize,
    two_moons,
)
from momentum_docs.curvature import (
    ConvergenceError,
    hessian_vector_product,
    largest_curvature,
    largest_stable_lr,
    power_iteration,
)


def random_quadratic(seed: int, dim: int, low: float = 0.05, high: float = 10.0) -> tuple[Quadratic, np.ndarray]:
    rng = np.random.default_rng(seed)
    basis, _ = np.linalg.qr(rng.normal(size=(dim, dim)))
    curvatures = np.sort(rng.uniform(low, high, size=dim))
    curvatures[-1] *= 1.2  # a gap of at least 20% above the second largest
    Q = basis @ np.diag(curvatures) @ basis.T
    return Quadratic((Q + Q.T) / 2), curvatures


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), dim=st.integers(1, 12))
def test_largest_curvature_of_a_quadratic_is_its_largest_eigenvalue(seed: int, dim: int) -> None:
    f, curvatures = random_quadratic(seed, dim)
    x = np.random.default_rng(seed + 1).normal(size=dim)
    assert largest_curvature(f.gradient, x) == pytest.approx(curvatures[-1], rel=1e-9)


def test_gradient_differences_are_exact_on_a_quadratic() -> None:
    f, _ = random_quadratic(3, 5)
    x = np.linspace(-1, 1, 5)
    hvp = hessian_vector_product(f.gradient, x)
    for v in np.eye(5) * 3.0:
        np.testing.assert_allclose(hvp(v), f.Q @ v, rtol=1e-7, atol=1e-9)
    assert np.array_equal(hvp(np.zeros(5)), np.zeros(5))


def test_gradient_differences_approximate_an_exact_hessian() -> None:
    f = StrictSaddle()
    x = np.array([0.3, 0.8])
    hvp = hessian_vector_product(f.gradient, x)
    for v in ([1.0, 0.0], [0.0, 1.0], [0.6, -0.8]):
        np.testing.assert_allclose(hvp(np.array(v)), f.hessian(x) @ v, rtol=1e-8, atol=1e-10)


def test_the_largest_curvature_of_a_network_matches_its_finite_difference_hessian() -> None:
    X, y = two_moons(n=40, noise=0.2, seed=0)
    net = MLP((2, 4, 2))
    loss = CrossEntropy(net, X, y)
    theta = net.init(seed=0)
    n = net.n_params
    h = 1e-5
    columns = [(loss.gradient(theta + h * e) - loss.gradient(theta - h * e)) / (2 * h) for e in np.eye(n)]
    hessian = np.array(columns)
    hessian = (hessian + hessian.T) / 2
    eigenvalues = np.linalg.eigvalsh(hessian)
    largest = eigenvalues[np.argmax(np.abs(eigenvalues))]
    assert largest_curvature(loss.gradient, theta) == pytest.approx(largest, rel=1e-6)


def test_a_dominant_negative_curvature_comes_back_negative() -> None:
    f = Quadratic(np.diag([1.0, -3.0]))
    assert largest_curvature(f.gradient, [0.1, 0.2]) == pytest.approx(-3.0, rel=1e-10)


def test_power_iteration_reports_an_operator_it_cannot_resolve() -> None:
    with pytest.raises(ConvergenceError, match="did not settle in 40 iterations"):
        power_iteration(lambda v: np.array([2.0, -2.0, 1.0]) * v, 3, iterations=40)
    with pytest.raises(ConvergenceError):
        power_iteration(lambda v: np.array([1.0, 0.999999]) * v, 2, iterations=20)


def test_the_zero_operator_has_curvature_zero() -> None:
    assert power_iteration(lambda v: 0 * v, 4) == 0.0


@pytest.mark.parametrize(
    ("optimizer", "nesterov", "momentum"),
    [(Momentum, False, 0.0), (Momentum, False, 0.5), (Momentum, False, 0.9), (Nesterov, True, 0.5), (Nesterov, True, 0.9)],
)
def test_the_largest_stable_lr_separates_convergence_from_divergence(optimizer, nesterov, momentum) -> None:
    f, curvatures = random_quadratic(7, 4)
    lam_max = largest_curvature(f.gradient, np.ones(4))
    limit = largest_stable_lr(lam_max, momentum, nesterov=nesterov)
    x0 = np.ones(4)
    # 2% inside the bound the slowest rate is at most 0.96 per step, 2% outside it at least 1.04
    inside = optimize(optimizer(0.98 * limit, momentum), f, x0, steps=600)
    assert np.linalg.norm(inside.x[-1]) < 1e-6
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DivergenceWarning)
        outside = optimize(optimizer(1.02 * limit, momentum), f, x0, steps=600)
    assert np.linalg.norm(outside.x[-1]) > 1e6


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: hessian_vector_product(np.ones(2), [1.0, 2.0]), "gradient must be a function"),
        (lambda: hessian_vector_product(lambda x: x, [1.0, float("nan")]), "x must be finite"),
        (lambda: hessian_vector_product(lambda x: x, [1.0], step=-1e-5), "step must be a finite number > 0"),
        (lambda: hessian_vector_product(lambda x: x, [1.0, 2.0])(np.ones(3)), "v must have the shape of x"),
        (lambda: hessian_vector_product(lambda x: x[:1], [1.0, 2.0])(np.ones(2)), "gradient must return an array"),
        (lambda: power_iteration("not a function", 2), "matvec must be a function"),
        (lambda: power_iteration(lambda v: v, 0), "shape must be >= 1"),
        (lambda: power_iteration(lambda v: v, (2, 0)), "shape must be a whole number >= 1"),
        (lambda: power_iteration(lambda v: v, 2, iterations=0), "iterations must be >= 1"),
        (lambda: power_iteration(lambda v: v, 2, tol=0.0), "tol must be a finite number > 0"),
        (lambda: power_iteration(lambda v: v, 2, seed=1.5), "seed must be a whole number"),
        (lambda: power_iteration(lambda v: v[:1], 2), "matvec must return an array of shape"),
        (lambda: power_iteration(lambda v: v * np.inf, 2), "not finite"),
        (lambda: largest_stable_lr(0.0, 0.5), "lam_max must be a finite number > 0"),
        (lambda: largest_stable_lr(2.0, 1.0), r"momentum must lie in \[0, 1\)"),
    ],
)
def test_bad_input_names_the_parameter(call, message: str) -> None:
    with pytest.raises((ValueError, TypeError), match=message):
        call()
