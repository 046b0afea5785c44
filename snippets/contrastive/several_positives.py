# Several positives per row: a soft target spread over them is SupCon's average of
# log-probabilities; averaging over positive pairs, or averaging the probabilities inside the log,
# gives other numbers.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
group = torch.tensor([0, 0, 0, 1, 2, 2])  # same group = same caption or same class
N, D, scale = len(group), 8, 1 / 0.07
centre = torch.randn(3, D)
a = F.normalize(centre[group] + 0.5 * torch.randn(N, D), dim=1)
b = F.normalize(centre[group] + 0.5 * torch.randn(N, D), dim=1)
logits = scale * a @ b.T

# positive[n, j] = 1 if text j matches image n
positive = (group[:, None] == group[None, :]).float()
print("positives per row:", positive.sum(dim=1).long().tolist())
#> positives per row: [3, 3, 3, 1, 2, 2]
log_p = logits.log_softmax(dim=1)

index_target = F.cross_entropy(logits, torch.arange(N))  # the other positives count as negatives
q = positive / positive.sum(dim=1, keepdim=True)  # the soft target: 1/|P(n)| on each positive
soft_target = F.cross_entropy(logits, q)
supcon_out = (-(positive * log_p).sum(dim=1) / positive.sum(dim=1)).mean()  # mean log p per anchor
per_pair = -(positive * log_p).sum() / positive.sum()  # mean over all positive pairs
mean_p = (positive * log_p.exp()).sum(dim=1) / positive.sum(dim=1)
supcon_in = -mean_p.log().mean()  # the log of the mean probability of the positives

print(f"index target   {index_target:.4f}")
#> index target   1.1201
print(f"soft target    {soft_target:.4f}")
#> soft target    0.9182
print(f"SupCon out     {supcon_out:.4f}")
#> SupCon out     0.9182
print(f"per pair       {per_pair:.4f}")
#> per pair       1.0697
print(f"SupCon in      {supcon_in:.4f}")
#> SupCon in      0.7846
torch.testing.assert_close(soft_target, supcon_out)  # the same loss, written two ways
assert supcon_in <= supcon_out  # Jensen: log of a mean >= mean of logs
# The soft target's loss cannot reach 0: its minimum is the entropy of q, log |P(n)| per row.
print(f"lowest possible soft-target loss {torch.special.entr(q).sum(dim=1).mean():.4f}")
#> lowest possible soft-target loss 0.7804

# With the same number of positives in every row, per-pair and per-anchor averages agree.
equal_groups = torch.tensor([0, 0, 1, 1, 2, 2])
positive = (equal_groups[:, None] == equal_groups[None, :]).float()
q = positive / positive.sum(dim=1, keepdim=True)
per_pair = -(positive * log_p).sum() / positive.sum()
torch.testing.assert_close(F.cross_entropy(logits, q), per_pair)
print(f"equal groups: soft target {F.cross_entropy(logits, q):.4f}  per pair {per_pair:.4f}")
#> equal groups: soft target 2.3829  per pair 2.3829
