"""F.cross_entropy written out from its formulas, for torch 2.13.

Only elementary tensor operations: max, exp, log, sum, gather, where, reshape.
No log_softmax, logsumexp, softmax, nll_loss or cross_entropy. Same arguments,
same result (shape, dtype, value) and same exception types as
torch.nn.functional.cross_entropy. Run it to check it against torch:

    python snippets/reference.py
"""

import torch


def cross_entropy(
    input,
    target,
    weight=None,
    ignore_index=-100,
    reduction="mean",
    label_smoothing=0.0,
):
    """Cross-entropy of logits against class indices or class probabilities."""
    probabilities = check_arguments(
        input, target, weight, ignore_index, reduction, label_smoothing
    )
    eps = label_smoothing if label_smoothing > 0 else 0.0  # ε < 0 counts as 0

    # Step 1. One row of C logits per position: x has shape (M, C).
    unbatched = input.dim() == 1  # a (C) input is a batch of one
    if unbatched:
        input = input.reshape(1, -1)
        target = target.reshape(1, -1) if probabilities else target.reshape(1)
    C = input.shape[1]
    positions = (input.shape[0], *input.shape[2:])  # (N, d1, ..., dk)
    x = input.movedim(1, -1).reshape(-1, C)

    # Step 2. log p = x - LSE(x), LSE(x) = m + log Σ_k exp(x_k - m), m = max x.
    m = x.max(dim=1, keepdim=True).values
    log_p = x - m - torch.log(torch.exp(x - m).sum(dim=1, keepdim=True))

    # Step 3. Class weights: w_c = 1 for every class when none are given.
    w = torch.ones(C, dtype=input.dtype) if weight is None else weight

    if probabilities:
        # Step 4a. ℓ_i = -Σ_c log p_ic q̃_ic w_c, q̃ = (1 - ε) q + ε/C, q the target.
        q = target.movedim(1, -1).reshape(-1, C)
        if eps > 0:
            q = (1 - eps) * q + eps / C
        loss = -(log_p * q * w).sum(dim=1)
    else:
        # Step 4b. ℓ_i = v_i [(1-ε) w_y (-log p_iy) + ε/C Σ_c w_c (-log p_ic)].
        y = target.reshape(-1).long()
        v = y != ignore_index  # v_i: does position i count?
        y = torch.where(v, y, 0)  # a valid index in ignored rows, zeroed below
        w_y = w[y]
        picked = log_p.gather(1, y[:, None])[:, 0]  # log p_{i, y_i}
        target_term = torch.where(v, -w_y * picked, 0.0)
        uniform_term = torch.where(v, -(w * log_p).sum(dim=1), 0.0)
        loss = (1 - eps) * target_term + eps / C * uniform_term

    # Step 5. Reduce: 'none' keeps the positions, 'sum' adds, 'mean' divides.
    if reduction == "none":
        return loss.reshape(() if unbatched else positions)
    if reduction == "sum":
        return loss.sum()
    if probabilities:
        M = loss.shape[0]  # the number of positions, N d1 ... dk
        return loss.sum() / M
    W = torch.where(v, w_y, 0.0).sum()  # W = Σ_i v_i w_yi
    # Each term is divided by W, as torch does: W = 0 gives NaN even if ε > 0.
    return (1 - eps) * target_term.sum() / W + eps / C * uniform_term.sum() / W


def check_arguments(input, target, weight, ignore_index, reduction, eps):
    """Raise what F.cross_entropy raises, before anything is computed.

    Returns True when the target holds class probabilities, False for indices.
    """
    if reduction not in ("none", "mean", "sum"):
        raise ValueError(
            f"reduction={reduction!r}; expected 'none', 'mean' or 'sum'"
        )
    # The dispatch rule: probabilities iff the shapes are equal, whatever dtype.
    probabilities = target.shape == input.shape
    shape, got = tuple(input.shape), tuple(target.shape)
    index_shape = shape[:1] + shape[2:]  # the input's shape without dim 1
    if probabilities:
        if not target.is_floating_point():
            raise RuntimeError(
                f"a target of the input's shape {shape} holds probabilities "
                f"and must be floating point, got {target.dtype}; "
                f"class indices have shape {index_shape}"
            )
        if ignore_index >= 0:
            raise RuntimeError(
                f"ignore_index={ignore_index} is not supported for probability "
                "targets; expected a negative value (the default is -100)"
            )
    elif eps > 1:
        raise RuntimeError(f"label_smoothing={eps}, expected a value in [0, 1]")
    if input.dim() == 0:
        raise IndexError("input is 0-d; expected (C), (N, C) or (N, C, d1...)")
    C = shape[0] if input.dim() == 1 else shape[1]
    wrong_weight = weight is not None and tuple(weight.shape) != (C,)
    if wrong_weight:
        weight_problem = f"weight shape {tuple(weight.shape)}, expected ({C},)"
    if probabilities and wrong_weight:
        raise RuntimeError(weight_problem)
    if not input.is_floating_point():
        raise NotImplementedError(
            f"logits of dtype {input.dtype}; expected floating point"
        )
    if probabilities:
        if eps > 1:
            raise RuntimeError(f"label_smoothing={eps}, expected it in [0, 1]")
        return True

    # Class indices: shape, then dtype, then weight, then values.
    if input.dim() == 1:
        if target.dim() > 1:
            raise RuntimeError(f"(C) input: target shape {got}, expected ()")
    elif target.dim() == 0 or got[0] != shape[0]:
        raise ValueError(
            f"input batch size is {shape[0]}, target batch size is "
            f"{got[0] if got else 'missing (0-d target)'}; expected equal"
        )
    elif got != index_shape:
        raise RuntimeError(
            f"target has shape {got}; expected class indices of shape "
            f"{index_shape} or probabilities of the input's shape {shape}"
        )
    if weight is not None and weight.requires_grad and torch.is_grad_enabled():
        raise RuntimeError("weight cannot require grad with class indices")
    if target.dtype not in (torch.int64, torch.uint8):
        raise RuntimeError(
            f"class indices must be int64 (long) or uint8, got {target.dtype}"
        )
    if input.dim() == 1 and target.numel() != 1:
        raise ValueError(f"(C) input: target shape {got}, expected ()")
    if wrong_weight:
        raise RuntimeError(weight_problem)
    if weight is not None and weight.dtype != input.dtype:
        raise RuntimeError(
            f"weight dtype {weight.dtype}, expected the input's {input.dtype}"
        )
    y = target.long()
    bad = (y != ignore_index) & ((y < 0) | (y >= C))
    if bad.any():
        raise IndexError(
            f"target {y[bad][0].item()} is out of bounds: expected a class in "
            f"[0, {C - 1}] or ignore_index={ignore_index}"
        )
    if input.dim() == 1 and target.dim() == 1 and eps > 0:
        raise RuntimeError(
            "torch 2.13 fails on a (C) input with a (1,) target and "
            "label_smoothing > 0; expected a 0-d target"
        )
    return False


if __name__ == "__main__":
    import torch.nn.functional as F

    torch.manual_seed(0)
    logits = torch.randn(2, 5, 3, dtype=torch.float64)  # (N, C, d1)
    index_target = torch.randint(0, 5, (2, 3))
    index_target[0, 1] = -100  # one position ignored
    prob_target = torch.rand(2, 5, 3, dtype=torch.float64)
    prob_target = prob_target / prob_target.sum(dim=1, keepdim=True)
    weight = torch.rand(5, dtype=torch.float64)
    common = dict(weight=weight, label_smoothing=0.1)

    for name, target in [("index", index_target), ("probability", prob_target)]:
        for reduction in ["none", "sum", "mean"]:
            options = {**common, "reduction": reduction}
            manual = cross_entropy(logits, target, **options)
            expected = F.cross_entropy(logits, target, **options)
            torch.testing.assert_close(manual, expected, rtol=1e-12, atol=1e-12)
            shown = ", ".join(f"{value:.6f}" for value in manual.flatten()[:3])
            print(f"{name:>11} {reduction:>4}: {shown}")
            #>       index none: 1.175317, 0.000000, 0.533956
            #>       index  sum: 3.036893
            #>       index mean: 2.577138
            #> probability none: 0.762648, 0.448483, 0.674390
            #> probability  sum: 3.994336
            #> probability mean: 0.665723

    extreme = torch.tensor([[1e4, -1e4, 0.0], [-1e4, 1e4, 0.0]])  # float32
    manual = cross_entropy(extreme, torch.tensor([1, 2]), reduction="none")
    expected = F.cross_entropy(extreme, torch.tensor([1, 2]), reduction="none")
    torch.testing.assert_close(manual, expected)
    print("logits ±1e4:", manual, expected)
    #> logits ±1e4: tensor([20000., 10000.]) tensor([20000., 10000.])

    all_ignored = torch.tensor([-100, -100])
    manual = cross_entropy(extreme, all_ignored)
    expected = F.cross_entropy(extreme, all_ignored)
    assert manual.isnan() and expected.isnan()
    print("all ignored:", manual, expected)
    #> all ignored: tensor(nan) tensor(nan)

    x = logits.clone().requires_grad_()
    cross_entropy(x, index_target, **common).backward()
    x_torch = logits.clone().requires_grad_()
    F.cross_entropy(x_torch, index_target, **common).backward()
    difference = (x.grad - x_torch.grad).abs().max()
    assert difference < 1e-12
    print("largest gradient difference below 1e-12:", bool(difference < 1e-12))
    #> largest gradient difference below 1e-12: True
