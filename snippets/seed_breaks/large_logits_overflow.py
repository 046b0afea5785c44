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


output = torch.tensor([[1000.0, 999.0, 998.0, 997.0, 996.0]])
label = torch.tensor([0])

try:
    print("seed loop:", seed_loss(output, label))
except OverflowError as err:
    print(f"{type(err).__name__}: {err}")
    #> OverflowError: math range error

expected = F.cross_entropy(output, label)
print("F.cross_entropy:", expected)
#> F.cross_entropy: tensor(0.4519)
assert torch.isfinite(expected)
