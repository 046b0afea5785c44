# 'sum' (= 3 x 'mean' here) triples an SGD step; Adam's step hardly changes.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(3, 5)
target = torch.tensor([1, 0, 4])

for optimizer_class in (torch.optim.SGD, torch.optim.Adam):
    steps = {}
    for reduction in ("mean", "sum"):
        param = logits.clone().requires_grad_()
        optimizer = optimizer_class([param], lr=0.1)
        F.cross_entropy(param, target, reduction=reduction).backward()
        optimizer.step()
        steps[reduction] = (param - logits).detach()  # how far one step moved the logits
    ratio = steps["sum"].norm() / steps["mean"].norm()
    print(f"{optimizer_class.__name__:<4} step with 'sum' / step with 'mean': {ratio:.4f}")
    #> SGD  step with 'sum' / step with 'mean': 3.0000
    #> Adam step with 'sum' / step with 'mean': 1.0000
    if optimizer_class is torch.optim.SGD:
        torch.testing.assert_close(steps["sum"], 3 * steps["mean"])
    else:
        torch.testing.assert_close(steps["sum"], steps["mean"], rtol=1e-4, atol=1e-6)
