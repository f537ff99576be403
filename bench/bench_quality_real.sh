#!/usr/bin/env bash
# Quality on real Sentinel-2 data the shipped models never saw (tools/pretrain.sh holds these out):
#  - OSCD nantes and valencia (L1C, 13 bands, two real dates years apart): the later date hidden
#    behind real hand-drawn clouds (On Cloud N chip 5, three places of it), the earlier date as the
#    other date; the whole city and a 100 x 101 px field-scale crop.
#  - the demo product (generator, 1800 px) behind its own SCL, with its reference date.
# Methods: OpenCV Telea and Navier-Stokes, harmonic fill, temporal fill (cross-band with the 3 x 3
# correction, the default; the cross-band map from the pixel alone, session 43's default; round 1's
# per-band lines), the pretrained general models (one date,
# with the other date) and both fine-tuned for FT_STEPS steps on the cloudy product's own visible
# pixels (what a user's "train --init pretrained" does; the hidden truth is never seen).
# Results: bench/results/quality-real-*.json and the markdown table bench/results/quality-real.md.
set -euo pipefail
build="${1:-build}"
cli="$(cd "$build" && pwd)/cli/unclouded-cli"
here="$(cd "$(dirname "$0")" && pwd)"
results="$here/results"
data="${SHARED_DATA:-$here/../../shared/data}"
ft_steps="${FT_STEPS:-100}"
mkdir -p "$results"
[ -d "$data" ] || { echo "bench_quality_real: $data absent, nothing to measure"; exit 0; }
work=$(mktemp -d "${TMPDIR:-/tmp}/unclouded-real.XXXXXX")
trap 'rm -rf "$work"' EXIT
oscd="$data/oscd-13band-L1C-2dates-10cities"
clouds="$data/oncloudn-L2A-4band-cloudmask/oncloudn_chip5_20200912_cloudmask.tif"

# Cases: NAME CLEAR REFERENCE MASK (masks and crops written with GDAL's Python bindings).
/usr/bin/python3 "$here/real_cases.py" "$oscd" "$clouds" "$work" > "$work/cases.txt"

run_case() { # name clear ref mask: fine-tunes only on the field-scale crops (2 cores, minutes each)
  local name="$1" clear="$2" ref="$3" mask="$4" methods="telea,ns,harmonic,pretrained-mono,temporal,pretrained-ref" t0 t1
  if [[ "$name" == *small ]]; then
    t0=$(date +%s)
    "$cli" train "$clear" --mask "$mask" --init pretrained-mono --steps "$ft_steps" --max-patches 64 --seed 1 --out "$work/$name-ft.pth" > /dev/null 2>&1
    t1=$(date +%s)
    "$cli" train "$clear" --mask "$mask" --reference "$ref" --init pretrained-ref --steps "$ft_steps" --max-patches 64 --seed 1 --out "$work/$name-ft-ref.pth" > /dev/null 2>&1
    echo "$name fine-tune (one date, $ft_steps steps): $((t1 - t0)) s" >> "$results/quality-real-times.txt"
    methods="telea,ns,harmonic,pretrained-mono,$work/$name-ft.pth,temporal,pretrained-ref,$work/$name-ft-ref.pth"
  fi
  "$cli" evaluate --clear "$clear" --masks-from "$mask" --reference "$ref" --methods "$methods" \
    --json "$results/quality-real-$name.json" > /dev/null
  # Round 1's temporal fill (per-band lines), the baseline #12 set; the default is cross-band.
  "$cli" evaluate --clear "$clear" --masks-from "$mask" --reference "$ref" --methods temporal \
    --temporal-fit per-band --json "$results/quality-real-$name.per-band.json" > /dev/null
  # Session 43's default: the cross-band map from the pixel alone, without the 3 x 3 correction.
  "$cli" evaluate --clear "$clear" --masks-from "$mask" --reference "$ref" --methods temporal,pretrained-ref \
    --temporal-fit cross-band-pixel --json "$results/quality-real-$name.pixel.json" > /dev/null
}
: > "$results/quality-real-times.txt"
while read -r name clear ref mask share; do
  echo "case $name (${share} hidden)"
  run_case "$name" "$clear" "$ref" "$mask"
done < "$work/cases.txt"

# The demo product: its truth behind its own SCL.
cache="${XDG_CACHE_HOME:-$HOME/.cache}/unclouded"
bash "$here/../tools/make-demo.sh" "$cli" "$cache/demo" > /dev/null
cloudy=$(ls -d "$cache/demo"/S2B_MSIL2A_20230412*.SAFE | head -n 1)
dref=$(ls -d "$cache/demo"/S2B_MSIL2A_20230527*.SAFE | head -n 1)
truth=$(ls "$cache/demo"/S2B_MSIL2A_20230412*_truth.tif | head -n 1)
"$cli" evaluate --clear "$truth" --masks-from "$cloudy" --reference "$dref" \
  --methods "telea,ns,harmonic,pretrained-mono,temporal,pretrained-ref" \
  --json "$results/quality-real-demo.json" > /dev/null
"$cli" evaluate --clear "$truth" --masks-from "$cloudy" --reference "$dref" --methods temporal \
  --temporal-fit per-band --json "$results/quality-real-demo.per-band.json" > /dev/null
"$cli" evaluate --clear "$truth" --masks-from "$cloudy" --reference "$dref" --methods temporal,pretrained-ref \
  --temporal-fit cross-band-pixel --json "$results/quality-real-demo.pixel.json" > /dev/null

/usr/bin/python3 - "$results" <<'PY'
import json, glob, os, sys, collections
res = sys.argv[1]
names = {'-ft.pth': 'fine-tuned, one date', '-ft-ref.pth': 'fine-tuned, with the other date'}
def label(m):
    for k, v in names.items():
        if m['method'].endswith(k):
            return v
    return m['label']
rows, out = collections.defaultdict(list), []
for p in sorted(glob.glob(os.path.join(res, 'quality-real-*.json'))):
    case = os.path.basename(p)[len('quality-real-'):-5]
    per_band, pixel = case.endswith('.per-band'), case.endswith('.pixel')
    case = case.removesuffix('.per-band').removesuffix('.pixel')
    j = json.load(open(p))
    for m in j['methods']:
        if 'error' in m:
            print(f'{case}: {label(m)} failed: {m["error"]}', file=sys.stderr)
            continue
        if per_band:
            m['label'] = 'Temporal fill, per-band lines (round 1)'
        if pixel:
            m['label'] += ', cross-band from the pixel alone (until session 43)'
        group = 'demo' if case == 'demo' else ('small' if case.endswith('small') else 'city')
        rows[(group, label(m))].append((m['psnr_db'], m['ssim'], m['sam_deg'], m['mae'], m['seconds']))
for demo, title in (('city', 'Real data never trained on: OSCD nantes and valencia (L1C, 13 bands, whole cities), each behind 3 placements of real drawn clouds (6 cases)'),
                    ('small', 'Real data never trained on: 100 x 101 px field-scale crops of nantes and valencia, 88 % hidden (2 cases), fine-tuned 100 steps on the 12 % the crop shows'),
                    ('demo', 'Demo product (generator, 1800 px, its own SCL)')):
    out.append(f'**{title}** - mean over cases\n')
    out.append('| method | PSNR dB | SSIM | SAM ° | MAE | time s |')
    out.append('|---|---:|---:|---:|---:|---:|')
    for (d, name), v in rows.items():
        if d != demo:
            continue
        n = len(v)
        mean = [sum(x[i] for x in v) / n for i in range(5)]
        out.append(f'| {name} | {mean[0]:.2f} | {mean[1]:.4f} | {mean[2]:.2f} | {mean[3]:.4f} | {mean[4]:.1f} |')
    out.append('')
open(os.path.join(res, 'quality-real.md'), 'w').write('\n'.join(out))
print('\n'.join(out))
PY
