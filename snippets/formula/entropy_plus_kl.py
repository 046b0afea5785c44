# Derivation 3: H(q, p) = H(q) + KL(q || p), with p = softmax(logits) the model, q the target.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(5, dtype=torch.float64)
# the target distribution q, and the model's p = softmax(logits)
target_probs = torch.tensor([0.1, 0.6, 0.1, 0.1, 0.1], dtype=torch.float64)
log_probs = logits.log_softmax(dim=0)  # log p

cross_entropy = -(target_probs * log_probs).sum()  # H(q, p)
entropy = torch.special.entr(target_probs).sum()  # H(q) = -sum q log q
kl = (target_probs * (target_probs.log() - log_probs)).sum()  # KL(q || p)
print(f"H(q, p)          = {cross_entropy.item():.6f}")
#> H(q, p)          = 2.323754
print(f"H(q)             = {entropy.item():.6f}")
#> H(q)             = 1.227529
print(f"KL(q||p)         = {kl.item():.6f}")
#> KL(q||p)         = 1.096224
print(f"H(q) + KL(q||p)  = {(entropy + kl).item():.6f}")
#> H(q) + KL(q||p)  = 2.323754

torch.testing.assert_close(cross_entropy, entropy + kl)
torch.testing.assert_close(kl, F.kl_div(log_probs, target_probs, reduction="sum"))
# torch agrees, with q passed as a probability target:
torch.testing.assert_close(cross_entropy, F.cross_entropy(logits, target_probs))
