# With a one-hot p, H(p) = 0: cross-entropy = KL divergence = -log q_y.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(5, dtype=torch.float64)
target = torch.tensor(1)
p = F.one_hot(target, num_classes=5).to(torch.float64)  # [0, 1, 0, 0, 0]
log_q = logits.log_softmax(dim=0)

entropy = torch.special.entr(p).sum()  # -sum p log p, with 0 * log 0 = 0
kl = F.kl_div(log_q, p, reduction="sum")
print(f"H(p)       = {entropy.item():.6f}")
#> H(p)       = 0.000000
print(f"KL(p||q)   = {kl.item():.6f}")
#> KL(p||q)   = 2.325737
print(f"-log q_y   = {-log_q[target].item():.6f}")
#> -log q_y   = 2.325737

assert entropy == 0
torch.testing.assert_close(kl, -log_q[target])
torch.testing.assert_close(kl, F.cross_entropy(logits, target))
