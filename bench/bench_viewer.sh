#!/usr/bin/env bash
# Viewer figures on a full 10980 x 10980 tile from the generator (made once, cached).
set -euo pipefail
build="${1:-build}"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/unclouded/bench/full-tile"
if [ ! -f "$cache/sample.json" ]; then
  mkdir -p "$cache"
  /usr/bin/time -v "$build/cli/unclouded-cli" make-sample "$cache" --size 10980 --seed 1 2> "$cache/generate-time.txt"
fi
product=$(ls -d "$cache"/S2B_MSIL2A_*.SAFE | head -n 1)
echo "generator (full tile): $(grep -E 'Elapsed|Maximum resident' "$cache/generate-time.txt" | tr -s ' ' | tr '\n' ';')"
QT_QPA_PLATFORM=offscreen "$build/bench/bench_viewer" "$product" 5
