# %% [markdown]
# # 真实数据上的动量法 {#momentum-on-real-data}
#
# **本节要点**
#
# - 用《动手学深度学习》（*Dive into Deep Learning*）两个版本的设置，在 NASA 翼型自噪声数据上用动量法（momentum）训练线性回归：[第一篇讲义](../../reference/references/#first-note)依据的是第一版（中文版，§7.4），另一个是第二版（英文版，§12.6）；
# - 只要损失函数和变量对应起来，带 `momentum` 的 `torch.optim.SGD` 与从零开始实现的 `sgd_momentum`
#   算出的迭代点完全相同；
# - 为什么 $(\eta, \gamma) = (0.02, 0.9)$ 训练得很不平稳：它的有效步长（effective step size）$\eta/(1-\gamma)$ 是
#   $(0.02, 0.5)$ 和 $(0.004, 0.9)$ 的五倍，而动量法会把小批量的噪声带上大约 $1/(1-\gamma)$ 步。
#
# **本页符号**
#
# | 符号 | 含义 | 代码中的名称 |
# |---|---|---|
# | $\mathbf{X}$, $\mathbf{y}$ | 标准化后的特征（1500 × 5）和标签 | `features`, `labels` |
# | $\ell = \frac{1}{2}(\hat y - y)^2$ | 平方损失，在大小为 10 的小批量上取平均 | `squared_loss` |
# | $\eta$, $\gamma$ | 学习率和动量超参数 | `lr`, `momentum` |
# | $\eta/(1-\gamma)$ | 有效步长：梯度恒定时，速度变量累积起来之后的步长 | `lr / (1 - momentum)` |
# | $\mathbf{v}$, $\mathbf{b}$ | 本站的速度变量，以及 PyTorch 的动量缓冲区，$\mathbf{v} = \eta\,\mathbf{b}$ | `states`, `momentum_buffer` |
# | $L^\star$ | 最小二乘损失：任何 $(\mathbf{w}, b)$ 能达到的最低损失 | `best` |
#
# 本页是一个在构建网站时执行的 notebook；右上角的按钮可以把它下载为 `.ipynb` 文件。运行它需要
# `momentum_docs`（在本项目的克隆中执行 `pip install -e .`），其中一节还需要 PyTorch。下面每次运行都使用同一个随机种子：初始权重相同，小批量也相同且顺序一致，所以两条曲线之间的任何差别都只来自 $(\eta, \gamma)$。

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
# ## 从零开始实现 {#from-scratch}
#
# 模型是 $\hat y = \mathbf{X}\mathbf{w} + b$，在大小为 10 的小批量上用第一篇讲义的 `sgd_momentum` 训练两个迭代周期（epoch）（代码见[从零开始实现动量法](../../basics/from-scratch/)一页）。第一篇讲义依据的《动手学深度学习》第一版（中文版，§7.4）用 $(\eta, \gamma) = (0.02, 0.5)$、$(0.02, 0.9)$ 和 $(0.004, 0.9)$ 训练；第二版（英文版，§12.6）用的是
# $(0.02, 0.5)$、$(0.01, 0.9)$ 和 $(0.005, 0.9)$。每过 100 个样本，记录一次全部 1500 个样本上的损失。
#
# 一条曲线可以用两个数概括：最终损失，以及第二个迭代周期内损失还在怎样上下波动（即这段时间内损失的标准差）。到了第二个迭代周期，每组设置都已经接近最优拟合。

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
# ## 用 PyTorch 做同样的事 {#the-same-with-pytorch}
#
# PyTorch 用一个累加原始梯度的缓冲区 $\mathbf{b}$ 来写动量法：$\mathbf{b} \leftarrow \gamma\,\mathbf{b} + \mathbf{g}$，$\mathbf{x} \leftarrow \mathbf{x} - \eta\,\mathbf{b}$。把第一行乘以 $\eta$，它就是本站的速度变量形式，其中
# $\mathbf{v} = \eta\,\mathbf{b}$；所以学习率恒定时，两者的迭代点相同。`train_linear_regression_torch` 在这个问题上验证了这一点：它以 float64 精度，用 `torch.optim.SGD(lr=..., momentum=...)` 训练一个 `torch.nn.Linear`，初始权重和小批量都与上面相同。
#
# 《动手学深度学习》第二版的简洁实现（`train_concise_ch11`，§12.6）有一处不同：它反向传播的是 `nn.MSELoss`，即不带 $\frac12$ 的 $(\hat y - y)^2$ 的平均值，梯度是我们的两倍，只在报告损失时才除以二。因此在相同的 $\eta$ 下，它的 PyTorch 版本实际走的步长是从零开始实现版本的两倍。第一版的简洁实现用 Gluon 的 `gloss.L2Loss` 训练，它和从零开始实现的代码一样带有 $\frac12$。这里两边用的都是同一个带 $\frac12$ 的平方误差，所以 $\eta$ 的含义相同。

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
# 安装了 PyTorch 时，上表显示每次运行记录的每个损失值都在舍入误差范围内一致（最后一列）；在下图的右图中，PyTorch 的损失（黑点）落在从零开始实现的曲线上。

# %% [markdown]
# ## 损失曲线 {#the-loss-curves}
#
# 纵轴在 0.33 处截断，以便看清训练的末段：每次运行开始时的损失都是 0.49。

# %% alt="两幅图，都是翼型数据上训练损失随迭代周期（0 到 2）的变化，纵轴从 0.235 到 0.33。左图是第一版的设置：学习率 0.02、动量 0.9 的曲线直到最后都在大约 0.24 与 0.28 之间来回跳动，而 0.02 配 0.5 和 0.004 配 0.9 平稳地降到约 0.245 并保持在一起。右图是第二版的设置：0.01 配 0.9 略有抖动，0.02 配 0.5 和 0.005 配 0.9 很平稳，torch.optim.SGD 给出的黑点落在全部三条曲线上。" caption="从零开始实现的训练在两个迭代周期内、全部 1500 个样本上的训练损失，每组（学习率 η，动量 γ）一条曲线：左图是《动手学深度学习》第一版的设置，右图是第二版的设置。越低越好；纵轴在 0.33 处截断，所以最初的几个记录（从 0.49 开始）在图的上方之外。右图中的黑点：用 torch.optim.SGD 做的同样的运行，它们落在曲线上。"
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
# ## 为什么 (0.02, 0.9) 不平稳 {#why-002-09-is-rough}
#
# 远离极小值点时，梯度变化缓慢，速度变量 $\mathbf{v}_t = \gamma\,\mathbf{v}_{t-1} + \eta\,\mathbf{g}_t$ 会累积到大约
# $\eta\,\mathbf{g}/(1-\gamma)$：动量法走的是*有效*步长 $\eta/(1-\gamma)$。靠近极小值点时，小批量梯度主要是噪声，而动量法把最近 $1/(1-\gamma)$ 个这样的梯度加起来，每个都乘以 $\eta$。所以开始时的速度和末段的抖动都随有效步长增大（[有效样本权重与有效步长](../../theory/effective-step/)和[带噪声梯度的动量法](../../theory/noisy/)两页解释了这两点）：
#
# - $(0.02, 0.5)$ 和 $(0.004, 0.9)$ 的有效步长是 $0.04$，$(0.005, 0.9)$ 是 $0.05$，$(0.01, 0.9)$ 是 $0.1$；
# - $(0.02, 0.9)$ 是 $0.2$，是前两者的五倍。
#
# 下表按有效步长排序，它说明的正是图中所见：有效步长越大，运行在第二个迭代周期中的波动越大；$(0.02, 0.9)$
# 波动最大，最终损失也最高。

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
# 有效步长相同，曲线也相近：$(0.02, 0.5)$ 和 $(0.004, 0.9)$ 的有效步长都是 $0.04$，一旦 $\gamma = 0.9$ 下较慢的速度变量累积起来，两条曲线就紧紧相随。学习率取五分之一、记忆长五倍，效果与学习率较大而几乎没有记忆时差不多：

# %%
a, b = scratch[0.02, 0.5], scratch[0.004, 0.9]
gap = np.abs(a.loss - b.loss)
print("largest gap between (0.02, 0.5) and (0.004, 0.9):")
late = a.epochs >= 0.5
print(f"  over both epochs      {gap.max():.4f}")
print(f"  after half an epoch   {gap[late].max():.4f}")

# %% [markdown]
# ## 小结 {#summary}
#
# - 在翼型数据上，上面的每组设置都在两个迭代周期内接近最小二乘损失；各条曲线的区别在于下降的快慢和抖动的大小。
# - `torch.optim.SGD(lr, momentum)` 是换了变量的速度变量形式（$\mathbf{v} = \eta\,\mathbf{b}$）。只要损失函数、数据顺序和初始权重相同，它就能在舍入误差范围内复现从零开始实现的损失。
# - 有效步长 $\eta/(1-\gamma)$ 能预测这些表现：有效步长为 $0.2$ 的 $(0.02, 0.9)$ 最不平稳，最终损失也最高；有效步长相同的设置训练起来相似。[网格扫描](../sweep/)一页在整个 $(\eta, \gamma)$ 网格上画出了这一规律。
#
# ## 练习 {#exercises}
#
# 1. 把小批量大小从 10 改为 100，再训练一次 $(0.02, 0.9)$。它还那么不平稳吗？为什么？

# %% [markdown] tags=["solution"]
# 平稳得多，而且改善的幅度远远超过单个梯度的噪声所提示的 $\sqrt{10}$ 倍。有两点需要注意。
#
# - *要等运行稳定下来再测量。* 小批量大小为 100 时，两个迭代周期只有 30 步，损失还在下降：第二个迭代周期的波动既反映了噪声，也反映了这段下降。代码训练 40 个迭代周期，并从第十个迭代周期之后开始测量 $\text{loss} - L^\star$。
# - *损失是参数的二次函数。* 小批量梯度等于完整梯度加上噪声，对于大小为 $B$ 的小批量，噪声的方差按 $1/B$ 下降。参数在最优拟合附近的波动的方差于是也 $\propto 1/B$，而损失高出 $L^\star$ 的部分是这个波动的二次函数，所以它的均值和抖动都按 $1/B$ 下降：批量大十倍，两者都降为十分之一，而不是 $\sqrt{10}$ 分之一（[带噪声梯度的动量法](../../theory/noisy/)一页推导了这个下限）。
#
# 这个规律假设每一步的噪声与下一步相互独立，有放回地抽取小批量（`replacement=True`）时正是如此：这时比值约为 10。讲义的小批量在每个迭代周期中把每个样本恰好用一次，所以一个迭代周期内各个小批量的噪声加起来几乎为零。小批量大小为 100 时，一个迭代周期只有 15 步，这会把大批量的下限压得更低，于是比值超过 10；小批量大小为 10 时（每个迭代周期 150 步），它对下限几乎没有影响。

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
# 2. $(0.02, 0.9)$ 的不平稳是这组设置本身的性质，还是只是某一种小批量顺序运气不好？用五个随机种子重复比较
#    $(0.02, 0.5)$ 和 $(0.02, 0.9)$。

# %% [markdown] tags=["solution"]
# 是设置本身的性质：无论用哪个随机种子，$(0.02, 0.9)$ 的抖动都是 $(0.02, 0.5)$ 的好几倍。

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
# 3. 为 $\gamma = 0.95$ 找一个学习率，使它的运行应当与 $(0.02, 0.5)$ 相似，并加以验证。

# %% [markdown] tags=["solution"]
# 让有效步长相等，由 $\eta/(1-0.95) = 0.04$ 得 $\eta = 0.002$。起步稍慢之后（速度变量大约需要
# $1/(1-0.95) = 20$ 步才能累积起来），它就沿着 $(0.02, 0.5)$ 的曲线走。

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
