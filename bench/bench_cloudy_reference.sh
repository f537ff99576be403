#!/usr/bin/env bash
# The held-out real cases (OSCD nantes and valencia behind On Cloud N chip 5's drawn clouds, three
# placements each: real_cases.py) with their other date made partly cloudy: On Cloud N chip 2's
# drawn clouds set to nodata in it (about 40 % of the date, 38-41 % of the hidden area). Scores Telea,
# temporal fill and the general model with that date. Results: bench/results/cloudy-reference.md.
# Usage: bench/bench_cloudy_reference.sh [BUILD_DIR]
set -euo pipefail
build="${1:-build}"
cli="$(cd "$build" && pwd)/cli/unclouded-cli"
here="$(cd "$(dirname "$0")" && pwd)"
data="${SHARED_DATA:-$here/../../shared/data}"
[ -d "$data" ] || { echo "bench_cloudy_reference: $data absent, nothing to measure"; exit 0; }
work=$(mktemp -d "${TMPDIR:-/tmp}/unclouded-cloudyref.XXXXXX")
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 "$here/real_cases.py" "$data/oscd-13band-L1C-2dates-10cities" \
  "$data/oncloudn-L2A-4band-cloudmask/oncloudn_chip5_20200912_cloudmask.tif" "$work" > "$work/cases.txt"
/usr/bin/python3 - "$work" "$data/oncloudn-L2A-4band-cloudmask/oncloudn_chip2_20200908_cloudmask.tif" <<'PY'
import sys, numpy as np
from osgeo import gdal
work, clouds = sys.argv[1:3]
m = gdal.Open(clouds).ReadAsArray() > 0
out = []
for line in open(f'{work}/cases.txt'):
    name, clear, ref, mask, share = line.split()
    if 'small' in name:
        continue
    ds = gdal.Open(ref)
    a = ds.ReadAsArray()
    h, w = a.shape[1:]
    hide = np.tile(m, (h // m.shape[0] + 2, w // m.shape[1] + 2))[37:37 + h, 91:91 + w]
    a[:, hide] = 0  # DN 0: nodata, as a cloud the other date's own mask would hide
    path = f'{work}/{name}_cloudyref.tif'
    o = gdal.GetDriverByName('GTiff').CreateCopy(path, ds)
    for b in range(a.shape[0]):
        o.GetRasterBand(b + 1).WriteArray(a[b])
    o = None
    hidden = gdal.Open(mask).ReadAsArray() > 0
    out.append(f'{name} {clear} {path} {mask} {hide.mean():.2f} {(hide & hidden).sum() / hidden.sum():.2f}')
open(f'{work}/cloudy.txt', 'w').write('\n'.join(out) + '\n')
PY
while read -r name clear ref mask share unshown; do
  "$cli" evaluate --clear "$clear" --masks-from "$mask" --reference "$ref" --methods telea,temporal,pretrained \
    --json "$work/$name.json" > /dev/null
done < "$work/cloudy.txt"
/usr/bin/python3 - "$work" "$here/results/cloudy-reference.md" <<'PY'
import glob, json, sys, os
work, out = sys.argv[1:3]
cases = [l.split() for l in open(f'{work}/cloudy.txt')]
rows = {}
for name, *_ in cases:
    for m in json.load(open(f'{work}/{name}.json'))['methods']:
        rows.setdefault(m['label'], []).append((m['psnr_db'], m['ssim'], m['sam_deg'], m['mae']))
lines = ['**Held-out OSCD cities (nantes, valencia; 3 cloud placements each), the other date 40 % nodata** '
         f'- mean over {len(cases)} cases', '',
         'Of the hidden pixels, ' + ', '.join(f'{c[0]} {float(c[5]) * 100:.0f} %' for c in cases)
         + ' are not shown by the other date either.', '',
         '| method | PSNR dB | SSIM | SAM ° | MAE |', '|---|---:|---:|---:|---:|']
for label, v in rows.items():
    mean = [sum(x[i] for x in v) / len(v) for i in range(4)]
    lines.append(f'| {label} | {mean[0]:.2f} | {mean[1]:.4f} | {mean[2]:.2f} | {mean[3]:.4f} |')
open(out, 'w').write('\n'.join(lines) + '\n')
print('\n'.join(lines))
PY
