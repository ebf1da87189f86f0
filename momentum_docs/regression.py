"""A small linear-regression model trained on minibatches, as in the first note.

The note trains ``y = X w + b`` with the squared loss on the airfoil data,
passing its optimizer as a function ``trainer_fn(params, states,
hyperparams)`` such as :func:`momentum_docs.sgd_momentum`. This module
provides the model, the loss, a seeded minibatch iterator, the gradient, and
the training loop (the role of ``d2l.train_ch7`` in the book).

>>> from momentum_docs import init_momentum_states, load_airfoil, sgd_momentum
>>> features, labels = load_airfoil()
>>> history = train_linear_regression(
...     sgd_momentum, init_momentum_states(5), {"lr": 0.02, "momentum": 0.5}, features, labels
... )
>>> print(f"loss: {history.loss[-1]:.3f}")
loss: 0.245
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .optimizers import DivergenceError, DivergenceWarning
from .parameter import Parameter
from .validation import check_finite_array, check_positive_int

__all__ = [
    "TrainingHistory",
    "data_iter",
    "init_linreg_params",
    "linreg",
    "linreg_backward",
    "squared_loss",
    "train_linear_regression",
]


def linreg(X: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The linear model ``X w + b``; ``w`` has shape ``(d, 1)``, the result ``(n, 1)``."""
    return X @ w + b


def squared_loss(y_hat: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Half the squared error, example by example: ``(y_hat - y)^2 / 2``."""
    return (y_hat - np.reshape(y, y_hat.shape)) ** 2 / 2


def linreg_backward(X: np.ndarray, y: np.ndarray, w: Parameter, b: Parameter) -> None:
    """Set ``w.grad`` and ``b.grad`` to the gradient of the *mean* squared loss.

    With residuals ``r = X w + b - y`` over a batch of ``B`` examples the
    gradient of ``mean(r^2 / 2)`` is ``X^T r / B`` for ``w`` and ``mean(r)``
    for ``b``.
    """
    residual = linreg(X, w, b) - np.reshape(y, (-1, 1))
    w.grad = X.T @ residual / len(X)
    b.grad = residual.mean(axis=0)


def data_iter(
    batch_size: int, features: np.ndarray, labels: np.ndarray, rng: np.random.Generator
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Yield ``(X, y)`` minibatches of the data in an order shuffled by ``rng``.

    The last batch is smaller when ``batch_size`` does not divide the data.
    """
    batch_size = check_positive_int(batch_size, "batch_size")
    order = rng.permutation(len(features))
    for start in range(0, len(order), batch_size):
        rows = order[start : start + batch_size]
        yield features[rows], labels[rows]


def init_linreg_params(dim: int, rng: np.random.Generator) -> tuple[Parameter, Parameter]:
    """``w ~ N(0, 0.01^2)`` of shape ``(dim, 1)`` and ``b = 0`` of shape ``(1,)``."""
    dim = check_positive_int(dim, "dim")
    return Parameter(rng.normal(scale=0.01, size=(dim, 1))), Parameter(np.zeros(1))


@dataclass(frozen=True)
class TrainingHistory:
    """The loss on the whole data set, recorded as training goes.

    Attributes:
        epochs: when each loss was recorded, in epochs (0 is before training).
        loss: mean squared loss (``(y_hat - y)^2 / 2``) over all examples.
        w, b: the trained parameters.
    """

    epochs: np.ndarray
    loss: np.ndarray
    w: np.ndarray
    b: np.ndarray


def train_linear_regression(
    trainer_fn: Callable[[Sequence[Parameter], Any, Mapping[str, float]], None],
    states: Any,
    hyperparams: Mapping[str, float],
    features: object,
    labels: object,
    batch_size: int = 10,
    num_epochs: int = 2,
    seed: int = 0,
    record_every: int = 100,
) -> TrainingHistory:
    """Train ``y = X w + b`` on minibatches with ``trainer_fn`` and record the loss.

    ``trainer_fn(params, states, hyperparams)`` updates ``params = [w, b]``
    in place from their ``.grad``. The loss over all examples is recorded
    before training and after every ``record_every`` examples, as
    *Dive into Deep Learning* does (every 100 examples). ``seed`` fixes the
    initial ``w`` and the order of the minibatches. If a parameter or the
    loss stops being finite, :class:`~momentum_docs.optimizers.DivergenceError`
    names the epoch and the batch; if training ends with a larger loss than it
    started with, a :class:`~momentum_docs.optimizers.DivergenceWarning` says so.
    """
    X = check_finite_array(features, "features")
    y = check_finite_array(labels, "labels")
    if X.ndim != 2 or y.shape != (len(X),):
        raise ValueError(f"features must have shape (n, d) and labels (n,); got {X.shape} and {y.shape}")
    batch_size = check_positive_int(batch_size, "batch_size")
    num_epochs = check_positive_int(num_epochs, "num_epochs")
    record_every = check_positive_int(record_every, "record_every")

    rng = np.random.default_rng(seed)
    w, b = init_linreg_params(X.shape[1], rng)

    def full_loss() -> float:
        with np.errstate(over="ignore"):  # an overflow is reported just below
            return float(squared_loss(linreg(X, w, b), y).mean())

    epochs, losses = [0.0], [full_loss()]
    seen = 0
    for epoch in range(num_epochs):
        for batch, (X_batch, y_batch) in enumerate(data_iter(batch_size, X, y, rng)):
            linreg_backward(X_batch, y_batch, w, b)
            trainer_fn([w, b], states, hyperparams)
            if not (np.all(np.isfinite(w)) and np.all(np.isfinite(b))):
                raise DivergenceError(
                    f"epoch {epoch + 1}, batch {batch + 1}: the parameters stopped being finite "
                    f"with hyperparams {dict(hyperparams)}"
                )
            seen += len(X_batch)
            if seen % record_every == 0:
                epochs.append(seen / len(X))
                losses.append(full_loss())
                if not np.isfinite(losses[-1]):
                    raise DivergenceError(
                        f"epoch {epoch + 1}, batch {batch + 1}: the loss overflowed "
                        f"with hyperparams {dict(hyperparams)}"
                    )
    if losses[-1] > losses[0]:
        warnings.warn(
            f"training with {dict(hyperparams)} diverged: the loss grew from {losses[0]:.4g} to {losses[-1]:.4g}",
            DivergenceWarning,
            stacklevel=2,
        )
    return TrainingHistory(epochs=np.array(epochs), loss=np.array(losses), w=np.array(w), b=np.array(b))
