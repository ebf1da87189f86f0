"""Checks for user input: each names the parameter and the range it accepts.

Every public entry point of the package runs its arguments through these,
so that a wrong call fails at once with a message a reader can act on,
instead of producing NaNs twenty steps later.

>>> check_momentum(1.0)
Traceback (most recent call last):
...
ValueError: momentum must lie in [0, 1), got 1.0
"""

from __future__ import annotations

import math
import numbers

import numpy as np

__all__ = [
    "check_finite_array",
    "check_learning_rate",
    "check_learning_rates",
    "check_momenta",
    "check_momentum",
    "check_positive_int",
    "check_steps",
]


def _real(value: object, name: str, accepted: str) -> float:
    # bool is an int subclass; True as a learning rate is always a mistake
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number in {accepted}, got {value!r}")
    return float(value)


def check_learning_rate(lr: object, name: str = "lr") -> float:
    """Return ``lr`` as a float if it is finite and strictly positive.

    >>> check_learning_rate(0.4)
    0.4
    >>> check_learning_rate(0)
    Traceback (most recent call last):
    ...
    ValueError: lr must be finite and > 0, got 0
    """
    value = _real(lr, name, "(0, inf)")
    if not (math.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be finite and > 0, got {lr!r}")
    return value


def check_momentum(momentum: object, name: str = "momentum") -> float:
    """Return ``momentum`` as a float if it lies in [0, 1).

    Momentum 1 never forgets a gradient (the velocity never decays) and
    anything larger amplifies old gradients, so both are rejected.
    """
    value = _real(momentum, name, "[0, 1)")
    if not 0.0 <= value < 1.0:
        raise ValueError(f"{name} must lie in [0, 1), got {momentum!r}")
    return value


def check_steps(steps: object, name: str = "steps") -> int:
    """Return ``steps`` if it is a whole number >= 0.

    >>> check_steps(-1)
    Traceback (most recent call last):
    ...
    ValueError: steps must be >= 0, got -1
    """
    if isinstance(steps, bool) or not isinstance(steps, numbers.Integral):
        raise TypeError(f"{name} must be a whole number >= 0, got {steps!r}")
    if steps < 0:
        raise ValueError(f"{name} must be >= 0, got {steps!r}")
    return int(steps)


def check_positive_int(value: object, name: str) -> int:
    """Return ``value`` if it is a whole number >= 1."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a whole number >= 1, got {value!r}")
    if value < 1:
        raise ValueError(f"{name} must be >= 1, got {value!r}")
    return int(value)


def check_finite_array(value: object, name: str) -> np.ndarray:
    """Return ``value`` as a float array (a copy) if every entry is finite.

    >>> check_finite_array([1.0, float("nan")], "x0")
    Traceback (most recent call last):
    ...
    ValueError: x0 must be finite everywhere; entry (1,) is nan
    """
    try:
        array = np.array(value, dtype=float)
    except (TypeError, ValueError) as error:
        raise TypeError(f"{name} must be an array of real numbers, got {value!r}") from error
    if array.ndim == 0:
        if not np.isfinite(array):
            raise ValueError(f"{name} must be finite, got {array}")
        return array
    bad = np.argwhere(~np.isfinite(array))
    if bad.size:
        index = tuple(int(i) for i in bad[0])
        raise ValueError(f"{name} must be finite everywhere; entry {index} is {array[index]}")
    return array


def _first_bad(array: np.ndarray, bad: np.ndarray) -> str:
    index = tuple(int(i) for i in np.argwhere(bad)[0])
    return f"entry {index} is {array[index]}"


def check_learning_rates(value: object, name: str = "lr") -> np.ndarray:
    """Return ``value`` as a read-only float array if every entry is finite and strictly positive.

    An array of learning rates runs many models at once: it broadcasts
    against the parameters like any NumPy operand.

    >>> check_learning_rates([[0.1], [0.2]]).shape
    (2, 1)
    >>> check_learning_rates([0.1, 0.0])
    Traceback (most recent call last):
    ...
    ValueError: lr must be finite and > 0 everywhere; entry (1,) is 0.0
    """
    array = check_finite_array(value, name)
    if array.ndim == 0 or array.size == 0:
        raise ValueError(f"{name} must be a non-empty array of learning rates, got {value!r}")
    if np.any(array <= 0):
        raise ValueError(f"{name} must be finite and > 0 everywhere; {_first_bad(array, array <= 0)}")
    array.setflags(write=False)
    return array


def check_momenta(value: object, name: str = "momentum") -> np.ndarray:
    """Return ``value`` as a read-only float array if every entry lies in [0, 1).

    >>> check_momenta([0.5, 0.9, 1.0])
    Traceback (most recent call last):
    ...
    ValueError: momentum must lie in [0, 1) everywhere; entry (2,) is 1.0
    """
    array = check_finite_array(value, name)
    if array.ndim == 0 or array.size == 0:
        raise ValueError(f"{name} must be a non-empty array of momenta, got {value!r}")
    bad = (array < 0) | (array >= 1)
    if np.any(bad):
        raise ValueError(f"{name} must lie in [0, 1) everywhere; {_first_bad(array, bad)}")
    array.setflags(write=False)
    return array
