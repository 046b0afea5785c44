import torch
import torch.nn.functional as F

logits = torch.tensor([[1000.0, 999.0, 998.0]])  # float32
target = torch.tensor([0])

m = logits.max(dim=1, keepdim=True).values
shifted = logits - m  # [0, -1, -2]: exact in float32
log_sum = torch.log(torch.exp(shifted).sum(dim=1, keepdim=True))  # about 0.41, small
kept_shifted = shifted - log_sum  # (x - m) - log(sum exp(x - m))
lse_first = logits - torch.logsumexp(logits, dim=1, keepdim=True)  # x - (m + log(sum ...))

torch_log_p = F.log_softmax(logits, dim=1)
print("F.log_softmax:       ", torch_log_p[0].tolist())
#> F.log_softmax:        [-0.40760594606399536, -1.4076058864593506, -2.4076058864593506]
print("(x - m) - log(sum):  ", kept_shifted[0].tolist())
#> (x - m) - log(sum):   [-0.40760594606399536, -1.4076058864593506, -2.4076058864593506]
print("x - logsumexp(x):    ", lse_first[0].tolist())
#> x - logsumexp(x):     [-0.4075927734375, -1.4075927734375, -2.4075927734375]
assert torch.equal(torch_log_p, kept_shifted)  # bit for bit: torch keeps the shift
assert not torch.equal(torch_log_p, lse_first)

# cross_entropy is nll_loss of that log_softmax: minus the target's entry, bit for bit.
loss = F.cross_entropy(logits, target, reduction="none")
assert torch.equal(loss, -kept_shifted[torch.arange(1), target])
