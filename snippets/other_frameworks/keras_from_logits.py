# Keras reads y_pred as probabilities unless told from_logits=True. Given logits, the default does
# not fail: it divides each row by its sum, clips into [1e-7, 1 - 1e-7] and takes the log.
import os

os.environ["KERAS_BACKEND"] = "jax"  # Keras 3 defaults to TensorFlow, not installed here

import keras
import numpy as np

logits = np.array([[2.0, 1.0, 0.0], [0.5, 2.5, -1.0], [0.0, 0.0, 3.0]], dtype=np.float32)
target = np.array([0, 1, 2])
probs = np.asarray(keras.ops.softmax(logits, axis=-1))

sparse = keras.losses.SparseCategoricalCrossentropy  # from_logits=False unless you say so
print(f"logits, default:           {float(sparse()(target, logits)):.5f}")
#> logits, default:           0.13516
print(f"logits, from_logits=True:  {float(sparse(from_logits=True)(target, logits)):.5f}")
#> logits, from_logits=True:  0.21857
print(f"softmax output, default:   {float(sparse()(target, probs)):.5f}")
#> softmax output, default:   0.21857

# The default's number, by hand: each row divided by its sum, read as probabilities.
rows = logits / logits.sum(axis=1, keepdims=True)
picked = np.clip(rows[np.arange(3), target], 1e-7, 1 - 1e-7)
print(f"rows divided by their sum: {rows[np.arange(3), target]}")
#> rows divided by their sum: [0.6666667 1.25      1.       ]
print(f"by hand:                   {float(np.mean(-np.log(picked))):.5f}")
#> by hand:                   0.13516
np.testing.assert_allclose(float(sparse()(target, logits)), np.mean(-np.log(picked)), rtol=1e-5)
