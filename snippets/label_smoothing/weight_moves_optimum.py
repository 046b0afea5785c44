# With weight and label_smoothing, the loss-optimal p is w * q~ normalised, not the smoothed target q~.
import torch
import torch.nn.functional as F


def optimum(loss_of_logits, C):
    """Free logits trained to the minimum of a loss, returned as probabilities."""
    logits = torch.zeros(1, C, dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.LBFGS([logits], max_iter=200, tolerance_grad=1e-12,
                                  tolerance_change=1e-15, line_search_fn="strong_wolfe")

    def closure():
        optimizer.zero_grad()
        loss = loss_of_logits(logits)
        loss.backward()
        return loss

    optimizer.step(closure)
    return logits.detach().softmax(dim=1)


eps = 0.1
target = torch.tensor([0])  # one correctly labelled sample of the common class 0
for weight in ([1.0, 50.0], [1.0, 1.0, 20.0], [50.0, 1.0]):
    w = torch.tensor(weight, dtype=torch.float64)
    C = len(w)
    smoothed = ((1 - eps) * F.one_hot(target, C) + eps / C).double()  # q~
    p = optimum(lambda x: F.cross_entropy(x, target, weight=w, label_smoothing=eps), C)
    closed_form = w * smoothed / (w * smoothed).sum()  # p* = w q~ / sum_c w_c q~_c
    print(f"weight={weight}: optimum p {p.numpy().round(4)}  w*q~ normalised "
          f"{closed_form.numpy().round(4)}  predicts class {p.argmax().item()}")
    #> weight=[1.0, 50.0]: optimum p [[0.2754 0.7246]]  w*q~ normalised [[0.2754 0.7246]]  predicts class 1
    #> weight=[1.0, 1.0, 20.0]: optimum p [[0.5714 0.0204 0.4082]]  w*q~ normalised [[0.5714 0.0204 0.4082]]  predicts class 0
    #> weight=[50.0, 1.0]: optimum p [[0.9989 0.0011]]  w*q~ normalised [[0.9989 0.0011]]  predicts class 0
    torch.testing.assert_close(p, closed_form)

# The alternative: smooth the target yourself and weight each sample by w_y (reduction='none').
w = torch.tensor([1.0, 50.0], dtype=torch.float64)
smoothed = ((1 - eps) * F.one_hot(target, 2) + eps / 2).double()


def per_sample_weighted(x):
    per_sample = F.cross_entropy(x, smoothed, reduction="none")  # -sum_c q~_c log p_c
    return (w[target] * per_sample).sum() / w[target].sum()


p = optimum(per_sample_weighted, 2)
print(f"per-sample weight: optimum p {p.numpy().round(4)}  q~ {smoothed.numpy().round(4)}")
#> per-sample weight: optimum p [[0.95 0.05]]  q~ [[0.95 0.05]]
torch.testing.assert_close(p, smoothed)
