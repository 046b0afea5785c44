# The seed post's 1-D test (1 sample, 5 classes), seeded.
import math

import torch
import torch.nn as nn

torch.manual_seed(0)
criterion = nn.CrossEntropyLoss()
output = torch.randn(1, 5, requires_grad=True)  # logits: 1 sample, 5 classes
label = torch.empty(1, dtype=torch.long).random_(5)  # the true class, in [0, 5)
loss = criterion(output, label)
print(output)
#> tensor([[ 1.5410, -0.2934, -2.1788,  0.5684, -1.0845]], requires_grad=True)
print(label)
#> tensor([1])
print(loss)
#> tensor(2.3257, grad_fn=<NllLossBackward0>)

# By hand, as the post does it: first = -x[label], second = sum_j exp(x[j]).
first = 0
for i in range(1):
    first = -output[i][label[i]]
second = 0
for i in range(1):
    for j in range(5):
        second += math.exp(output[i][j].item())  # .item(): a Python float
res = first + math.log(second)
print(res)
#> tensor(2.3257, grad_fn=<AddBackward0>)

torch.testing.assert_close(res, loss)
