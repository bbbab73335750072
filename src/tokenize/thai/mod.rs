//! Thai word segmentation.
//!
//! Thai is written without spaces between words. [`ThaiSegmenter`] finds the
//! most probable sequence of words (Viterbi search under a unigram model)
//! over [Thai character cluster](tcc) boundaries, so a word boundary never
//! falls inside a cluster (a consonant with its vowels and tone marks):
//!
//! - the dictionary is the CC0 word list of PyThaiNLP with unigram costs
//!   (negative log probabilities) from the CC0 TNC/TTC frequency lists,
//!   re-estimated on Thai social text (see `tools/thai_dict/` and
//!   `data/README.md`), embedded as a pre-built double-array trie and loaded
//!   once on first use;
//! - an unknown stretch is one token; its first cluster costs more than any
//!   dictionary word, each further cluster less (a two-state search), so a
//!   misspelt or foreign word stays whole without swallowing its
//!   neighbours; a lone consonant (a
//!   cluster without a vowel, hardly ever a word) may join the word before
//!   or after it as an unknown word (`แม่ง`, `กรี้ด`);
//! - elongation (`มากกกก`, `ค่าาาา`) stays in the token of its word, and the
//!   repetition mark `ๆ` stays with the word before it; [`normalize`]
//!   squeezes them out for lookup;
//! - abbreviations with dots (`ชม.`, `ม.ค.`, `กทม.`) are one word when the
//!   dictionary has them; otherwise the dot is split off;
//! - user words ([`ThaiSegmenter::add_word`]) take part in the search and
//!   win over dictionary words where they match.
//!
//! Accuracy (word F1, exact spans, full [`tokenize`](crate::tokenize()) output,
//! `cargo run --release --example eval -- DIR`): 0.842 on the Wisesight
//! social-media sample and 0.805 on UD Thai-PUD (news), against 0.752 for
//! PyThaiNLP's newmm on Wisesight.
//!
//! The search is linear in the length of the run (words are at most
//! [`MAX_WORD_CHARS`] characters) and allocates nothing per word: its
//! buffers live in a thread-local scratch space reused across calls.
//!
//! [`normalize`]: ThaiSegmenter::normalize
//!
//! ```
//! use backlash::tokenize::thai::ThaiSegmenter;
//! let seg = ThaiSegmenter::new();
//! let run = "ร้านนี้บริการแย่มากกกก";
//! let words: Vec<&str> = seg.words(run).collect();
//! assert_eq!(words, ["ร้าน", "นี้", "บริการ", "แย่", "มากกกก"]);
//! let (norm, flags) = seg.normalize("มากกกก");
//! assert_eq!(norm, "มาก");
//! assert!(flags.contains(backlash::TokenFlags::ELONGATED));
//! ```

mod dict;
pub mod tcc;

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::{Arc, LazyLock};

use super::TokenFlags;
use dict::{code_of, Dict, DOT};

/// The longest dictionary or user word considered, in characters.
pub const MAX_WORD_CHARS: usize = 40;

const MAI_YAMOK: u32 = 0x0E46;

/// Costs of the search, in nats.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SegmentCosts {
    /// Cost of an unknown cluster that starts an unknown stretch (more than
    /// any dictionary word costs).
    pub unknown: f32,
    /// Cost of each further cluster of an unknown stretch.
    pub unknown_more: f32,
    /// Cost of a dot split off a word.
    pub dot: f32,
    /// Extra cost of a word with elongation (`มากกกก`).
    pub elongation: f32,
    /// Cost of a user word (0 by default: no dictionary word is cheaper,
    /// so user words win where they match).
    pub user: f32,
    /// Extra cost of joining a lone consonant (a cluster without a vowel,
    /// which is hardly ever a word of its own) to the word before or after
    /// it, making an unknown word (`แม่ง`, `กรี้ด`).
    pub orphan: f32,
}

impl Default for SegmentCosts {
    fn default() -> Self {
        SegmentCosts {
            unknown: 19.0,
            unknown_more: 3.0,
            dot: 6.0,
            elongation: 1.0,
            user: 0.0,
            orphan: 10.0,
        }
    }
}

static DICT_BYTES: &[u8] = include_bytes!("../../../data/thai/dict.bin");

static DICT: LazyLock<Arc<Dict>> = LazyLock::new(|| {
    // The file is built and checked by `tools/thai_dict`; an unreadable file
    // would be a build defect, and then the segmenter falls back to clusters.
    Arc::new(Dict::from_bytes(DICT_BYTES).unwrap_or_else(|_| Dict::build(&[])))
});

/// Dictionary-based Thai word segmenter, with optional user words.
///
/// Cheap to create and clone: the embedded dictionary is shared.
#[derive(Debug, Clone)]
pub struct ThaiSegmenter {
    /// The dictionary; `None` for the embedded one, decoded on the first
    /// Thai text (so an English-only program never decodes it).
    dict: Option<Arc<Dict>>,
    user: HashSet<Box<[u8]>>,
    user_max: usize,
    costs: SegmentCosts,
}

impl Default for ThaiSegmenter {
    fn default() -> Self {
        ThaiSegmenter::new()
    }
}

/// Per-thread buffers of the search, reused across calls.
#[derive(Default)]
struct Scratch {
    chars: Vec<u32>,
    codes: Vec<u8>,
    offs: Vec<u32>,
    bound: Vec<bool>,
    same_end: Vec<u32>,
    best: Vec<f32>,
    back: Vec<u32>,
    unknown: Vec<bool>,
    best_u: Vec<f32>,
    back_u: Vec<u32>,
    unknown_u: Vec<bool>,
    key: Vec<u8>,
}

/// Runs longer than this (in characters) get buffers of their own.
const SCRATCH_KEEP: usize = 1 << 16;

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl ThaiSegmenter {
    /// The dictionary in use (the embedded one is decoded here on first use).
    #[inline]
    fn dict(&self) -> &Dict {
        self.dict.as_deref().unwrap_or(&DICT)
    }

    /// A segmenter over the embedded dictionary (decoded on the first Thai
    /// text, not here).
    pub fn new() -> ThaiSegmenter {
        ThaiSegmenter {
            dict: None,
            user: HashSet::new(),
            user_max: 0,
            costs: SegmentCosts::default(),
        }
    }

    /// A segmenter over the given words and costs (negative log
    /// probabilities, in nats) instead of the embedded dictionary. Words with
    /// characters other than Thai letters and `.` are skipped. Used by the
    /// dictionary converter to re-estimate costs.
    #[doc(hidden)]
    pub fn with_words<'w>(words: impl IntoIterator<Item = (&'w str, f32)>) -> ThaiSegmenter {
        let entries: Vec<(Vec<u8>, f32)> = words
            .into_iter()
            .filter_map(|(w, c)| Some((dict::codes(w)?, c)))
            .filter(|(w, _)| w.len() <= MAX_WORD_CHARS)
            .collect();
        ThaiSegmenter {
            dict: Some(Arc::new(Dict::build(&entries))),
            ..ThaiSegmenter::new()
        }
    }

    /// The dictionary as the bytes of `data/thai/dict.bin`.
    #[doc(hidden)]
    pub fn dict_bytes(&self) -> Vec<u8> {
        self.dict().to_bytes()
    }

    /// Every dictionary word with its cost, sorted.
    #[doc(hidden)]
    pub fn dict_entries(&self) -> Vec<(String, f32)> {
        self.dict().entries()
    }

    /// Number of words in the dictionary (without user words).
    pub fn dict_len(&self) -> usize {
        self.dict().len()
    }

    /// The cost of a dictionary word (its negative log probability), if the
    /// dictionary has it.
    pub fn word_cost(&self, word: &str) -> Option<f32> {
        self.dict().lookup(word)
    }

    /// Whether `word` is a dictionary or user word.
    pub fn contains(&self, word: &str) -> bool {
        self.dict().lookup(word).is_some() || self.is_user_word(word)
    }

    fn is_user_word(&self, word: &str) -> bool {
        if self.user.is_empty() {
            return false;
        }
        let mut buf = [0u8; MAX_WORD_CHARS];
        let mut n = 0;
        for c in word.chars() {
            match (code_of(c), buf.get_mut(n)) {
                (Some(code), Some(slot)) => *slot = code,
                _ => return false,
            }
            n += 1;
        }
        self.user.contains(&buf[..n])
    }

    /// The costs of the search.
    pub fn costs(&self) -> SegmentCosts {
        self.costs
    }

    /// Replaces the costs of the search (for tuning).
    pub fn set_costs(&mut self, costs: SegmentCosts) {
        self.costs = costs;
    }

    /// Adds a word to the user dictionary. User words take part in the
    /// search and are preferred where they match. Words with characters
    /// other than Thai letters and `.`, or longer than [`MAX_WORD_CHARS`],
    /// are ignored.
    pub fn add_word(&mut self, word: &str) {
        let w = word.trim();
        if let Some(c) = dict::codes(w) {
            if !c.is_empty() && c.len() <= MAX_WORD_CHARS {
                self.user_max = self.user_max.max(c.len());
                self.user.insert(c.into_boxed_slice());
            }
        }
    }

    /// The words of a Thai run, in order.
    pub fn words<'a>(&self, run: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        let mut ends = Vec::new();
        self.segment_into(run, &mut ends);
        let mut start = 0;
        ends.into_iter().map(move |e| {
            let w = &run[start..e];
            start = e;
            w
        })
    }

    /// Segments a run of Thai text (Thai characters, and dots after them),
    /// pushing the end offset (relative to `run`) of each word onto `ends`,
    /// in order; the last pushed value is `run.len()`. Any other character
    /// in `run` is treated as an unknown cluster of its own.
    pub fn segment_into(&self, run: &str, ends: &mut Vec<usize>) {
        if run.is_empty() {
            return;
        }
        SCRATCH.with(|s| match s.try_borrow_mut() {
            Ok(mut s) => {
                self.search(run, ends, &mut s);
                // Do not keep the buffers of a huge run alive.
                if s.chars.capacity() > SCRATCH_KEEP {
                    *s = Scratch::default();
                }
            }
            // Re-entered on this thread (cannot happen through this API):
            // use fresh buffers.
            Err(_) => self.search(run, ends, &mut Scratch::default()),
        });
    }

    fn search(&self, run: &str, ends: &mut Vec<usize>, s: &mut Scratch) {
        let Scratch {
            chars,
            codes,
            offs,
            bound,
            same_end,
            best,
            back,
            unknown,
            best_u,
            back_u,
            unknown_u,
            key,
        } = s;
        chars.clear();
        codes.clear();
        offs.clear();
        for (i, c) in run.char_indices() {
            chars.push(c as u32);
            codes.push(code_of(c).unwrap_or(0));
            offs.push(i as u32);
        }
        offs.push(run.len() as u32);
        let n = chars.len();
        tcc::boundaries(chars, bound);
        // same_end[i]: end of the run of copies of chars[i] starting at i.
        same_end.clear();
        same_end.resize(n + 1, n as u32);
        for i in (0..n.saturating_sub(1)).rev() {
            same_end[i] = if chars[i + 1] == chars[i] {
                same_end[i + 1]
            } else {
                (i + 1) as u32
            };
        }
        best.clear();
        best.resize(n + 1, f32::INFINITY);
        back.clear();
        back.resize(n + 1, 0);
        unknown.clear();
        unknown.resize(n + 1, false);
        best_u.clear();
        best_u.resize(n + 1, f32::INFINITY);
        back_u.clear();
        back_u.resize(n + 1, 0);
        unknown_u.clear();
        unknown_u.resize(n + 1, false);
        best[0] = 0.0;
        let costs = self.costs;
        let dict = self.dict();
        let relax = |best: &mut [f32], back: &mut [u32], unknown: &mut [bool], i, j, c, u| {
            if c < best[j] {
                best[j] = c;
                back[j] = i as u32;
                unknown[j] = u;
            }
        };
        let elongation = costs.elongation;
        // Two states per position: `best` ends with a word, `best_u` inside
        // an unknown stretch; `unknown`/`unknown_u` say whether the
        // predecessor was in the unknown state.
        for i in 0..n {
            let (here, here_u) = if best_u[i] < best[i] {
                (best_u[i], true)
            } else {
                (best[i], false)
            };
            if !bound[i] || !here.is_finite() {
                continue;
            }
            // Dictionary words from i; and from i + 1 with the orphan
            // consonant at i in front (ก|รี้ด -> กรี้ด).
            // Only before ร ล ว, which make initial consonant clusters.
            let orphan_here = is_orphan(bound, chars, i)
                && matches!(chars.get(i + 1), Some(0x0E23 | 0x0E25 | 0x0E27));
            for (from, pre) in [(i, 0.0), (i + 1, costs.orphan)] {
                if from > i && !orphan_here {
                    break;
                }
                let limit = n.min(from + MAX_WORD_CHARS);
                let mut st = Dict::ROOT;
                for (k, &code) in codes.iter().enumerate().take(limit).skip(from) {
                    match dict.next(st, code) {
                        Some(t) => st = t,
                        None => break,
                    }
                    let wc = dict.cost(st);
                    if wc.is_finite() {
                        word_ends(bound, chars, same_end, k, elongation, |j, extra| {
                            let c = here + pre + wc + extra;
                            relax(best, back, unknown, i, j, c, here_u);
                        });
                        // A final consonant left over after the word
                        // (แม่|ง -> แม่ง).
                        if bound[k + 1] && is_orphan(bound, chars, k + 1) {
                            let c = here + pre + wc + costs.orphan;
                            relax(best, back, unknown, i, k + 2, c, here_u);
                        }
                    }
                }
            }
            // User words from i.
            if self.user_max > 0 {
                let limit = n.min(i + self.user_max);
                key.clear();
                for (k, &code) in codes.iter().enumerate().take(limit).skip(i) {
                    key.push(code);
                    if self.user.contains(key.as_slice()) {
                        word_ends(bound, chars, same_end, k, elongation, |j, extra| {
                            let c = here + costs.user + extra;
                            relax(best, back, unknown, i, j, c, here_u);
                        });
                    }
                }
            }
            // One cluster as unknown (a dot or other symbol: split off).
            let mut j = i + 1;
            while !bound[j] {
                j += 1;
            }
            if codes[i] == DOT || codes[i] == 0 {
                relax(best, back, unknown, i, j, here + costs.dot, here_u);
            } else {
                // Starting an unknown stretch, or going on with one.
                let start = best[i] + costs.unknown;
                relax(best_u, back_u, unknown_u, i, j, start, false);
                let more = best_u[i] + costs.unknown_more;
                relax(best_u, back_u, unknown_u, i, j, more, true);
            }
        }
        // Walk back; an unknown stretch is one word.
        let first = ends.len();
        let mut j = n;
        let mut in_u = best_u[n] < best[n];
        while j > 0 {
            ends.push(offs[j] as usize);
            if in_u {
                while j > 0 {
                    let more = unknown_u[j];
                    j = back_u[j] as usize;
                    if !more {
                        break;
                    }
                }
                in_u = false;
            } else {
                in_u = unknown[j];
                j = back[j] as usize;
            }
        }
        ends[first..].reverse();
    }

    /// The lookup form of a Thai word and its flags: the repetition mark `ๆ`
    /// removed ([`TokenFlags::REPEATED`]), elongation squeezed
    /// ([`TokenFlags::ELONGATED`]: a letter written three or more times in a
    /// row, or twice at the end when the single form is a known word), and
    /// [`TokenFlags::UNKNOWN_WORD`] when the result is not a dictionary or
    /// user word.
    ///
    /// ```
    /// use backlash::{tokenize::thai::ThaiSegmenter, TokenFlags};
    /// let seg = ThaiSegmenter::new();
    /// let (norm, flags) = seg.normalize("ดีๆ");
    /// assert_eq!(norm, "ดี");
    /// assert!(flags.contains(TokenFlags::REPEATED));
    /// assert_eq!(seg.normalize("ค่าาาา").0, "ค่า");
    /// assert_eq!(seg.normalize("ธรรม").0, "ธรรม");
    /// ```
    pub fn normalize<'a>(&self, word: &'a str) -> (Cow<'a, str>, TokenFlags) {
        let mut flags = TokenFlags::empty();
        let mut norm = Cow::Borrowed(word);
        if word.contains('ๆ') {
            flags.insert(TokenFlags::REPEATED);
            let w: String = word.chars().filter(|&c| c != 'ๆ').collect();
            // A lone ๆ keeps its form.
            if !w.is_empty() {
                norm = Cow::Owned(w);
            }
        }
        if has_run(&norm, 3) {
            norm = Cow::Owned(squeeze(&norm, 3));
            flags.insert(TokenFlags::ELONGATED);
        }
        let mut known = norm.is_empty() || self.contains(&norm);
        if !known {
            // A doubled final letter (`ค่าา`, `นะะ`).
            let mut it = norm.chars().rev();
            if let (Some(a), Some(b)) = (it.next(), it.next()) {
                if a == b {
                    let cut = &norm[..norm.len() - a.len_utf8()];
                    if self.contains(cut) {
                        norm = Cow::Owned(cut.to_string());
                        flags.insert(TokenFlags::ELONGATED);
                        known = true;
                    }
                }
            }
        }
        if !known && !norm.bytes().all(|b| b == b'.') {
            flags.insert(TokenFlags::UNKNOWN_WORD);
        }
        (norm, flags)
    }
}

/// The ends of a word whose last letter is at `k`: right after it, after
/// the letter's repeats (elongation, at `elongation` extra cost), and after a
/// following ๆ; calls `f(end, extra_cost)` for each end on a cluster boundary.
#[inline(always)]
fn word_ends(
    bound: &[bool],
    chars: &[u32],
    same_end: &[u32],
    k: usize,
    elongation: f32,
    mut f: impl FnMut(usize, f32),
) {
    let n = chars.len();
    let j = k + 1;
    if bound[j] {
        f(j, 0.0);
    }
    let mut je = j;
    let mut extra = 0.0;
    if j < n && chars[j] == chars[k] && chars[k] != '.' as u32 {
        je = same_end[j] as usize;
        extra = elongation;
        // One repeat inside a run is more often the next word's first
        // letter (มาก|กว่า) than elongation.
        if bound[je] && (je > j + 1 || je == n) {
            f(je, extra);
        }
    }
    let mut jm = je;
    while jm < n && chars[jm] == MAI_YAMOK {
        jm += 1;
    }
    if jm > je && bound[jm] {
        f(jm, extra);
    }
}

/// Whether the cluster at `i` is a lone consonant.
#[inline]
fn is_orphan(bound: &[bool], chars: &[u32], i: usize) -> bool {
    i + 1 < bound.len() && bound[i] && bound[i + 1] && tcc::is_consonant(chars[i])
}

/// Whether `s` has a character repeated `min` or more times in a row.
fn has_run(s: &str, min: usize) -> bool {
    let mut prev = None;
    let mut count = 0;
    for c in s.chars() {
        if Some(c) == prev {
            count += 1;
            if count >= min {
                return true;
            }
        } else {
            prev = Some(c);
            count = 1;
        }
    }
    false
}

/// Collapses runs of `min` or more copies of a character to one.
fn squeeze(s: &str, min: usize) -> String {
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let mut j = i + 1;
        while j < chars.len() && chars[j] == chars[i] {
            j += 1;
        }
        let keep = if j - i >= min { 1 } else { j - i };
        for _ in 0..keep {
            out.push(chars[i]);
        }
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(s: &str) -> Vec<&str> {
        ThaiSegmenter::new().words(s).collect()
    }

    #[test]
    fn embedded_dictionary_loads() {
        let s = ThaiSegmenter::new();
        assert!(s.dict_len() > 50_000, "{}", s.dict_len());
        assert!(s.contains("ข้าว"));
        assert!(s.contains("ชม."));
        let common = s.word_cost("ที่").expect("ที่");
        let rare = s.word_cost("กระบือ").expect("กระบือ");
        assert!(common < rare);
    }

    #[test]
    fn unknown_costs_more_than_any_word() {
        let s = ThaiSegmenter::new();
        let max = s.dict().max_cost();
        assert!(max.is_finite());
        assert!(s.costs().unknown > max, "{} <= {max}", s.costs().unknown);
        assert!(s.costs().orphan < s.costs().unknown);
    }

    #[test]
    fn common_sentences() {
        assert_eq!(seg("ฉันกินข้าว"), ["ฉัน", "กิน", "ข้าว"]);
        assert_eq!(seg("รอสายนานมาก"), ["รอ", "สาย", "นาน", "มาก"]);
        assert_eq!(
            seg("ไม่มีใครรับสายเลย"),
            ["ไม่", "มี", "ใคร", "รับ", "สาย", "เลย"]
        );
        assert_eq!(seg("ขอบคุณค่ะ"), ["ขอบคุณ", "ค่ะ"]);
    }

    #[test]
    fn abbreviations_and_dots() {
        assert_eq!(seg("กทม."), ["กทม."]);
        assert_eq!(seg("ชม."), ["ชม."]);
        assert_eq!(seg("ม.ค."), ["ม.ค."]);
        assert_eq!(seg("กินข้าว."), ["กิน", "ข้าว", "."]);
        assert_eq!(seg("ดี..."), ["ดี", ".", ".", "."]);
    }

    #[test]
    fn elongation_stays_in_word() {
        assert_eq!(seg("แย่มากกกก"), ["แย่", "มากกกก"]);
        assert_eq!(seg("ค่าาาาแพง"), ["ค่าาาา", "แพง"]);
        let s = ThaiSegmenter::new();
        let (n, f) = s.normalize("มากกกก");
        assert_eq!(n, "มาก");
        assert!(f.contains(TokenFlags::ELONGATED));
        assert!(!f.contains(TokenFlags::UNKNOWN_WORD));
        let (n, f) = s.normalize("นะะ");
        assert_eq!(n, "นะ");
        assert!(f.contains(TokenFlags::ELONGATED));
        let (n, f) = s.normalize("กรรม");
        assert_eq!(n, "กรรม");
        assert!(!f.contains(TokenFlags::ELONGATED));
    }

    #[test]
    fn repetition_mark() {
        assert_eq!(seg("ดีๆ"), ["ดีๆ"]);
        assert_eq!(seg("เด็กๆชอบ"), ["เด็กๆ", "ชอบ"]);
        let (n, f) = ThaiSegmenter::new().normalize("เด็กๆ");
        assert_eq!(n, "เด็ก");
        assert!(f.contains(TokenFlags::REPEATED));
    }

    #[test]
    fn unknown_clusters_merge() {
        let s = ThaiSegmenter::new();
        let w: Vec<_> = s.words("ยยยยย").collect();
        assert_eq!(w, ["ยยยยย"]);
        let (_, f) = s.normalize("ฆฆฬฬ");
        assert!(f.contains(TokenFlags::UNKNOWN_WORD));
    }

    #[test]
    fn unknown_words_and_lone_consonants() {
        // A misspelt word is one unknown word, not merged with its
        // neighbours.
        assert_eq!(seg("ไม่อยากกินฟลุ๊กแล้ว"), ["ไม่", "อยาก", "กิน", "ฟลุ๊ก", "แล้ว"]);
        // A lone consonant joins the word after it (initial cluster กร).
        assert_eq!(seg("กรี้ดดังมาก"), ["กรี้ด", "ดัง", "มาก"]);
        let (_, f) = ThaiSegmenter::new().normalize("ฟลุ๊ก");
        assert!(f.contains(TokenFlags::UNKNOWN_WORD));
    }

    #[test]
    fn user_words_win() {
        let mut s = ThaiSegmenter::new();
        let before: Vec<_> = s.words("สั่งไลน์แมนมา").collect();
        assert!(!before.contains(&"ไลน์แมน"), "{before:?}");
        s.add_word("ไลน์แมน");
        let after: Vec<_> = s.words("สั่งไลน์แมนมา").collect();
        assert_eq!(after, ["สั่ง", "ไลน์แมน", "มา"]);
        assert!(s.contains("ไลน์แมน"));
        // A user word beats a split into common words.
        s.add_word("มากิน");
        let w: Vec<_> = s.words("เขามากินข้าว").collect();
        assert_eq!(w, ["เขา", "มากิน", "ข้าว"]);
        s.add_word("not thai");
        s.add_word("");
    }

    #[test]
    fn odd_runs_cover() {
        let s = ThaiSegmenter::new();
        for run in ["", "ั", "่่่", "เ", "a", "ก.ข.ค.", "ๆ", "ๆๆๆ", ".", "กx"]
        {
            let mut ends = Vec::new();
            s.segment_into(run, &mut ends);
            if run.is_empty() {
                assert!(ends.is_empty());
            } else {
                assert_eq!(ends.last(), Some(&run.len()), "{run}");
                assert!(ends.windows(2).all(|w| w[0] < w[1]), "{run} {ends:?}");
            }
        }
    }

    #[test]
    fn long_runs_are_linear() {
        // Would take far longer than the test budget if quadratic.
        let s = ThaiSegmenter::new();
        let run = "ก".repeat(200_000);
        let mut ends = Vec::new();
        s.segment_into(&run, &mut ends);
        assert_eq!(ends.last(), Some(&run.len()));
    }
}
