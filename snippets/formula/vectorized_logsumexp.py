# The hand loop as tensor operations: logsumexp(x_n) - x_n[y_n].
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(4, 5)  # 4 samples, 5 classes
target = torch.tensor([1, 0, 4, 2])

m = logits.max(dim=1, keepdim=True).values  # the largest logit of each row
# log sum_k e^{x_k}, with the max shift that keeps exp from overflowing
lse = m.squeeze(1) + (logits - m).exp().sum(dim=1).log()
true_logit = logits.gather(1, target.unsqueeze(1)).squeeze(1)  # x_n[y_n]
per_sample = lse - true_logit
manual = per_sample.mean()
expected = F.cross_entropy(logits, target)
print(per_sample)
#> tensor([2.5099, 3.8326, 1.8878, 1.4472])
print(manual, expected)
#> tensor(2.4194) tensor(2.4194)

torch.testing.assert_close(lse, torch.logsumexp(logits, dim=1))
torch.testing.assert_close(manual, expected)
