"""The real PyTorch, Keras 3 and optax against momentum_docs.crosswalk, iterate by iterate.

Each framework runs in float64 on a random quadratic f(x) = x^T Q x / 2 with gradients supplied
from outside (Q x), so that only the optimizers are compared. A framework that is not installed
skips its tests with the reason; under CI=true a missing framework is a failure (the `frameworks`
extra is part of `make test`).
"""

from __future__ import annotations

import importlib
import os

import numpy as np
import pytest

from momentum_docs import Quadratic, optimize
from momentum_docs.crosswalk import KerasSGD, OptaxSGD, TorchSGD

ON_CI = os.environ.get("CI", "").lower() == "true"
STEPS = 40
RTOL = 1e-10


def require(module: str):  # type: ignore[no-untyped-def]
    try:
        return importlib.import_module(module)
    except ImportError as error:
        reason = f"{module} is not installed (pip install -e '.[frameworks]'): {error}"
        if ON_CI:
            pytest.fail(reason + "; on CI the framework tests must run", pytrace=False)
        pytest.skip(reason)


def problem(seed: int = 0, dim: int = 5) -> tuple[Quadratic, np.ndarray]:
    rng = np.random.default_rng(seed)
    basis, _ = np.linalg.qr(rng.normal(size=(dim, dim)))
    Q = basis @ np.diag(rng.uniform(0.3, 3.0, size=dim)) @ basis.T
    return Quadratic((Q + Q.T) / 2), rng.normal(size=dim)


def schedule(t: int) -> float:
    """A learning rate that changes at every step (t = 1, 2, ...) and drops after step 15."""
    return 0.1 * (1 + 0.5 * np.sin(t)) * (0.3 if t > 15 else 1.0)


def expected(optimizer) -> np.ndarray:  # type: ignore[no-untyped-def]
    f, x0 = problem()
    return optimize(optimizer, f, x0, steps=STEPS).x


def assert_iterates_match(framework: np.ndarray, package: np.ndarray) -> None:
    """Every iterate agrees to RTOL relative to its own size (so late, small iterates count too)."""
    assert framework.shape == package.shape
    scale = np.abs(package).max(axis=1, keepdims=True)
    relative = np.abs(framework - package) / scale
    assert relative.max() < RTOL, f"largest relative difference {relative.max():.2e} at step {relative.max(axis=1).argmax()}"


# ---------------------------------------------------------------- PyTorch

TORCH_CASES = {
    "constant": dict(lr=0.1, momentum=0.9),
    "schedule": dict(lr=schedule, momentum=0.9),
    "nesterov": dict(lr=0.1, momentum=0.9, nesterov=True),
    "nesterov-schedule": dict(lr=schedule, momentum=0.9, nesterov=True),
    "dampening": dict(lr=0.1, momentum=0.9, dampening=0.3),
    "weight-decay": dict(lr=0.1, momentum=0.9, weight_decay=0.05),
}


def run_torch(lr, momentum=0.0, dampening=0.0, nesterov=False, weight_decay=0.0) -> np.ndarray:  # type: ignore[no-untyped-def]
    torch = require("torch")
    f, x0 = problem()
    Q = torch.tensor(f.Q, dtype=torch.float64)
    x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    initial = lr(1) if callable(lr) else lr
    sgd = torch.optim.SGD([x], lr=initial, momentum=momentum, dampening=dampening, nesterov=nesterov,
                          weight_decay=weight_decay)
    iterates = [x.detach().numpy().copy()]
    for t in range(1, STEPS + 1):
        for group in sgd.param_groups:
            group["lr"] = lr(t) if callable(lr) else lr
        sgd.zero_grad()
        loss = 0.5 * x @ Q @ x
        loss.backward()  # x.grad = Q x, by autograd
        sgd.step()
        iterates.append(x.detach().numpy().copy())
    return np.array(iterates)


@pytest.mark.parametrize("case", TORCH_CASES)
def test_torch_sgd(case: str) -> None:
    kwargs = TORCH_CASES[case]
    assert_iterates_match(run_torch(**kwargs), expected(TorchSGD(**kwargs)))


def run_torch_lambdalr(lr, momentum: float, base_lr: float = 1.0, shift: int = 1, **options) -> np.ndarray:  # type: ignore[no-untyped-def]
    """PyTorch with the schedule given to ``LambdaLR`` as ``lambda k: lr(k + shift)`` on a base rate ``base_lr``.

    This is the recipe of the framework page: ``LambdaLR`` calls its function with 0, 1, ... and
    multiplies the optimizer's base learning rate by the result, so the site's ``lr(t)`` (t = 1, 2,
    ...) needs ``base_lr = 1`` and ``shift = 1``; ``scheduler.step()`` follows each ``sgd.step()``.
    """
    torch = require("torch")
    f, x0 = problem()
    Q = torch.tensor(f.Q, dtype=torch.float64)
    x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    sgd = torch.optim.SGD([x], lr=base_lr, momentum=momentum, **options)
    scheduler = torch.optim.lr_scheduler.LambdaLR(sgd, lambda k: lr(k + shift))
    iterates = [x.detach().numpy().copy()]
    for _ in range(STEPS):
        sgd.zero_grad()
        (0.5 * x @ Q @ x).backward()
        sgd.step()
        scheduler.step()
        iterates.append(x.detach().numpy().copy())
    return np.array(iterates)


@pytest.mark.parametrize("nesterov", [False, True])
def test_torch_lambdalr_recipe(nesterov: bool) -> None:
    """``SGD(lr=1)`` with ``LambdaLR(sgd, lambda k: lr(k + 1))`` runs the site's schedule ``lr(t)``."""
    package = expected(TorchSGD(schedule, 0.9, nesterov=nesterov))
    assert_iterates_match(run_torch_lambdalr(schedule, 0.9, nesterov=nesterov), package)


@pytest.mark.parametrize(("base_lr", "shift"), [(0.1, 1), (1.0, 0)])
def test_torch_lambdalr_without_the_recipe_runs_another_schedule(base_lr: float, shift: int) -> None:
    """A base rate other than 1, or the step number unshifted, gives different iterates."""
    framework = run_torch_lambdalr(schedule, 0.9, base_lr=base_lr, shift=shift)
    package = expected(TorchSGD(schedule, 0.9))
    assert np.abs(framework - package).max() > 1e-3


# ---------------------------------------------------------------- Keras 3 on the PyTorch backend

KERAS_CASES = {
    "constant": dict(lr=0.1, momentum=0.9),
    "schedule": dict(lr=schedule, momentum=0.9),
    "nesterov": dict(lr=0.1, momentum=0.9, nesterov=True),
    "nesterov-schedule": dict(lr=schedule, momentum=0.9, nesterov=True),
    "weight-decay": dict(lr=0.1, momentum=0.9, weight_decay=0.05),
}


def run_keras(lr, momentum=0.0, nesterov=False, weight_decay=None) -> np.ndarray:  # type: ignore[no-untyped-def]
    os.environ.setdefault("KERAS_BACKEND", "torch")
    keras = require("keras")
    if keras.backend.backend() != "torch":
        pytest.skip(f"keras runs on the {keras.backend.backend()} backend here; these tests use torch")
    keras.config.set_floatx("float64")
    f, x0 = problem()

    class Schedule(keras.optimizers.schedules.LearningRateSchedule):
        def __call__(self, iteration):  # type: ignore[no-untyped-def]
            # Keras counts iterations from 0; the package numbers steps from 1
            return schedule(int(iteration) + 1)

    x = keras.Variable(x0, dtype="float64")

    def value() -> np.ndarray:
        # x.value is a torch tensor; Keras' own numpy() trips a NumPy 2 deprecation in Keras itself
        return x.value.detach().cpu().numpy().copy()

    sgd = keras.optimizers.SGD(
        learning_rate=Schedule() if callable(lr) else lr, momentum=momentum, nesterov=nesterov, weight_decay=weight_decay
    )
    iterates = [value()]
    for _ in range(STEPS):
        gradient = keras.ops.convert_to_tensor(f.gradient(value()), dtype="float64")
        sgd.apply_gradients([(gradient, x)])
        iterates.append(value())
    return np.array(iterates)


@pytest.mark.parametrize("case", KERAS_CASES)
def test_keras_sgd(case: str) -> None:
    kwargs = KERAS_CASES[case]
    assert_iterates_match(run_keras(**kwargs), expected(KerasSGD(**kwargs)))


# ---------------------------------------------------------------- optax (JAX)

OPTAX_CASES = {
    "constant": dict(lr=0.1, momentum=0.9),
    "schedule": dict(lr=schedule, momentum=0.9),
    "nesterov": dict(lr=0.1, momentum=0.9, nesterov=True),
    "nesterov-schedule": dict(lr=schedule, momentum=0.9, nesterov=True),
}


def run_optax(lr, momentum=0.0, nesterov=False) -> np.ndarray:  # type: ignore[no-untyped-def]
    jax = require("jax")
    optax = require("optax")
    jax.config.update("jax_enable_x64", True)
    import jax.numpy as jnp

    f, x0 = problem()
    Q = jnp.asarray(f.Q, dtype=jnp.float64)
    rates = jnp.asarray([schedule(t) for t in range(1, STEPS + 1)] if callable(lr) else [lr] * STEPS)
    sgd = optax.sgd(learning_rate=lambda count: rates[count], momentum=momentum, nesterov=nesterov)
    x = jnp.asarray(x0, dtype=jnp.float64)
    state = sgd.init(x)
    iterates = [np.asarray(x)]
    for _ in range(STEPS):
        updates, state = sgd.update(jax.grad(lambda y: 0.5 * y @ Q @ y)(x), state, x)
        x = optax.apply_updates(x, updates)
        iterates.append(np.asarray(x))
    return np.array(iterates)


@pytest.mark.parametrize("case", OPTAX_CASES)
def test_optax_sgd(case: str) -> None:
    kwargs = OPTAX_CASES[case]
    assert_iterates_match(run_optax(**kwargs), expected(OptaxSGD(**kwargs)))
