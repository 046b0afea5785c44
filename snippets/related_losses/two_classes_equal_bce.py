import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(6, 2, requires_grad=True)  # two logits per sample: class 0, class 1
target = torch.tensor([0, 1, 1, 0, 1, 0])

difference = logits[:, 1] - logits[:, 0]  # one logit for "class 1"
p_sigmoid = torch.sigmoid(difference).detach()
p_softmax = logits.softmax(dim=1)[:, 1].detach()
print(p_sigmoid)
#> tensor([0.1377, 0.9398, 0.4221, 0.6070, 0.5783, 0.6854])
print(p_softmax)
#> tensor([0.1377, 0.9398, 0.4221, 0.6070, 0.5783, 0.6854])
torch.testing.assert_close(p_sigmoid, p_softmax)

ce = F.cross_entropy(logits, target)
bce = F.binary_cross_entropy_with_logits(difference, target.float())
print(f"cross_entropy:                      {ce:.4f}")
#> cross_entropy:                      0.6185
print(f"BCE with logits on the difference:  {bce:.4f}")
#> BCE with logits on the difference:  0.6185
torch.testing.assert_close(bce, ce)

# The two losses also push the logits the same way.
(grad_ce,) = torch.autograd.grad(ce, logits)
(grad_bce,) = torch.autograd.grad(bce, logits)
torch.testing.assert_close(grad_bce, grad_ce)
