# With weight, 'mean' divides by the target-class weights of the kept positions.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(6, 4)
target = torch.tensor([1, -100, 3, 0, -100, 2])
weight = torch.tensor([1.0, 2.0, 0.5, 4.0])

keep = target != -100
safe_target = target.masked_fill(~keep, 0)
nll = -logits.log_softmax(dim=1).gather(1, safe_target[:, None]).squeeze(1)
w_y = weight[safe_target] * keep  # w_{y_i} for kept positions, 0 for ignored ones
manual = (w_y * nll).sum() / w_y.sum()
expected = F.cross_entropy(logits, target, weight=weight)

print(w_y)
#> tensor([2.0000, 0.0000, 4.0000, 1.0000, 0.0000, 0.5000])
print(f"denominator sum of w_y = {w_y.sum():.4f}")
#> denominator sum of w_y = 7.5000
print(f"manual                 = {manual:.4f}")
#> manual                 = 1.7990
print(f"F.cross_entropy        = {expected:.4f}")
#> F.cross_entropy        = 1.7990
torch.testing.assert_close(manual, expected)
