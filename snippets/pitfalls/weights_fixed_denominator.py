import torch
import torch.nn.functional as F

logits = torch.tensor([[0.2, 1.5, -0.3]])
target = torch.tensor([0])
weight = torch.tensor([10.0, 1.0, 1.0])

plain = F.cross_entropy(logits, target)
# Divide by the number of samples instead of by the sum of their weights.
per_sample = F.cross_entropy(logits, target, weight=weight, reduction="none")
loss = per_sample.sum() / len(target)
print(plain, loss)
#> tensor(1.6631) tensor(16.6314)
torch.testing.assert_close(loss, weight[0] * plain)
