"""Gradient descent and momentum, each update rule written once.

Two notations for momentum appear in the sources this site is built on:

* the **velocity form** of *Dive into Deep Learning* (first lecture note)::

      v <- gamma * v + eta * g
      x <- x - v

* the **movement form** of Hung-yi Lee's course (second lecture note)::

      m <- lambda * m - eta * g
      theta <- theta + m

They are the same algorithm under ``m = -v`` and ``lambda = gamma``; the
tests and the *Notation* page check that the iterates agree.

An optimizer here is a small object with ``init_state(x)`` and
``step(x, state, gradient, t)``, where ``gradient`` is a callable returning the
gradient at a point and ``t = 1, 2, ...`` is the number of the step (used by
learning-rate schedules). The learning rate ``lr`` of every optimizer here is
a number or a schedule, a function ``lr(t)`` of the step number. :func:`optimize` runs one on an objective and returns a
:class:`Trajectory` of NumPy arrays:

>>> from momentum_docs import Momentum, ill_conditioned_quadratic, optimize
>>> run = optimize(Momentum(lr=0.4, momentum=0.5), ill_conditioned_quadratic(), [-5.0, -2.0], steps=20)
>>> run.x.shape, run.state_name
((21, 2), 'velocity')
>>> print(f"x1 {run.x[-1, 0]:f}, x2 {run.x[-1, 1]:f}")
x1 -0.062843, x2 0.001202

``lr`` and ``momentum`` may also be NumPy arrays (or lists), checked entry by
entry. They broadcast against the parameters, so one optimizer can run many
settings at once, each row of the parameters with its own ``(lr, momentum)``,
while the update rule stays written once. Three learning rates on
``f(x) = x^2 / 2`` (gradient ``x``), one row each:

>>> rows = Momentum(lr=[[0.1], [0.2], [0.3]], momentum=0.5)
>>> x, v = rows.step(np.ones((3, 1)), np.zeros((3, 1)), lambda x: x)
>>> x.ravel().round(2).tolist()
[0.9, 0.8, 0.7]
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from .validation import (
    check_finite_array,
    check_learning_rate,
    check_learning_rates,
    check_momenta,
    check_momentum,
    check_steps,
)

__all__ = [
    "DivergenceError",
    "DivergenceWarning",
    "GradientDescent",
    "Momentum",
    "MovementMomentum",
    "Nesterov",
    "Optimizer",
    "Trajectory",
    "optimize",
]

Gradient = Callable[[np.ndarray], np.ndarray]
LearningRate = float | np.ndarray | Callable[[int], float]
Hyperparameter = float | np.ndarray


def _is_array_like(value: object) -> bool:
    return isinstance(value, (np.ndarray, list, tuple))


def _momentum(momentum: object) -> Hyperparameter:
    """A momentum in [0, 1): one number, or an array checked entry by entry."""
    return check_momenta(momentum) if _is_array_like(momentum) else check_momentum(momentum)


class DivergenceError(ArithmeticError):
    """An iterate or its loss stopped being a finite number."""


class DivergenceWarning(RuntimeWarning):
    """A run ended with a larger loss than it started with."""


class Optimizer(Protocol):
    """What :func:`optimize` needs from an optimizer."""

    #: name of the per-parameter state (``"velocity"``, ``"movement"``) or None
    state_name: str | None

    def init_state(self, x: np.ndarray) -> np.ndarray | None: ...

    def step(
        self, x: np.ndarray, state: np.ndarray | None, gradient: Gradient, t: int = 1
    ) -> tuple[np.ndarray, np.ndarray | None]: ...


class _Schedule:
    """A learning rate that is a number, an array of numbers, or a function of the step number (checked at every use)."""

    def __init__(self, lr: LearningRate) -> None:
        if callable(lr):
            self.value: LearningRate = lr
        elif _is_array_like(lr):
            self.value = check_learning_rates(lr)
        else:
            self.value = check_learning_rate(lr)

    def __call__(self, t: int) -> Hyperparameter:
        if callable(self.value):
            return check_learning_rate(self.value(t), f"lr({t})")
        return self.value

    def __repr__(self) -> str:
        return repr(self.value) if not callable(self.value) else getattr(self.value, "__name__", "schedule")


class GradientDescent:
    """Plain gradient descent: ``x <- x - lr * g``.

    >>> GradientDescent(lr=0.4).step(np.array([-5.0, -2.0]), None, lambda x: np.array([0.2, 4.0]) * x)
    (array([-4.6,  1.2]), None)
    """

    state_name = None

    def __init__(self, lr: LearningRate) -> None:
        self.lr = _Schedule(lr)

    def init_state(self, x: np.ndarray) -> None:
        return None

    def step(self, x: np.ndarray, state: None, gradient: Gradient, t: int = 1) -> tuple[np.ndarray, None]:
        return x - self.lr(t) * gradient(x), None

    def __repr__(self) -> str:
        return f"GradientDescent(lr={self.lr!r})"


class _WithMomentum:
    """What the momentum forms share: a learning rate (or schedule), a momentum, a state that starts at zero."""

    state_name: str

    def __init__(self, lr: LearningRate, momentum: float) -> None:
        self.lr = _Schedule(lr)
        self.momentum = _momentum(momentum)

    def init_state(self, x: np.ndarray) -> np.ndarray:
        return np.zeros_like(x)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(lr={self.lr!r}, momentum={self.momentum!r})"


class Momentum(_WithMomentum):
    """Momentum in the velocity form: ``v <- momentum * v + lr * g``; ``x <- x - v``.

    ``momentum`` is gamma in [0, 1); ``momentum=0`` is gradient descent.
    The state is the velocity ``v``, which starts at zero. With a schedule
    the learning rate of step ``t`` enters the velocity (``v_t = gamma v_{t-1}
    + lr(t) g_t``), as in the first edition of *Dive into Deep Learning*.
    """

    state_name = "velocity"

    def step(
        self, x: np.ndarray, velocity: np.ndarray, gradient: Gradient, t: int = 1
    ) -> tuple[np.ndarray, np.ndarray]:
        velocity = self.momentum * velocity + self.lr(t) * gradient(x)
        return x - velocity, velocity


class MovementMomentum(_WithMomentum):
    """Momentum in the movement form: ``m <- momentum * m - lr * g``; ``theta <- theta + m``.

    ``momentum`` is the lambda of the second lecture note, in [0, 1).
    The state is the movement ``m`` (the last step taken), which starts at
    zero, so ``m^1 = -lr * g^0``.
    """

    state_name = "movement"

    def step(
        self, theta: np.ndarray, movement: np.ndarray, gradient: Gradient, t: int = 1
    ) -> tuple[np.ndarray, np.ndarray]:
        movement = self.momentum * movement - self.lr(t) * gradient(theta)
        return theta + movement, movement


class Nesterov(_WithMomentum):
    """Nesterov momentum in the form deep-learning frameworks implement, in the site's velocity notation.

    ``v <- momentum * v + lr * g``, then ``x <- x - (lr * g + momentum * v)``,
    with ``g`` the gradient at the current ``x``. The step looks one velocity
    ahead: it is the momentum step plus ``momentum`` times the new velocity
    instead of the old. (PyTorch, Keras and optax write it with other
    variables; the page *Momentum in PyTorch, Keras, optax and friends* maps them.)

    >>> Nesterov(lr=0.1, momentum=0.5).step(np.array([1.0]), np.array([0.0]), lambda x: 2 * x)
    (array([0.7]), array([0.2]))
    """

    state_name = "velocity"

    def step(
        self, x: np.ndarray, velocity: np.ndarray, gradient: Gradient, t: int = 1
    ) -> tuple[np.ndarray, np.ndarray]:
        step = self.lr(t) * gradient(x)
        velocity = self.momentum * velocity + step
        return x - (step + self.momentum * velocity), velocity


@dataclass(frozen=True)
class Trajectory:
    """What :func:`optimize` returns; row ``t`` of every array is after ``t`` steps.

    Attributes:
        x: iterates ``x_0, ..., x_T``, shape ``(T + 1, *x0.shape)``.
        loss: ``f(x_0), ..., f(x_T)``, shape ``(T + 1,)``.
        state: the optimizer state after each step (zero at ``t = 0``),
            same shape as ``x``; ``None`` for gradient descent.
        state_name: what ``state`` holds: ``"velocity"``, ``"movement"`` or None.
    """

    x: np.ndarray
    loss: np.ndarray
    state: np.ndarray | None
    state_name: str | None

    @property
    def steps(self) -> int:
        return len(self.loss) - 1


def _check_objective(objective: Any) -> None:
    if not callable(objective) or not callable(getattr(objective, "gradient", None)):
        raise TypeError(f"objective must be callable and have a .gradient(x) method, got {objective!r}")


def _scalar_loss(objective: Any, x: np.ndarray) -> float:
    value = np.asarray(objective(x))
    if value.ndim != 0:
        raise ValueError(f"objective must return one number for x of shape {x.shape}, got shape {value.shape}")
    return float(value)


def _check_broadcast(optimizer: Optimizer, x: np.ndarray) -> None:
    """Array hyperparameters must broadcast to the shape of the parameters without enlarging it."""
    for name, value in (("lr", getattr(optimizer, "lr", None)), ("momentum", getattr(optimizer, "momentum", None))):
        value = getattr(value, "value", value)  # a _Schedule holds its number or array in .value
        if isinstance(value, np.ndarray):
            try:
                shape = np.broadcast_shapes(value.shape, x.shape)
            except ValueError:
                shape = None
            if shape != x.shape:
                raise ValueError(
                    f"{name} of shape {value.shape} must broadcast to the parameters' shape {x.shape} "
                    "(one entry per row, for example, has shape (rows, 1))"
                )


def optimize(optimizer: Optimizer, objective: Any, x0: object, steps: int) -> Trajectory:
    """Run ``optimizer`` on ``objective`` from ``x0`` for ``steps`` steps.

    ``x0`` may have any shape the objective accepts. The run is checked as
    it goes:

    * if an iterate, the optimizer state or the loss stops being finite,
      :class:`DivergenceError` is raised, naming the step;
    * if the run ends with a larger loss than it started with, a
      :class:`DivergenceWarning` says so (the iterates are still returned,
      because a diverging run is sometimes exactly what a page shows).

    >>> from momentum_docs import GradientDescent, ill_conditioned_quadratic
    >>> optimize(GradientDescent(lr=0.6), ill_conditioned_quadratic(), [-5.0, -2.0], steps=2000)
    Traceback (most recent call last):
    ...
    momentum_docs.optimizers.DivergenceError: step 1051 of GradientDescent(lr=0.6): the loss is not finite (inf)
    """
    steps = check_steps(steps)
    _check_objective(objective)
    for method in ("init_state", "step"):
        if not callable(getattr(optimizer, method, None)):
            raise TypeError(f"optimizer must have a .{method}() method, got {optimizer!r}")
    x = check_finite_array(x0, "x0")
    _check_broadcast(optimizer, x)
    state = optimizer.init_state(x)

    xs = np.empty((steps + 1, *x.shape))
    losses = np.empty(steps + 1)
    states = None if state is None else np.empty((steps + 1, *x.shape))
    xs[0] = x
    losses[0] = _scalar_loss(objective, x)
    if states is not None:
        states[0] = state

    for t in range(1, steps + 1):
        # overflow becomes inf here and is reported below as a DivergenceError
        with np.errstate(over="ignore", invalid="ignore"):
            x, state = optimizer.step(x, state, objective.gradient, t)
            loss = _scalar_loss(objective, x)
        if not np.all(np.isfinite(x)) or (state is not None and not np.all(np.isfinite(state))):
            shown = np.array2string(np.asarray(x), precision=4, separator=" ")
            raise DivergenceError(
                f"step {t} of {optimizer!r}: the iterate is not finite (x = {shown}); "
                "the learning rate is too large for this objective"
            )
        if not np.isfinite(loss):
            raise DivergenceError(f"step {t} of {optimizer!r}: the loss is not finite ({loss})")
        xs[t] = x
        losses[t] = loss
        if states is not None:
            states[t] = state

    if losses[-1] > losses[0]:
        warnings.warn(
            f"{optimizer!r} diverged: the loss grew from {losses[0]:.6g} to {losses[-1]:.6g} "
            f"in {steps} steps",
            DivergenceWarning,
            stacklevel=2,
        )
    return Trajectory(x=xs, loss=losses, state=states, state_name=optimizer.state_name)
