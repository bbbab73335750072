#!/usr/bin/env python3
"""How often each Thai cue phrase occurs in a labelled sentiment set.

Usage: cue_hits.py CUES.tsv [SET.jsonl]   (default ../shared/data/th-wisesight/train.jsonl)

CUES.tsv has the `kind<TAB>label<TAB>weight<TAB>phrase` lines of data/cues/th.tsv.
For each category, intent, complaint or anger cue, prints the number of posts containing it (spaces
removed, lower-cased, as the matcher sees Thai text) per gold label, and the
share of those that are negative. A cue that fires mostly on positive or
neutral posts (adverts, news) is a false-positive risk. Only counts are
printed; no text leaves the evaluation data.

Gapped cues (`สั่ง … ได้ … มา`) are approximated by a regular expression:
parts in order, 1..24 characters between them, no punctuation; the matcher's
one-space limit is not applied, so the counts are an upper bound.
"""
import json
import re
import sys
from collections import Counter

cues = []
for line in open(sys.argv[1], encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    parts = line.rstrip("\n").split("\t")
    if len(parts) == 4 and (parts[0] in ("category", "intent") or (parts[0] == "marker" and parts[1] in ("complaint", "anger"))):
        cues.append(parts)
path = sys.argv[2] if len(sys.argv) > 2 else "../shared/data/th-wisesight/train.jsonl"
posts = []
for line in open(path, encoding="utf-8"):
    r = json.loads(line)
    posts.append(("".join(r["text"].split()).lower(), r["label"]))
GAP = r"[^!?,.\u2026()\"'|]{1,24}?"


def matcher(phrase):
    parts = [p for p in re.split(r"\u2026|\.\.\.", phrase)]
    parts = ["".join(p.split()).lower() for p in parts]
    if len(parts) == 1:
        return lambda text: parts[0] in text
    rx = re.compile(GAP.join(re.escape(p) for p in parts))
    return lambda text: rx.search(text) is not None


for kind, label, weight, phrase in cues:
    m = matcher(phrase)
    c = Counter(lab for text, lab in posts if m(text))
    n = sum(c.values())
    neg = c["neg"] / n if n else 0.0
    print(f"{n:6d} neg {c['neg']:5d} neu {c['neu']:5d} pos {c['pos']:5d} q {c['q']:4d} "
          f"negshare {neg:.2f}  {kind} {label} {weight} {phrase}")
