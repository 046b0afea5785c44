# Integer class weights act like copies of the samples of that class.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(4, 5)
target = torch.tensor([1, 0, 4, 2])
weight = torch.tensor([1.0, 2.0, 1.0, 1.0, 3.0])

copies = weight[target].long()  # how many times each sample counts: [2, 1, 3, 1]
repeated_logits = logits.repeat_interleave(copies, dim=0)  # 7 rows
repeated_target = target.repeat_interleave(copies)
print(copies)
#> tensor([2, 1, 3, 1])
print(repeated_target)
#> tensor([1, 1, 0, 4, 4, 4, 2])

weighted = F.cross_entropy(logits, target, weight=weight)
duplicated = F.cross_entropy(repeated_logits, repeated_target)  # mean of 7 rows
print(weighted, duplicated)
#> tensor(2.2804) tensor(2.2804)

torch.testing.assert_close(weighted, duplicated)
