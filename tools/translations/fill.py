#!/usr/bin/env python3
"""Fills the unfinished messages of Qt .ts files from the dictionaries beside this script.

A dictionary is tools/translations/<language>.json:
    {"messages": {"source text": "translation" or ["singular", "plural"], ...},
     "contexts": {"unclouded::ui::SomePanel": {"source text": "translation"}, ...}}
"contexts" overrides "messages" for one class (rarely needed). The dictionaries are the source
of truth: a message they hold gets their translation; a message they lack keeps a translation
finished in the .ts (e.g. made in Qt Linguist: copy it into the dictionary) and is listed.
Prints the messages it could not fill; exits 1 when there are any.

Usage: fill.py [--dicts DIR] FILE.ts...
"""
import argparse
import json
import os
import sys
import xml.etree.ElementTree as ET


def load_dictionary(path):
    if not os.path.exists(path):
        return {}, {}
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    return d.get("messages", {}), d.get("contexts", {})


def fill(ts_path, dict_dir):
    tree = ET.parse(ts_path)
    root = tree.getroot()
    lang = root.get("language", "").split("_")[0]
    messages, contexts = load_dictionary(os.path.join(dict_dir, lang + ".json"))
    filled, missing, only_ts = 0, [], []
    for context in root.iter("context"):
        name = context.findtext("name")
        for m in context.iter("message"):
            source = m.findtext("source")
            t = m.find("translation")
            if t is None:
                t = ET.SubElement(m, "translation")
            kind = t.get("type")
            if kind in ("vanished", "obsolete"):
                continue
            numerus = m.get("numerus") == "yes"
            value = contexts.get(name, {}).get(source, messages.get(source))
            if value is None or isinstance(value, list) != numerus:
                done = kind is None and (
                    all(f.text for f in t.findall("numerusform")) if numerus else bool(t.text))
                if done:
                    only_ts.append((name, source))
                else:
                    missing.append((name, source, numerus))
                continue
            if numerus:
                forms = t.findall("numerusform")
                for f in forms:
                    t.remove(f)
                t.text = None
                for v in value:
                    ET.SubElement(t, "numerusform").text = v
            else:
                t.text = value
            t.attrib.pop("type", None)
            filled += 1
    with open(ts_path, "wb") as f:
        f.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(f, encoding="utf-8", xml_declaration=False)
        f.write(b"\n")
    return lang, filled, missing, only_ts


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dicts", default=os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("ts", nargs="+")
    args = ap.parse_args()
    status = 0
    for ts in args.ts:
        lang, filled, missing, only_ts = fill(ts, args.dicts)
        print(f"{os.path.basename(ts)}: {filled} from {lang}.json, {len(only_ts)} only in the .ts, "
              f"{len(missing)} without a translation")
        for name, source in only_ts:
            print(f"  only in the .ts: [{name}] {json.dumps(source, ensure_ascii=False)}")
        for name, source, numerus in missing:
            print(f"  missing{' (plural: give a list of forms)' if numerus else ''}: [{name}] {json.dumps(source, ensure_ascii=False)}")
        status = status or (1 if missing else 0)
    return status


if __name__ == "__main__":
    sys.exit(main())
