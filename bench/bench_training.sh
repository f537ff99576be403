#!/usr/bin/env bash
# Training throughput, LibTorch C++ (the app) against PyTorch 1.13 in Python on the same
# architectures and machine, one after the other in this script; ratio and share of GEMM peak.
set -euo pipefail
build="${1:-build}"
here="$(cd "$(dirname "$0")" && pwd)"
threads=$(nproc)
cpp=$("$build/bench/bench_training")
py=$(/usr/bin/python3 "$here/bench_training.py" "$threads")
/usr/bin/python3 - "$cpp" "$py" <<'PY'
import json, sys
c, p = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"threads: C++ {c['threads']}, Python {p['threads']} (torch {p['torch']}); GEMM peak {p['gemm_gflops']:.1f} GFLOP/s")
for k in ("cnn", "unet"):
    cp, pp = c[k + "_patches_per_s"], p[k + "_patches_per_s"]
    f = 3 * p[k + "_forward_gflop_per_patch"]  # forward + backward ~ 3x forward
    print(f"{k:5s}: C++ {cp:7.2f} patches/s, PyTorch {pp:7.2f} patches/s, ratio {cp / pp:.2f}; "
          f"{f * cp:.1f} GFLOP/s = {100 * f * cp / p['gemm_gflops']:.0f} % of GEMM peak")
PY
