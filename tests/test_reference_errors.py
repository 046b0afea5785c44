"""Bad input: snippets/reference.py raises the exception type torch raises, before computing.

Each case is one mistake. The test calls F.cross_entropy and the reference with the same arguments,
compares the exception types, checks that the reference's message names the problem, and runs the
reference with exp/log disabled, so an error raised halfway through the arithmetic would show.
"""

from __future__ import annotations

import importlib.util
import os
import pathlib
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
import torch
import torch.nn.functional as F

ROOT = pathlib.Path(__file__).resolve().parent.parent
# CROSS_ENTROPY_REFERENCE points the tests at a deliberately broken copy, to see them fail.
REFERENCE_FILE = os.environ.get("CROSS_ENTROPY_REFERENCE", ROOT / "snippets" / "reference.py")
_spec = importlib.util.spec_from_file_location("reference", REFERENCE_FILE)
reference = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(reference)


@dataclass
class Case:
    id: str
    make: Callable[[], tuple]  # () -> (input, target)
    options: dict = field(default_factory=dict)
    mentions: str = ""  # a phrase the reference's message must contain


def logits(*shape: int) -> torch.Tensor:
    return torch.randn(*shape, generator=torch.Generator().manual_seed(0))


def index(*shape: int, value: int = 0) -> torch.Tensor:
    return torch.full(shape, value, dtype=torch.long)


CASES = [
    Case("target equals C", lambda: (logits(3, 4), torch.tensor([0, 4, 1])), mentions="[0, 3]"),
    Case(
        "target above C, 4-d input",
        lambda: (logits(2, 4, 3, 3), index(2, 3, 3, value=9)),
        mentions="out of bounds",
    ),
    Case(
        "target above C, 3-d input",
        lambda: (logits(2, 4, 3), index(2, 3, value=4)),
        mentions="out of bounds",
    ),
    Case(
        "negative target, not ignore_index",
        lambda: (logits(3, 4), torch.tensor([0, -1, 1])),
        mentions="ignore_index=-100",
    ),
    Case(
        "target equals the default ignore_index but ignore_index is another value",
        lambda: (logits(3, 4), torch.tensor([0, -100, 1])),
        {"ignore_index": 255},
        mentions="ignore_index=255",
    ),
    Case(
        "target out of range with label smoothing",
        lambda: (logits(3, 4), torch.tensor([5, 0, 1])),
        {"label_smoothing": 0.1},
        mentions="out of bounds",
    ),
    Case("float target of index shape", lambda: (logits(3, 4), torch.zeros(3)), mentions="int64"),
    Case(
        "float target of index shape, 4-d input",
        lambda: (logits(2, 4, 3, 3), torch.zeros(2, 3, 3)),
        mentions="int64",
    ),
    Case(
        "int32 target", lambda: (logits(3, 4), torch.zeros(3, dtype=torch.int32)), mentions="int64"
    ),
    Case("bool target", lambda: (logits(3, 4), torch.zeros(3, dtype=torch.bool)), mentions="int64"),
    Case(
        "integer target of the input's shape (one-hot long)",
        lambda: (logits(3, 4), torch.eye(4, dtype=torch.long)[:3]),
        mentions="floating point",
    ),
    Case("(N, 1) target", lambda: (logits(3, 4), index(3, 1)), mentions="expected class indices"),
    Case(
        "(N, C+1) probability target",
        lambda: (logits(3, 4), torch.rand(3, 5)),
        mentions="expected class indices",
    ),
    Case(
        "(N, 1, H, W) target for a 4-d input",
        lambda: (logits(2, 4, 3, 3), index(2, 1, 3, 3)),
        mentions="(2, 3, 3)",
    ),
    Case(
        "wrong spatial size, 3-d input", lambda: (logits(2, 4, 3), index(2, 5)), mentions="(2, 3)"
    ),
    Case(
        "wrong spatial size, 4-d input",
        lambda: (logits(2, 4, 3, 3), index(2, 3, 4)),
        mentions="(2, 3, 3)",
    ),
    Case("channels-last input", lambda: (logits(2, 3, 3, 4), index(2, 3, 3)), mentions="(2, 3, 4)"),
    Case(
        "probability target (N, C) for an (N, C, d) input",
        lambda: (logits(3, 5, 4), torch.rand(3, 5)),
        mentions="(3, 4)",
    ),
    Case("batch size mismatch", lambda: (logits(3, 4), index(4)), mentions="batch size"),
    Case(
        "batch size mismatch, float target",
        lambda: (logits(3, 4), torch.zeros(4)),
        mentions="batch size",
    ),
    Case(
        "batch size mismatch, 4-d input",
        lambda: (logits(2, 4, 3, 3), index(3, 3, 3)),
        mentions="batch size",
    ),
    Case(
        "0-d target for an (N, C) input",
        lambda: (logits(3, 4), torch.tensor(1)),
        mentions="batch size",
    ),
    Case("(C) input with a (2,) target", lambda: (logits(4), index(2)), mentions="expected ()"),
    Case(
        "(C) input with a (1, 1) target", lambda: (logits(4), index(1, 1)), mentions="expected ()"
    ),
    Case(
        "(C) input, (1,) target, label smoothing (torch 2.13 bug)",
        lambda: (logits(4), index(1)),
        {"label_smoothing": 0.1},
        mentions="0-d",
    ),
    Case(
        "weight of wrong size",
        lambda: (logits(3, 4), index(3)),
        {"weight": torch.ones(5)},
        mentions="expected (4,)",
    ),
    Case(
        "weight of wrong size, 4-d input",
        lambda: (logits(2, 4, 3, 3), index(2, 3, 3)),
        {"weight": torch.ones(3)},
        mentions="expected (4,)",
    ),
    Case(
        "weight of wrong size, probability target",
        lambda: (logits(3, 4), torch.rand(3, 4)),
        {"weight": torch.ones(5)},
        mentions="expected (4,)",
    ),
    Case(
        "2-d weight",
        lambda: (logits(3, 4), index(3)),
        {"weight": torch.ones(1, 4)},
        mentions="expected (4,)",
    ),
    Case(
        "float64 weight, float32 input, index target",
        lambda: (logits(3, 4), index(3)),
        {"weight": torch.ones(4, dtype=torch.float64)},
        mentions="expected the input's",
    ),
    Case(
        "weight that requires grad, index target",
        lambda: (logits(3, 4), index(3)),
        {"weight": torch.ones(4, requires_grad=True)},
        mentions="grad",
    ),
    Case(
        "label_smoothing above 1",
        lambda: (logits(3, 4), index(3)),
        {"label_smoothing": 1.5},
        mentions="[0, 1]",
    ),
    Case(
        "label_smoothing above 1, probability target",
        lambda: (logits(3, 4), torch.rand(3, 4)),
        {"label_smoothing": 1.5},
        mentions="[0, 1]",
    ),
    Case(
        "ignore_index 0 with probability target",
        lambda: (logits(3, 4), torch.rand(3, 4)),
        {"ignore_index": 0},
        mentions="negative",
    ),
    Case(
        "ignore_index 255 with probability target",
        lambda: (logits(3, 4), torch.rand(3, 4)),
        {"ignore_index": 255},
        mentions="negative",
    ),
    Case(
        "unknown reduction",
        lambda: (logits(3, 4), index(3)),
        {"reduction": "avg"},
        mentions="'none', 'mean' or 'sum'",
    ),
    Case(
        "unknown reduction, probability target",
        lambda: (logits(3, 4), torch.rand(3, 4)),
        {"reduction": "average"},
        mentions="'none', 'mean' or 'sum'",
    ),
    Case("integer logits", lambda: (index(3, 4), index(3)), mentions="floating point"),
    Case("0-d input", lambda: (torch.tensor(1.0), torch.tensor(0.0)), mentions="0-d"),
    Case(
        "0-d input, 0-d long target (equal shapes: the probability path)",
        lambda: (torch.tensor(1.0), torch.tensor(0)),
        mentions="floating point",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input_raises_like_torch(case: Case, monkeypatch) -> None:
    with pytest.raises(Exception) as torch_error:
        F.cross_entropy(*case.make(), **case.options)

    def computed(*args, **kwargs):
        raise AssertionError("the reference started computing before it validated its input")

    monkeypatch.setattr(torch, "exp", computed)
    monkeypatch.setattr(torch, "log", computed)
    with pytest.raises(Exception) as reference_error:
        reference.cross_entropy(*case.make(), **case.options)

    assert reference_error.type is torch_error.type, (
        f"torch raised {torch_error.type.__name__}: {torch_error.value}\n"
        f"reference raised {reference_error.type.__name__}: {reference_error.value}"
    )
    assert case.mentions in str(reference_error.value)


@pytest.mark.parametrize("label_smoothing", [-0.5, 0.0, 1.0], ids=lambda e: f"eps={e}")
def test_label_smoothing_outside_the_upper_bound_only_is_an_error(label_smoothing) -> None:
    """ε < 0 is silently 0 and ε = 1 is allowed: neither raises, in torch or in the reference."""
    x, target = logits(3, 4), index(3)
    torch.testing.assert_close(
        reference.cross_entropy(x, target, label_smoothing=label_smoothing),
        F.cross_entropy(x, target, label_smoothing=label_smoothing),
    )
