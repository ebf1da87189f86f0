"""Momentum as each framework and text writes it, restated in NumPy.

Every class here follows the optimizer protocol of
:mod:`momentum_docs.optimizers` (``init_state``, ``step(x, state, gradient,
t)``), so :func:`momentum_docs.optimize` runs it, and each keeps the state
the source keeps, in the source's own variables:

===================  ==========================================================  ==============================
class                update, as the source writes it (``g`` at the current x)    sources
===================  ==========================================================  ==============================
``TorchSGD``         ``b = g`` (first step), else ``b = mu b + (1 - tau) g``;    ``torch.optim.SGD``;
                     ``x -= lr(t) * (g + mu b if nesterov else b)``               *D2L* 2nd ed.; Distill (tau=0)
``KerasSGD``         ``m = mu m - lr(t) g``;                                      ``keras.optimizers.SGD``
                     ``x += (mu m - lr(t) g) if nesterov else m``
``OptaxSGD``         ``f = g + mu f``; ``x -= lr(t) * (g + mu f if nesterov      ``optax.sgd`` =
                     else f)``                                                    ``trace`` + ``scale_by_learning_rate``
``EMAMomentum``      ``v = beta v + (1 - beta) g``; ``x -= lr(t) v``              the "(1 - beta)" EMA form
``HeavyBall``        ``x_next = x - lr(t) g + mu (x - x_prev)``                   Polyak (1964)
``SutskeverNesterov`` ``v = mu v - lr(t) grad(x + mu v)``; ``x += v``             Sutskever et al. (2013)
===================  ==========================================================  ==============================

With a constant learning rate every one of them produces the iterates of
:class:`~momentum_docs.Momentum` (or, for Nesterov, of
:class:`~momentum_docs.Nesterov`) after a change of variables, except
``SutskeverNesterov``, whose iterate is the framework iterate minus
``mu v``. The page *Momentum in PyTorch, Keras, optax and friends* proves this and
shows, numerically, where they part: learning-rate schedules, PyTorch's
dampening and its first step, the Nesterov variants, and weight decay.

The framework tests (``tests/test_frameworks.py``) run the real PyTorch,
Keras and optax and compare their iterates with these classes.

>>> import numpy as np
>>> from momentum_docs import Momentum, ill_conditioned_quadratic, optimize
>>> f = ill_conditioned_quadratic()
>>> torch_like = optimize(TorchSGD(lr=0.4, momentum=0.5), f, [-5.0, -2.0], steps=20)
>>> site = optimize(Momentum(lr=0.4, momentum=0.5), f, [-5.0, -2.0], steps=20)
>>> bool(np.allclose(torch_like.x, site.x, rtol=1e-13)), bool(np.allclose(0.4 * torch_like.state, site.state, rtol=1e-13))
(True, True)
"""

from __future__ import annotations

import numpy as np

from .optimizers import Gradient, LearningRate, _Schedule
from .validation import check_momentum

__all__ = ["EMAMomentum", "HeavyBall", "KerasSGD", "OptaxSGD", "SutskeverNesterov", "TorchSGD"]


def _non_negative(value: object, name: str) -> float:
    import math
    import numbers

    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be a finite number >= 0, got {value!r}")
    return float(value)


class TorchSGD:
    """``torch.optim.SGD(lr, momentum, dampening, nesterov, weight_decay)``, step for step.

    PyTorch keeps a momentum buffer ``b`` of raw gradients (the learning rate
    is applied afterwards, outside the buffer). Weight decay is added to the
    gradient (an L2 penalty, "coupled"). On the first step the buffer is the
    gradient itself, without the ``(1 - dampening)`` factor.
    """

    state_name = "momentum_buffer"

    def __init__(
        self,
        lr: LearningRate,
        momentum: float = 0.0,
        dampening: float = 0.0,
        nesterov: bool = False,
        weight_decay: float = 0.0,
    ) -> None:
        self.lr = _Schedule(lr)
        self.momentum = check_momentum(momentum)
        self.dampening = _non_negative(dampening, "dampening")
        if self.dampening > 1:
            raise ValueError(f"dampening must lie in [0, 1], got {dampening!r}")
        if nesterov and (self.momentum == 0 or self.dampening != 0):
            raise ValueError("nesterov needs momentum > 0 and dampening 0 (as in torch.optim.SGD)")
        self.nesterov = bool(nesterov)
        self.weight_decay = _non_negative(weight_decay, "weight_decay")

    def init_state(self, x: np.ndarray) -> np.ndarray:
        return np.zeros_like(x)

    def step(self, x: np.ndarray, buffer: np.ndarray, gradient: Gradient, t: int = 1) -> tuple[np.ndarray, np.ndarray]:
        g = gradient(x)
        if self.weight_decay:
            g = g + self.weight_decay * x
        if self.momentum == 0:
            return x - self.lr(t) * g, buffer
        buffer = g.copy() if t == 1 else self.momentum * buffer + (1 - self.dampening) * g
        direction = g + self.momentum * buffer if self.nesterov else buffer
        return x - self.lr(t) * direction, buffer

    def __repr__(self) -> str:
        return (
            f"TorchSGD(lr={self.lr!r}, momentum={self.momentum!r}, dampening={self.dampening!r}, "
            f"nesterov={self.nesterov!r}, weight_decay={self.weight_decay!r})"
        )


class KerasSGD:
    """``keras.optimizers.SGD(learning_rate, momentum, nesterov, weight_decay)``, step for step.

    Keras keeps ``m``, which is minus the site's velocity: the learning rate
    is applied inside it. Weight decay is decoupled: before the update the
    weights shrink by the factor ``1 - lr * weight_decay``, and the gradient
    (computed before the shrink) is left alone.
    """

    state_name = "momentum"

    def __init__(
        self, lr: LearningRate, momentum: float = 0.0, nesterov: bool = False, weight_decay: float | None = None
    ) -> None:
        self.lr = _Schedule(lr)
        self.momentum = check_momentum(momentum)
        self.nesterov = bool(nesterov)
        self.weight_decay = None if weight_decay is None else _non_negative(weight_decay, "weight_decay")

    def init_state(self, x: np.ndarray) -> np.ndarray:
        return np.zeros_like(x)

    def step(self, x: np.ndarray, m: np.ndarray, gradient: Gradient, t: int = 1) -> tuple[np.ndarray, np.ndarray]:
        lr = self.lr(t)
        g = gradient(x)
        if self.weight_decay is not None:
            x = x - x * self.weight_decay * lr
        if self.momentum == 0:
            return x - lr * g, m
        m = self.momentum * m - lr * g
        return x + (self.momentum * m - lr * g if self.nesterov else m), m

    def __repr__(self) -> str:
        return (
            f"KerasSGD(lr={self.lr!r}, momentum={self.momentum!r}, nesterov={self.nesterov!r}, "
            f"weight_decay={self.weight_decay!r})"
        )


class OptaxSGD:
    """``optax.sgd(learning_rate, momentum, nesterov)``: ``optax.trace`` followed by the learning rate.

    The trace ``f`` accumulates raw gradients, like PyTorch's buffer without
    dampening (its first step ``f = g + mu * 0`` is the same as PyTorch's).
    """

    state_name = "trace"

    def __init__(self, lr: LearningRate, momentum: float = 0.0, nesterov: bool = False) -> None:
        self.lr = _Schedule(lr)
        self.momentum = check_momentum(momentum)
        self.nesterov = bool(nesterov)

    def init_state(self, x: np.ndarray) -> np.ndarray:
        return np.zeros_like(x)

    def step(self, x: np.ndarray, trace: np.ndarray, gradient: Gradient, t: int = 1) -> tuple[np.ndarray, np.ndarray]:
        g = gradient(x)
        trace = g + self.momentum * trace
        update = g + self.momentum * trace if self.nesterov else trace
        return x - self.lr(t) * update, trace

    def __repr__(self) -> str:
        return f"OptaxSGD(lr={self.lr!r}, momentum={self.momentum!r}, nesterov={self.nesterov!r})"


class EMAMomentum:
    """Momentum written as an exponential moving average: ``v = beta v + (1 - beta) g``; ``x -= lr(t) v``.

    With a constant learning rate it is :class:`~momentum_docs.Momentum`
    with ``lr * (1 - beta)`` and momentum ``beta``.
    """

    state_name = "average"

    def __init__(self, lr: LearningRate, beta: float) -> None:
        self.lr = _Schedule(lr)
        self.beta = check_momentum(beta, "beta")

    def init_state(self, x: np.ndarray) -> np.ndarray:
        return np.zeros_like(x)

    def step(self, x: np.ndarray, average: np.ndarray, gradient: Gradient, t: int = 1) -> tuple[np.ndarray, np.ndarray]:
        average = self.beta * average + (1 - self.beta) * gradient(x)
        return x - self.lr(t) * average, average

    def __repr__(self) -> str:
        return f"EMAMomentum(lr={self.lr!r}, beta={self.beta!r})"


class HeavyBall:
    """Polyak's two-point form: ``x_{k+1} = x_k - lr(k) g(x_k) + mu (x_k - x_{k-1})``, with ``x_{-1} = x_0``.

    The state is the previous iterate. ``x_k - x_{k+1}`` is the site's velocity.
    """

    state_name = "previous_x"

    def __init__(self, lr: LearningRate, momentum: float) -> None:
        self.lr = _Schedule(lr)
        self.momentum = check_momentum(momentum)

    def init_state(self, x: np.ndarray) -> np.ndarray:
        return np.array(x, dtype=float)

    def step(self, x: np.ndarray, previous: np.ndarray, gradient: Gradient, t: int = 1) -> tuple[np.ndarray, np.ndarray]:
        return x - self.lr(t) * gradient(x) + self.momentum * (x - previous), x

    def __repr__(self) -> str:
        return f"HeavyBall(lr={self.lr!r}, momentum={self.momentum!r})"


class SutskeverNesterov:
    """Nesterov's method as Sutskever et al. (2013) write it: the gradient at the look-ahead point.

    ``v = mu v - lr(t) * grad(x + mu v)``; ``x = x + v``. Its iterate ``x`` is
    the point *before* the look-ahead; the frameworks' Nesterov iterate is
    the look-ahead point ``x + mu v`` itself.
    """

    state_name = "velocity"

    def __init__(self, lr: LearningRate, momentum: float) -> None:
        self.lr = _Schedule(lr)
        self.momentum = check_momentum(momentum)

    def init_state(self, x: np.ndarray) -> np.ndarray:
        return np.zeros_like(x)

    def step(self, x: np.ndarray, v: np.ndarray, gradient: Gradient, t: int = 1) -> tuple[np.ndarray, np.ndarray]:
        v = self.momentum * v - self.lr(t) * gradient(x + self.momentum * v)
        return x + v, v

    def __repr__(self) -> str:
        return f"SutskeverNesterov(lr={self.lr!r}, momentum={self.momentum!r})"
