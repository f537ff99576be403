#!/usr/bin/env bash
# Screenshots of Help > Keyboard Shortcuts and Help > User Guide at 1366 x 768 (a virtual X
# server, clean settings, the demo product open behind them when there is one), opened through the
# menus with the mouse as a person would.
#   tools/screenshot-dialogs.sh build/app/unclouded OUT_DIR [DEMO_PRODUCT]
# UNCLOUDED_LANGUAGE=de (fr, es) shows them translated.
# Needs xvfb-run, xdotool and ImageMagick's import.
set -euo pipefail
app=$(readlink -f "$1"); out=$(readlink -f "$2"); product="${3:-}"
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s '-screen 0 1366x768x24' "$0" "$@"
fi
mkdir -p "$out"
config=$(mktemp -d); pid=
if [ -n "${UNCLOUDED_LANGUAGE:-}" ]; then
  mkdir -p "$config/Unclouded"
  printf '[General]\nlanguage=%s\n' "$UNCLOUDED_LANGUAGE" >"$config/Unclouded/Unclouded.conf"
fi
trap 'if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi; rm -rf "$config"' EXIT

# shot MENU_TITLE DOWNS NAME: opens the app, clicks the menu, moves down DOWNS items, Return.
shot() {
  XDG_CONFIG_HOME="$config" LANGUAGE=en LC_ALL=C.UTF-8 "$app" ${product:+"$product"} &
  pid=$!
  local win
  win=$(xdotool search --sync --onlyvisible --pid "$pid" --name 'Unclouded' | head -n 1)
  xdotool windowsize "$win" 1366 768 windowmove "$win" 0 0
  sleep 6 # the product opens and the map draws
  local x
  x=$(python3 - "$1" <<'P'
import sys
# Menu titles in the bar, left to right, at the widths Qt gives them with the default font.
titles = ["File", "View", "Settings", "Help"]
pos = {"File": 20, "View": 59, "Settings": 112, "Help": 165}
print(pos[sys.argv[1]])
P
)
  xdotool mousemove "$x" 8 click 1
  sleep 1
  for _ in $(seq "$2"); do xdotool key Down; done
  xdotool key Return
  sleep 3
  import -window root "$out/$3"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
}
shot Help 2 screenshot-shortcuts.png
shot Help 1 screenshot-userguide.png
echo "wrote $out/screenshot-shortcuts.png $out/screenshot-userguide.png (Preferences: tools/screenshots.sh)"
