#!/usr/bin/env bash
# The docs' screenshots of the main window at 1366 x 768 and 1920 x 1080: the welcome page, each
# task (Inspect, Train, Reconstruct, Evaluate, Fields, Search) and Preferences, driven by
# tools/screenshot_tour.cpp under a virtual X server with clean settings, captured with ImageMagick's
# `import -window root`. About 3 minutes per size on 2 cores (a small training, a reconstruction and an
# evaluation run on the demo product).
#   tools/screenshots.sh [BUILD_DIR] [OUT_DIR] [DEMO_DIR]
# Defaults: build, docs, ~/.cache/unclouded/demo (make demo). Needs xvfb-run and ImageMagick.
# UNCLOUDED_SCREEN_SIZES="1920x1080" picks sizes; UNCLOUDED_TOUR_UNTIL=reconstruct stops after that view.
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(readlink -f "${1:-build}")
out=$(readlink -f "${2:-docs}")
demo=$(readlink -f "${3:-${XDG_CACHE_HOME:-$HOME/.cache}/unclouded/demo}")
cmake --build "$build" --target screenshot_tour -j1 >/dev/null
mkdir -p "$out"
for size in ${UNCLOUDED_SCREEN_SIZES:-1366x768 1920x1080}; do
  config=$(mktemp -d)
  XDG_CONFIG_HOME="$config" LANGUAGE=en LC_ALL=C.UTF-8 \
    xvfb-run -a -s "-screen 0 ${size}x24" "$build/bench/screenshot_tour" "$demo" "$out" "$size"
  rm -rf "$config" "$out/.tour-$size"
done
