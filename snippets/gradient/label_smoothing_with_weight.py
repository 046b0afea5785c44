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
#> closed form:
print(manual)
#> tensor([[-0.0327,  0.0087,  0.0006,  0.0233],
#>         [ 0.0381,  0.0233,  0.1825, -0.2439],
#>         [ 0.0440, -0.1990,  0.0520,  0.1029]])
print("autograd x.grad:")
#> autograd x.grad:
print(logits.grad)
#> tensor([[-0.0327,  0.0087,  0.0006,  0.0233],
#>         [ 0.0381,  0.0233,  0.1825, -0.2439],
#>         [ 0.0440, -0.1990,  0.0520,  0.1029]])
torch.testing.assert_close(manual, logits.grad)

# With reduction='sum' there is no W at all, and the rows are still not parallel to p - q~:
# each class is weighted by its own w_c, so a row vanishes at p = w q~ / sum(w q~), not at q~.
x = logits.detach().requires_grad_()
F.cross_entropy(x, target, weight=weight, label_smoothing=eps, reduction="sum").backward()
smoothed = (1 - eps) * onehot + eps / C
cosine = F.cosine_similarity(x.grad, p - smoothed, dim=1)
print(f"cosine(row, p - q~), reduction='sum': {[round(c, 4) for c in cosine.tolist()]}")
#> cosine(row, p - q~), reduction='sum': [0.9987, 0.9993, 0.9991]
assert (cosine < 0.9999).all()
