# %% [markdown]
# # A small neural network
#
# **What you will learn**
#
# - how a multilayer perceptron computes its loss and, with the chain rule written out, its
#   gradient, and how to check that gradient against finite differences;
# - how gradient descent, momentum and Nesterov momentum train it on a two-class problem in the
#   plane, on a loss that is not a quadratic;
# - that momentum reaches a good model several times sooner, and that training longer than that
#   fits the noise in the training points: a lower training loss is not a better classifier.
#
# **Symbols**
#
# | symbol | meaning | in code |
# |---|---|---|
# | $\mathbf{x}_i \in \mathbb{R}^2$, $y_i \in \{0, 1\}$ | a point and its class | `X[i]`, `y[i]` |
# | $\mathbf{h}_l = \tanh(\mathbf{h}_{l-1}\mathbf{W}_l + \mathbf{b}_l)$ | hidden layer $l$, $\mathbf{h}_0 = \mathbf{x}$ | `MLP((2, 16, 16, 2))` |
# | $\mathbf{z}$, $p(y \mid \mathbf{x}) = \mathrm{softmax}(\mathbf{z})_y$ | scores (logits) and class probabilities | `logits`, `predict_proba` |
# | $L(\boldsymbol\theta) = -\frac1n\sum_i \log p(y_i \mid \mathbf{x}_i)$ | mean cross-entropy | `CrossEntropy(net, X, y)` |
# | $\boldsymbol\theta$ | all weights and biases in one vector | `theta` |
# | $\eta$, $\gamma$ | learning rate and momentum | `lr`, `momentum` |
#
# This page is a notebook, executed when the site is built; the button at the top right downloads
# it as `.ipynb`.

# %%
# %matplotlib inline
# %config InlineBackend.figure_formats = ["retina"]
import numpy as np

from momentum_docs import (
    MLP,
    CrossEntropy,
    GradientDescent,
    Momentum,
    Nesterov,
    optimize,
    two_moons,
)
from momentum_docs.figures.neural_network import (
    fig_neural_network_boundaries,
    fig_neural_network_loss_curves,
)

# %% [markdown]
# ## The data
#
# Two interleaving half circles, 100 points each, with Gaussian noise of standard deviation 0.2,
# drawn by code from a fixed seed. No straight line separates them. A second draw of 1000 points
# from the same distribution (another seed) is held out: the network never trains on it, and it
# tells how well a trained network classifies new points.

# %%
X, y = two_moons(n=200, noise=0.2, seed=0)
X_test, y_test = two_moons(n=1000, noise=0.2, seed=1)
print("training points", X.shape, "per class", np.bincount(y))
print("held-out points", X_test.shape)

# %% [markdown]
# ## The network and its gradient
#
# The network has two hidden layers of 16 $\tanh$ units and two outputs, one score per class.
# `momentum_docs.MLP` computes the gradient of the loss by the chain rule, layer by layer from the
# top (backpropagation): the score gradient is $(\mathrm{softmax}(\mathbf{z}) - \text{onehot}(y))/n$,
# each layer passes its gradient down through $\mathbf{W}_l^\top$, and $\tanh' = 1 - \tanh^2$ scales
# it at each hidden layer. The weights start from $\mathcal{N}(0, 1/\text{fan-in})$, the biases at 0.
#
# A central difference $(L(\boldsymbol\theta + h\mathbf{e}_k) - L(\boldsymbol\theta - h\mathbf{e}_k))/2h$
# approximates one partial derivative with an error of order $h^2$. The test suite compares every
# coordinate on many random networks; here are a few coordinates of this one:

# %%
net = MLP((2, 16, 16, 2))
loss_fn = CrossEntropy(net, X, y)
theta0 = net.init(seed=0)
print(f"{net.n_params} parameters; "
      f"loss at the start {loss_fn(theta0):.4f}")
print(f"(a coin flip would have log 2 = {np.log(2):.4f})")

gradient = loss_fn.gradient(theta0)
h = 1e-6
rng = np.random.default_rng(0)
numeric = {}
print("coordinate    backward  difference")
for k in rng.choice(net.n_params, size=5, replace=False):
    e = np.zeros(net.n_params)
    e[k] = h
    difference = loss_fn(theta0 + e) - loss_fn(theta0 - e)
    numeric[k] = difference / (2 * h)
    print(f"{k:>10} {gradient[k]: .8f} {numeric[k]: .8f}")

# %% tags=["check"]
assert all(abs(gradient[k] - value) < 1e-7 for k, value in numeric.items())

# %% [markdown]
# ## Training with three optimizers
#
# Every step uses all 200 points (full batch), so the differences below come from the optimizers
# alone. All three start from the same $\boldsymbol\theta_0$ with $\eta = 0.1$; momentum and
# [Nesterov](../../theory/nesterov/) use $\gamma = 0.9$. The optimizers are the package's, the same objects as on every other
# page: `optimize` needs only the loss and its gradient.

# %%
lr, momentum, steps = 0.1, 0.9, 1000
optimizers = {
    "gradient descent": GradientDescent(lr),
    "momentum": Momentum(lr, momentum),
    "Nesterov": Nesterov(lr, momentum),
}
runs = {name: optimize(optimizer, loss_fn, theta0, steps)
        for name, optimizer in optimizers.items()}
test_fn = CrossEntropy(net, X_test, y_test)
# the held-out loss every 10 steps
checkpoints = np.arange(0, steps + 1, 10)
test_losses = {
    name: np.array([test_fn(run.x[t]) for t in checkpoints])
    for name, run in runs.items()
}

print("                steps to  after 1000 steps:")
print("                loss 0.2  train loss  test loss  accuracy")
reached = {}
for name, run in runs.items():
    reached[name] = int(np.argmax(run.loss < 0.2))
    accuracy = np.mean(net.predict(run.x[-1], X_test) == y_test)
    print(f"{name:>16} {reached[name]:>8} {run.loss[-1]:>11.4f} "
          f"{test_losses[name][-1]:>10.4f} {accuracy:>9.1%}")

# %% tags=["check"]
assert all(run.loss[reached[name]] < 0.2 for name, run in runs.items())
assert reached["gradient descent"] > 4 * max(reached["momentum"], reached["Nesterov"])

# %% [markdown]
# The first column is the number of steps until the training loss falls below 0.2: gradient
# descent needs several times as many as momentum and Nesterov, which behave alike here. The
# other columns are after 1000 steps.

# %% alt="Two panels of cross-entropy on a log scale against the step, 0 to 1000, one line each for gradient descent, momentum and Nesterov. Left, training points: gradient descent falls slowly to about 0.13; momentum and Nesterov fall below 0.15 within about 100 steps and keep falling, to below 0.1, with a spike in Nesterov's line near step 900. Right, held-out points: momentum and Nesterov fall to about 0.125 within about 100 steps, are lowest near steps 220 and 240, stay close to that until about step 500 and then rise to about 0.25; gradient descent falls slowly and ends lowest, near 0.13." caption="Mean cross-entropy of the network against the step, full batch, learning rate 0.1, momentum 0.9 for momentum and Nesterov. Left: on the 200 training points, at every step; right: on the 1000 held-out points, every 10 steps. Lower is better; the logarithmic vertical axis is shared. In the second half of the run the held-out loss of momentum and Nesterov rises again: those steps fit the noise of the training points."
fig_neural_network_loss_curves(runs, test_losses=test_losses)

# %% [markdown]
# One thing the curves show that a quadratic never would: near the end of the run Nesterov's
# training loss jumps up and settles again over a few dozen steps. The loss is not a quadratic,
# and its curvature changes as training goes on, so a step size that was stable earlier can
# overshoot later. The cell measures the jump:

# %%
nesterov_loss = runs["Nesterov"].loss
running_min = np.minimum.accumulate(nesterov_loss)
# the step where the loss stands highest above its lowest so far
t = int(np.argmax(nesterov_loss / running_min))
print(f"Nesterov at step {t}: loss {nesterov_loss[t]:.4f}, "
      f"lowest before {running_min[t]:.4f}")
print(f"at step {t + 40}: {nesterov_loss[t + 40]:.4f}")

# %% tags=["check"]
assert 800 < t < 960 and nesterov_loss[t] > 1.4 * running_min[t]
assert nesterov_loss[t + 40] < 1.15 * running_min[t]

# %% [markdown]
# ## Decision boundaries
#
# The shading is the network's probability for the red class, and the black line is where it is
# one half. After 100 steps gradient descent has not yet bent its boundary, while momentum and
# Nesterov already follow the moons. After 1000 steps all three separate the moons. Momentum and
# Nesterov, much further along, have wrapped their boundaries around single noisy points.

# %% alt="Six panels in two rows and three columns: gradient descent, momentum and Nesterov after 100 steps (top) and after 1000 steps (bottom). Each shows the 200 training points of two interleaved half-moons, blue and red, over a shading from blue to red with a black boundary line. After 100 steps gradient descent's boundary is still almost a straight line, while momentum's and Nesterov's already follow the gap between the moons. After 1000 steps gradient descent's boundary follows the moons smoothly; momentum's and Nesterov's bend sharply around single points and reach out in long, narrow tongues." caption="The network's decision boundary after 100 steps (top row) and 1000 steps (bottom row), one column per method. Shading: the predicted probability of the red class, from blue (0) to red (1); black line: probability one half, the boundary; dots: the 200 training points, coloured by class. Each title gives the training loss and the accuracy on the training points."
fig_neural_network_boundaries(loss_fn, runs, steps=(100, 1000))

# %% [markdown]
# ## Faster is not the same as better
#
# The left panel of the loss figure falls fastest for momentum and Nesterov. The right panel, the
# loss on the held-out points, falls with it at first: momentum and Nesterov reach their lowest
# held-out loss within a few hundred steps, long before gradient descent does. Then it rises
# again. The later steps fit the noise of these 200 points, which does not carry over to new points
# (overfitting). So momentum makes the optimization faster; when to stop is a separate question,
# which the held-out points answer.

# %%
for name in ("momentum", "Nesterov"):
    losses = test_losses[name]
    best = checkpoints[np.argmin(losses)]
    print(f"{name}: held-out loss {losses.min():.4f} "
          f"at step {best} (lowest),")
    print(f"  {losses[-1]:.4f} at step {steps}")

# %% tags=["check"]
for name in ("momentum", "Nesterov"):
    losses = test_losses[name]
    assert checkpoints[np.argmin(losses)] < steps / 2 and losses[-1] > losses.min() * 1.2

# %% [markdown]
# ## Summary
#
# - `momentum_docs.MLP` computes its gradient exactly, by the chain rule, and agrees with central
#   finite differences.
# - The same optimizer objects that run on quadratics train the network. Full batch, with
#   $\eta = 0.1$, momentum and Nesterov momentum ($\gamma = 0.9$) reach a training loss of 0.2 in
#   several times fewer steps than gradient descent; on this problem Nesterov behaves like heavy ball.
# - Faster training is not better generalisation: trained long, the networks fit the noise of the
#   training points, and the held-out loss rises again.
#
# ## Exercises
#
# 1. Is momentum just a larger learning rate? Train gradient descent with the effective step
#    $\eta/(1-\gamma) = 1$ and compare it with momentum.

# %% [markdown] tags=["solution"]
# Gradient descent with $\eta = 1$ is about as quick at the start, since that is the step momentum
# builds up to on a slowly changing gradient. It is not the same method: after 1000 steps its
# training loss is higher than momentum's, and its held-out loss never gets as low.

# %% tags=["solution"]
big_step = optimize(GradientDescent(1.0), loss_fn, theta0, steps)
test_big = min(test_fn(big_step.x[t]) for t in checkpoints)
test_momentum = test_losses["momentum"].min()
big_reached = int(np.argmax(big_step.loss < 0.2))
print("                  steps to   loss after   lowest")
print("                  loss 0.2   1000 steps   held-out loss")
print(f"GD, lr 1.0 {big_reached:>15} {big_step.loss[-1]:>12.4f} "
      f"{test_big:>12.4f}")
final_momentum = runs["momentum"].loss[-1]
print(f"momentum {reached['momentum']:>17} "
      f"{final_momentum:>12.4f} {test_momentum:>12.4f}")

# %% tags=["check"]
assert runs["momentum"].loss[-1] < big_step.loss[-1] and test_momentum < test_big

# %% [markdown]
# 2. Does the ranking depend on the starting point? Train from three other initialisations and
#    count the steps to a training loss of 0.2 (gradient descent, momentum, Nesterov).

# %% tags=["solution"]
print("steps to a training loss of 0.2")
print("seed  gradient descent  momentum  Nesterov")
counts = {}
for seed in (1, 2, 3):
    start = net.init(seed=seed)
    counts[seed] = {}
    for name, optimizer in optimizers.items():
        run = optimize(optimizer, loss_fn, start, 800)
        counts[seed][name] = int(np.argmax(run.loss < 0.2))
    gd, heavy, nag = counts[seed].values()
    print(f"{seed:>4} {gd:>17} {heavy:>9} {nag:>9}")

# %% tags=["check"]
for count in counts.values():
    assert count["gradient descent"] > 2 * max(count["momentum"], count["Nesterov"]) > 0

# %% [markdown] tags=["solution"]
# The numbers change with the start, the order does not: gradient descent needs the most steps
# every time.
