# A first example to check with a calculator: 3 classes, logits [2, 1, 0], true class 0.
import torch
import torch.nn.functional as F

logits = torch.tensor([2.0, 1.0, 0.0])  # one sample's scores for classes 0, 1, 2
target = torch.tensor(0)  # the true class

exps = logits.exp()  # e to the power of each logit: all positive
total = exps.sum()
probs = exps / total  # each exp divided by the sum: the softmax, adds up to 1
neg_log = -probs.log()  # minus the natural log of each probability
print("class  logit     exp  ÷ sum   -log")
#> class  logit     exp  ÷ sum   -log
for c in range(3):
    print(f"{c:>5}  {logits[c]:5.0f}  {exps[c]:6.4f}  {probs[c]:.4f}  {neg_log[c]:.4f}")
    #>     0      2  7.3891  0.6652  0.4076
    #>     1      1  2.7183  0.2447  1.4076
    #>     2      0  1.0000  0.0900  2.4076
print(f"sum of the exps: {total:.4f}, sum of the probabilities: {probs.sum():.4f}")
#> sum of the exps: 11.1073, sum of the probabilities: 1.0000

loss = neg_log[target]  # keep only the true class's row
expected = F.cross_entropy(logits, target)
print(f"by hand:         {loss:.4f}")
#> by hand:         0.4076
print(f"F.cross_entropy: {expected:.4f}")
#> F.cross_entropy: 0.4076

torch.testing.assert_close(loss, expected)
