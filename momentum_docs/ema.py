"""Exponentially weighted moving averages (EMA) and the numbers behind them.

The EMA of a sequence ``x_1, x_2, ...`` with weight ``gamma`` in [0, 1) is

    y_t = gamma * y_{t-1} + (1 - gamma) * x_t,      y_0 given (usually 0),

which unrolls to

    y_t = (1 - gamma) * sum_{i=0}^{t-1} gamma^i x_{t-i} + gamma^t y_0.

With ``n = 1 / (1 - gamma)`` the weight ``gamma^n = (1 - 1/n)^n`` tends to
``e^-1`` as ``gamma -> 1``, which is why an EMA is read as an average over
roughly the last ``1 / (1 - gamma)`` values.

>>> ema([1.0, 1.0, 1.0], gamma=0.5).tolist()
[0.5, 0.75, 0.875]
"""

from __future__ import annotations

import numpy as np

from .validation import check_finite_array, check_momentum, check_steps

__all__ = ["effective_window", "ema", "ema_unrolled", "ema_weights", "window_mass", "window_weight"]


def ema(xs: object, gamma: float, y0: float = 0.0) -> np.ndarray:
    """The recursion ``y_t = gamma y_{t-1} + (1 - gamma) x_t`` for ``t = 1..T``.

    ``xs`` holds ``x_1..x_T`` along its first axis; the result holds
    ``y_1..y_T`` (``y_0`` is not repeated).
    """
    gamma = check_momentum(gamma, "gamma")
    values = check_finite_array(xs, "xs")
    out = np.empty_like(values)
    y = check_finite_array(y0, "y0")
    for t, x in enumerate(values):
        y = gamma * y + (1 - gamma) * x
        out[t] = y
    return out


def ema_weights(gamma: float, n: int) -> np.ndarray:
    """Weights ``(1 - gamma) gamma^i`` of ``x_{t-i}`` in ``y_t``, for ``i = 0..n-1``.

    >>> ema_weights(0.5, 3).tolist()
    [0.5, 0.25, 0.125]
    """
    gamma = check_momentum(gamma, "gamma")
    n = check_steps(n, "n")
    return (1 - gamma) * gamma ** np.arange(n)


def ema_unrolled(xs: object, gamma: float, y0: float = 0.0) -> np.ndarray:
    """The closed form ``(1 - gamma) sum_i gamma^i x_{t-i} + gamma^t y_0`` for every ``t``.

    It computes the same numbers as :func:`ema` without the recursion, which
    is how the tests and the EMA page check the expansion.
    """
    values = check_finite_array(xs, "xs")
    y0 = check_finite_array(y0, "y0")
    out = np.empty_like(values)
    for t in range(1, len(values) + 1):
        weights = ema_weights(gamma, t)  # weight of x_t, x_{t-1}, ..., x_1
        out[t - 1] = np.tensordot(weights, values[t - 1 :: -1], axes=1) + gamma**t * y0
    return out


def effective_window(gamma: float) -> float:
    """``n = 1 / (1 - gamma)``: the number of recent values an EMA averages over.

    >>> effective_window(0.9)
    10.000000000000002
    """
    return 1.0 / (1.0 - check_momentum(gamma, "gamma"))


def window_weight(gamma: float) -> float:
    """``gamma^n = gamma^(1/(1 - gamma)) = (1 - 1/n)^n``, which tends to ``e^-1`` as ``gamma -> 1``.

    It is how much smaller the weight of a value ``n`` steps back is than
    the weight of the newest value. ``gamma = 0`` gives 0 (only the newest
    value counts).
    """
    gamma = check_momentum(gamma, "gamma")
    return gamma ** (1.0 / (1.0 - gamma))


def window_mass(gamma: float) -> float:
    """Share of the total weight carried by the last ``n = 1/(1 - gamma)`` values.

    For a whole window length this is ``1 - gamma^n``; the formula
    ``1 - window_weight(gamma)`` is used for every ``gamma``. It tends to
    ``1 - e^-1 = 0.632...``.
    """
    return 1.0 - window_weight(gamma)
