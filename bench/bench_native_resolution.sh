#!/usr/bin/env bash
# The general models with every band at the grid's resolution (--band-resolution full) against the
# 20 m / 60 m bands' corrections near their native resolution (native), on the held-out real cases
# and the demo (issue #18: the same answer for less work). See bench_option_ab.sh.
# Usage: bench/bench_native_resolution.sh BUILD_DIR [OUT.md]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# The table goes to OUT.md (default: a scratch file; native-resolution.md's text is written by hand).
exec bash "$here/bench_option_ab.sh" "${1:-build}" band-resolution full native "${2:-${TMPDIR:-/tmp}/native-resolution-ab.md}"
