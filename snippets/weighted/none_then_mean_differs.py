# With weights, reduction='none' followed by .mean() is not reduction='mean'.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(4, 5)
target = torch.tensor([1, 0, 4, 2])
weight = torch.tensor([1.0, 2.0, 0.5, 1.0, 3.0])

per_sample = F.cross_entropy(logits, target, weight=weight, reduction="none")
mean = F.cross_entropy(logits, target, weight=weight, reduction="mean")
target_weight_sum = weight[target].sum()
print(f"none, then .mean():         {per_sample.mean():.4f}")
#> none, then .mean():         3.8098
print(f"reduction='mean':           {mean:.4f}")
#> reduction='mean':           2.3445
print(f"none.sum() / sum of w[y_n]: {per_sample.sum() / target_weight_sum:.4f}")
#> none.sum() / sum of w[y_n]: 2.3445

assert not torch.isclose(per_sample.mean(), mean)
torch.testing.assert_close(per_sample.sum() / target_weight_sum, mean)
