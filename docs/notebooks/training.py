# ---
# jupyter:
#   description: >-
#     A small PyTorch classifier trained on scikit-learn's handwritten digits, every number printed:
#     the first loss against log 10, validation loss rising while accuracy improves, temperature
#     scaling with ECE, and class weights against WeightedRandomSampler on imbalanced data.
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
# # Training a real classifier, end to end
#
# This notebook trains a small network on real data and reads its cross-entropy at every stage
# where the value says something: at the first step, on a batch it should memorise, per epoch on
# held-out data, after calibration, and when some classes are rare. The data are scikit-learn's
# handwritten digits, which install with the package (no download), and the model is small enough
# to train on a laptop CPU in seconds. Everything is seeded, and the notebook runs single-threaded
# with PyTorch's deterministic algorithms, so every number below comes out the same on each run of
# the same PyTorch build on the same kind of CPU; across releases and platforms PyTorch promises no
# such thing ([reproducibility](https://pytorch.org/docs/stable/notes/randomness.html)), and a run
# elsewhere may print slightly different numbers.
#
# The pages it builds on explain the ideas on small, hand-made examples:
# [reading the loss value](../../decisions/reading-the-loss/) ($\log C$ at initialisation,
# validation loss rising with accuracy, temperature scaling) and
# [choosing class weights](../../decisions/class-weights/). Here the same ideas meet a real
# training run. Symbols as in the [notation](../../notation/): $p$ is the model's distribution,
# $y$ the target class, $C$ the number of classes.

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
# ## The data
#
# `load_digits` returns 8×8 grey-scale images of the digits 0 to 9 as rows of 64 pixel values.
# A fixed random permutation splits them into a training set, a validation set (for choosing the
# epoch and fitting the temperature) and a test set (touched only to measure). The pixels are
# standardised with the mean and standard deviation of the training pixels, one number each,
# so that nothing from the validation or test images leaks into the inputs.

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
# ## The model, and its first loss
#
# A multilayer perceptron: 64 inputs, one hidden layer of 512 ReLU units, 10 logits. Before any
# training, its loss should be close to $\log C = \log 10$: small logits give a nearly uniform
# softmax, $p_c \approx 1/C$, and every sample costs about $-\log(1/C)$
# ([why, on the reading-the-loss page](../../decisions/reading-the-loss/#log-c-at-init)).
# What moves the first loss is the scale of the logits, printed beside it:
#
# - with PyTorch's default initialisation and standardised inputs the logits are small and the
#   first loss sits a hair above $\log 10$;
# - the last layer 10 times too large, or the raw pixels (0 to 16) fed in without standardising,
#   both give logits about ten times wider, and the first loss lands far above $\log 10$;
# - a last layer of zeros gives all-zero logits, an exactly uniform softmax, and a first loss
#   equal to $\log 10$ to the printed digits.
#
# A first loss far from $\log C$ is worth explaining before training for hours.

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
# ## Sanity check: overfit a tiny batch
#
# Twenty training images, two of each class, are a batch any working model should memorise in a
# few dozen steps: the loss must go to (nearly) zero. It does, for the plain `F.cross_entropy`.
#
# The second run makes a classic mistake: it applies `softmax` and then `F.cross_entropy`, which
# applies its own ([the pitfall](../../training/pitfalls/#softmax-before-loss)). The loss then
# receives probabilities in $[0, 1]$ as logits, and even the best of them, 1 for the target and 0
# elsewhere, gives $p_y = e / (e + 9)$, so the loss cannot fall below
# $\log\big((e+9)/e\big) = \log(1 + 9/e)$. The run stalls at that floor (the last line).
# Nothing raises an error: a tiny batch that will not go to zero is how such a bug shows itself,
# and the check costs a second.

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
# ## Training: loss and accuracy per epoch
#
# Adam with learning rate $10^{-2}$, mini-batches of 50, 60 epochs and no regularisation at all:
# a setting chosen to over-fit, so that what happens afterwards is visible. After every epoch the
# whole training and validation sets are evaluated. Five runs, differing only in the seed (the
# initialisation and the order of the batches), first: for each, its lowest validation loss and
# the epoch where it occurs, and the validation loss and accuracy at the end.
#
# The last line of the summary counts how many runs end with a higher validation loss than their
# best epoch, and how many of those end with an accuracy at least as high. The next cell follows
# one run, seed 2, epoch by epoch.

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
# ## Validation loss increasing while accuracy improves: confidence, not errors
#
# In the run above the training loss keeps falling towards zero and the training accuracy is
# perfect early on. The validation loss reaches its lowest value at the epoch marked by the dotted
# line and then creeps up, while the validation accuracy ends higher than at that epoch. The right
# panel gives the reason: the mistakes that remain are made with more and more confidence.
#
# The [reading-the-loss page](../../decisions/reading-the-loss/#loss-up-accuracy-up) shows the
# mechanism on ten hand-made probabilities. Here it is on the real run: the cell below splits the
# validation loss at the best epoch and at the last one into the part from right predictions and
# the part from wrong ones (each a sum divided by all 400 validation images, so the two parts add up
# to the loss), follows the images that are wrong at both epochs, and repeats the split for all five
# runs.
#
# Read the two tables together. Between the best epoch and the last, the number of errors falls,
# yet the part of the loss that comes from errors grows: each remaining mistake is more confident
# (`mean conf wrong`), and the images wrong at both epochs give their true class less probability
# at the end than at the best epoch. The validation loss rose because of confidence, not because of
# errors. In this run the accuracy gain itself is two images out of 400, too few to carry weight;
# the split is what carries the conclusion, and the last lines show it is not this seed's luck: in
# every run the loss from errors grows from the best epoch to the last, while the number of errors
# falls or stays the same in all but one (seed 4 ends with one more). Whether to keep the best
# epoch or the last depends on what the model is for: its decisions (accuracy) or its probabilities
# (the loss). The probabilities can also be repaired after training, without touching the weights:
# the next section.

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
# ## Temperature scaling on the validation set
#
# Temperature scaling divides every logit by one number $T > 0$, fitted to minimise the
# cross-entropy on held-out data; dividing by $T$ keeps the order of the logits, so no prediction
# changes. The definition, the fitting by `LBFGS` over $\log T$ and the expected calibration error
# (ECE, 15 equal-width confidence bins) are those of the
# [calibration section](../../decisions/reading-the-loss/#calibration), reused unchanged. $T$ is
# fitted on the validation logits of the last epoch's model and measured on the test set, which
# neither the training nor the fit has seen.
#
# The fitted $T$ is above 1: the model was over-confident, and the scaled logits are softer. The
# test NLL drops, the accuracy does not move (the assert), and the mean confidence comes closer
# to the accuracy. The ECE barely moves: almost every test image sits in the top bin, and the
# other bins hold a handful of images each, so a single image shifts them. On a model this
# accurate the NLL, which weighs each mistake by how confident it was, is the measure that
# temperature scaling visibly improves.
#
# In the reliability diagram below, each bar is the accuracy of the test images in one confidence
# bin, its red dot their mean confidence, and the number over it how many images the bin holds.
# For a calibrated model the dots lie on the dotted diagonal.

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
# ## An imbalanced training set
#
# Now the training set loses most of three classes: only the first 8 images of each of the digits
# 3, 8 and 9 are kept, the other classes keep all of theirs. The validation and test sets stay
# balanced, so the test set asks for every digit equally often. Three ways to train on it, each
# with 3 seeds and the mean of the three printed:
#
# - **none**: the plain `F.cross_entropy`;
# - **class weights**: `weight=` with the "balanced" rule $w_c = n / (C\, n_c)$ from
#   [choosing class weights](../../decisions/class-weights/#four-rules) (printed below);
# - **`WeightedRandomSampler`**: every image drawn with probability proportional to $1 / n_{y}$,
#   with replacement, so each class is drawn equally often on average, and the plain loss
#   ([how the two compare in expectation](../../decisions/class-weights/#weights-or-sampler)).
#
# These runs use the smaller learning rate $10^{-3}$ for 30 epochs, a less over-fitted setting
# than above. The table reports, on the balanced test set, the balanced accuracy (the mean of the
# ten per-class recalls), the recall of the rare classes, the mean probability the model gives to
# the three rare classes together (to compare with their share of the test set, printed above the
# table), the NLL and the ECE.
#
# Without a remedy the model under-predicts the rare digits: its mean probability for them stays
# well below their share of the test set, and their recall is the lowest in the table. Both
# remedies raise the balanced accuracy, the rare recall and the probability of the rare classes,
# and lower the NLL; class weights also lower the ECE here, the sampler hardly changes it. Neither
# closes the gap: the recall of the rare digits stays below the balanced accuracy, and their
# probability below their share of the test set. Eight images of a digit are all the information
# the model has; a weight or a sampler only decides how loudly they speak. Judge them on the
# balanced metrics and on calibration, as here, rather than on the plain accuracy of an imbalanced
# test set.

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
# ## Next
#
# - [Reading the loss value](../../decisions/reading-the-loss/): the same readings on small
#   examples, and how label smoothing caps confidence.
# - [Choosing class weights](../../decisions/class-weights/): the weight rules and the sampler,
#   compared exactly; [focal loss](../../decisions/focal-loss/) re-weights by difficulty instead.
# - [The gradient](../../training/gradient/): why a confident mistake weighs far more in the loss
#   value than in the update.
# - [The playground](../playground/): one sample's loss, term by term.
