import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = (50 * torch.randn(1000, 10)).requires_grad_()  # large, spread-out logits
target = torch.randint(0, 10, (1000,))

F.cross_entropy(logits, target, reduction="sum").backward()
grad = logits.grad  # row n is p_n - onehot(y_n)

print("smallest component:", grad.min())
#> smallest component: tensor(-1.)
print("largest component: ", grad.max())
#> largest component:  tensor(1.)
row_sums = grad.sum(dim=1)
print("largest |row sum|: ", f"{row_sums.abs().max().item():.0e}")
#> largest |row sum|:  1e-07
assert grad.min() >= -1 and grad.max() <= 1
torch.testing.assert_close(row_sums, torch.zeros(1000))
