# -sum_c q_c log p_c with a one-hot q: every term but the true class's is zero.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(5)
target = torch.tensor(1)

target_probs = F.one_hot(target, num_classes=5).float()  # q: the index 1 as a one-hot row
log_p = logits.log_softmax(dim=0)
terms = -target_probs * log_p  # one term per class
print(target_probs)
#> tensor([0., 1., 0., 0., 0.])
print(log_p)
#> tensor([-0.4913, -2.3257, -4.2111, -1.4639, -3.1168])
print(terms)
#> tensor([0.0000, 2.3257, 0.0000, 0.0000, 0.0000])
print(terms.sum(), -log_p[target])
#> tensor(2.3257) tensor(2.3257)

torch.testing.assert_close(terms.sum(), -log_p[target])
torch.testing.assert_close(terms.sum(), F.cross_entropy(logits, target))
