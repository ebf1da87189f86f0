"""A small multilayer perceptron in NumPy, with its backward pass written out.

The network maps inputs ``X`` (``n`` rows) through hidden layers with the
``tanh`` activation to one score (logit) per class, and the loss is the mean
softmax cross-entropy::

    h_0 = X,   h_l = tanh(h_{l-1} W_l + b_l)   (hidden layers l = 1 .. L-1)
    z = h_{L-1} W_L + b_L,   loss = mean_i( logsumexp(z_i) - z_{i, y_i} )

All weights and biases live in one flat vector ``theta``, so the optimizers of
:mod:`momentum_docs.optimizers` train it like any other objective. The
backward pass applies the chain rule layer by layer, from the top:

* ``dz = (softmax(z) - onehot(y)) / n``,
* ``dW_l = h_{l-1}^T dz_l`` and ``db_l = sum of the rows of dz_l``,
* ``dz_{l-1} = (dz_l W_l^T) * (1 - h_{l-1}^2)``, since ``tanh' = 1 - tanh^2``.

``tests/test_mlp.py`` checks it against central finite differences.

>>> from momentum_docs import Momentum, optimize, two_moons
>>> X, y = two_moons(n=100, seed=0)
>>> net = MLP((2, 8, 2))
>>> objective = CrossEntropy(net, X, y)
>>> theta0 = net.init(seed=0)
>>> net.n_params, theta0.shape
(42, (42,))
>>> run = optimize(Momentum(lr=0.5, momentum=0.9), objective, theta0, steps=200)
>>> bool(run.loss[-1] < run.loss[0] / 4), objective.accuracy(run.x[-1]) > 0.85
(True, True)
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence

import numpy as np

from .validation import check_finite_array

__all__ = ["MLP", "CrossEntropy"]


def _log_softmax(z: np.ndarray) -> np.ndarray:
    shifted = z - z.max(axis=1, keepdims=True)  # exp never overflows
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


class MLP:
    """A multilayer perceptron with ``tanh`` hidden layers and a softmax output.

    ``sizes`` lists the width of every layer, input first and number of
    classes last: ``(2, 16, 16, 2)`` has two inputs, two hidden layers of 16
    units and two classes. Layer ``l`` has weights ``W_l`` of shape
    ``(sizes[l-1], sizes[l])`` and biases ``b_l`` of shape ``(sizes[l],)``;
    ``theta`` holds them in that order, ``W_1, b_1, W_2, b_2, ...``.

    >>> net = MLP((2, 3, 2))
    >>> [(W.shape, b.shape) for W, b in net.unflatten(np.arange(net.n_params, dtype=float))]
    [((2, 3), (3,)), ((3, 2), (2,))]
    """

    def __init__(self, sizes: Sequence[int] = (2, 16, 16, 2)) -> None:
        if isinstance(sizes, (str, bytes)) or not isinstance(sizes, Sequence) or len(sizes) < 2:
            raise TypeError(f"sizes must be a sequence of at least two layer widths, got {sizes!r}")
        for i, size in enumerate(sizes):
            if isinstance(size, bool) or not isinstance(size, numbers.Integral) or size < 1:
                raise ValueError(f"sizes[{i}] must be a whole number >= 1, got {size!r}")
        if sizes[-1] < 2:
            raise ValueError(f"the last size is the number of classes and must be >= 2, got {sizes[-1]}")
        self.sizes = tuple(int(size) for size in sizes)
        self.shapes = [(fan_in, fan_out) for fan_in, fan_out in zip(self.sizes[:-1], self.sizes[1:])]
        self.n_params = sum(fan_in * fan_out + fan_out for fan_in, fan_out in self.shapes)

    @property
    def n_classes(self) -> int:
        return self.sizes[-1]

    def _theta(self, theta: object) -> np.ndarray:
        array = np.asarray(theta, dtype=float)
        if array.shape != (self.n_params,):
            raise ValueError(f"theta must have shape ({self.n_params},) for sizes {self.sizes}, got {array.shape}")
        return array

    def _inputs(self, X: object) -> np.ndarray:
        array = np.asarray(X, dtype=float)
        if array.ndim != 2 or array.shape[1] != self.sizes[0]:
            raise ValueError(f"X must have shape (n, {self.sizes[0]}), got {array.shape}")
        return array

    def unflatten(self, theta: object) -> list[tuple[np.ndarray, np.ndarray]]:
        """``[(W_1, b_1), (W_2, b_2), ...]`` as views into ``theta``."""
        theta = self._theta(theta)
        layers, start = [], 0
        for fan_in, fan_out in self.shapes:
            W = theta[start : start + fan_in * fan_out].reshape(fan_in, fan_out)
            start += fan_in * fan_out
            layers.append((W, theta[start : start + fan_out]))
            start += fan_out
        return layers

    def init(self, seed: int = 0) -> np.ndarray:
        """Weights drawn from ``N(0, 1 / fan_in)`` (LeCun's scale, which keeps ``tanh`` units out of saturation), biases 0."""
        rng = np.random.default_rng(seed)
        parts = []
        for fan_in, fan_out in self.shapes:
            parts += [rng.normal(scale=1 / np.sqrt(fan_in), size=fan_in * fan_out), np.zeros(fan_out)]
        return np.concatenate(parts)

    def _forward(self, theta: np.ndarray, X: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
        """The activations ``h_0 = X, h_1, ..., h_{L-1}`` and the logits ``z``."""
        layers = self.unflatten(theta)
        activations = [X]
        for W, b in layers[:-1]:
            activations.append(np.tanh(activations[-1] @ W + b))
        W, b = layers[-1]
        return activations, activations[-1] @ W + b

    def logits(self, theta: object, X: object) -> np.ndarray:
        """One score per class for every row of ``X``, shape ``(n, n_classes)``."""
        return self._forward(self._theta(theta), self._inputs(X))[1]

    def predict_proba(self, theta: object, X: object) -> np.ndarray:
        """The softmax of the logits: class probabilities, each row summing to 1."""
        return np.exp(_log_softmax(self.logits(theta, X)))

    def predict(self, theta: object, X: object) -> np.ndarray:
        """The most probable class of every row of ``X``."""
        return np.argmax(self.logits(theta, X), axis=1)

    def _labels(self, y: object, n: int) -> np.ndarray:
        array = np.asarray(y)
        if array.shape != (n,) or not np.issubdtype(array.dtype, np.integer):
            raise ValueError(f"y must hold {n} integer class labels, got shape {array.shape} and dtype {array.dtype}")
        if n and (array.min() < 0 or array.max() >= self.n_classes):
            raise ValueError(f"y must hold class labels in 0 .. {self.n_classes - 1}, got {array.min()} .. {array.max()}")
        return array

    def loss(self, theta: object, X: object, y: object) -> float:
        """The mean cross-entropy ``-log p(y_i | x_i)`` over the rows of ``X``."""
        X = self._inputs(X)
        y = self._labels(y, len(X))
        z = self._forward(self._theta(theta), X)[1]
        return float(-_log_softmax(z)[np.arange(len(X)), y].mean())

    def loss_and_gradient(self, theta: object, X: object, y: object) -> tuple[float, np.ndarray]:
        """The loss and its exact gradient with respect to ``theta`` (the backward pass)."""
        theta = self._theta(theta)
        X = self._inputs(X)
        y = self._labels(y, len(X))
        activations, z = self._forward(theta, X)
        log_p = _log_softmax(z)
        rows = np.arange(len(X))
        loss = float(-log_p[rows, y].mean())

        dz = np.exp(log_p)
        dz[rows, y] -= 1.0
        dz /= len(X)
        gradients = []
        layers = self.unflatten(theta)
        for index in range(len(layers) - 1, -1, -1):
            W, _ = layers[index]
            below = activations[index]
            gradients.append((below.T @ dz, dz.sum(axis=0)))
            if index:
                dz = (dz @ W.T) * (1.0 - below**2)
        return loss, np.concatenate([part.ravel() for dW, db in reversed(gradients) for part in (dW, db)])


class CrossEntropy:
    """The training loss of an :class:`MLP` on fixed data, as an objective for :func:`~momentum_docs.optimize`.

    ``objective(theta)`` is the mean cross-entropy over all of ``(X, y)`` and
    ``objective.gradient(theta)`` its exact gradient, so :func:`optimize`
    runs full-batch gradient descent (or momentum, or Nesterov) on it.
    The last loss and gradient are remembered, so that asking for both at the
    same ``theta`` runs the network once.

    >>> from momentum_docs import two_moons
    >>> X, y = two_moons(n=20, seed=1)
    >>> objective = CrossEntropy(MLP((2, 4, 2)), X, y)
    >>> theta = objective.mlp.init(seed=0)
    >>> objective(theta) == objective.mlp.loss(theta, X, y)
    True
    """

    def __init__(self, mlp: MLP, X: object, y: object) -> None:
        if not isinstance(mlp, MLP):
            raise TypeError(f"mlp must be an MLP, got {type(mlp).__name__}")
        self.mlp = mlp
        self.X = check_finite_array(X, "X")
        mlp._inputs(self.X)
        self.y = mlp._labels(y, len(self.X))
        self._last: tuple[np.ndarray, float, np.ndarray] | None = None

    def _evaluate(self, theta: object) -> tuple[float, np.ndarray]:
        theta = np.asarray(theta, dtype=float)
        if self._last is None or not np.array_equal(self._last[0], theta):
            loss, gradient = self.mlp.loss_and_gradient(theta, self.X, self.y)
            self._last = (theta.copy(), loss, gradient)
        return self._last[1], self._last[2].copy()

    def __call__(self, theta: object) -> float:
        return self._evaluate(theta)[0]

    def gradient(self, theta: object) -> np.ndarray:
        return self._evaluate(theta)[1]

    def accuracy(self, theta: object) -> float:
        """The fraction of the training points that the network classifies correctly."""
        return float(np.mean(self.mlp.predict(theta, self.X) == self.y))

    def __repr__(self) -> str:
        return f"CrossEntropy(MLP({self.mlp.sizes}), {len(self.X)} points)"
