#!/usr/bin/env bash
# Screenshots of Settings > Preferences and Help > Keyboard Shortcuts at 1366 x 768 (a virtual X
# server, clean settings, the demo product open behind them when there is one).
#   tools/screenshot-dialogs.sh build/app/unclouded OUT_DIR [DEMO_PRODUCT]
# Needs xvfb-run, xdotool and ImageMagick's import.
set -euo pipefail
app=$(readlink -f "$1"); out=$(readlink -f "$2"); product="${3:-}"
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s '-screen 0 1366x768x24' "$0" "$@"
fi
config=$(mktemp -d); trap 'kill "$pid" 2>/dev/null || true; rm -rf "$config"' EXIT
mkdir -p "$out"
XDG_CONFIG_HOME="$config" LANGUAGE=en LC_ALL=C.UTF-8 "$app" ${product:+"$product"} &
pid=$!
sleep 8
win=$(xdotool search --sync --pid "$pid" --name 'Unclouded' | head -n 1)
xdotool windowsize "$win" 1366 768 windowmove "$win" 0 0
sleep 2
shot() { # KEYS NAME
  xdotool windowactivate --sync "$win" 2>/dev/null || xdotool windowfocus --sync "$win"
  xdotool key --window "$win" "$1"
  sleep 3
  import -window root "$out/$2"
  xdotool key Escape
  sleep 1
}
shot ctrl+comma screenshot-preferences.png
shot ctrl+slash screenshot-shortcuts.png
echo "wrote $out/screenshot-preferences.png $out/screenshot-shortcuts.png"
