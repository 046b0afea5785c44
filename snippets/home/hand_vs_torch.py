# The formula by hand, torch's value, and an assert that they agree.
import torch
import torch.nn as nn

torch.manual_seed(0)
logits = torch.randn(3, 5)  # 3 samples, 5 classes
target = torch.tensor([1, 0, 4])  # the true class of each sample

m = logits.max(dim=1, keepdim=True).values  # each row's largest logit
shifted = logits - m  # every entry <= 0, so exp cannot overflow
true_logit = shifted[torch.arange(3), target]  # x_n[y_n] - m_n
per_sample = shifted.exp().sum(dim=1).log() - true_logit  # LSE(x_n) - x_n[y_n], m cancels
manual = per_sample.mean()
expected = nn.CrossEntropyLoss()(logits, target)
print(per_sample)
#> tensor([2.3257, 3.0493, 2.7802])
print(manual, expected)
#> tensor(2.7184) tensor(2.7184)

torch.testing.assert_close(manual, expected)
