import torch
import torch.nn.functional as F

C, eps = 10, 0.1
target = torch.tensor([3])
q = torch.full((1, C), eps / C)  # the smoothed target PyTorch trains towards
q[0, 3] += 1 - eps
entropy = -(q * q.log()).sum()

best = F.cross_entropy(q.log(), target, label_smoothing=eps)  # logits whose softmax is q
confident = torch.zeros(1, C)
confident[0, 3] = 20.0  # "perfectly sure" of the right class
print(f"smoothed target: {q[0, 3]:.4f} on the class, {q[0, 0]:.4f} on each other class")
#> smoothed target: 0.9100 on the class, 0.0100 on each other class
print(f"entropy H(q):             {entropy:.5f}")
#> entropy H(q):             0.50029
print(f"loss at softmax = q:      {best:.5f}")
#> loss at softmax = q:      0.50029
print(f"loss when 'sure':         {F.cross_entropy(confident, target, label_smoothing=eps):.5f}")
#> loss when 'sure':         1.80000
torch.testing.assert_close(best, entropy)

torch.manual_seed(0)
for _ in range(1000):  # any other logits give a higher loss
    logits = q.log() + 0.5 * torch.randn(1, C)
    assert F.cross_entropy(logits, target, label_smoothing=eps) >= best - 1e-6
