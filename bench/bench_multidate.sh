#!/usr/bin/env bash
# Temporal fill from one, three or all other dates on a real time series (multidate_cases.py: the
# WorldCereal months, each hidden behind drawn clouds, 30 cases). Once with clear other months, once
# with every other month partly cloudy (30-60 % nodata), as a downloaded stack of dates usually is:
# there the dates after the nearest fill what it does not show. All other dates include the two
# months that are entirely nodata (they must change nothing). Telea as the one-date reference; the
# general model with the same other dates (general_ref.pth, which starts from temporal fill).
# Results: bench/results/multidate.md.
set -euo pipefail
build="${1:-build}"
cli="$(cd "$build" && pwd)/cli/unclouded-cli"
here="$(cd "$(dirname "$0")" && pwd)"
data="${SHARED_DATA:-$here/../../shared/data}"
[ -d "$data" ] || { echo "bench_multidate: $data absent, nothing to measure"; exit 0; }
work=$(mktemp -d "${TMPDIR:-/tmp}/unclouded-multidate.XXXXXX")
trap 'rm -rf "$work"' EXIT
series="$data/worldcereal-L2A-monthly-100px"
clouds="$data/oncloudn-L2A-4band-cloudmask/oncloudn_chip5_20200912_cloudmask.tif"
for kind in clear cloudy; do
  mkdir -p "$work/$kind"
  /usr/bin/python3 "$here/multidate_cases.py" "$series" "$clouds" "$work/$kind" "$kind" > "$work/$kind/cases.txt"
  n=0
  while read -r month clear mask one three all; do
    n=$((n + 1))
    for set in one three all; do
      refs=()
      IFS=, read -ra paths <<< "${!set}"
      for p in "${paths[@]}"; do refs+=(--reference "$p"); done
      "$cli" evaluate --clear "$clear" --masks-from "$mask" "${refs[@]}" --methods telea,temporal,pretrained \
        --json "$work/$kind/$month-$n-$set.json" > /dev/null
    done
  done < "$work/$kind/cases.txt"
done
/usr/bin/python3 - "$work" "$here/results/multidate.md" <<'PY'
import glob, json, os, sys, collections
work, out = sys.argv[1:3]
lines = []
for kind, title in (('clear', 'other months clear'), ('cloudy', 'other months 30-60 % cloudy (nodata)')):
    rows = collections.defaultdict(list)
    for p in sorted(glob.glob(f'{work}/{kind}/*.json')):
        refs = os.path.basename(p)[:-5].split('-')[-1]
        for m in json.load(open(p))['methods']:
            if 'error' in m:
                sys.exit(f'{p}: {m["label"]} failed: {m["error"]}')
            if m['method'] == 'telea' and refs != 'one':
                continue
            which = {'one': 'the nearest month', 'three': 'the 3 nearest months', 'all': 'all 11 other months'}[refs]
            name = 'OpenCV Telea (no other date)' if m['method'] == 'telea' else \
                f'temporal fill, {which}' if m['method'] == 'temporal' else f'general model, {which}'
            rows[name].append((m['psnr_db'], m['ssim'], m['sam_deg'], m['mae'], m['seconds']))
    n = len(next(iter(rows.values())))
    lines += [f'**WorldCereal series, {title}** - mean over {n} cases (10 months x 3 cloud windows)', '',
              'The general model was trained on this series: its rows are not held-out scores.', '',
              '| method | PSNR dB | SSIM | SAM ° | MAE | time s |', '|---|---:|---:|---:|---:|---:|']
    order = ['OpenCV Telea (no other date)'] + [f'{m}, {w}' for m in ('temporal fill', 'general model')
             for w in ('the nearest month', 'the 3 nearest months', 'all 11 other months')]
    for name in order:
        v = rows[name]
        mean = [sum(x[i] for x in v) / len(v) for i in range(5)]
        lines.append(f'| {name} | {mean[0]:.2f} | {mean[1]:.4f} | {mean[2]:.2f} | {mean[3]:.4f} | {mean[4]:.2f} |')
    lines.append('')
open(out, 'w').write('\n'.join(lines))
print('\n'.join(lines))
PY
