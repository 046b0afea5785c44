# At initialisation the loss should be close to log C; far above it means over-confident logits.
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
C = 10
features = torch.randn(512, 64)  # standardised inputs
target = torch.randint(0, C, (512,))
model = nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, C))

print(f"log C:                   {math.log(C):.4f}")
#> log C:                   2.3026
print(f"default init:            {F.cross_entropy(model(features), target):.4f}")
#> default init:            2.3147
with torch.no_grad():
    model[2].weight.mul_(30)  # the same net, last layer 30 times too large
print(f"last layer x30:          {F.cross_entropy(model(features), target):.4f}")
#> last layer x30:          9.3047

# uniform p gives exactly log C: every class gets probability 1/C
print(f"zero logits:             {F.cross_entropy(torch.zeros(512, C), target):.4f}")
#> zero logits:             2.3026

# Why "above": for every row, LSE(x) >= mean_c(x_c) + log C (the log of a mean of e^x is at least
# the mean of x). At init the true logit x_y is, on average, just another logit, so the expected
# loss E[LSE(x) - x_y] is at least log C, and the larger the spread of the logits, the higher.
logits = model(features).detach()  # any logits will do: here the x30 network's
gap = (logits.logsumexp(dim=1) - logits.mean(dim=1) - math.log(C)).min()
print(f"smallest LSE(x) - mean(x) - log C over the 512 rows: {gap:.4f}")
#> smallest LSE(x) - mean(x) - log C over the 512 rows: 1.2690
assert gap >= 0
