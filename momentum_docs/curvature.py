"""Estimate the largest curvature of a loss from its gradient, and the largest stable learning rate.

Heavy-ball momentum on a quadratic converges exactly when ``0 < lr * lam <
2 (1 + momentum)`` for every curvature ``lam`` (an eigenvalue of the
Hessian), so the largest curvature ``lam_max`` sets the largest learning
rate that converges, ``2 (1 + momentum) / lam_max``. A model's Hessian is
rarely at hand, but its product with a vector is: the difference of two
gradients,

    H v  ~  (grad(x + h v) - grad(x - h v)) / (2 h),

is exact on a quadratic and accurate to ``O(h^2)`` elsewhere. Power
iteration, ``v <- H v / |H v|``, then finds the eigenvalue of largest
modulus from these products alone, one gradient pair per iteration.

>>> import numpy as np
>>> from momentum_docs import ill_conditioned_quadratic
>>> f = ill_conditioned_quadratic()               # curvatures 0.2 and 4
>>> lam_max = largest_curvature(f.gradient, [-5.0, -2.0])
>>> round(lam_max, 6)
4.0
>>> round(largest_stable_lr(lam_max, momentum=0.9), 6)  # 2 (1 + 0.9) / 4
0.95
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable

import numpy as np

from .theory import stability_bound
from .validation import check_finite_array, check_momentum, check_positive_int

__all__ = [
    "ConvergenceError",
    "hessian_vector_product",
    "largest_curvature",
    "largest_stable_lr",
    "power_iteration",
]

Gradient = Callable[[np.ndarray], np.ndarray]
MatVec = Callable[[np.ndarray], np.ndarray]


class ConvergenceError(ArithmeticError):
    """Power iteration did not settle within the allowed number of iterations."""


def _positive(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a finite number > 0, got {value!r}")
    return float(value)


def hessian_vector_product(gradient: Gradient, x: object, step: float = 1e-5) -> MatVec:
    """The function ``v -> H v`` at ``x``, from central differences of ``gradient``.

    ``H v ~ (gradient(x + h v) - gradient(x - h v)) / (2 h)`` with
    ``h = step * max(1, |x|) / |v|``, so that the probe moves ``x`` by a
    fixed fraction of its size whatever the length of ``v``. On a quadratic
    the difference is exact (up to rounding); elsewhere its error is
    ``O(h^2)``. ``gradient`` must return an array of the shape of ``x``.

    >>> from momentum_docs import Quadratic
    >>> hvp = hessian_vector_product(Quadratic([[2.0, 1.0], [1.0, 3.0]]).gradient, [0.5, -1.0])
    >>> hvp(np.array([1.0, 0.0])).round(9).tolist()
    [2.0, 1.0]
    >>> hessian_vector_product(lambda x: x, [1.0], step=0.0)
    Traceback (most recent call last):
    ...
    ValueError: step must be a finite number > 0, got 0.0
    """
    if not callable(gradient):
        raise TypeError(f"gradient must be a function of the parameters, got {gradient!r}")
    point = check_finite_array(x, "x")
    step = _positive(step, "step")
    scale = step * max(1.0, float(np.linalg.norm(point)))

    def product(v: np.ndarray) -> np.ndarray:
        direction = check_finite_array(v, "v")
        if direction.shape != point.shape:
            raise ValueError(f"v must have the shape of x, {point.shape}, got {direction.shape}")
        length = float(np.linalg.norm(direction))
        if length == 0:
            return np.zeros_like(point)
        h = scale / length
        difference = np.asarray(gradient(point + h * direction)) - np.asarray(gradient(point - h * direction))
        if difference.shape != point.shape:
            raise ValueError(f"gradient must return an array of shape {point.shape}, got {difference.shape}")
        return difference / (2 * h)

    return product


def power_iteration(
    matvec: MatVec, shape: int | tuple[int, ...], iterations: int = 1000, tol: float = 1e-7, seed: int = 0
) -> float:
    """The eigenvalue of largest modulus of a symmetric operator, given as ``v -> A v``.

    Starts from a random unit vector (``seed``) and repeats ``v <- A v / |A v|``
    until ``v`` is an eigenvector to within ``tol``: the residual
    ``|A v - q v|``, with the Rayleigh quotient ``q = v . A v``, is at most
    ``tol |A v|``. Then ``q`` is returned; for a symmetric ``A`` its relative
    error is of the order of ``tol^2``. The residual shrinks each iteration by
    the ratio of the second-largest to the largest eigenvalue modulus, so a
    small gap needs many iterations, and two eigenvalues of equal modulus and
    opposite sign never settle; if ``iterations`` are not enough,
    :class:`ConvergenceError` says so. The result has the sign of the
    eigenvalue: negative if the largest curvature in modulus is negative.

    >>> round(power_iteration(lambda v: np.array([3.0, -1.0, 0.5]) * v, 3), 9)
    3.0
    >>> power_iteration(lambda v: np.array([1.0, -1.0]) * v, 2, iterations=50)
    Traceback (most recent call last):
    ...
    momentum_docs.curvature.ConvergenceError: power iteration did not settle in 50 iterations ...
    """
    if not callable(matvec):
        raise TypeError(f"matvec must be a function v -> A v, got {matvec!r}")
    shape = (check_positive_int(shape, "shape"),) if isinstance(shape, numbers.Integral) else tuple(shape)
    if not shape or any(isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 1 for n in shape):
        raise ValueError(f"shape must be a whole number >= 1 or a tuple of them, got {shape!r}")
    iterations = check_positive_int(iterations, "iterations")
    tol = _positive(tol, "tol")
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"seed must be a whole number, got {seed!r}")

    v = np.random.default_rng(seed).standard_normal(shape)
    v /= np.linalg.norm(v)
    residual = math.inf
    for _ in range(iterations):
        w = np.asarray(matvec(v), dtype=float)
        if w.shape != v.shape:
            raise ValueError(f"matvec must return an array of shape {v.shape}, got {w.shape}")
        if not np.all(np.isfinite(w)):
            raise ValueError("matvec returned a value that is not finite")
        norm = float(np.linalg.norm(w))
        if norm == 0:
            return 0.0
        rayleigh = float(np.vdot(v, w))
        residual = float(np.linalg.norm(w - rayleigh * v)) / norm
        if residual <= tol:
            return rayleigh
        v = w / norm
    raise ConvergenceError(
        f"power iteration did not settle in {iterations} iterations (relative residual {residual:.2g} > "
        f"tol = {tol:g}); allow more iterations, or look for two eigenvalues of equal modulus"
    )


def largest_curvature(
    gradient: Gradient, x: object, iterations: int = 1000, tol: float = 1e-7, step: float = 1e-5, seed: int = 0
) -> float:
    """The largest curvature (in modulus) of the loss at ``x``, from its gradient alone.

    Power iteration (:func:`power_iteration`) on the Hessian-vector products
    of :func:`hessian_vector_product`: two gradient evaluations per
    iteration, no Hessian formed. On a minibatch loss, pass the gradient of a
    fixed batch (or of all the data): a gradient with fresh noise at every
    call has no Hessian.

    >>> from momentum_docs import Quadratic
    >>> rng = np.random.default_rng(1)
    >>> U, _ = np.linalg.qr(rng.normal(size=(6, 6)))
    >>> f = Quadratic(U @ np.diag([0.1, 0.5, 1.0, 2.0, 3.0, 7.5]) @ U.T)
    >>> round(largest_curvature(f.gradient, rng.normal(size=6)), 6)
    7.5
    """
    point = check_finite_array(x, "x")
    return power_iteration(hessian_vector_product(gradient, point, step), point.shape, iterations, tol, seed)


def largest_stable_lr(lam_max: float, momentum: float, nesterov: bool = False) -> float:
    """The learning rate at which momentum stops converging on a quadratic whose largest curvature is ``lam_max``.

    ``2 (1 + momentum) / lam_max`` for heavy ball and ``2 (1 + momentum) /
    ((1 + 2 momentum) lam_max)`` for Nesterov (``theory.stability_bound``
    divided by ``lam_max``). Every smaller positive learning rate converges;
    this one and every larger one does not.

    >>> round(largest_stable_lr(4.0, 0.5), 6), round(largest_stable_lr(4.0, 0.5, nesterov=True), 6)
    (0.75, 0.375)
    >>> largest_stable_lr(-1.0, 0.5)
    Traceback (most recent call last):
    ...
    ValueError: lam_max must be a finite number > 0, got -1.0
    """
    lam_max = _positive(lam_max, "lam_max")
    momentum = check_momentum(momentum)
    return float(stability_bound(momentum, nesterov=nesterov)) / lam_max
