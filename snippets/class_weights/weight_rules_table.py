# Four rules for class weights, computed on one skewed label count.
import torch

counts = torch.tensor([900.0, 90.0, 10.0])  # n_c: samples per class
n, C = counts.sum(), len(counts)
beta = 0.99  # effective number of samples (Cui et al., 2019)

rules = {
    "inverse frequency 1/n_c": 1 / counts,
    "balanced n/(C n_c)": n / (C * counts),
    "inverse sqrt 1/sqrt(n_c)": counts.rsqrt(),
    "effective number, beta=0.99": (1 - beta) / (1 - beta**counts),
}
print(f"{'rule':<29}{'w_0':>9}{'w_1':>9}{'w_2':>9}   share of the weighted mean")
#> rule                               w_0      w_1      w_2   share of the weighted mean
for name, weight in rules.items():
    share = counts * weight / (counts * weight).sum()  # class c's part of sum_n w[y_n]
    row = f"{name:<29}" + "".join(f"{w:9.4f}" for w in weight)
    print(row + "   " + " ".join(f"{s:.3f}" for s in share))
    #> inverse frequency 1/n_c         0.0011   0.0111   0.1000   0.333 0.333 0.333
    #> balanced n/(C n_c)              0.3704   3.7037  33.3333   0.333 0.333 0.333
    #> inverse sqrt 1/sqrt(n_c)        0.0333   0.1054   0.3162   0.703 0.222 0.074
    #> effective number, beta=0.99     0.0100   0.0168   0.1046   0.779 0.131 0.090

# effective number E_c = (1 - beta**n_c) / (1 - beta): about n_c when few, at most 1/(1 - beta)
print("E_c:", ((1 - beta**counts) / (1 - beta)).round(decimals=2))
#> E_c: tensor([99.9900, 59.5300,  9.5600])
balanced = rules["balanced n/(C n_c)"]
torch.testing.assert_close((counts * balanced).sum(), n)  # 'balanced': the total weight stays n
torch.testing.assert_close(balanced / rules["inverse frequency 1/n_c"], (n / C).expand(C))
