# One tower (SimCLR, SupCon): a batch against itself, where the diagonal (each sample with itself)
# must be left out. Masked with -inf, it is harmless for index targets and NaN for soft targets.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
group = torch.tensor([0, 0, 1, 1])  # two views of two images
z = F.normalize(torch.randn(4, 8), dim=1)
logits = z @ z.T / 0.07
self_pair = torch.eye(4, dtype=torch.bool)
positive = (group[:, None] == group[None, :]) & ~self_pair
q = positive.float() / positive.sum(dim=1, keepdim=True)
other_view = torch.tensor([1, 0, 3, 2])

masked = logits.masked_fill(self_pair, float("-inf"))
print("index target:", F.cross_entropy(masked, other_view))
#> index target: tensor(7.3845)
print("soft target: ", F.cross_entropy(masked, q))  # 0 * log(0) = 0 * -inf = nan
#> soft target:  tensor(nan)

# A finite mask gives the same probabilities (exp underflows to exactly 0) without the nan.
masked = logits.masked_fill(self_pair, torch.finfo(logits.dtype).min)
print("soft target, finite mask:", F.cross_entropy(masked, q))
#> soft target, finite mask: tensor(7.3845)
torch.testing.assert_close(F.cross_entropy(masked, q), F.cross_entropy(masked, other_view))

# The finite mask must come last: divided by the temperature afterwards, it overflows to -inf again.
late = (z @ z.T).masked_fill(self_pair, torch.finfo(logits.dtype).min) / 0.07
print("finite mask, then / 0.07:", late.min().item(), F.cross_entropy(late, q))
#> finite mask, then / 0.07: -inf tensor(nan)
assert F.cross_entropy(late, q).isnan()
