#!/usr/bin/env bash
# Fails when a C++ source differs from .clang-format (the tree was formatted once, in its own
# commit; `make format` re-applies it). Exit 77 (a CTest skip) without clang-format.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "SKIP: clang-format is not installed"; exit 77; }
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files '*.cpp' '*.h')
else
  mapfile -t files < <(find app cli core ui tests bench -name '*.cpp' -o -name '*.h')
fi
if [ "${1:-}" = "--fix" ]; then
  clang-format -i "${files[@]}"
  exit 0
fi
clang-format --dry-run --Werror "${files[@]}"
echo "check-format: ${#files[@]} files follow .clang-format ($(clang-format --version | head -1))"
