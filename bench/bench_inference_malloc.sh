#!/usr/bin/env bash
# The general model on part of the demo (AOI, 2 cores) with the heap settings runtime.cpp makes
# against glibc's defaults (setting GLIBC_TUNABLES makes the app leave malloc alone), alternating,
# ROUNDS each: median wall and kernel (sys) time, and whether the outputs are bit-identical.
set -euo pipefail
build="${1:-build}"; rounds="${2:-3}"; aoi="${AOI:-0,0,768,768}"
demo="${XDG_CACHE_HOME:-$HOME/.cache}/unclouded/demo"
product=$(ls -d "$demo"/S2B_MSIL2A_20230412*.SAFE | head -n 1)
work=$(mktemp -d "${TMPDIR:-/tmp}/unclouded-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
run() { # name, env...
  local name="$1"; shift
  env "$@" /usr/bin/time -f "%e %S" "$build/cli/unclouded-cli" reconstruct "$product" --method pretrained \
    --aoi "$aoi" --out "$work/$name.tif" > /dev/null 2>> "$work/$name.times"
}
for _ in $(seq "$rounds"); do
  run glibc GLIBC_TUNABLES=glibc.malloc.check=0
  run tuned UNCLOUDED_BENCH=1
done
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for n in glibc tuned; do
  wall=$(grep -E '^[0-9.]+ [0-9.]+$' "$work/$n.times" | awk '{print $1}' | median)
  sys=$(grep -E '^[0-9.]+ [0-9.]+$' "$work/$n.times" | awk '{print $2}' | median)
  echo "general model, AOI $aoi of the demo, malloc $n: median wall $wall s, kernel $sys s ($rounds runs)"
done
if cmp -s <(gdalinfo -checksum "$work/glibc.tif" | grep Checksum) <(gdalinfo -checksum "$work/tuned.tif" | grep Checksum); then
  echo "outputs: identical band checksums"
else
  echo "outputs: DIFFER"
fi
