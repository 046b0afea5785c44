# Cross-entropy of a linear output layer, computed chunk_size rows at a time: the (N, V) logits never exist.
import math
import numbers

import torch
import torch.nn.functional as F


class _ChunkedTokenLoss(torch.autograd.Function):
    """Per-token losses and log Z of hidden @ weight.T, one chunk of rows at a time."""

    @staticmethod
    def forward(ctx, hidden, weight, target, chunk_size, ignore_index, with_log_z):
        losses = hidden.new_empty(hidden.shape[0])
        log_z = hidden.new_zeros(hidden.shape[0] if with_log_z else 0)
        for start in range(0, hidden.shape[0], chunk_size):
            rows = slice(start, start + chunk_size)
            logits = hidden[rows] @ weight.T  # (chunk_size, V): the largest buffer, freed each pass
            losses[rows] = F.cross_entropy(
                logits, target[rows], ignore_index=ignore_index, reduction="none"
            )
            if with_log_z:  # log Z = logsumexp of the row, for the z-loss
                log_z[rows] = torch.logsumexp(logits, dim=1)
        ctx.save_for_backward(hidden, weight, target)  # no logits are kept for the backward
        ctx.chunk_size, ctx.ignore_index = chunk_size, ignore_index
        ctx.set_materialize_grads(False)  # an output nothing depends on gets None, not zeros
        return losses, log_z

    @staticmethod
    def backward(ctx, grad_losses, grad_log_z):
        hidden, weight, target = ctx.saved_tensors
        if grad_losses is None:  # the losses feed nothing (only autograd's own checks do this)
            grad_losses = hidden.new_zeros(hidden.shape[0])
        grad_hidden = torch.zeros_like(hidden) if ctx.needs_input_grad[0] else None
        grad_weight = torch.zeros_like(weight) if ctx.needs_input_grad[1] else None
        for start in range(0, hidden.shape[0], ctx.chunk_size):
            rows = slice(start, start + ctx.chunk_size)
            t = target[rows]
            kept = t != ctx.ignore_index
            grad_logits = (hidden[rows] @ weight.T).softmax(dim=1)  # recompute the chunk: p
            # Upstream gradient of loss n; an ignored row gets exactly 0 (where, not a product:
            # 'mean' over nothing sends an infinite upstream gradient).
            scale = torch.where(kept, grad_losses[rows], 0.0)
            if grad_log_z is None:
                grad_logits[kept, t[kept]] -= 1  # p - q, q one-hot of the target, in p's buffer
                grad_logits *= scale[:, None]
            else:  # d log Z / d logits = p too: (p - q) * scale + p * scale_z, in p's buffer
                scale_z = torch.where(kept, grad_log_z[rows], 0.0)
                grad_logits *= (scale + scale_z)[:, None]
                grad_logits[kept, t[kept]] -= scale[kept]
            if grad_hidden is not None:
                grad_hidden[rows] = grad_logits @ weight  # (chunk, V) @ (V, H)
            if grad_weight is not None:
                grad_weight += grad_logits.T @ hidden[rows]  # (V, chunk) @ (chunk, H)
        return grad_hidden, grad_weight, None, None, None, None


def chunked_cross_entropy(hidden, weight, target, *, chunk_size=1024, ignore_index=-100,
                          reduction="mean", z_loss=0.0):
    """F.cross_entropy(hidden @ weight.T, target, ...) holding at most chunk_size x V logits.

    z_loss > 0 adds z_loss * (log Z)**2 per kept position, Z the sum of exp(logits) of the row
    (PaLM uses 1e-4), reduced like the cross-entropy: 'mean' over kept positions, 'sum', or 'none'
    (0 at ignored positions).
    """
    if reduction not in ("none", "mean", "sum"):
        raise ValueError(f"{reduction} is not a valid value for reduction")
    if isinstance(z_loss, bool) or not isinstance(z_loss, numbers.Real):
        raise TypeError(f"z_loss must be a real number, got {type(z_loss).__name__}")
    if not math.isfinite(z_loss) or z_loss < 0:
        raise ValueError(f"z_loss must be a finite number >= 0, got {z_loss}")
    if not isinstance(chunk_size, int) or chunk_size < 1:
        raise ValueError(f"chunk_size must be a positive int, got {chunk_size!r}")
    if hidden.dim() != 2 or weight.dim() != 2 or hidden.shape[1] != weight.shape[1]:
        raise RuntimeError(
            f"hidden (N, H) and weight (V, H) expected, got {tuple(hidden.shape)} and "
            f"{tuple(weight.shape)}"
        )
    if hidden.dtype != weight.dtype:
        raise RuntimeError(f"expected hidden and weight to have the same dtype, but got: "
                           f"{hidden.dtype} != {weight.dtype}")
    if target.dim() != 1:
        raise RuntimeError("0D or 1D target tensor expected, multi-target not supported")
    if target.shape[0] != hidden.shape[0]:
        raise ValueError(f"Expected input batch_size ({hidden.shape[0]}) to match target "
                         f"batch_size ({target.shape[0]}).")
    if target.dtype not in (torch.long, torch.uint8):
        name = {torch.float32: "Float", torch.float64: "Double", torch.int32: "Int",
                torch.int16: "Short", torch.bool: "Bool"}.get(target.dtype, str(target.dtype))
        raise RuntimeError(f"expected target dtype to be Long or Byte, but got {name}")
    kept = target != ignore_index
    bad = kept & ((target < 0) | (target >= weight.shape[0]))
    if bad.any():
        raise IndexError(f"Target {target[bad][0].item()} is out of bounds.")

    losses, log_z = _ChunkedTokenLoss.apply(
        hidden, weight, target, chunk_size, ignore_index, z_loss != 0
    )
    if z_loss != 0:
        losses = losses + torch.where(kept, z_loss * log_z**2, 0.0)
    if reduction == "none":
        return losses
    if reduction == "sum":
        return losses.sum()
    return losses.sum() / kept.sum()  # 0 / 0 = nan when every target is ignored, as in torch


if __name__ == "__main__":
    torch.manual_seed(0)
    n_tokens, hidden_size, vocab = 10, 3, 50  # H < chunk_size: weight is smaller than a chunk
    hidden = torch.randn(n_tokens, hidden_size, requires_grad=True)
    weight = torch.randn(vocab, hidden_size, requires_grad=True)  # nn.Linear(3, 50, bias=False)
    target = torch.randint(0, vocab, (n_tokens,))
    target[7:] = -100  # padding: the last chunk is all ignored

    loss = chunked_cross_entropy(hidden, weight, target, chunk_size=4)  # chunks of 4, 4 and 2 rows
    grads = torch.autograd.grad(loss, (hidden, weight))
    plain = F.cross_entropy(hidden @ weight.T, target)
    plain_grads = torch.autograd.grad(plain, (hidden, weight))
    print(f"chunked {loss:.6f}, plain {plain:.6f}")
    #> chunked 3.970049, plain 3.970049
    torch.testing.assert_close(loss, plain)
    for grad, plain_grad in zip(grads, plain_grads):
        torch.testing.assert_close(grad, plain_grad)
    for reduction in ("none", "sum"):
        torch.testing.assert_close(
            chunked_cross_entropy(hidden, weight, target, chunk_size=4, reduction=reduction),
            F.cross_entropy(hidden @ weight.T, target, reduction=reduction),
        )

    # z-loss (PaLM: 1e-4 * log^2 Z per token), reduced over the kept positions like the loss
    z_loss = 1e-4
    with_z = chunked_cross_entropy(hidden, weight, target, chunk_size=4, z_loss=z_loss)
    logits = hidden @ weight.T
    kept = target != -100
    log_z = torch.logsumexp(logits, dim=1)
    direct = F.cross_entropy(logits, target) + z_loss * (log_z[kept] ** 2).mean()
    print(f"with z_loss: chunked {with_z:.5f}, direct {direct:.5f}, log Z {log_z[kept].mean():.3f}")
    #> with z_loss: chunked 3.97247, direct 3.97247, log Z 4.868
    torch.testing.assert_close(with_z, direct)
    for grad, direct_grad in zip(torch.autograd.grad(with_z, (hidden, weight)),
                                 torch.autograd.grad(direct, (hidden, weight))):
        torch.testing.assert_close(grad, direct_grad)

    # The largest buffer any operation allocates, forward and backward (views and in-place
    # results share their input's storage and are skipped): plain vs chunked.
    from torch.utils._python_dispatch import TorchDispatchMode

    class LargestBuffer(TorchDispatchMode):
        def __init__(self):
            super().__init__()
            self.shape, self.nbytes = None, 0

        def __torch_dispatch__(self, func, types, args=(), kwargs=None):
            out = func(*args, **(kwargs or {}))
            inputs = {a.untyped_storage().data_ptr() for a in args if isinstance(a, torch.Tensor)}
            for t in out if isinstance(out, (tuple, list)) else [out]:
                if (isinstance(t, torch.Tensor) and t.untyped_storage().data_ptr() not in inputs
                        and t.nbytes > self.nbytes):
                    self.shape, self.nbytes = tuple(t.shape), t.nbytes
            return out

    for name, loss_fn in [
        ("plain", lambda: F.cross_entropy(hidden @ weight.T, target)),
        ("chunked", lambda: chunked_cross_entropy(hidden, weight, target, chunk_size=4)),
    ]:
        with LargestBuffer() as largest:
            loss_fn().backward()
        print(f"{name:8} largest buffer {largest.shape}: {largest.nbytes} bytes")
        #> plain    largest buffer (10, 50): 2000 bytes
        #> chunked  largest buffer (4, 50): 800 bytes
