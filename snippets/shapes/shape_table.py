# Input, target and reduction='none' shapes for each input rank.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
C = 3
for input_shape in [(C,), (2, C), (2, C, 4), (2, C, 4, 5)]:
    logits = torch.randn(input_shape)
    class_dim = 0 if logits.dim() == 1 else 1
    index_shape = input_shape[:class_dim] + input_shape[class_dim + 1 :]  # no class dim
    index_target = torch.randint(C, index_shape)
    prob_target = torch.randn(input_shape).softmax(dim=class_dim)
    from_index = F.cross_entropy(logits, index_target, reduction="none")
    from_prob = F.cross_entropy(logits, prob_target, reduction="none")
    tensors = (logits, index_target, prob_target, from_index)
    shapes = [str(tuple(t.shape)) for t in tensors]
    print("input {:13} index target {:10} prob target {:13} 'none' {}".format(*shapes))
    #> input (3,)          index target ()         prob target (3,)          'none' ()
    #> input (2, 3)        index target (2,)       prob target (2, 3)        'none' (2,)
    #> input (2, 3, 4)     index target (2, 4)     prob target (2, 3, 4)     'none' (2, 4)
    #> input (2, 3, 4, 5)  index target (2, 4, 5)  prob target (2, 3, 4, 5)  'none' (2, 4, 5)
    assert from_index.shape == from_prob.shape == index_shape
    assert F.cross_entropy(logits, index_target).shape == ()  # 'mean' is 0-d
