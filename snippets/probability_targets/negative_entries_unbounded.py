# A negative target entry makes the loss unbounded below: it falls without limit.
import torch
import torch.nn.functional as F

q = torch.tensor([[1.2, -0.2]])  # sums to 1, but one entry is negative
for margin in [0.0, 5.0, 50.0, 500.0]:
    logits = torch.tensor([[margin, 0.0]])
    print(f"margin {margin:5.0f}: loss {F.cross_entropy(logits, q):.4f}")
    #> margin     0: loss 0.6931
    #> margin     5: loss -0.9933
    #> margin    50: loss -10.0000
    #> margin   500: loss -100.0000

big = F.cross_entropy(torch.tensor([[500.0, 0.0]]), q)
assert big < -99  # about -0.2 * margin for a large margin
