# A target to skip (-100, as padding): PyTorch, Keras's ignore_class and an optax mask average
# over the kept samples; PaddlePaddle does too only for a non-negative ignore_index.
import os

os.environ["KERAS_BACKEND"] = "jax"  # Keras 3 defaults to TensorFlow, not installed here
os.environ["JAX_PLATFORMS"] = "cpu"  # skip JAX's TPU probe: paddle's import makes it log to stderr
import warnings

warnings.filterwarnings("ignore", message="No ccache found")  # paddle's import-time compiler notice

import keras
import numpy as np
import optax
import paddle
import torch
import torch.nn.functional as F

logits = np.array([[2.0, 1.0, 0.0], [0.5, 2.5, -1.0], [0.0, 0.0, 3.0]], dtype=np.float32)
target = np.array([0, -100, 2])  # the second sample is padding
kept = target != -100

# optax has no ignore_index: mask the label to a valid class, zero its loss, divide by the kept count
per_sample = optax.softmax_cross_entropy_with_integer_labels(
    logits, np.where(kept, target, 0), where=kept
)
print(f"optax per sample: {np.round(np.asarray(per_sample), 5)}")
#> optax per sample: [0.40761 0.      0.09492]
print(f"optax, -100 left in: {np.asarray(optax.softmax_cross_entropy_with_integer_labels(logits, target))}")
#> optax, -100 left in: [0.4076059         nan 0.09492302]
# -1 is worse: a negative index counts from the end, so it reads as the last class, a finite loss.
minus_one = np.where(kept, target, -1)
wrapped = optax.softmax_cross_entropy_with_integer_labels(logits, minus_one)
print(f"optax, -1 left in:   {np.asarray(wrapped)}")
#> optax, -1 left in:   [0.4076059  3.6531782  0.09492302]
last_class = F.cross_entropy(torch.tensor(logits[1:2]), torch.tensor([2]))  # class 2 = C - 1
print(f"second sample's loss if its class were 2: {last_class.item():.7f}")
#> second sample's loss if its class were 2: 3.6531782

losses = {
    "torch": F.cross_entropy(torch.tensor(logits), torch.tensor(target)),
    "optax": per_sample.sum() / kept.sum(),
    "keras": keras.losses.SparseCategoricalCrossentropy(from_logits=True, ignore_class=-100)(
        target, logits
    ),
    "paddle": paddle.nn.functional.cross_entropy(paddle.to_tensor(logits), paddle.to_tensor(target)),
}
for name, value in losses.items():
    print(f"{name:>6}: {float(value):.5f}")
    #>  torch: 0.25126
    #>  optax: 0.25126
    #>  keras: 0.25126
    #> paddle: 0.16751

# Paddle's mean, no weight: divides by the kept count only when ignore_index >= 0.
target_255 = np.where(kept, target, 255)
paddle_255 = paddle.nn.functional.cross_entropy(
    paddle.to_tensor(logits), paddle.to_tensor(target_255), ignore_index=255
)
print(f"paddle, ignore_index=255: {paddle_255.item():.5f}")
#> paddle, ignore_index=255: 0.25126
print(f"sum of kept losses / 2 = {per_sample.sum() / 2:.5f}, / 3 = {per_sample.sum() / 3:.5f}")
#> sum of kept losses / 2 = 0.25126, / 3 = 0.16751

# With class weights, Paddle's -100 mean divides by the kept weights, as PyTorch does.
weight = np.array([1.0, 2.0, 3.0], dtype=np.float32)
torch_w = F.cross_entropy(torch.tensor(logits), torch.tensor(target), weight=torch.tensor(weight))
paddle_w = paddle.nn.functional.cross_entropy(
    paddle.to_tensor(logits), paddle.to_tensor(target), weight=paddle.to_tensor(weight)
)
print(f"with weight: torch {torch_w.item():.5f}   paddle {paddle_w.item():.5f}")
#> with weight: torch 0.17309   paddle 0.17309

np.testing.assert_allclose(float(losses["optax"]), float(losses["torch"]), rtol=1e-5)
np.testing.assert_allclose(float(losses["keras"]), float(losses["torch"]), rtol=1e-5)
np.testing.assert_allclose(paddle_255.item(), float(losses["torch"]), rtol=1e-5)
np.testing.assert_allclose(float(losses["paddle"]), per_sample.sum() / 3, rtol=1e-5)
np.testing.assert_allclose(paddle_w.item(), torch_w.item(), rtol=1e-5)
np.testing.assert_allclose(float(wrapped[1]), last_class.item(), rtol=1e-5)
