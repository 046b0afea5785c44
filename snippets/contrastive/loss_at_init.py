# At initialisation the loss is about log of the number of candidates per row (the batch size,
# or R*N once the embeddings are gathered), not log of the data set's number of classes.
import math

import torch
import torch.nn.functional as F

torch.manual_seed(0)
D, scale = 512, 1 / 0.07  # CLIP's initial scale
# Unrelated random embeddings, as from untrained encoders.
for rows in [32, 256, 8 * 256]:  # two batch sizes, and 8 ranks of 256 gathered
    a = F.normalize(torch.randn(rows, D), dim=1)
    b = F.normalize(torch.randn(rows, D), dim=1)
    logits = scale * a @ b.T
    target = torch.arange(rows)
    loss = (F.cross_entropy(logits, target) + F.cross_entropy(logits.T, target)) / 2
    print(f"{rows:5} candidates: loss {loss:.4f}   log {rows} = {math.log(rows):.4f}")
    #>    32 candidates: loss 3.7052   log 32 = 3.4657
    #>   256 candidates: loss 5.7404   log 256 = 5.5452
    #>  2048 candidates: loss 7.8076   log 2048 = 7.6246
# Above log N by about scale**2 / (2 * D), from the spread of the random logits (the cosines of
# random unit vectors have a standard deviation of about 1 / sqrt(D)).
print(f"scale**2 / (2 * D) = {scale**2 / (2 * D):.4f}")
#> scale**2 / (2 * D) = 0.1993
