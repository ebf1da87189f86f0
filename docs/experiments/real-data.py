# %% [markdown]
# # Momentum on real data
#
# **What you will learn**
#
# - how momentum trains linear regression on the NASA airfoil self-noise data with the settings
#   of the two editions of *Dive into Deep Learning*: the 1st (Chinese, §7.4), which
#   [the first note](../../reference/references/#first-note) follows, and the 2nd (English, §12.6);
# - that `torch.optim.SGD` with `momentum` computes the same iterates as the from-scratch
#   `sgd_momentum`, once the loss and the variables are matched;
# - why $(\eta, \gamma) = (0.02, 0.9)$ trains roughly: its effective step $\eta/(1-\gamma)$ is five
#   times that of $(0.02, 0.5)$ and $(0.004, 0.9)$, and momentum carries minibatch noise along for
#   about $1/(1-\gamma)$ steps.
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
# | $L^\star$ | the least-squares loss, the lowest any $(\mathbf{w}, b)$ reaches | `best` |
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

from momentum_docs import (
    init_momentum_states,
    load_airfoil,
    sgd_momentum,
    train_linear_regression,
)
from momentum_docs.figures.real_data import (
    fig_real_data_loss_curves,
)
from momentum_docs.regression import (
    minimum_loss,
    train_linear_regression_torch,
)

features, labels = load_airfoil()
best = minimum_loss(features, labels)
print("features", features.shape, "labels", labels.shape)
print(f"least-squares loss L* (the best any w, b do): {best:.4f}")

# %% [markdown]
# ## From scratch
#
# The model is $\hat y = \mathbf{X}\mathbf{w} + b$, trained for two epochs on minibatches of 10
# with the first note's `sgd_momentum` ([momentum from scratch](../../basics/from-scratch/)
# shows the code). *Dive into Deep Learning*, 1st edition (Chinese, §7.4), the book the first
# note follows, trains with $(\eta, \gamma) = (0.02, 0.5)$, $(0.02, 0.9)$ and $(0.004, 0.9)$.
# Its 2nd edition (English, §12.6) trains with $(0.02, 0.5)$, $(0.01, 0.9)$ and $(0.005, 0.9)$.
# The loss over all 1500 examples is recorded every 100 examples.
#
# Two numbers summarise a curve: the final loss, and how much the loss still moves about during
# the second epoch (its standard deviation there), when every setting has come close to the best
# fit.

# %%
FIRST_EDITION = [(0.02, 0.5), (0.02, 0.9), (0.004, 0.9)]
SECOND_EDITION = [(0.02, 0.5), (0.01, 0.9), (0.005, 0.9)]


def train(lr, momentum, **options):
    """Train the linear model with sgd_momentum from scratch."""
    return train_linear_regression(
        sgd_momentum, init_momentum_states(5),
        {"lr": lr, "momentum": momentum}, features, labels,
        **options,
    )


def spread(history):
    """Standard deviation of the loss during the second epoch."""
    return history.loss[history.epochs > 1].std()


# (0.02, 0.5) is in both editions: train it once
settings = dict.fromkeys(FIRST_EDITION + SECOND_EDITION)
scratch = {s: train(*s) for s in settings}


def editions(setting):
    names = [("1st", FIRST_EDITION), ("2nd", SECOND_EDITION)]
    return "+".join(name for name, group in names
                    if setting in group)


print("loss before training", f"{scratch[0.02, 0.5].loss[0]:.4f}")
print("   lr  momentum  effective   final  spread in  edition")
print("                      step    loss  2nd epoch")
for (lr, momentum), history in scratch.items():
    step = lr / (1 - momentum)
    print(f"{lr:>5} {momentum:>9} {step:>10.3g} "
          f"{history.loss[-1]:>7.4f} {spread(history):>10.4f}  "
          f"{editions((lr, momentum))}")

# %% [markdown]
# ## The same with PyTorch
#
# PyTorch writes momentum with a buffer $\mathbf{b}$ that sums raw gradients,
# $\mathbf{b} \leftarrow \gamma\,\mathbf{b} + \mathbf{g}$ and
# $\mathbf{x} \leftarrow \mathbf{x} - \eta\,\mathbf{b}$. Multiply the first line by $\eta$ and it is
# the site's velocity form with $\mathbf{v} = \eta\,\mathbf{b}$, so for a constant learning rate
# the iterates are the same. `train_linear_regression_torch` checks that on this problem: it
# trains a `torch.nn.Linear` in float64 with `torch.optim.SGD(lr=..., momentum=...)`, from the
# same initial weights and on the same minibatches as above.
#
# The concise version of *Dive into Deep Learning*, 2nd edition (`train_concise_ch11`, §12.6),
# differs in one way: it backpropagates `nn.MSELoss`, the mean of $(\hat y - y)^2$ without the
# $\frac12$, whose gradient is twice ours, and halves only the loss it reports. Its PyTorch runs
# therefore take twice the step of its from-scratch runs at the same $\eta$. The 1st edition's
# concise version trains with Gluon's `gloss.L2Loss`, which carries the $\frac12$, as its
# from-scratch code does. Here the loss is the same half squared error on both sides, so $\eta$
# means the same thing.

# %%
try:
    import torch
except ImportError:
    torch = None
    print("PyTorch is not installed, so this section is skipped:")
    print("torch.optim.SGD is not compared with the from-scratch")
    print("optimizer, and the figure below shows the runs from")
    print("scratch only. To see the comparison, install PyTorch")
    print("(pip install torch) and run this notebook again.")

with_torch, gaps = {}, {}
if torch is not None:
    print(f"PyTorch {torch.__version__}")
    print("   lr  momentum  final loss  final loss     largest")
    print("                    scratch       torch  difference")
    for (lr, momentum), ours in scratch.items():
        theirs = train_linear_regression_torch(
            lr, momentum, features, labels)
        with_torch[lr, momentum] = theirs
        # over all 31 recorded losses
        gap = np.abs(theirs.loss - ours.loss).max()
        gaps[lr, momentum] = gap
        print(f"{lr:>5} {momentum:>9} {ours.loss[-1]:>11.6f} "
              f"{theirs.loss[-1]:>11.6f} {gap:>11.1e}")

# %% tags=["check"]
assert all(gap < 1e-9 for gap in gaps.values()), gaps

# %% [markdown]
# When PyTorch is installed, the table shows every recorded loss of every run agreeing to rounding
# error (the last column), and in the right panel of the figure below the PyTorch losses (black
# dots) lie on the from-scratch curves.

# %% [markdown]
# ## The loss curves
#
# The vertical axis is cut at 0.33 to show the end of training: every run starts at a loss of 0.49.

# %% alt="Two panels of training loss against the epoch, 0 to 2, on the airfoil data, the vertical axis from 0.235 to 0.33. Left, the settings of the 1st edition: the line of learning rate 0.02 with momentum 0.9 keeps jumping between about 0.24 and 0.28 to the end, while 0.02 with 0.5 and 0.004 with 0.9 fall smoothly to about 0.245 and stay together. Right, the settings of the 2nd edition: 0.01 with 0.9 jitters a little, 0.02 with 0.5 and 0.005 with 0.9 are smooth, and black dots from torch.optim.SGD sit on all three lines." caption="Training loss on all 1500 examples over two epochs, one line per (learning rate η, momentum γ), trained from scratch: on the left the settings of the 1st edition of Dive into Deep Learning, on the right those of the 2nd. Lower is better; the axis is cut at 0.33, so the first records (from 0.49) are off the top. Black dots, right: the same runs with torch.optim.SGD; they lie on the lines."
def label(lr, momentum):
    return rf"$\eta={lr}$, $\gamma={momentum}$"


groups = {
    "Dive into Deep Learning\n1st edition (Chinese), §7.4":
        {label(*s): scratch[s] for s in FIRST_EDITION},
    "Dive into Deep Learning\n2nd edition (English), §12.6":
        {label(*s): scratch[s] for s in SECOND_EDITION},
}
# PyTorch's runs (if installed) as dots over the right panel
dots = None
if with_torch:
    dots = {s: with_torch[s] for s in SECOND_EDITION}
fig_real_data_loss_curves(groups, dashed=dots, ylim=(0.235, 0.33))

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
# The table below, sorted by effective step, shows what the figure shows: the larger the
# effective step, the more a run moves about in the second epoch, and $(0.02, 0.9)$ moves the
# most and ends highest.

# %%
def effective_step(setting):
    lr, momentum = setting
    # rounded: 0.004 / (1 - 0.9) is 0.04000000000000001
    return round(lr / (1 - momentum), 9)


by_step = sorted(scratch, key=effective_step)
print("effective step  (lr, momentum)   spread  final loss")
for setting in by_step:
    history = scratch[setting]
    print(f"{effective_step(setting):>14.3f}  {str(setting):<14} "
          f"{spread(history):>7.4f} {history.loss[-1]:>11.4f}")

# %% tags=["check"]
assert all(spread(scratch[s]) < spread(scratch[t]) for s in scratch for t in scratch
           if effective_step(s) < effective_step(t))
assert by_step[-1] == (0.02, 0.9)
assert scratch[0.02, 0.9].loss[-1] == max(h.loss[-1] for h in scratch.values())

# %% [markdown]
# Equal effective steps give similar curves: $(0.02, 0.5)$ and $(0.004, 0.9)$ share $0.04$ and,
# once the slower velocity of $\gamma = 0.9$ has built up, follow each other closely. A learning
# rate five times smaller with five times the memory does about what the larger learning rate
# with little memory does:

# %%
a, b = scratch[0.02, 0.5], scratch[0.004, 0.9]
gap = np.abs(a.loss - b.loss)
print("largest gap between (0.02, 0.5) and (0.004, 0.9):")
late = a.epochs >= 0.5
print(f"  over both epochs      {gap.max():.4f}")
print(f"  after half an epoch   {gap[late].max():.4f}")

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
# It is much smoother, by far more than the $\sqrt{10}$ that the noise of a single gradient
# suggests. Two things need care.
#
# - *Measure after the run has settled.* With batches of 100 two epochs are only 30 steps, and
#   the loss is still coming down: the spread of the second epoch measures that descent as much
#   as the noise. The cell trains for 40 epochs and measures $\text{loss} - L^\star$ after the
#   tenth.
# - *The loss is quadratic in the parameters.* A minibatch gradient is the full gradient plus noise
#   whose variance falls like $1/B$ for batches of $B$. The parameters' spread around the best
#   fit then has a variance $\propto 1/B$ too, and the loss above $L^\star$ is quadratic in that
#   spread, so its mean and its jitter both fall like $1/B$: ten times for ten times the batch,
#   not $\sqrt{10}$ ([noisy gradients](../../theory/noisy/) derives this floor).
#
# That law assumes that the noise of one step is independent of the next, as it is for batches
# drawn with replacement (`replacement=True`): there the ratio is about 10. The note's batches
# use every example once per epoch, so the noise of an epoch's batches adds up to almost nothing.
# With batches of 100 an epoch is only 15 steps, and this lowers the floor of the big batches
# further, so the ratio rises above 10; with batches of 10 (150 steps an epoch) it hardly
# changes the floor.

# %% tags=["solution"]
floors = {}
for replacement in (False, True):
    for batch_size in (10, 100):
        run = train(0.02, 0.9, batch_size=batch_size,
                    num_epochs=40, replacement=replacement)
        above = run.loss[run.epochs > 10] - best
        floors[replacement, batch_size] = (above.mean(),
                                           above.std())

rough = scratch[0.02, 0.9]
big_batches = train(0.02, 0.9, batch_size=100)
print("steps per epoch with batches of 10, of 100:",
      len(features) // 10, len(features) // 100)
print("steps in two epochs with batches of 100:",
      2 * len(features) // 100)
print("2nd epoch of 2: spread with batches of 10, of 100")
print(f"  {spread(rough):.4f}, {spread(big_batches):.4f}, "
      f"ratio {spread(rough) / spread(big_batches):.1f}")
print("epochs 10 to 40, loss - L*:")
print("                     batch 10  batch 100  ratio")
for replacement in (False, True):
    print("each example once" if not replacement
          else "drawn with replacement")
    for name, k in (("mean", 0), ("spread", 1)):
        small = floors[replacement, 10][k]
        large = floors[replacement, 100][k]
        print(f"  {name:<17} {small:>9.4f} {large:>10.4f} "
              f"{small / large:>6.1f}")

# %% tags=["check"]
ratios = {key: floors[key[0], 10][key[1]] / floors[key[0], 100][key[1]]
          for key in [(r, k) for r in (False, True) for k in (0, 1)]}
assert all(8 < ratios[True, k] < 12.5 for k in (0, 1)), ratios
assert all(ratios[False, k] > 1.4 * ratios[True, k] for k in (0, 1)), ratios
assert abs(floors[False, 10][0] / floors[True, 10][0] - 1) < 0.1, floors

# %% [markdown]
# 2. Is the roughness of $(0.02, 0.9)$ a property of the setting or of one unlucky order of
#    minibatches? Repeat the comparison of $(0.02, 0.5)$ and $(0.02, 0.9)$ with five seeds.

# %% [markdown] tags=["solution"]
# It is the setting: with every seed, $(0.02, 0.9)$ jitters several times more than
# $(0.02, 0.5)$.

# %% tags=["solution"]
print("seed  spread of (0.02, 0.5)  of (0.02, 0.9)  ratio")
ratios_by_seed = []
for seed in range(5):
    calm = spread(train(0.02, 0.5, seed=seed))
    jumpy = spread(train(0.02, 0.9, seed=seed))
    ratios_by_seed.append(jumpy / calm)
    print(f"{seed:>4} {calm:>22.4f} {jumpy:>15.4f} "
          f"{jumpy / calm:>6.1f}")

# %% tags=["check"]
assert min(ratios_by_seed) > 2, ratios_by_seed

# %% [markdown]
# 3. Find a learning rate for $\gamma = 0.95$ whose run should look like $(0.02, 0.5)$, and
#    check it.

# %% [markdown] tags=["solution"]
# Matching the effective step, $\eta/(1-0.95) = 0.04$ gives $\eta = 0.002$. After a slower start
# (the velocity needs about $1/(1-0.95) = 20$ steps to build up) it follows $(0.02, 0.5)$.

# %% tags=["solution"]
matched = train(0.002, 0.95)
second = matched.epochs > 1
late_gap = np.abs(matched.loss - a.loss)[second].max()
print(f"memory 1/(1 - 0.95): {1 / (1 - 0.95):.0f} steps")
print(f"final loss {matched.loss[-1]:.4f}, "
      f"(0.02, 0.5): {a.loss[-1]:.4f}")
print(f"largest gap in the 2nd epoch {late_gap:.4f}")

# %% tags=["check"]
assert late_gap < 0.01
