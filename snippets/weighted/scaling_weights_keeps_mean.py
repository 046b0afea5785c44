# Multiplying every weight by k scales 'none' and 'sum' by k and leaves 'mean' unchanged.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(4, 5)
target = torch.tensor([1, 0, 4, 1])
weight = torch.tensor([1.0, 2.0, 0.5, 1.0, 3.0])

for k in [1.0, 10.0, 0.01]:
    mean = F.cross_entropy(logits, target, weight=k * weight)
    total = F.cross_entropy(logits, target, weight=k * weight, reduction="sum")
    print(f"k = {k:5}: mean {mean:.4f}, sum {total:.4f}")

base_mean = F.cross_entropy(logits, target, weight=weight)
base_sum = F.cross_entropy(logits, target, weight=weight, reduction="sum")
torch.testing.assert_close(F.cross_entropy(logits, target, weight=10 * weight), base_mean)
torch.testing.assert_close(
    F.cross_entropy(logits, target, weight=10 * weight, reduction="sum"), 10 * base_sum
)
