#!/usr/bin/env bash
# Field statistics over a whole 10980 px generated tile (~30 % cloud; made once, cached) with
# 10,000 of its parcels spread over the tile (every n-th, picked with OGR SQL): wall time and peak
# RSS of `unclouded-cli fields` (/usr/bin/time -v), one date, NDVI/NDWI/NDRE/EVI/SAVI. Also the
# whole parcel set, to show how the time grows with the count.
set -euo pipefail
build="${1:-build}"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/unclouded/bench/full-tile-fields"
if [ ! -f "$cache/sample.json" ] || [ ! -f "$cache/parcels.gpkg" ]; then
  mkdir -p "$cache"
  /usr/bin/time -v "$build/cli/unclouded-cli" make-sample "$cache" --size 10980 --seed 1 --cloud-cover 0.3 \
    2> "$cache/generate-time.txt"
fi
product=$(ls -d "$cache"/S2B_MSIL2A_2023041*.SAFE | head -n 1)
work=$(mktemp -d "${TMPDIR:-/tmp}/unclouded-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
total=$(ogrinfo -q -sql "SELECT COUNT(*) FROM parcels" "$cache/parcels.gpkg" | awk -F'= ' '/COUNT/ {print $2}')
step=$(( total / 10000 ))
ogr2ogr "$work/p10k.gpkg" "$cache/parcels.gpkg" -sql "SELECT * FROM parcels WHERE id % $step = 0 LIMIT 10000"
for set in p10k all; do
  parcels="$work/p10k.gpkg"; [ "$set" = all ] && parcels="$cache/parcels.gpkg"
  n=$(ogrinfo -q -sql "SELECT COUNT(*) FROM \"$(ogrinfo -q "$parcels" | head -1 | awk '{print $2}')\"" "$parcels" | awk -F'= ' '/COUNT/ {print $2}')
  /usr/bin/time -v "$build/cli/unclouded-cli" fields "$product" --parcels "$parcels" --csv "$work/$set.csv" \
    2> "$work/$set.time" > /dev/null
  wall=$(grep 'Elapsed' "$work/$set.time" | awk '{print $NF}')
  rss=$(grep 'Maximum resident' "$work/$set.time" | awk '{printf "%.2f GiB", $NF/1048576}')
  echo "fields, whole tile, $n parcels ($set), one date: wall $wall, peak RSS $rss"
done
