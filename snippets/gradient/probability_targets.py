import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(3, 4, requires_grad=True)
soft_target = torch.softmax(torch.randn(3, 4), dim=1)  # each row sums to 1

F.cross_entropy(logits, soft_target).backward()  # mean over the N = 3 rows

p = torch.softmax(logits.detach(), dim=1)
manual = (p - soft_target) / 3

print("target rows sum to:", soft_target.sum(dim=1))
print("closed form (p - t) / N:")
print(manual)
print("autograd x.grad:")
print(logits.grad)
torch.testing.assert_close(manual, logits.grad)
