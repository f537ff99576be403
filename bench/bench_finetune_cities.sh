#!/usr/bin/env bash
# What a user's fine-tune does on a whole real city (#12: "a fine-tune of a few minutes on 2 cores
# must improve it"): the one-date general model fine-tuned with the defaults (`train --init
# pretrained-mono`, 600 steps, early stop on its own validation) on each whole-city case of
# bench_quality_real.sh (OSCD nantes and valencia, the later date behind On Cloud N chip 5's drawn
# clouds at three placements, 73-79 % hidden), then the pretrained and the fine-tuned weights scored
# on the hidden truth (`evaluate`). The fine-tune never sees the truth.
# Usage: bench/bench_finetune_cities.sh [BUILD_DIR]   (SHARED_DATA: ../shared/data by default)
# TRAIN_ARGS: more train options for a variant (e.g. "--freeze-norm-stats"); CASES: a regex of the
# case names to run (e.g. "nantes-0|valencia-1"); both empty: the defaults on all six.
# REF=1: the with-reference model instead (`--reference` the earlier date, `--init pretrained-ref`,
# scored with the same reference).
set -euo pipefail
build="${1:-build}"
cli="$(cd "$build" && pwd)/cli/unclouded-cli"
here="$(cd "$(dirname "$0")" && pwd)"
data="${SHARED_DATA:-$here/../../shared/data}"
[ -d "$data" ] || { echo "bench_finetune_cities: $data absent, nothing to measure"; exit 0; }
work=$(mktemp -d "${TMPDIR:-/tmp}/unclouded-ft.XXXXXX")
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 "$here/real_cases.py" "$data/oscd-13band-L1C-2dates-10cities" \
  "$data/oncloudn-L2A-4band-cloudmask/oncloudn_chip5_20200912_cloudmask.tif" "$work" > "$work/cases.txt"
echo "| case | hidden | validation PSNR, start -> last round | fine-tune s | pretrained dB | fine-tuned dB | difference |"
echo "|---|---:|---|---:|---:|---:|---:|"
grep -v small "$work/cases.txt" | grep -E "^(${CASES:-.*}) " | while read -r name clear ref mask share; do
  init=pretrained-mono refs=()
  [ -n "${REF:-}" ] && init=pretrained-ref refs=(--reference "$ref")
  t0=$(date +%s)
  "$cli" train "$clear" --mask "$mask" "${refs[@]}" --init "$init" --seed 1 ${TRAIN_ARGS:-} --out "$work/$name.pth" > "$work/$name.log" 2>&1
  t1=$(date +%s)
  "$cli" evaluate --clear "$clear" --masks-from "$mask" "${refs[@]}" --methods "$init,$work/$name.pth" \
    --json "$work/$name.json" > /dev/null 2>&1
  /usr/bin/python3 - "$work/$name.json" "$work/$name.log" "$name" "$share" "$((t1 - t0))" <<'PY'
import json, re, sys
j = json.load(open(sys.argv[1]))
psnr = [m['psnr_db'] for m in j['methods']]
log = open(sys.argv[2]).read()
start = re.search(r'starting weights: .*?val PSNR ([\d.]+) dB', log).group(1)
last = re.findall(r'val PSNR ([\d.]+) dB', log)[-1]
print('| %s | %.0f %% | %s -> %s dB | %s | %.2f | %.2f | %+.2f |' % (
    sys.argv[3], 100 * float(sys.argv[4]), start, last, sys.argv[5], psnr[0], psnr[1], psnr[1] - psnr[0]))
PY
done
