import math

import torch
import torch.nn.functional as F

torch.manual_seed(0)
output = torch.randn(3, 5)
label = torch.tensor([3, 0, 0])

# The seed's arithmetic in pure Python floats (float64), on the float32 logits
rows = output.tolist()
in_math = sum(-row[y] + math.log(sum(math.exp(x) for x in row)) for row, y in zip(rows, label.tolist())) / 3

in_float32 = F.cross_entropy(output, label).item()
in_float64 = F.cross_entropy(output.double(), label).item()
print(f"math (float64):  {in_math:.12f}")
#> math (float64):  2.272947029081
print(f"torch float64:   {in_float64:.12f}")
#> torch float64:   2.272947029081
print(f"torch float32:   {in_float32:.12f}")
#> torch float32:   2.272947072983
print(f"|math - float32|: {abs(in_math - in_float32):.1e}")
#> |math - float32|: 4.4e-08
assert abs(in_math - in_float64) < 1e-12
assert 0 < abs(in_math - in_float32) < 1e-6
