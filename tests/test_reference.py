"""snippets/reference.py agrees with F.cross_entropy: values, shapes, dtypes, NaNs and gradients.

Property tests draw every combination of the options (target kind, weight, ignore_index,
reduction, label smoothing, input rank, dtype, logit scale); explicit tests pin the edge cases.
LARGEST_ERROR collects the largest difference seen per dtype (the published agreement claim).
"""

from __future__ import annotations

import importlib.util
import os
import pathlib
import re

import pytest
import torch
import torch.nn.functional as F
from hypothesis import event, given, settings
from hypothesis import strategies as st


ROOT = pathlib.Path(__file__).resolve().parent.parent
# CROSS_ENTROPY_REFERENCE points the tests at a deliberately broken copy, to see them fail.
REFERENCE_FILE = pathlib.Path(
    os.environ.get("CROSS_ENTROPY_REFERENCE", ROOT / "snippets" / "reference.py")
)
_spec = importlib.util.spec_from_file_location("reference", REFERENCE_FILE)
reference = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(reference)

# Tolerances of the claim: |reference - torch| <= TOL + TOL * |torch|, elementwise.
TOLERANCE = {torch.float64: 1e-12, torch.float32: 1e-5}

# dtype name -> {"forward" / "gradient" -> (largest abs error, largest relative error)}
LARGEST_ERROR: dict[str, dict[str, tuple[float, float]]] = {}


def record_error(kind: str, manual: torch.Tensor, expected: torch.Tensor, name: str) -> None:
    finite = torch.isfinite(expected)
    if not finite.any():
        return
    diff = (manual[finite].double() - expected[finite].double()).abs()
    scale = expected[finite].double().abs().clamp_min(1.0)  # relative above 1, absolute below
    old_abs, old_rel = LARGEST_ERROR.setdefault(name, {}).get(kind, (0.0, 0.0))
    LARGEST_ERROR[name][kind] = (
        max(old_abs, diff.max().item()),
        max(old_rel, (diff / scale).max().item()),
    )


def assert_same(
    manual: torch.Tensor,
    expected: torch.Tensor,
    kind: str = "forward",
    precision: torch.dtype | None = None,
) -> None:
    """Same shape, dtype and NaN pattern; values within the tolerance of ``precision``.

    ``precision`` is the dtype the logits were computed in (log-softmax runs in the input's dtype);
    on the probability path a float64 target or weight promotes the result but not that precision.
    """
    precision = precision or expected.dtype
    assert manual.shape == expected.shape, (manual.shape, expected.shape)
    assert manual.dtype == expected.dtype, (manual.dtype, expected.dtype)
    assert torch.equal(manual.isnan(), expected.isnan()), (manual, expected)
    record_error(kind, manual, expected, str(precision).removeprefix("torch."))
    tol = TOLERANCE[precision]
    torch.testing.assert_close(manual, expected, rtol=tol, atol=tol, equal_nan=True)


def both(*args, **kwargs) -> tuple[torch.Tensor, torch.Tensor]:
    return reference.cross_entropy(*args, **kwargs), F.cross_entropy(*args, **kwargs)


# --------------------------------------------------------------------------------------------------
# Drawing cases
# --------------------------------------------------------------------------------------------------
REDUCTIONS = ["none", "sum", "mean"]
DTYPES = [torch.float32, torch.float64]


@st.composite
def cases(draw, kind: str) -> tuple[torch.Tensor, torch.Tensor, dict]:
    """(logits, target, options) for one combination; tensors come from a drawn seed."""
    generator = torch.Generator().manual_seed(draw(st.integers(0, 2**31 - 1)))
    dtype = draw(st.sampled_from(DTYPES))
    rank = draw(st.integers(1, 5))  # (C), (N,C), (N,C,d1), (N,C,d1,d2), (N,C,d1,d2,d3)
    C = draw(st.integers(1, 5))
    N = draw(st.integers(0, 3))
    spatial = [draw(st.integers(1, 3)) for _ in range(rank - 2)]
    shape = (C,) if rank == 1 else (N, C, *spatial)
    scale = draw(st.sampled_from([1.0, 30.0, 1e4]))
    logits = torch.randn(shape, generator=generator, dtype=dtype) * scale
    options: dict = {"reduction": draw(st.sampled_from(REDUCTIONS))}
    options["label_smoothing"] = draw(
        st.sampled_from([0.0, 1.0, -0.5]) | st.floats(0.01, 0.99, allow_nan=False)
    )

    if kind == "index":
        index_shape = shape[:1] + shape[2:] if rank > 1 else ()
        target = torch.randint(0, C, index_shape, generator=generator)
        ignore = draw(st.sampled_from(["default", "real class", "255"]))
        if ignore == "real class":
            options["ignore_index"] = draw(st.integers(0, C - 1))
        else:
            if ignore == "255":
                options["ignore_index"] = 255
            fraction = draw(st.sampled_from([0.0, 0.3, 1.0]))  # none, some or all ignored
            dropped = torch.rand(index_shape, generator=generator) < fraction
            target = torch.where(dropped, options.get("ignore_index", -100), target)
        weight_dtype = dtype  # the index path requires the input's dtype
    else:
        target_dtype = draw(st.sampled_from(DTYPES))  # the probability path promotes dtypes
        target = torch.rand(shape, generator=generator, dtype=target_dtype)
        if draw(st.booleans()):
            target = target / target.sum(dim=0 if rank == 1 else 1, keepdim=True)  # rows sum to 1
        else:
            target = target * 2 - 0.5  # torch does not validate: any values are accepted
        if draw(st.booleans()):
            options["ignore_index"] = -1  # negative values are accepted and ignored
        weight_dtype = draw(st.sampled_from(DTYPES))

    weighting = draw(st.sampled_from(["none", "positive", "with zeros"]))
    if weighting != "none":
        weight = torch.rand(C, generator=generator, dtype=weight_dtype) + 0.1
        if weighting == "with zeros":
            weight = torch.where(torch.rand(C, generator=generator) < 0.5, 0.0, weight)
        options["weight"] = weight
    return logits, target, options


PROPERTY = settings(derandomize=True, max_examples=300, deadline=None)


@PROPERTY
@given(cases("index"))
def test_index_targets_match_torch(case) -> None:
    logits, target, options = case
    manual, expected = both(logits, target, **options)
    event(f"rank {logits.dim()}, {options['reduction']}, NaN: {bool(expected.isnan().any())}")
    assert_same(manual, expected, precision=logits.dtype)


@PROPERTY
@given(cases("probability"))
def test_probability_targets_match_torch(case) -> None:
    logits, target, options = case
    manual, expected = both(logits, target, **options)
    event(f"rank {logits.dim()}, {options['reduction']}, NaN: {bool(expected.isnan().any())}")
    assert_same(manual, expected, precision=logits.dtype)


@settings(derandomize=True, max_examples=150, deadline=None)
@given(st.sampled_from(["index", "probability"]).flatmap(cases), st.integers(0, 2**31 - 1))
def test_gradients_match_torch(case, seed) -> None:
    """Autograd through the reference gives torch's gradient w.r.t. the logits (and soft target)."""
    logits, target, options = case
    soft = target.is_floating_point()
    runs = []
    for loss_fn in (reference.cross_entropy, F.cross_entropy):
        x = logits.clone().requires_grad_()
        t = target.clone().requires_grad_() if soft else target
        runs.append((loss_fn(x, t, **options), x, t))
    nan_manual, nan_expected = (loss.isnan() for loss, _, _ in runs)
    assert torch.equal(nan_manual, nan_expected), "the reference and torch disagree on NaN"
    if nan_expected.any():  # a NaN mean has NaN (or zero) gradients; see the edge tests
        event("skipped: NaN loss")
        return
    grads = []
    for loss, x, t in runs:
        upstream = torch.randn(loss.shape, generator=torch.Generator().manual_seed(seed))
        (loss * upstream.to(loss.dtype)).sum().backward()
        grads.append((x.grad, t.grad if soft else None))
    (manual_x, manual_t), (expected_x, expected_t) = grads
    assert_same(manual_x, expected_x, kind="gradient", precision=logits.dtype)
    if soft:
        assert_same(manual_t, expected_t, kind="gradient", precision=logits.dtype)


# --------------------------------------------------------------------------------------------------
# Edge cases, one test each
# --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("label_smoothing", [0.0, 0.2, 1.0], ids=lambda e: f"eps={e}")
@pytest.mark.parametrize("weighted", [False, True], ids=["no-weight", "weight"])
@pytest.mark.parametrize("shape", [(3, 4), (2, 4, 3)], ids=str)
def test_all_positions_ignored(shape, weighted, label_smoothing) -> None:
    """Every target is ignore_index: 'none' is zeros, 'sum' is 0, 'mean' is 0/0 = NaN."""
    torch.manual_seed(0)
    logits = torch.randn(shape, dtype=torch.float64)
    target = torch.full(shape[:1] + shape[2:], -100)
    options = {"label_smoothing": label_smoothing}
    if weighted:
        options["weight"] = torch.rand(shape[1], dtype=torch.float64)
    for reduction in REDUCTIONS:
        assert_same(*both(logits, target, reduction=reduction, **options))
    manual = reference.cross_entropy(logits, target, **options)
    assert manual.isnan()
    # torch's gradient of that NaN mean is all zeros; so is the reference's
    for loss_fn in (reference.cross_entropy, F.cross_entropy):
        x = logits.clone().requires_grad_()
        loss_fn(x, target, **options).backward()
        assert torch.equal(x.grad, torch.zeros_like(logits))


@pytest.mark.parametrize("kind", ["index", "probability"])
@pytest.mark.parametrize("shape", [(0, 4), (0, 4, 3), (0, 4, 2, 2)], ids=str)
def test_empty_batch(shape, kind) -> None:
    logits = torch.randn(shape)
    target = (
        torch.zeros(shape, dtype=torch.float32)
        if kind == "probability"
        else (torch.zeros(shape[:1] + shape[2:], dtype=torch.long))
    )
    for reduction in REDUCTIONS:
        assert_same(*both(logits, target, reduction=reduction, label_smoothing=0.1))
    assert reference.cross_entropy(logits, target).isnan()


@pytest.mark.parametrize("kind", ["index", "probability"])
def test_single_class_loss_is_zero(kind) -> None:
    """C = 1: log-softmax of one logit is 0, so every loss is 0 (and the mean is 0, not NaN)."""
    logits = torch.randn(5, 1, dtype=torch.float64) * 100
    target = (
        torch.ones(5, 1, dtype=torch.float64) if kind == "probability" else torch.zeros(5).long()
    )
    for reduction in REDUCTIONS:
        manual, expected = both(logits, target, reduction=reduction, label_smoothing=0.3)
        assert_same(manual, expected)
        assert torch.equal(manual, torch.zeros_like(manual))


@pytest.mark.parametrize("label_smoothing", [0.0, 0.3], ids=lambda e: f"eps={e}")
def test_zero_weight_on_every_present_class(label_smoothing) -> None:
    """W = Σ w_y = 0: the index mean is NaN even when the smoothing sum is positive."""
    logits = torch.randn(4, 3, dtype=torch.float64)
    target = torch.tensor([0, 0, 2, 2])
    weight = torch.tensor([0.0, 1.0, 0.0], dtype=torch.float64)
    for reduction in REDUCTIONS:
        assert_same(
            *both(
                logits, target, weight=weight, reduction=reduction, label_smoothing=label_smoothing
            )
        )
    assert reference.cross_entropy(
        logits, target, weight=weight, label_smoothing=label_smoothing
    ).isnan()


def test_zero_weights_on_probability_path_give_zero_not_nan() -> None:
    """The probability mean divides by M, not by weights: all-zero weights give 0."""
    logits = torch.randn(4, 3)
    target = torch.rand(4, 3)
    manual, expected = both(logits, target, weight=torch.zeros(3))
    assert_same(manual, expected)
    assert manual == 0


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
@pytest.mark.parametrize("kind", ["index", "probability"])
def test_extreme_logits_stay_finite(dtype, kind) -> None:
    """Logits of ±1e4: exp(1e4) overflows, the shifted log-sum-exp does not."""
    logits = torch.tensor([[1e4, -1e4, 0.0], [-1e4, 1e4, 1e4], [0.0, 0.0, -1e4]], dtype=dtype)
    target = torch.eye(3, dtype=dtype) if kind == "probability" else torch.tensor([1, 2, 0])
    for reduction in REDUCTIONS:
        for label_smoothing in [0.0, 0.1]:
            x_manual = logits.clone().requires_grad_()
            x_expected = logits.clone().requires_grad_()
            manual = reference.cross_entropy(
                x_manual, target, reduction=reduction, label_smoothing=label_smoothing
            )
            expected = F.cross_entropy(
                x_expected, target, reduction=reduction, label_smoothing=label_smoothing
            )
            assert torch.isfinite(manual).all()
            assert_same(manual.detach(), expected.detach())
            manual.sum().backward()
            expected.sum().backward()
            assert_same(x_manual.grad, x_expected.grad, kind="gradient")


@pytest.mark.parametrize(
    "target",
    [torch.tensor(2), torch.tensor([2]), torch.tensor(-100)],
    ids=["0-d", "(1,)", "0-d ignored"],
)
def test_unbatched_input_with_index_target(target) -> None:
    """A (C) input is a batch of one; a (1,) target is accepted and gives a 0-d loss too."""
    logits = torch.randn(5, dtype=torch.float64)
    for reduction in REDUCTIONS:
        manual, expected = both(logits, target, reduction=reduction)
        assert_same(manual, expected)
        assert manual.shape == ()


def test_unbatched_input_with_probability_target() -> None:
    logits = torch.randn(5, dtype=torch.float64)
    target = torch.rand(5, dtype=torch.float64)
    for reduction in REDUCTIONS:
        manual, expected = both(logits, target, reduction=reduction, label_smoothing=0.2)
        assert_same(manual, expected)
        assert manual.shape == ()


@pytest.mark.parametrize("kind", ["index", "probability"])
def test_negative_label_smoothing_counts_as_zero(kind) -> None:
    logits = torch.randn(4, 3, dtype=torch.float64)
    target = (
        torch.rand(4, 3, dtype=torch.float64)
        if kind == "probability"
        else torch.tensor([0, 1, 2, 1])
    )
    manual, expected = both(logits, target, label_smoothing=-0.5)
    assert_same(manual, expected)
    assert torch.equal(manual, reference.cross_entropy(logits, target))


def test_probability_path_promotes_dtypes() -> None:
    logits = torch.randn(4, 3)  # float32
    target64 = torch.rand(4, 3, dtype=torch.float64)
    weight64 = torch.rand(3, dtype=torch.float64)
    for target, weight in [(target64, None), (target64.float(), weight64)]:
        manual, expected = both(logits, target, weight=weight)
        assert_same(manual, expected, precision=torch.float32)
        assert manual.dtype == torch.float64


def test_ignore_index_can_be_a_real_class() -> None:
    """Positions whose target is the class are dropped; the class stays in every softmax."""
    logits = torch.randn(6, 4, dtype=torch.float64)
    target = torch.tensor([0, 1, 2, 3, 1, 1])
    for reduction in REDUCTIONS:
        assert_same(*both(logits, target, ignore_index=1, reduction=reduction))


def test_uint8_targets_are_accepted() -> None:
    logits = torch.randn(4, 3, dtype=torch.float64)
    target = torch.tensor([0, 2, 1, 255], dtype=torch.uint8)
    assert_same(*both(logits, target, ignore_index=255))


def test_full_label_smoothing_without_weight_ignores_the_target() -> None:
    logits = torch.randn(5, 4, dtype=torch.float64)
    first, second = torch.tensor([0, 1, 2, 3, 0]), torch.tensor([3, 3, 1, 0, 2])
    assert_same(*both(logits, first, label_smoothing=1.0))
    torch.testing.assert_close(
        reference.cross_entropy(logits, first, label_smoothing=1.0),
        reference.cross_entropy(logits, second, label_smoothing=1.0),
    )


# --------------------------------------------------------------------------------------------------
# The reference is what its page says it is
# --------------------------------------------------------------------------------------------------
BANNED = [
    (F, "cross_entropy"),
    (F, "nll_loss"),
    (F, "log_softmax"),
    (F, "softmax"),
    (torch, "logsumexp"),
    (torch, "softmax"),
    (torch, "log_softmax"),
    (torch.Tensor, "logsumexp"),
    (torch.Tensor, "softmax"),
    (torch.Tensor, "log_softmax"),
    (torch.nn.CrossEntropyLoss, "forward"),
    (torch.nn.NLLLoss, "forward"),
]


def test_reference_uses_only_elementary_operations(monkeypatch) -> None:
    torch.manual_seed(0)
    logits = torch.randn(2, 4, 3, requires_grad=True)
    calls = [
        (
            torch.tensor([[0, 1, -100], [3, 3, 2]]),
            {"weight": torch.rand(4), "label_smoothing": 0.2},
        ),
        (torch.rand(2, 4, 3), {"weight": torch.rand(4), "label_smoothing": 0.2}),
    ]
    expected = [F.cross_entropy(logits, t, **o) for t, o in calls]

    def banned(*args, **kwargs):
        raise AssertionError("the reference called a library loss or softmax")

    for owner, name in BANNED:
        monkeypatch.setattr(owner, name, banned)
    for (target, options), value in zip(calls, expected, strict=True):
        manual = reference.cross_entropy(logits, target, **options)
        manual.backward()
        assert_same(manual.detach(), value.detach())


def test_page_excerpts_cut_the_file_between_steps() -> None:
    """The line-range excerpts on the reference page still start and end where a step does.

    An excerpt starts on a comment or a block header (def/if/else) and ends on a non-blank line
    followed by a blank line or a line indented no deeper than its first: an edit that shifts
    the file's lines makes the page cut a statement in half, and this test fails.
    """
    page = (ROOT / "docs" / "options" / "reference-implementation.md").read_text(encoding="utf-8")
    lines = REFERENCE_FILE.read_text(encoding="utf-8").split("\n")
    ranges = [(int(a), int(b)) for a, b in re.findall(r'"snippets/reference.py:(\d+):(\d+)"', page)]
    assert ranges, "the page shows no excerpts"

    def indent(line: str) -> int:
        return len(line) - len(line.lstrip())

    for start, end in ranges:
        first, last, after = lines[start - 1], lines[end - 1], lines[end]
        assert re.match(r"\s*(# |def |if |else:)", first), f"{start}:{end} starts with {first!r}"
        assert last.strip(), f"{start}:{end} ends on a blank line"
        assert not after.strip() or indent(after) <= indent(first), (
            f"{start}:{end} stops in the middle of a block: next line {after!r}"
        )
