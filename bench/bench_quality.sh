#!/usr/bin/env bash
# The README's quality table: every method scored on the same hidden pixels (unclouded-cli evaluate).
#  1. The demo product (generator, 1800 px, seed 42, ~30 % cloud): its truth hidden behind the
#     cloudy date's own SCL; a CNN, a U-Net and a U-Net with the reference date are trained first
#     on the cloudy date (defaults, 64 patches as in the README; checkpoints cached between runs).
#  2. The real ukis-csmask sample (../shared/data, skipped when absent): its clear pixels hidden
#     behind its own cloud/shadow mask turned upside down (real shapes, other places).
# Results: bench/results/quality-*.json|csv and the markdown table bench/results/quality.md.
set -euo pipefail
build="${1:-build}"
cli="$build/cli/unclouded-cli"
here="$(cd "$(dirname "$0")" && pwd)"
results="$here/results"
mkdir -p "$results"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/unclouded"
demo="$cache/demo"
bash "$here/../tools/make-demo.sh" "$cli" "$demo" > /dev/null
cloudy=$(ls -d "$demo"/S2B_MSIL2A_20230412*.SAFE | head -n 1)
ref=$(ls -d "$demo"/S2B_MSIL2A_20230527*.SAFE | head -n 1)
truth=$(ls "$demo"/S2B_MSIL2A_20230412*_truth.tif | head -n 1)
models="$cache/bench/models"
mkdir -p "$models"
train() { # name, extra args
  local name="$1"; shift
  if [ ! -f "$models/$name.pth" ]; then
    "$cli" train "$cloudy" --out "$models/$name.pth" --seed 1 --max-patches 64 "$@" --log-json "$models/$name.log.jsonl" > /dev/null
  fi
}
train simple_cnn_cloud --model cnn
train unet_cloud --model unet
train unet_cloud_ref --model unet --reference "$ref"
"$cli" evaluate --clear "$truth" --masks-from "$cloudy" --reference "$ref" \
  --methods "telea,ns,temporal,$models/simple_cnn_cloud.pth,$models/unet_cloud.pth,$models/unet_cloud_ref.pth" \
  --json "$results/quality-demo.json" --csv "$results/quality-demo.csv"

shared="$here/../../shared/data/ukis-csmask-S2-6band-cloudshadow-reference"
if [ -d "$shared" ]; then
  work=$(mktemp -d "${TMPDIR:-/tmp}/unclouded-quality.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  # Its mask codes 0 = shadow, 4 = cloud (PROVENANCE.md): a 0/1 mask of its own, and the same shapes
  # turned upside down to hide clear pixels.
  /usr/bin/python3 - "$shared/sentinel2_msk_reference.tif" "$work" <<'PY'
import sys
from osgeo import gdal
import numpy as np
m = gdal.Open(sys.argv[1]).ReadAsArray()
own = ((m == 0) | (m == 4)).astype(np.uint8)
drv = gdal.GetDriverByName('GTiff')
for name, a in (('own.tif', own), ('shapes.tif', own[::-1, ::-1].copy())):
    ds = drv.Create(sys.argv[2] + '/' + name, a.shape[1], a.shape[0], 1, gdal.GDT_Byte)
    ds.GetRasterBand(1).WriteArray(a)
    ds = None
PY
  "$cli" evaluate --clear "$shared/sentinel2_img_6band_reflectance.tif" --clear-mask "$work/own.tif" \
    --masks-from "$work/shapes.tif" --methods telea,ns \
    --json "$results/quality-ukis.json" --csv "$results/quality-ukis.csv"
else
  echo "../shared/data absent: the real-sample rows are skipped" >&2
  rm -f "$results/quality-ukis.json"
fi

/usr/bin/python3 - "$results" <<'PY'
import json, os, sys
res = sys.argv[1]
out = []
for name, title in (('demo', 'Demo product (generator, 1800 px, truth known)'),
                    ('ukis', 'Real sample ukis-csmask (512 px, 6 bands, shapes from its own mask, flipped)')):
    p = os.path.join(res, 'quality-%s.json' % name)
    if not os.path.exists(p):
        continue
    j = json.load(open(p))
    out.append('**%s** — %d hidden pixels scored (%.1f %%)\n' % (title, j['scored_pixels'], j['scored_percent']))
    out.append('| method | PSNR dB | SSIM | SAM ° | MAE | RMSE | NDVI MAE | time s |')
    out.append('|---|---:|---:|---:|---:|---:|---:|---:|')
    for m in j['methods']:
        if 'error' in m:
            out.append('| %s | failed: %s |||||||' % (m['label'], m['error']))
            continue
        f = lambda k, d: ('%.*f' % (d, m[k])) if m.get(k) is not None else '–'
        out.append('| %s | %s | %s | %s | %s | %s | %s | %.1f |' % (m['label'], f('psnr_db', 2), f('ssim', 3), f('sam_deg', 2),
                   f('mae', 4), f('rmse', 4), f('ndvi_mae', 3), m['seconds']))
    out.append('')
open(os.path.join(res, 'quality.md'), 'w').write('\n'.join(out))
print('\n'.join(out))
PY

# Reconstruction overhead with the U-Net trained above, on the demo product (several sizes and every
# method: bench/bench_overhead_sizes.sh).
"$build/bench/bench_recon_overhead" "$cloudy" 3 "$models/unet_cloud.pth"
