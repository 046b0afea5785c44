# Temperature scaling: fit one scalar T on held-out logits by minimising the NLL; ECE before/after.
import torch
import torch.nn.functional as F

generator = torch.Generator().manual_seed(0)
C = 5
true_logits = 1.5 * torch.randn(4000, C, generator=generator)  # the real class probabilities
target = torch.multinomial(true_logits.softmax(dim=1), 1, generator=generator).squeeze(1)
logits = 3.0 * true_logits  # an over-confident model: right ranking, logits 3 times too large
fit_logits, fit_target = logits[:2000], target[:2000]  # held-out set used to fit T
test_logits, test_target = logits[2000:], target[2000:]  # fresh samples to measure on


def expected_calibration_error(logits, target, bins=15):
    """Sum over confidence bins of (bin size / N) * |accuracy - mean confidence|."""
    confidence, predicted = logits.softmax(dim=1).max(dim=1)
    correct = (predicted == target).float()
    edges = torch.linspace(0, 1, bins + 1)
    ece = torch.tensor(0.0)
    for low, high in zip(edges[:-1], edges[1:]):
        in_bin = (confidence > low) & (confidence <= high)
        if in_bin.any():
            gap = (correct[in_bin].mean() - confidence[in_bin].mean()).abs()
            ece += in_bin.float().mean() * gap
    return ece


log_t = torch.zeros(1, requires_grad=True)  # T = exp(log_t) stays positive; starts at T = 1
optimizer = torch.optim.LBFGS([log_t], lr=0.1, max_iter=200, line_search_fn="strong_wolfe")


def closure():
    optimizer.zero_grad()
    loss = F.cross_entropy(fit_logits / log_t.exp(), fit_target)  # NLL of the scaled logits
    loss.backward()
    return loss


optimizer.step(closure)
T = log_t.exp().item()
print(f"fitted temperature T = {T:.3f}")
#> fitted temperature T = 3.052
for name, scaled in [("before (T = 1)", test_logits), ("after", test_logits / T)]:
    nll = F.cross_entropy(scaled, test_target)
    accuracy = (scaled.argmax(dim=1) == test_target).float().mean()
    ece = expected_calibration_error(scaled, test_target)
    print(f"{name:<15} NLL {nll:.4f}  ECE {ece:.4f}  accuracy {accuracy:.4f}")
    #> before (T = 1)  NLL 1.6169  ECE 0.2601  accuracy 0.5680
    #> after           NLL 1.0727  ECE 0.0333  accuracy 0.5680

# dividing by T > 0 keeps every argmax: the predictions, and so the accuracy, cannot change
assert torch.equal(test_logits.argmax(dim=1), (test_logits / T).argmax(dim=1))
assert expected_calibration_error(test_logits / T, test_target) < expected_calibration_error(
    test_logits, test_target
)
