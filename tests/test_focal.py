"""snippets/imbalance/focal.py: gamma=0 is F.cross_entropy; gamma>0 is the focal formula.

Property tests (derandomized, a few seconds in all) over shapes (N, C) and (N, C, d1, ..., dk),
reductions, alpha and ignore_index; explicit tests for large logits and for every bad input.
FOCAL_FILE points the tests at a deliberately broken copy, to see them fail.
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


ROOT = pathlib.Path(__file__).resolve().parent.parent
FOCAL_FILE = pathlib.Path(os.environ.get("FOCAL_FILE", ROOT / "snippets" / "imbalance" / "focal.py"))
_spec = importlib.util.spec_from_file_location("focal", FOCAL_FILE)
focal = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(focal)  # runs nothing but definitions: the demo is under __main__
focal_loss = focal.focal_loss

FAST = settings(derandomize=True, max_examples=40, deadline=None)


@st.composite
def cases(draw, min_classes=1):
    """Logits of rank 1 to 4 (float64), index targets with some ignored, alpha or not."""
    seed = draw(st.integers(0, 2**31 - 1))
    generator = torch.Generator().manual_seed(seed)
    num_classes = draw(st.integers(min_classes, 5))
    rank = draw(st.integers(1, 4))  # 1: unbatched (C); 2: (N, C); 3-4: (N, C, d1[, d2])
    batch = draw(st.integers(1, 3))
    spatial = [draw(st.integers(1, 3)) for _ in range(max(rank - 2, 0))]
    shape = [num_classes] if rank == 1 else [batch, num_classes, *spatial]
    target_shape = [] if rank == 1 else [batch, *spatial]
    logits = torch.randn(shape, generator=generator, dtype=torch.float64) * draw(
        st.sampled_from([0.1, 1.0, 5.0])
    )
    target = torch.randint(0, num_classes, target_shape, generator=generator)
    ignore_index = draw(st.sampled_from([-100, 0, num_classes - 1]))
    if draw(st.booleans()):  # replace some targets with ignore_index
        mask = torch.rand(target_shape, generator=generator) < 0.3
        target = torch.where(mask, ignore_index, target)
    alpha = None
    if draw(st.booleans()):
        alpha = torch.rand(num_classes, generator=generator, dtype=torch.float64) + 0.1
    reduction = draw(st.sampled_from(["none", "sum", "mean"]))
    return logits, target, dict(alpha=alpha, reduction=reduction, ignore_index=ignore_index)


def direct_formula(logits, target, gamma, alpha, reduction, ignore_index):
    """The textbook formula, one position at a time, no care for stability: an independent check."""
    class_dim = 0 if logits.dim() == 1 else 1
    probs = logits.softmax(dim=class_dim).movedim(class_dim, -1).reshape(-1, logits.shape[class_dim])
    flat_target = target.reshape(-1)
    terms, weights = [], []
    for n in range(flat_target.numel()):
        y = flat_target[n].item()
        if y == ignore_index:
            terms.append(probs[n, 0] * 0.0)  # still part of the graph: its gradient is 0
            weights.append(0.0)
            continue
        a = 1.0 if alpha is None else alpha[y]
        terms.append(-a * (1 - probs[n, y]) ** gamma * torch.log(probs[n, y]))
        weights.append(float(a))
    per_position = torch.stack(terms).reshape(target.shape)
    if reduction == "none":
        return per_position
    if reduction == "sum":
        return per_position.sum()
    return per_position.sum() / sum(weights)


def assert_same_or_both_nan(actual, expected):
    assert torch.equal(actual.isnan(), expected.isnan())
    torch.testing.assert_close(actual, expected, equal_nan=True, rtol=1e-10, atol=1e-12)


@FAST
@given(cases())
def test_gamma_zero_is_cross_entropy_for_every_option(case) -> None:
    logits, target, options = case
    expected = F.cross_entropy(
        logits,
        target,
        weight=options["alpha"],
        ignore_index=options["ignore_index"],
        reduction=options["reduction"],
    )
    actual = focal_loss(logits, target, gamma=0.0, **options)
    assert actual.shape == expected.shape and actual.dtype == expected.dtype
    assert_same_or_both_nan(actual, expected)


@FAST
@given(cases(min_classes=2), st.sampled_from([0.0, 0.5, 1.0, 2.0, 5.0]))
def test_values_and_gradients_match_the_direct_formula(case, gamma) -> None:
    """C >= 2: with one class p_y = 1 exactly and the direct formula's gradient is 0 * inf."""
    logits, target, options = case
    x_focal = logits.clone().requires_grad_()
    x_direct = logits.clone().requires_grad_()
    actual = focal_loss(x_focal, target, gamma=gamma, **options)
    expected = direct_formula(x_direct, target, gamma, **options)
    assert actual.shape == expected.shape
    assert_same_or_both_nan(actual, expected)
    if expected.isnan().any():  # a mean over nothing kept: no gradient to compare
        return
    upstream = torch.linspace(-1.0, 2.0, expected.numel(), dtype=expected.dtype).reshape(expected.shape)
    (grad_focal,) = torch.autograd.grad((actual * upstream).sum(), x_focal)
    (grad_direct,) = torch.autograd.grad((expected * upstream).sum(), x_direct)
    torch.testing.assert_close(grad_focal, grad_direct, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
@pytest.mark.parametrize("gamma", [0.0, 0.5, 2.0])
def test_finite_values_and_gradients_at_logits_of_1e4(dtype, gamma) -> None:
    logits = torch.tensor([[1e4, -1e4, 0.0], [-1e4, 1e4, 1e4], [0.0, 0.0, -1e4]], dtype=dtype)
    target = torch.tensor([0, 2, 2])  # certain and right, half right, certain and wrong
    x = logits.clone().requires_grad_()
    per_sample = focal_loss(x, target, gamma=gamma, reduction="none")
    (grad,) = torch.autograd.grad(per_sample.sum(), x)
    assert torch.isfinite(per_sample).all() and torch.isfinite(grad).all()
    expected = F.cross_entropy(logits, target, reduction="none")  # finite: 0, log 2, 1e4 + log 2
    scale = torch.tensor([0.0, 0.5**gamma, 1.0], dtype=dtype)  # (1 - p_y)**gamma
    torch.testing.assert_close(per_sample.detach(), scale * expected)


BAD_INPUTS = {
    "target out of range": (torch.zeros(3, 4), torch.tensor([0, 5, 7]), {}),
    "negative target not ignore_index": (torch.zeros(3, 4), torch.tensor([0, -3, 1]), {}),
    "target out of range, 3-d": (torch.zeros(2, 4, 3), torch.full((2, 3), 9), {}),
    "float target": (torch.zeros(3, 4), torch.tensor([0.0, 1.0, 2.0]), {}),
    "int32 target": (torch.zeros(3, 4), torch.tensor([0, 1, 2], dtype=torch.int32), {}),
    "long one-hot target": (torch.zeros(3, 4), torch.zeros(3, 4, dtype=torch.long), {}),
    "batch size mismatch": (torch.zeros(3, 4), torch.tensor([0, 1, 2, 1]), {}),
    "(N, 1) target": (torch.zeros(3, 4), torch.tensor([[0], [1], [2]]), {}),
    "3-d wrong spatial": (torch.zeros(2, 4, 3), torch.zeros(2, 4, dtype=torch.long), {}),
    "5-d wrong spatial": (
        torch.zeros(2, 4, 3, 3, 2),
        torch.zeros(2, 3, 3, 3, dtype=torch.long),
        {},
    ),
    "1-d input, 2 targets": (torch.zeros(4), torch.tensor([1, 2]), {}),
    "1-d input, target out of range": (torch.zeros(4), torch.tensor(9), {}),
    "alpha of wrong size": (torch.zeros(3, 4), torch.tensor([0, 1, 2]), {"alpha": torch.ones(5)}),
    "alpha of wrong dtype": (
        torch.zeros(3, 4),
        torch.tensor([0, 1, 2]),
        {"alpha": torch.ones(4, dtype=torch.float64)},
    ),
    "bad reduction": (torch.zeros(3, 4), torch.tensor([0, 1, 2]), {"reduction": "avg"}),
}
# A target with one dimension too many, at every rank, and arguments of the wrong Python type.
BAD_INPUTS |= {
    "1-d input, (1, 1) target": (torch.zeros(4), torch.zeros(1, 1, dtype=torch.long), {}),
    "1-d input, (2, 1) target": (torch.zeros(4), torch.zeros(2, 1, dtype=torch.long), {}),
    "1-d input, (1, C) long target": (torch.zeros(4), torch.zeros(1, 4, dtype=torch.long), {}),
    "(N, 1) int32 target": (torch.zeros(3, 4), torch.zeros(3, 1, dtype=torch.int32), {}),
    "(N, C, 1) target": (torch.zeros(3, 4), torch.zeros(3, 4, 1, dtype=torch.long), {}),
    "3-d input, (N, d1, 1) target": (torch.zeros(2, 4, 3), torch.zeros(2, 3, 1, dtype=torch.long), {}),
    "4-d input, (N, H, W, 1) target": (
        torch.zeros(2, 4, 3, 3),
        torch.zeros(2, 3, 3, 1, dtype=torch.long),
        {},
    ),
    "5-d input, target with an extra dimension": (
        torch.zeros(2, 4, 3, 3, 2),
        torch.zeros(2, 3, 3, 2, 1, dtype=torch.long),
        {},
    ),
    "0-d target, 2-d input": (torch.zeros(3, 4), torch.tensor(0), {}),
    "0-d target, empty batch": (torch.zeros(0, 4), torch.tensor(0), {}),
    "0-d input": (torch.tensor(1.0), torch.zeros(1, dtype=torch.long), {}),
    "2-d alpha": (torch.zeros(3, 4), torch.tensor([0, 1, 2]), {"alpha": torch.ones(2, 2)}),
    "alpha as a list": (torch.zeros(3, 4), torch.tensor([0, 1, 2]), {"alpha": [1.0] * 4}),
    "target as a list": (torch.zeros(3, 4), [0, 1, 2], {}),
    "input as a list": ([[0.0, 1.0]], torch.tensor([0]), {}),
    "float ignore_index": (torch.zeros(3, 4), torch.tensor([0, 1, 2]), {"ignore_index": 1.5}),
    "bool ignore_index": (torch.zeros(3, 4), torch.tensor([0, 1, 2]), {"ignore_index": True}),
    "float tensor ignore_index": (
        torch.zeros(3, 4),
        torch.tensor([0, 1, 2]),
        {"ignore_index": torch.tensor(1.0)},
    ),
    "reduction as a list": (torch.zeros(3, 4), torch.tensor([0, 1, 2]), {"reduction": ["sum"]}),
    # torch's K-dim kernel takes Long targets only; uint8 is accepted for (C) and (N, C) alone
    "uint8 target, 3-d input": (torch.zeros(2, 4, 3), torch.zeros(2, 3, dtype=torch.uint8), {}),
    "uint8 target, 4-d input": (torch.zeros(2, 4, 3, 3), torch.zeros(2, 3, 3, dtype=torch.uint8), {}),
    # integer logits: torch's log_softmax refuses them before any target check
    "integer logits": (torch.zeros(3, 4, dtype=torch.long), torch.tensor([0, 1, 2]), {}),
    "integer logits, bad target": (torch.zeros(3, 4, dtype=torch.long), torch.tensor([0, 1]), {}),
    # a target shaped like the input is read as probabilities: torch's own checks there come first
    "0-d input, 0-d float target": (torch.tensor(1.0), torch.tensor(0.5), {}),
    "probability target, ignore_index 0": (torch.zeros(3, 4), torch.full((3, 4), 0.25),
                                           {"ignore_index": 0}),
    "probability target, alpha of wrong size": (torch.zeros(3, 4), torch.full((3, 4), 0.25),
                                                {"alpha": torch.ones(5)}),
}
# Where torch words the error differently for K-dim inputs (a different kernel) or names its own
# C++ function and argument positions, only the type is compared; everywhere else the message must
# be torch's, word for word.
TYPE_ONLY = {
    "alpha of wrong size, 4-d",
    "4-d wrong spatial",
    "4-d (N, 1, H, W) target",
    "4-d input, (N, H, W, 1) target",
    "alpha as a list",
    "target as a list",
    "input as a list",
    "float ignore_index",
    "bool ignore_index",
    "float tensor ignore_index",
    "integer logits",
    "integer logits, bad target",
}
BAD_INPUTS |= {
    "alpha of wrong size, 4-d": (
        torch.zeros(2, 4, 3, 3),
        torch.zeros(2, 3, 3, dtype=torch.long),
        {"alpha": torch.ones(5)},
    ),
    "4-d wrong spatial": (torch.zeros(2, 4, 3, 3), torch.zeros(2, 3, 4, dtype=torch.long), {}),
    "4-d (N, 1, H, W) target": (
        torch.zeros(2, 4, 3, 3),
        torch.zeros(2, 1, 3, 3, dtype=torch.long),
        {},
    ),
}


def caught(call):
    try:
        call()
    except Exception as err:  # noqa: BLE001 - the point is to compare whatever is raised
        return type(err), str(err).splitlines()[0]
    return None


class Computed(Exception):
    """Raised by the stand-in log_softmax: focal_loss got as far as computing."""


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_raises_what_cross_entropy_raises_before_computing(name, monkeypatch) -> None:
    logits, target, options = BAD_INPUTS[name]
    torch_options = {"weight" if k == "alpha" else k: v for k, v in options.items()}
    expected = caught(lambda: F.cross_entropy(logits, target, **torch_options))
    assert expected is not None, "torch accepts this input: not a bad-input case"

    def computing(*args, **kwargs):
        raise Computed

    monkeypatch.setattr(focal.F, "log_softmax", computing)  # any computation now raises Computed
    actual = caught(lambda: focal_loss(logits, target, **options))
    assert actual is not None, f"focal_loss accepted it; torch raised {expected}"
    assert actual[0] is not Computed, "focal_loss started computing before validating"
    assert actual[0] is expected[0]
    if name not in TYPE_ONLY:
        assert actual[1] == expected[1]


@FAST
@given(cases(), st.data())
def test_a_target_with_an_extra_dimension_fails_as_in_cross_entropy(case, data) -> None:
    """A singleton dimension inserted anywhere in a valid target: focal_loss (gamma=0) either
    raises the exception type F.cross_entropy raises, or accepts it as torch does, with its value."""
    logits, target, options = case
    position = data.draw(st.integers(0, target.dim()))
    target = target.unsqueeze(position)
    torch_options = {"weight" if k == "alpha" else k: v for k, v in options.items()}
    expected = caught(lambda: F.cross_entropy(logits, target, **torch_options))
    actual = caught(lambda: focal_loss(logits, target, gamma=0.0, **options))
    if expected is None:  # (C) input with a () target made (1,): torch accepts it
        assert actual is None
        assert_same_or_both_nan(
            focal_loss(logits, target, gamma=0.0, **options),
            F.cross_entropy(logits, target, **torch_options),
        )
    else:
        assert actual is not None, f"focal_loss accepted it; torch raised {expected}"
        assert actual[0] is expected[0], (actual, expected)


@pytest.mark.parametrize(
    "gamma, error",
    [(-1.0, ValueError), (float("nan"), ValueError), (float("inf"), ValueError),
     ("2", TypeError), (None, TypeError), (True, TypeError), (torch.tensor(2.0), TypeError)],
    ids=["negative", "nan", "inf", "str", "None", "bool", "tensor"],
)
def test_bad_gamma_raises_a_clear_error(gamma, error) -> None:
    """gamma is focal_loss's own argument (torch has none): a bad value is refused by name."""
    with pytest.raises(error, match="gamma"):
        focal_loss(torch.zeros(3, 4), torch.tensor([0, 1, 2]), gamma=gamma)


def test_probability_targets_are_refused_not_misread() -> None:
    logits = torch.zeros(2, 3)
    with pytest.raises(NotImplementedError, match="class-index targets"):
        focal_loss(logits, torch.softmax(torch.ones(2, 3), dim=1))


def test_importing_does_not_run_the_demo(capsys) -> None:
    spec = importlib.util.spec_from_file_location("focal_again", FOCAL_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert capsys.readouterr().out == "" and callable(module.focal_loss)
