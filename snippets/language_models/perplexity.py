# Perplexity = exp(mean token loss in nats); bits per token = mean loss / ln 2; perplexity = 2**bits.
import math

import torch
import torch.nn.functional as F

torch.manual_seed(0)
V = 10
logits = torch.randn(6, V)  # 6 predicted tokens, already shifted and flattened
target = torch.tensor([3, 7, 1, 4, 2, 6])

loss = F.cross_entropy(logits, target)  # mean negative log-likelihood, in nats per token
perplexity = loss.exp()
bits_per_token = loss / math.log(2)
print(f"loss {loss:.4f} nats/token, {bits_per_token:.4f} bits/token, perplexity {perplexity:.4f}")
#> loss 3.7024 nats/token, 5.3415 bits/token, perplexity 40.5462

# By hand: the probabilities the model gave the 6 true tokens, and their geometric mean.
p_true = logits.softmax(dim=1)[torch.arange(6), target]
geometric_mean = p_true.prod() ** (1 / 6)
torch.testing.assert_close(perplexity, 1 / geometric_mean)  # perplexity = 1 / geometric mean of p
torch.testing.assert_close(perplexity, 2**bits_per_token)  # the same number in either unit
print(f"1 / geometric mean of p(true token): {1 / geometric_mean:.4f}")
#> 1 / geometric mean of p(true token): 40.5462
