# %% [markdown]
# # Momentum from scratch
#
# **What you will learn**
#
# - how the first lecture note implements momentum for a real model, with `init_momentum_states`
#   and an in-place `sgd_momentum`, and that its code runs unchanged against `momentum_docs`;
# - how the learning rate and the momentum together shape the training curve of linear regression
#   on the NASA airfoil self-noise data;
# - why $(\eta, \gamma) = (0.02, 0.9)$ trains roughly while $(0.004, 0.9)$ and $(0.02, 0.5)$ look
#   alike: the effective step $\eta/(1-\gamma)$.
#
# **Symbols**
#
# | symbol | meaning | in code |
# |---|---|---|
# | $\mathbf{X}$, $\mathbf{y}$ | standardised features (1500 × 5) and labels | `features`, `labels` |
# | $\mathbf{w}$, $b$ | weights and bias of $\hat y = \mathbf{X}\mathbf{w} + b$ | `w`, `b` (`Parameter`s) |
# | $\ell = \frac{1}{2}(\hat y - y)^2$ | squared loss, averaged over a minibatch of 10 | `squared_loss` |
# | $\eta$, $\gamma$ | learning rate and momentum | `hyperparams["lr"]`, `hyperparams["momentum"]` |
# | $\mathbf{v}$ | one velocity per parameter, $\mathbf{v}_0 = \mathbf{0}$ | `states` |
#
# This page is a notebook, executed when the site is built; the button at the top right downloads
# it as `.ipynb`. It needs `momentum_docs` (`pip install -e .` in a clone of the project).

# %%
# %matplotlib inline
# %config InlineBackend.figure_formats = ["retina"]
import numpy as np

import momentum_docs
from momentum_docs import load_airfoil, load_airfoil_raw, train_linear_regression
from momentum_docs.datasets import AIRFOIL_COLUMNS
from momentum_docs.figures.training import fig_momentum_loss_curves

# %% [markdown]
# ## The data
#
# The NASA airfoil self-noise data set (Brooks, Pope and Marcolini, 1989, via the UCI Machine
# Learning Repository, CC BY 4.0) has 1503 wind-tunnel measurements: five properties of an airfoil
# and the flow around it, and the sound pressure level it produced. As in *Dive into Deep
# Learning*, every column is standardised and the first 1500 rows are kept.

# %%
raw = load_airfoil_raw()
for name, column in zip(AIRFOIL_COLUMNS, raw.T):
    print(f"{name:<42} mean {column.mean():10.4g}   std {column.std():10.4g}")

features, labels = load_airfoil()
print("features", features.shape, "labels", labels.shape)
print("after standardising: means", np.round(features.mean(axis=0), 2) + 0.0, "stds", np.round(features.std(axis=0), 2))

# %% [markdown]
# ## The lecture note's code, unchanged
#
# The note defines its own `init_momentum_states` and `sgd_momentum` and hands them to the book's
# training loop `train_ch7`, which trains $\hat y = \mathbf{X}\mathbf{w} + b$ on minibatches of 10
# for two epochs. With `d2l` bound to `momentum_docs` and NumPy standing in for MXNet's `nd`, the
# note's lines run as they are:

# %%
d2l, nd = momentum_docs, np
features, labels = d2l.get_data_ch7()


def init_momentum_states():
    v_w = nd.zeros((features.shape[1], 1))
    v_b = nd.zeros(1)
    return (v_w, v_b)


def sgd_momentum(params, states, hyperparams):
    for p, v in zip(params, states):
        v[:] = hyperparams['momentum'] * v + hyperparams['lr'] * p.grad
        p[:] -= v


note = d2l.train_ch7(sgd_momentum, init_momentum_states(), {'lr': 0.02, 'momentum': 0.5}, features, labels)

# %% [markdown]
# From here on this page uses the package's versions, `momentum_docs.sgd_momentum` and
# `momentum_docs.init_momentum_states`. The package's `sgd_momentum` takes the same arguments. It
# checks them (names, ranges, shapes) and takes the update rule from `momentum_docs.Momentum`, so
# the rule exists in one place. Its `init_momentum_states(dim)` takes the number of features
# instead of reading a global. Both give the same losses:

# %%
package = train_linear_regression(
    momentum_docs.sgd_momentum, momentum_docs.init_momentum_states(5), {"lr": 0.02, "momentum": 0.5}, features, labels
)
print("same losses:", np.allclose(note.loss, package.loss, rtol=1e-12))

# %% [markdown]
# ## Several learning rates and momenta
#
# The note compares three settings. Plain minibatch SGD ($\gamma = 0$) is added as a baseline.
# The table prints the final training loss and the effective step $\eta/(1-\gamma)$: the
# [moving-average page](../ema/) shows that momentum moves by about $\eta/(1-\gamma)$ times an
# average of the last $1/(1-\gamma)$ gradients.

# %%
settings = [(0.02, 0.0), (0.02, 0.5), (0.02, 0.9), (0.004, 0.9)]
histories = {}
print(f"{'lr':>6} {'momentum':>9} {'lr/(1-momentum)':>16} {'final loss':>11} {'loss std, 2nd epoch':>20}")
for lr, momentum in settings:
    history = train_linear_regression(
        momentum_docs.sgd_momentum, momentum_docs.init_momentum_states(5), {"lr": lr, "momentum": momentum},
        features, labels,
    )
    histories[rf"$\eta={lr}$, $\gamma={momentum:g}$"] = history
    second_epoch = history.loss[history.epochs > 1]
    print(f"{lr:>6} {momentum:>9} {lr / (1 - momentum):>16.3g} {history.loss[-1]:>11.4f} {second_epoch.std():>20.4f}")

# %% alt="Training loss of the airfoil regression against the epoch, one curve per learning rate and momentum" caption="Loss over two epochs for each setting: lower is better; the curves are sampled every 100 examples."
fig_momentum_loss_curves(histories)

# %% [markdown]
# ## Reading the curves
#
# - $(0.02, 0.9)$ has an effective step of $0.2$, five times that of $(0.02, 0.5)$. Each
#   minibatch gradient is noisy, and momentum carries that noise along for about
#   $1/(1-\gamma) = 10$ steps, multiplied by $\eta/(1-\gamma)$. The loss jumps around and ends
#   higher. Its spread over the second epoch, in the last column, is the largest.
# - $(0.004, 0.9)$ and $(0.02, 0.5)$ have the same effective step, $0.04$. Once the slower
#   velocity has built up (after the first half epoch) their curves nearly coincide. A fifth of the learning rate with ten times the memory does about what the
#   larger learning rate with little memory does.
# - Plain SGD with $\eta = 0.02$ takes steps half as large as $(0.02, 0.5)$ and is slower at
#   first. On this small convex problem it ends as low as the others.

# %%
a, b = histories[r"$\eta=0.02$, $\gamma=0.5$"], histories[r"$\eta=0.004$, $\gamma=0.9$"]
print(f"largest gap between the two curves with effective step 0.04: {np.abs(a.loss - b.loss).max():.4f}")
print(f"after the first half epoch:                                   {np.abs(a.loss - b.loss)[a.epochs >= 0.5].max():.4f}")

# %% [markdown]
# ## Summary
#
# - The note's `init_momentum_states` and in-place `sgd_momentum` run unchanged against
#   `momentum_docs` and give the same losses as the package's checked versions.
# - On the airfoil data all four settings reach a loss of about 0.24-0.25 in two epochs. The
#   curves differ in how fast they get there and how much they shake.
# - The effective step $\eta/(1-\gamma)$ predicts the behaviour. Equal effective steps give
#   similar curves, and a large one makes training rough.
#
# ## Exercises
#
# 1. Train with $(\eta, \gamma) = (0.002, 0.95)$. What is its effective step, and which curve
#    above should it resemble?

# %% [markdown] tags=["solution"]
# The effective step is $0.002/0.05 = 0.04$, the same as $(0.02, 0.5)$ and $(0.004, 0.9)$, so it
# should follow those curves (after a slower start, because the velocity needs about
# $1/(1-\gamma) = 20$ steps to build up).

# %% tags=["solution"]
slow = train_linear_regression(
    momentum_docs.sgd_momentum, momentum_docs.init_momentum_states(5), {"lr": 0.002, "momentum": 0.95}, features, labels
)
print(f"effective step {0.002 / (1 - 0.95):.2f}, final loss {slow.loss[-1]:.4f}, "
      f"largest gap to (0.02, 0.5) after the first epoch {np.abs(slow.loss - a.loss)[slow.epochs >= 1].max():.4f}")

# %% [markdown]
# 2. Train with $(\eta, \gamma) = (0.2, 0.9)$, an effective step of 2. Then train again with
#    minibatches of 100 and with the full batch of 1500 (for 40 epochs). What does the batch size
#    change?

# %% [markdown] tags=["solution"]
# With minibatches of 10 the loss ends above where it started, and the package says so with a
# `DivergenceWarning`. The warning means only that: training ended worse than it began. The loss
# does not blow up. It jumps around at a much higher level than before. With minibatches of 100
# it ends at about 0.256, close to the good settings, and with the full batch it converges to the
# same loss as they do.
#
# The deterministic method is stable here. The largest curvature of the full loss is about 2.1,
# and $0.2 \cdot 2.1 = 0.42$ is far inside the bound $\eta\lambda < 2(1+\gamma) = 3.8$ derived on
# [Momentum on a quadratic](../../theory/quadratic/). What wrecks the small-batch run is gradient
# noise. Momentum adds it up over about $1/(1-\gamma) = 10$ steps and scales it by the effective
# step, and a ten times larger batch has a tenth of the noise variance.

# %% tags=["solution"]
import warnings

augmented = np.column_stack([features, np.ones(len(features))])
print(f"largest curvature of the full loss: {np.linalg.eigvalsh(augmented.T @ augmented / len(augmented)).max():.2f}")
for batch_size, epochs in [(10, 2), (100, 2), (1500, 40)]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        run = train_linear_regression(
            momentum_docs.sgd_momentum, momentum_docs.init_momentum_states(5), {"lr": 0.2, "momentum": 0.9},
            features, labels, batch_size=batch_size, num_epochs=epochs,
        )
    warned = [str(w.message) for w in caught if w.category is momentum_docs.DivergenceWarning]
    print(f"batch {batch_size:>4}: final loss {run.loss[-1]:.4f}, largest {run.loss.max():.2f}",
          f"(warning: {warned[0]})" if warned else "")
