import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(3, 4, requires_grad=True)  # N = 3 samples, C = 4 classes
target = torch.tensor([0, 3, 1])

F.cross_entropy(logits, target).backward()  # reduction="mean"

p = torch.softmax(logits.detach(), dim=1)
onehot = F.one_hot(target, num_classes=4).float()
manual = (p - onehot) / 3

print("closed form (p - onehot) / N:")
print(manual)
print("autograd x.grad:")
print(logits.grad)
torch.testing.assert_close(manual, logits.grad)
