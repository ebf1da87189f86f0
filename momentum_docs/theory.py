"""Closed-form results for momentum on a quadratic, one eigen-direction at a time.

On ``f(x) = 1/2 x^T Q x`` the gradient is ``Q x``. In the eigenbasis of ``Q``
every optimizer here acts on each coordinate separately, as on the 1-D
problem ``f(x) = lam x^2 / 2`` with ``lam`` an eigenvalue. Write
``a = lr * lam``. In the site's velocity form,

* heavy-ball momentum, ``v_t = gamma v_{t-1} + lr g_t``, ``x_t = x_{t-1} - v_t``,
  maps ``(x, v)`` by the matrix ``[[1 - a, -gamma], [a, gamma]]``, whose
  characteristic polynomial is ``mu^2 - (1 + gamma - a) mu + gamma``;
* Nesterov momentum as the frameworks implement it,
  ``v_t = gamma v_{t-1} + lr g_t``, ``x_t = x_{t-1} - (lr g_t + gamma v_t)``,
  maps ``(x, v)`` by ``[[1 - a (1 + gamma), -gamma^2], [a, gamma]]``, with
  characteristic polynomial ``mu^2 - (1 + gamma)(1 - a) mu + gamma (1 - a)``.

The asymptotic rate along the direction is the spectral radius ``rho``:
the error shrinks roughly like ``rho^t``. All functions broadcast their
arguments like NumPy ufuncs.

Squares are written as products (``trace * trace``). On a NumPy scalar,
``x ** 2`` calls the C library's ``pow()``, which glibc rounds to within
0.52 ulp rather than exactly, so a call with numbers could differ from the
same call with arrays in the last bit. Where the discriminant is zero (the
ends of the ripple band) a last-bit difference moves the rate by about
1e-8 and can change the regime's name. A product is exactly rounded
everywhere, which also lets the site's JavaScript engine
(``overrides/assets/javascripts/momentum-engine.js``) agree bit for bit.

>>> float(spectral_radius(0.4, 0.5, 4.0))  # the steep direction of f = 0.1 x1^2 + 2 x2^2
0.7071067811865476
>>> bool(is_stable(0.6, 0.0, 4.0)), bool(is_stable(0.6, 0.5, 4.0))
(False, True)
"""

from __future__ import annotations

import numpy as np

from .validation import check_finite_array

__all__ = [
    "characteristic_coefficients",
    "critical_damping_bounds",
    "is_stable",
    "iteration_matrix",
    "optimal_gd",
    "optimal_parameters",
    "regime",
    "spectral_radius",
    "stability_bound",
    "stationary_loss",
    "stationary_variance",
]


def _arrays(lr: object, momentum: object, lam: object) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    lr = check_finite_array(lr, "lr")
    momentum = check_finite_array(momentum, "momentum")
    lam = check_finite_array(lam, "lam")
    if np.any(lr <= 0):
        raise ValueError(f"lr must be > 0 everywhere, got minimum {lr.min()}")
    if np.any((momentum < 0) | (momentum >= 1)):
        raise ValueError(f"momentum must lie in [0, 1) everywhere, got range [{momentum.min()}, {momentum.max()}]")
    return np.broadcast_arrays(lr, momentum, lam)


def iteration_matrix(lr: object, momentum: object, lam: object, nesterov: bool = False) -> np.ndarray:
    """The 2x2 matrix ``M`` with ``(x_t, v_t) = M (x_{t-1}, v_{t-1})`` along one eigen-direction.

    The result has shape ``broadcast_shape + (2, 2)``.

    >>> iteration_matrix(0.4, 0.5, 4.0).tolist()
    [[-0.6000000000000001, -0.5], [1.6, 0.5]]
    """
    lr, gamma, lam = _arrays(lr, momentum, lam)
    a = lr * lam
    if nesterov:
        top = np.stack([1 - a * (1 + gamma), -(gamma**2)], axis=-1)
    else:
        top = np.stack([1 - a, -gamma], axis=-1)
    bottom = np.stack([a, gamma], axis=-1)
    return np.stack([top, bottom], axis=-2)


def characteristic_coefficients(
    lr: object, momentum: object, lam: object, nesterov: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """``(trace, determinant)`` of the iteration matrix: it satisfies ``mu^2 - trace mu + determinant = 0``."""
    lr, gamma, lam = _arrays(lr, momentum, lam)
    a = lr * lam
    if nesterov:
        return (1 + gamma) * (1 - a), gamma * (1 - a)
    return 1 + gamma - a, gamma


def spectral_radius(lr: object, momentum: object, lam: object, nesterov: bool = False) -> np.ndarray:
    """The larger modulus of the two eigenvalues: the asymptotic convergence rate.

    Where the eigenvalues are complex they are conjugate, and both have
    modulus ``sqrt(determinant)`` (``sqrt(momentum)`` for heavy ball). Where
    they are real the rate is ``(|trace| + sqrt(trace^2 - 4 determinant)) / 2``.
    A value of 1 or more means the direction does not converge.
    """
    trace, det = characteristic_coefficients(lr, momentum, lam, nesterov)
    disc = trace * trace - 4 * det
    real = (np.abs(trace) + np.sqrt(np.maximum(disc, 0.0))) / 2
    complex_ = np.sqrt(np.maximum(det, 0.0))
    return np.where(disc < 0, complex_, real)


def is_stable(lr: object, momentum: object, lam: object, nesterov: bool = False) -> np.ndarray:
    """Whether the iteration converges along the direction (spectral radius below 1)."""
    return spectral_radius(lr, momentum, lam, nesterov) < 1


def stability_bound(momentum: object, nesterov: bool = False) -> np.ndarray:
    """The largest ``lr * lam`` that converges: ``2 (1 + momentum)``, or ``2 (1 + momentum) / (1 + 2 momentum)`` for Nesterov.

    For ``lam > 0`` the iteration converges exactly when ``0 < lr * lam <`` this bound.

    >>> stability_bound(0.0).tolist(), stability_bound(0.5).tolist(), stability_bound(0.5, nesterov=True).tolist()
    (2.0, 3.0, 1.5)
    """
    gamma = check_finite_array(momentum, "momentum")
    if np.any((gamma < 0) | (gamma >= 1)):
        raise ValueError("momentum must lie in [0, 1)")
    return 2 * (1 + gamma) / (1 + 2 * gamma) if nesterov else 2 * (1 + gamma)


def critical_damping_bounds(momentum: object) -> tuple[np.ndarray, np.ndarray]:
    """``((1 - sqrt(momentum))^2, (1 + sqrt(momentum))^2)``: heavy ball's eigenvalues are complex for ``lr * lam`` strictly between.

    At either end the two eigenvalues coincide (critical damping).
    """
    gamma = check_finite_array(momentum, "momentum")
    if np.any((gamma < 0) | (gamma >= 1)):
        raise ValueError("momentum must lie in [0, 1)")
    root = np.sqrt(gamma)
    return (1 - root) * (1 - root), (1 + root) * (1 + root)


def regime(lr: object, momentum: object, lam: object, nesterov: bool = False) -> np.ndarray:
    """Name the behaviour along the direction, element by element.

    ``"divergent"`` (spectral radius >= 1); ``"ripples"`` (complex
    eigenvalues: the error spirals, shrinking by the radius per step);
    ``"monotone"`` (real eigenvalues, the dominant one positive); or
    ``"oscillating"`` (real, the dominant one negative: the error flips sign
    every step).

    >>> [round(float(b), 4) for b in critical_damping_bounds(0.5)]  # complex between the two
    [0.0858, 2.9142]
    >>> regime([0.01, 0.4, 0.74, 1.0], 0.5, 4.0).tolist()  # lr * lam = 0.04, 1.6, 2.96, 4
    ['monotone', 'ripples', 'oscillating', 'divergent']
    """
    trace, det = characteristic_coefficients(lr, momentum, lam, nesterov)
    rho = spectral_radius(lr, momentum, lam, nesterov)
    disc = trace * trace - 4 * det
    names = np.where(disc < 0, "ripples", np.where(trace >= 0, "monotone", "oscillating"))
    return np.where(rho >= 1, "divergent", names)


def _extremes(lam_min: float, lam_max: float) -> tuple[float, float]:
    low, high = (float(v) for v in check_finite_array([lam_min, lam_max], "(lam_min, lam_max)"))
    if not 0 < low <= high:
        raise ValueError(f"need 0 < lam_min <= lam_max, got lam_min={lam_min}, lam_max={lam_max}")
    return low, high


def optimal_gd(lam_min: float, lam_max: float) -> tuple[float, float]:
    """``(lr, rate)`` of the best gradient descent: ``lr = 2 / (lam_min + lam_max)``, ``rate = (kappa - 1) / (kappa + 1)``.

    >>> lr, rate = optimal_gd(0.2, 4.0)
    >>> round(lr, 6), round(rate, 6)
    (0.47619, 0.904762)
    """
    low, high = _extremes(lam_min, lam_max)
    return 2 / (low + high), (high - low) / (high + low)


def optimal_parameters(lam_min: float, lam_max: float) -> tuple[float, float, float]:
    """``(lr, momentum, rate)`` of the best heavy-ball momentum on a quadratic with these extreme eigenvalues.

    ``lr = 4 / (sqrt(lam_max) + sqrt(lam_min))^2``,
    ``momentum = ((sqrt(kappa) - 1) / (sqrt(kappa) + 1))^2`` and
    ``rate = sqrt(momentum) = (sqrt(kappa) - 1) / (sqrt(kappa) + 1)``
    (Polyak, 1964). They put ``lr * lam_min`` and ``lr * lam_max`` exactly on
    the two critical-damping boundaries, so every direction converges at the
    same rate.

    >>> lr, momentum, rate = optimal_parameters(0.2, 4.0)
    >>> round(lr, 6), round(momentum, 6), round(rate, 6)
    (0.667907, 0.402605, 0.634512)
    """
    low, high = _extremes(lam_min, lam_max)
    root_low, root_high = np.sqrt(low), np.sqrt(high)
    rate = float((root_high - root_low) / (root_high + root_low))
    root_sum = root_high + root_low
    return float(4 / (root_sum * root_sum)), rate * rate, rate


def stationary_variance(lr: object, momentum: object, lam: object, noise_variance: object) -> np.ndarray:
    """Long-run variance of ``x`` for heavy-ball momentum with noisy gradients ``g = lam x + xi``.

    With ``xi`` independent, mean zero and variance ``noise_variance``, the
    iterate follows the AR(2) process ``x_t = (1 + gamma - a) x_{t-1} - gamma
    x_{t-2} - lr xi_t`` (``a = lr * lam``), whose stationary variance is

        (1 + gamma) lr^2 sigma^2 / ((1 - gamma) a (2 (1 + gamma) - a)).

    For ``gamma = 0`` this is SGD's ``lr sigma^2 / (lam (2 - a))``. Outside the
    stable range ``0 < a < 2 (1 + gamma)`` there is no stationary variance and
    the result is ``inf``.

    >>> round(float(stationary_variance(0.1, 0.0, 1.0, 1.0)), 12), round(0.1 / 1.9, 12)
    (0.052631578947, 0.052631578947)
    """
    lr, gamma, lam = _arrays(lr, momentum, lam)
    sigma2 = check_finite_array(noise_variance, "noise_variance")
    if np.any(sigma2 < 0):
        raise ValueError("noise_variance must be >= 0")
    a = lr * lam
    with np.errstate(divide="ignore", invalid="ignore"):
        variance = (1 + gamma) * lr**2 * sigma2 / ((1 - gamma) * a * (2 * (1 + gamma) - a))
    return np.where((a > 0) & (a < 2 * (1 + gamma)), variance, np.inf)


def stationary_loss(lr: object, momentum: object, lam: object, noise_variance: object) -> np.ndarray:
    """The noise floor ``E[f] = lam / 2 * Var(x)`` of heavy-ball momentum on ``f = lam x^2 / 2``.

    It equals ``(1 + gamma) lr sigma^2 / (2 (1 - gamma) (2 (1 + gamma) - lr lam))``:
    for small ``lr * lam`` about ``sigma^2 / 4`` times the effective learning
    rate ``lr / (1 - gamma)``.
    """
    return 0.5 * np.asarray(lam, dtype=float) * stationary_variance(lr, momentum, lam, noise_variance)
