"""The framework lines of the page "Choosing the learning rate and momentum", run for real.

The page shows one line each for PyTorch, Keras and optax in a block that its snippet test skips
(the docs build installs none of the frameworks). This test reads those lines from the page,
executes them with the real frameworks (float64), runs each optimizer on a random quadratic, and
matches the iterates with the site's `Momentum` (and, with `nesterov=True` added, `Nesterov`),
like tests/test_frameworks.py does for the crosswalk. A missing framework skips, except under
CI=true, where it fails.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import numpy as np
import pytest
from test_frameworks import STEPS, assert_iterates_match, problem, require

from momentum_docs import Momentum, Nesterov, optimize

PAGE = Path(__file__).resolve().parent.parent / "docs" / "basics" / "choosing-settings.md"


def framework_lines() -> dict[str, str]:
    """The lines of the skipped block, by framework: {"torch": ..., "keras": ..., "optax": ...}."""
    text = PAGE.read_text(encoding="utf-8")
    match = re.search(r"<!-- skip: next [^>]*-->\s*```python\n(.*?)\n```", text, re.DOTALL)
    assert match, f"{PAGE.name}: no skipped ```python block of framework settings"
    lines = [line for line in match.group(1).splitlines() if line.strip()]
    by_name = {line.split(".")[0]: line for line in lines}
    assert sorted(by_name) == ["keras", "optax", "torch"], lines
    return by_name


def settings(line: str) -> tuple[float, float]:
    lr = float(re.search(r"(?:lr|learning_rate)=([0-9.]+)", line).group(1))
    momentum = float(re.search(r"momentum=([0-9.]+)", line).group(1))
    return lr, momentum


def with_nesterov(line: str, nesterov: bool) -> str:
    return line[:-1] + ", nesterov=True)" if nesterov else line


def site(line: str, nesterov: bool) -> np.ndarray:
    f, x0 = problem()
    return optimize((Nesterov if nesterov else Momentum)(*settings(line)), f, x0, steps=STEPS).x


def run_torch(line: str) -> np.ndarray:
    torch = require("torch")
    f, x0 = problem()
    Q = torch.tensor(f.Q, dtype=torch.float64)
    x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)

    class Model:
        def parameters(self):  # type: ignore[no-untyped-def]
            return [x]

    optimizer = eval(line, {"torch": torch, "model": Model()})
    iterates = [x.detach().numpy().copy()]
    for _ in range(STEPS):
        optimizer.zero_grad()
        (0.5 * x @ Q @ x).backward()
        optimizer.step()
        iterates.append(x.detach().numpy().copy())
    return np.array(iterates)


def run_keras(line: str) -> np.ndarray:
    os.environ.setdefault("KERAS_BACKEND", "torch")
    keras = require("keras")
    if keras.backend.backend() != "torch":
        pytest.skip(f"keras runs on the {keras.backend.backend()} backend here; these tests use torch")
    keras.config.set_floatx("float64")
    f, x0 = problem()
    x = keras.Variable(x0, dtype="float64")
    optimizer = eval(line, {"keras": keras})
    iterates = [x.value.detach().cpu().numpy().copy()]
    for _ in range(STEPS):
        gradient = keras.ops.convert_to_tensor(f.gradient(iterates[-1]), dtype="float64")
        optimizer.apply_gradients([(gradient, x)])
        iterates.append(x.value.detach().cpu().numpy().copy())
    return np.array(iterates)


def run_optax(line: str) -> np.ndarray:
    jax = require("jax")
    optax = require("optax")
    jax.config.update("jax_enable_x64", True)
    import jax.numpy as jnp

    f, x0 = problem()
    Q = jnp.asarray(f.Q, dtype=jnp.float64)
    optimizer = eval(line, {"optax": optax})
    x = jnp.asarray(x0, dtype=jnp.float64)
    state = optimizer.init(x)
    iterates = [np.asarray(x)]
    for _ in range(STEPS):
        updates, state = optimizer.update(jax.grad(lambda y: 0.5 * y @ Q @ y)(x), state, x)
        x = optax.apply_updates(x, updates)
        iterates.append(np.asarray(x))
    return np.array(iterates)


RUNNERS = {"torch": run_torch, "keras": run_keras, "optax": run_optax}


def test_the_page_shows_the_same_settings_for_every_framework() -> None:
    assert len({settings(line) for line in framework_lines().values()}) == 1


@pytest.mark.parametrize("nesterov", [False, True], ids=["momentum", "nesterov"])
@pytest.mark.parametrize("framework", sorted(RUNNERS))
def test_the_page_line_runs_the_site_momentum(framework: str, nesterov: bool) -> None:
    line = with_nesterov(framework_lines()[framework], nesterov)
    assert_iterates_match(RUNNERS[framework](line), site(line, nesterov))
