"""Study: embeddable character n-gram evidence for the Hebrew label model.

    python3 tools/hebrew_sentiment/charngram.py /tmp/he_dump.jsonl [--held]

Reuses study.py's dump reader, features and `balanced` label model
(class-balanced logistic regression over the crate's 27 features, neutral
offset chosen by pooled CV, posts without sentiment evidence stay neutral).
Adds out-of-fold scores of linear models over character n-grams as extra
features. Nested: for outer fold k the test posts (fold k) are scored by a
model fitted on the other three folds, and each training post (fold j != k)
by a model fitted on the two folds that are neither j nor k, so the label
model is never fitted on in-sample scores and fold k never informs them.

    python3 tools/hebrew_sentiment/charngram.py DUMP 0,1,2   # sklearn configs
    # the crate's own analyser (run_emb) and the held-out look (emb_whole) are
    # functions: run_emb([(use_idf, min_df, C, top_k)]), emb_whole(cfg, offset, held)

Results (2026-11-23, session 8; CV macro-F1 with F1 pos / neu / neg; the
27 features alone: 0.677 (0.884 / 0.396 / 0.751), neutral offset -1.4):
- sklearn TfidfVectorizer char_wb 2-4 (min_df 2, sublinear tf), logistic
  (liblinear, class-balanced): C=1 L2: sign+off 0.684, sign only 0.686
  (0.896 / 0.387 / 0.775), off only 0.676; C=0.3 L2: 0.683 / 0.684 / 0.676;
  C=1 L1: 0.682 / 0.678 / 0.677.
- CountVectorizer binary char_wb 2-4 (min_df 3): C=1 L2 0.672 / 0.674 / 0.671;
  C=0.3 L2 0.672 / 0.677 / 0.671; C=1 L1 0.674 / 0.677 / 0.673.
- The crate's analyser (`grams`: what backlash::sentiment::char_grams does),
  sign only, C=1: idf 0.687 (0.896 / 0.390 / 0.774); no idf 0.684; idf, top
  5,000 weights 0.685, top 2,000 0.683. Chosen: idf, all weights.
- Held-out look for it (`emb_whole`, the study's own refit): distinct texts
  0.697 -> 0.708 (0.898 / 0.460 / 0.765); hebert-main 0.520 -> 0.533.
- In Rust (examples/fit_lexicon.rs, its own penalty grid): CV 0.688; eval:
  distinct held-out 0.706, hebert-main 0.529 (r 0.464).
- Off-topic evidence on top (study.py's features, same nested scores; 0.687
  without): n_you (second-person words) 0.686, last_name 0.688, n_names
  0.685, all three 0.686. None gains 0.005: not adopted.
- Only the 5,000 largest weights, refitted on them (Rust,
  BACKLASH_CHAR_TOP=5000): CV 0.685; barely faster, not adopted.
"""
import sys
import warnings

warnings.filterwarnings("ignore")

sys.argv.append("--lib")
import os

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import study as S  # noqa: E402
import numpy as np  # noqa: E402
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

FIN = str.maketrans("ךםןףץ", "כמנפצ")
texts_all = np.array([r["text"].lower().translate(FIN) for r in S.rows])
fit = S.fit
ff = S.fold[fit]
G = S.G
TX = texts_all[fit]


def vec(kind, lo, hi, min_df):
    if kind == "tfidf":
        return TfidfVectorizer(analyzer="char_wb", ngram_range=(lo, hi), min_df=min_df, sublinear_tf=True)
    return CountVectorizer(analyzer="char_wb", ngram_range=(lo, hi), min_df=min_df, binary=True)


def scores(train_idx, test_idx, cfg):
    """Fit the char model(s) on train_idx, return scores for test_idx (n x k)."""
    kind, lo, hi, md, C, pen, targets = cfg
    v = vec(kind, lo, hi, md)
    A = v.fit_transform(TX[train_idx])
    B = v.transform(TX[test_idx])
    ytr = G[train_idx]
    out = []
    for t in targets:
        if t == "sign":
            m = ytr != 0
            lr = LogisticRegression(C=C, penalty=pen, solver="liblinear", class_weight="balanced", max_iter=2000)
            lr.fit(A[m], (ytr[m] > 0).astype(int))
            out.append(lr.decision_function(B))
        elif t == "off":
            lr = LogisticRegression(C=C, penalty=pen, solver="liblinear", class_weight="balanced", max_iter=2000)
            lr.fit(A, (ytr == 0).astype(int))
            out.append(lr.decision_function(B))
    return np.column_stack(out), v, lr


def nested(cfg):
    """Per outer fold k: (train-feature matrix for folds != k, test features for fold k)."""
    n = len(G)
    res = {}
    for k in range(4):
        F = np.zeros((n, len(cfg[6])))
        te = np.where(ff == k)[0]
        F[te] = scores(np.where(ff != k)[0], te, cfg)[0]
        for j in range(4):
            if j == k:
                continue
            tj = np.where(ff == j)[0]
            F[tj] = scores(np.where((ff != j) & (ff != k))[0], tj, cfg)[0]
        res[k] = F
    return res


def plain_oof(cfg):
    n = len(G)
    F = np.zeros((n, len(cfg[6])))
    for k in range(4):
        te = np.where(ff == k)[0]
        F[te] = scores(np.where(ff != k)[0], te, cfg)[0]
    return F


RUSTI = [S.names.index(c) for c in S.RUST]
XR = S.X[fit][:, RUSTI]
CMP = XR[:, 0]


def label_cv(extra, C=0.1, nested_feats=None, tag=""):
    """CV of the balanced label model over the 27 features + extra columns."""
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    P = np.zeros((len(G), 3))
    for k in range(4):
        if nested_feats is not None:
            E = nested_feats[k]
        else:
            E = extra
        Xk = XR if E is None else np.column_stack([XR, E])
        tr, te = ff != k, ff == k
        m = make_pipeline(StandardScaler(), LogisticRegression(C=C, max_iter=5000, class_weight="balanced"))
        m.fit(Xk[tr], G[tr])
        P[te] = m.predict_proba(Xk[te])

    def dec(bu):
        p = S.argmax_label(P, 0.0, bu)
        p[CMP == 0] = 0
        return p
    best = max((S.mf1(G, dec(bu))[0], bu) for bu in np.round(np.arange(-4, 4.01, 0.1), 2))
    m, per = S.mf1(G, dec(best[1]))
    print(f"CV {tag}: macro-F1 {m:.4f} (pos {per[2]:.3f} / neu {per[1]:.3f} / neg {per[0]:.3f}), neutral offset {best[1]:+.1f}", flush=True)
    return m, best[1]


if __name__ == "__main__":
    label_cv(None, tag="27 features (baseline)")
    cfgs = []
    for kind, lo, hi, md in [("tfidf", 2, 4, 2), ("bin", 2, 4, 3), ("tfidf", 1, 5, 3)]:
        for C, pen in [(1.0, "l2"), (0.3, "l2"), (1.0, "l1")]:
            cfgs.append((kind, lo, hi, md, C, pen, ("sign", "off")))
    which = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] != "--lib" and not sys.argv[2].startswith("--") else None
    for i, cfg in enumerate(cfgs):
        if which is not None and str(i) not in which.split(","):
            continue
        nf = nested(cfg)
        label_cv(None, nested_feats=nf, tag=f"27 + char {cfg[:6]} sign+off nested")
        label_cv(None, nested_feats={k: v[:, :1] for k, v in nf.items()}, tag=f"27 + char {cfg[:6]} sign only nested")
        label_cv(None, nested_feats={k: v[:, 1:] for k, v in nf.items()}, tag=f"27 + char {cfg[:6]} off only nested")


# --- Embeddable variant: own char n-gram analyser (the one the crate would
# run), sublinear tf, optional idf, L2 norm over all the post's n-grams (so
# the norm needs no vocabulary), weights pruned to the top K by |w|.
import re as _re
from collections import Counter as _Counter
import scipy.sparse as _sp

_WS = _re.compile(r"\s+")


def grams(t, lo=2, hi=4):
    c = _Counter()
    for w in _WS.split(t):
        if not w:
            continue
        w = " " + w + " "
        L = len(w)
        for n in range(lo, hi + 1):
            for i in range(0, L - n + 1):
                c[w[i:i + n]] += 1
    return c


GR = [grams(t) for t in TX]


def design(idx, vocab, idf, default_idf):
    """Rows for posts idx: columns = vocab (dict gram->col), values
    (1+ln c)*idf / norm, norm over all the post's n-grams."""
    rows, cols, vals = [], [], []
    for r, i in enumerate(idx):
        g = GR[i]
        items = [(k, (1.0 + np.log(c)) * (idf.get(k, default_idf) if idf is not None else 1.0)) for k, c in g.items()]
        nrm = np.sqrt(sum(v * v for _, v in items)) or 1.0
        for k, v in items:
            j = vocab.get(k)
            if j is not None:
                rows.append(r)
                cols.append(j)
                vals.append(v / nrm)
    return _sp.csr_matrix((vals, (rows, cols)), shape=(len(idx), len(vocab)))


def emb_scores(train_idx, test_idx, cfg):
    """cfg = (use_idf, min_df, C, K). Sign model only (class-balanced pos vs neg)."""
    use_idf, md, C, K = cfg
    df = _Counter()
    for i in train_idx:
        df.update(GR[i].keys())
    n = len(train_idx)
    keep = sorted(k for k, c in df.items() if c >= md)
    vocab = {k: j for j, k in enumerate(keep)}
    idf = {k: np.log((1 + n) / (1 + df[k])) + 1 for k in keep} if use_idf else None
    dflt = np.log((1 + n) / (1 + 1)) + 1  # an n-gram seen at most once
    m = G[train_idx] != 0
    A = design(train_idx[m], vocab, idf, dflt)
    lr = LogisticRegression(C=C, solver="liblinear", class_weight="balanced", max_iter=2000)
    lr.fit(A, (G[train_idx][m] > 0).astype(int))
    w = lr.coef_[0].copy()
    if K and K < len(w):
        cut = np.sort(np.abs(w))[-K]
        w[np.abs(w) < cut] = 0.0
    B = design(test_idx, vocab, idf, dflt)
    return (B @ w + lr.intercept_[0]).reshape(-1, 1), int((w != 0).sum())


def emb_nested(cfg):
    res = {}
    nz = []
    for k in range(4):
        F = np.zeros((len(G), 1))
        te = np.where(ff == k)[0]
        F[te], z = emb_scores(np.where(ff != k)[0], te, cfg)
        nz.append(z)
        for j in range(4):
            if j == k:
                continue
            tj = np.where(ff == j)[0]
            F[tj] = emb_scores(np.where((ff != j) & (ff != k))[0], tj, cfg)[0]
        res[k] = F
    return res, nz


def run_emb(cfgs):
    for cfg in cfgs:
        nf, nz = emb_nested(cfg)
        label_cv(None, nested_feats=nf, tag=f"27 + char sign (idf {cfg[0]}, min_df {cfg[1]}, C {cfg[2]}, top {cfg[3]}; outer nonzero {nz})")


def emb_whole(cfg, bu, held=False):
    """hebert-main (and, with `held`, the held-out distinct texts): label
    model fitted on all fitting posts with their plain out-of-fold char
    scores; the char model refitted on all fitting posts scores the others."""
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    global GR
    n = len(G)
    F = np.zeros((n, 1))
    for k in range(4):
        te = np.where(ff == k)[0]
        F[te] = emb_scores(np.where(ff != k)[0], te, cfg)[0]
    m = make_pipeline(StandardScaler(), LogisticRegression(C=0.1, max_iter=5000, class_weight="balanced"))
    m.fit(np.column_stack([XR, F]), G)
    sets = [("hebert", S.sets == "hebert")] + ([("held-out distinct", S.sets == "held")] if held else [])
    for tag, sel in sets:
        base = GR
        other = [grams(t) for t in texts_all[sel]]
        GR = base + other
        idx = np.arange(len(base), len(GR))
        s = emb_scores(np.arange(n), idx, cfg)[0]
        GR = base
        Xo = np.column_stack([S.X[sel][:, RUSTI], s])
        p = S.argmax_label(m.predict_proba(Xo), 0.0, bu)
        p[Xo[:, 0] == 0] = 0
        S.report(f"   {tag} (27 + char sign {cfg})", S.y[sel], p)
