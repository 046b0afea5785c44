# Index target + label_smoothing: the weighted sum is divided by sum of w_{y_i}.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
C, eps = 3, 0.2
logits = torch.randn(4, C)
target = torch.tensor([0, 2, 1, 1])
weight = torch.tensor([1.0, 3.0, 0.5])

smoothed = (1 - eps) * F.one_hot(target, C) + eps / C
per_sample = -(weight * smoothed * logits.log_softmax(dim=1)).sum(dim=1)
manual = per_sample.sum() / weight[target].sum()

loss = F.cross_entropy(logits, target, weight=weight, label_smoothing=eps)
print(f"divisor {weight[target].sum():.4f}   manual {manual:.4f}   torch {loss:.4f}")
#> divisor 7.5000   manual 1.0360   torch 1.0360
torch.testing.assert_close(manual, loss)
