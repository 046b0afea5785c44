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
print("closed form w_y (p - onehot) / sum(w_y):")
print(manual)
print("autograd x.grad:")
print(logits.grad)
torch.testing.assert_close(manual, logits.grad)
