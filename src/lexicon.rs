//! Sentiment lexicons: word valences and cue words (negators, intensifiers,
//! dampeners, contrast words, question particles) per language.
//!
//! A [`Lexicon`] holds one table per language plus one for emoji and
//! emoticons. Each table maps a normalised form to an [`Entry`]: a valence on
//! VADER's −4..4 scale, a [`Cue`], or both. Keys with spaces (`on hold`,
//! `אף פעם`) are phrases matched over consecutive words.
//!
//! The embedded lexicons are parsed once: the English and emoji tables on
//! first use of the lexicon, the Thai and Hebrew tables on their language's
//! first use (a service that reads only English never parses them). Text
//! formats:
//!
//! - valence files: `term<TAB>valence[<TAB>anything…]`, one entry a line;
//! - cue files: `term<TAB>kind<TAB>scale[<TAB>position]` with kind one of
//!   `neg`, `int`, `damp`, `but`, `q` and position `pre` (default), `post`
//!   or `any`.
//!
//! Lines that are empty or start with `#` are skipped.
//!
//! The embedded data (`data/lexicon/`): VADER's English lexicon and emoji
//! descriptions (MIT; rater disagreement, VADER's third column, shrinks a
//! word's valence by 0.3 standard deviations), hand-curated English
//! customer-care words, cue lists for all three languages, hand-curated Thai
//! and Hebrew core words, and Thai and Hebrew weights (words and word pairs)
//! fitted from the training sets by `examples/fit_lexicon.rs`:
//!
//! ```text
//! cargo run --release --example fit_lexicon -- th ../shared/data
//! cargo run --release --example fit_lexicon -- he ../shared/data
//! ```
//!
//! The fitting tool never reads the held-out fifth of each training file
//! (`sentiment::is_held_out`), which the eval example measures on.
//!
//! ```
//! use backlash::lexicon::Lexicon;
//! use backlash::Lang;
//! let lex = Lexicon::embedded();
//! assert!(lex.valence(Lang::English, "refund").is_some());
//! assert!(lex.valence(Lang::Thai, "แย่").unwrap() < 0.0);
//! ```

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, LazyLock, OnceLock};

use crate::error::Error;
use crate::lang::Lang;

use crate::hash::FxBuild;
type FxMap<K, V> = HashMap<K, V, FxBuild>;
type FxSet<K> = HashSet<K, FxBuild>;

/// What a cue word does to the sentiment words near it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum CueKind {
    /// Flips and weakens the sentiment in its scope (`not`, `ไม่`, `לא`).
    Negator,
    /// Strengthens the nearby sentiment (`very`, `มาก`, `מאוד`).
    Intensifier,
    /// Weakens the nearby sentiment (`kinda`, `นิดหน่อย`, `קצת`).
    Dampener,
    /// Shifts weight to the clause after it (`but`, `แต่`, `אבל`).
    Contrast,
    /// Marks a question (`ไหม`, `?`-like particles).
    Question,
}

/// Where a cue acts, relative to the sentiment word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Position {
    /// The cue comes before the word it modifies (`very good`, `ไม่ดี`).
    Before,
    /// The cue comes after (`ดีมาก`, `טוב מאוד`).
    After,
    /// Either side.
    Any,
}

impl Position {
    #[inline]
    pub(crate) fn before(self) -> bool {
        matches!(self, Position::Before | Position::Any)
    }
    #[inline]
    pub(crate) fn after(self) -> bool {
        matches!(self, Position::After | Position::Any)
    }
}

/// A cue word's role.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Cue {
    /// What the cue does.
    pub kind: CueKind,
    /// Its strength: the multiplier for negators (e.g. −0.74), the valence
    /// added for intensifiers (e.g. 0.293) and dampeners (e.g. −0.293), the
    /// weight of the later clause for contrast words (e.g. 1.5).
    pub scale: f32,
    /// Which side it acts on.
    pub position: Position,
}

/// A lexicon entry.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Entry {
    /// Valence on the −4..4 scale (0 when the entry is only a cue).
    pub valence: f32,
    /// The cue role, if any.
    pub cue: Option<Cue>,
}

/// A multi-word entry: the words after the first one.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Phrase {
    pub(crate) rest: Box<[Box<str>]>,
    pub(crate) entry: Entry,
}

/// What one key holds: its own entry (if it is a word of the lexicon) and
/// the phrases that start with it, so one lookup answers both.
#[derive(Debug, Clone, Default)]
pub(crate) struct Slot {
    pub(crate) entry: Option<Entry>,
    /// Phrases starting with this word, longest first.
    pub(crate) phrases: Vec<Phrase>,
}

/// One language's table.
#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    pub(crate) words: FxMap<Box<str>, Slot>,
    /// Whether any phrase is stored.
    pub(crate) has_phrases: bool,
    /// Every proper prefix of every entry's key and the longest key in
    /// chars, for scanning unsegmented Thai; built on first use.
    pub(crate) scan: OnceLock<(FxSet<Box<str>>, usize)>,
    /// A cheap membership pre-filter over every key (two bits per key, see
    /// `filter_bits`). Most words of a text are not in the lexicon; this
    /// rejects most of them without hashing.
    pub(crate) filter: Box<[u64]>,
}

impl Table {
    /// Two filter bits: (length mod 16, first byte, last byte) and (length
    /// mod 16, second byte, second-to-last byte), bytes taken mod 64.
    #[inline]
    fn filter_bits(key: &str) -> Option<(usize, usize)> {
        let b = key.as_bytes();
        let n = b.len();
        let (first, last) = (*b.first()?, *b.last()?);
        let (second, penult) = if n >= 2 { (b[1], b[n - 2]) } else { (0, 0) };
        let l = (n & 15) << 12;
        Some((
            l | (usize::from(first & 63) << 6) | usize::from(last & 63),
            (1 << 16) | l | (usize::from(second & 63) << 6) | usize::from(penult & 63),
        ))
    }

    #[inline]
    fn may_contain(&self, key: &str) -> bool {
        let Some((a, b)) = Self::filter_bits(key) else {
            return false;
        };
        let bit = |i: usize| {
            self.filter
                .get(i >> 6)
                .is_some_and(|w| w & (1 << (i & 63)) != 0)
        };
        // `&`, not `&&`: one branch on the pair (a missed key usually
        // fails one bit at random).
        bit(a) & bit(b)
    }

    fn slot_mut(&mut self, key: &str) -> &mut Slot {
        if let Some((a, b)) = Self::filter_bits(key) {
            if self.filter.is_empty() {
                self.filter = vec![0u64; 1 << 11].into_boxed_slice();
            }
            self.filter[a >> 6] |= 1 << (a & 63);
            self.filter[b >> 6] |= 1 << (b & 63);
        }
        if self.scan.get().is_some() {
            self.scan = OnceLock::new();
        }
        self.words.entry(key.into()).or_default()
    }

    /// The prefix set and longest key (in chars) for scanning.
    pub(crate) fn scan_index(&self) -> &(FxSet<Box<str>>, usize) {
        self.scan.get_or_init(|| {
            let mut set = FxSet::default();
            let mut longest = 0;
            for (k, _) in self.words.iter().filter(|(_, s)| s.entry.is_some()) {
                let mut n = 0;
                for (i, _) in k.char_indices().skip(1) {
                    set.insert(k[..i].into());
                    n += 1;
                }
                longest = longest.max(n + 1);
            }
            (set, longest)
        })
    }

    fn insert_word(&mut self, key: &str, f: impl FnOnce(&mut Entry)) {
        f(self.slot_mut(key).entry.get_or_insert_with(Entry::default));
    }

    fn insert(&mut self, key: &str, f: impl FnOnce(&mut Entry)) {
        // Most keys are one word: no split, no list of parts.
        if !key.contains(char::is_whitespace) {
            if !key.is_empty() {
                self.insert_word(key, f);
            }
            return;
        }
        let mut parts = key.split_whitespace();
        let Some(first) = parts.next() else { return };
        // The words after the first, on the stack for the usual short phrase.
        let mut few = [""; 4];
        let many: Vec<&str>;
        let rest: &[&str] = {
            let mut n = 0;
            for w in parts.clone() {
                if let Some(slot) = few.get_mut(n) {
                    *slot = w;
                }
                n += 1;
            }
            if n <= few.len() {
                &few[..n]
            } else {
                many = parts.collect();
                &many
            }
        };
        let n = rest.len();
        if n == 0 {
            self.insert_word(first, f);
            return;
        }
        self.has_phrases = true;
        let list = &mut self.slot_mut(first).phrases;
        if let Some(p) = list
            .iter_mut()
            .find(|p| p.rest.len() == n && p.rest.iter().zip(rest).all(|(a, b)| **a == **b))
        {
            f(&mut p.entry);
        } else {
            let rest: Box<[Box<str>]> = rest.iter().map(|w| Box::<str>::from(*w)).collect();
            let mut entry = Entry::default();
            f(&mut entry);
            // Longest first, in insertion order among equals: where a
            // stable sort by descending length would put it.
            let at = list.partition_point(|p| p.rest.len() >= n);
            list.insert(at, Phrase { rest, entry });
        }
    }

    /// The slot of `key`: its entry and the phrases starting with it.
    #[inline]
    pub(crate) fn slot(&self, key: &str) -> Option<&Slot> {
        if !self.may_contain(key) {
            return None;
        }
        self.words.get(key)
    }

    /// The phrases starting with `key`, if any.
    #[inline]
    pub(crate) fn phrases_at(&self, key: &str) -> Option<&[Phrase]> {
        if !self.has_phrases {
            return None;
        }
        self.slot(key)
            .map(|s| s.phrases.as_slice())
            .filter(|p| !p.is_empty())
    }

    #[inline]
    pub(crate) fn get(&self, key: &str) -> Option<&Entry> {
        self.slot(key).and_then(|s| s.entry.as_ref())
    }
}

/// One language's table, or the recipe for it (the embedded Thai and
/// Hebrew tables are built on their language's first use).
pub(crate) type LazyTable = crate::lazy::Lazy<Table>;

/// Word valences and cues for Thai, Hebrew, English, and emoji.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub(crate) tables: [LazyTable; 4],
}

#[inline]
pub(crate) fn table_index(lang: Lang) -> usize {
    match lang {
        Lang::English => 0,
        Lang::Thai => 1,
        Lang::Hebrew => 2,
        Lang::Unknown => 3,
    }
}

/// Folds Hebrew final letters (ך ם ן ף ץ) to their ordinary forms, writing
/// into `buf`; returns the folded key, or `None` if `s` does not fit.
#[inline]
pub(crate) fn fold_hebrew<'b>(s: &str, buf: &'b mut [u8; 96]) -> Option<&'b str> {
    let b = s.as_bytes();
    if b.len() > buf.len() {
        return None;
    }
    let out = &mut buf[..b.len()];
    out.copy_from_slice(b);
    let mut i = 0;
    while i + 1 < out.len() {
        if out[i] == 0xD7 && matches!(out[i + 1], 0x9A | 0x9D | 0x9F | 0xA3 | 0xA5) {
            out[i + 1] += 1;
            i += 2;
        } else {
            i += 1;
        }
    }
    core::str::from_utf8(out).ok()
}

/// The lookup form of a lexicon key: lower-cased; Hebrew final letters
/// folded. Used by the fitting tool so fitted keys match lookups.
#[doc(hidden)]
pub fn fold_key(lang: Lang, key: &str) -> String {
    let mut out = String::new();
    fold_key_into(lang, key, &mut out);
    out
}

/// Whether `key` holds an upper-case character. Hebrew and Thai letters
/// have no case, so their blocks are not looked up (most fitted keys are
/// Thai or Hebrew).
#[inline]
fn has_upper(key: &str) -> bool {
    key.chars().any(|c| match c {
        'A'..='Z' => true,
        '\0'..='\x7f' | '\u{0590}'..='\u{05FF}' | '\u{0E00}'..='\u{0E7F}' => false,
        c => c.is_uppercase(),
    })
}

/// [`fold_key`] written into `out` (cleared first); allocates only when
/// `out` must grow or the key has an upper-case character.
fn fold_key_into(lang: Lang, key: &str, out: &mut String) {
    out.clear();
    let lower;
    let key = if has_upper(key) {
        lower = key.to_lowercase();
        lower.as_str()
    } else {
        key
    };
    if lang == Lang::Hebrew {
        out.extend(key.chars().map(crate::tokenize::hebrew::fold_final));
    } else {
        out.push_str(key);
    }
}

/// Powers of ten exactly representable in an `f32`.
const POW10: [f32; 8] = [1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6, 1e7];

/// The value of a short decimal (`-?digits[.digits]`, at most 7 digits),
/// or `None` for any other form. The digits as an integer `m < 2^24` and
/// `10^k` (k ≤ 7) are exact in `f32`, so the one division is correctly
/// rounded: the same value `str::parse` gives.
#[inline]
fn parse_short_decimal(s: &str) -> Option<f32> {
    let b = s.as_bytes();
    let (neg, b) = match b.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, b),
    };
    let (int, frac) = match b.iter().position(|&c| c == b'.') {
        Some(i) => (&b[..i], &b[i + 1..]),
        None => (b, &b[..0]),
    };
    let digits = int.len() + frac.len();
    if int.is_empty() || (frac.is_empty() && int.len() != b.len()) || digits > 7 {
        return None;
    }
    let mut m: u32 = 0;
    for &c in int.iter().chain(frac) {
        if !c.is_ascii_digit() {
            return None;
        }
        m = m * 10 + u32::from(c - b'0');
    }
    let v = m as f32 / POW10[frac.len()];
    Some(if neg { -v } else { v })
}

fn parse_f32(s: &str, line: usize) -> Result<f32, Error> {
    let t = s.trim();
    if let Some(v) = parse_short_decimal(t) {
        return Ok(v);
    }
    let v: f32 = t.parse().map_err(|_| Error::Lexicon {
        line,
        reason: format!("`{t}` is not a number"),
    })?;
    if !v.is_finite() {
        return Err(Error::Lexicon {
            line,
            reason: "value is not finite".into(),
        });
    }
    Ok(v)
}

fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| {
            (
                i + 1,
                l.trim_end_matches('\r').trim_start_matches('\u{feff}'),
            )
        })
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
}

impl Lexicon {
    /// An empty lexicon.
    pub fn new() -> Lexicon {
        Lexicon::default()
    }

    /// The embedded lexicons (shared; parsed on first use, the Thai and
    /// Hebrew tables on their language's first use).
    pub fn embedded() -> Arc<Lexicon> {
        Arc::clone(&EMBEDDED)
    }

    /// `lang`'s table, to change it.
    fn table_mut(&mut self, lang: Lang) -> Option<&mut Table> {
        self.tables[table_index(lang)].get_mut()
    }

    /// Takes `lang`'s table out, leaving an empty one.
    fn take_table(&mut self, lang: Lang) -> Table {
        core::mem::take(&mut self.tables[table_index(lang)]).into_inner()
    }

    /// Sets the valence of `term` (a word, or words separated by spaces) in
    /// `lang`'s table, keeping any cue role. Valences are clamped to −4..4.
    pub fn set_valence(&mut self, lang: Lang, term: &str, valence: f32) {
        self.set_valence_in(lang, term, valence, &mut String::new());
    }

    /// [`set_valence`](Lexicon::set_valence) with a reused key buffer.
    fn set_valence_in(&mut self, lang: Lang, term: &str, valence: f32, key: &mut String) {
        let v = if valence.is_finite() {
            valence.clamp(-4.0, 4.0)
        } else {
            0.0
        };
        fold_key_into(lang, term, key);
        if let Some(t) = self.table_mut(lang) {
            t.insert(key, |e| e.valence = v);
        }
    }

    /// Sets the cue role of `term` in `lang`'s table, keeping its valence.
    pub fn set_cue(&mut self, lang: Lang, term: &str, cue: Cue) {
        let key = fold_key(lang, term);
        if let Some(t) = self.table_mut(lang) {
            t.insert(&key, |e| e.cue = Some(cue));
        }
    }

    /// Adds every line of a valence file (`term<TAB>valence…`) to `lang`'s
    /// table, overriding existing valences.
    ///
    /// ```
    /// use backlash::lexicon::Lexicon;
    /// use backlash::Lang;
    /// let mut lex = Lexicon::new();
    /// lex.add_valences(Lang::English, "acme\t2.5\nbrokeco\t-3\n").unwrap();
    /// assert_eq!(lex.valence(Lang::English, "acme"), Some(2.5));
    /// assert!(lex.add_valences(Lang::English, "bad line").is_err());
    /// ```
    pub fn add_valences(&mut self, lang: Lang, text: &str) -> Result<&mut Self, Error> {
        let mut key = String::new();
        for (n, line) in lines(text) {
            let mut cols = line.split('\t');
            let term = cols.next().unwrap_or("").trim();
            let Some(v) = cols.next() else {
                return Err(Error::Lexicon {
                    line: n,
                    reason: "expected `term<TAB>valence`".into(),
                });
            };
            if term.is_empty() {
                return Err(Error::Lexicon {
                    line: n,
                    reason: "empty term".into(),
                });
            }
            let v = parse_f32(v, n)?;
            self.set_valence_in(lang, term, v, &mut key);
        }
        Ok(self)
    }

    /// Adds every line of a cue file (`term<TAB>kind<TAB>scale[<TAB>position]`)
    /// to `lang`'s table.
    ///
    /// ```
    /// use backlash::lexicon::{Lexicon, CueKind};
    /// use backlash::Lang;
    /// let mut lex = Lexicon::new();
    /// lex.add_cues(Lang::English, "hella\tint\t0.3\tpre\n").unwrap();
    /// assert_eq!(lex.cue(Lang::English, "hella").unwrap().kind, CueKind::Intensifier);
    /// assert!(lex.add_cues(Lang::English, "x\tbogus\t1").is_err());
    /// ```
    pub fn add_cues(&mut self, lang: Lang, text: &str) -> Result<&mut Self, Error> {
        for (n, line) in lines(text) {
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            if cols.len() < 3 || cols[0].is_empty() {
                return Err(Error::Lexicon {
                    line: n,
                    reason: "expected `term<TAB>kind<TAB>scale[<TAB>position]`".into(),
                });
            }
            let kind = match cols[1] {
                "neg" => CueKind::Negator,
                "int" => CueKind::Intensifier,
                "damp" => CueKind::Dampener,
                "but" => CueKind::Contrast,
                "q" => CueKind::Question,
                other => {
                    return Err(Error::Lexicon {
                        line: n,
                        reason: format!("unknown cue kind `{other}`"),
                    })
                }
            };
            let scale = parse_f32(cols[2], n)?;
            let position = match cols.get(3).copied().unwrap_or("pre") {
                "pre" | "" => Position::Before,
                "post" => Position::After,
                "any" => Position::Any,
                other => {
                    return Err(Error::Lexicon {
                        line: n,
                        reason: format!("unknown position `{other}`"),
                    })
                }
            };
            self.set_cue(
                lang,
                cols[0],
                Cue {
                    kind,
                    scale,
                    position,
                },
            );
        }
        Ok(self)
    }

    /// The entry for a single normalised word (lower-case; Hebrew final
    /// letters may be in either form).
    pub fn entry(&self, lang: Lang, word: &str) -> Option<Entry> {
        let key = fold_key(lang, word);
        self.tables[table_index(lang)].get(&key).copied()
    }

    /// The valence of a word, if it has a non-zero one.
    pub fn valence(&self, lang: Lang, word: &str) -> Option<f32> {
        self.entry(lang, word)
            .map(|e| e.valence)
            .filter(|v| *v != 0.0)
    }

    /// The cue role of a word, if any.
    pub fn cue(&self, lang: Lang, word: &str) -> Option<Cue> {
        self.entry(lang, word).and_then(|e| e.cue)
    }

    /// Number of single-word and phrase entries in `lang`'s table.
    pub fn len(&self, lang: Lang) -> usize {
        let t = &self.tables[table_index(lang)];
        t.words
            .values()
            .map(|s| usize::from(s.entry.is_some()) + s.phrases.len())
            .sum()
    }

    /// Whether all tables are empty.
    pub fn is_empty(&self) -> bool {
        self.tables.iter().all(|t| t.words.is_empty())
    }

    /// Approximate heap bytes held by the tables (keys, entries, hash
    /// buckets), for memory reports.
    pub fn heap_bytes(&self) -> usize {
        let slot = core::mem::size_of::<(Box<str>, Slot)>() + 1;
        let key = core::mem::size_of::<Box<str>>() + 1;
        self.tables
            .iter()
            .map(|t| {
                t.words.capacity() * slot
                    + t.words.keys().map(|k| k.len()).sum::<usize>()
                    + t.scan.get().map_or(0, |(p, _)| {
                        p.capacity() * key + p.iter().map(|k| k.len()).sum::<usize>()
                    })
                    + t.words
                        .values()
                        .flat_map(|s| s.phrases.iter())
                        .map(|p| {
                            core::mem::size_of::<Phrase>()
                                + p.rest.iter().map(|r| r.len() + key).sum::<usize>()
                        })
                        .sum::<usize>()
            })
            .sum()
    }
}

/// Emoji descriptions (`emoji<TAB>description`) are scored by the English
/// valences of their words, as VADER does when it spells emoji out.
fn add_emoji(lex: &mut Lexicon, text: &str) {
    let mut ascii = String::new();
    for (_, line) in lines(text) {
        let mut cols = line.split('\t');
        let (Some(emoji), Some(desc)) = (cols.next(), cols.next()) else {
            continue;
        };
        let mut sum = 0.0f32;
        for w in desc.split(|c: char| !c.is_alphanumeric()) {
            if w.is_empty() {
                continue;
            }
            // The descriptions are ASCII: lower-cased in one reused buffer.
            let owned;
            let lw: &str = if w.is_ascii() {
                ascii.clear();
                ascii.push_str(w);
                ascii.make_ascii_lowercase();
                &ascii
            } else {
                owned = w.to_lowercase();
                &owned
            };
            if let Some(e) = lex.tables[0].get(lw) {
                sum += e.valence;
            }
        }
        if sum != 0.0 {
            let key = emoji.trim();
            let Some(t) = lex.table_mut(Lang::Unknown) else {
                continue;
            };
            let v = sum.clamp(-4.0, 4.0);
            t.insert_word(key, |e| e.valence = v);
            // Also without the emoji variation selector.
            let bare = key.trim_end_matches('\u{fe0f}');
            if bare != key && !bare.is_empty() {
                t.insert_word(bare, |e| e.valence = v);
            }
        }
    }
}

macro_rules! lexfile {
    ($name:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/lexicon/", $name))
    };
}

/// The embedded data files, in load order (later files override earlier).
pub(crate) const EN_VADER: &str = lexfile!("vader_lexicon.txt");
const EN_EMOJI: &str = lexfile!("emoji_utf8_lexicon.txt");
const EN_CORE: &str = lexfile!("en_core.tsv");
const EMOJI_CORE: &str = lexfile!("emoji_core.tsv");
const EN_CUES: &str = lexfile!("en_cues.tsv");
const TH_FITTED: &str = lexfile!("th_fitted.tsv");
const TH_CORE: &str = lexfile!("th_core.tsv");
const TH_CUES: &str = lexfile!("th_cues.tsv");
const HE_FITTED: &str = lexfile!("he_fitted.tsv");
const HE_CORE: &str = lexfile!("he_core.tsv");
const HE_CUES: &str = lexfile!("he_cues.tsv");

/// VADER's third column is the standard deviation of the raters' scores.
/// A word the raters disagreed on is weaker evidence: its valence is moved
/// toward zero by `STD_SHRINK` standard deviations (never past zero).
const STD_SHRINK: f32 = 0.3;

/// Loads VADER's lexicon in one pass: each word with its valence shrunk by
/// rater disagreement into the English table, and each emoticon (a key with
/// ASCII punctuation) with its plain valence, case kept, into the emoji table.
fn add_vader(lex: &mut Lexicon) -> Result<(), Error> {
    let mut key = String::new();
    for (n, line) in lines(EN_VADER) {
        let mut cols = line.split('\t');
        let (Some(k), Some(v)) = (cols.next(), cols.next()) else {
            return Err(Error::Lexicon {
                line: n,
                reason: "expected `term<TAB>valence`".into(),
            });
        };
        let v = parse_f32(v, n)?;
        let w = match cols.next() {
            Some(sd) => v.signum() * (v.abs() - STD_SHRINK * parse_f32(sd, n)?).max(0.0),
            None => v,
        };
        lex.set_valence_in(Lang::English, k, w, &mut key);
        if k.bytes().any(|b| b.is_ascii_punctuation()) && !k.contains(' ') {
            if let Some(t) = lex.table_mut(Lang::Unknown) {
                t.insert_word(k, |e| e.valence = v);
            }
        }
    }
    Ok(())
}

fn build_embedded() -> Result<Lexicon, Error> {
    build_with(TH_FITTED, HE_FITTED)
}

impl Lexicon {
    /// The embedded lexicons with `fitted` in place of the embedded fitted
    /// weights of `lang` (Thai or Hebrew); for the fitting tool.
    #[doc(hidden)]
    pub fn embedded_with_fitted(lang: Lang, fitted: &str) -> Result<Lexicon, Error> {
        match lang {
            Lang::Thai => build_with(fitted, HE_FITTED),
            Lang::Hebrew => build_with(TH_FITTED, fitted),
            _ => build_embedded(),
        }
    }
}

/// English and emoji tables (built together: emoji descriptions are
/// scored by English valences), in a lexicon with empty Thai and Hebrew ones.
fn build_english() -> Result<Lexicon, Error> {
    let mut lex = Lexicon::new();
    add_vader(&mut lex)?;
    lex.add_valences(Lang::English, EN_CORE)?;
    lex.add_cues(Lang::English, EN_CUES)?;
    add_emoji(&mut lex, EN_EMOJI);
    for (n, line) in lines(EMOJI_CORE) {
        let mut cols = line.split('\t');
        let (Some(k), Some(v)) = (cols.next(), cols.next()) else {
            continue;
        };
        let v = parse_f32(v, n)?;
        if let Some(t) = lex.table_mut(Lang::Unknown) {
            t.insert_word(k.trim(), |e| e.valence = v);
        }
    }
    Ok(lex)
}

/// One language's table from its fitted weights, core words and cues.
fn build_table(lang: Lang, fitted: &str, core: &str, cues: &str) -> Result<Table, Error> {
    let mut lex = Lexicon::new();
    lex.add_valences(lang, fitted)?;
    lex.add_valences(lang, core)?;
    lex.add_cues(lang, cues)?;
    Ok(lex.take_table(lang))
}

fn build_thai(fitted: &str) -> Result<Table, Error> {
    build_table(Lang::Thai, fitted, TH_CORE, TH_CUES)
}

fn build_hebrew(fitted: &str) -> Result<Table, Error> {
    build_table(Lang::Hebrew, fitted, HE_CORE, HE_CUES)
}

/// Every table built now (the fitting tool and the tests).
fn build_with(th_fitted: &str, he_fitted: &str) -> Result<Lexicon, Error> {
    let mut lex = build_english()?;
    lex.tables[table_index(Lang::Thai)] = LazyTable::ready(build_thai(th_fitted)?);
    lex.tables[table_index(Lang::Hebrew)] = LazyTable::ready(build_hebrew(he_fitted)?);
    Ok(lex)
}

static EMBEDDED: LazyLock<Arc<Lexicon>> = LazyLock::new(|| {
    // The embedded files are checked by the unit tests; a parse failure
    // here would be a build defect, so fall back to what did parse.
    let mut lex = build_english().unwrap_or_else(|_| Lexicon::new());
    lex.tables[table_index(Lang::Thai)] =
        LazyTable::from_fn(|| build_thai(TH_FITTED).unwrap_or_default());
    lex.tables[table_index(Lang::Hebrew)] =
        LazyTable::from_fn(|| build_hebrew(HE_FITTED).unwrap_or_default());
    Arc::new(lex)
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_parses() {
        let lex = build_embedded().expect("embedded lexicons parse");
        assert!(lex.len(Lang::English) > 7000);
        assert!(lex.len(Lang::Thai) > 50);
        assert!(lex.len(Lang::Hebrew) > 50);
        assert!(lex.tables[3].get("😡").is_some_and(|e| e.valence < 0.0));
        assert!(lex.tables[3].get(":)").is_some_and(|e| e.valence > 0.0));
    }

    #[test]
    fn prefilter_has_no_false_negatives() {
        let lex = build_embedded().expect("embedded lexicons parse");
        for t in &lex.tables {
            for k in t.words.keys() {
                assert!(t.slot(k).is_some(), "{k}");
            }
        }
        assert!(lex.tables[0].slot("zzzzqqq").is_none());
        assert!(lex.tables[0].slot("").is_none());
    }

    #[test]
    fn hebrew_final_letters_fold() {
        let mut lex = Lexicon::new();
        lex.set_valence(Lang::Hebrew, "מעולה", 3.0);
        lex.set_valence(Lang::Hebrew, "נורא", -2.0);
        lex.set_valence(Lang::Hebrew, "שלום", 1.0);
        assert_eq!(lex.valence(Lang::Hebrew, "שלומ"), Some(1.0));
        assert_eq!(lex.valence(Lang::Hebrew, "שלום"), Some(1.0));
    }

    #[test]
    fn phrases_and_errors() {
        let mut lex = Lexicon::new();
        lex.add_valences(Lang::English, "on hold\t-1.5\n# comment\n\n")
            .unwrap();
        assert_eq!(lex.len(Lang::English), 1);
        let e = lex.add_valences(Lang::English, "x\tnan?").unwrap_err();
        assert!(matches!(e, Error::Lexicon { line: 1, .. }));
        let e = lex
            .add_valences(Lang::English, "ok\t1\nx\tinf")
            .unwrap_err();
        assert!(matches!(e, Error::Lexicon { line: 2, .. }));
    }

    fn same_table(a: &Table, b: &Table) -> bool {
        a.has_phrases == b.has_phrases
            && a.filter == b.filter
            && a.words.len() == b.words.len()
            && a.words.iter().all(|(k, s)| {
                b.words
                    .get(k)
                    .is_some_and(|t| s.entry == t.entry && s.phrases == t.phrases)
            })
    }

    #[test]
    fn lazy_tables_are_built_on_first_use_and_equal_eager_ones() {
        let eager = build_embedded().expect("embedded lexicons parse");
        let lazy = LazyLock::force(&EMBEDDED).as_ref().clone();
        // A fresh copy of the shared lexicon: its own cells, nothing built
        // by other tests yet unless the shared one was.
        let mut fresh = Lexicon::new();
        for (i, t) in lazy.tables.iter().enumerate() {
            fresh.tables[i] = match t.recipe() {
                Some(f) => LazyTable::from_fn(f),
                None => LazyTable::ready(Table::clone(t)),
            };
        }
        assert!(fresh.tables[table_index(Lang::English)].is_built());
        assert!(!fresh.tables[table_index(Lang::Thai)].is_built());
        assert!(!fresh.tables[table_index(Lang::Hebrew)].is_built());
        assert!(fresh.valence(Lang::English, "good").is_some());
        assert!(!fresh.tables[table_index(Lang::Thai)].is_built());
        assert!(fresh.valence(Lang::Thai, "แย่").is_some());
        assert!(fresh.tables[table_index(Lang::Thai)].is_built());
        assert!(!fresh.tables[table_index(Lang::Hebrew)].is_built());
        // A change to an unbuilt table builds it first, then applies.
        fresh.set_valence(Lang::Hebrew, "זגזגון", 2.0);
        assert_eq!(fresh.valence(Lang::Hebrew, "זגזגון"), Some(2.0));
        assert!(fresh.valence(Lang::Hebrew, "גרוע").is_some());
        for (a, b) in eager.tables.iter().zip(&lazy.tables) {
            assert!(same_table(a, b));
        }
        assert_eq!(eager.heap_bytes(), lazy.heap_bytes());
    }

    #[test]
    fn phrases_keep_longest_first_then_insertion_order() {
        let mut lex = Lexicon::new();
        for (k, v) in [
            ("a b", 0.5),
            ("a b c", 1.0),
            ("a c", 1.5),
            ("a b c d e f", 2.0),
            ("a d e", 2.5),
            ("a b", 3.0),
            ("a  b\tc", 3.5),
        ] {
            lex.set_valence(Lang::English, k, v);
        }
        let t = &lex.tables[0];
        let got: Vec<(String, f32)> = t
            .phrases_at("a")
            .unwrap_or(&[])
            .iter()
            .map(|p| (p.rest.join(" "), p.entry.valence))
            .collect();
        let want = [
            ("b c d e f", 2.0),
            ("b c", 3.5),
            ("d e", 2.5),
            ("b", 3.0),
            ("c", 1.5),
        ];
        let want: Vec<(String, f32)> = want.iter().map(|(k, v)| (k.to_string(), *v)).collect();
        assert_eq!(got, want);
        assert!(t.get("a").is_none());
    }

    #[test]
    fn short_decimals_parse_as_str_parse_does() {
        let mut forms: Vec<String> = Vec::new();
        for m in (0..100_000u32)
            .step_by(7)
            .chain([9_999_999, 1_234_567, 16_777_217])
        {
            let d = m.to_string();
            for k in 0..=d.len() {
                let (i, f) = d.split_at(d.len() - k);
                let i = if i.is_empty() { "0" } else { i };
                let s = if f.is_empty() {
                    i.to_string()
                } else {
                    format!("{i}.{f}")
                };
                forms.push(format!("-{s}"));
                forms.push(s);
            }
        }
        forms.extend(
            [
                "0.1", "-0", "007.50", "3.", ".5", "-", "", "1e3", "+1", "1.2.3", "1,5",
            ]
            .map(String::from),
        );
        for s in &forms {
            let fast = parse_short_decimal(s);
            let slow = s.parse::<f32>().ok();
            if let Some(v) = fast {
                assert_eq!(Some(v.to_bits()), slow.map(f32::to_bits), "{s}");
            }
        }
        // Every valence in the embedded files takes the short path.
        for text in [EN_VADER, EN_CORE, TH_FITTED, TH_CORE, HE_FITTED, HE_CORE] {
            for (_, line) in lines(text) {
                let v = line.split('\t').nth(1).unwrap_or("").trim();
                assert_eq!(
                    parse_short_decimal(v).map(f32::to_bits),
                    v.parse::<f32>().ok().map(f32::to_bits),
                    "{v}"
                );
            }
        }
    }

    #[test]
    fn upper_case_check_matches_the_char_property() {
        let blocks = ('\u{0}'..='\u{0FFF}').chain('\u{1E00}'..='\u{1FFF}');
        for c in blocks.chain(['\u{2160}', '\u{24B6}', '\u{FF21}', '\u{10400}']) {
            let s = format!("ab{c}");
            assert_eq!(has_upper(&s), c.is_uppercase(), "{c:?}");
        }
        assert_eq!(fold_key(Lang::English, "ΣΑΣ"), "ΣΑΣ".to_lowercase());
        assert_eq!(fold_key(Lang::Hebrew, "שלום"), "שלומ");
    }

    #[test]
    fn fx_hash_differs() {
        use std::hash::BuildHasher;
        let b = FxBuild::default();
        assert_ne!(b.hash_one("abc"), b.hash_one("abd"));
        assert_ne!(b.hash_one("abcdefgh1"), b.hash_one("abcdefgh2"));
    }
}
