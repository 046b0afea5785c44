import numpy as np
import torch
import torch.nn.functional as F


def cross_entropy_np(logits, target, weight=None, ignore_index=-100):
    """Mean cross-entropy of (N, C) logits and (N,) class indices, as F.cross_entropy computes it."""
    shifted = logits - logits.max(axis=1, keepdims=True)  # every exponent <= 0: nothing overflows
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    keep = target != ignore_index
    rows, classes = np.nonzero(keep)[0], target[keep]
    w = np.ones(logits.shape[1]) if weight is None else weight
    return -(w[classes] * log_probs[rows, classes]).sum() / w[classes].sum()


logits = np.array([
    [1000.0, 999.0, 998.0, 0.0],  # exp(1000) overflows float64; the shift avoids it
    [0.5, -1.2, 2.0, 0.3],
    [-3.0, 0.0, 1.5, 1.0],
    [0.1, 0.2, 0.3, 0.4],
])
target = np.array([2, 0, 3, -100])
weight = np.array([1.0, 2.0, 0.5, 3.0])

manual = cross_entropy_np(logits, target, weight)
expected = F.cross_entropy(torch.from_numpy(logits), torch.from_numpy(target),
                           weight=torch.from_numpy(weight)).item()
print(f"NumPy: {manual:.6f}")
#> NumPy: 1.423012
print(f"torch: {expected:.6f}")
#> torch: 1.423012
np.testing.assert_allclose(manual, expected, rtol=1e-12)
