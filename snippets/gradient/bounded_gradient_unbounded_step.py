# The gradient wrt the logits is bounded by 1; the change of a logit after one SGD step is not.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
features = 3 * torch.randn(1, 20)  # one sample, 20 features
target = torch.tensor([2])  # a class the model gives almost no probability
layer = torch.nn.Linear(20, 4, bias=False)
optimizer = torch.optim.SGD(layer.parameters(), lr=0.1)

logits = layer(features)
logits.retain_grad()
loss = F.cross_entropy(logits, target)
optimizer.zero_grad()
loss.backward()
optimizer.step()
after = layer(features)

p = logits.detach().softmax(dim=1)
q = F.one_hot(target, 4).float()
predicted = -0.1 * features.pow(2).sum() * (p - q)  # -lr * |f|^2 * (p - q)
print("gradient wrt logits:", logits.grad)
#> gradient wrt logits: tensor([[ 0.0096,  0.9873, -0.9996,  0.0028]])
print("change of the logits after one step:", after.detach() - logits.detach())
#> change of the logits after one step: tensor([[ -0.2080, -21.4163,  21.6841,  -0.0598]])
print("-lr |f|^2 (p - q):                  ", predicted)
#> -lr |f|^2 (p - q):                   tensor([[ -0.2080, -21.4163,  21.6841,  -0.0598]])
assert logits.grad.abs().max() <= 1
assert (after - logits).abs().max() > 20  # one step moved a logit by more than 20
torch.testing.assert_close(after.detach() - logits.detach(), predicted)
