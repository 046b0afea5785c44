import torch
import torch.nn.functional as F

logits = torch.tensor([1000.0, 999.0, 998.0], requires_grad=True)
small = torch.tensor([0.0, -1.0, -2.0], requires_grad=True)  # the same logits minus 1000
target = torch.tensor(2)

F.cross_entropy(logits, target).backward()
F.cross_entropy(small, target).backward()

manual = torch.softmax(logits.detach(), dim=0) - F.one_hot(target, 3)
print("x.grad at ~1000:", logits.grad)
#> x.grad at ~1000: tensor([ 0.6652,  0.2447, -0.9100])
print("x.grad at ~0:   ", small.grad)
#> x.grad at ~0:    tensor([ 0.6652,  0.2447, -0.9100])
print("p - onehot:     ", manual)
#> p - onehot:      tensor([ 0.6652,  0.2447, -0.9100])
assert torch.isfinite(logits.grad).all()
torch.testing.assert_close(logits.grad, small.grad)
torch.testing.assert_close(manual, logits.grad)
