# A model that spreads its probability evenly scores log V per token: the loss to expect at step 0.
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

V = 50257  # GPT-2's vocabulary size
target = torch.tensor([464, 3290, 318, 257, 13])  # any 5 tokens

uniform = F.cross_entropy(torch.zeros(5, V), target)  # equal logits: p = 1/V for every token
print(f"uniform model: {uniform:.4f}, log V = {math.log(V):.4f}, perplexity {uniform.exp():.0f}")
#> uniform model: 10.8249, log V = 10.8249, perplexity 50257
torch.testing.assert_close(uniform, torch.tensor(math.log(V)))

# A freshly initialised output layer gives small logits, so the first loss sits near log V.
torch.manual_seed(0)
hidden = torch.randn(5, 64)  # 5 positions, hidden size 64
head = nn.Linear(64, V, bias=False)  # PyTorch's default init
at_init = F.cross_entropy(head(hidden), target)
print(f"untrained head: {at_init:.4f}")
#> untrained head: 10.7199
assert abs(at_init.item() - math.log(V)) < 0.5  # far from it means a bug, e.g. a wrong shift
