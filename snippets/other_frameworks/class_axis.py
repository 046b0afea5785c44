# A sequence batch of shape (N, C, L): PyTorch takes the classes on dim 1, the others on the last
# axis unless told otherwise.
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

rng = np.random.default_rng(0)
logits = rng.standard_normal((2, 3, 4)).astype(np.float32)  # N=2, C=3 classes, L=4 positions
target = np.array([[0, 1, 2, 1], [2, 2, 0, 1]])  # (N, L)
channels_last = np.moveaxis(logits, 1, -1)  # (N, L, C)

losses = {
    "torch": F.cross_entropy(torch.tensor(logits), torch.tensor(target)),
    "optax axis=1": optax.softmax_cross_entropy_with_integer_labels(logits, target, axis=1).mean(),
    "optax last": optax.softmax_cross_entropy_with_integer_labels(channels_last, target).mean(),
    "keras last": keras.losses.SparseCategoricalCrossentropy(from_logits=True)(
        target, channels_last
    ),
    "paddle axis=1": paddle.nn.functional.cross_entropy(
        paddle.to_tensor(logits), paddle.to_tensor(target), axis=1
    ),
    "paddle last": paddle.nn.functional.cross_entropy(
        paddle.to_tensor(channels_last), paddle.to_tensor(target)
    ),
}
for name, value in losses.items():
    print(f"{name:>13}: {float(value):.5f}")
    #>         torch: 0.97505
    #>  optax axis=1: 0.97505
    #>    optax last: 0.97505
    #>    keras last: 0.97505
    #> paddle axis=1: 0.97505
    #>   paddle last: 0.97505

# Left on the default axis, the (N, C, L) logits are read as L=4 classes:
try:
    optax.softmax_cross_entropy_with_integer_labels(logits, target)
except Exception as err:
    print(f"optax, default axis: {type(err).__name__}")
    #> optax, default axis: ValueError
try:
    keras.losses.SparseCategoricalCrossentropy(from_logits=True)(target, logits)
except Exception as err:
    print(f"keras, default axis: {type(err).__name__}")
    #> keras, default axis: ValueError
try:  # Keras's own axis argument does not help on the JAX backend: the class axis must be last
    keras.losses.SparseCategoricalCrossentropy(from_logits=True, axis=1)(target, logits)
except Exception as err:
    print(f"keras, axis=1: {type(err).__name__}")
    #> keras, axis=1: ValueError
try:
    paddle.nn.functional.cross_entropy(paddle.to_tensor(logits), paddle.to_tensor(target))
except Exception as err:
    print(f"paddle, default axis: {type(err).__name__}")
    #> paddle, default axis: ValueError

# The errors come from L != C. With as many positions as classes the shapes agree, so the default
# axis reads positions as classes without a word, and the loss is a different number:
square, square_target = logits[:, :, :3], target[:, :3]  # (N, C, L) with L = C = 3
wrong_axis = {
    "torch": F.cross_entropy(torch.tensor(square), torch.tensor(square_target)),
    "optax": optax.softmax_cross_entropy_with_integer_labels(square, square_target).mean(),
    "keras": keras.losses.SparseCategoricalCrossentropy(from_logits=True)(square_target, square),
    "paddle": paddle.nn.functional.cross_entropy(
        paddle.to_tensor(square), paddle.to_tensor(square_target)
    ),
}
for name, value in wrong_axis.items():
    print(f"L == C, {name:>6}, default axis: {float(value):.5f}")
    #> L == C,  torch, default axis: 1.11336
    #> L == C,  optax, default axis: 1.22585
    #> L == C,  keras, default axis: 1.22585
    #> L == C, paddle, default axis: 1.22585

for value in losses.values():
    np.testing.assert_allclose(float(value), float(losses["torch"]), rtol=1e-5)
for name in ["optax", "keras", "paddle"]:  # the same wrong number, no error
    assert abs(float(wrong_axis[name]) - float(wrong_axis["torch"])) > 0.1
