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
soft_label = torch.softmax(torch.randn(3, 5), dim=1)  # a distribution per row, not an index

try:
    print("seed loop:", seed_loss(output, soft_label))
except IndexError as err:
    print(f"{type(err).__name__}: {err}")
    #> IndexError: tensors used as indices must be long, int, byte or bool tensors

expected = F.cross_entropy(output, soft_label)
manual = -(soft_label * F.log_softmax(output, dim=1)).sum(dim=1).mean()
print("F.cross_entropy:  ", expected)
#> F.cross_entropy:   tensor(2.0538)
print("-sum t log p / N: ", manual)
#> -sum t log p / N:  tensor(2.0538)
torch.testing.assert_close(manual, expected)
