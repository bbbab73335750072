//! The fitted model: categories and intents the cue lists missed, for posts
//! the cue lists call complaints.
//!
//! One class-balanced logistic regression per category, per intent and per
//! language, over
//! TF-IDF features of the post (character 2- to 5-grams of each lower-cased
//! whitespace-separated word padded with a space on each side; for English
//! and Hebrew also the words, ASCII punctuation stripped from their ends,
//! and pairs of adjacent words), fitted by `tools/category_model/fit.py` on
//! the dev posts of `tests/data/complaints_*.jsonl` and shipped as
//! `data/category_model/{en,he,th}.tsv`. When switched on
//! ([`ComplaintAnalyzerBuilder::fitted_model`](super::ComplaintAnalyzerBuilder::fitted_model)),
//! a category or intent whose probability reaches [`CUT`] is added to a
//! complaint when no cue found it; the model never decides whether a post
//! is a complaint and never changes severity (an intent it adds is reported,
//! with its reason, but raises no score: the cue lists' intents carry the
//! severity weights).
//!
//! Why: phrase lists miss much new wording (category micro-F1 on batches
//! written blind, by people who never read the lists, is 0.54–0.70 against
//! about 0.90 on the posts the lists were tuned on). Settings (C 4, 1,000
//! weights per label, cut 0.5) were chosen on earlier blind batches, with a
//! model trained on the posts that existed before them: category micro-F1
//! 0.688 → 0.705 (English), 0.655 → 0.695 (Hebrew), 0.720 → 0.765 (Thai);
//! intents, each of six batches left out of training, 0.727 → 0.735 and
//! 0.755 → 0.741 (English), 0.741 → 0.772 and 0.762 → 0.818 (Hebrew),
//! 0.720 → 0.755 and 0.805 → 0.844 (Thai). On the current blind batches
//! (`fresh`, 80 posts each, never used for any choice), categories 0.561 →
//! 0.658 (English), 0.634 → 0.738 (Thai), 0.614 → 0.684 (Hebrew), intents
//! 0.613 → 0.646, 0.642 → 0.698, 0.738 → 0.812; on the test split, which
//! the cue lists flatter, it costs precision: English categories 0.810 →
//! 0.779, below 0.80. Hence off by default.
//!
//! Each file lists the features with their idf and non-zero weights, then
//! `check` lines: texts with the probabilities the fitting tool computed,
//! which the unit tests require this module to repeat.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::Hasher;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::LazyLock;

use super::{Category, Hit, Intent, Reason};
use crate::hash::{FxBuild, FxHasher};
use crate::lang::Lang;
use crate::tokenize::Span;

/// Probability from which the model adds a category or an intent.
pub const CUT: f32 = 0.5;

/// Categories, then intents: the labels a model may know.
const N_CATS: usize = Category::ALL.len();
const N: usize = N_CATS + Intent::ALL.len();

/// A label of the model: a category or an intent.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Label {
    Category(Category),
    Intent(Intent),
}

impl Label {
    /// The label at index `i` (categories first, then intents).
    fn at(i: usize) -> Option<Label> {
        match i.checked_sub(N_CATS) {
            None => Category::ALL.get(i).copied().map(Label::Category),
            Some(j) => Intent::ALL.get(j).copied().map(Label::Intent),
        }
    }

    /// The index of the label named `name`.
    fn index_of(name: &str) -> Option<usize> {
        if let Some(c) = Category::from_name(name) {
            Category::ALL.iter().position(|&x| x == c)
        } else {
            let i = Intent::from_name(name)?;
            Intent::ALL.iter().position(|&x| x == i).map(|j| N_CATS + j)
        }
    }
}

/// Feature kinds, the first byte of a feature's key.
const CHAR: u8 = b'c';
const WORD: u8 = b'w';
const PAIR: u8 = b'b';

/// The hash of a feature key: its kind, then its text.
#[inline]
fn key_hash(kind: u8, text: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write_u8(kind);
    h.write(text);
    // Fx leaves the low bits weak; the table and the filter use high bits.
    h.finish()
}

/// Bits of the membership filter (2^FILTER_BITS bits: 32 KB).
const FILTER_BITS: u32 = 18;

/// The features of a model: an open-addressing table of 32-bit hash tags
/// and feature indices (8 bytes a slot), the keys' bytes in one arena (a
/// tag match compares them, so lookups are exact), behind a
/// one-bit-per-hash filter that turns most misses away without touching
/// the table.
#[derive(Debug, Default)]
struct FeatureTable {
    filter: Vec<u64>,
    /// (tag, feature index); empty: index `u32::MAX`.
    slots: Vec<(u32, u32)>,
    /// Per feature, its key's (start, length) in `arena`.
    keys: Vec<(u32, u32)>,
    arena: Vec<u8>,
}

impl FeatureTable {
    const EMPTY: u32 = u32::MAX;

    /// A table for `keys` (kind, text), feature `i` being `keys[i]`; `None`
    /// when a key repeats or the table would not fit its indices.
    fn build(keys: &[(u8, &str)]) -> Option<FeatureTable> {
        let cap = (keys.len() * 2).next_power_of_two().max(16);
        let mut t = FeatureTable {
            filter: vec![0; 1 << (FILTER_BITS - 6)],
            slots: vec![(0, Self::EMPTY); cap],
            keys: Vec::with_capacity(keys.len()),
            arena: Vec::new(),
        };
        for (i, &(kind, text)) in keys.iter().enumerate() {
            if t.get(kind, text).is_some() {
                return None;
            }
            let idx = u32::try_from(i).ok().filter(|&i| i != Self::EMPTY)?;
            let h = key_hash(kind, text.as_bytes());
            let start = u32::try_from(t.arena.len()).ok()?;
            t.arena.push(kind);
            t.arena.extend_from_slice(text.as_bytes());
            t.keys.push((start, u32::try_from(text.len() + 1).ok()?));
            let mut at = t.slot_of(h);
            while t.slots[at].1 != Self::EMPTY {
                at = (at + 1) & (cap - 1);
            }
            t.slots[at] = (tag_of(h), idx);
            let bit = (h >> (64 - FILTER_BITS)) as usize;
            t.filter[bit >> 6] |= 1 << (bit & 63);
        }
        Some(t)
    }

    #[inline]
    fn slot_of(&self, h: u64) -> usize {
        // The whole hash, mixed again (Fibonacci hashing): Fx's low bits
        // carry little of a key's last bytes, and probe chains stay short.
        let bits = self.slots.len().trailing_zeros();
        ((h ^ (h >> 29)).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - bits)) as usize
    }

    /// The feature index of (kind, text).
    #[inline]
    fn get(&self, kind: u8, text: &str) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let h = key_hash(kind, text.as_bytes());
        let bit = (h >> (64 - FILTER_BITS)) as usize;
        if self.filter[bit >> 6] & (1 << (bit & 63)) == 0 {
            return None;
        }
        let (mask, tag) = (self.slots.len() - 1, tag_of(h));
        let mut at = self.slot_of(h);
        loop {
            let (t, idx) = self.slots[at];
            if idx == Self::EMPTY {
                return None;
            }
            if t == tag && self.key_is(idx, kind, text) {
                return Some(idx);
            }
            at = (at + 1) & mask;
        }
    }

    /// Whether feature `idx` is (kind, text).
    fn key_is(&self, idx: u32, kind: u8, text: &str) -> bool {
        let Some(&(start, len)) = self.keys.get(idx as usize) else {
            return false;
        };
        let key = self.arena.get(start as usize..(start + len) as usize);
        key.and_then(|k| k.split_first()) == Some((&kind, text.as_bytes()))
    }
}

/// The tag a slot keeps of a hash (bits 8..40; the filter uses the top
/// 18).
#[inline]
fn tag_of(h: u64) -> u32 {
    (h >> 8) as u32
}

/// One language's model.
#[derive(Debug, Default)]
pub(crate) struct FittedModel {
    /// Intercepts; `None` for a label the model was not fitted for.
    bias: [Option<f32>; N],
    /// Character n-grams, words and word pairs → feature index.
    table: FeatureTable,
    idf: Vec<f32>,
    /// Per feature, its range in `weights`.
    ranges: Vec<(u32, u32)>,
    weights: Vec<(u8, f32)>,
    /// Whether words and pairs count (English and Hebrew).
    use_words: bool,
    /// `check` lines: text and the fitted probabilities (by label index).
    checks: Vec<(String, Vec<(usize, f32)>)>,
    /// A number no other model of this process has (from 1), naming the
    /// owner of the per-thread word memo.
    id: u64,
}

/// The last [`FittedModel::id`] given.
static LAST_ID: AtomicU64 = AtomicU64::new(0);

/// Per-thread buffers of the model's prediction.
#[derive(Debug, Default)]
struct Buffers {
    /// (feature, word index) of every occurrence, sorted.
    occ: Vec<(u32, u32)>,
    /// Words' spans.
    spans: Vec<Span>,
    padded: String,
    bounds: Vec<usize>,
    word: String,
    pair: String,
    /// (feature, tf-idf / norm) of the features present.
    feats: Vec<(u32, f32)>,
    ids: Vec<u32>,
    /// Words seen with the model whose `id` is `owner`: their features.
    memo: HashMap<Box<str>, WordFeatures, FxBuild>,
    owner: u64,
}

thread_local! {
    static BUFFERS: RefCell<Buffers> = RefCell::new(Buffers::default());
}

impl FittedModel {
    /// Parses a model file; `None` when a line is malformed or a feature
    /// repeats.
    pub(crate) fn parse(src: &str) -> Option<FittedModel> {
        let mut m = FittedModel {
            id: LAST_ID.fetch_add(1, Ordering::Relaxed) + 1,
            ..FittedModel::default()
        };
        let mut keys: Vec<(u8, &str)> = Vec::new();
        for line in src.lines() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut f = line.split('\t');
            let (key, a, b) = (f.next()?, f.next()?, f.next());
            match key {
                "bias" => {
                    for (c, w) in pairs_of(a)? {
                        m.bias[c as usize] = Some(w);
                    }
                }
                "check" => m.checks.push((
                    a.to_string(),
                    pairs_of(b?)?.map(|(c, p)| (usize::from(c), p)).collect(),
                )),
                _ => {
                    let (kind, text) = key.split_once(':')?;
                    let kind = match kind {
                        "c" => CHAR,
                        "w" => WORD,
                        "b" => PAIR,
                        _ => return None,
                    };
                    m.use_words |= kind != CHAR;
                    keys.push((kind, text));
                    m.idf.push(a.parse().ok()?);
                    let start = u32::try_from(m.weights.len()).ok()?;
                    m.weights.extend(pairs_of(b.unwrap_or(""))?);
                    m.ranges.push((start, u32::try_from(m.weights.len()).ok()?));
                }
            }
        }
        m.table = FeatureTable::build(&keys)?;
        Some(m)
    }

    /// The probability of each label (categories, then intents) for `text`
    /// (0 for a label the model does not know), and for each the span of
    /// the word that added most to it.
    #[cfg(test)]
    pub(crate) fn predict(&self, text: &str) -> ([f32; N], [Option<Span>; N]) {
        self.predict_wanted(text, |_| true)
    }

    /// The probability of each label for `text`, and the word that added
    /// most to it for the labels at or above [`CUT`] that `wanted` accepts
    /// (the others: `None`).
    fn predict_wanted(
        &self,
        text: &str,
        wanted: impl Fn(usize) -> bool,
    ) -> ([f32; N], [Option<Span>; N]) {
        BUFFERS.with(|cell| match cell.try_borrow_mut() {
            Ok(mut b) => self.predict_with(text, &wanted, &mut b),
            Err(_) => self.predict_with(text, &wanted, &mut Buffers::default()),
        })
    }

    fn predict_with(
        &self,
        text: &str,
        wanted: &dyn Fn(usize) -> bool,
        b: &mut Buffers,
    ) -> ([f32; N], [Option<Span>; N]) {
        let mut probs = [0.0f32; N];
        let mut best = [None; N];
        if self.idf.is_empty() {
            return (probs, best);
        }
        self.occurrences(text, b);
        // Term frequencies (sublinear: 1 + ln tf) times idf, L2-normalised.
        b.feats.clear();
        for group in b.occ.chunk_by(|x, y| x.0 == y.0) {
            let j = group[0].0;
            let tf = group.len() as f32;
            b.feats.push((j, (1.0 + tf.ln()) * self.idf[j as usize]));
        }
        let norm = b.feats.iter().map(|(_, x)| x * x).sum::<f32>().sqrt();
        if norm <= 0.0 || !norm.is_finite() {
            return (probs, best);
        }
        let mut z = [0.0f32; N];
        for &(j, x) in &b.feats {
            let (lo, hi) = self.ranges[j as usize];
            for &(c, w) in &self.weights[lo as usize..hi as usize] {
                z[usize::from(c)] += x / norm * w;
            }
        }
        for c in 0..N {
            if let Some(bias) = self.bias[c] {
                probs[c] = 1.0 / (1.0 + (-(z[c] + bias)).exp());
                if probs[c] >= CUT && wanted(c) {
                    best[c] = self.best_word(c, norm, b);
                }
            }
        }
        (probs, best)
    }

    /// The span of the word that added most to label `c` (a feature's part
    /// shared equally among the words it occurs in; a pair counts for its
    /// first word).
    fn best_word(&self, c: usize, norm: f32, b: &Buffers) -> Option<Span> {
        let mut per_word = vec![0.0f32; b.spans.len()];
        let mut i = 0;
        for &(j, x) in &b.feats {
            let first = i;
            while i < b.occ.len() && b.occ[i].0 == j {
                i += 1;
            }
            let (lo, hi) = self.ranges[j as usize];
            let Some(&(_, w)) = self.weights[lo as usize..hi as usize]
                .iter()
                .find(|&&(l, _)| usize::from(l) == c)
            else {
                continue;
            };
            let words = &b.occ[first..i];
            let share = x / norm * w / words.len().max(1) as f32;
            for &(_, wi) in words {
                per_word[wi as usize] += share;
            }
        }
        per_word
            .iter()
            .enumerate()
            .filter(|(_, v)| **v > 0.0)
            .max_by(|x, y| x.1.total_cmp(y.1))
            .and_then(|(wi, _)| b.spans.get(wi).copied())
    }

    /// Fills `b.occ` with (feature, word index) for every feature
    /// occurrence in `text`, sorted, and `b.spans` with the words' spans.
    /// A word's own features (its character n-grams and the word) are
    /// remembered per thread, so a frequent word is looked up once.
    fn occurrences(&self, text: &str, b: &mut Buffers) {
        b.occ.clear();
        b.spans.clear();
        b.word.clear();
        if b.owner != self.id {
            b.memo.clear();
            b.owner = self.id;
        }
        let mut prev_word: Option<u32> = None;
        for (start, word) in words_of(text) {
            let wi = b.spans.len() as u32;
            b.spans.push(Span::new(start, start + word.len()));
            let stripped = match b.memo.get(word) {
                Some(f) => {
                    b.occ.extend(f.ids.iter().map(|&j| (j, wi)));
                    f.stripped.as_deref()
                }
                None => {
                    b.ids.clear();
                    let stripped =
                        self.word_features(word, &mut b.padded, &mut b.bounds, &mut b.ids);
                    b.occ.extend(b.ids.iter().map(|&j| (j, wi)));
                    if word.len() > MEMO_WORD_BYTES {
                        stripped.and_then(|r| b.padded.get(r))
                    } else {
                        if b.memo.len() >= MEMO_WORDS {
                            b.memo.clear();
                        }
                        let f = WordFeatures {
                            ids: b.ids.as_slice().into(),
                            stripped: stripped.and_then(|r| b.padded.get(r)).map(Into::into),
                        };
                        b.memo.entry(word.into()).or_insert(f).stripped.as_deref()
                    }
                }
            };
            let Some(stripped) = stripped else {
                continue;
            };
            if let Some(pw) = prev_word {
                b.pair.clear();
                b.pair.push_str(&b.word);
                b.pair.push(' ');
                b.pair.push_str(stripped);
                if let Some(j) = self.table.get(PAIR, &b.pair) {
                    // A pair stands for its first word in the reasons.
                    b.occ.push((j, pw));
                }
            }
            b.word.clear();
            b.word.push_str(stripped);
            prev_word = Some(wi);
        }
        b.occ.sort_unstable();
    }

    /// Pushes to `ids` the features of `word` alone: its character 2- to
    /// 5-grams (lower-cased, padded with a space on each side) and, for a
    /// model with words, the word itself; returns the byte range in
    /// `padded` of its lookup form for words and pairs (lower-cased, ASCII
    /// punctuation stripped from both ends; `None`: no words in this model,
    /// or shorter than two characters).
    fn word_features(
        &self,
        word: &str,
        padded: &mut String,
        bounds: &mut Vec<usize>,
        ids: &mut Vec<u32>,
    ) -> Option<std::ops::Range<usize>> {
        padded.clear();
        padded.push(' ');
        if word.is_ascii() {
            padded.extend(word.bytes().map(|c| char::from(c.to_ascii_lowercase())));
        } else {
            for c in word.chars() {
                padded.extend(c.to_lowercase());
            }
        }
        padded.push(' ');
        bounds.clear();
        bounds.extend(padded.char_indices().map(|(i, _)| i));
        bounds.push(padded.len());
        let len = bounds.len() - 1;
        for n in 2..=5 {
            if len < n {
                break;
            }
            for i in 0..=len - n {
                if let Some(j) = padded
                    .get(bounds[i]..bounds[i + n])
                    .and_then(|g| self.table.get(CHAR, g))
                {
                    ids.push(j);
                }
            }
        }
        if !self.use_words {
            return None;
        }
        let lower = padded.get(1..padded.len() - 1)?;
        let stripped = lower.trim_start_matches(|c: char| c.is_ascii_punctuation());
        let from = 1 + lower.len() - stripped.len();
        let stripped = stripped.trim_end_matches(|c: char| c.is_ascii_punctuation());
        stripped.chars().nth(1)?;
        if let Some(j) = self.table.get(WORD, stripped) {
            ids.push(j);
        }
        Some(from..from + stripped.len())
    }
}

/// Most words [`Buffers::memo`] keeps (then it starts again).
const MEMO_WORDS: usize = 8192;

/// Longest word (bytes) [`Buffers::memo`] keeps: a long word (a Thai
/// phrase between spaces, a link) rarely repeats.
const MEMO_WORD_BYTES: usize = 32;

/// A word's own features, remembered.
#[derive(Debug)]
struct WordFeatures {
    ids: Box<[u32]>,
    /// Its lookup form for words and pairs, if it has one.
    stripped: Option<Box<str>>,
}

/// `label:value` pairs separated by spaces (label: a category or intent
/// name), as (label index, value).
fn pairs_of(s: &str) -> Option<impl Iterator<Item = (u8, f32)> + '_> {
    let mut out = Vec::new();
    for p in s.split(' ').filter(|p| !p.is_empty()) {
        let (c, v) = p.split_once(':')?;
        let idx = u8::try_from(Label::index_of(c)?).ok()?;
        out.push((idx, v.parse().ok()?));
    }
    Some(out.into_iter())
}

/// The whitespace-separated words of `text` with their byte offsets (as
/// Python's `str.split()`, whose whitespace also takes U+001C–U+001F).
fn words_of(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let is_space = |c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c);
    let mut rest = 0;
    std::iter::from_fn(move || {
        let s = text.get(rest..)?;
        let start = rest + s.find(|c: char| !is_space(c))?;
        let tail = &text[start..];
        let len = tail.find(is_space).unwrap_or(tail.len());
        rest = start + len;
        Some((start, &text[start..start + len]))
    })
}

const EN: &str = include_str!("../../data/category_model/en.tsv");
const HE: &str = include_str!("../../data/category_model/he.tsv");
const TH: &str = include_str!("../../data/category_model/th.tsv");

static MODELS: [LazyLock<FittedModel>; 3] = [
    LazyLock::new(|| FittedModel::parse(EN).unwrap_or_default()),
    LazyLock::new(|| FittedModel::parse(HE).unwrap_or_default()),
    LazyLock::new(|| FittedModel::parse(TH).unwrap_or_default()),
];

/// The embedded model of `lang`, if any.
pub(crate) fn embedded(lang: Lang) -> Option<&'static FittedModel> {
    match lang {
        Lang::English => Some(&MODELS[0]),
        Lang::Hebrew => Some(&MODELS[1]),
        Lang::Thai => Some(&MODELS[2]),
        Lang::Unknown => None,
    }
}

/// Adds the model's categories and intents at or above [`CUT`] that no
/// cue found, with a reason each (span: the word that added most).
pub(crate) fn add_labels(
    model: &FittedModel,
    text: &str,
    categories: &mut Vec<Hit<Category>>,
    intents: &mut Vec<Hit<Intent>>,
    reasons: &mut Vec<Reason>,
) {
    let absent = |i: usize| match Label::at(i) {
        Some(Label::Category(c)) => !categories.iter().any(|h| h.what == c),
        Some(Label::Intent(t)) => !intents.iter().any(|h| h.what == t),
        None => false,
    };
    let (probs, best) = model.predict_wanted(text, absent);
    for (i, &p) in probs.iter().enumerate() {
        if p < CUT {
            continue;
        }
        let span = best[i].unwrap_or(Span::new(0, 0));
        let describe = match Label::at(i) {
            Some(Label::Category(what)) if !categories.iter().any(|h| h.what == what) => {
                categories.push(Hit {
                    what,
                    span,
                    weight: p,
                });
                what.describe()
            }
            Some(Label::Intent(what)) if !intents.iter().any(|h| h.what == what) => {
                intents.push(Hit {
                    what,
                    span,
                    weight: p,
                });
                what.describe()
            }
            _ => continue,
        };
        let word = text.get(span.range()).unwrap_or("");
        reasons.push(Reason {
            text: format!("{describe} (fitted model, p {p:.2}): \"{word}\"").into(),
            span: best[i],
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_models_repeat_the_fitting_tool() {
        for lang in [Lang::English, Lang::Hebrew, Lang::Thai] {
            let m = embedded(lang).unwrap();
            assert!(m.idf.len() > 1000, "{lang:?} model parsed");
            assert!(!m.checks.is_empty());
            for (text, want) in &m.checks {
                let (probs, _) = m.predict(text);
                for &(c, p) in want {
                    let got = probs[c];
                    let label = Label::at(c);
                    assert!(
                        (got - p).abs() < 2e-3,
                        "{lang:?} {text} {label:?}: {got} vs {p}"
                    );
                }
            }
        }
    }

    #[test]
    fn features_follow_the_tool() {
        let src = "bias\twaiting:-1\n\
                   c: la\t1\twaiting:2\n\
                   w:late\t1\twaiting:1\n\
                   b:so late\t1\twaiting:1\n";
        let m = FittedModel::parse(src).unwrap();
        let (p, best) = m.predict("So LATE!!");
        // c:" la" once, w:late (punctuation stripped), b:"so late": each
        // 1 * idf 1, norm sqrt(3).
        let z = (2.0 + 1.0 + 1.0) / 3f32.sqrt() - 1.0;
        assert!((p[0] - 1.0 / (1.0 + (-z).exp())).abs() < 1e-6, "{}", p[0]);
        assert_eq!(best[0], Some(Span::new(3, 9)));
        assert_eq!(p[1], 0.0, "a category without a bias is not modelled");
        // Nothing known: probabilities stay 0.
        assert_eq!(m.predict("nothing here").0, [0.0; N]);
        assert_eq!(m.predict("").0, [0.0; N]);
    }

    #[test]
    fn intents_are_added_with_a_reason_and_cue_hits_kept() {
        let src = "bias\tchurn:-1 legal:-1 waiting:-1\n\
                   w:switching\t1\tchurn:4\n\
                   w:lawyer\t1\tlegal:4 waiting:4\n";
        let m = FittedModel::parse(src).unwrap();
        let text = "switching, lawyer";
        let cue = Hit {
            what: Intent::Legal,
            span: Span::new(11, 17),
            weight: 0.9,
        };
        let (mut cats, mut ints, mut reasons) = (Vec::new(), vec![cue], Vec::new());
        add_labels(&m, text, &mut cats, &mut ints, &mut reasons);
        // Legal was found by a cue: kept as it was, not added twice.
        assert_eq!(ints.len(), 2);
        assert_eq!(ints[0], cue);
        assert_eq!(ints[1].what, Intent::Churn);
        assert_eq!(ints[1].span, Span::new(0, 10));
        assert!(ints[1].weight >= CUT && ints[1].weight < 1.0);
        assert_eq!(cats.len(), 1);
        assert_eq!(cats[0].what, Category::Waiting);
        assert_eq!(reasons.len(), 2);
        assert!(reasons
            .iter()
            .any(|r| r.text.contains("churn threat (fitted model")));
    }

    #[test]
    fn the_word_memo_changes_nothing() {
        let texts: [&'static str; 4] = [
            "Refund refund REFUND, still waiting on my refund!!",
            "The courier lost my parcel and support never answered",
            "waiting, waiting... refund",
            "",
        ];
        for lang in [Lang::English, Lang::Hebrew, Lang::Thai] {
            let m = embedded(lang).unwrap();
            // Each text on a thread of its own (empty memo), then all on one
            // thread in both orders (memo warm, other models in between).
            let cold: Vec<_> = texts
                .iter()
                .map(|&t| std::thread::spawn(move || m.predict(t)).join().unwrap())
                .collect();
            let warm: Vec<_> = texts.iter().map(|t| m.predict(t)).collect();
            let _ = embedded(Lang::Thai).unwrap().predict(texts[0]);
            let back: Vec<_> = texts.iter().rev().map(|t| m.predict(t)).collect();
            for (i, c) in cold.iter().enumerate() {
                assert_eq!(c, &warm[i], "{lang:?} {}", texts[i]);
                assert_eq!(c, &back[texts.len() - 1 - i], "{lang:?} {}", texts[i]);
            }
        }
    }

    #[test]
    fn bad_files_are_refused() {
        for bad in [
            "bias\tnope:1\n",
            "c:ab\t1\tchurn:1 nope:2\n",
            "x:feature\t1\twaiting:1\n",
            "c:ab\tone\twaiting:1\n",
            "c:ab\t1\twaiting:1\nc:ab\t1\twaiting:2\n",
        ] {
            assert!(FittedModel::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn words_split_like_python() {
        let w: Vec<_> = words_of("  a\u{1f}bc\u{a0}d ").collect();
        assert_eq!(w, [(2, "a"), (4, "bc"), (8, "d")]);
    }
}
