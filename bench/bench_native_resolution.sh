#!/usr/bin/env bash
# The general models with every band at the grid's resolution (--band-resolution full) against the
# 20 m / 60 m bands' corrections near their native resolution (native): quality on the held-out real
# cases of bench_quality_real.sh (OSCD nantes and valencia behind real drawn clouds, whole cities and
# field-scale crops) and the demo, per band group, and the time of each run (issue #18: the same
# answer for less work). Runs alternate full / native per case.
# Usage: bench/bench_native_resolution.sh BUILD_DIR [OUT.md]
set -euo pipefail
build="${1:-build}"
cli="$(cd "$build" && pwd)/cli/unclouded-cli"
here="$(cd "$(dirname "$0")" && pwd)"
out="${2:-$here/results/native-resolution.md}"
data="${SHARED_DATA:-$here/../../shared/data}"
[ -d "$data" ] || { echo "bench_native_resolution: $data absent, nothing to measure"; exit 0; }
work=$(mktemp -d "${TMPDIR:-/tmp}/unclouded-native.XXXXXX")
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 "$here/real_cases.py" "$data/oscd-13band-L1C-2dates-10cities" \
  "$data/oncloudn-L2A-4band-cloudmask/oncloudn_chip5_20200912_cloudmask.tif" "$work" > "$work/cases.txt"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/unclouded"
bash "$here/../tools/make-demo.sh" "$cli" "$cache/demo" > /dev/null
echo "demo $(ls "$cache/demo"/S2B_MSIL2A_20230412*_truth.tif | head -n 1) $(ls -d "$cache/demo"/S2B_MSIL2A_20230527*.SAFE | head -n 1) $(ls -d "$cache/demo"/S2B_MSIL2A_20230412*.SAFE | head -n 1) -" >> "$work/cases.txt"

while read -r name clear ref mask share; do
  for res in full native; do
    echo "case $name, $res"
    "$cli" evaluate --clear "$clear" --masks-from "$mask" --reference "$ref" \
      --methods pretrained-mono,pretrained-ref --band-resolution "$res" \
      --json "$work/$name-$res.json" > /dev/null
  done
done < "$work/cases.txt"

/usr/bin/python3 - "$work" "$out" <<'PY'
import json, glob, os, sys, collections
work, out = sys.argv[1:3]
rows = collections.defaultdict(list)
for p in sorted(glob.glob(os.path.join(work, '*-full.json'))):
    case = os.path.basename(p)[:-len('-full.json')]
    group = 'demo' if case == 'demo' else ('crops' if case.endswith('small') else 'cities')
    for res in ('full', 'native'):
        j = json.load(open(os.path.join(work, f'{case}-{res}.json')))
        for m in j['methods']:
            if 'error' in m:
                sys.exit(f'{case} {res}: {m["method"]} failed: {m["error"]}')
            rows[(group, m['method'], res)].append((m['psnr_db'], m['ssim'], m['sam_deg'], m['mae'], m['seconds']))
lines = ['| cases | model | bands | PSNR dB | SSIM | SAM ° | MAE | time s (sum) |', '|---|---|---|---:|---:|---:|---:|---:|']
for (group, method, res), v in rows.items():
    n = len(v)
    mean = [sum(x[i] for x in v) / n for i in range(4)]
    lines.append(f'| {group} ({n}) | {method} | {res} | {mean[0]:.3f} | {mean[1]:.4f} | {mean[2]:.3f} | {mean[3]:.5f} | {sum(x[4] for x in v):.1f} |')
open(out, 'w').write('\n'.join(lines) + '\n')
print('\n'.join(lines))
PY
