#!/usr/bin/env bash
# The general models in float32 against bfloat16 (--precision), on the held-out real cases and the
# demo (issue #18: reduced precision only where the quality table shows no loss). See
# bench_option_ab.sh. The bfloat16 times mean something only on a CPU with native bfloat16
# (AVX512-BF16 or AMX).
# Usage: bench/bench_precision.sh BUILD_DIR [OUT.md]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec bash "$here/bench_option_ab.sh" "${1:-build}" precision float32 bfloat16 "${2:-$here/results/precision-table.md}"
