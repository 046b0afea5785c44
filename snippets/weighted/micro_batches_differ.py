# Averaging the weighted means of two halves is not the full batch's mean.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(4, 5)
target = torch.tensor([1, 0, 4, 2])
weight = torch.tensor([1.0, 2.0, 0.5, 1.0, 3.0])

full = F.cross_entropy(logits, target, weight=weight)
halves = [
    F.cross_entropy(logits[:2], target[:2], weight=weight),  # / (w[1] + w[0])
    F.cross_entropy(logits[2:], target[2:], weight=weight),  # / (w[4] + w[2])
]
averaged = sum(halves) / 2
total_weight = weight[target].sum()  # the full batch's denominator, 6.5
sums = [
    F.cross_entropy(logits[:2], target[:2], weight=weight, reduction="sum"),
    F.cross_entropy(logits[2:], target[2:], weight=weight, reduction="sum"),
]
summed = sum(sums) / total_weight  # divide once, by the whole batch's weight
print(f"full batch 'mean':         {full:.4f}")
#> full batch 'mean':         2.3445
print(f"mean of the halves' means: {averaged:.4f}")
#> mean of the halves' means: 2.3878
print(f"halves' sums / {total_weight.item():g}:       {summed:.4f}")
#> halves' sums / 6.5:       2.3445

assert not torch.isclose(averaged, full)
torch.testing.assert_close(summed, full)
