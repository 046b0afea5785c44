# With a one-hot target q, H(q) = 0: cross-entropy = KL divergence = -log p_y.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(5, dtype=torch.float64)
target = torch.tensor(1)
target_probs = F.one_hot(target, num_classes=5).to(torch.float64)  # q = [0, 1, 0, 0, 0]
log_probs = logits.log_softmax(dim=0)  # log p

entropy = torch.special.entr(target_probs).sum()  # -sum q log q, with 0 * log 0 = 0
kl = F.kl_div(log_probs, target_probs, reduction="sum")  # KL(q || p)
print(f"H(q)       = {entropy.item():.6f}")
#> H(q)       = 0.000000
print(f"KL(q||p)   = {kl.item():.6f}")
#> KL(q||p)   = 2.325737
print(f"-log p_y   = {-log_probs[target].item():.6f}")
#> -log p_y   = 2.325737

assert entropy == 0
torch.testing.assert_close(kl, -log_probs[target])
torch.testing.assert_close(kl, F.cross_entropy(logits, target))
