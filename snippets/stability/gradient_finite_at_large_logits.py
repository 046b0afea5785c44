import torch
import torch.nn.functional as F

logits = torch.tensor([1000.0, 999.0, 998.0], requires_grad=True)
target = torch.tensor(2)

F.cross_entropy(logits, target).backward()

manual = torch.softmax(logits.detach(), dim=0) - F.one_hot(target, 3)
print("x.grad:         ", logits.grad)
print("p - onehot:     ", manual)
assert torch.isfinite(logits.grad).all()
torch.testing.assert_close(manual, logits.grad)
