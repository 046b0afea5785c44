# The seed post's batched test (3 samples, 5 classes), seeded.
import math

import torch
import torch.nn as nn

torch.manual_seed(0)
criterion = nn.CrossEntropyLoss()
output = torch.randn(3, 5, requires_grad=True)  # logits: 3 samples, 5 classes
label = torch.empty(3, dtype=torch.long).random_(5)  # one true class per sample
loss = criterion(output, label)
print(output)
#> tensor([[ 1.5410, -0.2934, -2.1788,  0.5684, -1.0845],
#>         [-1.3986,  0.4033,  0.8380, -0.7193, -0.4033],
#>         [-0.5966,  0.1820, -0.8567,  1.1006, -1.0712]], requires_grad=True)
print(label)
#> tensor([3, 0, 0])
print(loss)
#> tensor(2.2729, grad_fn=<NllLossBackward0>)

first = [0, 0, 0]
for i in range(3):
    first[i] = -output[i][label[i]].item()  # -x_i[y_i]
second = [0, 0, 0]
for i in range(3):
    for j in range(5):
        second[i] += math.exp(output[i][j].item())  # sum_j exp(x_i[j])
res = 0
for i in range(3):
    res += first[i] + math.log(second[i])  # the loss of sample i
print(f"{res / 3:.4f}")
#> 2.2729

assert math.isclose(res / 3, loss.item(), rel_tol=1e-6)
