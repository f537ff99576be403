#!/usr/bin/env bash
# Corrections on top of the temporal fill, fitted on the cloudy date's visible pixels (issue #12):
# every OSCD city behind On Cloud N's drawn clouds plus the two field-scale crops. FAST=1 skips the
# MLPs (minutes per case on 2 cores). Results: stdout; bench/results/temporal-headroom.md says what
# they showed.
# Usage: bench/bench_temporal_headroom.sh [BUILD]
set -euo pipefail
build="${1:-build}"
cli="$(cd "$build" && pwd)/cli/unclouded-cli"
here="$(cd "$(dirname "$0")" && pwd)"
data="${SHARED_DATA:-$here/../../shared/data}"
[ -d "$data" ] || { echo "bench_temporal_headroom: $data absent, nothing to measure"; exit 0; }
work=$(mktemp -d "${TMPDIR:-/tmp}/unclouded-headroom.XXXXXX")
trap 'rm -rf "$work"' EXIT
oscd="$data/oscd-13band-L1C-2dates-10cities"
clouds="$data/oncloudn-L2A-4band-cloudmask/oncloudn_chip5_20200912_cloudmask.tif"
/usr/bin/python3 "$here/real_cases.py" "$oscd" "$clouds" "$work" | grep small > "$work/small.txt"
/usr/bin/python3 "$here/real_cases.py" "$oscd" "$clouds" "$work" all > "$work/cases.txt"
cat "$work/small.txt" >> "$work/cases.txt"
while read -r name clear ref mask share; do
  "$cli" reconstruct "$clear" --mask "$mask" --reference "$ref" --method temporal --float32 \
    --no-overviews --format GTiff --out "$work/$name-temporal.tif" < /dev/null > /dev/null
done < "$work/cases.txt"
/usr/bin/python3 "$here/temporal_headroom.py" "$work/cases.txt" "$work" ${FAST:+fast}
