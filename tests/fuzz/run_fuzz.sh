#!/usr/bin/env bash
# Runs the mutation fuzzer (tests/fuzz/fuzz_inputs.cpp) for SECONDS on a fresh small sample and a
# tiny checkpoint: `make fuzz` (long) and ctest's `fuzz` (brief). Usage: run_fuzz.sh CLI FUZZER WORKDIR SECONDS [SEED]
set -euo pipefail
cli="$1" fuzzer="$2" work="$3" seconds="$4" seed="${5:-1}"
rm -rf "$work" && mkdir -p "$work/seed"
export XDG_CACHE_HOME="$work/cache" UNCLOUDED_THREADS=1
"$cli" make-sample "$work/seed" --size 96 --zip > /dev/null
safe=$(ls -d "$work"/seed/*.SAFE | head -n 1)
"$cli" train "$safe" --model unet --width 4 --depth 2 --steps 2 --patch 32 --out "$work/tiny.pth" > /dev/null 2>&1
"$fuzzer" "$work/scratch" "$work/seed" "$work/tiny.pth" --seconds "$seconds" --seed "$seed"
rm -rf "$work"
