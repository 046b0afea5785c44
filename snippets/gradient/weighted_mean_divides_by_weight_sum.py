import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(3, 4, requires_grad=True)
target = torch.tensor([0, 3, 1])
weight = torch.tensor([1.0, 2.0, 0.5, 4.0])

F.cross_entropy(logits, target, weight=weight).backward()

p = torch.softmax(logits.detach(), dim=1)
onehot = F.one_hot(target, num_classes=4).float()
w_y = weight[target]  # the weight of each sample's own class
manual = w_y[:, None] * (p - onehot) / w_y.sum()

print("w_y =", w_y, " sum =", w_y.sum())
#> w_y = tensor([1., 4., 2.])  sum = tensor(7.)
print("closed form w_y (p - onehot) / sum(w_y):")
#> closed form w_y (p - onehot) / sum(w_y):
print(manual)
#> tensor([[-0.0514,  0.0146,  0.0022,  0.0346],
#>         [ 0.0440,  0.0321,  0.1947, -0.2708],
#>         [ 0.0479, -0.2200,  0.0541,  0.1180]])
print("autograd x.grad:")
#> autograd x.grad:
print(logits.grad)
#> tensor([[-0.0514,  0.0146,  0.0022,  0.0346],
#>         [ 0.0440,  0.0321,  0.1947, -0.2708],
#>         [ 0.0479, -0.2200,  0.0541,  0.1180]])
torch.testing.assert_close(manual, logits.grad)
