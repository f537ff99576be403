#!/usr/bin/env bash
# Opens the GUI on the demo product's cloudy date, its clear date as a second layer, and its parcels.
set -euo pipefail
app="$1"; dir="$2"
product=$(ls -d "$dir"/S2B_MSIL2A_20230412*.SAFE 2>/dev/null | head -n 1)
reference=$(ls -d "$dir"/S2B_MSIL2A_20230527*.SAFE 2>/dev/null | head -n 1)
args=("$product")
[ -n "$reference" ] && args+=("$reference")
[ -f "$dir/parcels.gpkg" ] && args+=(--parcels "$dir/parcels.gpkg")
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display found. Run the app under a virtual X server, for example:" >&2
  echo "  xvfb-run -a -s '-screen 0 1600x1000x24' $app '$product'" >&2
  exit 2
fi
exec "$app" "${args[@]}"
