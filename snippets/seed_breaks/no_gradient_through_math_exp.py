import math
import warnings

import torch
import torch.nn.functional as F

torch.manual_seed(0)
output = torch.randn(3, 5, requires_grad=True)
label = torch.tensor([3, 0, 0])

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    res = 0
    for i in range(3):
        second = sum(math.exp(output[i][j]) for j in range(5))  # a Python float
        res += -output[i][label[i]] + math.log(second)
    res = res / 3
print("torch warns:", str(caught[0].message).splitlines()[0])
#> torch warns: Converting a tensor with requires_grad=True to a scalar may lead to unexpected behavior.
print("type(second):", type(second).__name__)
#> type(second): float
print("res:", res)
#> res: tensor(2.2729, grad_fn=<DivBackward0>)

res.backward()
seed_grad = output.grad.clone()
output.grad = None
F.cross_entropy(output, label).backward()

print("gradient of the seed's res:")
#> gradient of the seed's res:
print(seed_grad)
#> tensor([[ 0.0000,  0.0000,  0.0000, -0.3333,  0.0000],
#>         [-0.3333,  0.0000,  0.0000,  0.0000,  0.0000],
#>         [-0.3333,  0.0000,  0.0000,  0.0000,  0.0000]])
print("gradient of the loss, (p - onehot) / 3:")
#> gradient of the loss, (p - onehot) / 3:
print(output.grad)
#> tensor([[ 0.2039,  0.0326,  0.0049, -0.2562,  0.0148],
#>         [-0.3175,  0.0958,  0.1479,  0.0312,  0.0427],
#>         [-0.3001,  0.0724,  0.0256,  0.1814,  0.0207]])
torch.testing.assert_close(seed_grad, -F.one_hot(label, 5) / 3.0)  # only the -x_y term
assert not torch.allclose(seed_grad, output.grad)
