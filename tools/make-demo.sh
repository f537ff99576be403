#!/usr/bin/env bash
# Generates the built-in demo product once (cached): a cloudy L2A date, a clear reference date and
# the parcels the generator drew (a cache from before parcels existed is made again).
set -euo pipefail
cli="$1"; dir="$2"
if [ -f "$dir/sample.json" ] && [ -f "$dir/parcels.gpkg" ]; then
  echo "demo product: $dir (cached)"
  exit 0
fi
mkdir -p "$dir"
"$cli" make-sample "$dir" --size 1800 --seed 42 --cloud-cover 0.3 --reference-date
