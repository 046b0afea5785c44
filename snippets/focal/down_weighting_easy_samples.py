# (1 - p_y)**gamma: how much focal loss keeps of each sample's cross-entropy.
import torch

p_y = torch.tensor([0.1, 0.5, 0.9, 0.99])
for gamma in (0.0, 1.0, 2.0, 5.0):
    print(f"gamma={gamma:g}:", (1 - p_y) ** gamma)
    #> gamma=0: tensor([1., 1., 1., 1.])
    #> gamma=1: tensor([0.9000, 0.5000, 0.1000, 0.0100])
    #> gamma=2: tensor([8.1000e-01, 2.5000e-01, 1.0000e-02, 1.0000e-04])
    #> gamma=5: tensor([5.9049e-01, 3.1250e-02, 1.0000e-05, 1.0000e-10])
