"""How close one forward pass of a U-Net checkpoint is to this CPU's arithmetic, and whether int8 helps
(issue #18: inference ahead of PyTorch). Same LibTorch build as the app (Debian's python3-torch).

1. Every 3 x 3 convolution of the network at its size in one 256 px window, alone (oneDNN, NCHW and
   channels-last; median of REPS): GFLOP/s, and their sum against the whole pass.
2. The whole pass in float32 against int8 post-training quantisation (FX graph mode, calibrated on
   four scaled copies of the input) with each quantised engine LibTorch has here (oneDNN: transposed
   convolutions stay float32, it has no int8 kernel for them; QNNPACK), alternating within the run.
3. The largest and mean difference of the int8 output from float32's.

Usage: /usr/bin/python3 bench/infer_ceiling.py CKPT [REPS] [THREADS]
"""
import copy
import os
import statistics
import sys
import time
import warnings

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import models  # noqa: E402

warnings.filterwarnings("ignore")


def median_time(f, reps):
    with torch.inference_mode():
        f()
        t = []
        for _ in range(reps):
            t0 = time.perf_counter()
            f()
            t.append(time.perf_counter() - t0)
    return statistics.median(t)


def main(argv):
    ckpt = argv[1]
    reps = int(argv[2]) if len(argv) > 2 else 7
    torch.set_num_threads(int(argv[3]) if len(argv) > 3 else 2)
    model, meta, nb, cin = models.load(ckpt)
    samples = len(meta["bands"]) if meta.get("per_band") else 1
    side = 256
    x = (torch.arange(samples * cin * side * side, dtype=torch.float32) % 7 * 0.1).reshape(samples, cin, side, side)

    # 1. Each 3 x 3 convolution at the size it runs at, found by hooks on one pass.
    shapes = []
    hooks = [m.register_forward_hook(lambda m, i, o: shapes.append((m, i[0].shape)))
             for m in model.modules() if isinstance(m, torch.nn.Conv2d) and m.kernel_size == (3, 3)]
    with torch.inference_mode():
        model(x)
    for h in hooks:
        h.remove()
    total_flop, conv_s, conv_cl_s = 0.0, 0.0, 0.0
    print("3x3 convolution (in -> out, side)   GFLOP   NCHW ms  GFLOP/s   channels-last ms  GFLOP/s")
    for m, s in shapes:
        xi = torch.randn(s)
        flop = 2.0 * s[0] * m.out_channels * m.in_channels * 9 * s[2] * s[3]
        a = median_time(lambda: F.conv2d(xi, m.weight, None, 1, 1), reps)
        xc = xi.contiguous(memory_format=torch.channels_last)
        wc = m.weight.contiguous(memory_format=torch.channels_last)
        b = median_time(lambda: F.conv2d(xc, wc, None, 1, 1), reps)
        total_flop += flop
        conv_s += a
        conv_cl_s += b
        print("%4d -> %4d, %3d px x %2d            %6.3f  %7.1f  %7.1f   %7.1f           %7.1f" % (
            m.in_channels, m.out_channels, s[2], s[0], flop / 1e9, a * 1e3, flop / a / 1e9, b * 1e3, flop / b / 1e9))

    # 2. Whole pass: float32 against int8, alternating.
    from torch.ao.quantization import get_default_qconfig_mapping
    from torch.ao.quantization.quantize_fx import convert_fx, prepare_fx
    quantised = {}
    with torch.inference_mode():
        y = model(x)
    for engine in ("onednn", "qnnpack"):
        if engine not in torch.backends.quantized.supported_engines:
            print("int8 %s: not in this LibTorch" % engine)
            continue
        torch.backends.quantized.engine = engine
        mapping = get_default_qconfig_mapping(engine)
        if engine == "onednn":
            mapping = mapping.set_object_type(torch.nn.ConvTranspose2d, None)
        try:
            prepared = prepare_fx(copy.deepcopy(model), mapping, (x,))
            with torch.no_grad():
                for k in range(4):
                    prepared(x * (1 + 0.1 * k))
            q = convert_fx(prepared)
            with torch.inference_mode():
                d = (q(x) - y).abs()
            quantised[engine] = (q, float(d.max()), float(d.mean()))
        except Exception as e:  # report, do not stop: the float32 figures still stand
            print("int8 %s: fails (%s)" % (engine, str(e).splitlines()[0][:160]))
    times = {"float32": []}
    for e in quantised:
        times["int8 " + e] = []
    for _ in range(3):
        times["float32"].append(median_time(lambda: model(x), reps))
        for e, (q, _, _) in quantised.items():
            torch.backends.quantized.engine = e
            times["int8 " + e].append(median_time(lambda: q(x), reps))
    whole = statistics.median(times["float32"])
    print("\nthreads %d; %d samples of %d px; 3x3 convolutions %.2f GFLOP" % (
        torch.get_num_threads(), samples, side, total_flop / 1e9))
    print("sum of the 3x3 convolutions alone: NCHW %.3f s (%.1f GFLOP/s), channels-last %.3f s (%.1f GFLOP/s)" % (
        conv_s, total_flop / conv_s / 1e9, conv_cl_s, total_flop / conv_cl_s / 1e9))
    print("whole pass float32: %.3f s (%.1f GFLOP/s over the 3x3 convolutions' work)" % (whole, total_flop / whole / 1e9))
    for e, (q, dmax, dmean) in quantised.items():
        t = statistics.median(times["int8 " + e])
        print("whole pass int8 %s: %.3f s (%.2fx float32's time); output differs by up to %.4f, %.5f on average"
              " (normalised units)" % (e, t, t / whole, dmax, dmean))


if __name__ == "__main__":
    main(sys.argv)
