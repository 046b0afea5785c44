import math

import torch
import torch.nn.functional as F


def seed_loss(output, label):
    """The seed's loop for any batch: -x[label] + log(sum exp x) per row, averaged over rows."""
    res = 0
    for i in range(len(output)):
        first = -output[i][label[i]]
        second = 0
        for j in range(output.shape[1]):
            second += math.exp(output[i][j])
        res += first + math.log(second)
    return res / len(output)


torch.manual_seed(0)
output = torch.randn(3, 5)
label = torch.tensor([3, 0, 0])
eps = 0.1

smoothed = F.cross_entropy(output, label, label_smoothing=eps)
q = (1 - eps) * F.one_hot(label, 5) + eps / 5  # the target torch really uses
manual = -(q * F.log_softmax(output, dim=1)).sum(dim=1).mean()

print("seed loop:                  ", seed_loss(output, label))
#> seed loop:                   tensor(2.2729)
print("label_smoothing=0.1:        ", smoothed)
#> label_smoothing=0.1:         tensor(2.2518)
print("-sum q log p, q smoothed:   ", manual)
#> -sum q log p, q smoothed:    tensor(2.2518)
torch.testing.assert_close(manual, smoothed)
assert not torch.isclose(seed_loss(output, label), smoothed)
