#!/usr/bin/env bash
# GUI event-loop delay while the Training panel trains a U-Net on the demo product.
set -euo pipefail
build="${1:-build}"
demo="${XDG_CACHE_HOME:-$HOME/.cache}/unclouded/demo"
bash "$(dirname "$0")/../tools/make-demo.sh" "$build/cli/unclouded-cli" "$demo" > /dev/null
product=$(ls -d "$demo"/S2B_MSIL2A_20230412*.SAFE | head -n 1)
out=$(mktemp -d)
QT_QPA_PLATFORM=offscreen "$build/bench/bench_train_latency" "$product" "$out" 20 3
rm -rf "$out"
