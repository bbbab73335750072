#!/usr/bin/env python3
"""Derive data/hebrew/prefixes.tsv from the omilab Hebrew sentiment corpus.

Usage: python3 tools/hebrew_words/derive.py [TRAIN_JSONL] [OUT_TSV]
  defaults: ../shared/data/he-sentiment/train.jsonl (also ../../shared/data)
            and data/hebrew/prefixes.tsv

Each input row has `text` (a comment, tokens separated by spaces) and `morph`
(the same comment split into morphemes by an automatic analyser, e.g.
`המשפחה` -> `ה משפחה`, `בבית` -> `ב ה בית` with the written-elided article).
The tool aligns the two token streams and, for every all-Hebrew surface token,
records which proclitic prefix letters (ו ה ב כ ל מ ש and chains) it was split
into. Output lines: `surface<TAB>prefix<TAB>count` (prefix `-` for none),
sorted by surface then prefix. The runtime derives everything else (word
frequencies, prefix-chain priors, a letter model) from this one file.

Conventions (those of the Hebrew UD treebanks):
- a preposition with a pronoun suffix (`לו`, `להם`, `בה`) is one word: the
  preposition letter is not reported as a prefix;
- the remainder after the prefix has at least two letters.
"""
import json
import sys
from collections import Counter, defaultdict

PROCLITICS = {"ו", "ה", "ב", "כ", "ל", "מ", "ש", "כש", "לכש"}
PRONOUNS = {"אני", "אתה", "את", "הוא", "היא", "אנחנו", "אתם", "אתן", "הם", "הן"}
PREPOSITIONS = set("בכלמ")


def normalize(tok):
    """The runtime's lookup form: points dropped, geresh/gershayim as ASCII.
    The corpus writes gershayim as a doubled quote (`צה""ל`); undo that."""
    out = []
    for c in tok:
        if "\u0591" <= c <= "\u05c7" and c not in "\u05be\u05c0\u05c3\u05c6":
            continue
        out.append({"\u05f3": "'", "\u05f4": '"', "\u2019": "'"}.get(c, c))
    return "".join(out).replace('""', '"')


def is_hebrew_word(w):
    return bool(w) and all("\u05d0" <= c <= "\u05ea" or c in "'\"" for c in w) and (
        "\u05d0" <= w[0] <= "\u05ea"
    )


def starts_aligned(word, morph, k):
    """Whether the morph stream at k plausibly begins the surface `word`."""
    if k >= len(morph):
        return False
    m = morph[k]
    if m == word:
        return True
    if m in PROCLITICS:
        return word.startswith(m) and len(word) > len(m)
    # a host written with a suffix (`שלנו` ~ `של אנחנו`) or as a lemma
    # (`בוכה` ~ `בכה`): same first letter
    return m[:1] == word[:1]


def analyse(word, morph, j):
    """Returns (prefix, index of the host morpheme) for `word` at morph[j]."""
    pre = ""
    k = j
    while k < len(morph) and morph[k] in PROCLITICS and len(pre) < 4:
        tok = morph[k]
        rest = word[len(pre):]
        if tok == "ה" and pre and pre[-1] in "בכל":
            k += 1  # the article, elided in writing after ב כ ל
            continue
        if rest.startswith(tok) and len(rest) > len(tok):
            pre += tok
            k += 1
        else:
            break
    if len(word) - len(pre) < 2:
        return "", j
    if pre and k < len(morph) and morph[k] in PRONOUNS and pre[-1] in PREPOSITIONS:
        pre = pre[:-1]  # inflected preposition: one word
    return pre, k


def default_source():
    import os

    for base in ("../shared/data", "../../shared/data", "/work/shared/data"):
        path = os.path.join(base, "he-sentiment/train.jsonl")
        if os.path.exists(path):
            return path
    sys.exit("give the path of he-sentiment/train.jsonl")


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else default_source()
    out = sys.argv[2] if len(sys.argv) > 2 else "data/hebrew/prefixes.tsv"
    counts = defaultdict(Counter)
    rows = aligned = dropped = 0
    with open(src, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            rows += 1
            text = [normalize(t) for t in r["text"].split()]
            morph = [normalize(t) for t in r["morph"].split()]
            j = 0
            ok = True
            for i, w in enumerate(text):
                if j < len(morph) and morph[j] == w:
                    pre, nxt = "", j + 1
                else:
                    pre, k = analyse(w, morph, j)
                    nxt = k + 1 if (pre or k > j) else j + 1
                # resynchronise on the next surface word
                if i + 1 < len(text):
                    for cand in range(nxt, min(nxt + 6, len(morph))):
                        if starts_aligned(text[i + 1], morph, cand):
                            nxt = cand
                            break
                    else:
                        ok = False
                if is_hebrew_word(w):
                    counts[w][pre] += 1
                if not ok:
                    break
                j = nxt
            if ok:
                aligned += 1
            else:
                dropped += 1
    with open(out, "w", encoding="utf-8") as f:
        for w in sorted(counts):
            for p in sorted(counts[w]):
                f.write(f"{w}\t{p or '-'}\t{counts[w][p]}\n")
    n = sum(sum(c.values()) for c in counts.values())
    print(
        f"rows {rows}, fully aligned {aligned}, cut short {dropped}; "
        f"{n} tokens, {len(counts)} surface types -> {out}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
