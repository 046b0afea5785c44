# CLIP's loss is F.cross_entropy on the similarity matrix, with the targets torch.arange(N).
import torch
import torch.nn.functional as F

torch.manual_seed(0)
N, D = 4, 8  # 4 image-text pairs, embeddings of size 8
a = F.normalize(torch.randn(N, D), dim=1)  # image embeddings, one row per pair
b = F.normalize(a + 0.3 * torch.randn(N, D), dim=1)  # text embeddings, row n matches row n of a
tau = 0.07  # the temperature

logits = a @ b.T / tau  # logits[n, j]: image n against text j; the "classes" are the N texts
target = torch.arange(N)  # the right text for image n is text n
loss_a_to_b = F.cross_entropy(logits, target)  # each image picks its text among N
loss_b_to_a = F.cross_entropy(logits.T, target)  # each text picks its image among N
loss = (loss_a_to_b + loss_b_to_a) / 2
print(f"image->text {loss_a_to_b:.4f}  text->image {loss_b_to_a:.4f}  CLIP loss {loss:.4f}")
#> image->text 1.2587  text->image 0.7530  CLIP loss 1.0058

# By hand: row n's loss is LSE(row n) minus its diagonal entry; the columns give the other
# direction.
diagonal = logits.diagonal()
by_rows = (torch.logsumexp(logits, dim=1) - diagonal).mean()
by_columns = (torch.logsumexp(logits, dim=0) - diagonal).mean()
manual = (by_rows + by_columns) / 2
print(f"by hand {manual:.4f}")
#> by hand 1.0058
torch.testing.assert_close(loss, manual)

# And from the formula: -log of the softmax probability of the positive, averaged.
row_probs = torch.stack([torch.exp(logits[n, n]) / torch.exp(logits[n]).sum() for n in range(N)])
col_probs = torch.stack([torch.exp(logits[n, n]) / torch.exp(logits[:, n]).sum() for n in range(N)])
formula = -(row_probs.log().mean() + col_probs.log().mean()) / 2
torch.testing.assert_close(loss, formula)
