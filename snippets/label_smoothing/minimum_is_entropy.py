# With smoothing the loss is at least the entropy of the smoothed target.
import math

import torch
import torch.nn.functional as F

C, eps = 10, 0.1
target = torch.tensor([3])
smoothed = (1 - eps) * F.one_hot(target, C).double() + eps / C
entropy = -(smoothed * smoothed.log()).sum()
print(f"entropy of the smoothed target = {entropy:.6f}")
#> entropy of the smoothed target = 0.500288

# logits = log(smoothed) have softmax = smoothed: the loss is that entropy, the gradient 0.
best_logits = smoothed.log().requires_grad_()
at_best = F.cross_entropy(best_logits, target, label_smoothing=eps)
at_best.backward()
print(f"loss at logits = log(smoothed): {at_best:.6f}")
#> loss at logits = log(smoothed): 0.500288
torch.testing.assert_close(at_best, entropy)
torch.testing.assert_close(best_logits.grad, torch.zeros_like(smoothed))

# Only the margin between the true logit and the others matters; log(smoothed) has this one:
best_margin = math.log((1 - eps + eps / C) / (eps / C))
print(f"best margin = log(0.91 / 0.01) = {best_margin:.4f}")
#> best margin = log(0.91 / 0.01) = 4.5109
for margin in [0.0, 2.0, best_margin, 8.0, 16.0, 32.0]:
    logits = torch.zeros(1, C, dtype=torch.float64)
    logits[0, 3] = margin
    loss = F.cross_entropy(logits, target, label_smoothing=eps)
    print(f"margin {margin:7.4f}: loss {loss:.6f}")
    #> margin  0.0000: loss 2.302585
    #> margin  2.0000: loss 0.976614
    #> margin  4.5109: loss 0.500288
    #> margin  8.0000: loss 0.723015
    #> margin 16.0000: loss 1.440001
    #> margin 32.0000: loss 2.880000
    assert loss >= entropy - 1e-12
