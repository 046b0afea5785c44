# Class weights with soft targets (or label smoothing, which Paddle turns into soft targets):
# PyTorch weights each class term and divides by N; PaddlePaddle gives each sample one weight,
# sum_c q_c * w_c, and divides by the sum of those.
import warnings

warnings.filterwarnings("ignore", message="No ccache found")  # paddle's import-time compiler notice

import numpy as np
import paddle
import torch
import torch.nn.functional as F

logits = np.array([[2.0, 1.0, 0.0], [0.5, 2.5, -1.0], [0.0, 0.0, 3.0]], dtype=np.float32)
soft = np.array([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.0, 0.5, 0.5]], dtype=np.float32)  # q
weight = np.array([1.0, 2.0, 3.0], dtype=np.float32)

torch_loss = F.cross_entropy(torch.tensor(logits), torch.tensor(soft), weight=torch.tensor(weight))
paddle_loss = paddle.nn.functional.cross_entropy(
    paddle.to_tensor(logits), paddle.to_tensor(soft), soft_label=True, weight=paddle.to_tensor(weight)
)
print(f"soft targets + weight:    torch {torch_loss.item():.5f}   paddle {paddle_loss.item():.5f}")
#> soft targets + weight:    torch 2.12144   paddle 1.10582

log_p = np.asarray(F.log_softmax(torch.tensor(logits), dim=1))
torch_by_hand = np.mean(-(weight * soft * log_p).sum(axis=1))  # per-class weights, / N
row_weight = soft @ weight  # Paddle: one weight per sample
row_loss = -(soft * log_p).sum(axis=1)
paddle_by_hand = (row_weight * row_loss).sum() / row_weight.sum()
print(f"by hand:                  torch {torch_by_hand:.5f}   paddle {paddle_by_hand:.5f}")
#> by hand:                  torch 2.12144   paddle 1.10582

# label_smoothing: torch keeps its weighted formula, Paddle smooths the target, then as above.
target = np.array([0, 1, 2])
eps = 0.1
torch_ls = F.cross_entropy(
    torch.tensor(logits), torch.tensor(target), weight=torch.tensor(weight), label_smoothing=eps
)
paddle_ls = paddle.nn.functional.cross_entropy(
    paddle.to_tensor(logits), paddle.to_tensor(target), weight=paddle.to_tensor(weight),
    label_smoothing=eps,
)
smoothed = (1 - eps) * np.eye(3, dtype=np.float32)[target] + eps / 3
paddle_ls_by_hand = ((smoothed @ weight) * -(smoothed * log_p).sum(axis=1)).sum() / (smoothed @ weight).sum()
print(f"label_smoothing + weight: torch {torch_ls.item():.5f}   paddle {paddle_ls.item():.5f}")
#> label_smoothing + weight: torch 0.33556   paddle 0.34778
print(f"by hand:                  paddle {paddle_ls_by_hand:.5f}")
#> by hand:                  paddle 0.34778

np.testing.assert_allclose(torch_loss.item(), torch_by_hand, rtol=1e-5)
np.testing.assert_allclose(paddle_loss.item(), paddle_by_hand, rtol=1e-5)
np.testing.assert_allclose(paddle_ls.item(), paddle_ls_by_hand, rtol=1e-5)
