#!/usr/bin/env bash
# Temporal fill with round 1's per-band lines against the cross-band fit (scene-wide ridge refined
# per spectral class), on every OSCD city: the later date behind On Cloud N chip 5's drawn clouds at
# three placements, the earlier date (1-3 years before, real changes between) as the other date.
# No learning is involved, so the cities the general models trained on count as well.
# Usage: bench/bench_temporal_fit.sh [BUILD_DIR] [PRODUCT_DIR]   results: bench/results/temporal-fit.md
set -euo pipefail
build="${1:-build}"
cli="$(cd "$build" && pwd)/cli/unclouded-cli"
here="$(cd "$(dirname "$0")" && pwd)"
data="${SHARED_DATA:-$here/../../shared/data}"
[ -d "$data" ] || { echo "bench_temporal_fit: $data absent, nothing to measure"; exit 0; }
work=$(mktemp -d "${TMPDIR:-/tmp}/unclouded-tfit.XXXXXX")
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 "$here/real_cases.py" "$data/oscd-13band-L1C-2dates-10cities" \
  "$data/oncloudn-L2A-4band-cloudmask/oncloudn_chip5_20200912_cloudmask.tif" "$work" all > "$work/cases.txt"
while read -r name clear ref mask share; do
  for fit in per-band cross-band; do
    "$cli" evaluate --clear "$clear" --masks-from "$mask" --reference "$ref" --methods temporal \
      --temporal-fit "$fit" --json "$work/$name.$fit.json" > /dev/null 2>&1
  done
done < "$work/cases.txt"
/usr/bin/python3 - "$work" > "$here/results/temporal-fit.md" <<'PY'
import json, glob, os, sys, statistics as st
work = sys.argv[1]
rows, gains = [], []
print('# Temporal fill: per-band lines against the cross-band fit (`bench/bench_temporal_fit.sh`)\n')
print('Hidden pixels only; OSCD cities (L1C, 13 bands), later date behind On Cloud N chip 5 at three placements.\n')
print('| case | hidden | per-band PSNR dB | cross-band PSNR dB | gain dB | per-band SAM ° | cross-band SAM ° | per-band SSIM | cross-band SSIM | cross-band s |')
print('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
for p in sorted(glob.glob(f'{work}/*.per-band.json')):
    name = os.path.basename(p)[:-len('.per-band.json')]
    a = json.load(open(p)); b = json.load(open(p.replace('.per-band.', '.cross-band.')))
    ma, mb = a['methods'][0], b['methods'][0]
    g = mb['psnr_db'] - ma['psnr_db']; gains.append((g, mb['sam_deg'] - ma['sam_deg'], mb['ssim'] - ma['ssim']))
    print(f"| {name} | {a['scored_percent']:.0f} % | {ma['psnr_db']:.2f} | {mb['psnr_db']:.2f} | {g:+.2f} | {ma['sam_deg']:.2f} | {mb['sam_deg']:.2f} | {ma['ssim']:.4f} | {mb['ssim']:.4f} | {mb['seconds']:.2f} |")
print(f'\n{len(gains)} cases: PSNR gain mean {st.mean(g[0] for g in gains):+.2f} dB, '
      f'median {st.median(g[0] for g in gains):+.2f}, smallest {min(g[0] for g in gains):+.2f}; '
      f'SAM change mean {st.mean(g[1] for g in gains):+.2f}°, worst {max(g[1] for g in gains):+.2f}°; '
      f'SSIM change mean {st.mean(g[2] for g in gains):+.4f}, worst {min(g[2] for g in gains):+.4f}.')
PY
cat "$here/results/temporal-fit.md"

# Speed: PRODUCT_DIR (a make-sample folder with a reference date, e.g. /work/benchdata/s1800) timed
# with temporal fill and the with-reference model under both fits, alternating, median of ROUNDS.
speed_dir="${2:-}"
rounds="${ROUNDS:-3}"
[ -n "$speed_dir" ] || exit 0
main=$(ls -d "$speed_dir"/S2B_MSIL2A_20230412*.SAFE | head -n 1)
ref=$(ls -d "$speed_dir"/S2B_MSIL2A_20230527*.SAFE | head -n 1)
for r in $(seq "$rounds"); do
  for method in temporal pretrained; do
    for fit in per-band cross-band; do
      "$cli" reconstruct "$main" --reference "$ref" --method "$method" --temporal-fit "$fit" \
        --out "$work/speed.tif" --no-overviews --json > "$work/speed-$method-$fit-$r.json" 2>/dev/null
    done
  done
done
/usr/bin/python3 - "$work" "$speed_dir" "$rounds" >> "$here/results/temporal-fit.md" <<'PY'
import json, glob, sys, statistics as st
work, product, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
print(f'\n## Speed: {product}, whole product, median of {rounds} alternating runs\n')
print('| method | fit | whole s | set-up s (the fits) | method s |')
print('|---|---|---:|---:|---:|')
for method in ('temporal', 'pretrained'):
    for fit in ('per-band', 'cross-band'):
        js = [json.load(open(f'{work}/speed-{method}-{fit}-{r}.json')) for r in range(1, rounds + 1)]
        med = lambda k: st.median(j[k] for j in js)
        print(f"| {js[0]['method']} | {fit} | {med('seconds'):.2f} | {med('setup_seconds'):.2f} | {med('method_seconds'):.2f} |")
PY
tail -n 8 "$here/results/temporal-fit.md"
