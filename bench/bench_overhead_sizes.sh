#!/usr/bin/env bash
# Reconstruction overhead on several product sizes and every method (issue #18): products of 600,
# 1800 and 5490 px generated once (with a reference date) into a cache outside the repository, then
# bench_recon_overhead on each: whole product over the method's pure work, methods alternating,
# median of ROUNDS. The general models run as shipped; the U-Net checkpoint is the seed's
# architecture (width 32, depth 4, 12 bands, scene pre-fill) with tools/models.py's weights.
# Usage: bench/bench_overhead_sizes.sh [BUILD_DIR] [CACHE_DIR] [ROUNDS] [SIZES...]
# AOI_ROWS=N: rebuild only the first N rows (full width) of products larger than 600 px (what the
# README's 1800 / 5490 rows used: 480 and 256; a whole 5490 px product takes hours on 2 cores).
# The overhead is the ratio inside each run (--no-pure); drop that flag for separate passes too.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
cache=${2:-${UNCLOUDED_BENCH_CACHE:-/work/benchdata}}
rounds=${3:-3}
shift $(( $# < 3 ? $# : 3 ))
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(600 1800 5490)
cli=$build/cli/unclouded-cli
py=/usr/bin/python3 # Debian's python with python3-torch
mkdir -p "$cache/models"
# Its own file: bench_infer_vs_pytorch.sh makes seed_unet.pth without the L2A bands set below.
unet=$cache/models/seed_unet_l2a.pth
if [ ! -f "$unet" ]; then
    "$py" "$here/tools/models.py" make unet 12 32 4 "$unet" 64 64 > /dev/null
    rm -f "$unet.ordered" "$unet.ordered.json"
    "$py" - "$unet.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
m.update(bands=["B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B09", "B11", "B12"],
         prefill=True, prefill_kind="scene", mean=[0.2] * 12, std=[0.15] * 12)
json.dump(m, open(sys.argv[1], "w"))
PY
fi
for s in "${sizes[@]}"; do
    d=$cache/s$s
    [ -f "$d/sample.json" ] || "$cli" make-sample --size "$s" --seed 3 --reference-date "$d" > /dev/null
    read -r main ref < <("$py" -c "import json,sys; d=json.load(open(sys.argv[1])); print(d['main']['safe'], d['reference']['safe'])" "$d/sample.json")
    aoi=()
    [ -n "${AOI_ROWS:-}" ] && [ "$s" -gt 600 ] && aoi=(--aoi "0,0,$s,$AOI_ROWS")
    UNCLOUDED_THREADS=${UNCLOUDED_THREADS:-2} "$build/bench/bench_recon_overhead" "$d/$main" "$rounds" \
        pretrained pretrained+ref "$unet" telea temporal --reference "$d/$ref" --no-pure "${aoi[@]}"
done
