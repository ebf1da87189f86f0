# %% [markdown]
# # Saddle points in two dimensions
#
# **What you will learn**
#
# - what a strict saddle and its stable manifold are, on a function of two variables whose
#   gradient and Hessian are exact;
# - why gradient descent started near the stable manifold crawls past the saddle, and how much
#   faster momentum leaves it: the growth factor per step is the spectral radius of the momentum
#   iteration for a *negative* curvature;
# - what changes on a plateau, where the Hessian at the saddle is singular and no rate per step
#   exists, and why momentum helps there too.
#
# **Symbols**
#
# | symbol | meaning | in code |
# |---|---|---|
# | $f(\mathbf{x}) = \frac{a}{2}x_1^2 + c\,(\frac{x_2^4}{4} - \frac{x_2^2}{2})$ | the strict saddle, $a = 1$, $c = 0.25$ | `StrictSaddle()` |
# | $g(\mathbf{x}) = \frac{a}{2}x_1^2 + c\,(\frac{x_2^6}{6} - \frac{x_2^4}{4})$ | the plateau saddle, $a = 1$, $c = 1$ | `PlateauSaddle()` |
# | $\nabla^2 f$ | the Hessian, the matrix of second derivatives | `f.hessian(x)` |
# | $\eta$, $\gamma$ | learning rate and momentum | `lr`, `momentum` |
# | $\rho(\eta, \gamma, \lambda)$ | spectral radius of one momentum step on curvature $\lambda$ | `theory.spectral_radius` |
#
# This page is a notebook, executed when the site is built; the button at the top right downloads
# it as `.ipynb`. [The ball on a landscape](../../basics/ball-landscape/) shows a saddle in one
# dimension; this page adds the second dimension.

# %%
# %matplotlib inline
# %config InlineBackend.figure_formats = ["retina"]
import numpy as np

from momentum_docs import (
    GradientDescent,
    Momentum,
    Nesterov,
    PlateauSaddle,
    Quadratic,
    StrictSaddle,
    optimize,
    steps_to_escape,
    theory,
)
from momentum_docs.figures.saddle_points import (
    fig_saddle_points_escape,
)

# %% [markdown]
# ## A strict saddle
#
# The gradient of $f$ is $(a x_1,\; c(x_2^3 - x_2))$. It vanishes at the origin and at
# $(0, \pm 1)$. The Hessian is $\mathrm{diag}(a,\; c(3x_2^2 - 1))$: at the origin
# $\mathrm{diag}(1, -0.25)$, one positive and one negative curvature, which makes the origin a
# *strict* saddle; at $(0, \pm 1)$ it is $\mathrm{diag}(1, 0.5)$, two minima.

# %%
f = StrictSaddle()
for point in [f.saddle, *f.minima]:
    eigenvalues = np.linalg.eigvalsh(f.hessian(point))
    print(f"at {point}: f = {f(point):+.4f}, "
          f"gradient {f.gradient(point)},")
    print(f"  Hessian eigenvalues {eigenvalues}")

# %% tags=["check"]
assert np.linalg.eigvalsh(f.hessian(f.saddle)).tolist() == [-0.25, 1.0]

# %% [markdown]
# On the $x_1$ axis ($x_2 = 0$) the slope along $x_2$ is exactly zero, so an iterate that starts
# there stays there while $x_1$ shrinks. That axis is the saddle's **stable manifold**. Gradient
# descent and momentum started on it converge to the saddle, and never find out that there is
# lower ground on either side.
#
# Start instead a hair off it, at $(2, 10^{-4})$. Near the saddle the two coordinates evolve
# separately. $x_1$ shrinks as on a bowl. $x_2$ sees the one-dimensional quadratic with curvature
# $\lambda = -c$, and gradient descent multiplies it by $1 + \eta c$ per step. Momentum's
# iteration on that quadratic is the $2\times 2$ matrix of [the theory](../../theory/quadratic/),
# and its larger eigenvalue (the spectral radius, now above 1) is its growth factor. With
# $\eta = 0.1$ and $\gamma = 0.9$:

# %%
lr, momentum, start = 0.1, 0.9, [2.0, 1e-4]
methods = {"gradient descent": GradientDescent(lr),
           "momentum": Momentum(lr, momentum)}
# the spectral radius for the curvature -c
growth = {
    "gradient descent": theory.spectral_radius(lr, 0.0, -f.depth),
    "momentum": theory.spectral_radius(lr, momentum, -f.depth),
}
print("growth factor per step along x2 (theory):")
print(f"  gradient descent {growth['gradient descent']:.4f}"
      " (= 1 + lr c)")
print(f"  momentum         {growth['momentum']:.4f}")

runs = {name: optimize(optimizer, f, start, steps=400)
        for name, optimizer in methods.items()}
measured, escape = {}, {}
print("\n                  growth  closest to the   steps to")
print("                measured  saddle (at step)   escape")
for name, run in runs.items():
    x2 = np.abs(run.x[:, 1])
    # steps 20 to 40: x2 < 0.01, the cubic term is negligible
    measured[name] = (x2[40] / x2[20]) ** (1 / 20)
    escape[name] = steps_to_escape(f, run.x)
    distance = f.distance_to_saddle(run.x)
    closest = distance.argmin()
    print(f"{name:>16} {measured[name]:>7.4f} "
          f"{distance[closest]:>10.1e} ({closest:>2}) "
          f"{escape[name]:>10}")

low, high = theory.critical_damping_bounds(momentum)
regime = theory.regime(lr, momentum, f.stable)
print(f"\nalong x1 (curvature a = {f.stable}) momentum's regime")
print(f"is '{regime}': lr * a = {lr * f.stable} "
      f"lies in ({low:.4f}, {high:.4f})")

# %% tags=["check"]
for name, run in runs.items():
    assert np.abs(run.x[40, 1]) < 0.01 and abs(measured[name] / growth[name] - 1) < 1e-3
assert 4 * escape["momentum"] < escape["gradient descent"]
assert low < lr * f.stable < high

# %% [markdown]
# The measured growth matches the theory to four digits. "Escape" counts the steps until
# $|x_2| \ge 0.5$, halfway to a minimum. Gradient descent first walks almost into the saddle, to
# within a thousandth, and then needs hundreds of steps to leave it. Momentum never gets that
# close and is gone in less than a quarter of the time.
#
# While $x_2$ is small, $|x_2|$ grows from $10^{-4}$ by the growth factor per step, so the escape
# should take about $\ln(5000)/\ln(\text{growth})$ steps. Both methods take a few steps more, for
# different reasons. To tell them apart, the cell below runs both methods on the quadratic part
# of $f$ alone, $\frac{a}{2}x_1^2 - \frac{c}{2}x_2^2$ (the quadratic with the Hessian at the saddle),
# which has no cubic term in its slope, and it computes how momentum's start at rest splits
# $x_2(0)$ between the two modes of its iteration.

# %%
# f without its quartic term: 1/2 x^T H x, H the Hessian at 0
quadratic = Quadratic(f.hessian(f.saddle))
print("steps until |x2| >= 0.5:")
print("                 ln(5000)/ln(growth)  quadratic part    f")
for name, optimizer in methods.items():
    run = optimize(optimizer, quadratic, start, steps=400)
    steps = int(np.argmax(np.abs(run.x[:, 1]) >= 0.5))
    naive = np.log(5000) / np.log(growth[name])
    print(f"{name:>16} {naive:>19.1f} {steps:>16} "
          f"{escape[name]:>4}")

# momentum's iteration along x2: (x2, v) <- M (x2, v)
M = theory.iteration_matrix(lr, momentum, -f.depth)
mu, vectors = np.linalg.eig(M)  # column k: (x2, v) of mode k
grow, decay = np.argsort(-mu.real)
mu1, mu2 = mu.real[grow], mu.real[decay]
share = (mu1 - momentum) / (mu1 - mu2)
v_per_x2 = vectors[1, grow].real / vectors[0, grow].real
print(f"\nmomentum along x2: modes mu1 = {mu1:.4f}, "
      f"mu2 = {mu2:.4f}")
print(f"on the growing mode the velocity is v = {v_per_x2:.4f}"
      " x2")
print(f"started at rest, x2(0) splits into {share:.4f} x2(0)")
print(f"  on the growing mode and {1 - share:.4f} x2(0) "
      "on the other")
print(f"ln(5000 / {share:.4f}) / ln({mu1:.4f}) = "
      f"{np.log(5000 / share) / np.log(mu1):.1f}")

# %% tags=["check"]
gd_quadratic = optimize(GradientDescent(lr), quadratic, start, steps=400)
gd_steps = int(np.argmax(np.abs(gd_quadratic.x[:, 1]) >= 0.5))
assert gd_steps == int(np.ceil(np.log(5000) / np.log(growth["gradient descent"])))
assert escape["gradient descent"] - gd_steps >= 3  # the cubic term slows gradient descent
m_quadratic = optimize(Momentum(lr, momentum), quadratic, start, steps=400)
m_steps = int(np.argmax(np.abs(m_quadratic.x[:, 1]) >= 0.5))
assert m_steps == escape["momentum"]  # the cubic term costs momentum no step
assert m_steps == int(np.ceil(np.log(5000 / share) / np.log(mu1)))  # the start at rest does
# x2(t) = A mu1^t + B mu2^t on the quadratic part, with A = share * x2(0)
t = np.arange(30)
np.testing.assert_allclose(m_quadratic.x[:30, 1],
                           1e-4 * (share * mu1**t + (1 - share) * mu2**t), rtol=1e-9)
assert not np.allclose(M @ M.T, M.T @ M)  # not normal
assert abs(vectors[:, grow] @ vectors[:, decay]) > 0.5  # the modes are far from orthogonal

# %% [markdown]
# For gradient descent the quadratic part escapes in the predicted 345 steps, and the cubic
# term adds the other six: near $|x_2| = 0.5$ the slope $c\,(x_2 - x_2^3)$ is a quarter weaker than
# the quadratic's $c\,x_2$, so the last stretch is slower.
#
# For momentum the cubic term costs nothing here: on the quadratic part it also needs 76 steps,
# about four more than $\ln(5000)/\ln(1.125) \approx 72$. Those come from starting at rest. Along
# $x_2$ the iteration has two modes, the growing $\mu_1 = 1.125$ and the decaying $\mu_2 = 0.8$,
# and $x_2(t) = A\mu_1^t + B\mu_2^t$. The start fixes $A + B = x_2(0)$ and
# $A\mu_1 + B\mu_2 = x_2(1) = (1 + \eta c)\,x_2(0)$, since the first step moves by $\eta$ times the
# gradient alone. With $\mu_1 + \mu_2 = 1 + \gamma + \eta c$ this gives
# $A = \frac{\mu_1 - \gamma}{\mu_1 - \mu_2}\,x_2(0) = 0.69\,x_2(0)$. Only that part grows, so the
# escape takes $\ln(5000/0.69)/\ln(1.125) = 75.4$ steps: step 76. A start at rest is not on the
# growing mode: along that eigenvector of the iteration matrix the velocity already points away
# from the saddle, $v = -0.11\,x_2$. The matrix is not normal, its two eigenvectors are far from
# orthogonal, and the start splits into $0.69\,x_2(0)$ on the growing mode and $0.31\,x_2(0)$ on
# the decaying one. The missing 31% costs the escape $\ln(1/0.69)/\ln(1.125) \approx 3$ steps.

# %% alt="Top: contour lines of the strict saddle for x1 from −2.4 to 2.4 and x2 from −0.6 to 1.5, with the saddle at the origin, the minimum at (0, 1) and the start at (2, 0). Gradient descent runs along the x1 axis, the stable manifold, into the saddle and then straight up to the minimum; momentum overshoots along x1 to about −1.2, swings back and turns up to the minimum. Bottom: distance to the saddle on a log scale against the step, 0 to 400. Gradient descent's falls on a straight line to below 0.001 near step 80 and climbs back on another straight line for hundreds of steps; momentum's oscillates between about 1 and 0.01 and rises to 1, the distance of the minimum, before step 100." caption="Gradient descent and momentum (η = 0.1, γ = 0.9) started at (2, 0.0001), a hair off the stable manifold of the strict saddle. Top: the paths over the contours of f, a dot every 10 steps; the dotted horizontal line is the stable manifold. Bottom: the distance to the saddle against the step on a log scale, where a straight line is a constant factor per step. Dotted vertical lines: the escape, the first step with |x2| ≥ 0.5, its number written beside it; dotted horizontal line: the distance of the minima, 1."
fig_saddle_points_escape(f, runs)

# %% [markdown]
# At the top, gradient descent runs along the stable manifold into the saddle and then up to the
# minimum at $(0, 1)$. Momentum overshoots along $x_1$ (its steps there spiral, since
# $\eta a = 0.1$ lies in the band of complex eigenvalues) and turns up to the minimum much earlier.
# At the bottom, the distance to the saddle: gradient descent's dips to $10^{-3}$ and climbs back
# on a straight line, whose slope on the log scale is $\ln 1.025$ per step.
#
# ## A plateau
#
# The second function replaces the quartic by $c\,(\frac{x_2^6}{6} - \frac{x_2^4}{4})$. Its slope
# along $x_2$ is $c\,(x_2^5 - x_2^3)$, which vanishes to third order at 0. The Hessian at the saddle
# is $\mathrm{diag}(1, 0)$, singular. The theory on a curvature of 0 gives a spectral radius of
# exactly 1, neither convergence nor escape at any rate per step. The escape is slower than any
# geometric one.

# %%
g = PlateauSaddle()
hessian = g.hessian(g.saddle)
print("Hessian eigenvalues at the saddle:",
      np.linalg.eigvalsh(hessian))
print("spectral radius for curvature 0:")
for name, gamma in [("gradient descent", 0.0),
                    ("momentum", momentum)]:
    radius = theory.spectral_radius(lr, gamma, 0.0)
    print(f"  {name:<16} {radius:.6f}")
slope = g.gradient([0.0, 0.1])[1]
print(f"slope along x2 at x2 = 0.1: {slope:.2e}")

# %% [markdown]
# Near the saddle, gradient descent moves $x_2$ by $\eta c\,x_2^3$ per step. As a differential
# equation, $\dot x_2 = \eta c\,x_2^3$ gives $1/x_2^2$ falling by $2\eta c$ per step, so going from
# $x_2(0)$ to $0.5$ takes about $(1/x_2(0)^2 - 4)/(2\eta c)$ steps: 480 steps from $x_2(0) = 0.1$,
# four times as many for every halving of the start. On a slowly changing slope momentum's velocity
# builds up to $\eta/(1-\gamma)$ times the gradient, so it should move like gradient descent with a
# learning rate ten times larger, plus the time the velocity needs to build up.

# %% alt="Top: contour lines of the plateau saddle, flat around the origin, with the start at (2, 0.1). Gradient descent runs left along x2 = 0.1 to near x1 = 0 and then creeps up to the minimum at (0, 1); momentum swings along x1 between about −1.2 and 0.7 while drifting up, then climbs to the minimum. Bottom: distance to the saddle on a linear scale against the step, 0 to 700. Gradient descent's drops to about 0.1 and stays near it for hundreds of steps before rising to 1; momentum's oscillates, dips below 0.2 and rises to 1 within about 100 steps." caption="Gradient descent and momentum (η = 0.1, γ = 0.9) started at (2, 0.1) on the plateau saddle, whose Hessian at the origin is singular. Top: the paths over the contours, a dot every 10 steps; the dotted horizontal line is the stable manifold. Bottom: the distance to the saddle against the step, on a linear scale. Dotted vertical lines: the escape, the first step with |x2| ≥ 0.5, its number written beside it; dotted horizontal line: the distance of the minima, 1."
plateau_start = [2.0, 0.1]
plateau_runs = {
    name: optimize(optimizer, g, plateau_start, steps=700)
    for name, optimizer in methods.items()
}
plateau_escape = {name: steps_to_escape(g, run.x)
                  for name, run in plateau_runs.items()}
for name, effective in [("gradient descent", lr),
                        ("momentum", lr / (1 - momentum))]:
    x2_start = plateau_start[1]
    predicted = (1 / x2_start**2 - 4) / (2 * effective * g.depth)
    print(f"{name}: escaped after {plateau_escape[name]} steps;")
    print(f"  (1/x2(0)^2 - 4) / (2 lr c) with lr = {effective:g}:"
          f" {predicted:.0f}")
speedup = (plateau_escape["gradient descent"]
           / plateau_escape["momentum"])
print(f"momentum is {speedup:.2f} times faster")
fig_saddle_points_escape(g, plateau_runs, log_distance=False)

# %% tags=["check"]
assert plateau_escape["momentum"] * 4 < plateau_escape["gradient descent"]
assert abs(plateau_escape["gradient descent"] / 480 - 1) < 0.1

# %% [markdown]
# Gradient descent escapes in about the predicted 480 steps. Momentum needs 80, more than the
# 48 of the estimate. The estimate assumes the velocity is $\eta/(1-\gamma)$ times the current
# gradient at every step; in fact it is an average over the last $1/(1-\gamma) = 10$ or so
# gradients, which takes that long to build up and lags behind a slope that keeps growing. It is
# still 6.25 times faster. Starting closer to the saddle makes the difference larger
# (exercise 3).
#
# ## Summary
#
# - A strict saddle has a stable manifold: started on it, gradient descent and momentum converge
#   to the saddle. Started near it, they leave along the direction of negative curvature, by a
#   constant factor per step.
# - That factor is the spectral radius of the method on the negative curvature $-c$: $1 + \eta c$
#   for gradient descent, and the larger root of $\mu^2 - (1 + \gamma + \eta c)\mu + \gamma$ for
#   momentum, which is larger. The escape times follow from it.
# - On a plateau the Hessian is singular and there is no such factor. Gradient descent's escape
#   time grows like $1/x_2(0)^2$, and momentum's effective step $\eta/(1-\gamma)$ shortens it
#   several times.
#
# ## Exercises
#
# 1. Predict the growth factor of Nesterov momentum ($\eta = 0.1$, $\gamma = 0.9$) on the strict
#    saddle, and check it against a run.

# %% tags=["solution"]
predicted = float(
    theory.spectral_radius(lr, momentum, -f.depth, nesterov=True))
nesterov = optimize(Nesterov(lr, momentum), f, start, steps=400)
x2 = np.abs(nesterov.x[:, 1])
nesterov_growth = (x2[40] / x2[20]) ** (1 / 20)
nesterov_escape = steps_to_escape(f, nesterov.x)
print(f"Nesterov: growth predicted {predicted:.4f}, "
      f"measured {nesterov_growth:.4f}")
print(f"escaped after {nesterov_escape} steps "
      f"(heavy ball: {escape['momentum']})")

# %% tags=["check"]
assert abs(nesterov_growth / predicted - 1) < 1e-3
assert predicted > growth["momentum"] and nesterov_escape < escape["momentum"]

# %% [markdown] tags=["solution"]
# Nesterov's characteristic polynomial is
# $\mu^2 - (1+\gamma)(1-\eta\lambda)\mu + \gamma(1-\eta\lambda)$; with $\lambda = -c$ its larger root is a
# little above heavy ball's, and it escapes a few steps sooner.
#
# 2. Start exactly on the stable manifold, at $(2, 0)$. Where do gradient descent and momentum
#    end? What would change with minibatch noise?

# %% tags=["solution"]
on_axis = {name: optimize(optimizer, f, [2.0, 0.0], steps=400)
           for name, optimizer in methods.items()}
for name, run in on_axis.items():
    distance = f.distance_to_saddle(run.x[-1])
    print(f"{name}: x2 stays {np.unique(run.x[:, 1])},")
    print(f"  distance to the saddle after 400 steps: "
          f"{distance:.1e}")

# x2 * (1 + lr c - lr c x2^2) is 0 for x2^2 = 1 + 1 / (lr c)
x2_jump = np.sqrt(1 + 1 / (lr * f.depth))
jump = optimize(GradientDescent(lr), f, [2.0, x2_jump], steps=400)
distance = f.distance_to_saddle(jump.x[-1])
print(f"gradient descent from (2, {x2_jump:.4f}):")
print(f"  x2 after one step {jump.x[1, 1]},")
print(f"  distance to the saddle after 400 steps: "
      f"{distance:.1e}")

# %% tags=["check"]
for run in [*on_axis.values(), jump]:
    assert np.all(run.x[1:, 1] == 0.0) and f.distance_to_saddle(run.x[-1]) < 1e-8

# %% [markdown] tags=["solution"]
# Both converge to the saddle, because the gradient has no $x_2$ component on the axis. Any
# perturbation off the axis, such as minibatch noise, grows by the growth factor per step and
# carries the iterate away.
#
# The axis is not the only start that ends at the saddle, though. A gradient-descent step
# multiplies $x_2$ by $1 + \eta c - \eta c\,x_2^2$, which is 0 at $x_2 = \pm\sqrt{1 + 1/(\eta c)}$,
# about $\pm 6.4$: from there gradient descent lands exactly on the axis in one step and then
# converges to the saddle too. With exact gradients, the starts that end at the saddle are the
# stable manifold and the points that some number of steps carries exactly onto it (for gradient
# descent here, countably many lines $x_2 = $ constant). They cover no area, so a start drawn at
# random escapes with probability one, and gradient noise knocks an iterate off them.
#
# 3. On the plateau, start gradient descent and momentum at $x_2(0) = 0.05$ and $0.025$ (with
#    $x_1(0) = 0$). How do the escape times scale?

# %% tags=["solution"]
escape_times = {}
for x2_start in (0.1, 0.05, 0.025):
    x0 = [0.0, x2_start]
    gd = optimize(GradientDescent(lr), g, x0, steps=8100)
    heavy = optimize(Momentum(lr, momentum), g, x0, steps=900)
    gd_time = steps_to_escape(g, gd.x)
    momentum_time = steps_to_escape(g, heavy.x)
    escape_times[x2_start] = gd_time, momentum_time
    print(f"x2(0) = {x2_start}: GD {gd_time}, "
          f"momentum {momentum_time}, "
          f"ratio {gd_time / momentum_time:.1f}")
gd_times, momentum_times = np.array(list(escape_times.values())).T
gd_growth = gd_times[1:] / gd_times[:-1]
momentum_growth = momentum_times[1:] / momentum_times[:-1]
print("halving x2(0) multiplies the time")
print("  of GD by", gd_growth.round(2).tolist())
print("  of momentum by", momentum_growth.round(2).tolist())

# %% tags=["check"]
growth_gd = gd_times[1:] / gd_times[:-1]
growth_momentum = momentum_times[1:] / momentum_times[:-1]
assert abs(growth_gd[-1] - 4) < 0.05 and growth_momentum[0] < growth_momentum[1] < 4
ratios = gd_times / momentum_times
assert ratios[0] < ratios[1] < ratios[2] < 10

# %% [markdown] tags=["solution"]
# Each halving of $x_2(0)$ multiplies gradient descent's escape time by 4, the $1/x_2(0)^2$ law.
# Momentum's grows by a little less, approaching 4, because the build-up of its velocity takes a
# fixed number of steps, which matter less and less on a longer journey. For the same reason the
# ratio of the two approaches $1/(1-\gamma) = 10$ from below.
