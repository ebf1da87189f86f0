"""Claims of the errata pages that need the real PyTorch (the pages' own snippets run without it).

Two pages, each in English and Chinese, send the reader here: the errata for *Dive into Deep
Learning*, 2nd edition (``reference/errata-d2l``, entry 11) and the corrections to this site
(``reference/site-corrections``, items 2 and 8).

* `torch.optim.lr_scheduler.LambdaLR` multiplies the optimizer's base rate by `lr_lambda(k)` for the
  step after k scheduler steps, so `LambdaLR(sgd, lambda k: lr(k + 1))` runs the schedule `lr(t)`
  of `momentum_docs` exactly when the optimizer was built with `lr=1` (corrections to this site).
* `nn.MSELoss` has twice the gradient of the half squared error, `(y_hat - y)^2 / 2` (both pages).

Skipped without PyTorch, except under CI=true, where that is a failure (as in test_frameworks.py).
The check that the pages cite this file beside the claims it checks runs without PyTorch.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from test_frameworks import STEPS, assert_iterates_match, problem, require, schedule

from momentum_docs import optimize
from momentum_docs.crosswalk import TorchSGD

DOCS = Path(__file__).resolve().parent.parent / "docs"
THIS_FILE = "tests/test_errata.py"
#: each page that cites this file, and the claims (by the name they are about) it says this file checks
CLAIMS = {
    "reference/errata-d2l": ["nn.MSELoss"],
    "reference/site-corrections": ["nn.MSELoss", "LambdaLR"],
}


def run_lambda_lr(base: float) -> np.ndarray:
    torch = require("torch")
    f, x0 = problem()
    Q = torch.tensor(f.Q, dtype=torch.float64)
    x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    sgd = torch.optim.SGD([x], lr=base, momentum=0.9)
    scheduler = torch.optim.lr_scheduler.LambdaLR(sgd, lambda k: schedule(k + 1))
    iterates = [x.detach().numpy().copy()]
    for _ in range(STEPS):
        sgd.zero_grad()
        (0.5 * x @ Q @ x).backward()
        sgd.step()
        scheduler.step()
        iterates.append(x.detach().numpy().copy())
    return np.array(iterates)


def expected() -> np.ndarray:
    f, x0 = problem()
    return optimize(TorchSGD(schedule, 0.9), f, x0, steps=STEPS).x


def test_lambda_lr_with_base_rate_one_runs_the_schedule() -> None:
    assert_iterates_match(run_lambda_lr(1.0), expected())


def test_lambda_lr_with_another_base_rate_scales_the_schedule() -> None:
    f, x0 = problem()
    scaled = optimize(TorchSGD(lambda t: 0.1 * schedule(t), 0.9), f, x0, steps=STEPS).x
    assert_iterates_match(run_lambda_lr(0.1), scaled)
    assert np.abs(run_lambda_lr(0.1) - expected()).max() > 0.1


def test_mse_loss_has_twice_the_gradient_of_the_half_squared_error() -> None:
    torch = require("torch")
    rng = np.random.default_rng(0)
    prediction = torch.tensor(rng.normal(size=8), dtype=torch.float64, requires_grad=True)
    target = torch.tensor(rng.normal(size=8), dtype=torch.float64)
    torch.nn.MSELoss()(prediction, target).backward()
    mse = prediction.grad.numpy().copy()
    prediction.grad = None
    (0.5 * (prediction - target) ** 2).mean().backward()
    half = prediction.grad.numpy()
    np.testing.assert_allclose(mse, 2 * half, rtol=1e-14)
    assert np.abs(half).max() > 0.01


def test_only_the_errata_pages_cite_this_file() -> None:
    citing = {str(path.relative_to(DOCS)).split(".")[0] for path in DOCS.rglob("*.md")
              if THIS_FILE in path.read_text(encoding="utf-8")}
    assert citing == set(CLAIMS)


@pytest.mark.parametrize("suffix", [".md", ".zh.md"])
@pytest.mark.parametrize("page", sorted(CLAIMS))
def test_each_page_cites_this_file_beside_the_claims_it_checks(page: str, suffix: str) -> None:
    path = DOCS / f"{page}{suffix}"
    paragraphs = re.split(r"\n[ \t]*\n", path.read_text(encoding="utf-8"))
    citing = [paragraph for paragraph in paragraphs if THIS_FILE in paragraph]
    for claim in CLAIMS[page]:
        assert any(claim in paragraph for paragraph in citing), \
            f"{path.relative_to(DOCS)}: no paragraph states the {claim} claim and cites {THIS_FILE}"
