import math

import torch
import torch.nn as nn

torch.manual_seed(0)  # the seed post draws unseeded numbers; we fix them
criterion = nn.CrossEntropyLoss()
output = torch.randn(1, 5, requires_grad=True)  # logits: 1 sample, 5 classes
label = torch.empty(1, dtype=torch.long).random_(5)  # target
loss = criterion(output, label)
print("output:", output)
#> output: tensor([[ 1.5410, -0.2934, -2.1788,  0.5684, -1.0845]], requires_grad=True)
print("label: ", label)
#> label:  tensor([1])
print("loss:  ", loss)
#> loss:   tensor(2.3257, grad_fn=<NllLossBackward0>)

# The seed's loop, as written (.item() added: see "No gradient" below)
first = 0
for i in range(1):
    first = -output[i][label[i]]
second = 0
for i in range(1):
    for j in range(5):
        second += math.exp(output[i][j].item())
res = first + math.log(second)
print("res:   ", res)
#> res:    tensor(2.3257, grad_fn=<AddBackward0>)
torch.testing.assert_close(res, loss)
