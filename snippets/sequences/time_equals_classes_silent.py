# When T == C the naive call raises nothing and computes a softmax over time.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
N, T, C = 2, 5, 5  # as many positions as classes
logits = torch.randn(N, T, C)
target = torch.randint(0, C, (N, T))

wrong = F.cross_entropy(logits, target)  # no error
right = F.cross_entropy(logits.transpose(1, 2), target)
print(f"naive {wrong:.4f}, transposed {right:.4f}")
#> naive 1.6160, transposed 1.8801
assert not torch.isclose(wrong, right)

# What the naive call computed: a softmax over dim 1, the T positions, as if they were classes.
over_time = -logits.log_softmax(dim=1).gather(1, target.unsqueeze(1)).mean()
torch.testing.assert_close(wrong, over_time)
assert logits.shape[-1] == C  # the cheap guard: check which dim holds C before the loss
