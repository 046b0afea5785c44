# DDP with a gathered contrastive loss, simulated in one process: each rank has a replica of the
# encoders, the gather either passes gradients back (torch.distributed.nn.all_gather) or not
# (dist.all_gather fills plain tensors), and DDP averages the replicas' gradients.
import math

import torch
import torch.nn.functional as F

torch.manual_seed(0)
R, N, D_in, D = 4, 2, 8, 16  # 4 ranks with 2 pairs each: a global batch of 8
x_img, x_txt = torch.randn(R * N, D_in), torch.randn(R * N, D_in)
params = {
    "w_img": torch.randn(D_in, D),  # a linear image encoder
    "w_txt": torch.randn(D_in, D),  # a linear text encoder
    "logit_scale": torch.tensor(math.log(1 / 0.07)),
}


def encode(p, rows):
    a = F.normalize(x_img[rows] @ p["w_img"], dim=1)
    b = F.normalize(x_txt[rows] @ p["w_txt"], dim=1)
    return a, b


def clip_loss(a, b, all_a, all_b, target, scale):
    loss_a = F.cross_entropy(scale * a @ all_b.T, target)
    loss_b = F.cross_entropy(scale * b @ all_a.T, target)
    return (loss_a + loss_b) / 2


# The reference: one process, one big batch.
big = {k: v.clone().requires_grad_() for k, v in params.items()}
a, b = encode(big, slice(None))
big_loss = clip_loss(a, b, a, b, torch.arange(R * N), big["logit_scale"].exp())
big_loss.backward()


def ddp(gather_with_grad, put_back, local_loss, loss_factor=1.0):
    replicas = [{k: v.clone().requires_grad_() for k, v in params.items()} for _ in range(R)]
    feats = [encode(replicas[r], slice(r * N, (r + 1) * N)) for r in range(R)]
    losses = []
    for r in range(R):
        # all_gather: the other ranks' embeddings, live (their gradient flows back to their owner,
        # summed there) or as plain data.
        gathered_a = [f[0] if gather_with_grad else f[0].detach() for f in feats]
        gathered_b = [f[1] if gather_with_grad else f[1].detach() for f in feats]
        if put_back:  # my own block back in place, with its graph
            gathered_a[r], gathered_b[r] = feats[r]
        all_a, all_b = torch.cat(gathered_a), torch.cat(gathered_b)
        scale = replicas[r]["logit_scale"].exp()
        if local_loss:  # my N rows against all R*N columns, labels offset by rank * N
            loss = clip_loss(*feats[r], all_a, all_b, torch.arange(N) + r * N, scale)
        else:  # the whole R*N x R*N matrix, the same on every rank
            loss = clip_loss(all_a, all_b, all_a, all_b, torch.arange(R * N), scale)
        losses.append(loss_factor * loss)
    # Every rank's backward at once: the ranks' graphs meet only at the gather.
    sum(losses).backward()
    mean_loss = sum(losses) / R
    grads = {k: sum(rep[k].grad for rep in replicas) / R for k in params}  # DDP averages
    return mean_loss, grads


print(f"big batch loss {big_loss:.4f}")
#> big batch loss 5.0385
print(f"{'':42} {'loss':>8}  {'w_img cos':>9} {'ratio':>6}  {'logit_scale ratio':>17}")
#>                                                loss  w_img cos  ratio  logit_scale ratio
variants = {
    "gather with grad, local loss": dict(gather_with_grad=True, put_back=False, local_loss=True),
    "gather without grad, local loss": dict(
        gather_with_grad=False, put_back=False, local_loss=True
    ),
    "without grad, own put back, full loss": dict(
        gather_with_grad=False, put_back=True, local_loss=False
    ),
    "without grad, own put back, full loss * R": dict(
        gather_with_grad=False, put_back=True, local_loss=False, loss_factor=R
    ),
    "with grad, local loss / R": dict(
        gather_with_grad=True, put_back=False, local_loss=True, loss_factor=1 / R
    ),
}
for name, options in variants.items():
    loss, grads = ddp(**options)
    g, ref = grads["w_img"].flatten(), big["w_img"].grad.flatten()
    cos = F.cosine_similarity(g, ref, dim=0)
    ratio = g.norm() / ref.norm()
    scale_ratio = grads["logit_scale"] / big["logit_scale"].grad
    print(f"{name:42} {loss:8.4f}  {cos:9.4f} {ratio:6.4f}  {scale_ratio:17.4f}")
    #> gather with grad, local loss                 5.0385     1.0000 1.0000             1.0000
    #> gather without grad, local loss              5.0385     0.9730 0.5241             1.0000
    #> without grad, own put back, full loss        5.0385     1.0000 0.2500             1.0000
    #> without grad, own put back, full loss * R   20.1541     1.0000 1.0000             4.0000
    #> with grad, local loss / R                    1.2596     1.0000 0.2500             0.2500
    if name == "gather with grad, local loss":
        for k in params:
            torch.testing.assert_close(grads[k], big[k].grad)  # exactly the big batch's gradient
