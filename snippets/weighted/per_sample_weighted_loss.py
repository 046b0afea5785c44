# reduction='none' gives w[y_n] * (-log p_n[y_n]); 'sum' adds them.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(4, 5)
target = torch.tensor([1, 0, 4, 2])
weight = torch.tensor([1.0, 2.0, 0.5, 1.0, 3.0])

unweighted = F.cross_entropy(logits, target, reduction="none")
per_sample = F.cross_entropy(logits, target, weight=weight, reduction="none")
print(weight[target])
#> tensor([2.0000, 1.0000, 3.0000, 0.5000])
print(unweighted)
#> tensor([2.5099, 3.8326, 1.8878, 1.4472])
print(per_sample)
#> tensor([5.0198, 3.8326, 5.6634, 0.7236])

torch.testing.assert_close(per_sample, weight[target] * unweighted)
total = F.cross_entropy(logits, target, weight=weight, reduction="sum")
torch.testing.assert_close(total, per_sample.sum())
