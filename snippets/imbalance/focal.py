# Focal loss (Lin et al., 2017) for class-index targets, written to match F.cross_entropy's API.
import math
import numbers
import operator

import torch
import torch.nn.functional as F


def focal_loss(input, target, gamma=2.0, alpha=None, reduction="mean", ignore_index=-100):
    """-alpha[y] * (1 - p_y)**gamma * log p_y per position; gamma=0 is F.cross_entropy.

    input: logits (C), (N, C) or (N, C, d1, ..., dk); target: class indices (), (N) or
    (N, d1, ..., dk), int64 (uint8 too for (C) and (N, C), as in torch). alpha: one weight per
    class, like `weight`. 'mean' divides
    by the sum of alpha over the kept targets (their count without alpha), as F.cross_entropy does.
    Bad arguments raise the exception type F.cross_entropy raises, before anything is computed.
    """
    for name, value in (("input", input), ("target", target), ("alpha", alpha)):
        if not isinstance(value, torch.Tensor) and not (name == "alpha" and value is None):
            raise TypeError(f"focal_loss(): argument '{name}' must be Tensor, not "
                            f"{type(value).__name__}")
    try:  # an int, or anything Python reads as one (a one-element integer tensor), but no bool
        operator.index(ignore_index)
        if isinstance(ignore_index, bool):
            raise TypeError
    except TypeError:
        raise TypeError("focal_loss(): argument 'ignore_index' must be int, not "
                        f"{type(ignore_index).__name__}") from None
    if isinstance(gamma, bool) or not isinstance(gamma, numbers.Real):
        raise TypeError(f"focal_loss(): argument 'gamma' must be a number, not "
                        f"{type(gamma).__name__}")
    if not math.isfinite(gamma) or gamma < 0:
        raise ValueError(f"gamma must be a finite number >= 0, got {gamma}")
    if reduction not in ("none", "mean", "sum"):
        raise ValueError(f"{reduction} is not a valid value for reduction")
    if target.shape == input.shape:  # F.cross_entropy reads this as class probabilities
        if not target.is_floating_point():
            raise RuntimeError(
                "Expected floating point type for target with class probabilities, "
                f"got {_name(target.dtype)}"
            )
        # what torch checks on that path before it computes, in its order
        if ignore_index >= 0:
            raise RuntimeError("ignore_index is not supported for floating point target")
        if input.dim() == 0:
            raise IndexError("Dimension specified as 1 but tensor has no dimensions")
        num_classes = input.shape[0 if input.dim() == 1 else 1]
        if alpha is not None and (alpha.dim() != 1 or alpha.numel() != num_classes):
            raise RuntimeError(
                f"cross_entropy: weight tensor should be defined either for all {num_classes} "
                f"classes or no classes but got weight tensor of shape: {list(alpha.shape)}"
            )
        raise NotImplementedError("focal_loss takes class-index targets, not probabilities")
    if input.dim() == 0:  # torch's log_softmax over dim 1 fails first
        raise IndexError("Dimension out of range (expected to be in range of [-1, 0], but got 1)")
    if not input.is_floating_point() and input.numel():  # ... and its log_softmax of integers
        raise NotImplementedError(f"\"log_softmax\" not implemented for '{_name(input.dtype)}'")
    if input.dim() >= 2 and target.dim() == 0:
        if input.shape[0] == 0:
            raise IndexError("Dimension specified as 0 but tensor has no dimensions")
        raise ValueError(f"Expected input batch_size ({input.shape[0]}) to match target "
                         "batch_size (0).")
    if input.dim() >= 2 and input.shape[0] != target.shape[0]:
        raise ValueError(
            f"Expected input batch_size ({input.shape[0]}) to match target batch_size "
            f"({target.shape[0]})."
        )
    if input.dim() <= 2 and target.dim() > 1:  # an extra dimension, such as (N, 1)
        raise RuntimeError("0D or 1D target tensor expected, multi-target not supported")
    if target.dtype not in (torch.long, torch.uint8):
        raise RuntimeError(
            f"expected target dtype to be Long or Byte, but got {_name(target.dtype)}"
        )
    if input.dim() == 1:  # one unbatched sample: a batch of one, squeezed again at the end
        if target.dim() == 1 and target.numel() != 1:
            raise ValueError(
                "For 1D input, 1D target must have size 1, but got target size: "
                f"{target.numel()}"
            )
        loss = focal_loss(input[None], target.reshape(1), gamma, alpha, reduction, ignore_index)
        return loss.reshape(()) if reduction == "none" else loss
    expected = input.shape[:1] + input.shape[2:]
    if target.shape != expected:
        raise RuntimeError(f"Expected target size {list(expected)}, got {list(target.shape)}")
    if input.dim() >= 3 and target.dtype != torch.long and target.numel():  # K-dim: Long only
        raise RuntimeError(f"expected scalar type Long but found {_name(target.dtype)}")
    num_classes = input.shape[1]
    if alpha is not None:
        # (N, C) needs a 1-d alpha, as torch's nll_loss does; higher ranks only count elements
        if alpha.numel() != num_classes or (input.dim() == 2 and alpha.dim() != 1):
            raise RuntimeError(
                f"weight tensor should be defined either for all {num_classes} classes or no "
                f"classes but got weight tensor of shape: {list(alpha.shape)}"
            )
        if alpha.dtype != input.dtype:
            raise RuntimeError(
                f"expected scalar type {_name(input.dtype)} but found {_name(alpha.dtype)}"
            )
    if not input.is_floating_point():  # empty integer logits: torch's nll_loss refuses them
        raise NotImplementedError(f"\"nll_loss\" not implemented for '{_name(input.dtype)}'")
    alpha = alpha.reshape(-1) if alpha is not None else None
    target = target.long()
    kept = target != ignore_index
    bad = kept & ((target < 0) | (target >= num_classes))
    if bad.any():
        raise IndexError(f"Target {target[bad][0].item()} is out of bounds.")

    safe_target = torch.where(kept, target, 0)  # any real class; the position is masked below
    log_p = F.log_softmax(input, dim=1)  # finite even at logits of +-1e4
    log_p_y = log_p.gather(1, safe_target.unsqueeze(1)).squeeze(1)
    # 1 - p_y, accurately near p_y = 1; the floor keeps the gradient finite when p_y is exactly 1
    one_minus_p = (-torch.expm1(log_p_y)).clamp_min(torch.finfo(log_p_y.dtype).tiny)
    alpha_y = alpha[safe_target] if alpha is not None else torch.ones_like(log_p_y)
    alpha_y = torch.where(kept, alpha_y, 0)
    loss = -alpha_y * one_minus_p.pow(gamma) * log_p_y
    if reduction == "none":
        return loss
    if reduction == "sum":
        return loss.sum()
    return loss.sum() / alpha_y.sum()  # 0/0 = nan when every target is ignored, as in torch


def _name(dtype):
    """torch's C++ name of a dtype, as its error messages print it."""
    names = {torch.float64: "Double", torch.float32: "Float", torch.float16: "Half",
             torch.bfloat16: "BFloat16", torch.int64: "Long", torch.int32: "Int",
             torch.int16: "Short", torch.int8: "Char", torch.uint8: "Byte", torch.bool: "Bool"}
    return names.get(dtype, str(dtype))


if __name__ == "__main__":
    torch.manual_seed(0)
    logits = torch.randn(4, 3)
    target = torch.tensor([0, 2, 1, 2])
    alpha = torch.tensor([0.25, 1.0, 2.0])

    # gamma = 0 is cross-entropy with weight=alpha, for every reduction
    for reduction in ("none", "sum", "mean"):
        expected = F.cross_entropy(logits, target, weight=alpha, reduction=reduction)
        torch.testing.assert_close(
            focal_loss(logits, target, gamma=0.0, alpha=alpha, reduction=reduction), expected
        )
    p_y = logits.softmax(dim=1)[torch.arange(4), target]
    print("p_y:       ", p_y)
    #> p_y:        tensor([0.8446, 0.1051, 0.5382, 0.4961])
    print("CE:        ", F.cross_entropy(logits, target, reduction="none"))
    #> CE:         tensor([0.1689, 2.2532, 0.6196, 0.7011])
    print("focal, γ=2:", focal_loss(logits, target, gamma=2.0, reduction="none"))
    #> focal, γ=2: tensor([0.0041, 1.8046, 0.1322, 0.1780])
    by_hand = -((1 - p_y) ** 2) * p_y.log()
    print("by hand:   ", by_hand)
    #> by hand:    tensor([0.0041, 1.8046, 0.1322, 0.1780])
    torch.testing.assert_close(focal_loss(logits, target, reduction="none"), by_hand)

    huge = torch.tensor([[1e4, -1e4, 0.0], [0.0, 0.0, 1e4]], requires_grad=True)
    loss = focal_loss(huge, torch.tensor([1, 2]), alpha=alpha)
    loss.backward()
    print("logits of ±1e4:", loss, "gradient finite:", huge.grad.isfinite().all().item())
    #> logits of ±1e4: tensor(6666.6665, grad_fn=<DivBackward0>) gradient finite: True
    try:
        focal_loss(logits, torch.tensor([0, 3, 1, 2]))
    except IndexError as err:
        print(f"{type(err).__name__}: {err}")
        #> IndexError: Target 3 is out of bounds.
