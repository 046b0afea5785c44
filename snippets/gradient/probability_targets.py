import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(3, 4, requires_grad=True)
soft_target = torch.softmax(torch.randn(3, 4), dim=1)  # each row sums to 1

F.cross_entropy(logits, soft_target).backward()  # mean over the N = 3 rows

p = torch.softmax(logits.detach(), dim=1)
manual = (p - soft_target) / 3

print("target rows sum to:", soft_target.sum(dim=1))
#> target rows sum to: tensor([1.0000, 1.0000, 1.0000])
print("closed form (p - t) / N:")
#> closed form (p - t) / N:
print(manual)
#> tensor([[ 0.1845, -0.1703, -0.0181,  0.0038],
#>         [-0.0457, -0.1639,  0.0620,  0.1476],
#>         [ 0.0098, -0.0600, -0.0183,  0.0685]])
print("autograd x.grad:")
#> autograd x.grad:
print(logits.grad)
#> tensor([[ 0.1845, -0.1703, -0.0181,  0.0038],
#>         [-0.0457, -0.1639,  0.0620,  0.1476],
#>         [ 0.0098, -0.0600, -0.0183,  0.0685]])
torch.testing.assert_close(manual, logits.grad)
