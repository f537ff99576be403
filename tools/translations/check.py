#!/usr/bin/env python3
"""Checks the committed translations against a fresh lupdate of the sources.

Usage: check.py COMMITTED_DIR FRESH_DIR
COMMITTED_DIR holds translations/unclouded_*.ts as committed; FRESH_DIR copies of them that
lupdate (tools/translations/lupdate.sh) has just refreshed from the sources. Fails (exit 1) when
  - a tr() string of the sources is missing from a committed .ts (lupdate had to add it),
  - a committed .ts holds a message the sources no longer have, or a vanished / obsolete one,
  - a message is unfinished or empty, or a plural has the wrong number of forms,
  - a translation drops or invents a placeholder (%1, %L1, %n, %Ln) or the & of a shortcut.
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

PLURAL_FORMS = {"en": 2, "de": 2, "fr": 2, "es": 2}
PLACEHOLDER = re.compile(r"%L?(?:n|\d{1,2})")


def messages(path):
    root = ET.parse(path).getroot()
    out = {}
    for context in root.iter("context"):
        name = context.findtext("name")
        for m in context.iter("message"):
            key = (name, m.findtext("source"), m.findtext("comment") or "")
            out[key] = m
    return root.get("language", ""), out


def has_accelerator(text):
    return re.search(r"&(?!&)\S", text.replace("&&", "")) is not None


def show(key):
    name, source, comment = key
    return f"[{name}] {source!r}" + (f" ({comment})" if comment else "")


def check(committed, fresh):
    problems = []
    lang, have = messages(committed)
    _, want = messages(fresh)
    base = os.path.basename(committed)
    for key in want.keys() - have.keys():
        problems.append(f"{base}: not extracted (run tools/update-translations.sh): {show(key)}")
    for key in have.keys() - want.keys():
        problems.append(f"{base}: no longer in the sources: {show(key)}")
    for key, m in have.items():
        t = m.find("translation")
        kind = t.get("type") if t is not None else "unfinished"
        if kind:
            problems.append(f"{base}: {kind}: {show(key)}")
            continue
        source = key[1]
        numerus = m.get("numerus") == "yes"
        if key in want and (want[key].get("numerus") == "yes") != numerus:
            problems.append(f"{base}: plural flag differs from the sources: {show(key)}")
        forms = [f.text or "" for f in t.findall("numerusform")] if numerus else [t.text or ""]
        if numerus and len(forms) != PLURAL_FORMS.get(lang.split("_")[0], len(forms)):
            problems.append(f"{base}: {len(forms)} plural forms, {lang} has {PLURAL_FORMS.get(lang)}: {show(key)}")
        for text in forms:
            if not text.strip() and source.strip():
                problems.append(f"{base}: empty translation: {show(key)}")
                continue
            src_ph = sorted(set(PLACEHOLDER.findall(source)))
            tr_ph = sorted(set(PLACEHOLDER.findall(text)))
            # French and German may drop the number in the singular form ("une couche")
            if src_ph != tr_ph and not (numerus and set(tr_ph) == set(src_ph) - {"%n", "%Ln"}):
                problems.append(f"{base}: placeholders {src_ph} became {tr_ph}: {show(key)} -> {text!r}")
            if has_accelerator(source) != has_accelerator(text):
                problems.append(f"{base}: shortcut '&' lost or added: {show(key)} -> {text!r}")
    return len(have), problems


def main():
    committed_dir, fresh_dir = sys.argv[1:3]
    files = sorted(f for f in os.listdir(committed_dir) if f.endswith(".ts"))
    if not files:
        print(f"no .ts files in {committed_dir}")
        return 1
    failed = False
    for f in files:
        count, problems = check(os.path.join(committed_dir, f), os.path.join(fresh_dir, f))
        print(f"{f}: {count} messages, {len(problems)} problems")
        for p in problems:
            print("  " + p)
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
