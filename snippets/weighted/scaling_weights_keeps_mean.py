# Weights times k: 'none' and 'sum' scale by k, 'mean' does not change.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(4, 5)
target = torch.tensor([1, 0, 4, 2])
weight = torch.tensor([1.0, 2.0, 0.5, 1.0, 3.0])

for k in [1.0, 10.0, 0.01]:
    mean = F.cross_entropy(logits, target, weight=k * weight)
    total = F.cross_entropy(logits, target, weight=k * weight, reduction="sum")
    print(f"k = {k:5}: mean {mean:.4f}, sum {total:.4f}")
    #> k =   1.0: mean 2.3445, sum 15.2394
    #> k =  10.0: mean 2.3445, sum 152.3940
    #> k =  0.01: mean 2.3445, sum 0.1524

base_mean = F.cross_entropy(logits, target, weight=weight)
base_sum = F.cross_entropy(logits, target, weight=weight, reduction="sum")
scaled_mean = F.cross_entropy(logits, target, weight=10 * weight)
scaled_sum = F.cross_entropy(logits, target, weight=10 * weight, reduction="sum")
torch.testing.assert_close(scaled_mean, base_mean)
torch.testing.assert_close(scaled_sum, 10 * base_sum)
