#!/usr/bin/env bash
# Inference in C++ (bench_infer, as reconstruct runs it) against PyTorch in Python (bench_infer.py,
# Debian's python3-torch: the same LibTorch build) on the same checkpoint, input and thread count,
# alternating processes within one run: ROUNDS x (C++, Python), each REPS passes after a warm-up.
# Checkpoints: the seed's U-Net architecture (12 bands, width 32, depth 4; one window = 1 sample) and
# the shipped one-date general model (width 12 since session 24, one window of a 12-band product = 12
# samples).
# Usage: bench/bench_infer_vs_pytorch.sh [BUILD_DIR] [ROUNDS] [REPS] [CPP_VARIANT] [PY_VARIANT]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
rounds=${2:-3}
reps=${3:-3}
cppv=${4:-folded}
pyv=${5:-plain}
threads=2
py=/usr/bin/python3
cache=${UNCLOUDED_BENCH_CACHE:-/work/benchdata}
unet=$cache/models/seed_unet.pth

if [ ! -f "$unet" ]; then
    mkdir -p "$cache/models"
    "$py" "$here/tools/models.py" make unet 12 32 4 "$unet" 64 64 > /dev/null
fi
export UNCLOUDED_THREADS=$threads OMP_NUM_THREADS=$threads
for spec in "$unet:1" "$here/resources/models/general.pth:12"; do
    ckpt=${spec%:*}
    n=${spec##*:}
    for r in $(seq "$rounds"); do
        "$build/bench/bench_infer" "$ckpt" 256 "$n" "$reps" "$cppv"
        "$py" "$here/bench/bench_infer.py" "$ckpt" 256 "$n" "$reps" "$pyv" "$threads"
    done | "$py" -c '
import json, statistics, sys
rows = [json.loads(l) for l in sys.stdin if l.startswith("{")]
c = [r["mpx_s"] for r in rows if r["impl"] == "cpp"]
p = [r["mpx_s"] for r in rows if r["impl"] == "python"]
ratios = [a / b for a, b in zip(c, p)]
print("%s, %s samples of 256 px: C++ (%s) %.4f Mpx/s, Python (%s) %.4f Mpx/s, ratio %.2fx (per round %s); sums %s" % (
    sys.argv[1], sys.argv[2], rows[0]["variant"], statistics.median(c), rows[1]["variant"], statistics.median(p),
    statistics.median(ratios), ", ".join("%.2f" % r for r in ratios), sorted({"%.5g" % r["sum"] for r in rows})))
' "$(basename "$ckpt")" "$n"
done
