# Weights vs WeightedRandomSampler, by exact enumeration of every possible batch.
import itertools

import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(6, 3, requires_grad=True)  # a fixed model's outputs on 6 samples
target = torch.tensor([0, 0, 0, 0, 1, 2])  # class 0 is common
B = 2  # batch size: 6**2 = 36 ordered batches, each drawn with replacement


def exact(sample_prob, batch_loss):
    """Mean and variance of batch_loss over every possible batch, and the mean gradient."""
    mean, second = 0.0, 0.0
    for batch in itertools.product(range(6), repeat=B):
        prob = sample_prob[list(batch)].prod()  # the chance of drawing exactly this batch
        loss = batch_loss(torch.tensor(batch))
        mean, second = mean + prob * loss, second + prob * loss.detach() ** 2
    (grad,) = torch.autograd.grad(mean, logits)  # the expected gradient, exactly
    return mean.detach(), second - mean.detach() ** 2, grad


for weight in (torch.tensor([1.0, 4.0, 4.0]), torch.tensor([1.0, 25.0, 25.0])):
    w = weight[target]  # per sample
    # what both aim at: the weighted mean over the whole data set, and its gradient
    full = F.cross_entropy(logits, target, weight=weight)
    (full_grad,) = torch.autograd.grad(full, logits)
    uniform = torch.full((6,), 1 / 6)
    sampler = w / w.sum()  # WeightedRandomSampler(w, replacement=True): sample i w.p. w_i / sum w
    runs = {
        "sampler, plain mean": exact(sampler, lambda b: F.cross_entropy(logits[b], target[b])),
        "uniform, weight= mean": exact(
            uniform, lambda b: F.cross_entropy(logits[b], target[b], weight=weight)
        ),
        "uniform, fixed denominator": exact(
            uniform,
            lambda b: F.cross_entropy(logits[b], target[b], weight=weight, reduction="sum")
            / (B * w.mean()),
        ),
    }
    report = [f"weight {weight.tolist()}: full-data weighted mean {full:.4f}"]
    for name, (mean, variance, grad) in runs.items():
        gap = (grad - full_grad).abs().max()
        report.append(
            f"  {name:<27}E[loss] {mean:.4f}  Var {variance:.4f}  max|E[grad]-grad| {gap:.0e}"
        )
    report.append(f"  sampler, expected draws per epoch of 6: {(6 * sampler).numpy().round(2)}")
    print("\n".join(report))
    #> weight [1.0, 4.0, 4.0]: full-data weighted mean 1.0199
    #>   sampler, plain mean        E[loss] 1.0199  Var 0.1716  max|E[grad]-grad| 3e-08
    #>   uniform, weight= mean      E[loss] 1.1923  Var 0.2583  max|E[grad]-grad| 6e-02
    #>   uniform, fixed denominator E[loss] 1.0199  Var 0.1015  max|E[grad]-grad| 3e-08
    #>   sampler, expected draws per epoch of 6: [0.5 0.5 0.5 0.5 2.  2. ]
    #> weight [1.0, 25.0, 25.0]: full-data weighted mean 0.7965
    #>   sampler, plain mean        E[loss] 0.7965  Var 0.0510  max|E[grad]-grad| 3e-08
    #>   uniform, weight= mean      E[loss] 1.1304  Var 0.2919  max|E[grad]-grad| 1e-01
    #>   uniform, fixed denominator E[loss] 0.7965  Var 0.4045  max|E[grad]-grad| 3e-08
    #>   sampler, expected draws per epoch of 6: [0.11 0.11 0.11 0.11 2.78 2.78]
    for name in ("sampler, plain mean", "uniform, fixed denominator"):
        torch.testing.assert_close(runs[name][0], full.detach())  # unbiased, exactly
        torch.testing.assert_close(runs[name][2], full_grad)
    assert (runs["uniform, weight= mean"][0] - full).abs() > 1e-2  # the batch's own denominator
