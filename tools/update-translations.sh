#!/usr/bin/env bash
# Refreshes translations/unclouded_*.ts from the sources and fills every new message from the
# dictionaries tools/translations/<language>.json, then lists what is still untranslated.
#   1. lupdate (tools/translations/lupdate.sh: the update_translations target's options), so new
#      tr() strings are added and strings gone from the sources are removed;
#   2. tools/translations/fill.py: unfinished messages from the dictionary (a translation already
#      finished in the .ts is kept);
#   3. lupdate again, to write the files in lupdate's own layout.
# Add the missing strings to the three .json files and run it again until it reports none; the
# `translations` test (tests/check-translations.sh) fails while any is left.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
ts=("$root"/translations/unclouded_*.ts)
"$root/tools/translations/lupdate.sh" "${ts[@]}"
status=0
python3 "$root/tools/translations/fill.py" "${ts[@]}" || status=$?
"$root/tools/translations/lupdate.sh" "${ts[@]}"
exit "$status"
