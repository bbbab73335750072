#!/usr/bin/env python3
"""How often each Thai cue phrase occurs in a labelled sentiment set.

Usage: cue_hits.py CUES.tsv [SET.jsonl]   (default ../shared/data/th-wisesight/train.jsonl)

CUES.tsv has the `kind<TAB>label<TAB>weight<TAB>phrase` lines of data/cues/th.tsv.
For each category, intent, complaint or anger cue, prints the number of posts containing it (spaces
removed, lower-cased, as the matcher sees Thai text) per gold label, and the
share of those that are negative. A cue that fires mostly on positive or
neutral posts (adverts, news) is a false-positive risk. Only counts are
printed; no text leaves the evaluation data.
"""
import json
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
for kind, label, weight, phrase in cues:
    c = Counter(lab for text, lab in posts if phrase in text)
    n = sum(c.values())
    neg = c["neg"] / n if n else 0.0
    print(f"{n:6d} neg {c['neg']:5d} neu {c['neu']:5d} pos {c['pos']:5d} q {c['q']:4d} "
          f"negshare {neg:.2f}  {kind} {label} {weight} {phrase}")
