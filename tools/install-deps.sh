#!/usr/bin/env bash
# Installs Unclouded's build, run and test dependencies on Debian 12.
# Idempotent: does nothing (and needs no root) when everything is already there.
set -euo pipefail

PKGS=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config clang-format
  # Qt 6.4: Widgets, Charts, Concurrent, LinguistTools, Test, PrintSupport
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-tools-dev qt6-tools-dev-tools
  qt6-l10n-tools qt6-translations-l10n libgl-dev qt6-qpa-plugins
  libqt6opengl6-dev libxkbcommon-dev libvulkan-dev
  # the SVG icon engine and image plugin: without them the window and About icons are blank
  libqt6svg6
  libqcustomplot-dev
  # the system keychain for catalogue logins (Search dock)
  qtkeychain-qt6-dev
  # LibTorch (CPU). Without OpenBLAS-pthread torch falls back to reference BLAS (25x slower GEMM).
  libtorch-dev libopenblas0-pthread
  # GDAL (SENTINEL2 driver, OpenJPEG JP2, COG) and OpenCV (inpainting)
  libgdal-dev gdal-bin libopencv-dev
  # headless GUI runs, screenshots, packaging
  xvfb xauth imagemagick dpkg-dev file xdotool
  # a single-node Slurm that tests/slurm/batch_on_slurm.sh starts and stops (batch on a cluster)
  slurm-wlm munge
  # cross-checks in tests and benchmarks only (never used by the product)
  python3-gdal python3-skimage python3-torch python3-numpy
)

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PKGS[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${#missing[@]} missing packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
# Through env: sudo's env_reset drops an exported DEBIAN_FRONTEND, and a package's question would wait.
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-deps: done"
