# Language modelling: pad with -100, and the padding adds nothing to the loss.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
vocab = 5
logits = torch.randn(2, 4, vocab)  # (batch, time, vocab), as a decoder returns it
target = torch.tensor([[1, 4, 2, 0],
                       [3, 3, -100, -100]])  # the second sequence has 2 real tokens

# Flatten (batch, time) into positions, as nanoGPT does:
loss = F.cross_entropy(logits.view(-1, vocab), target.view(-1))

real = target != -100
nll = -logits.log_softmax(dim=-1)[real, target[real]]  # the 6 real tokens only
manual = nll.mean()
print(f"{real.sum().item()} real tokens: manual {manual:.4f}, torch {loss:.4f}")
#> 6 real tokens: manual 1.9538, torch 1.9538
torch.testing.assert_close(manual, loss)

# The same loss without flattening: class dim moved to dim 1, (batch, vocab, time).
torch.testing.assert_close(F.cross_entropy(logits.transpose(1, 2), target), loss)
