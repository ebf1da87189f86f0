"""Momentum with noisy gradients on a quadratic, exactly: the expected loss at every step, not only the floor.

On ``f(x) = 1/2 sum_i lam_i x_i^2`` with gradients ``lam_i x_i + xi_i``, the
noise ``xi`` independent across steps and coordinates with mean 0 and
variance ``sigma^2``, heavy-ball momentum in the velocity form
(``v_t = gamma v_(t-1) + lr g_t``, ``x_t = x_(t-1) - v_t``) is linear in the
state ``s = (x, v)`` of each coordinate:

    s_t = M s_(t-1) + lr xi_t (-1, 1),    M = [[1 - a, -gamma], [a, gamma]],  a = lr lam.

So the second moments ``P_t = E[s_t s_t^T]`` follow
``P_t = M P_(t-1) M^T + lr^2 sigma^2 [[1, -1], [-1, 1]]`` exactly, whatever
the distribution of the noise, and ``E[f(x_t)] = 1/2 sum_i lam_i P_t[x, x]``
(:func:`expected_loss`). Gradient descent (SGD) is ``momentum = 0``.

For small ``lr`` momentum behaves like SGD with the effective learning rate
``lr / (1 - gamma)`` (:func:`effective_learning_rate`); started at rest, it
first trails that SGD by ``gamma / (1 - gamma)`` steps (:func:`momentum_lag`).
:func:`coupled_runs` drives both with the same noise and measures how far
apart their iterates are.

>>> loss = expected_loss(0.1, 0.0, [1.0], 0.0, x0=[1.0], steps=2)  # no noise: (1 - 0.1)^(2t) / 2
>>> loss.round(6).tolist()
[0.5, 0.405, 0.32805]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .validation import check_finite_array, check_learning_rate, check_momentum, check_steps

__all__ = ["CoupledRuns", "coupled_runs", "effective_learning_rate", "expected_loss", "momentum_lag"]


def effective_learning_rate(lr: float, momentum: float) -> float:
    """``lr / (1 - momentum)``: the learning rate of the SGD that momentum resembles for small steps.

    >>> round(effective_learning_rate(0.01, 0.9), 12)
    0.1
    """
    return check_learning_rate(lr) / (1 - check_momentum(momentum))


def momentum_lag(momentum: float) -> float:
    """``momentum / (1 - momentum)``: how many steps momentum started at rest first trails that SGD, for small steps.

    Along a direction with ``a = lr lam`` small, momentum's slow mode is
    ``A mu^t`` with ``mu = 1 - a/(1 - gamma) - gamma a^2/(1 - gamma)^3 + O(a^3)``
    and, from rest, ``A = (mu - gamma)/(mu - mu_2) = 1 + gamma a/(1 - gamma)^2 + O(a^2)``
    (``mu_2`` is the other eigenvalue). Against SGD with ``lr / (1 - gamma)``,
    whose factor is ``1 - a/(1 - gamma)``, the ratio of the two errors is
    ``1 + gamma a/(1 - gamma)^2 (1 - t a/(1 - gamma)) + O(a^2)``: at first
    momentum is ``gamma/(1 - gamma)`` steps of decay behind, it catches up at
    ``t = (1 - gamma)/a``, and then its slightly faster rate puts it ahead.

    >>> round(momentum_lag(0.9), 12)
    9.0
    """
    gamma = check_momentum(momentum)
    return gamma / (1 - gamma)


def _problem(lr: float, momentum: float, lam: object, noise_variance: float, x0: object, steps: int):
    lr = check_learning_rate(lr)
    gamma = check_momentum(momentum)
    lam = check_finite_array(lam, "lam")
    if lam.ndim != 1 or np.any(lam <= 0):
        raise ValueError(f"lam must be a 1-D sequence of curvatures > 0, got {lam!r}")
    sigma2 = float(check_finite_array(noise_variance, "noise_variance"))
    if sigma2 < 0:
        raise ValueError(f"noise_variance must be >= 0, got {noise_variance!r}")
    start = check_finite_array(x0, "x0")
    if start.shape != lam.shape:
        raise ValueError(f"x0 must have one entry per curvature, shape {lam.shape}, got {start.shape}")
    return lr, gamma, lam, sigma2, start, check_steps(steps)


def expected_loss(
    lr: float, momentum: float, lam: object, noise_variance: float, x0: object, steps: int
) -> np.ndarray:
    """``E[f(x_t)]`` for ``t = 0, ..., steps`` of heavy ball (velocity form, starting at rest) with gradient noise.

    ``f = 1/2 sum_i lam_i x_i^2``, the gradient noise has variance
    ``noise_variance`` in each coordinate, and ``x0`` is the (fixed) start,
    one entry per curvature. The result is exact (no sampling); a run that
    diverges returns ``inf`` from the step its expected loss overflows.

    >>> floor = expected_loss(0.1, 0.0, [1.0], 1.0, x0=[0.0], steps=2000)[-1]
    >>> round(float(floor), 6), round(0.1 / (2 * (2 - 0.1)), 6)  # SGD's floor lr sigma^2 / (2 (2 - lr lam))
    (0.026316, 0.026316)
    """
    lr, gamma, lam, sigma2, start, steps = _problem(lr, momentum, lam, noise_variance, x0, steps)
    a = lr * lam
    # second moments E[x^2], E[x v], E[v^2] of each coordinate; the start is at rest and known exactly
    xx, xv, vv = start**2, np.zeros_like(start), np.zeros_like(start)
    noise = lr**2 * sigma2
    losses = np.empty(steps + 1)
    losses[0] = 0.5 * float(np.sum(lam * xx))
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(1, steps + 1):
            # rows of M: x' = (1 - a) x - gamma v,  v' = a x + gamma v
            new_xx = (1 - a) ** 2 * xx - 2 * (1 - a) * gamma * xv + gamma**2 * vv + noise
            new_xv = (1 - a) * a * xx + ((1 - a) * gamma - a * gamma) * xv - gamma**2 * vv - noise
            new_vv = a**2 * xx + 2 * a * gamma * xv + gamma**2 * vv + noise
            xx, xv, vv = new_xx, new_xv, new_vv
            losses[t] = 0.5 * float(np.sum(lam * xx))
    losses[~np.isfinite(losses)] = np.inf
    return losses


@dataclass(frozen=True)
class CoupledRuns:
    """Momentum and SGD with the effective learning rate, driven by the same gradient noise; row ``t`` is after ``t`` steps.

    Attributes:
        loss_momentum, loss_sgd: ``E[f(x_t)]`` of each run.
        distance: ``E[||x_t - x'_t||^2]`` between the momentum iterate ``x_t`` and the SGD iterate ``x'_t``.
        deviation_momentum, deviation_sgd: ``E[||x_t - x*||^2]`` of each run (``x* = 0``).
    """

    loss_momentum: np.ndarray
    loss_sgd: np.ndarray
    distance: np.ndarray
    deviation_momentum: np.ndarray
    deviation_sgd: np.ndarray


def coupled_runs(
    lr: float, momentum: float, lam: object, noise_variance: float, x0: object, steps: int
) -> CoupledRuns:
    """Heavy ball ``(lr, momentum)`` and SGD with ``lr / (1 - momentum)``, from the same start, with the same noise, exactly.

    Each coordinate carries the state ``s = (x, v, x')``: momentum's iterate
    and velocity and the SGD iterate. Both see the same noise ``xi_t`` at
    step ``t``, so ``s_t = B s_(t-1) + xi_t c`` with
    ``c = (-lr, lr, -lr_eff)``, and the second moments follow
    ``P_t = B P_(t-1) B^T + sigma^2 c c^T``. This is the comparison of Yuan,
    Ying and Sayed (2016): the two iterates themselves, not only their
    losses.

    >>> runs = coupled_runs(0.001, 0.9, [1.0], 1.0, x0=[0.0], steps=3000)
    >>> round(float(runs.distance[-1] / runs.deviation_sgd[-1]), 3)  # closer to each other than to the minimum
    0.082
    """
    lr, gamma, lam, sigma2, start, steps = _problem(lr, momentum, lam, noise_variance, x0, steps)
    lr_eff = lr / (1 - gamma)
    n = len(lam)
    B = np.zeros((n, 3, 3))
    B[:, 0, 0], B[:, 0, 1] = 1 - lr * lam, -gamma
    B[:, 1, 0], B[:, 1, 1] = lr * lam, gamma
    B[:, 2, 2] = 1 - lr_eff * lam
    c = np.array([-lr, lr, -lr_eff])
    noise = sigma2 * np.outer(c, c)
    state = np.stack([start, np.zeros(n), start], axis=1)
    P = np.einsum("ni,nj->nij", state, state)
    rows = np.empty((steps + 1, 5))

    def record(t: int) -> None:
        rows[t] = (
            0.5 * np.sum(lam * P[:, 0, 0]),
            0.5 * np.sum(lam * P[:, 2, 2]),
            np.sum(P[:, 0, 0] - 2 * P[:, 0, 2] + P[:, 2, 2]),
            np.sum(P[:, 0, 0]),
            np.sum(P[:, 2, 2]),
        )

    record(0)
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(1, steps + 1):
            P = B @ P @ B.transpose(0, 2, 1) + noise
            record(t)
    rows[~np.isfinite(rows)] = np.inf
    return CoupledRuns(*(rows[:, i].copy() for i in range(5)))
