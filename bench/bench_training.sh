#!/usr/bin/env bash
# Training throughput, LibTorch C++ (the app) against PyTorch 1.13 in Python on the same
# architectures and machine. The two alternate for ROUNDS rounds (so load drifts hit both) and
# the medians are compared; also the share of the machine's measured GEMM peak.
set -euo pipefail
build="${1:-build}"
rounds="${ROUNDS:-3}"
steps="${STEPS:-10}"   # Adam steps per timing; five timings per round, median
here="$(cd "$(dirname "$0")" && pwd)"
threads=$(nproc)
results=()
for r in $(seq "$rounds"); do
  results+=("$("$build/bench/bench_training" "$steps")" "$(/usr/bin/python3 "$here/bench_training.py" "$threads" "$steps")")
done
/usr/bin/python3 - "${results[@]}" <<'PY'
import json, statistics, sys
runs = [json.loads(a) for a in sys.argv[1:]]
cpp, py = runs[0::2], runs[1::2]
med = lambda rs, k: statistics.median(r[k] for r in rs)
peak = med(py, "gemm_gflops")
print(f"{len(cpp)} alternating rounds, {cpp[0]['threads']} threads (torch {py[0]['torch']}); GEMM peak {peak:.1f} GFLOP/s")
for k in ("cnn", "unet"):
    key = k + "_patches_per_s"
    cp, pp = med(cpp, key), med(py, key)
    per_round = ", ".join("%.2f" % (c[key] / p[key]) for c, p in zip(cpp, py))
    f = 3 * py[0][k + "_forward_gflop_per_patch"]  # forward + backward ~ 3x forward
    print(f"{k:5s}: C++ {cp:7.2f} patches/s, PyTorch {pp:7.2f} patches/s, ratio {cp / pp:.2f} "
          f"(rounds: {per_round}); "
          f"{f * cp:.1f} GFLOP/s = {100 * f * cp / peak:.0f} % of GEMM peak")
PY
