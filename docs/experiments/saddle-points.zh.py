# %% [markdown]
# # 二维鞍点 {#saddle-points-in-two-dimensions}
#
# **本节要点**
#
# - 什么是严格鞍点（strict saddle）及其稳定流形（stable manifold），用一个梯度和 Hessian 矩阵都能精确求出的二元函数来说明；
# - 为什么从稳定流形附近出发的梯度下降（gradient descent）会在鞍点旁缓慢爬行，而动量法（momentum）离开鞍点要快多少：每步的增长因子，就是动量法迭代在**负**曲率（curvature）上的谱半径（spectral radius）；
# - 在高原（plateau，一片宽而平坦的区域）上有什么不同：那里鞍点处的 Hessian 矩阵是奇异的，不存在每步的收敛率；以及为什么动量法在那里同样有帮助。
#
# **本页符号**
#
# | 符号 | 含义 | 代码中的名称 |
# |---|---|---|
# | $f(\mathbf{x}) = \frac{a}{2}x_1^2 + c\,(\frac{x_2^4}{4} - \frac{x_2^2}{2})$ | 严格鞍点，$a = 1$，$c = 0.25$ | `StrictSaddle()` |
# | $g(\mathbf{x}) = \frac{a}{2}x_1^2 + c\,(\frac{x_2^6}{6} - \frac{x_2^4}{4})$ | 高原鞍点，$a = 1$，$c = 1$ | `PlateauSaddle()` |
# | $\nabla^2 f$ | Hessian 矩阵，即二阶导数构成的矩阵 | `f.hessian(x)` |
# | $\eta$, $\gamma$ | 学习率（learning rate）和动量超参数 | `lr`, `momentum` |
# | $\rho(\eta, \gamma, \lambda)$ | 曲率为 $\lambda$ 时动量法一步迭代的谱半径 | `theory.spectral_radius` |
#
# 本页是一个在构建网站时执行的 notebook；右上角的按钮可以把它下载为 `.ipynb` 文件。[地形上的小球](../../basics/ball-landscape/)一页展示了一维的鞍点（saddle point），本页再加上第二个维度。

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
# ## 严格鞍点 {#a-strict-saddle}
#
# $f$ 的梯度是 $(a x_1,\; c(x_2^3 - x_2))$，它在原点和 $(0, \pm 1)$ 处为零。Hessian 矩阵是
# $\mathrm{diag}(a,\; c(3x_2^2 - 1))$：在原点处为 $\mathrm{diag}(1, -0.25)$，一个曲率为正、一个为负，这使原点成为一个严格鞍点；在 $(0, \pm 1)$ 处为 $\mathrm{diag}(1, 0.5)$，这两个点是极小值点。

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
# 在 $x_1$ 轴上（$x_2 = 0$），沿 $x_2$ 方向的斜率恰好为零，所以从轴上出发的迭代点会一直留在轴上，只有 $x_1$ 不断缩小。这条轴就是鞍点的**稳定流形**。从它上面出发的梯度下降和动量法都会收敛到鞍点，永远不会发现两侧还有更低的地方。
#
# 换一个起点，稍稍偏离这条轴：$(2, 10^{-4})$。在鞍点附近，两个坐标各自独立地变化。$x_1$ 像在碗形函数上一样缩小。$x_2$ 面对的是曲率为 $\lambda = -c$ 的一维二次函数，梯度下降每步把它乘以 $1 + \eta c$。动量法在这个二次函数上的迭代，就是[理论部分](../../theory/quadratic/)中的 $2\times 2$ 矩阵，它较大的那个特征值（即谱半径，此时大于 1）就是增长因子。取 $\eta = 0.1$、$\gamma = 0.9$：

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
# 测得的增长因子与理论值的前四位数字一致。“逃离”计的是直到 $|x_2| \ge 0.5$ 为止所走的步数，这时已经走到通往极小值点的半路。梯度下降先几乎走进鞍点，离它不到千分之一，然后要花几百步才能离开。动量法从未靠得那么近，所用的时间还不到梯度下降的四分之一。
#
# 在 $x_2$ 还很小的时候，$|x_2|$ 从 $10^{-4}$ 开始每步乘以增长因子，所以逃离应该需要大约
# $\ln(5000)/\ln(\text{growth})$ 步。两种方法实际都多用了几步，但原因不同。为了把两种原因区分开，下面的单元格只在 $f$ 的二次部分
# $\frac{a}{2}x_1^2 - \frac{c}{2}x_2^2$（以鞍点处的 Hessian 矩阵为系数的二次函数）上运行两种方法，它的斜率中没有三次项；单元格还计算了动量法从静止出发时，$x_2(0)$ 如何分配到其迭代的两个模态上。

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
# 对梯度下降来说，二次部分恰好在预测的 345 步逃离，三次项再加上另外六步：在 $|x_2| = 0.5$ 附近，斜率
# $c\,(x_2 - x_2^3)$ 比二次函数的 $c\,x_2$ 弱四分之一，所以最后一段路走得更慢。
#
# 对动量法来说，三次项在这里不增加任何步数：在二次部分上它同样需要 76 步，比 $\ln(5000)/\ln(1.125) \approx 72$ 多四步左右。这几步来自从静止出发。沿 $x_2$ 方向，迭代有两个模态：增长的 $\mu_1 = 1.125$ 和衰减的 $\mu_2 = 0.8$，并且
# $x_2(t) = A\mu_1^t + B\mu_2^t$。起点决定了 $A + B = x_2(0)$ 以及
# $A\mu_1 + B\mu_2 = x_2(1) = (1 + \eta c)\,x_2(0)$，因为第一步只按 $\eta$ 乘以梯度移动。利用
# $\mu_1 + \mu_2 = 1 + \gamma + \eta c$，得到
# $A = \frac{\mu_1 - \gamma}{\mu_1 - \mu_2}\,x_2(0) = 0.69\,x_2(0)$。只有这一部分会增长，所以逃离需要
# $\ln(5000/0.69)/\ln(1.125) = 75.4$ 步，也就是在第 76 步。静止的起点并不在增长模态上：沿迭代矩阵的这个特征向量，速度已经指向远离鞍点的方向，$v = -0.11\,x_2$。这个矩阵不是正规矩阵，它的两个特征向量远非正交，起点被分成增长模态上的
# $0.69\,x_2(0)$ 和衰减模态上的 $0.31\,x_2(0)$。少掉的这 31% 让逃离多花了 $\ln(1/0.69)/\ln(1.125) \approx 3$ 步。

# %% alt="上图：严格鞍点的等高线，x1 从 −2.4 到 2.4，x2 从 −0.6 到 1.5，鞍点在原点，极小值点在 (0, 1)，起点在 (2, 0)。梯度下降沿 x1 轴（即稳定流形）走进鞍点，然后径直向上走到极小值点；动量法沿 x1 冲过头，到达约 −1.2，再摆回来，转而向上走到极小值点。下图：到鞍点的距离（对数坐标）随步数的变化，步数从 0 到 400。梯度下降的距离沿一条直线降到 0.001 以下（在第 80 步附近），再沿另一条直线爬升几百步；动量法的距离在约 1 和 0.01 之间振荡，并在第 100 步之前升到 1，即极小值点所在的距离。" caption="梯度下降和动量法（η = 0.1，γ = 0.9）从 (2, 0.0001) 出发，这个起点稍稍偏离严格鞍点的稳定流形。上图：f 的等高线上的路径，每 10 步画一个点；水平点线是稳定流形。下图：到鞍点的距离随步数的变化，对数坐标，在这种坐标下直线表示每步的因子不变。竖直点线：逃离，即第一次出现 |x2| ≥ 0.5 的那一步，步数写在旁边；水平点线：极小值点到鞍点的距离，1。"
fig_saddle_points_escape(f, runs)

# %% [markdown]
# 上图中，梯度下降沿稳定流形走进鞍点，然后向上走到位于 $(0, 1)$ 的极小值点。动量法沿 $x_1$ 冲过头（它在这个方向上的步子呈螺旋状，因为 $\eta a = 0.1$ 落在复特征值的区间内），并早得多地转向极小值点。下图是到鞍点的距离：梯度下降的距离降到 $10^{-3}$，再沿一条直线爬回来，这条直线在对数坐标下的斜率是每步 $\ln 1.025$。
#
# ## 高原 {#a-plateau}
#
# 第二个函数把四次项换成 $c\,(\frac{x_2^6}{6} - \frac{x_2^4}{4})$。它沿 $x_2$ 的斜率是 $c\,(x_2^5 - x_2^3)$，在 0 处有三阶零点。鞍点处的 Hessian 矩阵是 $\mathrm{diag}(1, 0)$，是奇异矩阵。曲率为 0 时，理论给出的谱半径恰好是 1：既不收敛，也不以任何每步的比率逃离。这里的逃离比任何几何级数式的逃离都慢。

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
# 在鞍点附近，梯度下降每步把 $x_2$ 移动 $\eta c\,x_2^3$。把它看作微分方程，$\dot x_2 = \eta c\,x_2^3$ 给出 $1/x_2^2$
# 每步减少 $2\eta c$，所以从 $x_2(0)$ 走到 $0.5$ 大约需要 $(1/x_2(0)^2 - 4)/(2\eta c)$ 步：从 $x_2(0) = 0.1$ 出发需要
# 480 步，起点每减半一次，步数就变为原来的四倍。在缓慢变化的斜率上，动量法的速度会累积到梯度的 $\eta/(1-\gamma)$ 倍，所以它的表现应该像学习率大十倍的梯度下降，再加上速度累积起来所需的时间。

# %% alt="上图：高原鞍点的等高线，原点附近很平坦，起点在 (2, 0.1)。梯度下降沿 x2 = 0.1 向左走到 x1 = 0 附近，然后缓慢爬向位于 (0, 1) 的极小值点；动量法一边沿 x1 在约 −1.2 和 0.7 之间来回摆动，一边向上漂移，然后爬到极小值点。下图：到鞍点的距离（线性坐标）随步数的变化，步数从 0 到 700。梯度下降的距离降到约 0.1，在那附近停留几百步，然后升到 1；动量法的距离振荡，降到 0.2 以下，并在约 100 步内升到 1。" caption="梯度下降和动量法（η = 0.1，γ = 0.9）在高原鞍点上从 (2, 0.1) 出发，这个函数在原点处的 Hessian 矩阵是奇异的。上图：等高线上的路径，每 10 步画一个点；水平点线是稳定流形。下图：到鞍点的距离随步数的变化，线性坐标。竖直点线：逃离，即第一次出现 |x2| ≥ 0.5 的那一步，步数写在旁边；水平点线：极小值点到鞍点的距离，1。"
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
# 梯度下降在大约预测的 480 步后逃离。动量法需要 80 步，比估计的 48 步多。这个估计假设速度每一步都等于当前梯度的
# $\eta/(1-\gamma)$ 倍；实际上它是最近 $1/(1-\gamma) = 10$ 个左右梯度的平均，需要这么多步才能累积起来，而且会落后于不断变陡的斜率。即便如此，它仍然快了 6.25 倍。起点越靠近鞍点，差距越大（练习 3）。
#
# ## 小结 {#summary}
#
# - 严格鞍点有一个稳定流形：从它上面出发，梯度下降和动量法都会收敛到鞍点。从它附近出发，它们会沿负曲率的方向离开，每步乘以一个固定的因子。
# - 这个因子是该方法在负曲率 $-c$ 上的谱半径：梯度下降是 $1 + \eta c$，动量法是 $\mu^2 - (1 + \gamma + \eta c)\mu + \gamma$
#   较大的那个根，它更大。逃离时间由这个因子决定。
# - 在高原上，Hessian 矩阵是奇异的，不存在这样的因子。梯度下降的逃离时间像 $1/x_2(0)^2$ 一样增长，而动量法的有效步长
#   $\eta/(1-\gamma)$ 把它缩短了好几倍。
#
# ## 练习 {#exercises}
#
# 1. 预测 Nesterov 动量（$\eta = 0.1$，$\gamma = 0.9$）在严格鞍点上的增长因子，并用一次运行来检验。

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
# Nesterov 动量的特征多项式是 $\mu^2 - (1+\gamma)(1-\eta\lambda)\mu + \gamma(1-\eta\lambda)$；当 $\lambda = -c$ 时，它较大的根比重球法（heavy ball）的略大一点，因此逃离得早几步。
#
# 2. 恰好从稳定流形上的 $(2, 0)$ 出发。梯度下降和动量法最后停在哪里？如果有小批量噪声，会有什么不同？

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
# 两者都收敛到鞍点，因为在轴上梯度没有 $x_2$ 分量。任何离开轴的扰动，例如小批量（minibatch）噪声，都会按增长因子逐步放大，把迭代点带走。
#
# 不过，轴并不是唯一最终停在鞍点的起点集合。梯度下降的一步把 $x_2$ 乘以 $1 + \eta c - \eta c\,x_2^2$，它在
# $x_2 = \pm\sqrt{1 + 1/(\eta c)}$（约 $\pm 6.4$）处为 0：从那里出发，梯度下降一步就恰好落到轴上，然后同样收敛到鞍点。在梯度精确的情况下，最终停在鞍点的起点包括稳定流形，以及经过若干步后恰好被带到稳定流形上的那些点（对这里的梯度下降而言，是可数多条直线 $x_2 = $ 常数）。它们的面积为零，所以随机选取的起点以概率 1 逃离，而梯度噪声也会把迭代点从这些点上撞开。
#
# 3. 在高原上，让梯度下降和动量法分别从 $x_2(0) = 0.05$ 和 $0.025$ 出发（$x_1(0) = 0$）。逃离时间如何随起点变化？

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
# $x_2(0)$ 每减半一次，梯度下降的逃离时间就乘以 4，这就是 $1/x_2(0)^2$ 规律。动量法的逃离时间增长得略少于 4 倍，并逐渐逼近 4，因为速度累积所需的步数是固定的，路程越长，这几步就越不重要。出于同样的原因，两者的比值从下方逼近 $1/(1-\gamma) = 10$。
