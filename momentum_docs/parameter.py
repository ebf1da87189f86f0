"""``Parameter``: a NumPy array that carries its gradient, as a framework tensor does."""

from __future__ import annotations

from typing import Any, Self

import numpy as np

__all__ = ["Parameter"]


class Parameter(np.ndarray):
    """A float array that carries a gradient in ``.grad``.

    It plays the part of a framework tensor with a gradient attached, so
    that the note's in-place update ``p[:] -= v`` runs as written. Arrays
    computed from a Parameter (``X @ w``, ``w * 2``) are plain arrays.

    >>> w = Parameter([[1.0], [2.0]])
    >>> w.grad
    array([[0.],
           [0.]])
    >>> w[:] -= 0.5
    >>> w.ravel().tolist(), type(w).__name__
    ([0.5, 1.5], 'Parameter')
    """

    grad: np.ndarray

    def __new__(cls, data: object) -> Self:
        array = np.array(data, dtype=float).view(cls)
        array.grad = np.zeros(array.shape)
        return array

    def __array_finalize__(self, obj: object) -> None:
        # views of a Parameter (p[:], p.T) share its gradient
        if obj is not None and not hasattr(self, "grad"):
            self.grad = getattr(obj, "grad", None)

    def __array_wrap__(self, array: np.ndarray, context: object = None, return_scalar: bool = False) -> Any:
        if array is self:  # in-place operation: keep the Parameter
            return self
        plain = array.view(np.ndarray)
        return plain[()] if return_scalar else plain
