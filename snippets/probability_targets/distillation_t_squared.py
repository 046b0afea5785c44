# The soft-target term's gradient shrinks like 1/T^2; Hinton et al. multiply it by T^2.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
N, C = 3, 5
student_logits = torch.randn(N, C)
teacher_logits = torch.randn(N, C)
student_logits -= student_logits.mean(dim=1, keepdim=True)  # zero-mean rows, as in the paper's
teacher_logits -= teacher_logits.mean(dim=1, keepdim=True)  # high-temperature argument

# As T grows, the gradient of CE(student / T, softmax(teacher / T)) tends to
# (student - teacher) / (N * C * T^2): multiplying by T^2 keeps its scale.
limit = (student_logits - teacher_logits) / (N * C)
print("   T   |grad| without T^2   |grad| with T^2   |(s - t) / (N C)|")
#>    T   |grad| without T^2   |grad| with T^2   |(s - t) / (N C)|
for T in [1.0, 2.0, 4.0, 8.0, 16.0]:
    x = student_logits.clone().requires_grad_()
    soft = (teacher_logits / T).softmax(dim=1)
    soft_term = F.cross_entropy(x / T, soft)
    (grad,) = torch.autograd.grad(soft_term, x)
    grad_scaled = T**2 * grad  # the gradient of T^2 * soft_term
    print(f"{T:4.0f}   {grad.norm():18.6f}   {grad_scaled.norm():15.6f}   {limit.norm():17.6f}")
    #>    1             0.290681          0.290681            0.294440
    #>    2             0.074262          0.297049            0.294440
    #>    4             0.018531          0.296500            0.294440
    #>    8             0.004619          0.295643            0.294440
    #>   16             0.001153          0.295085            0.294440

# At T = 16 the scaled gradient is close to its limit; without T^2 it is about 256 times smaller.
relative_error = (grad_scaled - limit).norm() / limit.norm()
print(f"T = 16: |T^2 grad - limit| / |limit| = {relative_error:.4f}")
#> T = 16: |T^2 grad - limit| / |limit| = 0.0327
assert relative_error < 0.05
assert grad.norm() < limit.norm() / 200
