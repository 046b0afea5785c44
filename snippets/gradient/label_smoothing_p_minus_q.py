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
#> q =
print(q)
#> tensor([[0.9250, 0.0250, 0.0250, 0.0250],
#>         [0.0250, 0.0250, 0.0250, 0.9250],
#>         [0.0250, 0.9250, 0.0250, 0.0250]])
print("closed form (p - q) / N:")
#> closed form (p - q) / N:
print(manual)
#> tensor([[-0.0949,  0.0257, -0.0032,  0.0724],
#>         [ 0.0173,  0.0104,  0.1052, -0.1329],
#>         [ 0.0476, -0.2317,  0.0548,  0.1293]])
print("autograd x.grad:")
#> autograd x.grad:
print(logits.grad)
#> tensor([[-0.0949,  0.0257, -0.0032,  0.0724],
#>         [ 0.0173,  0.0104,  0.1052, -0.1329],
#>         [ 0.0476, -0.2317,  0.0548,  0.1293]])
torch.testing.assert_close(manual, logits.grad)
