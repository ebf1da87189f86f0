# %% [markdown]
# # 从零开始实现动量法 {#momentum-from-scratch}
#
# **本节要点**
#
# - [第一篇讲义](../../reference/references/#first-note)如何为一个真实的模型实现动量法（momentum）：`init_momentum_states` 和原地更新的 `sgd_momentum`，也就是你自己动手会写出的代码；以及如何用它在 NASA 翼型自噪声数据上训练线性回归（linear regression）；
# - 学习率（learning rate）和动量超参数如何共同决定训练曲线，为什么 $(\eta, \gamma) = (0.02, 0.9)$ 训练得很颠簸，而 $(0.004, 0.9)$ 和 $(0.02, 0.5)$ 看起来差不多：原因在于有效步长（effective step size）$\eta/(1-\gamma)$；
# - 在这组数据上，动量法在哪里明显有用：用精确的（全批量）梯度时，它达到最佳拟合所需的步数，远少于取最优学习率的梯度下降。
#
# **本页符号**
#
# | 符号 | 含义 | 代码中的名称 |
# |---|---|---|
# | $\mathbf{X}$, $\mathbf{y}$ | 标准化后的特征（1500 × 5）和标签 | `features`, `labels` |
# | $\mathbf{w}$, $b$ | $\hat y = \mathbf{X}\mathbf{w} + b$ 的权重和偏差 | `w`, `b`（`Parameter` 对象） |
# | $\ell = \frac{1}{2}(\hat y - y)^2$ | 平方损失，在大小为 10 的小批量上取平均 | `squared_loss` |
# | $\eta$, $\gamma$ | 学习率和动量超参数 | `hyperparams['lr']`, `hyperparams['momentum']` |
# | $\mathbf{v}$ | 每个参数各有一个速度变量，$\mathbf{v}_0 = \mathbf{0}$ | `states` |
# | $\lambda_{\min}$, $\lambda_{\max}$, $\kappa$ | 全批量损失的最小和最大曲率，以及两者之比 | `lam_min`, `lam_max`, `kappa` |
#
# 本页是一个在构建网站时执行的 notebook；右上角的按钮可以把它下载为 `.ipynb` 文件。运行它需要 `momentum_docs`（在本项目的克隆中执行 `pip install -e .`），由它提供数据和训练循环。

# %%
# %matplotlib inline
# %config InlineBackend.figure_formats = ["retina"]
import numpy as np

# %% [markdown]
# ## 第一篇讲义的代码 {#the-first-notes-code}
#
# 讲义为每个参数（权重 $\mathbf{w}$ 和偏差 $b$）各保留一个速度变量，初始化为零，并原地更新参数和速度变量。下面就是它的代码，除了把一行过长的代码折成两行以适应页面宽度，其余原封未动：

# %%
def init_momentum_states(dim=2):
    v_w = np.zeros((dim, 1))
    v_b = np.zeros(1)
    return (v_w, v_b)


def sgd_momentum(params, states, hyperparams):
    for p, v in zip(params, states):
        v[:] = (hyperparams['momentum'] * v
                + hyperparams['lr'] * p.grad)
        p[:] -= v


# %% tags=["check"]
# The cell above is the first note's code: the same syntax tree as the note's text.
import ast
import inspect

NOTE = '''
def init_momentum_states(dim=2):
    v_w = np.zeros((dim, 1))
    v_b = np.zeros(1)
    return (v_w, v_b)

def sgd_momentum(params, states, hyperparams):
    for p, v in zip(params, states):
        v[:] = hyperparams['momentum'] * v + hyperparams['lr'] * p.grad
        p[:] -= v
'''
note_functions = ast.parse(NOTE).body
for function, expected in zip((init_momentum_states, sgd_momentum), note_functions):
    assert ast.dump(ast.parse(inspect.getsource(function)).body[0]) == ast.dump(expected)

# %% [markdown]
# `v[:] = ...` 和 `p[:] -= v` 把结果写进原有的数组，而不是新建数组。所以 `states` 中的速度变量会从一次调用保留到下一次调用：它们就是动量法的记忆。每次调用都对每个参数执行[动量法一页](../momentum-update/)的更新：先 $\mathbf{v} \leftarrow \gamma\mathbf{v} + \eta\,\mathbf{g}$，再 $\mathbf{x} \leftarrow \mathbf{x} - \mathbf{v}$。
#
# 《动手学深度学习》（*Dive into Deep Learning*，第一版，7.4 节）用 MXNet 的 `nd.zeros` 写这两个函数，并从一个全局变量读取特征个数。讲义改用 NumPy 和参数 `dim`，所以它的代码拿来就能运行。
#
# ## 数据 {#the-data}
#
# NASA 翼型自噪声数据集（Brooks、Pope 和 Marcolini，1989 年，来自 UCI 机器学习数据库，CC BY 4.0 许可）包含 1503 次风洞测量：翼型及其周围气流的五个属性，以及翼型产生的声压级。与书中一样，每一列都做了标准化，并保留前 1500 行。

# %%
from momentum_docs import load_airfoil, load_airfoil_raw
from momentum_docs.datasets import AIRFOIL_COLUMNS

raw = load_airfoil_raw()
print(f"{'column':<40} {'mean':>9} {'std':>9}")
for name, column in zip(AIRFOIL_COLUMNS, raw.T):
    print(f"{name:<40} {column.mean():9.4g} {column.std():9.4g}")

print(f"{len(raw)} rows")

features, labels = load_airfoil()
print("features", features.shape, "labels", labels.shape)

# %% tags=["check"]
assert np.allclose(features.mean(axis=0), 0, atol=0.01)
assert np.allclose(features.std(axis=0), 1, atol=0.01)

# %% [markdown]
# ## 用讲义的代码训练 {#training-with-the-notes-code}
#
# 书中在大小为 10 的小批量上训练 $\hat y = \mathbf{X}\mathbf{w} + b$，共两个迭代周期（epoch）。它的训练循环 `train_ch7` 正是讲义没有写出的部分。包里以 `train_linear_regression` 的名字提供了它（也可以用书中的名字 `momentum_docs.train_ch7` 调用）。对每个小批量，它先把梯度算进 `w.grad` 和 `b.grad`，再调用传给它的更新函数，这里就是讲义的函数。翼型数据有五个特征，所以讲义的 `init_momentum_states` 要传入 `dim=5`：如果用默认值 2，第一次更新就会出错，因为形状为 (2, 1) 的速度变量无法与形状为 (5, 1) 的梯度相加。

# %%
from momentum_docs import train_linear_regression

history = train_linear_regression(
    sgd_momentum, init_momentum_states(5),
    {'lr': 0.02, 'momentum': 0.5}, features, labels,
)
print(f"loss after two epochs: {history.loss[-1]:.6f}")

# %% tags=["check"]
# The package's own sgd_momentum (argument checks, the rule taken from momentum_docs.Momentum)
# and the book's train_ch7 give the same losses as the note's code.
import contextlib
import io

import momentum_docs

package = train_linear_regression(
    momentum_docs.sgd_momentum, momentum_docs.init_momentum_states(5),
    {"lr": 0.02, "momentum": 0.5}, features, labels,
)
assert np.allclose(history.loss, package.loss, rtol=1e-12)
with contextlib.redirect_stdout(io.StringIO()) as printed:
    book = momentum_docs.train_ch7(
        sgd_momentum, init_momentum_states(5), {"lr": 0.02, "momentum": 0.5}, features, labels
    )
assert np.array_equal(book.loss, history.loss)
assert printed.getvalue() == f"loss: {history.loss[-1]:f}\n"

# %% [markdown]
# 包里也有自己的 `momentum_docs.sgd_momentum` 和 `momentum_docs.init_momentum_states`，参数相同。它们会检查这些参数（名称、取值范围、形状），并从 `momentum_docs.Momentum` 取得更新规则；它们记录下的损失与讲义的代码完全相同。
#
# ## 多组学习率和动量超参数 {#several-learning-rates-and-momenta}
#
# 书中用讲义的代码训练了三组设置：$(\eta, \gamma) = (0.02, 0.5)$、$(0.02, 0.9)$ 和 $(0.004, 0.9)$。这里再加上普通的小批量随机梯度下降（$\gamma = 0$）作为基准。对每组设置，下表打印记忆长度 $1/(1-\gamma)$（大约是速度变量所平均的最近梯度的个数，见[指数加权移动平均](../ema/)一页）、有效步长 $\eta/(1-\gamma)$、最终损失，以及波动：第二个迭代周期内损失的标准差，这时每组设置都已接近最佳拟合。

# %%
settings = [(0.02, 0.0), (0.02, 0.5), (0.02, 0.9), (0.004, 0.9)]
histories = {}
print(f"{'lr':>6} {'gamma':>6} {'memory':>7} {'lr/(1-gamma)':>13}"
      f" {'final loss':>11} {'spread':>7}")
for lr, gamma in settings:
    run = train_linear_regression(
        sgd_momentum, init_momentum_states(5),
        {'lr': lr, 'momentum': gamma}, features, labels,
    )
    histories[rf"$\eta={lr}$, $\gamma={gamma:g}$"] = run
    spread = run.loss[run.epochs > 1].std()
    memory, effective = 1 / (1 - gamma), lr / (1 - gamma)
    print(f"{lr:>6} {gamma:>6} {memory:>7.0f} {effective:>13.3g}"
          f" {run.loss[-1]:>11.4f} {spread:>7.4f}")

# %% alt="四条两个迭代周期内的损失曲线，起点的损失都相同。学习率 0.02、动量 0.9 的曲线下降最快，随后一直上下跳动到最后。学习率 0.02、动量 0.5 和学习率 0.004、动量 0.9 的两条曲线在四分之一个迭代周期后汇到一起，并保持平滑。学习率 0.02 的普通 SGD 下降最慢，很晚才与它们汇合。" caption="用讲义的 sgd_momentum 在翼型数据上训练线性回归：每处理 100 个样本（10 个大小为 10 的小批量）记录一次全部 1500 个样本上的损失，每组学习率 η 和动量 γ 画一条曲线。越低越好。"
from momentum_docs.figures import training

training.fig_momentum_loss_curves(histories)

# %% [markdown]
# ## 解读这些曲线 {#reading-the-curves}
#
# - $(0.02, 0.9)$ 的有效步长是 $0.2$，是 $(0.02, 0.5)$ 的五倍。每个小批量梯度都带有噪声，而动量法会把这些噪声带上大约 $1/(1-\gamma) = 10$ 步，并乘以 $\eta/(1-\gamma)$。于是损失上下跳动，最后停在更高的位置。它在第二个迭代周期内的波动（最后一列）也最大。
# - $(0.004, 0.9)$ 和 $(0.02, 0.5)$ 的有效步长相同，都是 $0.04$。较慢的速度变量积累起来之后（前半个迭代周期之后），两条曲线几乎重合：学习率取五分之一、记忆取五倍长（10 个梯度而不是 2 个），效果与学习率较大而记忆较短时差不多。
# - $\eta = 0.02$ 的普通 SGD 每步只有 $(0.02, 0.5)$ 的一半大，所以开始时更慢。在这个小规模的凸问题上，它最后降到与其他设置一样低的损失。

# %%
a = histories[r"$\eta=0.02$, $\gamma=0.5$"]
b = histories[r"$\eta=0.004$, $\gamma=0.9$"]
gap = np.abs(a.loss - b.loss)
print("the two curves with effective step 0.04:")
print(f"  largest gap over two epochs:     {gap.max():.4f}")
after_half = gap[a.epochs >= 0.5].max()
print(f"  largest gap after half an epoch: {after_half:.4f}")

# %% [markdown]
# ## 动量法明显有用的地方：精确梯度 {#where-momentum-clearly-helps-exact-gradients}
#
# 用大小为 10 的小批量时，动量法在这里做到的，换一个更大的学习率也几乎都能做到：有效步长解释了上面的曲线，普通 SGD 最后也降得和其他设置一样低。限制这些训练的是小批量梯度的噪声，而不是损失函数的形状。
#
# 那就把噪声去掉。用全批量（一个批量包含全部 1500 个样本）时，每一步用的都是精确梯度，每个迭代周期走一步，这就是在[理论各页](../../theory/quadratic/)的二次损失上做梯度下降（或动量法）。它的曲率是 Hessian 矩阵 $\mathbf{A}^\top\mathbf{A}/1500$ 的特征值，其中 $\mathbf{A}$ 是 $\mathbf{X}$ 再加上一列对应偏差的 1。这些曲率的条件数（condition number）$\kappa$ 约为 12，所以梯度下降被最大的曲率限制，只能走小步，在最平坦的方向上缓慢爬行。两种方法各取自己的最优设置：梯度下降取学习率 $2/(\lambda_{\min} + \lambda_{\max})$，动量法取 Polyak 的 $\eta^\star$ 和 $\gamma^\star$，两者都来自[二次函数一页](../../theory/quadratic/)。

# %%
from momentum_docs import theory
from momentum_docs.regression import full_batch_hessian
from momentum_docs.regression import minimum_loss

curvatures = np.linalg.eigvalsh(full_batch_hessian(features))
lam_min, lam_max = curvatures.min(), curvatures.max()
kappa = lam_max / lam_min
print(f"curvatures from {lam_min:.3f} to {lam_max:.3f}")
print(f"kappa {kappa:.1f}")

lr_gd, rate_gd = theory.optimal_gd(lam_min, lam_max)
polyak = theory.optimal_parameters(lam_min, lam_max)
lr_hb, gamma_hb, rate_hb = polyak
print(f"gradient descent: lr {lr_gd:.3f}, momentum 0")
print(f"momentum: lr {lr_hb:.3f}, momentum {gamma_hb:.3f}")

# %% [markdown]
# 下面两次运行都使用讲义的 `sgd_momentum`（动量为 0 时它就是梯度下降），起点相同，都走 40 步全批量更新。表中打印每次运行比最小二乘损失高出多少；最小二乘损失是任何 $(\mathbf{w}, b)$ 所能达到的最好结果。

# %%
best = minimum_loss(features, labels)
full_batch = {}
for name, lr, gamma in [("gradient descent", lr_gd, 0.0),
                        ("momentum", lr_hb, gamma_hb)]:
    full_batch[name] = train_linear_regression(
        sgd_momentum, init_momentum_states(5),
        {'lr': lr, 'momentum': gamma}, features, labels,
        batch_size=1500, num_epochs=40, record_every=1500,
    )

print(f"least-squares loss {best:.6f}")
print("loss minus the least-squares loss after t steps:")
print(f"{'t':>4} {'gradient descent':>17} {'momentum':>10}")
gd = full_batch["gradient descent"].loss - best
hb = full_batch["momentum"].loss - best
for t in (5, 10, 20, 30):
    print(f"{t:>4} {gd[t]:>17.1e} {hb[t]:>10.1e}")
ratio = gd[20] / hb[20]
print(f"after 20 steps momentum is {ratio:.1e} times closer")

for name, run in full_batch.items():
    steps = int(np.argmax(run.loss - best < 1e-6))
    print(f"{name}: {steps} steps to come within 1e-6 of it")

# %% tags=["check"]
# What the text below says: momentum needs fewer than half the steps, and after 20 steps it is
# more than a hundred thousand times closer to the best loss.
steps = {name: int(np.argmax(run.loss - best < 1e-6)) for name, run in full_batch.items()}
assert 0 < steps["momentum"] < steps["gradient descent"] / 2
assert ratio > 1e5
# the per-step factors of the theory: the loss gap shrinks by about rate^2 per step
assert rate_hb < rate_gd

# %% [markdown]
# 动量法达到最佳损失 $10^{-6}$ 以内所需的步数不到梯度下降的一半；20 步之后，它与最佳损失的差距不到梯度下降的十万分之一。理论说明了其中的原因：每一步，到最佳拟合的距离大约缩小为原来的 $(\kappa - 1)/(\kappa + 1)$ 倍（梯度下降）或 $(\sqrt\kappa - 1)/(\sqrt\kappa + 1)$ 倍（动量法），损失的差距则按这个因子的平方缩小（见[收敛率的统一单位](../../reference/notation/#one-unit-for-rates)）：

# %%
print(f"{'per step':<9} {'gradient descent':>17} {'momentum':>9}")
print(f"{'distance':<9} {rate_gd:>17.3f} {rate_hb:>9.3f}")
print(f"{'loss gap':<9} {rate_gd**2:>17.3f} {rate_hb**2:>9.3f}")

# %% [markdown]
# 损失函数越病态、梯度越精确（或接近精确，比如大批量），收益就越大。用小而带噪声的小批量时，节奏由噪声决定，在给定的有效步长下，动量法的表现与直接把这个（更大的）有效步长当作学习率的 SGD 差不多。
#
# ## 小结 {#summary}
#
# - 第一篇讲义的 `init_momentum_states` 和原地更新的 `sgd_momentum` 原样就能在翼型数据上训练线性回归；包提供数据和训练循环，包里经过检查的 `sgd_momentum` 记录下相同的损失。
# - 用大小为 10 的小批量时，四组设置在两个迭代周期内都把损失降到约 0.24-0.25。各条曲线的区别在于下降的快慢和抖动的大小，而有效步长 $\eta/(1-\gamma)$ 能同时预测这两点：有效步长相同，曲线相近；有效步长大，训练就颠簸。
# - 用精确的全批量梯度时，取 Polyak 参数的动量法达到最佳拟合所需的步数，不到取最优学习率的梯度下降的一半。
#
# ## 练习 {#exercises}
#
# 1. 用 $(\eta, \gamma) = (0.002, 0.95)$ 训练。它的有效步长是多少？它应该与上面哪条曲线相似？

# %% [markdown] tags=["solution"]
# 有效步长是 $0.002/(1 - 0.95) = 0.04$，与 $(0.02, 0.5)$ 和 $(0.004, 0.9)$ 相同，所以它应该沿着这两条曲线走（只是起步更慢，因为速度变量需要大约 $1/(1-\gamma) = 20$ 步才能积累起来）。

# %% tags=["solution"]
slow = train_linear_regression(
    sgd_momentum, init_momentum_states(5),
    {'lr': 0.002, 'momentum': 0.95}, features, labels,
)
after_one_epoch = slow.epochs >= 1
print(f"effective step {0.002 / (1 - 0.95):.2f},"
      f" memory {1 / (1 - 0.95):.0f} steps")
print(f"final loss {slow.loss[-1]:.4f}")
print("largest gap to (0.02, 0.5) in the second epoch:",
      f"{np.abs(slow.loss - a.loss)[after_one_epoch].max():.4f}")

# %% [markdown]
# 2. 用 $(\eta, \gamma) = (0.2, 0.9)$ 训练，有效步长为 2。再分别用大小为 100 的小批量和 1500 个样本的全批量（训练 40 个迭代周期）训练。批量大小改变了什么？

# %% tags=["check"]
# With minibatches of 10 this training ends above its starting loss, and the package warns
# (a DivergenceWarning, which a reader's run shows under the cell). The page shows the numbers
# instead: a warning's text names a temporary file of the kernel.
import warnings

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    check = train_linear_regression(
        sgd_momentum, init_momentum_states(5), {"lr": 0.2, "momentum": 0.9}, features, labels
    )
assert [w.category for w in caught] == [momentum_docs.DivergenceWarning]
assert check.loss[-1] > check.loss[0]
assert set(theory.regime(0.2, 0.9, curvatures)) == {"ripples"}  # as the solution says
warnings.filterwarnings("ignore", category=momentum_docs.DivergenceWarning)

# %% [markdown] tags=["solution"]
# 用大小为 10 的小批量时，损失最后比开始时还高，包会发出 `DivergenceWarning` 警告。这个警告只表示：训练结束时比开始时更差。损失并没有爆炸，而是在一个高得多的水平上来回跳动。用大小为 100 的小批量时，最终损失接近好的设置；用全批量时，损失平稳地降向最小二乘损失。这时每个方向都处在[二次函数一页](../../theory/quadratic/)所说的波纹区域，到最佳拟合的距离每步缩小为原来的 $\sqrt\gamma$ 倍，所以损失的差距每步大约缩小为原来的 $\gamma$ 倍。
#
# 确定性的方法在这里是稳定的：$\eta\lambda_{\max}$ 远在[二次函数上的动量法](../../theory/quadratic/)推导出的界 $2(1+\gamma)$ 之内。毁掉小批量训练的是梯度噪声。动量法把大约 $1/(1-\gamma) = 10$ 步的噪声累加起来，再乘以有效步长；批量大十倍，噪声方差就只有十分之一。

# %% tags=["solution"]
lr, gamma = 0.2, 0.9
print(f"lr * lam_max = {lr * lam_max:.2f},"
      f" bound 2 (1 + gamma) = {2 * (1 + gamma):.1f}")
print(f"least-squares loss {best:.4f}")
for batch_size, epochs in [(10, 2), (100, 2), (1500, 40)]:
    run = train_linear_regression(
        sgd_momentum, init_momentum_states(5),
        {'lr': lr, 'momentum': gamma}, features, labels,
        batch_size=batch_size, num_epochs=epochs,
    )
    start, end = run.loss[0], run.loss[-1]
    print(f"batch {batch_size:>4}: start {start:.4f},"
          f" end {end:.4f}, largest {run.loss.max():.2f}")
