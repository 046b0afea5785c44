# The same [N, 1] index target in the other three: PyTorch and optax refuse it, Keras squeezes it
# and returns one loss per sample, shape [N], like a plain [N] target.
import os

os.environ["KERAS_BACKEND"] = "jax"  # Keras 3 defaults to TensorFlow, not installed here

import keras
import numpy as np
import optax
import torch
import torch.nn.functional as F

logits = np.array([[2.0, 1.0, 0.0], [0.5, 2.5, -1.0], [0.0, 0.0, 3.0]], dtype=np.float32)
column = np.array([[0], [1], [2]])  # [N, 1]

try:
    F.cross_entropy(torch.tensor(logits), torch.tensor(column))
except RuntimeError as err:
    print(f"torch, [N, 1]: {type(err).__name__}")
    #> torch, [N, 1]: RuntimeError
try:
    optax.softmax_cross_entropy_with_integer_labels(logits, column)
except ValueError as err:
    print(f"optax, [N, 1]: {type(err).__name__}")
    #> optax, [N, 1]: ValueError
sparse = keras.losses.SparseCategoricalCrossentropy
per_sample = sparse(from_logits=True, reduction=None)(column, logits)
print(f"keras, [N, 1]: mean {float(sparse(from_logits=True)(column, logits)):.5f},"
      f" reduction=None gives shape {tuple(per_sample.shape)}")
#> keras, [N, 1]: mean 0.21857, reduction=None gives shape (3,)

flat = F.cross_entropy(torch.tensor(logits), torch.tensor(column[:, 0]), reduction="none")
np.testing.assert_allclose(np.asarray(per_sample), flat.numpy(), rtol=1e-5)
