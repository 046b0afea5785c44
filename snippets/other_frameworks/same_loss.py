# One batch through PyTorch, optax, Keras 3 and PaddlePaddle: the same per-sample losses, the
# same mean, but only optax hands back the per-sample vector by default.
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
target = np.array([0, 1, 2])

per_sample = {
    "torch": F.cross_entropy(torch.tensor(logits), torch.tensor(target), reduction="none"),
    "optax": optax.softmax_cross_entropy_with_integer_labels(logits, target),
    "keras": keras.losses.SparseCategoricalCrossentropy(from_logits=True, reduction=None)(
        target, logits
    ),
    "paddle": paddle.nn.functional.cross_entropy(
        paddle.to_tensor(logits), paddle.to_tensor(target), reduction="none"
    ),
}
for name, values in per_sample.items():
    print(f"{name:>6} per sample: {np.round(np.asarray(values), 5)}")
    #>  torch per sample: [0.40761 0.15318 0.09492]
    #>  optax per sample: [0.40761 0.15318 0.09492]
    #>  keras per sample: [0.40761 0.15318 0.09492]
    #> paddle per sample: [0.40761 0.15318 0.09492]

# What each returns when you pass no reduction argument at all:
default = {
    "torch": F.cross_entropy(torch.tensor(logits), torch.tensor(target)),
    "optax": optax.softmax_cross_entropy_with_integer_labels(logits, target),
    "keras": keras.losses.SparseCategoricalCrossentropy(from_logits=True)(target, logits),
    "paddle": paddle.nn.functional.cross_entropy(paddle.to_tensor(logits), paddle.to_tensor(target)),
}
for name, value in default.items():
    print(f"{name:>6} default: shape {tuple(value.shape)}, mean {float(np.mean(np.asarray(value))):.5f}")
    #>  torch default: shape (), mean 0.21857
    #>  optax default: shape (3,), mean 0.21857
    #>  keras default: shape (), mean 0.21857
    #> paddle default: shape (), mean 0.21857

for name, values in per_sample.items():
    np.testing.assert_allclose(np.asarray(values), per_sample["torch"].numpy(), rtol=1e-5)
