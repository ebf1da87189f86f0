"""The NumPy multilayer perceptron: its backward pass against finite differences, shapes, training, bad input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from momentum_docs import MLP, CrossEntropy, GradientDescent, Momentum, Nesterov, optimize, two_moons


def central_differences(f, theta: np.ndarray, h: float = 1e-6) -> np.ndarray:  # type: ignore[no-untyped-def]
    gradient = np.empty_like(theta)
    for i in range(len(theta)):
        step = np.zeros_like(theta)
        step[i] = h
        gradient[i] = (f(theta + step) - f(theta - step)) / (2 * h)
    return gradient


@settings(max_examples=25, deadline=None)
@given(
    hidden=st.lists(st.integers(1, 5), min_size=0, max_size=3),
    inputs=st.integers(1, 4),
    classes=st.integers(2, 4),
    n=st.integers(1, 12),
    seed=st.integers(0, 2**32 - 1),
)
def test_backward_pass_matches_central_differences(hidden: list[int], inputs: int, classes: int, n: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    net = MLP((inputs, *hidden, classes))
    theta = rng.normal(size=net.n_params)  # random, not init(): biases and all weights nonzero
    X = rng.normal(size=(n, inputs))
    y = rng.integers(0, classes, size=n)
    loss, gradient = net.loss_and_gradient(theta, X, y)
    assert loss == net.loss(theta, X, y)
    numeric = central_differences(lambda t: net.loss(t, X, y), theta)
    np.testing.assert_allclose(gradient, numeric, rtol=1e-5, atol=1e-7)


def test_a_wrong_backward_pass_would_be_caught() -> None:
    """The check above has teeth: dropping the tanh derivative gives a gradient that fails it."""
    rng = np.random.default_rng(0)
    net = MLP((2, 4, 3))
    theta, X, y = rng.normal(size=net.n_params), rng.normal(size=(5, 2)), rng.integers(0, 3, size=5)
    numeric = central_differences(lambda t: net.loss(t, X, y), theta)
    _, gradient = net.loss_and_gradient(theta, X, y)
    (W1, b1), (W2, _) = net.unflatten(theta)
    h = np.tanh(X @ W1 + b1)
    dz = net.predict_proba(theta, X)
    dz[np.arange(5), y] -= 1
    dz /= 5
    broken = gradient.copy()
    broken[: W1.size] = (X.T @ (dz @ W2.T)).ravel()  # dW1 without the factor (1 - h^2)
    assert not np.allclose(broken, numeric, rtol=1e-5, atol=1e-7)
    assert np.allclose(gradient, numeric, rtol=1e-5, atol=1e-7)
    assert not np.allclose(h, 0)  # where tanh is near 0, 1 - h^2 is near 1 and the bug would hide


def test_shapes_and_probabilities() -> None:
    net = MLP((2, 16, 16, 3))
    assert net.n_params == (2 * 16 + 16) + (16 * 16 + 16) + (16 * 3 + 3)
    theta = net.init(seed=0)
    X = np.random.default_rng(1).normal(size=(7, 2))
    p = net.predict_proba(theta, X)
    assert net.logits(theta, X).shape == p.shape == (7, 3)
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    np.testing.assert_array_equal(net.predict(theta, X), p.argmax(axis=1))
    # theta is laid out W1, b1, W2, b2, ...: the views write through
    layers = net.unflatten(theta)
    layers[0][1][:] = 7.0
    assert np.all(theta[2 * 16 : 2 * 16 + 16] == 7.0)


def test_init_is_seeded_and_scaled() -> None:
    net = MLP((2, 400, 2))
    assert np.array_equal(net.init(seed=3), net.init(seed=3)) and not np.array_equal(net.init(seed=3), net.init(seed=4))
    W1, b1 = net.unflatten(net.init(seed=0))[0]
    assert W1.std() == pytest.approx(1 / np.sqrt(2), rel=0.05) and np.all(b1 == 0)


def test_loss_is_stable_for_huge_logits() -> None:
    net = MLP((1, 2))
    theta = np.array([1000.0, -1000.0, 0.0, 0.0])  # logits (1000 x, -1000 x)
    X = np.array([[1.0], [-1.0]])
    loss, gradient = net.loss_and_gradient(theta, X, np.array([1, 1]))
    assert loss == pytest.approx(1000.0) and np.all(np.isfinite(gradient))


@pytest.mark.parametrize("optimizer", [GradientDescent(0.3), Momentum(0.3, 0.9), Nesterov(0.3, 0.9)])
def test_training_on_two_moons_reduces_the_loss_and_classifies(optimizer: object) -> None:
    X, y = two_moons(n=200, noise=0.1, seed=0)
    objective = CrossEntropy(MLP((2, 16, 16, 2)), X, y)
    run = optimize(optimizer, objective, objective.mlp.init(seed=0), steps=600)
    assert run.loss[-1] < 0.1 * run.loss[0]
    assert objective.accuracy(run.x[-1]) > 0.97
    X_test, y_test = two_moons(n=1000, noise=0.1, seed=1)  # new points from the same distribution
    assert np.mean(objective.mlp.predict(run.x[-1], X_test) == y_test) > 0.95


def test_momentum_trains_faster_than_gradient_descent_at_the_same_learning_rate() -> None:
    X, y = two_moons(n=200, noise=0.1, seed=0)
    objective = CrossEntropy(MLP((2, 16, 16, 2)), X, y)
    theta0 = objective.mlp.init(seed=0)
    gd = optimize(GradientDescent(0.1), objective, theta0, steps=300)
    momentum = optimize(Momentum(0.1, 0.9), objective, theta0, steps=300)
    assert momentum.loss[-1] < 0.2 * gd.loss[-1]


def test_the_objective_remembers_only_the_last_point() -> None:
    X, y = two_moons(n=30, seed=0)
    objective = CrossEntropy(MLP((2, 5, 2)), X, y)
    a, b = objective.mlp.init(seed=0), objective.mlp.init(seed=1)
    for theta in (a, b, a):
        np.testing.assert_array_equal(objective.gradient(theta), objective.mlp.loss_and_gradient(theta, X, y)[1])
        assert objective(theta) == objective.mlp.loss(theta, X, y)
    gradient = objective.gradient(a)
    gradient[:] = 0.0  # a caller's edit must not reach the remembered gradient
    assert np.any(objective.gradient(a) != 0)


def test_two_moons_is_seeded_balanced_and_interleaved() -> None:
    X, y = two_moons(n=201, noise=0.0, seed=5)
    assert X.shape == (201, 2) and np.bincount(y).tolist() == [100, 101]
    np.testing.assert_array_equal(X, two_moons(n=201, noise=0.0, seed=5)[0])
    np.testing.assert_allclose(np.hypot(*X[y == 0].T), 1.0)  # on the unit circle
    np.testing.assert_allclose(np.hypot(X[y == 1, 0] - 1, X[y == 1, 1] - 0.5), 1.0)
    # interleaved: no line through the data separates the classes (a least-squares line misclassifies some)
    A = np.column_stack([X, np.ones(len(X))])
    w = np.linalg.lstsq(A, 2.0 * y - 1, rcond=None)[0]
    assert np.mean((A @ w > 0) == (y == 1)) < 0.95


@pytest.mark.parametrize(
    ("sizes", "error", "message"),
    [
        ((2,), TypeError, "at least two layer widths"),
        ("22", TypeError, "sequence of at least two"),
        ((2, 0, 2), ValueError, r"sizes\[1\] must be a whole number >= 1, got 0"),
        ((2, 3.5, 2), ValueError, r"sizes\[1\] must be a whole number"),
        ((2, 4, 1), ValueError, "number of classes and must be >= 2"),
    ],
)
def test_bad_sizes(sizes: object, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        MLP(sizes)  # type: ignore[arg-type]


def test_bad_inputs_name_what_is_wrong() -> None:
    net = MLP((2, 3, 2))
    theta = net.init()
    X, y = np.zeros((4, 2)), np.array([0, 1, 0, 1])
    with pytest.raises(ValueError, match=r"theta must have shape \(17,\)"):
        net.loss(theta[:-1], X, y)
    with pytest.raises(ValueError, match=r"X must have shape \(n, 2\), got \(4, 3\)"):
        net.loss(theta, np.zeros((4, 3)), y)
    with pytest.raises(ValueError, match=r"y must hold 4 integer class labels"):
        net.loss(theta, X, y.astype(float))
    with pytest.raises(ValueError, match=r"class labels in 0 \.\. 1, got 0 \.\. 2"):
        net.loss(theta, X, np.array([0, 1, 2, 1]))
    with pytest.raises(TypeError, match="mlp must be an MLP"):
        CrossEntropy("net", X, y)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"X must be finite everywhere"):
        CrossEntropy(net, np.full((4, 2), np.nan), y)
    with pytest.raises(ValueError, match="n must be >= 2"):
        two_moons(n=1)
    with pytest.raises(ValueError, match="noise must be >= 0"):
        two_moons(noise=-0.1)
