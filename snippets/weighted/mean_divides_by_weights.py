# The seed's hand loop with class weights: 'mean' divides by sum of w[y_n].
import math

import torch
import torch.nn as nn

torch.manual_seed(0)
output = torch.randn(4, 5)  # logits: 4 samples, 5 classes
label = torch.tensor([1, 0, 4, 2])
weight = torch.tensor([1.0, 2.0, 0.5, 1.0, 3.0])  # one weight per class
loss = nn.CrossEntropyLoss(weight=weight)(output, label)

numerator = 0.0  # sum_n w[y_n] * (-log p_n[y_n])
denominator = 0.0  # sum_n w[y_n]
for i in range(4):
    second = sum(math.exp(output[i][j].item()) for j in range(5))
    unweighted = -output[i][label[i]].item() + math.log(second)
    numerator += weight[label[i]].item() * unweighted
    denominator += weight[label[i]].item()
print(f"numerator:   {numerator:.4f}")
#> numerator:   15.2394
print(f"denominator: {denominator:.4f}  (N is 4)")
#> denominator: 6.5000  (N is 4)
print(f"by hand:     {numerator / denominator:.4f}")
#> by hand:     2.3445
print(f"torch:       {loss.item():.4f}")
#> torch:       2.3445
print(f"divided by N instead: {numerator / 4:.4f}")
#> divided by N instead: 3.8098

assert math.isclose(numerator / denominator, loss.item(), rel_tol=1e-6)
assert not math.isclose(numerator / 4, loss.item(), rel_tol=1e-3)
