# Distillation: the teacher's softened softmax is the student's probability target.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
C, T = 5, 2.0
student_logits = torch.randn(3, C)
teacher_logits = torch.randn(3, C)
soft = (teacher_logits / T).softmax(dim=1)  # each row sums to 1

log_p = (student_logits / T).log_softmax(dim=1)
manual = -(soft * log_p).sum(dim=1).mean()
loss = F.cross_entropy(student_logits / T, soft)
print(f"manual {manual:.4f}   F.cross_entropy {loss:.4f}")
#> manual 1.7187   F.cross_entropy 1.7187
torch.testing.assert_close(manual, loss)

# Cross-entropy = entropy of the target + KL; the entropy ignores the student.
entropy = -(soft * soft.log()).sum(dim=1).mean()
kl = F.kl_div(log_p, soft, reduction="batchmean")
print(f"entropy {entropy:.4f} + KL {kl:.4f} = {entropy + kl:.4f}")
#> entropy 1.5443 + KL 0.1743 = 1.7187
torch.testing.assert_close(entropy + kl, loss)
