import math

import torch
import torch.nn.functional as F

torch.manual_seed(0)
output = torch.randn(3, 5)
label = torch.tensor([3, 0, 0])
weight = torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0])

per_sample = [
    weight[label[i]] * (-output[i][label[i]] + math.log(sum(math.exp(x) for x in output[i])))
    for i in range(3)
]
divided_by_3 = sum(per_sample) / 3  # the seed's batch rule with the weighted formula
divided_by_weights = sum(per_sample) / weight[label].sum()  # 4 + 1 + 1 = 6

expected = F.cross_entropy(output, label, weight=weight)
print("sum / 3:       ", divided_by_3)
#> sum / 3:        tensor(3.7368)
print("sum / sum(w_y):", divided_by_weights)
#> sum / sum(w_y): tensor(1.8684)
print("F.cross_entropy(weight=...):", expected)
#> F.cross_entropy(weight=...): tensor(1.8684)
torch.testing.assert_close(divided_by_weights, expected)
assert not torch.isclose(divided_by_3, expected)
