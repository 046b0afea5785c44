# What reduction='mean' divides by, for each kind of target and option, checked against torch.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(4, 3)  # N = 4 samples, C = 3 classes
target = torch.tensor([0, 2, 1, 2])  # class indices
padded = torch.tensor([0, 2, -100, 2])  # sample 2 ignored (-100 is the default ignore_index)
kept = padded != -100
weight = torch.tensor([0.2, 1.0, 3.0])  # one weight per class
target_probs = torch.tensor(  # probability targets: one distribution per sample
    [[0.7, 0.2, 0.1], [0.0, 0.1, 0.9], [0.2, 0.6, 0.2], [0.1, 0.0, 0.9]]
)
smooth = {"label_smoothing": 0.1}

cases = [  # (target, options, what 'mean' divides by, that divisor computed by hand)
    (target, {}, "N", len(target)),
    (target, {"weight": weight}, "sum of w[y_n]", weight[target].sum()),
    (padded, {}, "kept count", kept.sum()),
    (padded, {"weight": weight}, "sum of kept w[y_n]", weight[padded[kept]].sum()),
    (target, smooth, "N", len(target)),
    (padded, {"weight": weight, **smooth}, "sum of kept w[y_n]", weight[padded[kept]].sum()),
    (target_probs, {}, "N", len(target_probs)),
    (target_probs, {"weight": weight}, "N", len(target_probs)),
    (target_probs, {"ignore_index": -100}, "N", len(target_probs)),
    (target_probs, {"weight": weight, **smooth}, "N", len(target_probs)),
]
print("target  options                  divides by           divisor    sum   mean")
#> target  options                  divides by           divisor    sum   mean
for tgt, options, rule, divisor in cases:
    kind = "probs" if tgt.is_floating_point() else ("padded" if (tgt == -100).any() else "index")
    total = F.cross_entropy(logits, tgt, reduction="sum", **options)
    mean = F.cross_entropy(logits, tgt, reduction="mean", **options)
    names = ", ".join(options) or "-"
    print(f"{kind:<7} {names:<24} {rule:<19} {float(divisor):8.4f} {total:6.4f} {mean:.4f}")
    #> index   -                        N                     4.0000 3.7427 0.9357
    #> index   weight                   sum of w[y_n]         7.2000 9.5163 1.3217
    #> padded  -                        kept count            3.0000 3.1231 1.0410
    #> padded  weight                   sum of kept w[y_n]    6.2000 8.8967 1.4349
    #> index   label_smoothing          N                     4.0000 3.9637 0.9909
    #> padded  weight, label_smoothing  sum of kept w[y_n]    6.2000 8.8836 1.4328
    #> probs   -                        N                     4.0000 4.9071 1.2268
    #> probs   weight                   N                     4.0000 11.5072 2.8768
    #> probs   ignore_index             N                     4.0000 4.9071 1.2268
    #> probs   weight, label_smoothing  N                     4.0000 11.4785 2.8696
    torch.testing.assert_close(mean, total / divisor)  # 'mean' is 'sum' / that divisor

# probability targets cannot ignore anything: an ignore_index that could name a class is refused
try:
    F.cross_entropy(logits, target_probs, ignore_index=1)
except RuntimeError as err:
    print(f"{type(err).__name__}: {err}")
    #> RuntimeError: ignore_index is not supported for floating point target
