# %% [markdown]
# # （学习率，动量）网格扫描 {#a-sweep-of-learning-rate-momentum}
#
# **本节要点**
#
# - 在大约一千组设置构成的网格上，翼型回归的最终损失如何同时依赖学习率（learning rate）$\eta$ 和动量超参数 $\gamma$；
# - 沿着 $\eta/(1-\gamma) = \text{constant}$ 的直线（有效步长不变），小批量训练的结果相近，所以这两个超参数可以相互替代；
# - 理论上的稳定边界 $\eta\,\lambda_{\max} < 2(1+\gamma)$ 在哪里严格成立（确定性的全批量损失），以及为什么小批量训练远在到达这条边界之前就发散（diverge）了。
#
# **本页符号**
#
# | 符号 | 含义 | 代码中的名称 |
# |---|---|---|
# | $\eta$, $\gamma$ | 学习率和动量超参数 | `lr`, `momentum` |
# | $\mathbf{A}$ | 在特征后面补上一列 1（对应偏差）得到的矩阵 | |
# | $\mathbf{H} = \mathbf{A}^\top\mathbf{A}/n$ | 全批量损失关于 $(\mathbf{w}, b)$ 的 Hessian 矩阵，处处相同 | `full_batch_hessian(features)` |
# | $\lambda_{\max}$ | $\mathbf{H}$ 的最大特征值：最陡方向的曲率 | `lam_max` |
# | $L^\star$ | 最小二乘损失：任何 $(\mathbf{w}, b)$ 能达到的最低损失 | `best` |
#
# 本页是一个在构建网站时执行的 notebook；右上角的按钮可以把它下载为 `.ipynb` 文件。

# %%
# %matplotlib inline
# %config InlineBackend.figure_formats = ["retina"]
import numpy as np

from momentum_docs import (
    init_momentum_states,
    load_airfoil,
    sgd_momentum,
    theory,
    train_linear_regression,
)
from momentum_docs.figures.sweep import (
    fig_sweep_final_loss,
    sweep_grid,
)
from momentum_docs.regression import (
    full_batch_hessian,
    minimum_loss,
    sweep_linear_regression,
)

features, labels = load_airfoil()
lam_max = np.linalg.eigvalsh(full_batch_hessian(features)).max()
best = minimum_loss(features, labels)
print(f"{len(features)} examples, {features.shape[1]} features")
print(f"lam_max = {lam_max:.4f}, "
      f"least-squares loss L* = {best:.4f}")

# %% [markdown]
# ## 一次训练整个网格 {#the-grid-trained-all-at-once}
#
# 学习率在对数尺度上从 $10^{-3}$ 取到 $3$。动量超参数在 $\log\frac{1}{1-\gamma}$（即动量法记住的步数的对数）上等距取值，从 $\gamma = 0$ 到 $\gamma = 0.99$：这样 $0.9$ 到 $0.99$ 之间的行数与 $0$ 到 $0.9$ 之间一样多。
#
# `sweep_linear_regression` 一次训练所有设置：每次运行是同一个参数数组中的一行，由一个 `Momentum` 优化器统一更新，它的 `lr` 和 `momentum` 都是列向量（更新规则仍然是包里的那一条，只写在一个地方）。每一行都与
# `train_linear_regression` 在相同随机种子下的那次运行完全一样，代码对其中一组设置做了检查。
#
# 两次扫描：一次用大小为 10 的小批量训练两个迭代周期，与[真实数据上的动量法](../real-data/)一致；另一次用全批量（全部 1500 个样本，梯度是精确的）训练 100 步。如果一次运行结束时的损失比开始时还大，就算作发散。

# %%
# 25 momenta (rows) x 41 learning rates (columns)
lr, momentum = sweep_grid()
minibatch = sweep_linear_regression(
    lr, momentum, features, labels)
n = len(features)
full_batch = sweep_linear_regression(
    lr, momentum, features, labels,
    batch_size=n, num_epochs=100, record_every=n,
)
print(f"{lr.size} settings; diverged: "
      f"{minibatch.diverged.sum()} with minibatches,")
print(f"{full_batch.diverged.sum()} with the full batch")

row, column = 10, 18
one_lr, one_momentum = lr[row, column], momentum[row, column]
single = train_linear_regression(
    sgd_momentum, init_momentum_states(5),
    {"lr": one_lr, "momentum": one_momentum}, features, labels,
)
print(f"lr {one_lr:.4f}, momentum {one_momentum:.4f}: final loss")
print(f"  in the sweep {minibatch.final_loss[row, column]:.6f}, "
      f"alone {single.loss[-1]:.6f}")

# %% tags=["check"]
assert np.isclose(minibatch.final_loss[row, column], single.loss[-1], rtol=1e-10)

# %% [markdown]
# ## 热力图 {#the-heat-map}
#
# 颜色表示最终损失减去 $L^\star$，采用对数色标：颜色越深越接近最优拟合，黄色表示离最优拟合很远，灰色表示发散。白色虚线表示有效步长不变的设置 $\eta/(1-\gamma) = 0.04$ 和 $0.2$；由于动量轴的这种取法，它们画出来是直线。黑色曲线是全批量损失的稳定边界
# $\eta = 2(1+\gamma)/\lambda_{\max}$。白点是真实数据实验中的几组设置。

# %% alt="两幅热力图，表示最终损失随学习率（横轴，0.001 到 3，对数坐标）和动量（纵轴，0 到 0.99）的变化。上图是大小为 10 的小批量训练两个迭代周期：灰色的发散格子从黑色的全批量稳定曲线左侧很远处就开始出现，动量越大，开始发散的学习率越小。下图是全批量训练 100 步：灰色格子恰好从黑色曲线开始，一条几乎完美拟合的深色带从有效步长 0.2 的虚线一直延伸到这条曲线，动量直到约 0.9 为止。两条白色虚线对角线标出有效步长不变的设置，五个白点是真实数据实验的设置。" caption="1025 组设置（学习率 η，动量 γ）中每一组的最终损失减去最小二乘损失 L*，采用对数色标：颜色越深越接近最优拟合，黄色表示离最优拟合很远，灰色表示发散。上图：大小为 10 的小批量，两个迭代周期；下图：全批量，100 步。黑色曲线：全批量的稳定边界 η λmax = 2(1 + γ)。白色虚线：有效步长不变的直线 η/(1 − γ) = 0.04 和 0.2，它们之所以是直线，是因为动量轴按 log 1/(1 − γ) 等距划分。白点：真实数据实验的设置。"
POINTS = [(0.02, 0.5), (0.01, 0.9), (0.005, 0.9), (0.02, 0.9),
          (0.004, 0.9)]
fig_sweep_final_loss(
    {"minibatches of 10, 2 epochs": minibatch,
     "full batch, 100 steps": full_batch},
    lam_max=lam_max, best=best, points=POINTS,
)

# %% [markdown]
# ## 全批量：理论严格成立 {#the-full-batch-the-theory-holds-exactly}
#
# 全批量损失 $\frac{1}{2n}\lVert \mathbf{A}\boldsymbol\theta - \mathbf{y}\rVert^2$ 是
# $\boldsymbol\theta = (\mathbf{w}, b)$ 的二次函数，Hessian 矩阵为 $\mathbf{H}$。在 $\mathbf{H}$ 的特征向量构成的基下，重球法动量在每个方向上各自独立地起作用，就像在曲率为 $\lambda$ 的一维二次函数上一样；沿这个方向收敛，当且仅当
# $0 < \eta\lambda < 2(1+\gamma)$（[二次函数上的动量法](../../theory/quadratic/)一页推导了这一点，[（学习率，动量）平面](../../theory/phase-map/)一页把它画了出来）。最陡的方向 $\lambda_{\max}$ 最先失稳，所以整个运行发散，当且仅当 $\eta\,\lambda_{\max} \ge 2(1+\gamma)$：也就是那条黑色曲线。
#
# 下方的子图逐格吻合：

# %%
predicted = ~theory.is_stable(lr, momentum, lam_max)
disagree = np.sum(full_batch.diverged != predicted)
print(f"cells where sweep and theory disagree: "
      f"{disagree} of {lr.size}")

# %% tags=["check"]
assert np.array_equal(full_batch.diverged, predicted)

# %% [markdown]
# 下方的子图中还有两点也可以用理论解释。在边界附近（以及 $\gamma$ 接近 1 时），谱半径接近 1，100 步还不够：那里的格子颜色较浅，尽管运行是收敛的。而在 $\eta$ 较小时，最平坦的方向（$\lambda_{\min}$）收敛很慢；动量法可以加快它，所以 $\gamma$ 越大，深色区域向左延伸得越远。

# %% [markdown]
# ## 小批量：噪声决定上限 {#minibatches-the-noise-sets-the-limit}
#
# 用大小为 10 的小批量时，梯度等于完整梯度加上噪声，确定性二次函数的理论不再决定稳定性（[带噪声梯度的动量法](../../theory/noisy/)一页研究了噪声在二次函数上的作用）。上方的子图在黑色曲线内侧很远的地方就发散了。下表对其中一些行列出了没有发散的最大学习率：

# %%
gammas = momentum[:, 0]
# in each row, the largest lr whose run did not diverge
ok_mini = np.array([lr[i][~minibatch.diverged[i]].max()
                    for i in range(len(gammas))])
ok_full = np.array([lr[i][~full_batch.diverged[i]].max()
                    for i in range(len(gammas))])
bound = theory.stability_bound(gammas) / lam_max
effective = ok_mini / (1 - gammas)

print("          largest lr that converged       full-batch")
print("momentum  minibatch (as eff. step)  full batch   bound")
for i in range(0, len(gammas), 4):
    print(f"{gammas[i]:>8.3f} {ok_mini[i]:>10.3g} "
          f"({effective[i]:>5.2f}) {ok_full[i]:>11.3g} "
          f"{bound[i]:>7.3g}")
print(f"over all {len(gammas)} momenta, "
      f"from 0 to {gammas[-1]:.2f}:")
print(f"  minibatch limit from {ok_mini[0]:.2f} "
      f"to {ok_mini[-1]:.3f},")
print(f"    {ok_mini[0] / ok_mini[-1]:.0f} times lower")
print(f"  as an effective step between {effective.min():.2f}"
      f" and {effective.max():.2f}")
print(f"  full-batch limit from {ok_full[0]:.2f} "
      f"to {ok_full[-1]:.2f}")
spacing = lr[0, 1] / lr[0, 0] - 1
print(f"neighbouring learning rates: {spacing:.0%} apart")

# %% tags=["check"]
assert np.all(ok_mini < bound)
assert np.all(ok_mini[gammas < 0.55] >= ok_mini[0])  # no fall up to about 0.5
assert ok_mini[gammas < 0.55][-1] == ok_mini[0]
assert effective.max() / effective.min() < 5 < ok_mini[0] / ok_mini[-1] / 5

# %% [markdown]
# 全批量的上限是对 $\eta$ 本身的限制，当 $\gamma$ 从 0 增大到 1 时，它只从 $2/\lambda_{\max}$ 增大到 $4/\lambda_{\max}$（在网格上是从 0.90 到 1.65）。小批量的上限则不同。在 $\gamma \approx 0.5$ 之前它并不下降（$\gamma = 0$ 和
# $\gamma = 0.54$ 时都是 0.60）；再往后它急剧下降，到 $\gamma = 0.99$ 时只有 0.016，低了 37 倍。如果用有效步长
# $\eta/(1-\gamma)$ 来衡量，这个上限在整个网格上都保持在 0.60 到 2.50 之间，上下只差 4 倍，而 $\eta$ 本身跨越了 37 倍：在 $\gamma$ 较大时，它大致是对有效步长的限制。这正是噪声累积会产生的效果。动量法大约把 $1/(1-\gamma)$ 个带噪声的梯度加起来，每个都乘以 $\eta$，所以决定噪声把参数甩出多远的是有效步长。这个上限是跳跃式变化的：网格上相邻的学习率相差 22%，而且每个格子只是一次运行。
#
# ## 沿着不变的有效步长 {#along-a-constant-effective-step}
#
# 虚线穿过上方子图的各种颜色：沿着 $\eta/(1-\gamma) = 0.04$，最终损失几乎不变；而沿着一行（$\gamma$ 固定），把 $\eta$ 改变相近的倍数，最终损失的变化却很大：

# %%
g = np.array([0.0, 0.5, 0.8, 0.9, 0.95, 0.98])
along = sweep_linear_regression(
    0.04 * (1 - g), g, features, labels)
rates = np.array([0.004, 0.008, 0.02, 0.04, 0.1])
across = sweep_linear_regression(rates, 0.9, features, labels)
print("effective step 0.04; momentum", g.tolist())
print("  final loss", along.final_loss.round(4).tolist())
print(f"  range {np.ptp(along.final_loss):.4f}")
print("momentum 0.9; lr", rates.tolist())
print("  final loss", across.final_loss.round(4).tolist())
print(f"  range {np.ptp(across.final_loss):.4f}")

# %% tags=["check"]
assert np.ptp(along.final_loss) < np.ptp(across.final_loss) / 10

# %% [markdown]
# ## 小结 {#summary}
#
# - 在确定性的全批量损失（一个二次函数）上，动量法恰好在 $\eta\,\lambda_{\max} \ge 2(1+\gamma)$ 处发散；扫描结果在每个格子上都与理论吻合。
# - 用小批量时，决定上限的是噪声而不是曲率。这个上限比全批量的边界严格得多，而且一旦 $\gamma$ 超过约 0.5，它大致跟随有效步长 $\eta/(1-\gamma)$，而不是 $\eta$。
# - 有效步长不变的直线上的设置训练起来相似；想用更大的动量，就把学习率乘以 $1-\gamma$。
#
# ## 练习 {#exercises}
#
# 1. 用 Nesterov 动量（`nesterov=True`）做全批量扫描。它的边界应该在哪里？扫描结果与之相符吗？

# %% [markdown] tags=["solution"]
# 对 Nesterov 动量，理论给出的收敛条件是 $\eta\lambda < 2(1+\gamma)/(1+2\gamma)$（`theory.stability_bound(momentum, nesterov=True)`）：$\gamma = 0$ 时同样是 $2$，$\gamma \to 1$ 时只有 $4/3$，而重球法是 $4$，所以有更多格子发散，$\gamma$ 越大越明显。扫描结果只有一个格子与理论不符，那里的谱半径只有约 $1.03$：那次运行确实发散，但很慢，100 步之后它的损失还没有回升到起始值以上。运行得更久一些，它的损失就会超过起始值。

# %% tags=["solution"]
nesterov = sweep_linear_regression(
    lr, momentum, features, labels,
    batch_size=n, num_epochs=100, record_every=n, nesterov=True,
)
rho = theory.spectral_radius(lr, momentum, lam_max, nesterov=True)
mismatch = nesterov.diverged != (rho >= 1)
print(f"diverged: {nesterov.diverged.sum()} cells "
      f"(heavy ball: {full_batch.diverged.sum()})")
print(f"disagreements with the theory: {mismatch.sum()}, "
      f"spectral radius there {rho[mismatch].round(4).tolist()}")
longer = sweep_linear_regression(
    lr[mismatch], momentum[mismatch], features, labels,
    batch_size=n, num_epochs=400, record_every=n, nesterov=True,
)
print("the same after 400 steps: diverged",
      longer.diverged.tolist())
print(f"  final loss {longer.final_loss.round(1).tolist()}")

# %% tags=["check"]
assert np.all(np.abs(rho[mismatch] - 1) < 0.05)
assert np.array_equal(longer.diverged, (rho >= 1)[mismatch])

# %% [markdown]
# 2. 用小批量时，网格中哪组设置的最终损失最低？它的有效步长是多少？

# %% tags=["solution"]
i, j = np.unravel_index(np.argmin(minibatch.final_loss), lr.shape)
print(f"lowest final loss {minibatch.final_loss[i, j]:.4f}:")
print(f"  lr {lr[i, j]:.4g}, momentum {momentum[i, j]:.4f}")
print(f"  effective step {lr[i, j] / (1 - momentum[i, j]):.3f}")

# %% tags=["check"]
assert j == 0 and momentum[i, j] > 0.9  # the smallest lr of the grid, with a lot of momentum

# %% [markdown] tags=["solution"]
# 最终损失最低的设置位于网格中最小的学习率处，动量很大，有效步长只有百分之几，与真实数据实验中那些好的设置类似。大的动量在很多步上平均了小批量噪声，而小的 $\eta$ 让有效步长保持很小。网格到这里就结束了，所以更小的 $\eta$
# 配上更大的动量，也许效果一样好，甚至更好。
