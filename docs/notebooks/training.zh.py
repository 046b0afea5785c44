# ---
# jupyter:
#   translated_from: 6a8c175c658f06cc
#   description: >-
#     在 scikit-learn 的手写数字上训练一个小型 PyTorch 分类器，每个数都由代码打印：第一个损失与 log 10 的对比，
#     准确率提高而验证损失上升，温度缩放前后的 ECE，以及不平衡数据上类别权重与 WeightedRandomSampler 的比较。
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 端到端训练一个真实的分类器
#
# 本笔记本在真实数据上训练一个小网络，并在交叉熵的值最能说明问题的几个时刻解读它：第一步、一个本该被背下来的小批量、每个迭代周期（epoch）在留出数据上的表现、校准之后，以及部分类别很少见的时候。数据是 scikit-learn 自带的手写数字，随包安装，无需下载；模型很小，在笔记本电脑的 CPU 上几秒钟就能训练完。所有随机性都固定了种子，笔记本以单线程运行并启用 PyTorch 的确定性算法，所以只要 PyTorch 版本相同、CPU 类型相同，下面的每个数每次运行都完全相同；跨版本、跨平台时 PyTorch 并不作此保证（[可复现性](https://pytorch.org/docs/stable/notes/randomness.html)），换一台机器运行，打印出的数可能略有不同。
#
# 它所依据的几页用手工构造的小例子讲清了背后的道理：[读懂损失值](../../decisions/reading-the-loss/)（初始化时的 $\log C$、验证损失随准确率一同上升、温度缩放）和[如何选择类别权重](../../decisions/class-weights/)。这里把同样的道理放到一次真实的训练中检验。符号见[记号](../../notation/)：$p$ 是模型的分布，$y$ 是目标类别，$C$ 是类别数。

# %%
import math

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from sklearn.datasets import load_digits
from torch import nn
from torch.utils.data import DataLoader, TensorDataset, WeightedRandomSampler

# %config InlineBackend.figure_formats = ["svg"]
# %config InlineBackend.print_figure_kwargs = {"bbox_inches": "tight", "metadata": {"Date": None}}
plt.rcParams["svg.hashsalt"] = "training"  # with no date above: the same SVG bytes on every run

torch.set_num_threads(1)  # one thread: the same order of sums whatever the core count
torch.use_deterministic_algorithms(True)  # raise instead of running a nondeterministic kernel

# %% [markdown]
# ## 数据
#
# `load_digits` 返回数字 0 到 9 的 8×8 灰度图像，每张图是一行 64 个像素值。用一个固定的随机排列把它们分成训练集、验证集（用来挑选迭代周期、拟合温度）和测试集（只在最后度量时使用）。像素用训练像素的均值和标准差（各一个数）做标准化，这样验证图像和测试图像的信息就不会泄漏到输入里。

# %%
digits = load_digits()
images = torch.tensor(digits.data, dtype=torch.float32)  # (1797, 64): 8x8 pixels, values 0..16
labels = torch.tensor(digits.target)  # (1797,): the digit, 0..9
num_classes = 10

order = torch.randperm(len(labels), generator=torch.Generator().manual_seed(0))
train_idx, val_idx, test_idx = order[:1000], order[1000:1400], order[1400:]
mean, std = images[train_idx].mean(), images[train_idx].std()  # from the training set only


def standardise(x):
    return (x - mean) / std


x_train, y_train = standardise(images[train_idx]), labels[train_idx]
x_val, y_val = standardise(images[val_idx]), labels[val_idx]
x_test, y_test = standardise(images[test_idx]), labels[test_idx]
print(f"{len(labels)} images of {images.shape[1]} pixels")
print(f"train {len(y_train)}, validation {len(y_val)}, test {len(y_test)}")
print("training images per class:", torch.bincount(y_train, minlength=num_classes).tolist())

fig, axes = plt.subplots(1, 10, figsize=(8, 1.1), layout="constrained")
for digit, ax in enumerate(axes):
    first = train_idx[y_train == digit][0]
    ax.imshow(images[first].reshape(8, 8), cmap="gray_r")
    ax.set_title(str(digit))
    ax.axis("off")
plt.show()

# %% [markdown]
# ## 模型和它的第一个损失
#
# 一个多层感知机（MLP）：64 个输入，一个含 512 个 ReLU 单元的隐藏层，10 个 logits。训练开始之前，它的损失应当接近 $\log C = \log 10$：logits 很小时 softmax 几乎是均匀的，$p_c \approx 1/C$，每个样本的损失约为 $-\log(1/C)$（[原因见读懂损失值一页](../../decisions/reading-the-loss/#log-c-at-init)）。左右第一个损失的是 logits 的尺度，它就打印在损失旁边：
#
# - 用 PyTorch 默认的初始化、输入做了标准化时，logits 很小，第一个损失只比 $\log 10$ 高一点点；
# - 最后一层的权重大了 10 倍，或者不做标准化、直接输入原始像素（0 到 16），logits 的分散程度都扩大到约十倍，第一个损失远高于 $\log 10$；
# - 最后一层全为零时，logits 全是零，softmax 恰好均匀，第一个损失在打印出的位数上等于 $\log 10$。
#
# 第一个损失离 $\log C$ 很远，就值得先把原因弄清楚，再去训练几个小时。

# %%
def make_model(seed=0, hidden=512):
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(64, hidden), nn.ReLU(), nn.Linear(hidden, num_classes))


def first_loss(model, x=x_train):
    with torch.no_grad():
        logits = model(x)
    return F.cross_entropy(logits, y_train).item(), logits.std().item()


print(f"log 10 = {math.log(num_classes):.4f}")
setups = {"default init, standardised pixels": (make_model(), x_train)}
setups["last layer x 10"] = (make_model(), x_train)
with torch.no_grad():
    setups["last layer x 10"][0][2].weight.mul_(10)
setups["raw pixels 0..16"] = (make_model(), images[train_idx])
setups["last layer zero"] = (make_model(), x_train)
with torch.no_grad():
    setups["last layer zero"][0][2].weight.zero_()
    setups["last layer zero"][0][2].bias.zero_()
for name, (model, x) in setups.items():
    loss, spread = first_loss(model, x)
    print(f"{name:<34} first loss {loss:.4f}   std of the logits {spread:.3f}")

# %% [markdown]
# ## 健全性检查：在一个小批量上过拟合
#
# 二十张训练图像，每类两张：任何能正常工作的模型都应该在几十步之内把它们背下来，损失必须降到（几乎）为零。用普通的 `F.cross_entropy` 时确实如此。
#
# 第二次运行犯了一个经典错误：先做 `softmax`，再交给 `F.cross_entropy`，而后者自己还会再做一次（[这个坑](../../training/pitfalls/#softmax-before-loss)）。于是损失拿到的“logits”其实是 $[0, 1]$ 里的概率；即使是其中最好的情形，目标为 1、其余为 0，也只能得到 $p_y = e / (e + 9)$，所以损失不可能低于 $\log\big((e+9)/e\big) = \log(1 + 9/e)$。这次运行就停在这个下限上（最后一行）。整个过程不会报任何错：一个小批量的损失降不到零，正是这类 bug 露出马脚的方式，而这个检查只花一秒钟。

# %%
def overfit_tiny_batch(loss_fn, steps=100):
    """The loss at a few steps (printed together at the end: one block of output on the page)."""
    tiny = torch.cat([torch.nonzero(y_train == c)[:2, 0] for c in range(num_classes)])  # 2 a class
    model = make_model()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    lines = []
    for step in range(steps + 1):
        loss = loss_fn(model(x_train[tiny]), y_train[tiny])
        if step in (0, 25, 50, steps):
            lines.append(f"  step {step:3d}  loss {loss.item():.6f}")
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return "\n".join(lines)


plain = overfit_tiny_batch(F.cross_entropy)
twice = overfit_tiny_batch(lambda logits, target: F.cross_entropy(logits.softmax(dim=1), target))
print("F.cross_entropy(logits, target):", plain, sep="\n")
print("F.cross_entropy(logits.softmax(dim=1), target), a softmax too many:", twice, sep="\n")
print(f"floor of the second: log(1 + 9/e) = {math.log(1 + 9 / math.e):.6f}")

# %% [markdown]
# ## 训练：每个迭代周期的损失和准确率
#
# Adam，学习率 $10^{-2}$，小批量大小 50，训练 60 个迭代周期，不加任何正则化：这个设置是特意挑来过拟合的，好让之后发生的事看得见。每个迭代周期结束后，在整个训练集和验证集上评估一次。先跑五次，只有种子不同（初始化和小批量的顺序）：每次打印最低的验证损失及其所在的迭代周期，以及最后的验证损失和准确率。
#
# 汇总的最后一行数出有几次运行结束时的验证损失高于最佳迭代周期时的值，其中又有几次结束时的准确率不低于最佳迭代周期时的准确率。下一个单元格逐个迭代周期跟踪其中一次运行，即种子 2。

# %%
def evaluate(model, x, y):
    model.eval()
    with torch.no_grad():
        logits = model(x)
    model.train()
    accuracy = (logits.argmax(dim=1) == y).float().mean().item()
    return logits, F.cross_entropy(logits, y).item(), accuracy


def train(x, y, epochs, weight=None, sampler_weights=None, seed=0, batch_size=50, lr=1e-2):
    """Adam on mini-batches; returns the model and, per epoch, train and validation numbers."""
    model = make_model(seed)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    generator = torch.Generator().manual_seed(seed)
    data = TensorDataset(x, y)
    if sampler_weights is None:
        loader = DataLoader(data, batch_size=batch_size, shuffle=True, generator=generator)
    else:
        sampler = WeightedRandomSampler(
            sampler_weights, len(y), replacement=True, generator=generator
        )
        loader = DataLoader(data, batch_size=batch_size, sampler=sampler)
    history = []
    for epoch in range(1, epochs + 1):
        for xb, yb in loader:
            loss = F.cross_entropy(model(xb), yb, weight=weight)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        _, train_loss, train_acc = evaluate(model, x, y)
        val_logits, val_loss, val_acc = evaluate(model, x_val, y_val)
        history.append(dict(epoch=epoch, train_loss=train_loss, train_acc=train_acc,
                             val_loss=val_loss, val_acc=val_acc, val_logits=val_logits))
    return model, history


runs = {seed: train(x_train, y_train, epochs=60, seed=seed) for seed in range(5)}
print("seed  lowest val loss (epoch)  val acc there  val loss, acc at epoch 60")
higher_loss = not_worse = 0
for seed, (_, history) in runs.items():
    best, last = min(history, key=lambda h: h["val_loss"]), history[-1]
    higher_loss += last["val_loss"] > best["val_loss"]
    not_worse += last["val_acc"] >= best["val_acc"]
    print(f"{seed:4d}  {best['val_loss']:15.4f} ({best['epoch']:2d})  {best['val_acc']:13.4f}"
          f"  {last['val_loss']:.4f}, {last['val_acc']:.4f}")
print(f"epoch 60 has a higher validation loss than the best epoch in {higher_loss} of {len(runs)}"
      f" runs, an accuracy at least as high in {not_worse} of {len(runs)}")

# %%
model, history = runs[2]  # one run in detail
best, last = min(history, key=lambda h: h["val_loss"]), history[-1]
print("epoch  train loss  train acc  val loss  val acc")
for h in history:
    if h["epoch"] <= 5 or h["epoch"] % 10 == 0 or h is best:
        print(f"{h['epoch']:5d}  {h['train_loss']:10.4f}  {h['train_acc']:9.4f}"
              f"  {h['val_loss']:8.4f}  {h['val_acc']:7.4f}")


def wrong_and_confidence(h):
    confidence, predicted = h["val_logits"].softmax(dim=1).max(dim=1)
    return predicted != y_val, confidence


def mean_confidence_when_wrong(h):
    wrong, confidence = wrong_and_confidence(h)
    return confidence[wrong].mean().item()


epochs = [h["epoch"] for h in history]
fig, (ax_loss, ax_acc, ax_conf) = plt.subplots(1, 3, figsize=(12, 3.4), layout="constrained")
ax_loss.plot(epochs, [h["train_loss"] for h in history], label="train")
ax_loss.plot(epochs, [h["val_loss"] for h in history], label="validation")
ax_loss.set(xlabel="epoch", ylabel="cross-entropy", ylim=(0, 0.15), title="loss")
ax_acc.plot(epochs, [h["train_acc"] for h in history], label="train")
ax_acc.plot(epochs, [h["val_acc"] for h in history], label="validation")
ax_acc.set(xlabel="epoch", ylabel="accuracy", ylim=(0.9, 1.005), title="accuracy")
ax_conf.plot(epochs, [mean_confidence_when_wrong(h) for h in history], color="C3",
             label="validation, wrong predictions")
ax_conf.set(xlabel="epoch", ylabel="mean max p", ylim=(0.5, 1), title="confidence of the mistakes")
for ax in (ax_loss, ax_acc, ax_conf):
    ax.axvline(best["epoch"], color="gray", linestyle=":", label="lowest validation loss")
    ax.grid(alpha=0.3)
    ax.legend()
plt.show()

# %% [markdown]
# ## 验证损失上升而准确率提高：是置信度，不是错误
#
# 在上面这次运行中，训练损失一路降向零，训练准确率很早就到了满分。验证损失在虚线标出的迭代周期达到最低，随后缓缓回升，而验证准确率最后反而比那个迭代周期更高。右图给出了原因：模型在剩下那些错误上的置信度越来越高。
#
# [读懂损失值一页](../../decisions/reading-the-loss/#loss-up-accuracy-up)用十个手工构造的概率演示了这个机制。这里换成真实的训练：下面的单元格把最佳迭代周期和最后一个迭代周期的验证损失拆成两部分，一部分来自判对的预测，一部分来自判错的预测（各自求和后都除以全部 400 张验证图像，所以两部分相加就是损失），再跟踪在两个迭代周期都判错的那些图像，最后对全部五次运行做同样的拆分。
#
# 把两张表放在一起看。从最佳迭代周期到最后，错误的个数减少了，来自错误的那部分损失却增加了：剩下的每个错误置信度都更高（`mean conf wrong`），而两个迭代周期都判错的图像，到最后给真实类别的概率比在最佳迭代周期时更低。验证损失上升是因为置信度，而不是因为错误。这次运行里准确率的提高本身只是 400 张中的两张，太少，说明不了什么；撑起这个结论的是上面的拆分，而最后几行表明这并不是这个种子碰巧如此：每一次运行中，来自错误的那部分损失从最佳迭代周期到最后都在增加，而错误的个数除了一次之外都减少或持平（种子 4 最后多了一个错误）。保留最佳迭代周期还是最后一个，取决于模型拿来做什么：要的是它的判断（准确率），还是它给出的概率（损失）。概率也可以在训练之后修复，而且不用动权重：见下一节。

# %%
def anatomy(h):
    """Split the validation loss into the part from right and from wrong predictions."""
    wrong, confidence = wrong_and_confidence(h)
    per_sample = F.cross_entropy(h["val_logits"], y_val, reduction="none")
    return (f"{h['epoch']:5d}  {h['val_loss']:8.4f}  {h['val_acc']:7.4f}  {wrong.sum().item():6d}"
            f"  {confidence[wrong].mean():14.4f}  {per_sample[~wrong].sum() / len(y_val):12.4f}"
            f"  {per_sample[wrong].sum() / len(y_val):12.4f}")


print("epoch  val loss  val acc  errors  mean conf wrong  loss (right)  loss (wrong)")
for h in (best, last):
    print(anatomy(h))
both = wrong_and_confidence(best)[0] & wrong_and_confidence(last)[0]
for h in (best, last):
    loss = F.cross_entropy(h["val_logits"][both], y_val[both], reduction="none")
    print(f"epoch {h['epoch']:2d}: the {both.sum().item()} images wrong at both epochs,"
          f" mean loss {loss.mean():.4f}, mean p of the true class {(-loss).exp().mean():.4f}")


def split(h):
    """The number of errors, and the validation loss from wrong and from right predictions."""
    wrong, _ = wrong_and_confidence(h)
    per_sample = F.cross_entropy(h["val_logits"], y_val, reduction="none")
    n = len(y_val)
    return wrong.sum().item(), per_sample[wrong].sum() / n, per_sample[~wrong].sum() / n


print("the same split in all five runs, best epoch -> epoch 60:")
grew = fewer = 0
for seed, (_, run) in runs.items():
    (e0, w0, r0), (e1, w1, r1) = split(min(run, key=lambda h: h["val_loss"])), split(run[-1])
    grew, fewer = grew + (w1 > w0), fewer + (e1 <= e0)
    print(f"seed {seed}: errors {e0} -> {e1}, loss from errors {w0:.4f} -> {w1:.4f},"
          f" from right predictions {r0:.4f} -> {r1:.4f}")
print(f"the loss from errors grows in {grew} of {len(runs)} runs;"
      f" the errors fall or stay in {fewer} of {len(runs)}")

# %% [markdown]
# ## 在验证集上做温度缩放
#
# 温度缩放把每个 logit 都除以同一个数 $T > 0$，这个数通过在留出数据上最小化交叉熵来拟合；除以 $T$ 不改变 logits 的大小顺序，所以没有任何预测会改变。它的定义、用 `LBFGS` 对 $\log T$ 做的拟合，以及期望校准误差（ECE，15 个等宽的置信度区间），都原样沿用[校准与温度缩放](../../decisions/reading-the-loss/#calibration)一节的做法。$T$ 用最后一个迭代周期的模型在验证集上的 logits 拟合，在测试集上度量；训练和拟合都没见过测试集。
#
# 拟合出的 $T$ 大于 1：模型过度自信，缩放后的 logits 更平缓。测试集上的 NLL 下降，准确率不变（见断言），平均置信度也更接近准确率。ECE 几乎没动：几乎所有测试图像都落在最高的那个区间，其余每个区间只有寥寥几张，一张图就能让它们变样。对这样准确的模型，按置信度给每个错误加权的 NLL，才是温度缩放能明显改善的指标。
#
# 在下面的可靠性图（reliability diagram）中，每根柱子是落在某个置信度区间的测试图像的准确率，柱上的红点是它们的平均置信度，柱子上方的数字是这个区间里的图像数。校准良好的模型，红点都落在虚线对角线上。

# %%
def expected_calibration_error(logits, target, bins=15):
    """Sum over confidence bins of (bin size / N) * |accuracy - mean confidence|."""
    confidence, predicted = logits.softmax(dim=1).max(dim=1)
    correct = (predicted == target).float()
    edges = torch.linspace(0, 1, bins + 1)
    ece = torch.tensor(0.0)
    for low, high in zip(edges[:-1], edges[1:]):
        in_bin = (confidence > low) & (confidence <= high)
        if in_bin.any():
            gap = (correct[in_bin].mean() - confidence[in_bin].mean()).abs()
            ece += in_bin.float().mean() * gap
    return ece.item()


def fit_temperature(logits, target):
    """The T > 0 that minimises the NLL of logits / T (LBFGS over log T)."""
    log_t = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.LBFGS([log_t], lr=0.1, max_iter=200, line_search_fn="strong_wolfe")

    def closure():
        optimizer.zero_grad()
        loss = F.cross_entropy(logits / log_t.exp(), target)
        loss.backward()
        return loss

    optimizer.step(closure)
    return log_t.exp().item()


test_logits, _, _ = evaluate(model, x_test, y_test)
T = fit_temperature(last["val_logits"], y_val)  # fitted on validation, measured on test
print(f"fitted temperature T = {T:.3f}")
print("test set           NLL     ECE  accuracy  mean confidence")
for name, scaled in [("before (T = 1)", test_logits), ("after", test_logits / T)]:
    confidence, predicted = scaled.softmax(dim=1).max(dim=1)
    accuracy = (predicted == y_test).float().mean()
    nll, ece = F.cross_entropy(scaled, y_test), expected_calibration_error(scaled, y_test)
    print(f"{name:<15} {nll:.4f}  {ece:.4f}  {accuracy:8.4f}  {confidence.mean():15.4f}")
assert torch.equal(test_logits.argmax(dim=1), (test_logits / T).argmax(dim=1))

# %%
def reliability(ax, logits, target, title, bins=15):
    confidence, predicted = logits.softmax(dim=1).max(dim=1)
    correct = (predicted == target).float()
    edges = torch.linspace(0, 1, bins + 1)
    for low, high in zip(edges[:-1], edges[1:]):
        in_bin = (confidence > low) & (confidence <= high)
        if in_bin.any():
            accuracy = correct[in_bin].mean().item()
            ax.bar(low.item(), accuracy, 1 / bins, align="edge", color="C0", edgecolor="white")
            ax.plot(confidence[in_bin].mean().item(), accuracy, "o", color="C3", markersize=4)
            ax.text((low + high).item() / 2, accuracy + 0.02, str(in_bin.sum().item()),
                    ha="center", fontsize=8)
    ax.plot([0, 1], [0, 1], color="gray", linestyle=":")
    ece = expected_calibration_error(logits, target, bins)
    ax.set(title=f"{title}: ECE {ece:.4f}", xlabel="confidence", ylabel="accuracy",
           xlim=(0, 1), ylim=(0, 1.1))


fig, (ax_before, ax_after) = plt.subplots(1, 2, figsize=(9, 3.6), layout="constrained")
reliability(ax_before, test_logits, y_test, "before")
reliability(ax_after, test_logits / T, y_test, f"after, T = {T:.3f}")
plt.show()

# %% [markdown]
# ## 不平衡的训练集
#
# 现在让训练集失去三个类别的大部分样本：数字 3、8、9 各只保留前 8 张图像，其余类别全部保留。验证集和测试集保持平衡，也就是说测试集里每个数字出现得一样多。在这样的数据上用三种方式训练，每种跑 3 个种子，打印三者的平均：
#
# - **none**：普通的 `F.cross_entropy`；
# - **class weights**：`weight=` 取[如何选择类别权重](../../decisions/class-weights/#four-rules)中的“balanced”规则 $w_c = n / (C\, n_c)$（数值打印在下面）；
# - **`WeightedRandomSampler`**：每张图像以正比于 $1 / n_{y}$ 的概率有放回地抽取，使每个类别平均被抽到的次数相同，损失不加权（[两者在期望上的比较](../../decisions/class-weights/#weights-or-sampler)）。
#
# 这几次运行用较小的学习率 $10^{-3}$，训练 30 个迭代周期，比上面的设置过拟合得轻。表中列出的都是在平衡的测试集上的结果：平衡准确率（十个类别各自召回率的平均）、稀有类别的召回率、模型给三个稀有类别的概率之和的平均值（可与它们在测试集中的占比对照，占比打印在表的上方）、NLL 和 ECE。
#
# 不加任何补救时，模型对稀有数字预测得太少：给它们的平均概率明显低于它们在测试集中的占比，它们的召回率是表中最低的。两种补救都提高了平衡准确率、稀有类别的召回率和稀有类别的概率，也都降低了 NLL；在这里类别权重还降低了 ECE，采样器则几乎没有改变它。两者都没能补上差距：稀有数字的召回率仍低于平衡准确率，它们的概率也仍低于在测试集中的占比。一个数字只有八张图像，模型能得到的信息就只有这么多；权重也好，采样器也好，只是决定这几张图像的声音有多大。评估它们要看平衡的指标和校准，就像这里这样，而不是看不平衡测试集上的普通准确率。

# %%
rare = [3, 8, 9]
keep = torch.ones(len(y_train), dtype=torch.bool)
for c in rare:
    keep[torch.nonzero(y_train == c)[8:, 0]] = False  # keep the first 8 images of each rare class
x_imb, y_imb = x_train[keep], y_train[keep]
counts = torch.bincount(y_imb, minlength=num_classes)
print("training images per class:", counts.tolist())
class_weight = len(y_imb) / (num_classes * counts.float())  # n / (C n_c)
sample_weight = 1.0 / counts[y_imb].float()  # each class drawn equally often
print("class weights:", [round(w, 3) for w in class_weight.tolist()])


def scores(model):
    """Balanced accuracy, recall of the rare classes, mean p(rare), NLL and ECE on the test set."""
    logits, nll, _ = evaluate(model, x_test, y_test)
    predicted = logits.argmax(dim=1)
    recall = torch.stack([(predicted[y_test == c] == c).float().mean() for c in range(num_classes)])
    p_rare = logits.softmax(dim=1)[:, rare].sum(dim=1).mean()
    return [recall.mean().item(), recall[rare].mean().item(), p_rare.item(), nll,
            expected_calibration_error(logits, y_test)]


remedies = {
    "none": {},
    "class weights": {"weight": class_weight},
    "WeightedRandomSampler": {"sampler_weights": sample_weight},
}
results = {}
for name, options in remedies.items():
    models = [train(x_imb, y_imb, epochs=30, lr=1e-3, seed=seed, **options)[0] for seed in range(3)]
    results[name] = torch.tensor([scores(m) for m in models]).mean(dim=0).tolist()
rare_share = torch.isin(y_test, torch.tensor(rare)).float().mean()
print(f"test set: balanced, the rare classes are {rare_share:.4f} of it; mean of 3 seeds")
print("remedy                 bal. acc  rare recall  mean p(rare)     NLL     ECE")
for name, (bal_acc, rare_recall, p_rare, nll, ece) in results.items():
    print(f"{name:<22} {bal_acc:8.4f}  {rare_recall:11.4f}  {p_rare:12.4f}  {nll:.4f}  {ece:.4f}")

# %% [markdown]
# ## 下一步
#
# - [读懂损失值](../../decisions/reading-the-loss/)：在小例子上做同样的解读，以及标签平滑如何给置信度设上限。
# - [如何选择类别权重](../../decisions/class-weights/)：各种权重规则和采样器的精确比较；[Focal Loss](../../decisions/focal-loss/) 则按难度而不是按类别重新加权。
# - [梯度](../../training/gradient/)：为什么一个高置信度的错误在损失值里的分量远大于在更新里的分量。
# - [交互式笔记本](../playground/)：一个样本的损失，逐项计算。