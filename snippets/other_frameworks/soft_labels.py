# Probability targets: PyTorch infers them from a float target of the logits' shape; optax and
# Keras have a separate function or class; PaddlePaddle needs soft_label=True.
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
soft = np.array([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.0, 0.5, 0.5]], dtype=np.float32)  # q

losses = {
    "torch": F.cross_entropy(torch.tensor(logits), torch.tensor(soft)),
    "optax": optax.softmax_cross_entropy(logits, soft).mean(),
    "keras": keras.losses.CategoricalCrossentropy(from_logits=True)(soft, logits),
    "paddle": paddle.nn.functional.cross_entropy(
        paddle.to_tensor(logits), paddle.to_tensor(soft), soft_label=True
    ),
}
for name, value in losses.items():
    print(f"{name:>6}: {float(value):.5f}")
    #>  torch: 1.03524
    #>  optax: 1.03524
    #>  keras: 1.03524
    #> paddle: 1.03524

try:  # without the flag, Paddle expects one class index per row
    paddle.nn.functional.cross_entropy(paddle.to_tensor(logits), paddle.to_tensor(soft))
except ValueError as err:
    print(f"paddle without soft_label=True: {type(err).__name__}")
    #> paddle without soft_label=True: ValueError

for value in losses.values():
    np.testing.assert_allclose(float(value), float(losses["torch"]), rtol=1e-5)
