import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(3, 4, requires_grad=True)
target = torch.tensor([0, 3, 1])
weight = torch.tensor([1.0, 2.0, 0.5, 4.0])
eps, C = 0.1, 4

F.cross_entropy(logits, target, weight=weight, label_smoothing=eps).backward()

p = torch.softmax(logits.detach(), dim=1)
onehot = F.one_hot(target, num_classes=C).float()
w_y = weight[target]
true_part = (1 - eps) * w_y[:, None] * (p - onehot)
smooth_part = eps / C * (weight.sum() * p - weight)
manual = (true_part + smooth_part) / w_y.sum()

print("closed form:")
print(manual)
print("autograd x.grad:")
print(logits.grad)
torch.testing.assert_close(manual, logits.grad)
