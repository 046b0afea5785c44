# Float one-hot targets with weights: 'mean' divides by N, not sum of w[y_n].
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(4, 5)
target = torch.tensor([1, 0, 4, 2])
weight = torch.tensor([1.0, 2.0, 0.5, 1.0, 3.0])
target_one_hot = F.one_hot(target, num_classes=5).float()

from_index = F.cross_entropy(logits, target, weight=weight)
from_one_hot = F.cross_entropy(logits, target_one_hot, weight=weight)
per_sample = F.cross_entropy(logits, target, weight=weight, reduction="none")
print(f"index target:     {from_index:.4f}")
#> index target:     2.3445
print(f"one-hot target:   {from_one_hot:.4f}")
#> one-hot target:   3.8098
print(f"ratio index / one-hot: {from_index / from_one_hot:.4f}")
#> ratio index / one-hot: 0.6154
print(f"N / sum of w[y_n]:     {4 / weight[target].sum():.4f}")
#> N / sum of w[y_n]:     0.6154

torch.testing.assert_close(from_index, per_sample.sum() / weight[target].sum())
torch.testing.assert_close(from_one_hot, per_sample.sum() / 4)
# 'none' (and so 'sum') still agrees between the two target forms
one_hot_none = F.cross_entropy(
    logits, target_one_hot, weight=weight, reduction="none"
)
torch.testing.assert_close(one_hot_none, per_sample)
