import math

import torch
import torch.nn.functional as F

logits = [1000.0, 999.0, 998.0]
target = 0

try:
    total = sum(math.exp(x) for x in logits)  # e^1000 does not fit in a float64
    manual = -logits[target] + math.log(total)
except OverflowError as err:
    print(f"{type(err).__name__}: {err}")
    #> OverflowError: math range error

expected = F.cross_entropy(torch.tensor(logits), torch.tensor(target))
print("F.cross_entropy:", expected)
#> F.cross_entropy: tensor(0.4076)
assert torch.isfinite(expected)
