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
for c in range(5):
    print(f"{c:>5}  {p[c]:.4f}  {onehot[c]:>6.0f}  {manual[c]:>10.4f}  {logits.grad[c]:>6.4f}")
torch.testing.assert_close(manual, logits.grad)
