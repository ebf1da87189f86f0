"""A small linear-regression model trained on minibatches, as in the first note.

The note trains ``y = X w + b`` with the squared loss on the airfoil data,
passing its optimizer as a function ``trainer_fn(params, states,
hyperparams)`` such as :func:`momentum_docs.sgd_momentum`. This module
provides the model, the loss, a seeded minibatch iterator, the gradient, and
the training loop (the role of ``d2l.train_ch7`` in *Dive into Deep
Learning*, 1st edition).

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

from .optimizers import DivergenceError, DivergenceWarning, Momentum, Nesterov
from .parameter import Parameter
from .validation import (
    check_finite_array,
    check_learning_rate,
    check_learning_rates,
    check_momenta,
    check_momentum,
    check_positive_int,
)

__all__ = [
    "RegressionSweep",
    "TrainingHistory",
    "data_iter",
    "full_batch_hessian",
    "init_linreg_params",
    "linreg",
    "linreg_backward",
    "minimum_loss",
    "squared_loss",
    "sweep_linear_regression",
    "train_linear_regression",
    "train_linear_regression_torch",
]


def _check_data(features: object, labels: object) -> tuple[np.ndarray, np.ndarray]:
    X = check_finite_array(features, "features")
    y = check_finite_array(labels, "labels")
    if X.ndim != 2 or y.shape != (len(X),):
        raise ValueError(f"features must have shape (n, d) and labels (n,); got {X.shape} and {y.shape}")
    return X, y


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


def _check_replacement(replacement: object) -> bool:
    if not isinstance(replacement, (bool, np.bool_)):
        raise TypeError(f"replacement must be True or False, got {replacement!r}")
    return bool(replacement)


def _minibatches(
    batch_size: int, features: np.ndarray, labels: np.ndarray, rng: np.random.Generator, replacement: bool
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """One epoch of minibatches: :func:`data_iter` (each example once), or, with ``replacement``,
    the same number of batches of the same sizes, each drawn independently with replacement."""
    if not replacement:
        yield from data_iter(batch_size, features, labels, rng)
        return
    n = len(features)
    for start in range(0, n, batch_size):
        rows = rng.integers(0, n, size=min(batch_size, n - start))
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


class _LossLog:
    """The loss on all the data, every ``record_every`` examples; overflow and divergence reported.

    Both training loops (NumPy and PyTorch) record through this, so they record
    at the same moments and report a diverging run the same way.
    """

    def __init__(self, full_loss: Callable[[], float], n: int, record_every: int, setting: str) -> None:
        self.full_loss, self.n, self.record_every, self.setting = full_loss, n, record_every, setting
        self.epochs, self.losses, self.seen = [0.0], [full_loss()], 0

    def after_batch(self, size: int, epoch: int, batch: int) -> None:
        self.seen += size
        if self.seen % self.record_every == 0:
            self.epochs.append(self.seen / self.n)
            self.losses.append(self.full_loss())
            if not np.isfinite(self.losses[-1]):
                raise DivergenceError(f"epoch {epoch + 1}, batch {batch + 1}: the loss overflowed with {self.setting}")

    def finish(self) -> tuple[np.ndarray, np.ndarray]:
        if self.losses[-1] > self.losses[0]:
            warnings.warn(
                f"training with {self.setting} diverged: the loss grew from {self.losses[0]:.4g} to {self.losses[-1]:.4g}",
                DivergenceWarning,
                stacklevel=3,
            )
        return np.array(self.epochs), np.array(self.losses)


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
    replacement: bool = False,
) -> TrainingHistory:
    """Train ``y = X w + b`` on minibatches with ``trainer_fn`` and record the loss.

    ``trainer_fn(params, states, hyperparams)`` updates ``params = [w, b]``
    in place from their ``.grad``. The loss over all examples is recorded
    before training and after every ``record_every`` examples, as
    *Dive into Deep Learning*, 1st edition, does (every 100 examples).
    ``seed`` fixes the initial ``w`` and the order of the minibatches. Each epoch uses every
    example once, in a new order; with ``replacement=True`` each minibatch is
    drawn independently, with replacement (as many batches of the same sizes
    per epoch), so the gradient noise of successive steps is independent, as
    the theory of noisy gradients assumes. If a parameter or the
    loss stops being finite, :class:`~momentum_docs.optimizers.DivergenceError`
    names the epoch and the batch; if training ends with a larger loss than it
    started with, a :class:`~momentum_docs.optimizers.DivergenceWarning` says so.
    """
    X, y = _check_data(features, labels)
    batch_size = check_positive_int(batch_size, "batch_size")
    num_epochs = check_positive_int(num_epochs, "num_epochs")
    record_every = check_positive_int(record_every, "record_every")
    replacement = _check_replacement(replacement)

    rng = np.random.default_rng(seed)
    w, b = init_linreg_params(X.shape[1], rng)

    def full_loss() -> float:
        with np.errstate(over="ignore"):  # an overflow is reported just below
            return float(squared_loss(linreg(X, w, b), y).mean())

    log = _LossLog(full_loss, len(X), record_every, str(dict(hyperparams)))
    for epoch in range(num_epochs):
        for batch, (X_batch, y_batch) in enumerate(_minibatches(batch_size, X, y, rng, replacement)):
            linreg_backward(X_batch, y_batch, w, b)
            trainer_fn([w, b], states, hyperparams)
            if not (np.all(np.isfinite(w)) and np.all(np.isfinite(b))):
                raise DivergenceError(
                    f"epoch {epoch + 1}, batch {batch + 1}: the parameters stopped being finite "
                    f"with hyperparams {dict(hyperparams)}"
                )
            log.after_batch(len(X_batch), epoch, batch)
    epochs, losses = log.finish()
    return TrainingHistory(epochs=epochs, loss=losses, w=np.array(w), b=np.array(b))


def full_batch_hessian(features: object) -> np.ndarray:
    """The Hessian of the full-batch loss ``mean((X w + b - y)^2) / 2`` in ``(w, b)``: ``A^T A / n``.

    ``A`` is ``X`` with a column of ones appended (for ``b``), so the result
    has shape ``(d + 1, d + 1)``. The loss is quadratic, so this matrix is
    the same everywhere, and its largest eigenvalue ``lam_max`` decides which
    full-batch learning rates converge: heavy-ball momentum converges exactly
    when ``lr * lam_max < 2 (1 + momentum)``.

    >>> from momentum_docs import load_airfoil
    >>> features, _ = load_airfoil()
    >>> round(float(np.linalg.eigvalsh(full_batch_hessian(features)).max()), 4)
    2.0985
    """
    X = check_finite_array(features, "features")
    if X.ndim != 2 or len(X) == 0:
        raise ValueError(f"features must have shape (n, d) with n >= 1, got {X.shape}")
    A = np.column_stack([X, np.ones(len(X))])
    return A.T @ A / len(A)


def minimum_loss(features: object, labels: object) -> float:
    """The smallest full-batch loss ``mean((X w + b - y)^2) / 2`` that any ``(w, b)`` reaches (least squares).

    Training curves approach it from above; ``loss - minimum_loss`` is how
    far a run is from the best fit.

    >>> from momentum_docs import load_airfoil
    >>> round(minimum_loss(*load_airfoil()), 4)
    0.2417
    """
    X, y = _check_data(features, labels)
    A = np.column_stack([X, np.ones(len(X))])
    theta = np.linalg.lstsq(A, y, rcond=None)[0]
    return float(np.mean((A @ theta - y) ** 2) / 2)


@dataclass(frozen=True)
class RegressionSweep:
    """Losses of many training runs of the linear model, one per ``(lr, momentum)``.

    Attributes:
        lr, momentum: the settings, broadcast to one shape ``S`` (a grid, say).
        epochs: when each loss was recorded, in epochs (0 is before training), shape ``(R,)``.
        loss: the mean squared loss over all examples, shape ``S + (R,)``;
            ``inf`` from the record where a run stopped being finite on.
    """

    lr: np.ndarray
    momentum: np.ndarray
    epochs: np.ndarray
    loss: np.ndarray

    @property
    def final_loss(self) -> np.ndarray:
        """The loss at the end of training, shape ``S`` (``inf`` for a diverged run)."""
        return self.loss[..., -1]

    @property
    def diverged(self) -> np.ndarray:
        """Whether each run ended with a larger loss than it started with (or a non-finite one), shape ``S``.

        This is the rule of :class:`~momentum_docs.DivergenceWarning`.
        """
        return ~(self.final_loss <= self.loss[..., 0])


def sweep_linear_regression(
    lr: object,
    momentum: object,
    features: object,
    labels: object,
    batch_size: int = 10,
    num_epochs: int = 2,
    seed: int = 0,
    record_every: int = 100,
    nesterov: bool = False,
    replacement: bool = False,
) -> RegressionSweep:
    """Train the linear model once per ``(lr, momentum)``, all runs at once.

    ``lr`` and ``momentum`` are arrays that broadcast together (a grid from
    :func:`numpy.meshgrid`, for instance). Each run is the run that
    :func:`train_linear_regression` makes with
    :func:`~momentum_docs.sgd_momentum` and the same ``seed``: the same
    initial ``w``, the same minibatches in the same order, the loss recorded
    at the same times, the minibatches drawn the same way (``replacement``).
    ``nesterov=True`` uses :class:`~momentum_docs.Nesterov` instead. The runs are the rows of one
    parameter array, updated by one :class:`~momentum_docs.Momentum` whose
    ``lr`` and ``momentum`` are columns, so the update rule is the package's.

    A run whose parameters or loss stop being finite is stopped and its loss
    is ``inf`` from then on. A sweep expects some runs to diverge, so nothing
    is raised or warned: :attr:`RegressionSweep.diverged` says which did.

    >>> from momentum_docs import load_airfoil
    >>> features, labels = load_airfoil()
    >>> sweep = sweep_linear_regression([0.02, 0.02, 0.5], [0.5, 0.9, 0.9], features, labels)
    >>> sweep.final_loss[:2].round(4).tolist(), sweep.diverged.tolist()
    ([0.2446, 0.2536], [False, False, True])
    """
    X, y = _check_data(features, labels)
    lr = check_learning_rates(np.atleast_1d(lr))
    momentum = check_momenta(np.atleast_1d(momentum))
    try:
        shape = np.broadcast_shapes(lr.shape, momentum.shape)
    except ValueError:
        raise ValueError(f"lr of shape {lr.shape} and momentum of shape {momentum.shape} do not broadcast") from None
    batch_size = check_positive_int(batch_size, "batch_size")
    num_epochs = check_positive_int(num_epochs, "num_epochs")
    record_every = check_positive_int(record_every, "record_every")
    replacement = _check_replacement(replacement)

    # one row per run: the columns of lr and momentum broadcast against the (runs, d + 1) parameters
    lr_rows = np.broadcast_to(lr, shape).reshape(-1, 1)
    momentum_rows = np.broadcast_to(momentum, shape).reshape(-1, 1)
    optimizer = (Nesterov if nesterov else Momentum)(lr_rows, momentum_rows)

    rng = np.random.default_rng(seed)
    w, b = init_linreg_params(X.shape[1], rng)  # the same draw as train_linear_regression
    theta = np.tile(np.concatenate([np.ravel(w), b]), (len(lr_rows), 1))
    velocity = optimizer.init_state(theta)
    diverged = np.zeros(len(theta), dtype=bool)
    # The loss and the gradients need the data only through A^T A, A^T y and y^T y (A = [X, 1]):
    # 6 x 6 numbers instead of 1500 x 6, so a step costs the same for one run or a thousand.
    A = np.column_stack([X, np.ones(len(X))])
    gram, moment, norm = A.T @ A, A.T @ y, float(y @ y)

    def full_loss() -> np.ndarray:
        # mean((A theta - y)^2) / 2, expanded
        with np.errstate(over="ignore", invalid="ignore"):
            loss = (np.einsum("ki,ij,kj->k", theta, gram, theta) - 2 * theta @ moment + norm) / (2 * len(A))
        diverged[~np.isfinite(loss)] = True
        return np.where(diverged, np.inf, loss)

    epochs, losses = [0.0], [full_loss()]
    seen, t = 0, 0
    for _ in range(num_epochs):
        for X_batch, y_batch in _minibatches(batch_size, X, y, rng, replacement):
            A_batch = np.column_stack([X_batch, np.ones(len(X_batch))])
            batch_gram, batch_moment = A_batch.T @ A_batch / len(A_batch), A_batch.T @ y_batch / len(A_batch)

            def gradient(theta: np.ndarray, gram: np.ndarray = batch_gram, moment: np.ndarray = batch_moment) -> np.ndarray:
                # row i: the gradient A_b^T (A_b theta_i - y_b) / B of the batch's mean squared loss / 2 for run i
                return theta @ gram - moment

            t += 1
            with np.errstate(over="ignore", invalid="ignore"):
                theta, velocity = optimizer.step(theta, velocity, gradient, t)
            diverged |= ~(np.isfinite(theta).all(axis=1) & np.isfinite(velocity).all(axis=1))
            theta[diverged] = 0.0  # a stopped run stays finite, so it cannot disturb the arithmetic
            velocity[diverged] = 0.0
            seen += len(X_batch)
            if seen % record_every == 0:
                epochs.append(seen / len(X))
                losses.append(full_loss())
    loss = np.stack(losses, axis=-1).reshape(*shape, len(losses))
    return RegressionSweep(
        lr=np.broadcast_to(lr, shape).copy(), momentum=np.broadcast_to(momentum, shape).copy(),
        epochs=np.array(epochs), loss=loss,
    )


def train_linear_regression_torch(
    lr: float,
    momentum: float,
    features: object,
    labels: object,
    batch_size: int = 10,
    num_epochs: int = 2,
    seed: int = 0,
    record_every: int = 100,
) -> TrainingHistory:
    """The same training with PyTorch: ``torch.nn.Linear`` and ``torch.optim.SGD(lr, momentum)``, in float64.

    Everything but the optimizer is shared with :func:`train_linear_regression`
    and ``seed``: the initial ``w`` and the order of the minibatches come
    from the same NumPy generator, and the loss is the same half squared
    error (the concise version of *Dive into Deep Learning*, 2nd edition,
    ``train_concise_ch11``, backpropagates ``nn.MSELoss``, which has no factor
    1/2, so there every gradient is twice as large and the same ``lr`` takes
    twice the step; the 1st edition's Gluon version uses ``gloss.L2Loss``,
    which has the 1/2). PyTorch writes
    momentum as ``b <- momentum * b + g``, ``p <- p - lr * b``: the site's
    velocity is ``v = lr * b``, so the iterates agree with
    :func:`~momentum_docs.sgd_momentum` up to rounding.

    PyTorch is not a dependency of ``momentum_docs``; without it this raises
    :class:`ImportError` saying so.
    """
    try:
        import torch
    except ImportError as error:  # the one optional dependency of the package
        raise ImportError("train_linear_regression_torch needs PyTorch (pip install torch)") from error
    lr = check_learning_rate(lr)
    momentum = check_momentum(momentum)
    X, y = _check_data(features, labels)
    batch_size = check_positive_int(batch_size, "batch_size")
    num_epochs = check_positive_int(num_epochs, "num_epochs")
    record_every = check_positive_int(record_every, "record_every")

    rng = np.random.default_rng(seed)
    w, b = init_linreg_params(X.shape[1], rng)  # the same draw as train_linear_regression
    net = torch.nn.Linear(X.shape[1], 1, dtype=torch.float64)
    with torch.no_grad():
        net.weight.copy_(torch.from_numpy(np.asarray(w).T))
        net.bias.copy_(torch.from_numpy(np.asarray(b)))
    optimizer = torch.optim.SGD(net.parameters(), lr=lr, momentum=momentum)
    X_all, y_all = torch.from_numpy(X), torch.from_numpy(y)

    def half_squared_error(inputs: Any, targets: Any) -> Any:
        return ((net(inputs).squeeze(1) - targets) ** 2 / 2).mean()

    def full_loss() -> float:
        with torch.no_grad():
            return float(half_squared_error(X_all, y_all))

    log = _LossLog(full_loss, len(X), record_every, f"lr={lr}, momentum={momentum}")
    for epoch in range(num_epochs):
        for batch, (X_batch, y_batch) in enumerate(data_iter(batch_size, X, y, rng)):
            optimizer.zero_grad()
            half_squared_error(torch.from_numpy(X_batch), torch.from_numpy(y_batch)).backward()
            optimizer.step()
            log.after_batch(len(X_batch), epoch, batch)
    epochs, losses = log.finish()
    return TrainingHistory(
        epochs=epochs, loss=losses,
        w=net.weight.detach().numpy().T.copy(), b=net.bias.detach().numpy().copy(),
    )
