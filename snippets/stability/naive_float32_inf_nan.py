import torch
import torch.nn.functional as F

logits = torch.tensor([1000.0, 999.0, 998.0])  # float32
target = 0

exp = torch.exp(logits)
print("exp(logits):", exp)
#> exp(logits): tensor([inf, inf, inf])

naive_loss = -logits[target] + torch.log(exp.sum())
naive_softmax = exp / exp.sum()
print("-x_y + log(sum exp):", naive_loss)
#> -x_y + log(sum exp): tensor(inf)
print("exp / sum(exp):     ", naive_softmax)
#> exp / sum(exp):      tensor([nan, nan, nan])
print("F.cross_entropy:    ", F.cross_entropy(logits, torch.tensor(target)))
#> F.cross_entropy:     tensor(0.4076)
assert torch.isinf(naive_loss) and torch.isnan(naive_softmax).all()
