"""The optimizers and the runner: agreement between forms, closed forms, divergence reports."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from momentum_docs import (
    DivergenceError,
    DivergenceWarning,
    GradientDescent,
    Momentum,
    MovementMomentum,
    Nesterov,
    Quadratic,
    ill_conditioned_quadratic,
    optimize,
)

learning_rates = st.floats(min_value=1e-3, max_value=0.4)
momenta = st.floats(min_value=0.0, max_value=0.99)


def random_quadratic(seed: int, dim: int = 3) -> Quadratic:
    """A random positive-definite quadratic with eigenvalues in [0.1, 4]."""
    rng = np.random.default_rng(seed)
    basis, _ = np.linalg.qr(rng.normal(size=(dim, dim)))
    Q = basis @ np.diag(rng.uniform(0.1, 4.0, size=dim)) @ basis.T
    return Quadratic((Q + Q.T) / 2)


@settings(max_examples=60, deadline=None)
@given(lr=learning_rates, momentum=momenta, seed=st.integers(0, 2**32 - 1))
def test_velocity_and_movement_forms_give_identical_iterates(lr: float, momentum: float, seed: int) -> None:
    f = random_quadratic(seed)
    x0 = np.random.default_rng(seed).normal(size=3)
    velocity_form = optimize(Momentum(lr, momentum), f, x0, steps=40)
    movement_form = optimize(MovementMomentum(lr, momentum), f, x0, steps=40)
    # m = -v and lambda = gamma: the same floating-point operations up to a sign
    np.testing.assert_array_equal(velocity_form.x, movement_form.x)
    np.testing.assert_array_equal(velocity_form.state, -movement_form.state)


@settings(max_examples=40, deadline=None)
@given(lr=learning_rates, seed=st.integers(0, 2**32 - 1))
def test_momentum_zero_is_gradient_descent(lr: float, seed: int) -> None:
    f = random_quadratic(seed)
    x0 = np.random.default_rng(seed).normal(size=3)
    np.testing.assert_array_equal(
        optimize(Momentum(lr, 0.0), f, x0, steps=30).x, optimize(GradientDescent(lr), f, x0, steps=30).x
    )


@settings(max_examples=40, deadline=None)
@given(lr=learning_rates, momentum=momenta, seed=st.integers(0, 2**32 - 1))
def test_movement_is_weighted_sum_of_past_gradients(lr: float, momentum: float, seed: int) -> None:
    """m^t = -eta * sum_{i=0}^{t-1} lambda^(t-1-i) g^i, with g^i the gradient at theta^i."""
    f = random_quadratic(seed)
    run = optimize(MovementMomentum(lr, momentum), f, np.random.default_rng(seed).normal(size=3), steps=25)
    gradients = f.gradient(run.x)
    for t in range(1, run.steps + 1):
        weights = momentum ** np.arange(t - 1, -1, -1)  # lambda^(t-1-i) for i = 0..t-1
        closed_form = -lr * weights @ gradients[:t]
        np.testing.assert_allclose(run.state[t], closed_form, rtol=1e-12, atol=1e-14)
    # and theta^t is theta^0 plus every movement so far
    np.testing.assert_allclose(run.x, run.x[0] + np.cumsum(run.state, axis=0), rtol=1e-12, atol=1e-12)


def test_first_movements_match_the_lecture_note() -> None:
    """m^1 = -eta g^0 and m^2 = -lambda eta g^0 - eta g^1, as the second note writes them."""
    lr, lam = 0.1, 0.9
    f = ill_conditioned_quadratic()
    run = optimize(MovementMomentum(lr, lam), f, [-5.0, -2.0], steps=2)
    g0, g1 = f.gradient(run.x[0]), f.gradient(run.x[1])
    np.testing.assert_array_equal(run.state[0], [0.0, 0.0])
    np.testing.assert_allclose(run.state[1], -lr * g0)
    np.testing.assert_allclose(run.state[2], -lam * lr * g0 - lr * g1)


def test_parameters_of_any_shape() -> None:
    class SumOfSquares:
        def __call__(self, x: np.ndarray) -> float:
            return float(0.5 * np.sum(x**2))

        def gradient(self, x: np.ndarray) -> np.ndarray:
            return x

    x0 = np.arange(24.0).reshape(2, 3, 4)
    run = optimize(Momentum(0.1, 0.9), SumOfSquares(), x0, steps=5)
    assert run.x.shape == (6, 2, 3, 4) and run.state.shape == (6, 2, 3, 4) and run.loss.shape == (6,)
    # on f = |x|^2 / 2 every entry follows the same scalar recursion, scaled
    scalar = optimize(Momentum(0.1, 0.9), SumOfSquares(), 1.0, steps=5)
    np.testing.assert_allclose(run.x, scalar.x[:, None, None, None] * x0)


def test_zero_steps_returns_the_start() -> None:
    run = optimize(Momentum(0.1, 0.5), ill_conditioned_quadratic(), [1.0, 2.0], steps=0)
    np.testing.assert_array_equal(run.x, [[1.0, 2.0]])
    assert run.steps == 0


def test_non_finite_iterate_raises_naming_the_step() -> None:
    with pytest.raises(DivergenceError, match=r"step \d+ of GradientDescent\(lr=0.6\)"):
        optimize(GradientDescent(0.6), ill_conditioned_quadratic(), [-5.0, -2.0], steps=5000)


def test_growing_loss_warns() -> None:
    with pytest.warns(DivergenceWarning, match="loss grew from 10.5 to"):
        optimize(GradientDescent(0.6), ill_conditioned_quadratic(), [-5.0, -2.0], steps=20)


def test_converging_run_does_not_warn(recwarn: pytest.WarningsRecorder) -> None:
    optimize(Momentum(0.6, 0.5), ill_conditioned_quadratic(), [-5.0, -2.0], steps=20)
    assert not recwarn.list


@pytest.mark.parametrize("lr", [0, -0.1, float("inf"), float("nan")])
def test_bad_learning_rate(lr: float) -> None:
    with pytest.raises(ValueError, match=r"lr must be finite and > 0"):
        Momentum(lr, 0.5)


@pytest.mark.parametrize("lr", [True, "0.1", None])
def test_learning_rate_of_wrong_type(lr: object) -> None:
    with pytest.raises(TypeError, match=r"lr must be a real number in \(0, inf\)"):
        GradientDescent(lr)


@pytest.mark.parametrize("momentum", [-0.1, 1.0, 1.5, float("nan")])
@pytest.mark.parametrize("form", [Momentum, MovementMomentum])
def test_bad_momentum(form: type, momentum: float) -> None:
    with pytest.raises(ValueError, match=r"momentum must lie in \[0, 1\)"):
        form(0.1, momentum)


@pytest.mark.parametrize(("steps", "error"), [(-1, ValueError), (2.5, TypeError), (True, TypeError)])
def test_bad_steps(steps: object, error: type) -> None:
    with pytest.raises(error, match="steps must be"):
        optimize(GradientDescent(0.1), ill_conditioned_quadratic(), [1.0, 1.0], steps=steps)


@pytest.mark.parametrize("x0", [[float("nan"), 1.0], [1.0, float("inf")]])
def test_non_finite_start(x0: list[float]) -> None:
    with pytest.raises(ValueError, match=r"x0 must be finite everywhere; entry \(\d,\) is"):
        optimize(GradientDescent(0.1), ill_conditioned_quadratic(), x0, steps=1)


def test_start_of_wrong_shape() -> None:
    with pytest.raises(ValueError, match="x must have last axis of length 2"):
        optimize(GradientDescent(0.1), ill_conditioned_quadratic(), [1.0, 2.0, 3.0], steps=1)


def test_objective_without_gradient() -> None:
    with pytest.raises(TypeError, match=r"objective must be callable and have a \.gradient\(x\) method"):
        optimize(GradientDescent(0.1), lambda x: 0.0, [1.0], steps=1)


# ---------------------------------------------------------------- array hyperparameters: many runs at once


@pytest.mark.parametrize("form", [GradientDescent, Momentum, MovementMomentum, Nesterov])
def test_array_hyperparameters_run_each_row_as_its_own_run(form: type) -> None:
    """Row i of a batched run is exactly the run with (lr[i], momentum[i]) alone."""
    f = ill_conditioned_quadratic()
    lrs = np.array([0.05, 0.2, 0.1, 0.45])
    momenta = np.array([0.0, 0.5, 0.9, 0.05])
    x0 = np.array([-5.0, -2.0])

    class Rows:
        """The quadratic applied to each row of a (rows, 2) array; the loss is the sum over rows."""

        def __call__(self, x: np.ndarray) -> float:
            return float(np.sum(f(x)))

        def gradient(self, x: np.ndarray) -> np.ndarray:
            return f.gradient(x)

    def make(lr: object, momentum: object):  # type: ignore[no-untyped-def]
        return form(lr) if form is GradientDescent else form(lr, momentum)

    batched = optimize(make(lrs[:, None], momenta[:, None]), Rows(), np.tile(x0, (4, 1)), steps=30)
    for i, (lr, momentum) in enumerate(zip(lrs, momenta)):
        alone = optimize(make(float(lr), float(momentum)), f, x0, steps=30)
        np.testing.assert_array_equal(batched.x[:, i], alone.x)


def test_array_hyperparameters_are_checked_entry_by_entry() -> None:
    with pytest.raises(ValueError, match=r"lr must be finite and > 0 everywhere; entry \(1, 0\) is -0.1"):
        Momentum(np.array([[0.1], [-0.1]]), 0.5)
    with pytest.raises(ValueError, match=r"momentum must lie in \[0, 1\) everywhere; entry \(0,\) is 1.0"):
        Nesterov(0.1, [1.0, 0.5])
    with pytest.raises(ValueError, match=r"lr must be finite everywhere; entry \(0,\) is nan"):
        GradientDescent([float("nan")])
    with pytest.raises(TypeError, match=r"lr must be an array of real numbers"):
        GradientDescent(["fast"])
    with pytest.raises(ValueError, match=r"lr must be a non-empty array"):
        GradientDescent([])


def test_array_hyperparameters_are_read_only() -> None:
    lrs = np.array([0.1, 0.2])
    optimizer = Momentum(lrs, 0.5)
    lrs[0] = -1.0  # the optimizer holds a checked copy
    assert optimizer.lr(1).tolist() == [0.1, 0.2]
    with pytest.raises(ValueError, match="read-only"):
        optimizer.lr(1)[0] = -1.0


def test_array_hyperparameters_must_not_enlarge_the_parameters() -> None:
    with pytest.raises(ValueError, match=r"lr of shape \(3, 1\) must broadcast to the parameters' shape \(2,\)"):
        optimize(Momentum(np.full((3, 1), 0.1), 0.5), ill_conditioned_quadratic(), [-5.0, -2.0], steps=1)
    with pytest.raises(ValueError, match=r"momentum of shape \(3,\) must broadcast"):
        optimize(Momentum(0.1, [0.1, 0.2, 0.3]), ill_conditioned_quadratic(), [-5.0, -2.0], steps=1)
