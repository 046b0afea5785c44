# Label smoothing with eps = 0.1: all four mix the one-hot target with the uniform distribution,
# (1 - eps) * one_hot + eps / C, so all four print the same loss.
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
one_hot = np.eye(3, dtype=np.float32)[target]
eps = 0.1

print(f"optax.smooth_labels row: {np.round(np.asarray(optax.smooth_labels(one_hot, eps))[0], 5)}")
#> optax.smooth_labels row: [0.93333 0.03333 0.03333]
smoothed = paddle.nn.functional.label_smooth(paddle.to_tensor(one_hot), epsilon=eps)
print(f"paddle label_smooth row: {np.round(smoothed.numpy()[0], 5)}")
#> paddle label_smooth row: [0.93333 0.03333 0.03333]
print(f"eps / C = {eps / 3:.5f}, 1 - eps + eps / C = {1 - eps + eps / 3:.5f}")
#> eps / C = 0.03333, 1 - eps + eps / C = 0.93333

losses = {
    "torch": F.cross_entropy(torch.tensor(logits), torch.tensor(target), label_smoothing=eps),
    "optax": optax.softmax_cross_entropy(logits, optax.smooth_labels(one_hot, eps)).mean(),
    "keras": keras.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=eps)(
        one_hot, logits
    ),
    "paddle": paddle.nn.functional.cross_entropy(
        paddle.to_tensor(logits), paddle.to_tensor(target), label_smoothing=eps
    ),
}
for name, value in losses.items():
    print(f"{name:>6}: {float(value):.5f}")
    #>  torch: 0.37968
    #>  optax: 0.37968
    #>  keras: 0.37968
    #> paddle: 0.37968

try:  # the sparse class has no smoothing: one-hot the labels and use CategoricalCrossentropy
    keras.losses.SparseCategoricalCrossentropy(from_logits=True, label_smoothing=eps)
except TypeError as err:
    print(f"SparseCategoricalCrossentropy(label_smoothing=...): {type(err).__name__}")
    #> SparseCategoricalCrossentropy(label_smoothing=...): TypeError

for value in losses.values():
    np.testing.assert_allclose(float(value), float(losses["torch"]), rtol=1e-5)
