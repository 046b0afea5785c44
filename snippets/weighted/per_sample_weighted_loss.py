# reduction='none' returns w[y_n] * (-log p_n[y_n]) for each sample; 'sum' adds them up.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(4, 5)
target = torch.tensor([1, 0, 4, 1])
weight = torch.tensor([1.0, 2.0, 0.5, 1.0, 3.0])

unweighted = F.cross_entropy(logits, target, reduction="none")
per_sample = F.cross_entropy(logits, target, weight=weight, reduction="none")
print(weight[target])
print(unweighted)
print(per_sample)

torch.testing.assert_close(per_sample, weight[target] * unweighted)
torch.testing.assert_close(
    F.cross_entropy(logits, target, weight=weight, reduction="sum"), per_sample.sum()
)
