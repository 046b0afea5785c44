"""snippets/large_vocab/chunked.py equals F.cross_entropy(hidden @ weight.T, ...) and keeps its promise.

Properties: values for every reduction and gradients for hidden and weight, over shapes, chunk sizes
that do not divide N, ignored targets (whole chunks of them, and all of them), float32 and float64.
Memory: every buffer any torch operation allocates, forward and backward, is recorded with a
TorchDispatchMode; none may exceed chunk_size x V elements, while the plain version allocates N x V.
z-loss: with z_loss > 0 the value and both gradients equal a direct computation of
cross-entropy + z_loss * (log Z)**2 over the kept positions, for every reduction; z_loss = 0 adds
nothing and computes no log Z; a bad z_loss raises ValueError or TypeError; the z-loss adds no
chunk-sized buffer to the backward; torch.autograd.gradcheck passes (undefined gradients included).
"""

from __future__ import annotations

import importlib.util
import os
import pathlib

import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st
from torch.utils._python_dispatch import TorchDispatchMode


ROOT = pathlib.Path(__file__).resolve().parent.parent
# CHUNKED_CROSS_ENTROPY points the tests at a deliberately broken copy, to see them fail.
CHUNKED_FILE = pathlib.Path(
    os.environ.get("CHUNKED_CROSS_ENTROPY", ROOT / "snippets" / "large_vocab" / "chunked.py")
)
_spec = importlib.util.spec_from_file_location("chunked", CHUNKED_FILE)
chunked = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(chunked)  # the demo sits under `if __name__ == "__main__":`, so no output

# Tolerances. The chunked and plain versions compute each row's logits with a matmul of a different
# number of rows (BLAS may block, and so round, differently), sum the per-token losses in another
# order, and add the weight gradient chunk by chunk instead of in one matmul. Each is a reordering of
# sums of at most ~100 terms of size ~10 here: float64 agrees to ~1e-15 relative, so 1e-10 leaves a
# wide margin; float32 rounds at ~6e-8 relative, so 1e-5 (torch.testing's own float32 default rtol
# is 1.3e-6) covers a few hundred roundings without hiding a wrong formula (errors are O(0.1)).
TOLERANCE = {torch.float32: dict(rtol=1e-5, atol=1e-5), torch.float64: dict(rtol=1e-10, atol=1e-10)}

FAST = settings(derandomize=True, max_examples=30, deadline=None, database=None)


@st.composite
def problems(draw):
    """hidden (N, H), weight (V, H), target (N,) with some ignored positions, and a chunk size."""
    n = draw(st.integers(0, 13))
    h = draw(st.integers(1, 5))
    v = draw(st.integers(1, 9))
    dtype = draw(st.sampled_from([torch.float32, torch.float64]))
    ignore_index = draw(st.sampled_from([-100, 0, 255]))
    seed = draw(st.integers(0, 2**16))
    gen = torch.Generator().manual_seed(seed)
    hidden = torch.randn(n, h, generator=gen, dtype=dtype) * 2
    weight = torch.randn(v, h, generator=gen, dtype=dtype)
    target = torch.randint(0, v, (n,), generator=gen)
    ignored = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    if n and draw(st.booleans()):  # a run of ignored positions, often a whole chunk or all of them
        start = draw(st.integers(0, n - 1))
        ignored[start : start + draw(st.integers(1, n))] = [True] * n
        ignored = ignored[:n]
    target[torch.tensor(ignored, dtype=torch.bool)] = ignore_index
    chunk_size = draw(st.integers(1, 15))
    return hidden, weight, target, chunk_size, ignore_index


def plain_and_chunked(hidden, weight, target, chunk_size, ignore_index, reduction):
    """(loss, grad hidden, grad weight) of the plain and the chunked computation."""
    results = []
    for fn in (
        lambda h, w: F.cross_entropy(h @ w.T, target, ignore_index=ignore_index, reduction=reduction),
        lambda h, w: chunked.chunked_cross_entropy(
            h, w, target, chunk_size=chunk_size, ignore_index=ignore_index, reduction=reduction
        ),
    ):
        h = hidden.clone().requires_grad_()
        w = weight.clone().requires_grad_()
        loss = fn(h, w)
        # A fixed, non-uniform upstream gradient, so 'none' checks every row's own scaling.
        upstream = torch.linspace(-1.0, 2.0, loss.numel(), dtype=loss.dtype).reshape(loss.shape)
        grad_h, grad_w = torch.autograd.grad(loss, (h, w), upstream, allow_unused=True)
        results.append((loss.detach(), grad_h, grad_w))
    return results


@FAST
@given(problems(), st.sampled_from(["mean", "sum", "none"]))
def test_chunked_equals_plain_in_value_and_gradients(problem, reduction):
    hidden, weight, target, chunk_size, ignore_index = problem
    (loss, grad_h, grad_w), (c_loss, c_grad_h, c_grad_w) = plain_and_chunked(
        hidden, weight, target, chunk_size, ignore_index, reduction
    )
    tol = TOLERANCE[hidden.dtype]
    # equal_nan: an all-ignored (or empty) 'mean' is nan in both; a nan only on one side still fails.
    torch.testing.assert_close(c_loss, loss, equal_nan=True, **tol)
    assert c_loss.dtype == loss.dtype and c_loss.shape == loss.shape
    torch.testing.assert_close(c_grad_h, grad_h, **tol)  # ignored rows: exactly 0 in both
    torch.testing.assert_close(c_grad_w, grad_w, **tol)


def test_all_ignored_mean_is_nan_with_zero_gradients():
    torch.manual_seed(0)
    hidden = torch.randn(6, 3, requires_grad=True)
    weight = torch.randn(7, 3, requires_grad=True)
    target = torch.full((6,), -100)
    loss = chunked.chunked_cross_entropy(hidden, weight, target, chunk_size=4)
    assert torch.isnan(loss) and torch.isnan(F.cross_entropy(hidden @ weight.T, target))
    loss.backward()
    assert torch.equal(hidden.grad, torch.zeros_like(hidden))  # torch's gradient is 0 too, no nan
    assert torch.equal(weight.grad, torch.zeros_like(weight))


BAD_INPUTS = {
    "target out of range": dict(target=torch.tensor([0, 7, 1, 2])),
    "negative target": dict(target=torch.tensor([0, -1, 1, 2])),
    "float target": dict(target=torch.tensor([0.0, 1.0, 1.0, 2.0])),
    "int32 target": dict(target=torch.tensor([0, 1, 1, 2], dtype=torch.int32)),
    "target batch size": dict(target=torch.tensor([0, 1, 2])),
    "2-d target": dict(target=torch.tensor([[0], [1], [1], [2]])),
    "hidden size mismatch": dict(weight=torch.randn(7, 4)),
    "dtype mismatch": dict(weight=torch.randn(7, 3, dtype=torch.float64)),
    "bad reduction": dict(reduction="avg"),
}


@pytest.mark.parametrize("case", BAD_INPUTS, ids=list(BAD_INPUTS))
def test_bad_input_raises_the_error_type_torch_raises(case):
    torch.manual_seed(0)
    args = dict(hidden=torch.randn(4, 3), weight=torch.randn(7, 3), target=torch.tensor([0, 1, 1, 2]),
                reduction="mean")
    args.update(BAD_INPUTS[case])
    with pytest.raises(Exception) as plain:
        F.cross_entropy(args["hidden"] @ args["weight"].T, args["target"], reduction=args["reduction"])
    with pytest.raises(Exception) as ours:
        chunked.chunked_cross_entropy(**args, chunk_size=2)
    assert type(ours.value) is type(plain.value), (ours.value, plain.value)


class LargestBuffer(TorchDispatchMode):
    """Shape and size of the largest new buffer any operation allocates while the mode is on.

    Outputs that share storage with an input (views such as weight.T, in-place ops) allocate
    nothing and are skipped.
    """

    def __init__(self) -> None:
        super().__init__()
        self.numel, self.shape = 0, ()

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        out = func(*args, **(kwargs or {}))
        flat_args = list(args) + list((kwargs or {}).values())
        inputs = {a.untyped_storage().data_ptr() for a in flat_args if isinstance(a, torch.Tensor)}
        for t in out if isinstance(out, (tuple, list)) else [out]:
            if isinstance(t, torch.Tensor) and t.untyped_storage().data_ptr() not in inputs:
                if t.numel() > self.numel:
                    self.numel, self.shape = t.numel(), tuple(t.shape)
        return out


def seeded_inputs(n: int, h: int, v: int) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Hidden states and weights that need gradients, and targets with every 7th ignored (-100)."""
    torch.manual_seed(0)
    hidden = torch.randn(n, h, requires_grad=True)
    weight = torch.randn(v, h, requires_grad=True)
    target = torch.randint(0, v, (n,))
    target[::7] = -100
    return hidden, weight, target


def test_no_buffer_exceeds_chunk_size_times_vocab_forward_or_backward():
    # H < chunk_size, so hidden, weight and their gradients are all smaller than one chunk of
    # logits: anything larger than chunk_size x V can only be logits-sized data.
    n, h, v, chunk_size = 50, 4, 300, 8  # 8 does not divide 50
    hidden, weight, target = seeded_inputs(n, h, v)

    for reduction in ("mean", "sum", "none"):
        with LargestBuffer() as plain:
            F.cross_entropy(hidden @ weight.T, target, reduction=reduction).sum().backward()
        assert plain.numel == n * v, plain.shape  # the check sees the full logits, so it can fail

        with LargestBuffer() as forward:
            loss = chunked.chunked_cross_entropy(
                hidden, weight, target, chunk_size=chunk_size, reduction=reduction
            ).sum()
        with LargestBuffer() as backward:
            loss.backward()
        for phase, largest in (("forward", forward), ("backward", backward)):
            assert largest.numel <= chunk_size * v, (reduction, phase, largest.shape)
            assert largest.shape == (chunk_size, v), (reduction, phase, largest.shape)  # seen


# ---- z-loss -------------------------------------------------------------------------------------


def direct_with_z_loss(hidden, weight, target, ignore_index, reduction, z_loss):
    """Cross-entropy plus z_loss * (log Z)**2 from the full logits, Z summed as written in PaLM."""
    logits = hidden @ weight.T
    kept = target != ignore_index
    log_z = torch.log(torch.exp(logits).sum(dim=1))  # no max trick: logits here are of order 10
    per_position = F.cross_entropy(logits, target, ignore_index=ignore_index, reduction="none")
    per_position = per_position + torch.where(kept, z_loss * log_z**2, 0.0)
    if reduction == "none":
        return per_position
    if reduction == "sum":
        return per_position.sum()
    return per_position.sum() / kept.sum()


@FAST
@given(problems(), st.sampled_from(["mean", "sum", "none"]), st.sampled_from([1e-4, 0.1, 1.0, 3.0]))
def test_z_loss_equals_the_direct_computation_in_value_and_gradients(problem, reduction, z_loss):
    hidden, weight, target, chunk_size, ignore_index = problem
    results = []
    for fn in (
        lambda h, w: direct_with_z_loss(h, w, target, ignore_index, reduction, z_loss),
        lambda h, w: chunked.chunked_cross_entropy(
            h, w, target, chunk_size=chunk_size, ignore_index=ignore_index, reduction=reduction,
            z_loss=z_loss,
        ),
    ):
        h = hidden.clone().requires_grad_()
        w = weight.clone().requires_grad_()
        loss = fn(h, w)
        upstream = torch.linspace(-1.0, 2.0, loss.numel(), dtype=loss.dtype).reshape(loss.shape)
        grads = torch.autograd.grad(loss, (h, w), upstream, allow_unused=True)
        results.append((loss.detach(), *grads))
    (loss, grad_h, grad_w), (c_loss, c_grad_h, c_grad_w) = results
    tol = TOLERANCE[hidden.dtype]
    torch.testing.assert_close(c_loss, loss, equal_nan=True, **tol)
    assert c_loss.dtype == loss.dtype and c_loss.shape == loss.shape
    if reduction == "none":  # ignored positions: exactly 0, the z term included
        assert torch.equal(c_loss[target == ignore_index], torch.zeros_like(c_loss[target == ignore_index]))
    if loss.isnan().any():  # 'mean' over no kept position: torch's gradient convention is 0
        assert torch.equal(c_grad_h, torch.zeros_like(c_grad_h))
        assert torch.equal(c_grad_w, torch.zeros_like(c_grad_w))
        return
    torch.testing.assert_close(c_grad_h, grad_h, **tol)
    torch.testing.assert_close(c_grad_w, grad_w, **tol)


@FAST
@given(problems(), st.sampled_from(["mean", "sum", "none"]))
def test_z_loss_zero_adds_nothing_and_computes_no_log_z(problem, reduction):
    """z_loss=0 is the plain chunked loss bit for bit: each chunk's F.cross_entropy, nothing added."""
    hidden, weight, target, chunk_size, ignore_index = problem

    class Calls(TorchDispatchMode):
        def __init__(self) -> None:
            super().__init__()
            self.names: list[str] = []

        def __torch_dispatch__(self, func, types, args=(), kwargs=None):
            self.names.append(func.__name__)
            return func(*args, **(kwargs or {}))

    with Calls() as calls:
        loss = chunked.chunked_cross_entropy(
            hidden, weight, target, chunk_size=chunk_size, ignore_index=ignore_index,
            reduction=reduction, z_loss=0.0,
        )
    assert not any("logsumexp" in name for name in calls.names), calls.names
    per_chunk = torch.cat([
        F.cross_entropy(hidden[s : s + chunk_size] @ weight.T, target[s : s + chunk_size],
                        ignore_index=ignore_index, reduction="none")
        for s in range(0, hidden.shape[0], chunk_size)
    ]) if hidden.shape[0] else hidden.new_zeros(0)
    expected = {"none": per_chunk, "sum": per_chunk.sum(),
                "mean": per_chunk.sum() / (target != ignore_index).sum()}[reduction]
    assert torch.equal(loss, expected) or (loss.isnan() & expected.isnan()).all()


BAD_Z_LOSS = {
    "negative": (-1e-4, ValueError),
    "nan": (float("nan"), ValueError),
    "inf": (float("inf"), ValueError),
    "string": ("1e-4", TypeError),
    "None": (None, TypeError),
    "bool": (True, TypeError),
    "tensor": (torch.tensor(1e-4), TypeError),
}


@pytest.mark.parametrize("case", BAD_Z_LOSS, ids=list(BAD_Z_LOSS))
def test_bad_z_loss_raises_a_clear_error(case):
    value, error = BAD_Z_LOSS[case]
    with pytest.raises(error, match="z_loss"):
        chunked.chunked_cross_entropy(torch.randn(4, 3), torch.randn(7, 3), torch.tensor([0, 1, 1, 2]),
                                      z_loss=value)


def test_z_loss_keeps_every_buffer_within_one_chunk():
    n, h, v, chunk_size = 50, 4, 300, 8
    hidden, weight, target = seeded_inputs(n, h, v)
    for reduction in ("mean", "sum", "none"):
        with LargestBuffer() as forward:
            loss = chunked.chunked_cross_entropy(
                hidden, weight, target, chunk_size=chunk_size, reduction=reduction, z_loss=1e-4
            ).sum()
        with LargestBuffer() as backward:
            loss.backward()
        for phase, largest in (("forward", forward), ("backward", backward)):
            assert largest.shape == (chunk_size, v), (reduction, phase, largest.shape)


class ChunkBuffers(TorchDispatchMode):
    """Counts the new buffers of one given shape that operations allocate while the mode is on."""

    def __init__(self, shape) -> None:
        super().__init__()
        self.shape, self.count = tuple(shape), 0

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        out = func(*args, **(kwargs or {}))
        flat_args = list(args) + list((kwargs or {}).values())
        inputs = {a.untyped_storage().data_ptr() for a in flat_args if isinstance(a, torch.Tensor)}
        for t in out if isinstance(out, (tuple, list)) else [out]:
            if (isinstance(t, torch.Tensor) and t.untyped_storage().data_ptr() not in inputs
                    and tuple(t.shape) == self.shape):
                self.count += 1
        return out


def test_z_loss_backward_allocates_no_more_chunk_buffers_than_without():
    """log Z's gradient is p itself: the z-loss term shares p's buffer instead of copying it."""
    n, h, v, chunk_size = 40, 4, 300, 8
    hidden, weight, target = seeded_inputs(n, h, v)
    counts = {}
    for z_loss in (0.0, 1e-4):
        loss = chunked.chunked_cross_entropy(hidden, weight, target, chunk_size=chunk_size,
                                             z_loss=z_loss)
        with ChunkBuffers((chunk_size, v)) as buffers:
            loss.backward()
        counts[z_loss] = buffers.count
    assert counts[0.0] > 0, counts  # the check sees the chunk buffers, so it can fail
    assert counts[1e-4] == counts[0.0], counts


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_gradcheck_with_z_loss(reduction):
    """torch's own gradient check, float64, including its test of an output with no gradient."""
    torch.manual_seed(0)
    hidden = torch.randn(7, 3, dtype=torch.float64, requires_grad=True)
    weight = torch.randn(11, 3, dtype=torch.float64, requires_grad=True)
    target = torch.tensor([0, 3, -100, 10, 5, -100, 2])
    assert torch.autograd.gradcheck(
        lambda h, w: chunked.chunked_cross_entropy(h, w, target, chunk_size=3, reduction=reduction,
                                                   z_loss=0.3),
        (hidden, weight),
    )
