# Gradient accumulation: averaging the weighted means of two halves is not the full batch's mean.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(4, 5)
target = torch.tensor([1, 0, 4, 1])
weight = torch.tensor([1.0, 2.0, 0.5, 1.0, 3.0])

full = F.cross_entropy(logits, target, weight=weight)
halves = [
    F.cross_entropy(logits[:2], target[:2], weight=weight),  # divides by w[1] + w[0] = 3
    F.cross_entropy(logits[2:], target[2:], weight=weight),  # divides by w[4] + w[1] = 5
]
averaged = sum(halves) / 2
total_weight = weight[target].sum()  # the full batch's denominator, 8
summed = sum(
    F.cross_entropy(logits[s], target[s], weight=weight, reduction="sum") for s in [slice(0, 2), slice(2, 4)]
) / total_weight
print(f"full batch 'mean':         {full:.4f}")
print(f"mean of the halves' means: {averaged:.4f}")
print(f"halves' sums / {total_weight:.0f}:         {summed:.4f}")

assert not torch.isclose(averaged, full)
torch.testing.assert_close(summed, full)
