#!/usr/bin/env python3
"""Turns the chatterbot-corpus dialogues (PyPI package chatterbot-corpus, BSD licence) into
crate/data/everyday/chatterbot_<lang>.jsonl, one {"text", "lang", "source"} per utterance.

    pip download chatterbot-corpus==1.3.3 --no-deps -d /tmp/cb && cd /tmp/cb && unzip -oq *.whl
    python3 scripts/data/import-chatterbot.py /tmp/cb/chatterbot_corpus/data
"""
import json, sys, pathlib
import yaml  # PyYAML

LANGS = {"english": "en", "spanish": "es", "portuguese": "pt", "german": "de", "french": "fr"}

def main(root):
    out_dir = pathlib.Path(__file__).resolve().parents[2] / "crate" / "data" / "everyday"
    for folder, code in LANGS.items():
        rows, seen = [], set()
        for path in sorted((pathlib.Path(root) / folder).glob("*.yml")):
            doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            for convo in doc.get("conversations") or []:
                for text in convo:
                    text = str(text).strip()
                    if text and text not in seen:
                        seen.add(text)
                        rows.append({"text": text, "lang": code,
                                     "source": f"chatterbot-corpus 1.3.3 data/{folder}/{path.name}"})
        with open(out_dir / f"chatterbot_{code}.jsonl", "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(folder, len(rows))

if __name__ == "__main__":
    main(sys.argv[1])
