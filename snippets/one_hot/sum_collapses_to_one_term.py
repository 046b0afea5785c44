# -sum_c y_c log p_c with a one-hot y: every term but the true class's is zero.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(5)
target = torch.tensor(1)

y = F.one_hot(target, num_classes=5).float()  # the index 1 as a one-hot row
log_p = logits.log_softmax(dim=0)
terms = -y * log_p  # one term per class
print(y)
print(log_p)
print(terms)
print(terms.sum(), -log_p[target])

torch.testing.assert_close(terms.sum(), -log_p[target])
torch.testing.assert_close(terms.sum(), F.cross_entropy(logits, target))
