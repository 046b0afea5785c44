import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(5, requires_grad=True)  # one sample, C = 5 classes
target = torch.tensor(2)

loss = F.cross_entropy(logits, target)
loss.backward()

p = torch.softmax(logits.detach(), dim=0)
onehot = F.one_hot(target, num_classes=5).float()
manual = p - onehot

print("class       p  onehot  p - onehot  x.grad")
#> class       p  onehot  p - onehot  x.grad
for c in range(5):
    print(f"{c:>5}  {p[c]:.4f}  {onehot[c]:>6.0f}  {manual[c]:>10.4f}  {logits.grad[c]:>6.4f}")
    #>     0  0.6118       0      0.6118  0.6118
    #>     1  0.0977       0      0.0977  0.0977
    #>     2  0.0148       1     -0.9852  -0.9852
    #>     3  0.2313       0      0.2313  0.2313
    #>     4  0.0443       0      0.0443  0.0443
torch.testing.assert_close(manual, logits.grad)
