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
label = torch.tensor([3, -100, 0])  # -100: the default ignore_index, e.g. padding

try:
    print("seed loop:", seed_loss(output, label))
except IndexError as err:
    print(f"{type(err).__name__}: {err}")
    #> IndexError: index -100 is out of bounds for dimension 0 with size 5

expected = F.cross_entropy(output, label)  # rows 0 and 2 only, divided by 2
kept = torch.tensor([0, 2])
print("F.cross_entropy:     ", expected)
#> F.cross_entropy:      tensor(1.8848)
print("seed loop, rows 0, 2:", seed_loss(output[kept], label[kept]))
#> seed loop, rows 0, 2: tensor(1.8848)
torch.testing.assert_close(seed_loss(output[kept], label[kept]), expected)

label = torch.tensor([3, -1, 0])  # -1 is not ignored: torch rejects it ...
try:
    F.cross_entropy(output, label)
except IndexError as err:
    print(f"{type(err).__name__}: {err}")
    #> IndexError: Target -1 is out of bounds.
print("seed loop with -1:   ", seed_loss(output, label))  # ... the loop wraps to class 4
#> seed loop with -1:    tensor(1.9412)
