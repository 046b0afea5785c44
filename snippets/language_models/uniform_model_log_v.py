# A model that spreads its probability evenly scores log V per token: the loss to expect at step 0.
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

V = 50257  # GPT-2's vocabulary size
torch.manual_seed(0)
tokens = torch.randint(0, V, (513,))  # one sequence: 512 positions after the shift

uniform = F.cross_entropy(torch.zeros(512, V), tokens[1:])  # equal logits: p = 1/V for every token
print(f"uniform model: {uniform:.4f}, log V = {math.log(V):.4f}, perplexity {uniform.exp():.0f}")
#> uniform model: 10.8249, log V = 10.8249, perplexity 50257
torch.testing.assert_close(uniform, torch.tensor(math.log(V)))

# A freshly initialised model (embedding, then an output layer) gives small logits. Score them
# against the right targets (shifted by one) and against the inputs themselves (no shift).
embed = nn.Embedding(V, 64)
head = nn.Linear(64, V, bias=False)  # PyTorch's default init
with torch.no_grad():
    logits = head(embed(tokens[:-1]))  # position t sees token t
    shifted = F.cross_entropy(logits, tokens[1:])  # predict token t + 1: right
    unshifted = F.cross_entropy(logits, tokens[:-1])  # predict token t itself: a shift bug
print(f"untrained model: right shift {shifted:.4f}, no shift {unshifted:.4f}")
#> untrained model: right shift 10.9916, no shift 10.9598
# Both sit just above log V: with a separate output layer nothing singles out the logit of the
# input token at step 0, so the shift cannot show. A loss far above log V means the initial logits are large.
assert math.log(V) < shifted < math.log(V) + 0.5 and math.log(V) < unshifted < math.log(V) + 0.5

# Tied input and output embeddings (GPT-2's choice, with its init std 0.02 and a final LayerNorm):
# the logit of the input token is its (normalised) embedding times itself, so it stands out.
nn.init.normal_(embed.weight, std=0.02)
with torch.no_grad():
    tied = nn.LayerNorm(64)(embed(tokens[:-1])) @ embed.weight.T
    print(f"tied embeddings: right shift {F.cross_entropy(tied, tokens[1:]):.4f}, "
          f"no shift {F.cross_entropy(tied, tokens[:-1]):.4f}")
    #> tied embeddings: right shift 10.8275, no shift 9.5926
    assert F.cross_entropy(tied, tokens[:-1]) < math.log(V) - 1  # a missing shift starts low
