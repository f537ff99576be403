#!/usr/bin/env bash
# Runs every benchmark; results go to bench/results/.
set -euo pipefail
build="${1:-build}"
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$here/results"
for b in "$here"/bench_*.sh; do
  [ -e "$b" ] || continue
  echo "== $(basename "$b")"
  bash "$b" "$build" | tee "$here/results/$(basename "$b" .sh).txt"
done
