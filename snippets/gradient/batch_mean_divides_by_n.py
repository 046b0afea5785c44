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
#> closed form (p - onehot) / N:
print(manual)
#> tensor([[-0.1199,  0.0341,  0.0052,  0.0807],
#>         [ 0.0256,  0.0187,  0.1136, -0.1579],
#>         [ 0.0559, -0.2567,  0.0632,  0.1376]])
print("autograd x.grad:")
#> autograd x.grad:
print(logits.grad)
#> tensor([[-0.1199,  0.0341,  0.0052,  0.0807],
#>         [ 0.0256,  0.0187,  0.1136, -0.1579],
#>         [ 0.0559, -0.2567,  0.0632,  0.1376]])
torch.testing.assert_close(manual, logits.grad)
