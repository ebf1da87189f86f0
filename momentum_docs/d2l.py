"""The API of the first lecture note, which follows *Dive into Deep Learning*.

The note's code imports a handful of helpers from the book's ``d2l``
package. This module provides them with the same names and signatures, so
that the note's code runs unchanged with ``from momentum_docs import ...``.
The update rules are not written again here: each helper calls the
optimizers of :mod:`momentum_docs.optimizers`. Two names of the book beyond
the ones the note imports, ``get_data_ch7`` and ``train_ch7``, let the note's
airfoil code run unchanged too.

>>> from momentum_docs import momentum_2d, train_2d
>>> points = train_2d(momentum_2d)
epoch 20, x1 -0.062843, x2 0.001202
>>> len(points)
21
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from .datasets import load_airfoil
from .objectives import ill_conditioned_quadratic
from .optimizers import DivergenceError, DivergenceWarning, GradientDescent, Momentum
from .parameter import Parameter
from .regression import TrainingHistory, train_linear_regression
from .validation import check_finite_array, check_learning_rate, check_momentum, check_positive_int, check_steps

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "Parameter",
    "f_2d",
    "gd_2d",
    "get_data_ch7",
    "init_momentum_states",
    "momentum_2d",
    "sgd",
    "sgd_momentum",
    "show_trace_2d",
    "train_2d",
    "train_ch7",
]

_F = ill_conditioned_quadratic()


def f_2d(x1: Any, x2: Any) -> Any:
    """The running example ``f(x) = 0.1 x1^2 + 2 x2^2`` (works on arrays too).

    >>> f_2d(-5, -2)
    10.5
    """
    return 0.1 * x1**2 + 2 * x2**2


def gd_2d(x1: float, x2: float, s1: float, s2: float, eta: float = 0.4) -> tuple[float, float, int, int]:
    """One gradient-descent step on :func:`f_2d`; ``s1, s2`` are unused state.

    >>> gd_2d(-5, -2, 0, 0)
    (-4.6, 1.2000000000000002, 0, 0)
    """
    x, _ = GradientDescent(lr=eta).step(np.array([x1, x2], dtype=float), None, _F.gradient)
    return float(x[0]), float(x[1]), 0, 0


def momentum_2d(
    x1: float, x2: float, v1: float, v2: float, eta: float = 0.4, gamma: float = 0.5
) -> tuple[float, float, float, float]:
    """One momentum step on :func:`f_2d` in the velocity form.

    ``v <- gamma * v + eta * grad f(x)``, then ``x <- x - v``.

    >>> momentum_2d(-5, -2, 0, 0)
    (-4.6, 1.2000000000000002, -0.4, -3.2)
    """
    x, v = Momentum(lr=eta, momentum=gamma).step(
        np.array([x1, x2], dtype=float), np.array([v1, v2], dtype=float), _F.gradient
    )
    return float(x[0]), float(x[1]), float(v[0]), float(v[1])


def train_2d(
    trainer: Callable[..., tuple[float, float, float, float]],
    iters: int = 20,
    x1: float = -5,
    x2: float = -2,
    s1: float = 0,
    s2: float = 0,
) -> list[tuple[float, float]]:
    """Apply ``trainer`` ``iters`` times from ``(x1, x2)`` and return every point.

    Prints the last point as ``epoch N, x1 ..., x2 ...``, as the book does.
    A point that stops being finite raises
    :class:`~momentum_docs.optimizers.DivergenceError`; a run that ends
    farther from the origin (the minimiser of :func:`f_2d`) than it started
    issues a :class:`~momentum_docs.optimizers.DivergenceWarning`.
    """
    iters = check_steps(iters, "iters")
    start = check_finite_array([x1, x2], "(x1, x2)")
    results = [(x1, x2)]
    for epoch in range(1, iters + 1):
        # an overflow becomes inf here and is reported below as a DivergenceError
        with np.errstate(over="ignore", invalid="ignore"):
            step = trainer(x1, x2, s1, s2)
        if not (isinstance(step, tuple) and len(step) == 4):
            raise TypeError(f"trainer must return a tuple (x1, x2, s1, s2), got {step!r}")
        x1, x2, s1, s2 = step
        if not all(math.isfinite(value) for value in step):
            raise DivergenceError(f"epoch {epoch}: the point stopped being finite ({x1}, {x2})")
        results.append((x1, x2))
    print(f"epoch {iters}, x1 {x1:f}, x2 {x2:f}")
    start_norm, end_norm = math.hypot(*start), math.hypot(x1, x2)
    if end_norm > start_norm:
        warnings.warn(
            f"|x| grew from {start_norm:.4g} to {end_norm:.4g} in {iters} epochs: the run diverges",
            DivergenceWarning,
            stacklevel=2,
        )
    return results


def show_trace_2d(
    f: Callable[[np.ndarray, np.ndarray], np.ndarray],
    results: Sequence[tuple[float, float]],
    *,
    ax: Axes | None = None,
    xlim: tuple[float, float] = (-5.5, 1.0),
    ylim: tuple[float, float] | None = None,
    color: str = "#ff7f0e",
    contour_color: str = "#1f77b4",
    levels: int | Sequence[float] | None = None,
    label: str | None = None,
) -> Figure:
    """Draw the points of ``results`` over the contours of ``f`` and return the Figure.

    With ``ylim=None`` the vertical range follows the book: from
    ``min(-3, min(x2) - 1)`` to ``max(1, max(x2) + 1)``. Pass ``ax`` to draw
    into an existing Axes; no pyplot state is used either way.

    >>> from momentum_docs import gd_2d
    >>> import contextlib, io
    >>> with contextlib.redirect_stdout(io.StringIO()):
    ...     fig = show_trace_2d(f_2d, train_2d(gd_2d))
    >>> fig.axes[0].get_xlabel()
    'x1'
    """
    from matplotlib.figure import Figure

    points = check_finite_array(results, "results")
    if points.ndim != 2 or points.shape[1] != 2:
        raise ValueError(f"results must be a sequence of (x1, x2) points, got shape {points.shape}")
    if ax is None:
        ax = Figure(figsize=(5.0, 3.2), layout="constrained").add_subplot()
    if ylim is None:
        ylim = (min(-3.0, points[:, 1].min() - 1), max(1.0, points[:, 1].max() + 1))
    grid1, grid2 = np.meshgrid(np.linspace(*xlim, 200), np.linspace(*ylim, 200))
    ax.contour(grid1, grid2, f(grid1, grid2), levels=levels, colors=contour_color, linewidths=0.8)
    ax.plot(points[:, 0], points[:, 1], "-o", color=color, markersize=4, label=label)
    ax.set_xlim(xlim)
    ax.set_ylim(ylim)
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    return ax.figure


def init_momentum_states(dim: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """Zero velocities for a linear model with ``dim`` features: ``(v_w, v_b)``.

    >>> [v.shape for v in init_momentum_states(5)]
    [(5, 1), (1,)]
    """
    dim = check_positive_int(dim, "dim")
    return np.zeros((dim, 1)), np.zeros(1)


def _check_hyperparams(hyperparams: Mapping[str, Any], required: tuple[str, ...]) -> dict[str, float]:
    if not isinstance(hyperparams, Mapping):
        raise TypeError(f"hyperparams must be a dict with keys {list(required)}, got {hyperparams!r}")
    missing = [key for key in required if key not in hyperparams]
    unknown = [key for key in hyperparams if key not in required]
    if missing or unknown:
        raise KeyError(
            f"hyperparams must have exactly the keys {list(required)}; missing {missing}, unknown {unknown}"
        )
    checked = {"lr": check_learning_rate(hyperparams["lr"], "hyperparams['lr']")}
    if "momentum" in required:
        checked["momentum"] = check_momentum(hyperparams["momentum"], "hyperparams['momentum']")
    return checked


def _check_params(params: Sequence[Any], states: Sequence[Any] | None) -> None:
    for i, p in enumerate(params):
        if not isinstance(p, np.ndarray) or getattr(p, "grad", None) is None:
            raise TypeError(f"params[{i}] must be a Parameter with a .grad, got {type(p).__name__}")
        if np.shape(p.grad) != p.shape:
            raise ValueError(f"params[{i}].grad has shape {np.shape(p.grad)}, but the parameter has shape {p.shape}")
    if states is None:
        return
    if len(params) != len(states):
        raise ValueError(f"got {len(params)} params but {len(states)} states; they must pair up")
    for i, (p, v) in enumerate(zip(params, states)):
        if not isinstance(v, np.ndarray) or v.shape != p.shape:
            raise ValueError(
                f"states[{i}] has shape {np.shape(v)}, but params[{i}] has shape {p.shape}; "
                "did init_momentum_states get the right dim?"
            )


def sgd(params: Sequence[Parameter], states: Any, hyperparams: Mapping[str, float]) -> None:
    """Minibatch SGD, in place: ``p[:] -= lr * p.grad``. ``states`` is ignored."""
    optimizer = GradientDescent(**_check_hyperparams(hyperparams, ("lr",)))
    _check_params(params, None)
    for p in params:
        p[:], _ = optimizer.step(p.view(np.ndarray), None, lambda _, grad=p.grad: grad)


def sgd_momentum(
    params: Sequence[Parameter], states: Sequence[np.ndarray], hyperparams: Mapping[str, float]
) -> None:
    """Momentum, in place, exactly as the note writes it.

    For each parameter ``p`` and its velocity ``v``::

        v[:] = momentum * v + lr * p.grad
        p[:] -= v

    >>> w = Parameter([[1.0], [1.0]]); w.grad[:] = 1.0
    >>> states = init_momentum_states(2)[:1]
    >>> sgd_momentum([w], states, {"lr": 0.1, "momentum": 0.5})
    >>> sgd_momentum([w], states, {"lr": 0.1, "momentum": 0.5})
    >>> w.ravel().tolist()
    [0.75, 0.75]
    """
    optimizer = Momentum(**_check_hyperparams(hyperparams, ("lr", "momentum")))
    _check_params(params, states)
    for p, v in zip(params, states):
        # the rule itself lives in Momentum.step; write its result back in place
        p[:], v[:] = optimizer.step(p.view(np.ndarray), v, lambda _, grad=p.grad: grad)


def get_data_ch7() -> tuple[np.ndarray, np.ndarray]:
    """The book's name for :func:`momentum_docs.load_airfoil`: standardised airfoil data, 1500 rows."""
    return load_airfoil()


def train_ch7(
    trainer_fn: Callable[..., None],
    states: Any,
    hyperparams: Mapping[str, float],
    features: np.ndarray,
    labels: np.ndarray,
    batch_size: int = 10,
    num_epochs: int = 2,
) -> TrainingHistory:
    """The book's training loop: :func:`momentum_docs.train_linear_regression`, then print the final loss.

    The book also prints the seconds per epoch and draws the curve; the time
    is left out so that the output is the same on every machine, and the
    curve is :func:`momentum_docs.figures.training.fig_momentum_loss_curves`.

    >>> features, labels = get_data_ch7()
    >>> history = train_ch7(sgd_momentum, init_momentum_states(5), {"lr": 0.02, "momentum": 0.5}, features, labels)
    loss: 0.244608
    """
    history = train_linear_regression(
        trainer_fn, states, hyperparams, features, labels, batch_size=batch_size, num_epochs=num_epochs
    )
    print(f"loss: {history.loss[-1]:f}")
    return history
