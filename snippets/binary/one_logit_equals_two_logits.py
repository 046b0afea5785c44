# One logit with BCEWithLogitsLoss(pos_weight) = two logits (0, z) with CrossEntropyLoss(weight).
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
z = torch.randn(6, requires_grad=True)  # one logit per sample: evidence for class 1
labels = torch.tensor([0, 1, 1, 0, 1, 0])
pos_weight = torch.tensor(3.0)

bce = nn.BCEWithLogitsLoss(pos_weight=pos_weight, reduction="none")(z, labels.float())
two_logits = torch.stack([torch.zeros_like(z), z], dim=1)  # the mapping: z -> (0, z)
weight = torch.tensor([1.0, pos_weight])  # class 0 weight 1, class 1 weight pos_weight
ce = nn.CrossEntropyLoss(weight=weight, reduction="none")(two_logits, labels)
print("BCE, per sample:", bce.detach())
#> BCE, per sample: tensor([1.7351, 2.5518, 6.8580, 1.0172, 4.1272, 0.2207])
print("CE,  per sample:", ce.detach())
#> CE,  per sample: tensor([1.7351, 2.5518, 6.8580, 1.0172, 4.1272, 0.2207])
torch.testing.assert_close(ce, bce)

(grad_bce,) = torch.autograd.grad(bce.sum(), z)
(grad_ce,) = torch.autograd.grad(ce.sum(), z)
torch.testing.assert_close(grad_ce, grad_bce)  # the same gradient for the one logit

# 'mean' differs: BCE divides by N, CrossEntropyLoss by the sum of the target weights
bce_mean = F.binary_cross_entropy_with_logits(z, labels.float(), pos_weight=pos_weight)
ce_mean = F.cross_entropy(two_logits, labels, weight=weight)
total_weight = weight[labels].sum()
print(f"BCE mean {bce_mean:.4f} = sum / {len(z)}")
#> BCE mean 2.7517 = sum / 6
print(f"CE mean  {ce_mean:.4f} = sum / {total_weight:g}")
#> CE mean  1.3758 = sum / 12
torch.testing.assert_close(ce_mean * total_weight / len(z), bce_mean)
