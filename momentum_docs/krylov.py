"""First-order methods on a quadratic as polynomials: the lower bound, Chebyshev iteration, conjugate gradient.

On ``f(x) = 1/2 x^T Q x`` (minimum at the origin) every method whose step is
a combination of the gradients seen so far keeps its iterate in the Krylov
space ``x_0 + span(Q x_0, Q^2 x_0, ..., Q^t x_0)``. Its error after ``t``
steps is therefore ``p_t(Q) x_0`` for a polynomial ``p_t`` of degree at most
``t`` with ``p_t(0) = 1``: its *residual polynomial*. With curvatures in
``[lam_min, lam_max]`` and ``kappa = lam_max / lam_min``,

* no such polynomial is smaller than ``1 / T_t(z)`` everywhere on the
  interval, where ``T_t`` is the Chebyshev polynomial of degree ``t`` and
  ``z = (kappa + 1) / (kappa - 1)``; and ``1 / T_t(z) = 2 r^t / (1 + r^(2t))``
  with ``r = (sqrt(kappa) - 1) / (sqrt(kappa) + 1)`` (:func:`chebyshev_bound`);
* the Chebyshev iteration reaches that bound at every step
  (:class:`ChebyshevIteration`), and its learning rate and momentum converge
  to Polyak's (:func:`chebyshev_parameters`);
* heavy ball with Polyak's parameters has the residual polynomial
  ``r^t (U_t(y) - r U_(t-1)(y))``, with ``U`` the Chebyshev polynomials of the
  second kind and ``y`` the interval mapped onto ``[-1, 1]``; its largest
  value on the interval is ``(1 + (1 + r) t) r^t``
  (:func:`heavy_ball_worst_case`);
* conjugate gradient picks the best polynomial for the quadratic at hand
  (:func:`conjugate_gradient`), and :func:`minimal_error` gives the smallest
  distance to the minimum that any Krylov method can reach.

>>> round(float(chebyshev_bound(10, 1.0, 100.0)), 6), round((9 / 11) ** 10, 6)
(0.264089, 0.134431)
>>> round(float(heavy_ball_worst_case(10, 1.0, 100.0)), 6)
2.578624
"""

from __future__ import annotations

import numpy as np

from .objectives import Quadratic
from .optimizers import Gradient, Trajectory
from .validation import check_finite_array, check_positive_int, check_steps

__all__ = [
    "ChebyshevIteration",
    "chebyshev_bound",
    "chebyshev_parameters",
    "conjugate_gradient",
    "heavy_ball_polynomial",
    "heavy_ball_worst_case",
    "lower_bound_quadratic",
    "minimal_error",
    "polyak_rate",
]


def _interval(lam_min: object, lam_max: object) -> tuple[float, float]:
    low, high = (float(v) for v in check_finite_array([lam_min, lam_max], "(lam_min, lam_max)"))
    if not 0 < low < high:
        raise ValueError(f"need 0 < lam_min < lam_max, got lam_min={lam_min}, lam_max={lam_max}")
    return low, high


def polyak_rate(lam_min: float, lam_max: float) -> float:
    """``r = (sqrt(kappa) - 1) / (sqrt(kappa) + 1)``, the rate of heavy ball with Polyak's parameters.

    >>> polyak_rate(1.0, 100.0)
    0.8181818181818182
    """
    low, high = _interval(lam_min, lam_max)
    root = np.sqrt(high / low)
    return float((root - 1) / (root + 1))


def _steps_array(steps: object) -> np.ndarray:
    t = np.asarray(steps)
    if t.dtype.kind not in "iu" or np.any(t < 0):
        raise ValueError(f"steps must be whole numbers >= 0, got {steps!r}")
    return t


def chebyshev_bound(steps: object, lam_min: float, lam_max: float) -> np.ndarray:
    """``1 / T_t((kappa + 1) / (kappa - 1))`` for each ``t`` in ``steps``: the Krylov lower bound.

    Computed as ``2 r^t / (1 + r^(2t))``, which is the same number (because
    ``z + sqrt(z^2 - 1) = 1 / r``) and does not overflow.

    >>> chebyshev_bound([0, 1, 2], 1.0, 3.0).round(6).tolist()  # T_1(2) = 2, T_2(2) = 7
    [1.0, 0.5, 0.142857]
    """
    t = _steps_array(steps)
    r = polyak_rate(lam_min, lam_max)
    return 2 * r**t / (1 + r ** (2 * t))


def heavy_ball_polynomial(steps: int, lam: object, lr: float, momentum: float) -> np.ndarray:
    """The residual polynomial ``p_t(lam)`` of heavy ball started at rest: ``x_t = p_t(lam) x_0`` along each direction.

    ``p_0 = 1``, ``p_1 = 1 - lr lam`` and ``p_t = (1 + momentum - lr lam) p_(t-1) - momentum p_(t-2)``,
    which is the update ``x_t = x_(t-1) - lr g_t + momentum (x_(t-1) - x_(t-2))``
    with the velocity starting at zero.

    >>> heavy_ball_polynomial(2, [0.0, 1.0], lr=0.5, momentum=0.25).tolist()
    [1.0, 0.125]
    """
    steps = check_steps(steps)
    lam = check_finite_array(lam, "lam")
    previous, current = np.ones_like(lam), np.ones_like(lam)
    for t in range(1, steps + 1):
        factor = 1 - lr * lam if t == 1 else 1 + momentum - lr * lam
        previous, current = current, factor * current - (momentum * previous if t > 1 else 0.0)
    return current


def heavy_ball_worst_case(steps: object, lam_min: float, lam_max: float) -> np.ndarray:
    """``(1 + (1 + r) t) r^t``: the largest ``|p_t(lam)|`` on ``[lam_min, lam_max]`` for heavy ball with Polyak's parameters.

    It is reached at ``lam = lam_max``. The rate per step is ``r``, as for the
    lower bound, but with a factor that grows linearly in ``t``.

    >>> heavy_ball_worst_case([0, 1], 1.0, 100.0).round(6).tolist()
    [1.0, 2.305785]
    """
    t = _steps_array(steps)
    r = polyak_rate(lam_min, lam_max)
    return (1 + (1 + r) * t) * r**t


def chebyshev_parameters(steps: int, lam_min: float, lam_max: float) -> tuple[np.ndarray, np.ndarray]:
    """``(lr_t, momentum_t)`` for ``t = 1, ..., steps`` of the Chebyshev iteration on ``[lam_min, lam_max]``.

    With ``omega_1 = 1`` and, for ``t >= 2``,
    ``omega_t = 2 z T_(t-1)(z) / T_t(z) = (1 + r^2)(1 + r^(2t - 2)) / (1 + r^(2t))``:
    ``lr_t = 2 omega_t / (lam_min + lam_max)`` and ``momentum_t = omega_t - 1``.
    The first step is gradient descent with ``lr = 2 / (lam_min + lam_max)``;
    from there the parameters decrease to Polyak's
    ``4 / (sqrt(lam_max) + sqrt(lam_min))^2`` and ``r^2``.

    >>> lr, momentum = chebyshev_parameters(3, 1.0, 100.0)
    >>> lr.round(4).tolist(), momentum.round(4).tolist()
    ([0.0198, 0.0381, 0.0368], [0.0, 0.9245, 0.8597])
    """
    steps = check_positive_int(steps, "steps")
    low, high = _interval(lam_min, lam_max)
    r = polyak_rate(low, high)
    t = np.arange(1, steps + 1)
    omega = np.where(t == 1, 1.0, (1 + r**2) * (1 + r ** (2 * t - 2)) / (1 + r ** (2 * t)))
    return 2 * omega / (low + high), omega - 1


class ChebyshevIteration:
    """Heavy ball with the Chebyshev iteration's learning rate and momentum at step ``t``.

    In the site's velocity form: ``v_t = momentum_t v_(t-1) + lr_t g_t``,
    ``x_t = x_(t-1) - v_t`` (:func:`chebyshev_parameters`). On a quadratic
    whose curvatures lie in ``[lam_min, lam_max]`` its residual polynomial
    is ``T_t(y(lam)) / T_t(z)``, the smallest possible in the worst case at
    every step.

    >>> from momentum_docs import Quadratic, optimize
    >>> run = optimize(ChebyshevIteration(1.0, 3.0), Quadratic([[1.0, 0.0], [0.0, 3.0]]), [1.0, 1.0], steps=2)
    >>> run.x[-1].round(6).tolist()  # T_2(y) / T_2(2) at the two ends of the interval
    [0.142857, 0.142857]
    """

    state_name = "velocity"

    def __init__(self, lam_min: float, lam_max: float) -> None:
        self.lam_min, self.lam_max = _interval(lam_min, lam_max)
        self._lr, self._momentum = chebyshev_parameters(1, self.lam_min, self.lam_max)

    def parameters(self, t: int) -> tuple[float, float]:
        """``(lr_t, momentum_t)`` of step ``t >= 1``."""
        t = check_positive_int(t, "t")
        if t > len(self._lr):
            self._lr, self._momentum = chebyshev_parameters(max(t, 2 * len(self._lr)), self.lam_min, self.lam_max)
        return float(self._lr[t - 1]), float(self._momentum[t - 1])

    def init_state(self, x: np.ndarray) -> np.ndarray:
        return np.zeros_like(x)

    def step(
        self, x: np.ndarray, velocity: np.ndarray, gradient: Gradient, t: int = 1
    ) -> tuple[np.ndarray, np.ndarray]:
        lr, momentum = self.parameters(t)
        velocity = momentum * velocity + lr * gradient(x)
        return x - velocity, velocity

    def __repr__(self) -> str:
        return f"ChebyshevIteration(lam_min={self.lam_min}, lam_max={self.lam_max})"


def _positive_definite(objective: object) -> np.ndarray:
    if not isinstance(objective, Quadratic):
        raise TypeError(f"objective must be a Quadratic, got {objective!r}")
    if np.linalg.eigvalsh(objective.Q)[0] <= 0:
        raise ValueError("objective.Q must be positive definite")
    return objective.Q


def conjugate_gradient(objective: Quadratic, x0: object, steps: int) -> Trajectory:
    """Conjugate gradient (Hestenes and Stiefel, 1952) on ``f = 1/2 x^T Q x`` from ``x0``, as a :class:`Trajectory`.

    Each step moves along a search direction ``d`` by the exact minimiser
    of ``f`` on that line; the next direction is the new negative gradient
    made ``Q``-conjugate to the last one. After ``t`` steps the iterate
    minimises ``f`` (the ``Q``-norm of the error) over the Krylov space.
    The state is the search direction. Once the gradient is exactly zero the
    iterate stays put.

    >>> from momentum_docs import Quadratic
    >>> f = Quadratic(np.diag([1.0, 1.0, 5.0, 5.0]))  # two distinct curvatures
    >>> run = conjugate_gradient(f, [1.0, 2.0, 3.0, 4.0], steps=2)
    >>> bool(np.abs(run.x[-1]).max() < 1e-12)  # exact after two steps
    True
    """
    Q = _positive_definite(objective)
    steps = check_steps(steps)
    x = check_finite_array(x0, "x0")
    if x.shape != (len(Q),):
        raise ValueError(f"x0 must have shape ({len(Q)},), got {x.shape}")
    residual = -(Q @ x)  # the negative gradient
    direction = residual.copy()
    xs, directions = [x.copy()], [np.zeros_like(x)]
    for _ in range(steps):
        curvature = direction @ Q @ direction
        size = residual @ residual
        if size == 0 or curvature <= 0:  # solved exactly: nothing left to do
            xs.append(x.copy())
            directions.append(np.zeros_like(x))
            continue
        alpha = size / curvature
        x = x + alpha * direction
        directions.append(direction.copy())
        new_residual = residual - alpha * (Q @ direction)
        direction = new_residual + (new_residual @ new_residual / size) * direction
        residual = new_residual
        xs.append(x.copy())
    x_array = np.array(xs)
    loss = 0.5 * np.einsum("ti,ij,tj->t", x_array, Q, x_array)
    return Trajectory(x=x_array, loss=loss, state=np.array(directions), state_name="direction")


def minimal_error(objective: Quadratic, x0: object, steps: int) -> np.ndarray:
    """The smallest ``||x - x*||`` over ``x`` in ``x0 + span(g_0, Q g_0, ..., Q^(t-1) g_0)``, for ``t = 0, ..., steps``.

    No method whose iterate stays in that Krylov space (gradient descent,
    heavy ball, Nesterov, Chebyshev, conjugate gradient, ...) gets closer to
    the minimum in ``t`` steps. The Krylov basis is orthonormalised as it
    grows (Arnoldi with a second orthogonalisation pass), and the distance
    is found by least squares.

    >>> from momentum_docs import Quadratic
    >>> minimal_error(Quadratic(np.diag([1.0, 4.0])), [1.0, 0.0], steps=1).tolist()  # x0 is an eigenvector
    [1.0, 0.0]
    """
    Q = _positive_definite(objective)
    steps = check_steps(steps)
    x = check_finite_array(x0, "x0")
    if x.shape != (len(Q),):
        raise ValueError(f"x0 must have shape ({len(Q)},), got {x.shape}")
    errors = [float(np.linalg.norm(x))]
    basis: list[np.ndarray] = []
    vector = Q @ x
    for _ in range(steps):
        for _ in range(2):  # orthogonalise twice: once is not enough in floating point
            for b in basis:
                vector = vector - (b @ vector) * b
        norm = np.linalg.norm(vector)
        if norm > 1e-13 * np.linalg.norm(Q, 2) * max(1.0, np.linalg.norm(x)) and len(basis) < len(x):
            basis.append(vector / norm)
        if basis:
            B = np.column_stack(basis)
            errors.append(float(np.linalg.norm(x - B @ (B.T @ x))))  # x* = 0: project x0 out of the space
        else:
            errors.append(errors[-1])
        vector = Q @ basis[-1] if basis else vector
    return np.array(errors)


def lower_bound_quadratic(steps: int, lam_min: float, lam_max: float) -> tuple[Quadratic, np.ndarray]:
    """A quadratic and a start on which no Krylov method beats :func:`chebyshev_bound` after ``steps`` steps.

    The curvatures are the ``steps + 1`` points where ``T_steps`` of the
    mapped interval reaches ``+-1``, ``lam_j = (lam_max + lam_min)/2 -
    (lam_max - lam_min)/2 cos(j pi / steps)``, and the start has the
    components ``c_j^2 = 1 / (lam_j |prod_(i != j)(lam_j - lam_i)|)``
    (scaled to unit length). With these weights the Chebyshev polynomial is
    the best residual polynomial of degree ``steps`` in the Euclidean norm,
    so every Krylov method has ``||x_steps|| >= ||x_0|| / T_steps(z)`` here.

    >>> f, x0 = lower_bound_quadratic(3, 1.0, 100.0)
    >>> f.eigenvalues.round(2).tolist()
    [1.0, 25.75, 75.25, 100.0]
    >>> bool(np.isclose(minimal_error(f, x0, 3)[-1], chebyshev_bound(3, 1.0, 100.0)))
    True
    """
    steps = check_positive_int(steps, "steps")
    low, high = _interval(lam_min, lam_max)
    lam = (high + low) / 2 - (high - low) / 2 * np.cos(np.arange(steps + 1) * np.pi / steps)
    products = np.array([np.prod(np.abs(lam[j] - np.delete(lam, j))) for j in range(steps + 1)])
    weights = 1 / (lam * products)
    x0 = np.sqrt(weights / weights.sum())
    return Quadratic(np.diag(lam)), x0
