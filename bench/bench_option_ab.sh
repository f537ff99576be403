#!/usr/bin/env bash
# The general models under two values of one reconstruct option (e.g. --band-resolution full /
# native, --precision float32 / bfloat16): quality on the held-out real cases of
# bench_quality_real.sh (OSCD nantes and valencia behind real drawn clouds, whole cities and
# field-scale crops) and the demo, per case group, and the time of each run. The two values
# alternate per case, so both see the same machine load. OPTION `method` compares two methods
# instead (e.g. two checkpoints of the one-date model: `method pretrained-mono /tmp/w12/general.pth`);
# OPTION `env:NAME` sets the environment variable NAME to each value instead. EXTRA: options both
# sides get (e.g. EXTRA="--overlap 32").
# Usage: bench/bench_option_ab.sh BUILD_DIR OPTION VALUE_A VALUE_B OUT.md
set -euo pipefail
build="$1" option="$2" a="$3" b="$4" out="$5"
cli="$(cd "$build" && pwd)/cli/unclouded-cli"
here="$(cd "$(dirname "$0")" && pwd)"
data="${SHARED_DATA:-$here/../../shared/data}"
[ -d "$data" ] || { echo "bench_option_ab: $data absent, nothing to measure"; exit 0; }
work=$(mktemp -d "${TMPDIR:-/tmp}/unclouded-ab.XXXXXX")
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 "$here/real_cases.py" "$data/oscd-13band-L1C-2dates-10cities" \
  "$data/oncloudn-L2A-4band-cloudmask/oncloudn_chip5_20200912_cloudmask.tif" "$work" > "$work/cases.txt"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/unclouded"
bash "$here/../tools/make-demo.sh" "$cli" "$cache/demo" > /dev/null
echo "demo $(ls "$cache/demo"/S2B_MSIL2A_20230412*_truth.tif | head -n 1) $(ls -d "$cache/demo"/S2B_MSIL2A_20230527*.SAFE | head -n 1) $(ls -d "$cache/demo"/S2B_MSIL2A_20230412*.SAFE | head -n 1) -" >> "$work/cases.txt"

while read -r name clear ref mask share; do
  for side in a b; do
    value="$a"; [ "$side" = b ] && value="$b"
    echo "case $name, --$option $value"
    envs=()
    if [ "$option" = method ]; then args=(--methods "$value")
    elif [ "${option#env:}" != "$option" ]; then args=(--methods pretrained-mono,pretrained-ref); envs=("${option#env:}=$value")
    else args=(--methods pretrained-mono,pretrained-ref "--$option" "$value"); fi
    # shellcheck disable=SC2086 # EXTRA: more options for both sides, split on spaces
    env "${envs[@]}" "$cli" evaluate --clear "$clear" --masks-from "$mask" --reference "$ref" "${args[@]}" ${EXTRA:-} \
      --json "$work/$name-$side.json" > /dev/null
  done
done < "$work/cases.txt"

/usr/bin/python3 - "$work" "$out" "$option" "$a" "$b" <<'PY'
import json, glob, os, sys, collections
work, out, option, a, b = sys.argv[1:6]
rows = collections.defaultdict(list)
for p in sorted(glob.glob(os.path.join(work, '*-a.json'))):
    case = os.path.basename(p)[:-len('-a.json')]
    group = 'demo' if case == 'demo' else ('crops' if case.endswith('small') else 'cities')
    for side, value in (('a', a), ('b', b)):
        j = json.load(open(os.path.join(work, f'{case}-{side}.json')))
        for m in j['methods']:
            if 'error' in m:
                sys.exit(f'{case} {value}: {m["method"]} failed: {m["error"]}')
            rows[(group, m['method'] if option != 'method' else '', value)].append((m['psnr_db'], m['ssim'], m['sam_deg'], m['mae'], m['seconds']))
lines = [f'| cases | model | --{option} | PSNR dB | SSIM | SAM ° | MAE | time s (sum) |', '|---|---|---|---:|---:|---:|---:|---:|']
for (group, method, value), v in rows.items():
    n = len(v)
    mean = [sum(x[i] for x in v) / n for i in range(4)]
    lines.append(f'| {group} ({n}) | {method} | {value} | {mean[0]:.3f} | {mean[1]:.4f} | {mean[2]:.3f} | {mean[3]:.5f} | {sum(x[4] for x in v):.1f} |')
open(out, 'w').write('\n'.join(lines) + '\n')
print('\n'.join(lines))
PY
