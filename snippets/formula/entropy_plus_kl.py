# Derivation 3: H(p, q) = H(p) + KL(p || q), with q the softmax of the logits.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(5, dtype=torch.float64)
# a "true" distribution p, and the model's q = softmax(logits)
p = torch.tensor([0.1, 0.6, 0.1, 0.1, 0.1], dtype=torch.float64)
log_q = logits.log_softmax(dim=0)

cross_entropy = -(p * log_q).sum()  # H(p, q)
entropy = torch.special.entr(p).sum()  # H(p) = -sum p log p
kl = (p * (p.log() - log_q)).sum()  # KL(p || q)
print(f"H(p, q)          = {cross_entropy.item():.6f}")
#> H(p, q)          = 2.323754
print(f"H(p)             = {entropy.item():.6f}")
#> H(p)             = 1.227529
print(f"KL(p||q)         = {kl.item():.6f}")
#> KL(p||q)         = 1.096224
print(f"H(p) + KL(p||q)  = {(entropy + kl).item():.6f}")
#> H(p) + KL(p||q)  = 2.323754

torch.testing.assert_close(cross_entropy, entropy + kl)
torch.testing.assert_close(kl, F.kl_div(log_q, p, reduction="sum"))
# torch agrees, with p passed as a probability target:
torch.testing.assert_close(cross_entropy, F.cross_entropy(logits, p))
