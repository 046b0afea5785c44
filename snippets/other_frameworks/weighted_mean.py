# Class weights and the mean: PyTorch and PaddlePaddle divide by the sum of the target weights,
# Keras by the number of samples unless reduction="mean_with_sample_weight"; optax leaves it to you.
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
weight = np.array([1.0, 2.0, 3.0], dtype=np.float32)  # one weight per class
sample_weight = weight[target]  # Keras and optax take one weight per sample: w[y_n]

per_sample = optax.softmax_cross_entropy_with_integer_labels(logits, target)
sparse = keras.losses.SparseCategoricalCrossentropy
losses = {
    "torch": F.cross_entropy(torch.tensor(logits), torch.tensor(target), weight=torch.tensor(weight)),
    "paddle": paddle.nn.functional.cross_entropy(
        paddle.to_tensor(logits), paddle.to_tensor(target), weight=paddle.to_tensor(weight)
    ),
    "optax, / sum w[y]": (per_sample * sample_weight).sum() / sample_weight.sum(),
    "optax, .mean()": (per_sample * sample_weight).mean(),
    "keras default": sparse(from_logits=True)(target, logits, sample_weight=sample_weight),
    "keras mean_with_sample_weight": sparse(from_logits=True, reduction="mean_with_sample_weight")(
        target, logits, sample_weight=sample_weight
    ),
}
for name, value in losses.items():
    print(f"{name:>29}: {float(value):.5f}")
    #>                         torch: 0.16646
    #>                        paddle: 0.16646
    #>             optax, / sum w[y]: 0.16646
    #>                optax, .mean(): 0.33291
    #>                 keras default: 0.33291
    #> keras mean_with_sample_weight: 0.16646
print(f"sum of w[y_n]: {sample_weight.sum():.0f}, N: {len(target)}")
#> sum of w[y_n]: 6, N: 3

# Model.fit(class_weight=...) turns the class weights into these sample weights, with the same / N.
# A layer that returns its input (identity kernel, zero bias) and a learning rate of 0: the loss
# fit reports is the loss of these logits.
model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(3, kernel_initializer="identity")])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.0), loss=sparse(from_logits=True))
history = model.fit(logits, target, class_weight=dict(enumerate(weight.tolist())), verbose=0)
print(f"keras fit(class_weight=...): {history.history['loss'][0]:.5f}")
#> keras fit(class_weight=...): 0.33291

by_weights = float(losses["optax, / sum w[y]"])
by_count = float(losses["optax, .mean()"])
for name in ["torch", "paddle", "keras mean_with_sample_weight"]:
    np.testing.assert_allclose(float(losses[name]), by_weights, rtol=1e-5)
np.testing.assert_allclose(float(losses["keras default"]), by_count, rtol=1e-5)
np.testing.assert_allclose(history.history["loss"][0], by_count, rtol=1e-5)
