# Integer class weights act like copies: weight 3 counts each sample of that class three times.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(4, 5)
target = torch.tensor([1, 0, 4, 1])
weight = torch.tensor([1.0, 2.0, 1.0, 1.0, 3.0])

copies = weight[target].long()  # how many times each sample counts: [2, 1, 3, 2]
repeated_logits = logits.repeat_interleave(copies, dim=0)  # 8 rows
repeated_target = target.repeat_interleave(copies)
print(copies)
print(repeated_target)

weighted = F.cross_entropy(logits, target, weight=weight)
duplicated = F.cross_entropy(repeated_logits, repeated_target)  # plain mean over 8 rows
print(weighted, duplicated)

torch.testing.assert_close(weighted, duplicated)
