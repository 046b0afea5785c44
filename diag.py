import matplotlib; matplotlib.use("Agg")
exec(open("/tmp/r5nb/training.py").read().replace("plt.show()", "plt.close('all')"))
print("=== diagnostics")
print("conf wrong per epoch:", [round(mean_confidence_when_wrong(h),3) for h in history])
print("errors per epoch:", [int(wrong_and_confidence(h)[0].sum()) for h in history])
def bins(logits, target, nb=15):
    conf, pred = logits.softmax(1).max(1)
    edges = torch.linspace(0,1,nb+1)
    return [int(((conf>lo)&(conf<=hi)).sum()) for lo,hi in zip(edges[:-1],edges[1:])]
print("bins before", bins(test_logits, y_test)); print("bins after", bins(test_logits/T, y_test))
# NLL on val over T grid
for t in [1.0, 1.5, T*0.95, T, T*1.05, 2.0]:
    print("T", round(t,3), "val nll", F.cross_entropy(last["val_logits"]/t, y_val).item())
# per-seed imbalanced
for name, options in remedies.items():
    ms=[train(x_imb, y_imb, epochs=30, lr=1e-3, seed=seed, **options)[0] for seed in range(3)]
    print(name, [[round(v,4) for v in scores(m)] for m in ms])
print({k:[f"{v:.6f}" for v in r] for k,r in results.items()})
