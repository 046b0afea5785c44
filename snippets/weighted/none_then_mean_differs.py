# With weights, reduction='none' followed by .mean() is not reduction='mean'.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(4, 5)
target = torch.tensor([1, 0, 4, 1])
weight = torch.tensor([1.0, 2.0, 0.5, 1.0, 3.0])

per_sample = F.cross_entropy(logits, target, weight=weight, reduction="none")
mean = F.cross_entropy(logits, target, weight=weight, reduction="mean")
print(f"none, then .mean():         {per_sample.mean():.4f}")
print(f"reduction='mean':           {mean:.4f}")
print(f"none.sum() / weight[target].sum(): {per_sample.sum() / weight[target].sum():.4f}")

assert not torch.isclose(per_sample.mean(), mean)
torch.testing.assert_close(per_sample.sum() / weight[target].sum(), mean)
