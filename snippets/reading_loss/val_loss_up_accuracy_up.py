# Two checkpoints on the same 10 validation samples: accuracy rises, and so does the loss.
import torch
import torch.nn.functional as F

target = torch.ones(10, dtype=torch.long)  # class 1 is right for all ten; two classes
checkpoints = {  # the probability each checkpoint gives the true class, sample by sample
    "epoch 5": torch.tensor([0.60] * 6 + [0.45] * 4),
    "epoch 20": torch.tensor([0.95] * 8 + [0.02] * 2),  # more right, two confidently wrong
}
for name, p_y in checkpoints.items():
    logits = torch.stack([(1 - p_y).log(), p_y.log()], dim=1)  # softmax gives back (1 - p_y, p_y)
    per_sample = F.cross_entropy(logits, target, reduction="none")
    accuracy = (logits.argmax(dim=1) == target).float().mean()
    mistake = p_y < 0.5
    print(
        f"{name}: accuracy {accuracy:.0%}  loss {per_sample.mean():.4f}\n"
        f"  each mistake: p_y {p_y[mistake][0]:.2f}, loss {per_sample[mistake][0]:.4f};"
        f" the mistakes' share of the mean {per_sample[mistake].sum() / len(target):.4f}"
    )
    #> epoch 5: accuracy 60%  loss 0.6259
    #>   each mistake: p_y 0.45, loss 0.7985; the mistakes' share of the mean 0.3194
    #> epoch 20: accuracy 80%  loss 0.8234
    #>   each mistake: p_y 0.02, loss 3.9120; the mistakes' share of the mean 0.7824
