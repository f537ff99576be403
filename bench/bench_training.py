"""PyTorch reference for bench_training: the same architectures (tools/models.py), the same step
(Adam 5e-5, masked MSE, clipping 1.0), batch 4 x 128 px x 13 bands, median of repeated timings;
plus the machine's GEMM peak and each model's forward FLOPs per patch. Run with /usr/bin/python3."""
import json
import os
import sys
import time

import torch
import torch.nn as nn

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tools"))
import models  # noqa: E402

threads = int(sys.argv[1]) if len(sys.argv) > 1 else os.cpu_count()
steps = int(sys.argv[2]) if len(sys.argv) > 2 else 5
torch.set_num_threads(threads)
torch.manual_seed(1)
out = {"threads": torch.get_num_threads(), "torch": torch.__version__}

n = 2048
a, b = torch.randn(n, n), torch.randn(n, n)
torch.mm(a, b)
best = 0.0
for _ in range(5):
    t = time.perf_counter()
    torch.mm(a, b)
    best = max(best, 2 * n ** 3 / (time.perf_counter() - t))
out["gemm_gflops"] = best / 1e9

for kind in ("cnn", "unet"):
    model = models.build(kind, 13, 32, 4)
    flops = [0]

    def hook(m, inp, outp):
        k = m.kernel_size[0] * m.kernel_size[1]
        cin = m.in_channels // m.groups
        # ConvTranspose: each input pixel touches k out positions per out channel
        flops[0] += 2 * (inp[0].numel() * m.out_channels * k if isinstance(m, nn.ConvTranspose2d) else outp.numel() * cin * k)

    hooks = [m.register_forward_hook(hook) for m in model.modules() if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d))]
    with torch.no_grad():
        model.eval()
        model(torch.randn(1, 14, 128, 128))
    for h in hooks:
        h.remove()
    model.train()
    x, y = torch.randn(4, 14, 128, 128), torch.randn(4, 13, 128, 128)
    m = torch.zeros(4, 1, 128, 128)
    m[:, :, 64:, :] = 1
    opt = torch.optim.Adam(model.parameters(), lr=5e-5)

    def step():
        opt.zero_grad()
        loss = (((model(x) - y) ** 2) * m).sum() / (m.sum() * 13)
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()

    for _ in range(2):
        step()
    rates = []
    for _ in range(5):
        t = time.perf_counter()
        for _ in range(steps):
            step()
        rates.append(4 * steps / (time.perf_counter() - t))
    out[kind + "_patches_per_s"] = sorted(rates)[len(rates) // 2]
    out[kind + "_forward_gflop_per_patch"] = flops[0] / 1e9
print(json.dumps(out))
