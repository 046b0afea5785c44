# A multi-hot row divided by its number of labels is a distribution; undivided, it counts k times.
import math

import torch
import torch.nn.functional as F

multi_hot = torch.tensor([[1.0, 1.0, 1.0, 0.0],  # three labels of four
                          [0.0, 1.0, 0.0, 0.0]])  # one label
normalised = multi_hot / multi_hot.sum(dim=1, keepdim=True)  # 1/k on each label

# Logits that spread row 0 evenly over its labels: the best one softmax can do for it.
logits = torch.tensor([[0.0, 0.0, 0.0, -30.0],
                       [-1.0, 2.0, 0.5, 0.0]], requires_grad=True)
per_row_normalised = F.cross_entropy(logits, normalised, reduction="none")
per_row_multi_hot = F.cross_entropy(logits, multi_hot, reduction="none")
print("labels k per row:    ", multi_hot.sum(dim=1))
#> labels k per row:     tensor([3., 1.])
print("loss, rows / k:      ", per_row_normalised.detach())
#> loss, rows / k:       tensor([1.0986, 0.3423])
print("loss, raw multi-hot: ", per_row_multi_hot.detach())
#> loss, raw multi-hot:  tensor([3.2958, 0.3423])
print(f"log 3 = {math.log(3):.4f}   3 log 3 = {3 * math.log(3):.4f}")
#> log 3 = 1.0986   3 log 3 = 3.2958

# Row 0's floor is its entropy log k; the raw row's loss and gradient are k times larger.
torch.testing.assert_close(per_row_normalised[0], torch.tensor(math.log(3)))
torch.testing.assert_close(per_row_multi_hot, multi_hot.sum(dim=1) * per_row_normalised)
(grad_normalised,) = torch.autograd.grad(per_row_normalised.sum(), logits)
(grad_multi_hot,) = torch.autograd.grad(per_row_multi_hot.sum(), logits)
torch.testing.assert_close(grad_multi_hot, multi_hot.sum(dim=1, keepdim=True) * grad_normalised)
torch.testing.assert_close(grad_normalised[0], torch.zeros(4))  # row 0 sits at its minimum
