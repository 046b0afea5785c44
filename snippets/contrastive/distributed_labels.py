# R ranks, N pairs each. Every rank gathers all R*N embeddings and scores only its own N rows;
# the right column for local row i is global row rank*N + i. Simulated in one process.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
R, N, D, scale = 2, 3, 8, 1 / 0.07
a = F.normalize(torch.randn(R * N, D), dim=1)  # the global batch: rank r holds rows r*N .. r*N+N-1
b = F.normalize(a + 0.5 * torch.randn(R * N, D), dim=1)


def clip_loss(logits_a, logits_b, target):
    return (F.cross_entropy(logits_a, target) + F.cross_entropy(logits_b, target)) / 2


big_batch = clip_loss(scale * a @ b.T, scale * b @ a.T, torch.arange(R * N))

right, wrong = [], []
for rank in range(R):
    local_a, local_b = a[rank * N : (rank + 1) * N], b[rank * N : (rank + 1) * N]
    all_a, all_b = a, b  # what all_gather returns on every rank: the R blocks, in rank order
    logits_a = scale * local_a @ all_b.T  # N x (R*N): my images against every text
    logits_b = scale * local_b @ all_a.T  # N x (R*N): my texts against every image
    right.append(clip_loss(logits_a, logits_b, torch.arange(N) + rank * N))
    wrong.append(clip_loss(logits_a, logits_b, torch.arange(N)))  # labels not offset

print(f"one big batch of {R * N}: {big_batch:.4f}")
#> one big batch of 6: 0.5134
print("per rank, offset labels:", [f"{loss:.4f}" for loss in right], f"mean {sum(right) / R:.4f}")
#> per rank, offset labels: ['0.5472', '0.4795'] mean 0.5134
print("per rank, labels 0..N-1:", [f"{loss:.4f}" for loss in wrong], f"mean {sum(wrong) / R:.4f}")
#> per rank, labels 0..N-1: ['0.5472', '8.4005'] mean 4.4739
torch.testing.assert_close(sum(right) / R, big_batch)
torch.testing.assert_close(wrong[0], right[0])  # rank 0 is right by accident; rank 1 is not
