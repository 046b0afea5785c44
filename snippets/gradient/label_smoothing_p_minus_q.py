import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(3, 4, requires_grad=True)
target = torch.tensor([0, 3, 1])
eps, C, N = 0.1, 4, 3

F.cross_entropy(logits, target, label_smoothing=eps).backward()

p = torch.softmax(logits.detach(), dim=1)
q = (1 - eps) * F.one_hot(target, num_classes=C).float() + eps / C  # smoothed target
manual = (p - q) / N

print("q =")
print(q)
print("closed form (p - q) / N:")
print(manual)
print("autograd x.grad:")
print(logits.grad)
torch.testing.assert_close(manual, logits.grad)
