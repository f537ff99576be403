#!/usr/bin/env bash
# The `translations` test: every tr() string of the sources is in translations/unclouded_*.ts,
# translated (no unfinished, vanished or obsolete message, plurals complete, placeholders and
# shortcuts kept), and lrelease compiles each file. lupdate runs on temporary copies, never on the
# committed files. Fix a failure with tools/update-translations.sh.
# Usage: check-translations.sh LUPDATE LRELEASE
set -euo pipefail
lupdate=$1 lrelease=$2
root=$(cd "$(dirname "$0")/.." && pwd)
command -v python3 >/dev/null || { echo "python3 not found: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/fresh"
cp "$root"/translations/unclouded_*.ts "$tmp/fresh/"
LUPDATE=$lupdate "$root/tools/translations/lupdate.sh" "$tmp"/fresh/*.ts
status=0
python3 "$root/tools/translations/check.py" "$root/translations" "$tmp/fresh" || status=1
for ts in "$root"/translations/unclouded_*.ts; do
    qm=$tmp/$(basename "${ts%.ts}").qm
    if ! out=$("$lrelease" "$ts" -qm "$qm" 2>&1) || [ ! -s "$qm" ]; then
        echo "lrelease failed on $(basename "$ts"): $out"
        status=1
    elif grep -q "[1-9][0-9]* unfinished\|ignored" <<<"$out"; then
        echo "lrelease on $(basename "$ts"): $out"
        status=1
    fi
done
[ "$status" = 0 ] && echo "translations complete"
exit "$status"
