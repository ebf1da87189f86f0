# %% [markdown]
# # Momentum on real data
#
# **What you will learn**
#
# - how momentum trains linear regression on the NASA airfoil self-noise data with the settings of
#   *Dive into Deep Learning* and with those of the first lecture note;
# - that `torch.optim.SGD` with `momentum` computes the same iterates as the from-scratch
#   `sgd_momentum`, once the loss and the variables are matched;
# - why $(\eta, \gamma) = (0.02, 0.9)$ trains roughly: its effective step $\eta/(1-\gamma)$ is five
#   times that of the others, and momentum carries minibatch noise along for about
#   $1/(1-\gamma)$ steps.
#
# **Symbols**
#
# | symbol | meaning | in code |
# |---|---|---|
# | $\mathbf{X}$, $\mathbf{y}$ | standardised features (1500 × 5) and labels | `features`, `labels` |
# | $\ell = \frac{1}{2}(\hat y - y)^2$ | squared loss, averaged over a minibatch of 10 | `squared_loss` |
# | $\eta$, $\gamma$ | learning rate and momentum | `lr`, `momentum` |
# | $\eta/(1-\gamma)$ | effective step: the step of a velocity that has built up under a constant gradient | `lr / (1 - momentum)` |
# | $\mathbf{v}$, $\mathbf{b}$ | the site's velocity, and PyTorch's momentum buffer, $\mathbf{v} = \eta\,\mathbf{b}$ | `states`, `momentum_buffer` |
#
# This page is a notebook, executed when the site is built; the button at the top right downloads
# it as `.ipynb`. It needs `momentum_docs` (`pip install -e .` in a clone of the project) and,
# for one section, PyTorch. Every run below uses the same seed: the same initial weights and the
# same minibatches in the same order, so any difference between two curves comes from
# $(\eta, \gamma)$ alone.

# %%
# %matplotlib inline
# %config InlineBackend.figure_formats = ["retina"]
import numpy as np

from momentum_docs import init_momentum_states, load_airfoil, sgd_momentum, train_linear_regression
from momentum_docs.figures.real_data import fig_real_data_loss_curves
from momentum_docs.regression import minimum_loss, train_linear_regression_torch

features, labels = load_airfoil()
print("features", features.shape, "labels", labels.shape)
print(f"least-squares loss, the best any (w, b) does: {minimum_loss(features, labels):.4f}")

# %% [markdown]
# ## From scratch
#
# The model is $\hat y = \mathbf{X}\mathbf{w} + b$, trained for two epochs on minibatches of 10
# with the first note's `sgd_momentum` ([momentum from scratch](../../basics/from-scratch/)
# shows the code). *Dive into Deep Learning* trains with $(\eta, \gamma) = (0.02, 0.5)$,
# $(0.01, 0.9)$ and $(0.005, 0.9)$; the first note with $(0.02, 0.5)$, $(0.02, 0.9)$ and
# $(0.004, 0.9)$. The loss over all 1500 examples is recorded every 100 examples.
#
# Two numbers summarise a curve: the final loss, and how much the loss still moves about during
# the second epoch (its standard deviation there), when every setting has come close to the best
# fit.

# %%
D2L = [(0.02, 0.5), (0.01, 0.9), (0.005, 0.9)]
NOTE = [(0.02, 0.5), (0.02, 0.9), (0.004, 0.9)]


def label(lr, momentum):
    return rf"$\eta={lr}$, $\gamma={momentum}$"


def spread(history):
    """Standard deviation of the recorded loss during the second epoch."""
    return history.loss[history.epochs > 1].std()


scratch = {}
for lr, momentum in dict.fromkeys(D2L + NOTE):  # (0.02, 0.5) is in both lists: train it once
    scratch[lr, momentum] = train_linear_regression(
        sgd_momentum, init_momentum_states(5), {"lr": lr, "momentum": momentum}, features, labels
    )

print("   lr  momentum  effective  final    spread in   used by")
print("                     step     loss   2nd epoch")
for (lr, momentum), history in scratch.items():
    users = "+".join(name for name, settings in [("D2L", D2L), ("note", NOTE)] if (lr, momentum) in settings)
    print(f"{lr:>5} {momentum:>9} {lr / (1 - momentum):>10.3g} {history.loss[-1]:>8.4f} "
          f"{spread(history):>11.4f}   {users}")

# %% [markdown]
# ## The same with `torch.optim.SGD`
#
# PyTorch writes momentum with a buffer $\mathbf{b}$ that sums raw gradients,
# $\mathbf{b} \leftarrow \gamma\,\mathbf{b} + \mathbf{g}$ and
# $\mathbf{x} \leftarrow \mathbf{x} - \eta\,\mathbf{b}$. Multiply the first line by $\eta$ and it is
# the site's velocity form with $\mathbf{v} = \eta\,\mathbf{b}$, so for a constant learning rate
# the iterates are the same. `train_linear_regression_torch` checks that on this problem: it
# trains a `torch.nn.Linear` in float64 with `torch.optim.SGD(lr=..., momentum=...)`, from the
# same initial weights and on the same minibatches as above.
#
# One difference from *Dive into Deep Learning*'s concise version: the book backpropagates
# `nn.MSELoss`, the mean of $(\hat y - y)^2$ without the $\frac12$, whose gradient is twice ours.
# Its PyTorch runs therefore take twice the step of its from-scratch runs at the same $\eta$. Here
# the loss is the same half squared error on both sides, so $\eta$ means the same thing.

# %%
try:
    import torch
except ImportError:
    torch = None
    print("PyTorch is not installed, so this section is skipped:")
    print("torch.optim.SGD is not compared with the from-scratch")
    print("optimizer, and the figure below shows the from-scratch")
    print("runs only. To see the comparison, install PyTorch")
    print("(pip install torch) and run this notebook again.")

with_torch = {}
if torch is not None:
    print(f"PyTorch {torch.__version__}")
    print("   lr  momentum  final loss  final loss   largest")
    print("                    scratch       torch   |difference|")
    for (lr, momentum), ours in scratch.items():
        theirs = train_linear_regression_torch(lr, momentum, features, labels)
        with_torch[lr, momentum] = theirs
        gap = np.abs(theirs.loss - ours.loss).max()  # over all 31 recorded losses
        print(f"{lr:>5} {momentum:>9} {ours.loss[-1]:>11.6f} {theirs.loss[-1]:>11.6f} {gap:>13.1e}")
        assert gap < 1e-9, "torch.optim.SGD and sgd_momentum disagree"

# %% [markdown]
# When PyTorch is installed, the table shows every recorded loss of every run agreeing to rounding
# error (the last column), and in the figure below the PyTorch losses (black dots) lie on the
# from-scratch curves.

# %% [markdown]
# ## The loss curves
#
# The vertical axis is cut at 0.33 to show the end of training: every run starts at a loss of 0.49.

# %% alt="Training loss on the airfoil data against the epoch for each learning rate and momentum setting" caption="Loss over two epochs, one panel per set of settings: lower is better; dashed lines are torch.optim.SGD runs over the from-scratch curves."
groups = {
    "Dive into Deep Learning's settings": {label(*s): scratch[s] for s in D2L},
    "the first note's settings": {label(*s): scratch[s] for s in NOTE},
}
fig_real_data_loss_curves(groups, dashed={s: with_torch[s] for s in NOTE} if with_torch else None)

# %% [markdown]
# ## Why (0.02, 0.9) is rough
#
# Far from the minimum, where the gradient changes slowly, the velocity
# $\mathbf{v}_t = \gamma\,\mathbf{v}_{t-1} + \eta\,\mathbf{g}_t$ builds up to about
# $\eta\,\mathbf{g}/(1-\gamma)$: momentum takes steps of the *effective* size $\eta/(1-\gamma)$.
# Near the minimum the minibatch gradients are mostly noise, and momentum adds up the last
# $1/(1-\gamma)$ of them, each scaled by $\eta$. So both the speed at the start and the jitter at the
# end grow with the effective step ([effective step size](../../theory/effective-step/) and
# [noisy gradients](../../theory/noisy/) explain both):
#
# - $(0.02, 0.5)$ and $(0.004, 0.9)$ have effective step $0.04$, $(0.005, 0.9)$ has $0.05$ and
#   $(0.01, 0.9)$ has $0.1$;
# - $(0.02, 0.9)$ has $0.2$, five times the first two.
#
# The cell below checks what the figure shows: the larger the effective step, the more a run moves
# about in the second epoch, and $(0.02, 0.9)$ moves the most and ends highest.

# %%
by_step = sorted(scratch, key=lambda s: s[0] / (1 - s[1]))
print("effective step  (lr, momentum)  spread  final loss")
for lr, momentum in by_step:
    history = scratch[lr, momentum]
    print(f"{lr / (1 - momentum):>14.3f}  {str((lr, momentum)):<14} {spread(history):>7.4f} {history.loss[-1]:>11.4f}")
steps = {s: round(s[0] / (1 - s[1]), 9) for s in scratch}  # 0.004 / 0.1 is 0.04000000000000001
assert all(spread(scratch[s]) < spread(scratch[t]) for s in scratch for t in scratch if steps[s] < steps[t])
rough = scratch[0.02, 0.9]
assert rough.loss[-1] == max(h.loss[-1] for h in scratch.values())

# %% [markdown]
# Equal effective steps give similar curves: $(0.02, 0.5)$ and $(0.004, 0.9)$ share $0.04$ and,
# once the slower velocity of $\gamma = 0.9$ has built up, follow each other closely. A learning
# rate five times smaller with five times the memory does about what the larger learning rate
# with little memory does:

# %%
a, b = scratch[0.02, 0.5], scratch[0.004, 0.9]
late = a.epochs >= 0.5
print("largest gap between (0.02, 0.5) and (0.004, 0.9):")
print(f"  over both epochs {np.abs(a.loss - b.loss).max():.4f}, after half an epoch {np.abs(a.loss - b.loss)[late].max():.4f}")

# %% [markdown]
# ## Summary
#
# - On the airfoil data every setting above gets close to the least-squares loss in two epochs; the
#   curves differ in how fast they get there and how much they jitter.
# - `torch.optim.SGD(lr, momentum)` is the velocity form in other variables
#   ($\mathbf{v} = \eta\,\mathbf{b}$). With the same loss, data order and initial weights it
#   reproduces the from-scratch losses to rounding error.
# - The effective step $\eta/(1-\gamma)$ predicts the behaviour: $(0.02, 0.9)$, with $0.2$, is the
#   roughest and ends highest, and settings with equal effective steps train alike. The
#   [sweep](../sweep/) maps this over a whole grid of $(\eta, \gamma)$.
#
# ## Exercises
#
# 1. Train $(0.02, 0.9)$ again with minibatches of 100 instead of 10. Does it stay rough? Why?

# %% [markdown] tags=["solution"]
# It is much smoother. A minibatch gradient is the full gradient plus noise whose standard
# deviation shrinks like one over the square root of the batch size, so batches of 100 carry about
# $\sqrt{10} \approx 3$ times less noise than batches of 10, and the jitter in the second epoch
# falls by about that factor.

# %% tags=["solution"]
big_batches = train_linear_regression(
    sgd_momentum, init_momentum_states(5), {"lr": 0.02, "momentum": 0.9}, features, labels, batch_size=100
)
print(f"spread in the 2nd epoch: batches of 10 {spread(rough):.4f}, of 100 {spread(big_batches):.4f}")
print(f"ratio {spread(rough) / spread(big_batches):.1f}, sqrt(10) = {np.sqrt(10):.1f}")
assert 2 < spread(rough) / spread(big_batches) < 4.5

# %% [markdown]
# 2. Is the roughness of $(0.02, 0.9)$ a property of the setting or of one unlucky order of
#    minibatches? Repeat the comparison of $(0.02, 0.5)$ and $(0.02, 0.9)$ with five seeds.

# %% [markdown] tags=["solution"]
# It is the setting: with every seed, $(0.02, 0.9)$ jitters several times more than $(0.02, 0.5)$.

# %% tags=["solution"]
for seed in range(5):
    spreads = [
        spread(train_linear_regression(sgd_momentum, init_momentum_states(5), {"lr": 0.02, "momentum": m},
                                       features, labels, seed=seed))
        for m in (0.5, 0.9)
    ]
    print(f"seed {seed}: spread of (0.02, 0.5) {spreads[0]:.4f}, of (0.02, 0.9) {spreads[1]:.4f}")
    assert spreads[1] > 2 * spreads[0]

# %% [markdown]
# 3. Find a learning rate for $\gamma = 0.95$ whose run should look like $(0.02, 0.5)$, and
#    check it.

# %% [markdown] tags=["solution"]
# Matching the effective step, $\eta/(1-0.95) = 0.04$ gives $\eta = 0.002$. After a slower start
# (the velocity needs about 20 steps to build up) it follows $(0.02, 0.5)$.

# %% tags=["solution"]
matched = train_linear_regression(
    sgd_momentum, init_momentum_states(5), {"lr": 0.002, "momentum": 0.95}, features, labels
)
second = matched.epochs > 1
print(f"final loss {matched.loss[-1]:.4f}, (0.02, 0.5): {a.loss[-1]:.4f}")
print(f"largest gap in the 2nd epoch {np.abs(matched.loss - a.loss)[second].max():.4f}")
assert np.abs(matched.loss - a.loss)[second].max() < 0.01
