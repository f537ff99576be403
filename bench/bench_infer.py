"""PyTorch side of bench_infer_vs_pytorch.sh: the same checkpoint (tools/models.py loads our .pth) and
input as bench_infer (x[k] = (k % 7) * 0.1), eval mode under torch.inference_mode(), one warm-up pass,
then REPS passes; prints the median seconds, Mpx/s and the output sum as JSON.
VARIANT: plain (a module as PyTorch users run it) or plain-cl (module and input channels-last).
Usage: /usr/bin/python3 bench_infer.py CKPT SIDE SAMPLES REPS [VARIANT] [THREADS]
"""
import json
import os
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import models  # noqa: E402


def main(argv):
    ckpt, side, n, reps = argv[1], int(argv[2]), int(argv[3]), int(argv[4])
    variant = argv[5] if len(argv) > 5 else "plain"
    torch.set_num_threads(int(argv[6]) if len(argv) > 6 else 2)
    model, meta, nb, cin = models.load(ckpt)
    x = (torch.arange(n * cin * side * side, dtype=torch.float32) % 7 * 0.1).reshape(n, cin, side, side)
    if variant.endswith("-cl"):
        model = model.to(memory_format=torch.channels_last)
        x = x.contiguous(memory_format=torch.channels_last)
    with torch.inference_mode():
        s = float(model(x).double().sum())
        t = []
        for _ in range(reps):
            t0 = time.perf_counter()
            model(x)
            t.append(time.perf_counter() - t0)
    m = statistics.median(t)
    print(json.dumps({"impl": "python", "variant": variant, "seconds": round(m, 4),
                      "mpx_s": round(n * side * side / m / 1e6, 4), "sum": s,
                      "mkldnn": torch.backends.mkldnn.is_available(), "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main(sys.argv)
