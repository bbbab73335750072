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
//! - an unknown stretch costs more per cluster than any dictionary word, and
//!   consecutive unknown clusters become one token;
//! - elongation (`มากกกก`, `ค่าาาา`) stays in the token of its word, and the
//!   repetition mark `ๆ` stays with the word before it; [`normalize`]
//!   squeezes them out for lookup;
//! - abbreviations with dots (`ชม.`, `ม.ค.`, `กทม.`) are one word when the
//!   dictionary has them; otherwise the dot is split off;
//! - user words ([`ThaiSegmenter::add_word`]) take part in the search and
//!   win over dictionary words where they match.
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

/// Costs of the search, in nats.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SegmentCosts {
    /// Cost of one unknown cluster.
    pub unknown: f32,
    /// Cost of a dot split off a word.
    pub dot: f32,
    /// Extra cost of a word with elongation (`มากกกก`).
    pub elongation: f32,
    /// Cost of a user word.
    pub user: f32,
}

impl Default for SegmentCosts {
    fn default() -> Self {
        SegmentCosts {
            unknown: 19.0,
            dot: 6.0,
            elongation: 1.0,
            user: 4.0,
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
    dict: Arc<Dict>,
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
    key: Vec<u8>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl ThaiSegmenter {
    /// A segmenter over the embedded dictionary.
    pub fn new() -> ThaiSegmenter {
        ThaiSegmenter {
            dict: Arc::clone(&DICT),
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
            dict: Arc::new(Dict::build(&entries)),
            ..ThaiSegmenter::new()
        }
    }

    /// The dictionary as the bytes of `data/thai/dict.bin`.
    #[doc(hidden)]
    pub fn dict_bytes(&self) -> Vec<u8> {
        self.dict.to_bytes()
    }

    /// Every dictionary word with its cost, sorted.
    #[doc(hidden)]
    pub fn dict_entries(&self) -> Vec<(String, f32)> {
        self.dict.entries()
    }

    /// Number of words in the dictionary (without user words).
    pub fn dict_len(&self) -> usize {
        self.dict.len()
    }

    /// The cost of a dictionary word (its negative log probability), if the
    /// dictionary has it.
    pub fn word_cost(&self, word: &str) -> Option<f32> {
        self.dict.lookup(word)
    }

    /// Whether `word` is a dictionary or user word.
    pub fn contains(&self, word: &str) -> bool {
        self.dict.lookup(word).is_some()
            || (!self.user.is_empty()
                && dict::codes(word).is_some_and(|c| self.user.contains(c.as_slice())))
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
            Ok(mut s) => self.search(run, ends, &mut s),
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
        // Non-Thai characters stand alone.
        for i in 0..n {
            if codes[i] == 0 {
                bound[i] = true;
                bound[i + 1] = true;
            }
        }
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
        best[0] = 0.0;
        let costs = self.costs;
        let dict = &*self.dict;
        let relax = |best: &mut [f32], back: &mut [u32], unknown: &mut [bool], i, j, c, u| {
            if c < best[j] {
                best[j] = c;
                back[j] = i as u32;
                unknown[j] = u;
            }
        };
        for i in 0..n {
            let here = best[i];
            if !bound[i] || !here.is_finite() {
                continue;
            }
            // Dictionary words from i.
            let limit = n.min(i + MAX_WORD_CHARS);
            let mut st = Dict::ROOT;
            for k in i..limit {
                match dict.next(st, codes[k]) {
                    Some(t) => st = t,
                    None => break,
                }
                let wc = dict.cost(st);
                if wc.is_finite() {
                    let j = k + 1;
                    if bound[j] {
                        relax(best, back, unknown, i, j, here + wc, false);
                    }
                    // Elongation: the last letter repeated.
                    if j < n && chars[j] == chars[k] && codes[k] != DOT {
                        let j2 = same_end[j] as usize;
                        if bound[j2] {
                            let c = here + wc + costs.elongation;
                            relax(best, back, unknown, i, j2, c, false);
                        }
                    }
                }
            }
            // User words from i.
            if self.user_max > 0 {
                let limit = n.min(i + self.user_max);
                key.clear();
                for k in i..limit {
                    key.push(codes[k]);
                    let j = k + 1;
                    if self.user.contains(key.as_slice()) {
                        if bound[j] {
                            relax(best, back, unknown, i, j, here + costs.user, false);
                        }
                        if j < n && chars[j] == chars[k] {
                            let j2 = same_end[j] as usize;
                            if bound[j2] {
                                let c = here + costs.user + costs.elongation;
                                relax(best, back, unknown, i, j2, c, false);
                            }
                        }
                    }
                }
            }
            // One cluster as unknown (a dot or other symbol: split off).
            let mut j = i + 1;
            while !bound[j] {
                j += 1;
            }
            if codes[i] == DOT || codes[i] == 0 {
                relax(best, back, unknown, i, j, here + costs.dot, false);
            } else {
                relax(best, back, unknown, i, j, here + costs.unknown, true);
            }
        }
        // Walk back, merging consecutive unknown clusters.
        let first = ends.len();
        let mut j = n;
        while j > 0 {
            ends.push(offs[j] as usize);
            let mut i = back[j] as usize;
            if unknown[j] {
                while i > 0 && unknown[i] {
                    i = back[i] as usize;
                }
            }
            j = i;
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
            norm = Cow::Owned(w);
        }
        if has_run(&norm, 3) {
            norm = Cow::Owned(squeeze(&norm, 3));
            flags.insert(TokenFlags::ELONGATED);
        }
        if !norm.is_empty() && !self.contains(&norm) {
            // A doubled final letter (`ค่าา`, `นะะ`).
            let mut it = norm.chars().rev();
            if let (Some(a), Some(b)) = (it.next(), it.next()) {
                if a == b {
                    let cut = &norm[..norm.len() - a.len_utf8()];
                    if self.contains(cut) {
                        norm = Cow::Owned(cut.to_string());
                        flags.insert(TokenFlags::ELONGATED);
                    }
                }
            }
        }
        if !norm.is_empty() && !norm.bytes().all(|b| b == b'.') && !self.contains(&norm) {
            flags.insert(TokenFlags::UNKNOWN_WORD);
        }
        (norm, flags)
    }
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
    fn user_words_win() {
        let mut s = ThaiSegmenter::new();
        let before: Vec<_> = s.words("สั่งไลน์แมนมา").collect();
        assert!(!before.contains(&"ไลน์แมน"), "{before:?}");
        s.add_word("ไลน์แมน");
        let after: Vec<_> = s.words("สั่งไลน์แมนมา").collect();
        assert_eq!(after, ["สั่ง", "ไลน์แมน", "มา"]);
        assert!(s.contains("ไลน์แมน"));
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
