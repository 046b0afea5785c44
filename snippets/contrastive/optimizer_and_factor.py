# A gradient that is off by a constant factor (1/R from the put-back gather under DDP): Adam divides
# each parameter's step by the running size of its own gradients, so the factor cancels up to eps;
# SGD's step is proportional to the gradient, so the factor stays.
import torch

torch.manual_seed(0)
R = 4
grads = torch.randn(10, 16)  # ten steps' gradients of one parameter tensor
for name, make_optimizer in [("Adam", torch.optim.Adam), ("SGD", torch.optim.SGD)]:
    ends = []
    for factor in (1.0, 1 / R):  # the right gradients, then the same ones divided by R
        w = torch.zeros(16, requires_grad=True)
        optimizer = make_optimizer([w], lr=0.01)
        for g in grads:
            w.grad = factor * g
            optimizer.step()
        ends.append(w.detach())
    gap = (ends[0] - ends[1]).abs().max().item()
    print(f"{name:4}, gradients / R: parameters differ by up to {gap:.1e} "
          f"(largest parameter {ends[0].abs().max().item():.1e})")
    #> Adam, gradients / R: parameters differ by up to 7.5e-09 (largest parameter 6.8e-02)
    #> SGD , gradients / R: parameters differ by up to 3.3e-02 (largest parameter 4.4e-02)
    assert gap < 1e-6 if name == "Adam" else gap > 1e-3
