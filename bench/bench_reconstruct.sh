#!/usr/bin/env bash
# Reconstruction figures on a full 10980 px tile from the generator (~30 % cloud, with a clear
# reference date; made once, cached): wall time and peak RSS per method (/usr/bin/time -v), then
# the COG export against gdal_translate -of COG on the same data (bench_export, median of 3).
set -euo pipefail
build="${1:-build}"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/unclouded/bench/full-tile-recon"
if [ ! -f "$cache/sample.json" ]; then
  mkdir -p "$cache"
  /usr/bin/time -v "$build/cli/unclouded-cli" make-sample "$cache" --size 10980 --seed 1 --cloud-cover 0.3 \
    --reference-date 2> "$cache/generate-time.txt"
fi
product=$(ls -d "$cache"/S2B_MSIL2A_2023041*.SAFE | head -n 1)
reference=$(ls -d "$cache"/S2B_MSIL2A_2023052*.SAFE | head -n 1)
work=$(mktemp -d "${TMPDIR:-/tmp}/unclouded-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
# METHODS may also name checkpoints (e.g. the U-Net that bench_quality.sh trains). REFERENCE=none runs
# them on the one date (#18's whole-tile figure is the general model without the other date; give
# METHODS without temporal then); EXPORT=0 skips the COG export comparison.
refargs=(--reference "$reference")
if [ "${REFERENCE:-}" = none ]; then refargs=(); fi
for m in ${METHODS:-telea temporal ns}; do
  n=$(basename "$m" .pth)
  /usr/bin/time -v "$build/cli/unclouded-cli" reconstruct "$product" --method "$m" ${refargs[@]+"${refargs[@]}"} \
    --out "$work/$n.tif" --json > "$work/$n.json" 2> "$work/$n.time"
  wall=$(grep 'Elapsed' "$work/$n.time" | awk '{print $NF}')
  rss=$(grep 'Maximum resident' "$work/$n.time" | awk '{printf "%.2f GiB", $NF/1048576}')
  pct=$(/usr/bin/python3 -c "import json,sys; j=json.load(open('$work/$n.json')); print('%.1f %% rebuilt, %d/%d windows skipped, method %.0f s of %.0f s, %.0f s with the writing' % (j['reconstructed_percent'], j['windows_skipped'], j['windows'], j['method_seconds'], j['seconds'], j['total_seconds']))")
  echo "reconstruct full tile, $n: wall $wall, peak RSS $rss ($pct)"
  rm -f "$work/$n.tif" "$work/$n.mask.tif"
done
[ "${EXPORT:-1}" = 0 ] || "$build/bench/bench_export" "$product" "$work" 3
