import torch
import torch.nn.functional as F

torch.manual_seed(0)
N, C, eps = 3, 3, 0.1
logits = torch.randn(N, C, dtype=torch.float64)
target = torch.tensor([0, 2, 1])  # class indices y_i
with_ignored = torch.tensor([0, -100, 1])  # position 1 ignored
v = with_ignored != -100  # v_i
all_ignored = torch.full((N,), -100)
v_none = all_ignored != -100  # v_i = 0 everywhere
weight = torch.tensor([0.2, 1.0, 3.0], dtype=torch.float64)
probs = torch.rand(N, C, dtype=torch.float64)
probs = probs / probs.sum(dim=1, keepdim=True)  # q_ic, rows sum to 1
one_hot = F.one_hot(target, C).double()

log_p = logits.log_softmax(dim=1)  # log p_ic
nll = -log_p.gather(1, target[:, None])[:, 0]  # -log p_{i, y_i}
w_y = weight[target]
uniform = -log_p.sum(dim=1)  # Σ_c -log p_ic
uniform_w = -(weight * log_p).sum(dim=1)  # Σ_c w_c (-log p_ic)
smooth = (1 - eps) * nll + eps / C * uniform
smooth_w = (1 - eps) * w_y * nll + eps / C * uniform_w
q = (1 - eps) * probs + eps / C

pixels = torch.randn(2, C, 5, dtype=torch.float64)  # (N, C, d1)
pixel_target = torch.randint(0, C, (2, 5))
pixel_nll = -pixels.log_softmax(dim=1).gather(1, pixel_target[:, None])
single = logits[0]  # an unbatched (C) input

ce = F.cross_entropy
rows = [  # (row of the table, torch's value, the row's formula)
    (1, ce(logits, target, reduction="none"), nll),
    (2, ce(logits, target, reduction="sum"), nll.sum()),
    (3, ce(logits, target), nll.sum() / N),
    (4, ce(logits, target, weight=weight, reduction="none"), w_y * nll),
    (5, ce(logits, target, weight=weight), (w_y * nll).sum() / w_y.sum()),
    (6, ce(logits, with_ignored), (v * nll).sum() / v.sum()),
    (
        7,
        ce(logits, with_ignored, weight=weight),
        (v * w_y * nll).sum() / (v * w_y).sum(),
    ),
    (8, ce(logits, all_ignored), (v_none * nll).sum() / v_none.sum()),
    (9, ce(logits, target, label_smoothing=eps, reduction="none"), smooth),
    (10, ce(logits, target, label_smoothing=eps), smooth.sum() / N),
    (
        11,
        ce(logits, with_ignored, weight=weight, label_smoothing=eps),
        (v * smooth_w).sum() / (v * w_y).sum(),
    ),
    (12, ce(logits, probs, reduction="none"), -(probs * log_p).sum(dim=1)),
    (13, ce(logits, probs), -(probs * log_p).sum() / N),
    (14, ce(logits, probs, weight=weight), -(weight * probs * log_p).sum() / N),
    (15, ce(logits, probs, label_smoothing=eps), -(q * log_p).sum() / N),
    (16, ce(logits, one_hot), nll.sum() / N),
    (17, ce(pixels, pixel_target), pixel_nll.sum() / pixel_nll.numel()),
    (18, ce(single, target[0]), -single.log_softmax(dim=0)[target[0]]),
]


def show(values):
    return " ".join(f"{value:6.4f}" for value in values.reshape(-1).tolist())


for row, expected, formula in rows:
    torch.testing.assert_close(formula.double(), expected, equal_nan=True)
    print(f"row {row:2}  torch {show(expected)}  formula {show(formula)}")
    #> row  1  torch 0.1689 2.2532 0.6196  formula 0.1689 2.2532 0.6196
    #> row  2  torch 3.0417  formula 3.0417
    #> row  3  torch 1.0139  formula 1.0139
    #> row  4  torch 0.0338 6.7597 0.6196  formula 0.0338 6.7597 0.6196
    #> row  5  torch 1.7650  formula 1.7650
    #> row  6  torch 0.3942  formula 0.3942
    #> row  7  torch 0.5445  formula 0.5445
    #> row  8  torch    nan  formula    nan
    #> row  9  torch 0.3540 2.1772 0.6860  formula 0.3540 2.1772 0.6860
    #> row 10  torch 1.0724  formula 1.0724
    #> row 11  torch 1.0751  formula 1.0751
    #> row 12  torch 1.8399 1.3632 1.5687  formula 1.8399 1.3632 1.5687
    #> row 13  torch 1.5906  formula 1.5906
    #> row 14  torch 3.5687  formula 3.5687
    #> row 15  torch 1.5914  formula 1.5914
    #> row 16  torch 1.0139  formula 1.0139
    #> row 17  torch 1.1113  formula 1.1113
    #> row 18  torch 0.1689  formula 0.1689
