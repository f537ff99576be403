#!/usr/bin/env bash
# Trains the general models that ship in resources/models/ (general.pth: one date; general_ref.pth:
# with other dates) on the real Sentinel-2 samples in ../shared/data plus one generator scene.
# Usage: tools/pretrain.sh [CLI] [OUT_DIR] [STEPS] [MODELS]
#   defaults: build/cli/unclouded-cli resources/models 3600 "general general_ref"
#   (the shipped general_ref.pth: `tools/pretrain.sh CLI OUT 7200 general_ref`, 19 min with two
#   threads on a 2-core machine; the shipped general.pth is the 1200-step run of the first
#   recipe on the harmonic pre-fill: `WIDTH=12 tools/pretrain.sh CLI OUT 1200 general`, see
#   resources/models/README.md)
# INIT=CKPT starts from those weights instead of a fresh network, LR=X sets the peak learning rate
# (tried for general_ref.pth in #12's third round, not shipped; see resources/models/README.md),
# SEED=N the seed (1 ships), WIDTH=N sets the U-Net's width (16: general_ref.pth; 12: general.pth since session 24),
# PATCH=N and BATCH=N set the crop side (48) and batch (8),
# PREFILL=scene trains the one-date model on the scene pre-fill (Telea at reduced resolution; shipped
# until session 28) instead of the harmonic fill,
# REF_CLOUDS=F hides that share of general_ref's training crops' other dates in part (--reference-clouds).
# Held out for evaluation (bench/bench_quality_real.sh): the OSCD cities nantes and valencia, and the
# On Cloud N chip 5 whose clouds hide them.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cli="${1:-$here/build/cli/unclouded-cli}"
out="${2:-$here/resources/models}"
steps="${3:-3600}"
models="${4:-general general_ref}"
data="${SHARED_DATA:-$here/../shared/data}"
[ -d "$data" ] || { echo "pretrain: $data not found (the real samples)"; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

# One generator scene with a reference date: the synthetic stand-in for a full L2A tile.
"$cli" make-sample "$work/gen" --size 600 --seed 11 --cloud-cover 0.35 --reference-date >/dev/null

/usr/bin/python3 - "$data" "$work" > "$work/scenes.json" <<'PY'
import json, os, sys, glob
data, work = sys.argv[1], sys.argv[2]
held_out = ("nantes", "valencia")
scenes = []
oscd = sorted(glob.glob(f"{data}/oscd-13band-L1C-2dates-10cities/*_13band.tif"))
cities = {}
for f in oscd:
    cities.setdefault(os.path.basename(f).split("_")[0], []).append(f)
for city, dates in sorted(cities.items()):
    if city in held_out:
        continue
    for d in dates:
        scenes.append({"product": d, "references": [o for o in dates if o != d]})
for f in sorted(glob.glob(f"{data}/bigearthnet-L2A-12band-patches/*_12band.tif")):
    scenes.append({"product": f})
for f in sorted(glob.glob(f"{data}/oncloudn-L2A-4band-cloudmask/*_4band.tif"))[:4]:
    scenes.append({"product": f, "mask": f.replace("_L2A_4band.tif", "_cloudmask.tif")})
months = sorted(glob.glob(f"{data}/worldcereal-L2A-monthly-100px/*_9band.tif"))
for i, f in enumerate(months):
    near = sorted((m for m in months if m != f), key=lambda m: abs(months.index(m) - i))[:3]
    scenes.append({"product": f, "references": near})
gen = sorted(glob.glob(f"{work}/gen/*.SAFE")) # the cloudy date sorts first, then its reference date
if gen:
    scenes.append({"product": gen[0], "references": gen[1:]})
for f in sorted(glob.glob(f"{data}/oncloudn-L2A-4band-cloudmask/*_4band.tif"))[:4]:
    scenes.append({"shapes": f, "mask": f.replace("_L2A_4band.tif", "_cloudmask.tif")})
print(json.dumps(scenes, indent=1))
PY
echo "pretrain: $(grep -c '"product"' "$work/scenes.json") scenes"
common=(--scenes "$work/scenes.json" --model unet --per-band --width "${WIDTH:-16}" --depth 4 --patch "${PATCH:-48}" --batch "${BATCH:-8}"
        --steps "$steps" --seed "${SEED:-1}" --max-patches 2400 --rotate90)
for m in $models; do
  case "$m" in
    general) prefill="${PREFILL:-harmonic}" ;;
    general_ref) prefill=temporal ;;
    *) echo "pretrain: unknown model $m (general or general_ref)"; exit 1 ;;
  esac
  extra=()
  [ -n "${INIT:-}" ] && extra+=(--init "$INIT")
  [ -n "${LR:-}" ] && extra+=(--lr "$LR")
  [ -n "${REF_CLOUDS:-}" ] && [ "$m" = general_ref ] && extra+=(--reference-clouds "$REF_CLOUDS")
  "$cli" train "${common[@]}" "${extra[@]}" --prefill "$prefill" --out "$out/$m.pth" --log-json "$work/$m.log"
  cp "$work/$m.log" "$out/$m.log" 2>/dev/null || true
done
rm -f "$out"/general*.last.pth* "$out"/*.optim
cp "$work/scenes.json" "$out/pretrain-scenes.json"
sed -i "s#$data#../shared/data#g; s#$work#TMP#g" "$out/pretrain-scenes.json"
ls -la "$out"
