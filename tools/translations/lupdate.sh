#!/usr/bin/env bash
# Runs lupdate over the sources translations/CMakeLists.txt passes (core/, ui/, app/) into the
# given .ts files, with the options the update_translations target uses. The source root is an
# include path so that lupdate resolves "ui/mainwindow.h" and gives each class its full context
# (unclouded::ui::MainWindow, the name tr() looks up at run time).
# Usage: tools/translations/lupdate.sh FILE.ts...   (LUPDATE=path overrides the tool)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
lupdate=${LUPDATE:-}
if [ -z "$lupdate" ]; then # Qt 6's own (a bare "lupdate" may be qtchooser's Qt 5 link)
    for l in "$(qtpaths6 --query QT_HOST_BINS 2>/dev/null)/lupdate" /usr/lib/qt6/bin/lupdate "$(command -v lupdate6)"; do
        [ -x "$l" ] && lupdate=$l && break
    done
fi
list=$(mktemp)
trap 'rm -f "$list"' EXIT
(cd "$root" && find core ui app \( -name '*.h' -o -name '*.cpp' \) -type f | LC_ALL=C sort | sed "s|^|$root/|") >"$list"
# English carries the plural forms alone ("%n field(s)" -> "1 field" / "2 fields"): -pluralonly.
full=() english=()
for ts in "$@"; do
    case "$ts" in *_en.ts) english+=("$ts") ;; *) full+=("$ts") ;; esac
done
if [ "${#full[@]}" -gt 0 ]; then
    "$lupdate" -silent -no-obsolete -locations none -I "$root" "@$list" -ts "${full[@]}"
fi
if [ "${#english[@]}" -gt 0 ]; then
    "$lupdate" -silent -no-obsolete -locations none -pluralonly -I "$root" "@$list" -ts "${english[@]}"
fi
