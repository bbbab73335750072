//! Hebrew word handling: normalisation and proclitic prefixes.
//!
//! Hebrew writes the one-letter words ו (and), ה (the), ב (in), כ (as),
//! ל (to), מ (from) and ש (that) glued to the next word, and chains them:
//! `וכשהבית` is ו + כש + ה + בית. [`HebrewAnalyzer::prefix_len`] finds that
//! prefix, so that lexicons can be looked up by the bare word.
//!
//! # The model
//!
//! The table `data/hebrew/prefixes.tsv` (derived by
//! `tools/hebrew_words/derive.py` from a morpheme-segmented, MIT-licensed
//! corpus of Hebrew social-media comments) lists, for each surface word seen
//! there, how often it was split into which prefix. From it the analyser
//! takes the following; they are compiled once, by `cargo run --release
//! --example hebrew_table`, into the embedded `data/hebrew/prefixes.bin`,
//! which first use only decodes:
//!
//! - for a word seen in the corpus, its most frequent analysis;
//! - the frequency of every bare word (the remainder after the prefix);
//! - the prior of every prefix chain (`""`, `ה`, `וה`, `שב`, ...);
//! - a letter 4-gram model of bare words, the back-off for unseen words.
//!
//! An unseen word `w` is split as `p + r` maximising
//! `P(p) · (count(r) + λ·P_letters(r))` over the grammatical chains `p`
//! (including the empty one), where `r` keeps at least two letters. The chain
//! grammar is `[ו] [ש|כש|לכש|מש] [ב|כ|ל|מ] [ה]`, with `ה` not written after
//! ב, כ and ל (`בבית` is ב + (ה) + בית). Lookups fold final letters
//! (ך ם ן ף ץ) into a stack buffer, so `prefix_len` does not allocate.
//!
//! Conventions follow the Hebrew UD treebanks: a preposition with a pronoun
//! suffix (`לו`, `בה`, `להם`) is one word.
//!
//! ```
//! use backlash::tokenize::hebrew::{normalize, HebrewAnalyzer};
//! let he = HebrewAnalyzer::new();
//! assert_eq!(he.prefix_len("והבית"), "וה".len());
//! assert_eq!(he.prefix_len("בית"), 0);
//! let (norm, _) = normalize("שָׁלוֹם");
//! assert_eq!(norm, "שלום");
//! ```

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::TokenFlags;

/// The prefix table `data/hebrew/prefixes.tsv`: `surface<TAB>prefix<TAB>count`,
/// prefix `-` for none. Not embedded: the library embeds the table it
/// compiles to (below); the test that checks that file reads this one.
#[cfg(test)]
static PREFIX_TABLE: &str = include_str!("../../data/hebrew/prefixes.tsv");

/// Hand-written words that are never split (function words, inflected
/// prepositions, common words that begin with a prefix letter):
/// `data/hebrew/whole_words.txt`, compiled into the table below.
#[cfg(test)]
static WHOLE_WORDS: &str = include_str!("../../data/hebrew/whole_words.txt");

/// `data/hebrew/prefixes.bin`: the analyser's tables compiled from the two
/// files above by [`compile_prefix_table`] (`cargo run --release --example
/// hebrew_table`), so first use decodes them instead of counting and
/// training. A unit test checks that it is what the text files compile to.
static PREFIX_BIN: &[u8] = include_bytes!("../../data/hebrew/prefixes.bin");

/// Weight of the letter model for unseen remainders (tuned on a held-out
/// tenth of the source corpus; the result is insensitive to it over 0.1–100).
const LAMBDA: f64 = 1.0;
/// Added to every chain count, so that grammatical chains never seen in the
/// corpus stay possible.
const CHAIN_SMOOTHING: f64 = 0.1;
/// Count given to user words and hand-written whole words.
const USER_COUNT: u32 = 1000;
/// The longest word (in bytes) the analyser looks at; longer ones get no prefix.
const MAX_WORD_BYTES: usize = 128;
/// The longest prefix chain, in letters (`לכשה` is not a chain; `וכשה` is).
const MAX_PREFIX_LETTERS: usize = 4;

type FastMap<K, V> = HashMap<K, V, crate::hash::FxBuild>;

/// What the lexicon knows of one final-folded word.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Entry {
    /// How often the word was seen as a surface form.
    seen: u32,
    /// Byte length of its most frequent prefix as a surface form.
    best_prefix: u8,
    /// How often it was seen as a bare word (after its prefix was removed).
    bare: u32,
    /// Hand-written whole word: never split.
    whole: bool,
}

/// Letter classes of the letter model: 0 word boundary, 1..=27 the letters
/// U+05D0..=U+05EA, 28 anything else.
const CLASSES: u32 = 29;
/// Order of the letter n-gram model (a 4-gram did best on held-out words
/// of the source corpus: 0.898 of unseen words right, against 0.874 for
/// letter bigrams).
const ORDER: usize = 4;
/// Interpolation constant: an n-gram context seen `c` times gets weight
/// `c / (c + NGRAM_K)`, the rest goes to the shorter context.
const NGRAM_K: f64 = 5.0;

#[inline]
fn class(c: char) -> u32 {
    match c {
        '\u{05D0}'..='\u{05EA}' => (c as u32 - 0x05D0) + 1,
        _ => CLASSES - 1,
    }
}

/// Packs an n-gram (context classes, newest last) into a key.
#[inline]
fn ngram_key(ctx: &[u32]) -> u32 {
    let mut k = ctx.len() as u32;
    for &c in ctx {
        k = (k << 5) | c;
    }
    k
}

/// An interpolated letter n-gram model of bare words (types), compiled to
/// log-probability tables: one lookup per letter.
struct Letters {
    /// `ln P(x | c1 c2)` interpolated down to unigrams, for every
    /// two-class context: index `(c1 * CLASSES + c2) * CLASSES + x`.
    low: Vec<f32>,
    /// `ln P(x | c1 c2 c3)` for the three-class contexts seen in training.
    high: FastMap<u32, [f32; CLASSES as usize]>,
}

impl Letters {
    fn train<'w>(words: impl Iterator<Item = &'w str>) -> Letters {
        const K: usize = CLASSES as usize;
        // counts of n-grams by order; the contexts of orders 1-3 are dense,
        // those of order 4 (three classes) sparse
        let mut uni = [0u32; K];
        let mut bi = vec![[0u32; K]; K];
        let mut tri = vec![[0u32; K]; K * K];
        // Order-4 counts in a dense array by context (no hashing per
        // letter), with the contexts seen listed in first-seen order.
        let mut quad = vec![[0u32; K]; K * K * K];
        let mut seen: Vec<(u32, usize)> = Vec::new();
        for w in words {
            let mut h = [0usize; ORDER - 1];
            for x in w.chars().map(class).chain(std::iter::once(0)) {
                let x = x as usize;
                uni[x] += 1;
                bi[h[2]][x] += 1;
                tri[h[1] * K + h[2]][x] += 1;
                let at = (h[0] * K + h[1]) * K + h[2];
                if let Some(row) = quad.get_mut(at) {
                    if row.iter().all(|&c| c == 0) {
                        let key = ngram_key(&[h[0] as u32, h[1] as u32, h[2] as u32]);
                        seen.push((key, at));
                    }
                    row[x] += 1;
                }
                h = [h[1], h[2], x];
            }
        }
        // one interpolation step: counts of a context row (summing to
        // `total`) over the lower order
        let mix = |row: &[u32; K], total: u32, x: usize, lower: f64| -> f64 {
            if total == 0 {
                return lower;
            }
            let c = f64::from(total);
            let l = c / (c + NGRAM_K);
            l * f64::from(row[x]) / c + (1.0 - l) * lower
        };
        let sum = |row: &[u32; K]| -> u32 { row.iter().sum() };
        let uniform = 1.0 / CLASSES as f64;
        let uni_total = sum(&uni);
        let p1: Vec<f64> = (0..K).map(|x| mix(&uni, uni_total, x, uniform)).collect();
        let bi_totals: Vec<u32> = bi.iter().map(sum).collect();
        let mut low_p = vec![0f64; K * K * K];
        for h1 in 0..K {
            for h2 in 0..K {
                let tri_row = &tri[h1 * K + h2];
                let tri_total = sum(tri_row);
                for x in 0..K {
                    let p2 = mix(&bi[h2], bi_totals[h2], x, p1[x]);
                    low_p[(h1 * K + h2) * K + x] = mix(tri_row, tri_total, x, p2);
                }
            }
        }
        let mut high: FastMap<u32, [f32; K]> = FastMap::default();
        high.reserve(seen.len());
        high.extend(seen.iter().map(|&(key, at)| {
            let (h1, h2) = (((key >> 5) & 31) as usize, (key & 31) as usize);
            let row = quad.get(at).copied().unwrap_or([0; K]);
            let total = sum(&row);
            let mut out = [0f32; K];
            for (x, o) in out.iter_mut().enumerate() {
                *o = mix(&row, total, x, low_p[(h1 * K + h2) * K + x]).ln() as f32;
            }
            (key, out)
        }));
        let low = low_p.iter().map(|p| p.ln() as f32).collect();
        Letters { low, high }
    }

    /// `ln P(w)` including the end of the word.
    fn log_prob(&self, w: &str) -> f64 {
        let k = CLASSES as usize;
        let mut hist = [0u32; ORDER - 1];
        let mut lp = 0.0f64;
        for x in w.chars().map(class).chain(std::iter::once(0)) {
            let lx = match self.high.get(&ngram_key(&hist)) {
                Some(row) => row[x as usize],
                None => self.low[((hist[1] as usize * k) + hist[2] as usize) * k + x as usize],
            };
            lp += f64::from(lx);
            hist.copy_within(1.., 0);
            hist[ORDER - 2] = x;
        }
        lp
    }
}

struct Lexicon {
    words: FastMap<Box<str>, Entry>,
    /// Prefix chains with their log prior.
    chains: Vec<(Box<str>, f64)>,
    /// Log prior of an unseen grammatical chain.
    unseen_chain: f64,
    /// Letter model of bare words, the back-off for unseen ones.
    letters: Letters,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    // The embedded table is checked by a unit test; were it unreadable,
    // prefixes would be found by the chain grammar and an empty word list.
    Lexicon::decode(PREFIX_BIN).unwrap_or_else(Lexicon::empty)
});

/// The format of `prefixes.bin` (first bytes, then a version).
const BIN_MAGIC: &[u8; 4] = b"BLHP";
const BIN_VERSION: u32 = 1;

/// Compiles the prefix table and the whole-word list (the texts of
/// `data/hebrew/prefixes.tsv` and `data/hebrew/whole_words.txt`) into the
/// bytes of `data/hebrew/prefixes.bin`; for `examples/hebrew_table.rs`.
#[doc(hidden)]
pub fn compile_prefix_table(prefix_table: &str, whole_words: &str) -> Vec<u8> {
    Lexicon::from_text(prefix_table, whole_words).encode()
}

/// Appends `v` as LEB128.
fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// A bounds-checked reader over the compiled table.
struct Reader<'a> {
    b: &'a [u8],
}

impl<'a> Reader<'a> {
    fn bytes(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.b.len() {
            return None;
        }
        let (head, tail) = self.b.split_at(n);
        self.b = tail;
        Some(head)
    }

    fn u8(&mut self) -> Option<u8> {
        let (&x, tail) = self.b.split_first()?;
        self.b = tail;
        Some(x)
    }

    fn u32(&mut self) -> Option<u32> {
        let b = self.bytes(4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn f32(&mut self) -> Option<f32> {
        self.u32().map(f32::from_bits)
    }

    fn f64(&mut self) -> Option<f64> {
        let b = self.bytes(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Some(f64::from_bits(u64::from_le_bytes(a)))
    }

    fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let x = self.u8()?;
            v |= u64::from(x & 0x7f) << shift;
            if x < 0x80 {
                return Some(v);
            }
        }
        None
    }

    fn len(&mut self) -> Option<usize> {
        usize::try_from(self.varint()?).ok()
    }

    fn u32_varint(&mut self) -> Option<u32> {
        u32::try_from(self.varint()?).ok()
    }
}

impl Lexicon {
    /// No words, no chain counts: every grammatical chain equally likely.
    fn empty() -> Lexicon {
        Lexicon::from_text("", "")
    }

    /// The tables as bytes (see [`Lexicon::decode`]): words sorted, each
    /// key stored as the bytes it does not share with the previous one.
    fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(BIN_MAGIC);
        out.extend_from_slice(&BIN_VERSION.to_le_bytes());
        let mut words: Vec<(&str, &Entry)> =
            self.words.iter().map(|(k, e)| (k.as_ref(), e)).collect();
        words.sort_unstable_by(|a, b| a.0.cmp(b.0));
        put_varint(&mut out, words.len() as u64);
        let mut prev: &[u8] = &[];
        for (k, e) in words {
            let k = k.as_bytes();
            let shared = prev.iter().zip(k).take_while(|(a, b)| a == b).count();
            put_varint(&mut out, shared as u64);
            put_varint(&mut out, (k.len() - shared) as u64);
            out.extend_from_slice(&k[shared..]);
            put_varint(&mut out, u64::from(e.seen));
            out.push(e.best_prefix);
            put_varint(&mut out, u64::from(e.bare));
            out.push(u8::from(e.whole));
            prev = k;
        }
        put_varint(&mut out, self.chains.len() as u64);
        for (p, lp) in &self.chains {
            put_varint(&mut out, p.len() as u64);
            out.extend_from_slice(p.as_bytes());
            out.extend_from_slice(&lp.to_bits().to_le_bytes());
        }
        out.extend_from_slice(&self.unseen_chain.to_bits().to_le_bytes());
        put_varint(&mut out, self.letters.low.len() as u64);
        for x in &self.letters.low {
            out.extend_from_slice(&x.to_bits().to_le_bytes());
        }
        let mut high: Vec<(&u32, &[f32; CLASSES as usize])> = self.letters.high.iter().collect();
        high.sort_unstable_by_key(|(k, _)| **k);
        put_varint(&mut out, high.len() as u64);
        for (k, row) in high {
            out.extend_from_slice(&k.to_le_bytes());
            for x in row {
                out.extend_from_slice(&x.to_bits().to_le_bytes());
            }
        }
        out
    }

    /// Reads [`Lexicon::encode`]'s bytes; `None` when they are not a table
    /// of this version or are cut short.
    fn decode(bytes: &[u8]) -> Option<Lexicon> {
        let mut r = Reader { b: bytes };
        if r.bytes(4)? != BIN_MAGIC || r.u32()? != BIN_VERSION {
            return None;
        }
        let n = r.len()?;
        let mut words: FastMap<Box<str>, Entry> = FastMap::default();
        words.reserve(n.min(bytes.len()));
        let mut key: Vec<u8> = Vec::new();
        for _ in 0..n {
            let shared = r.len()?;
            let more = r.len()?;
            key.truncate(shared);
            if key.len() != shared {
                return None;
            }
            key.extend_from_slice(r.bytes(more)?);
            let e = Entry {
                seen: r.u32_varint()?,
                best_prefix: r.u8()?,
                bare: r.u32_varint()?,
                whole: r.u8()? != 0,
            };
            words.insert(std::str::from_utf8(&key).ok()?.into(), e);
        }
        let n = r.len()?;
        let mut chains = Vec::with_capacity(n.min(64));
        for _ in 0..n {
            let len = r.len()?;
            let p = std::str::from_utf8(r.bytes(len)?).ok()?;
            chains.push((p.into(), r.f64()?));
        }
        let unseen_chain = r.f64()?;
        let n = r.len()?;
        if n != (CLASSES as usize).pow(3) {
            return None;
        }
        let low = (0..n).map(|_| r.f32()).collect::<Option<Vec<f32>>>()?;
        let n = r.len()?;
        let mut high: FastMap<u32, [f32; CLASSES as usize]> = FastMap::default();
        high.reserve(n.min(bytes.len()));
        for _ in 0..n {
            let k = r.u32()?;
            let mut row = [0f32; CLASSES as usize];
            for x in &mut row {
                *x = r.f32()?;
            }
            high.insert(k, row);
        }
        if !r.b.is_empty() {
            return None;
        }
        Some(Lexicon {
            words,
            chains,
            unseen_chain,
            letters: Letters { low, high },
        })
    }

    /// Counts the prefix table and trains the letter model: what
    /// `prefixes.bin` holds, compiled from the text files.
    fn from_text(prefix_table: &str, whole_words: &str) -> Lexicon {
        // Sized once for the table (each line adds at most one surface
        // word and one bare word), so the maps never grow while loading.
        let n_lines = prefix_table.bytes().filter(|&b| b == b'\n').count() + 1;
        let mut words: FastMap<Box<str>, Entry> = FastMap::default();
        words.reserve(n_lines);
        // per folded surface word: counts per prefix byte length (0..=8)
        let mut analyses: FastMap<Box<str>, [u32; 2 * MAX_PREFIX_LETTERS + 1]> = FastMap::default();
        analyses.reserve(n_lines);
        let mut chain_counts: FastMap<Box<str>, u64> = FastMap::default();
        let mut total: u64 = 0;
        // Folded forms are written into stack buffers (no allocation but
        // for a new key).
        let mut key_buf = [0u8; MAX_WORD_BYTES];
        let mut bare_buf = [0u8; MAX_WORD_BYTES];
        for line in prefix_table.lines() {
            let mut parts = line.split('\t');
            let (Some(word), Some(prefix), Some(count)) =
                (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            let Ok(count) = count.trim().parse::<u32>() else {
                continue;
            };
            let prefix = if prefix == "-" { "" } else { prefix };
            let Some(rest) = word.strip_prefix(prefix) else {
                continue;
            };
            if prefix.len() > 2 * MAX_PREFIX_LETTERS || (!prefix.is_empty() && !valid_chain(prefix))
            {
                continue;
            }
            let key = folded(word, &mut key_buf);
            let key: &str = &key;
            match analyses.get_mut(key) {
                Some(a) => a[prefix.len()] += count,
                None => {
                    let mut a = [0; 2 * MAX_PREFIX_LETTERS + 1];
                    a[prefix.len()] = count;
                    analyses.insert(key.into(), a);
                }
            }
            let bare = folded(rest, &mut bare_buf);
            let bare: &str = &bare;
            match words.get_mut(bare) {
                Some(e) => e.bare += count,
                None => {
                    let e = Entry {
                        bare: count,
                        ..Entry::default()
                    };
                    words.insert(bare.into(), e);
                }
            }
            match chain_counts.get_mut(prefix) {
                Some(c) => *c += u64::from(count),
                None => {
                    chain_counts.insert(prefix.into(), u64::from(count));
                }
            }
            total += u64::from(count);
        }
        words.reserve(analyses.len());
        for (key, counts) in analyses {
            let (best, _) = counts
                .iter()
                .enumerate()
                .fold(
                    (0usize, 0u32),
                    |acc, (len, &c)| if c > acc.1 { (len, c) } else { acc },
                );
            let e = words.entry(key).or_default();
            e.seen = counts.iter().sum();
            e.best_prefix = best as u8;
        }
        for w in whole_words.lines() {
            let w = w.split('#').next().unwrap_or("").trim();
            if w.is_empty() {
                continue;
            }
            let e = words.entry(fold_finals(w).as_ref().into()).or_default();
            e.whole = true;
            e.bare = e.bare.max(USER_COUNT);
        }
        let letters = Letters::train(
            words
                .iter()
                .filter(|(_, e)| e.bare > 0)
                .map(|(w, _)| w.as_ref()),
        );
        let total = total.max(1) as f64;
        let mut chains: Vec<(Box<str>, f64)> = chain_counts
            .into_iter()
            .map(|(p, c)| {
                let lp = ((c as f64 + CHAIN_SMOOTHING) / total).ln();
                (p, lp)
            })
            .collect();
        chains.sort_by(|a, b| a.0.cmp(&b.0));
        Lexicon {
            words,
            chains,
            unseen_chain: (CHAIN_SMOOTHING / total).ln(),
            letters,
        }
    }

    #[inline]
    fn get(&self, folded: &str) -> Option<&Entry> {
        self.words.get(folded)
    }

    fn chain_prior(&self, prefix: &str) -> f64 {
        match self
            .chains
            .binary_search_by(|(p, _)| p.as_ref().cmp(prefix))
        {
            Ok(i) => self.chains[i].1,
            Err(_) => self.unseen_chain,
        }
    }

    /// `ln P_letters(w)` under the letter model.
    fn letters(&self, w: &str) -> f64 {
        self.letters.log_prob(w)
    }
}

/// Whether `p` is a grammatical chain of proclitics:
/// `[ו] [ש|כש|לכש|מש] [ב|כ|ל|מ] [ה]`, ה not after ב, כ, ל; not empty.
pub fn valid_chain(p: &str) -> bool {
    let mut rest = p;
    if let Some(r) = rest.strip_prefix('ו') {
        rest = r;
    }
    for g in ["לכש", "כש", "מש", "ש"] {
        if let Some(r) = rest.strip_prefix(g) {
            rest = r;
            break;
        }
    }
    let mut prep = None;
    if let Some(c) = rest.chars().next() {
        if matches!(c, 'ב' | 'כ' | 'ל' | 'מ') {
            prep = Some(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    if matches!(prep, None | Some('מ')) {
        if let Some(r) = rest.strip_prefix('ה') {
            rest = r;
        }
    }
    rest.is_empty() && !p.is_empty()
}

/// Whether `c` can begin a proclitic prefix chain.
#[inline]
fn is_prefix_letter(c: char) -> bool {
    matches!(c, 'ו' | 'ה' | 'ב' | 'כ' | 'ל' | 'מ' | 'ש')
}

/// Copies `word` into `buf` with final letters folded; `None` when too long.
#[inline]
fn fold_into<'b>(word: &str, buf: &'b mut [u8; MAX_WORD_BYTES]) -> Option<&'b str> {
    let bytes = word.as_bytes();
    let out = buf.get_mut(..bytes.len())?;
    out.copy_from_slice(bytes);
    // Hebrew letters are D7 90..D7 AA in UTF-8; each final letter is one
    // below its medial form, in the same continuation byte.
    for i in 1..out.len() {
        if out[i - 1] == 0xD7 && matches!(out[i], 0x9A | 0x9D | 0x9F | 0xA3 | 0xA5) {
            out[i] += 1;
        }
    }
    std::str::from_utf8(out).ok()
}

/// `word` itself when it has no final letter, else [`fold_into`] `buf`.
#[inline]
fn fold_ref<'b>(word: &'b str, buf: &'b mut [u8; MAX_WORD_BYTES]) -> Option<&'b str> {
    let b = word.as_bytes();
    let has_final = b
        .windows(2)
        .any(|w| w[0] == 0xD7 && matches!(w[1], 0x9A | 0x9D | 0x9F | 0xA3 | 0xA5));
    if has_final {
        fold_into(word, buf)
    } else {
        Some(word)
    }
}

/// `word` with final letters folded: in `buf` when it fits, else owned.
fn folded<'b>(word: &'b str, buf: &'b mut [u8; MAX_WORD_BYTES]) -> Cow<'b, str> {
    match fold_ref(word, buf) {
        Some(k) => Cow::Borrowed(k),
        None => fold_finals(word),
    }
}

/// Finds proclitic prefixes (ו ה ב כ ל מ ש and their chains) of Hebrew words.
///
/// Cheap to build and clone: the embedded data is shared and parsed once.
#[derive(Debug, Clone, Default)]
pub struct HebrewAnalyzer {
    /// User words, final letters folded.
    user: HashSet<String>,
    /// Never split: [`prefix_len`](HebrewAnalyzer::prefix_len) is always
    /// 0 and the embedded word list is never loaded (for views of text
    /// that read only the whole normalised words).
    unsplit: bool,
}

impl HebrewAnalyzer {
    /// An analyser over the embedded word list.
    pub fn new() -> HebrewAnalyzer {
        HebrewAnalyzer::default()
    }

    /// An analyser that splits no prefix (and so never loads the word list).
    pub(crate) fn unsplit() -> HebrewAnalyzer {
        HebrewAnalyzer {
            unsplit: true,
            ..HebrewAnalyzer::default()
        }
    }

    /// Adds a known word (without prefixes): it is never split itself, and a
    /// prefix before it is recognised (`בזק` makes `לבזק` ל + בזק).
    pub fn add_word(&mut self, word: &str) {
        let (norm, _) = normalize(word);
        self.user.insert(fold_finals(&norm).into_owned());
    }

    /// Byte length of the proclitic prefix at the start of the normalised
    /// word `norm`, or 0 when the word has none. The rest of the word keeps
    /// at least two letters.
    ///
    /// ```
    /// use backlash::tokenize::hebrew::HebrewAnalyzer;
    /// let he = HebrewAnalyzer::new();
    /// let split = |w: &str| { let n = he.prefix_len(w); (w[..n].to_string(), w[n..].to_string()) };
    /// assert_eq!(split("בבית"), ("ב".into(), "בית".into()));
    /// assert_eq!(split("שלום"), ("".into(), "שלום".into()));
    /// ```
    pub fn prefix_len(&self, norm: &str) -> usize {
        self.analyse(norm).0
    }

    /// [`prefix_len`](HebrewAnalyzer::prefix_len), and whether the split
    /// is known rather than guessed: the word has no prefix letter in
    /// front, or it is a user or hand-written whole word, or the word list
    /// saw it as a surface form. A guessed split comes from the letter
    /// model, for words the list never saw.
    pub(crate) fn analyse(&self, norm: &str) -> (usize, bool) {
        if self.unsplit {
            return (0, false);
        }
        let (n, known) = self.raw_prefix_len(norm);
        // folding may have turned a final letter into a prefix letter
        match norm.get(..n) {
            Some(p) if p.chars().all(is_prefix_letter) => (n, known),
            _ => (0, known),
        }
    }

    fn raw_prefix_len(&self, norm: &str) -> (usize, bool) {
        let mut buf = [0u8; MAX_WORD_BYTES];
        let Some(folded) = fold_into(norm, &mut buf) else {
            return (0, false);
        };
        let first = folded.chars().next();
        if !first.is_some_and(is_prefix_letter) {
            return (0, true);
        }
        if !self.user.is_empty() && self.user.contains(folded) {
            return (0, true);
        }
        let lex = &*LEXICON;
        if let Some(e) = lex.get(folded) {
            if e.whole {
                return (0, true);
            }
            if e.seen > 0 {
                let n = usize::from(e.best_prefix);
                return if folded.is_char_boundary(n) && n < folded.len() {
                    (n, true)
                } else {
                    (0, true)
                };
            }
        }
        (self.best_split(lex, folded), false)
    }

    /// The most probable split of a word not seen as a surface form.
    fn best_split(&self, lex: &Lexicon, folded: &str) -> usize {
        let mut best = (f64::NEG_INFINITY, 0usize);
        for (letters, (i, _)) in folded.char_indices().enumerate() {
            if letters > MAX_PREFIX_LETTERS {
                break;
            }
            let (prefix, rest) = folded.split_at(i);
            // the remainder keeps at least two letters
            if rest.chars().filter(|c| c.is_alphabetic()).nth(1).is_none() {
                break;
            }
            if !prefix.is_empty() && !valid_chain(prefix) {
                if !prefix.chars().all(is_prefix_letter) {
                    break;
                }
                continue;
            }
            let bare = if !self.user.is_empty() && self.user.contains(rest) {
                USER_COUNT
            } else {
                lex.get(rest).map_or(0, |e| e.bare)
            };
            let score =
                lex.chain_prior(prefix) + (f64::from(bare) + LAMBDA * lex.letters(rest).exp()).ln();
            if score > best.0 {
                best = (score, i);
            }
        }
        best.1
    }
}

/// Final letters (ך ם ן ף ץ) folded to their medial forms (כ מ נ פ צ), the
/// key form for lookups. Borrows when there is nothing to fold.
///
/// ```
/// assert_eq!(backlash::tokenize::hebrew::fold_finals("שלום"), "שלומ");
/// ```
pub fn fold_finals(word: &str) -> Cow<'_, str> {
    if !word.chars().any(is_final) {
        return Cow::Borrowed(word);
    }
    Cow::Owned(word.chars().map(fold_final).collect())
}

#[inline]
fn is_final(c: char) -> bool {
    matches!(c, 'ך' | 'ם' | 'ן' | 'ף' | 'ץ')
}

/// Folds a Hebrew final letter (ך ם ן ף ץ) to its medial form (כ מ נ פ צ);
/// other characters are returned unchanged.
///
/// ```
/// assert_eq!(backlash::tokenize::hebrew::fold_final('ם'), 'מ');
/// assert_eq!(backlash::tokenize::hebrew::fold_final('א'), 'א');
/// ```
#[inline]
pub fn fold_final(c: char) -> char {
    match c {
        'ך' => 'כ',
        'ם' => 'מ',
        'ן' => 'נ',
        'ף' => 'פ',
        'ץ' => 'צ',
        c => c,
    }
}

/// What one input character becomes in the lookup form.
enum Fold {
    Keep,
    Drop,
    To(char),
    Two(char, char),
}

#[inline]
fn fold_char(c: char) -> Fold {
    match c {
        // maqaf, paseq, sof pasuq, nun hafukha are punctuation: kept
        '\u{05BE}' | '\u{05C0}' | '\u{05C3}' | '\u{05C6}' => Fold::Keep,
        '\u{0591}'..='\u{05C7}' => Fold::Drop,
        '\u{05F3}' | '\u{2019}' => Fold::To('\''),
        '\u{05F4}' => Fold::To('"'),
        '\u{FB1E}' => Fold::Drop,
        '\u{FB1D}'..='\u{FB4F}' => match presentation(c) {
            Some((a, None)) => Fold::To(a),
            Some((a, Some(b))) => Fold::Two(a, b),
            None => Fold::Keep,
        },
        _ => Fold::Keep,
    }
}

/// The plain letters of a Hebrew presentation form (U+FB1D–U+FB4F).
fn presentation(c: char) -> Option<(char, Option<char>)> {
    let l = match c {
        '\u{FB1D}' => 'י',
        '\u{FB1F}' => '\u{05F2}',
        '\u{FB20}' => 'ע',
        '\u{FB21}' | '\u{FB2E}' | '\u{FB2F}' | '\u{FB30}' => 'א',
        '\u{FB22}' | '\u{FB33}' => 'ד',
        '\u{FB23}' | '\u{FB34}' => 'ה',
        '\u{FB24}' | '\u{FB3B}' | '\u{FB4D}' => 'כ',
        '\u{FB25}' | '\u{FB3C}' => 'ל',
        '\u{FB26}' => 'ם',
        '\u{FB27}' | '\u{FB48}' => 'ר',
        '\u{FB28}' | '\u{FB4A}' => 'ת',
        '\u{FB29}' => '+',
        '\u{FB2A}'..='\u{FB2D}' | '\u{FB49}' => 'ש',
        '\u{FB31}' | '\u{FB4C}' => 'ב',
        '\u{FB32}' => 'ג',
        '\u{FB35}' | '\u{FB4B}' => 'ו',
        '\u{FB36}' => 'ז',
        '\u{FB38}' => 'ט',
        '\u{FB39}' => 'י',
        '\u{FB3A}' => 'ך',
        '\u{FB3E}' => 'מ',
        '\u{FB40}' => 'נ',
        '\u{FB41}' => 'ס',
        '\u{FB43}' => 'ף',
        '\u{FB44}' | '\u{FB4E}' => 'פ',
        '\u{FB46}' => 'צ',
        '\u{FB47}' => 'ק',
        '\u{FB4F}' => return Some(('א', Some('ל'))),
        _ => return None,
    };
    Some((l, None))
}

/// The lookup form of a Hebrew word: points and cantillation removed, geresh
/// and gershayim written as ASCII `'` and `"`, presentation forms written as
/// plain letters, and a letter drawn out three or more times squeezed
/// (`ממממש` → `ממש`, `טוווב` → `טוב`; flag [`TokenFlags::ELONGATED`]).
/// Borrows `word` when nothing changed.
///
/// A drawn-out letter is squeezed to two when that gives a known word or
/// the single-letter form does not, and to one otherwise. Laughter (`חחחח`)
/// is left as it is.
///
/// ```
/// use backlash::tokenize::hebrew::normalize;
/// use backlash::TokenFlags;
/// assert_eq!(normalize("צה״ל").0, "צה\"ל");
/// let (norm, flags) = normalize("ממממש");
/// assert_eq!(norm, "ממש");
/// assert!(flags.contains(TokenFlags::ELONGATED));
/// ```
pub fn normalize(word: &str) -> (Cow<'_, str>, TokenFlags) {
    let needs_fold = word.chars().any(|c| !matches!(fold_char(c), Fold::Keep));
    let folded: Cow<'_, str> = if needs_fold {
        let mut s = String::with_capacity(word.len());
        for c in word.chars() {
            match fold_char(c) {
                Fold::Keep => s.push(c),
                Fold::Drop => {}
                Fold::To(a) => s.push(a),
                Fold::Two(a, b) => {
                    s.push(a);
                    s.push(b);
                }
            }
        }
        Cow::Owned(s)
    } else {
        Cow::Borrowed(word)
    };
    if !super::english::has_run(&folded, 3) || is_laughter(&folded) {
        return (folded, TokenFlags::empty());
    }
    let two = squeeze(&folded, 2);
    let one = squeeze(&folded, 1);
    let known = |w: &str| {
        let mut buf = [0u8; MAX_WORD_BYTES];
        fold_into(w, &mut buf)
            .is_some_and(|k| LEXICON.get(k).is_some_and(|e| e.seen > 0 || e.bare > 0))
    };
    let norm = if known(&two) || !known(&one) {
        two
    } else {
        one
    };
    (Cow::Owned(norm), TokenFlags::ELONGATED)
}

/// Runs of three or more of a letter cut to `keep` letters; shorter runs kept.
fn squeeze(s: &str, keep: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let mut j = i;
        while j < chars.len() && chars[j] == c {
            j += 1;
        }
        let n = j - i;
        let n = if n >= 3 && c.is_alphabetic() { keep } else { n };
        for _ in 0..n {
            out.push(c);
        }
        i = j;
    }
    out
}

/// Whether a normalised Hebrew word is laughter (`חחח`, three or more ח).
pub fn is_laughter(norm: &str) -> bool {
    norm.chars().count() >= 3 && norm.chars().all(|c| c == 'ח')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prefix(w: &str) -> &str {
        let he = HebrewAnalyzer::new();
        let n = he.prefix_len(w);
        &w[..n]
    }

    #[test]
    fn guessed_splits_are_flagged() {
        let he = HebrewAnalyzer::new();
        // Known to the word list, or no prefix letter to split.
        assert_eq!(he.analyse("כבלי"), (0, true));
        assert_eq!(he.analyse("בתור"), (0, true));
        assert!(he.analyse("שלום").1);
        // Never seen: the letter model guesses.
        assert_eq!(he.analyse("לזגזגון"), ("ל".len(), false));
        let flagged = |text: &str| {
            crate::tokenize(text)
                .map(|t| t.flags.contains(crate::tokenize::TokenFlags::UNKNOWN_WORD))
                .collect::<Vec<_>>()
        };
        assert_eq!(flagged("כבלי לזגזגון"), [false, true]);
    }

    #[test]
    fn embedded_table_is_what_the_text_files_compile_to() {
        let built = Lexicon::from_text(PREFIX_TABLE, WHOLE_WORDS);
        assert!(
            built.encode() == PREFIX_BIN,
            "data/hebrew/prefixes.bin is stale: cargo run --release --example hebrew_table"
        );
        let d = Lexicon::decode(PREFIX_BIN).expect("the embedded table decodes");
        assert!(built.words.len() > 20_000);
        assert_eq!(d.words.len(), built.words.len());
        for (k, e) in &built.words {
            assert_eq!(d.words.get(k), Some(e), "{k}");
        }
        let chains = |l: &Lexicon| -> Vec<(String, u64)> {
            l.chains
                .iter()
                .map(|(p, lp)| (p.to_string(), lp.to_bits()))
                .collect()
        };
        assert_eq!(chains(&d), chains(&built));
        assert_eq!(d.unseen_chain.to_bits(), built.unseen_chain.to_bits());
        let bits = |v: &[f32]| -> Vec<u32> { v.iter().map(|x| x.to_bits()).collect() };
        assert_eq!(bits(&d.letters.low), bits(&built.letters.low));
        assert_eq!(d.letters.high.len(), built.letters.high.len());
        for (k, row) in &built.letters.high {
            let got = d.letters.high.get(k).map(|r| bits(r));
            assert_eq!(got, Some(bits(row)));
        }
        // The shared analyser uses the decoded table.
        assert_eq!(LEXICON.words.len(), built.words.len());
    }

    #[test]
    fn cut_or_damaged_tables_are_refused() {
        let n = PREFIX_BIN.len();
        for cut in [0, 3, 4, 8, 9, 100, n / 3, n / 2, n - 4, n - 1] {
            assert!(Lexicon::decode(&PREFIX_BIN[..cut]).is_none(), "{cut}");
        }
        let mut bad = PREFIX_BIN.to_vec();
        bad[0] ^= 1;
        assert!(Lexicon::decode(&bad).is_none());
        let mut long = PREFIX_BIN.to_vec();
        long.push(0);
        assert!(Lexicon::decode(&long).is_none());
        // Any bytes after the header: no panic, no huge allocation.
        let mut junk = PREFIX_BIN[..8].to_vec();
        junk.extend([0xff; 9]);
        junk.extend([1, 2, 3]);
        assert!(Lexicon::decode(&junk).is_none());
        // The empty fallback still splits by the chain grammar.
        let e = Lexicon::empty();
        assert!(e.words.is_empty());
        assert!(e.chain_prior("וה").is_finite());
    }

    #[test]
    fn strips_points_and_cantillation() {
        let (n, _) = normalize("שָׁלוֹם");
        assert_eq!(n, "שלום");
        let (n, _) = normalize("בְּרֵאשִׁ֖ית");
        assert_eq!(n, "בראשית");
        let (n, f) = normalize("בית");
        assert!(matches!(n, Cow::Borrowed(_)));
        assert_eq!(f, TokenFlags::empty());
        // maqaf is kept
        assert_eq!(normalize("בית\u{05BE}ספר").0, "בית\u{05BE}ספר");
    }

    #[test]
    fn geresh_and_gershayim() {
        assert_eq!(normalize("צה״ל").0, "צה\"ל");
        assert_eq!(normalize("ג׳וב").0, "ג'וב");
        assert_eq!(normalize("ג\u{2019}וב").0, "ג'וב");
        assert!(matches!(normalize("צה\"ל").0, Cow::Borrowed(_)));
    }

    #[test]
    fn presentation_forms() {
        assert_eq!(normalize("\u{FB2A}\u{FB3C}ו\u{FB26}").0, "שלום");
        assert_eq!(normalize("\u{FB4F}").0, "אל");
        assert_eq!(normalize("\u{FB31}ית").0, "בית");
    }

    #[test]
    fn elongation() {
        let (n, f) = normalize("ממממש");
        assert_eq!(n, "ממש");
        assert!(f.contains(TokenFlags::ELONGATED));
        let (n, f) = normalize("טוווווב");
        assert_eq!(n, "טוב");
        assert!(f.contains(TokenFlags::ELONGATED));
        let (n, _) = normalize("כןןןן");
        assert_eq!(n, "כן");
        // two of a letter are spelling, not elongation
        let (n, f) = normalize("ממש");
        assert_eq!(n, "ממש");
        assert_eq!(f, TokenFlags::empty());
        // laughter stays laughter
        let (n, _) = normalize("חחחחח");
        assert!(is_laughter(&n));
    }

    #[test]
    fn finals() {
        assert_eq!(fold_finals("שלום"), "שלומ");
        assert_eq!(fold_finals("ךםןףץ"), "כמנפצ");
        assert!(matches!(fold_finals("בית"), Cow::Borrowed(_)));
        let mut buf = [0u8; MAX_WORD_BYTES];
        assert_eq!(fold_into("ארץ", &mut buf), Some("ארצ"));
        let long = "א".repeat(MAX_WORD_BYTES);
        assert_eq!(fold_into(&long, &mut buf), None);
        assert_eq!(fold_ref("ארץ", &mut buf), Some("ארצ"));
        assert_eq!(fold_ref("בית", &mut buf), Some("בית"));
        assert_eq!(fold_ref(&long, &mut buf), Some(long.as_str()));
    }

    #[test]
    fn chain_grammar() {
        for p in [
            "ו", "ה", "וה", "וב", "ול", "וכ", "ומ", "וש", "ש", "שה", "שב", "של", "שכ", "מה", "מש",
            "כש", "לכש", "וכש", "וכשה", "ושב", "כשה",
        ] {
            assert!(valid_chain(p), "{p}");
        }
        for p in [
            "",
            "בה",
            "לה",
            "כה",
            "הב",
            "וו",
            "בב",
            "שו",
            "הו",
            "בל",
            "לכשהו",
        ] {
            assert!(!valid_chain(p), "{p}");
        }
    }

    #[test]
    fn common_prefixes() {
        assert_eq!(prefix("הבית"), "ה");
        assert_eq!(prefix("בבית"), "ב");
        assert_eq!(prefix("לבית"), "ל");
        assert_eq!(prefix("והבית"), "וה");
        assert_eq!(prefix("המשפחה"), "ה");
        assert_eq!(prefix("בישראל"), "ב");
        assert_eq!(prefix("לישראל"), "ל");
        assert_eq!(prefix("מהבית"), "מה");
        assert_eq!(prefix("שהוא"), "ש");
        assert_eq!(prefix("והשירות"), "וה");
        assert_eq!(prefix("כשהם"), "כש");
    }

    #[test]
    fn whole_words_kept() {
        for w in [
            "בית",
            "מה",
            "של",
            "לא",
            "שלום",
            "מכונית",
            "כל",
            "לכן",
            "בגלל",
            "לפני",
            "כמו",
            "מאוד",
            "שלי",
            "התקשרתי",
            "צה\"ל",
            "ש\"ח",
            "לו",
            "להם",
            "בה",
            "הוא",
            "היא",
            "היום",
            "ממש",
            "בעיה",
            "שירות",
            "ביטוח",
        ] {
            assert_eq!(prefix(w), "", "{w}");
        }
    }

    #[test]
    fn unseen_words_use_the_model() {
        // a made-up remainder after a clear chain: ו+ה are the only
        // reading that leaves a word-like remainder
        let he = HebrewAnalyzer::new();
        assert_eq!(he.prefix_len("והפלונקסטרים"), "וה".len());
        // the remainder keeps two letters
        assert_eq!(he.prefix_len("וב"), 0);
        assert_eq!(he.prefix_len("ול"), 0);
    }

    #[test]
    fn user_words() {
        let mut he = HebrewAnalyzer::new();
        he.add_word("זגזגון");
        assert_eq!(he.prefix_len("לזגזגון"), "ל".len());
        assert_eq!(he.prefix_len("וכשזגזגון"), "וכש".len());
        he.add_word("שמפו");
        assert_eq!(he.prefix_len("שמפו"), 0);
    }

    #[test]
    fn odd_input_does_not_panic() {
        let he = HebrewAnalyzer::new();
        for w in [
            "",
            "ו",
            "ה'",
            "ו\"",
            "וּ",
            "\u{05BE}",
            "ש\u{0301}לום",
            "abc",
            "ווווווווווווו",
        ] {
            let n = he.prefix_len(w);
            assert!(n <= w.len() && w.is_char_boundary(n));
            let _ = normalize(w);
        }
    }
}
