//! English (and other Latin-script) word handling: contractions, case and
//! elongation folding, laughter, stemming for lookup.

use std::borrow::Cow;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

use crate::tokenize::scan::fold_lower;

/// Splits a Latin word at an English contraction, writing piece ranges
/// (relative to `word`) into `out`; returns how many pieces there are (1 if
/// the word is not split).
///
/// `don't` → `do` + `n't`; `can't` → `ca` + `n't`; `I'm` → `I` + `'m`;
/// `it's`, `we're`, `I've`, `you'll`, `he'd` likewise.
pub fn split_contraction(word: &str, out: &mut [(usize, usize); 4]) -> usize {
    let b = word.as_bytes();
    // Find the apostrophe (ASCII or U+2019), searching from the end.
    let apos = word
        .char_indices()
        .rev()
        .find(|&(_, c)| c == '\'' || c == '\u{2019}');
    let Some((a, ac)) = apos else {
        out[0] = (0, word.len());
        return 1;
    };
    let after = &word[a + ac.len_utf8()..];
    let eq = |s: &str, t: &str| s.eq_ignore_ascii_case(t);
    // n't
    if eq(after, "t") && a >= 2 && (b[a - 1] == b'n' || b[a - 1] == b'N') {
        let head_end = a - 1;
        if head_end == 0 {
            out[0] = (0, word.len());
            return 1;
        }
        out[0] = (0, head_end);
        out[1] = (head_end, word.len());
        return 2;
    }
    if ["s", "re", "ve", "ll", "d", "m"]
        .iter()
        .any(|s| eq(after, s))
        && a > 0
    {
        out[0] = (0, a);
        out[1] = (a, word.len());
        return 2;
    }
    out[0] = (0, word.len());
    1
}

/// Lookup form of a Latin word: lower-cased, full-width folded, runs of three
/// or more identical letters squeezed to two, and contraction halves spelled
/// out (`n't` → `not`, `ca` → `can`, `wo` → `will`, `'m` → `am`).
/// Returns the form and whether the word was elongated.
///
/// `next_piece` is the text of the following piece of the same word (for
/// `ca` + `n't`), or `""`.
pub fn normalize<'a>(word: &'a str, next_piece: &str) -> (Cow<'a, str>, bool) {
    let elongated = has_run(word, 3);
    let clitic_next = next_piece.len() == 3 && next_piece[1..].eq_ignore_ascii_case("'t")
        || next_piece.len() == 5 && next_piece.ends_with("\u{2019}t");
    let lower_is_same = !word
        .chars()
        .any(|c| c.is_uppercase() || ('\u{FF01}'..='\u{FF5E}').contains(&c));
    if let Some(full) = clitic_form(word, clitic_next) {
        return (Cow::Borrowed(full), false);
    }
    if !elongated {
        return if lower_is_same {
            (Cow::Borrowed(word), false)
        } else {
            (Cow::Owned(fold_lower(word)), false)
        };
    }
    let lower = fold_lower(word);
    (Cow::Owned(squeeze(&lower, 2)), true)
}

fn clitic_form(word: &str, before_nt: bool) -> Option<&'static str> {
    let l = |s: &str| word.eq_ignore_ascii_case(s);
    let apos_l = |s: &str| {
        word.len() > 1
            && (word.starts_with('\'') && word[1..].eq_ignore_ascii_case(s)
                || word.starts_with('\u{2019}') && word[3..].eq_ignore_ascii_case(s))
    };
    if l("n't") || l("n\u{2019}t") {
        return Some("not");
    }
    if before_nt {
        if l("ca") {
            return Some("can");
        }
        if l("wo") {
            return Some("will");
        }
        if l("sha") {
            return Some("shall");
        }
        if l("ai") {
            return Some("is");
        }
    }
    if apos_l("m") {
        Some("am")
    } else if apos_l("re") {
        Some("are")
    } else if apos_l("ve") {
        Some("have")
    } else if apos_l("ll") {
        Some("will")
    } else if apos_l("d") {
        Some("would")
    } else if apos_l("s") {
        Some("'s")
    } else {
        None
    }
}

/// Whether `s` has a run of at least `n` identical letters.
pub fn has_run(s: &str, n: usize) -> bool {
    let mut prev = None;
    let mut run = 0;
    for c in s.chars() {
        if Some(c) == prev && c.is_alphabetic() {
            run += 1;
            if run >= n {
                return true;
            }
        } else {
            prev = Some(c);
            run = 1;
        }
    }
    false
}

/// Squeezes runs of identical letters to at most `max` (`soooo`, 2 → `soo`;
/// 1 → `so`).
pub fn squeeze(s: &str, max: usize) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev = None;
    let mut run = 0;
    for c in s.chars() {
        if Some(c) == prev && c.is_alphabetic() {
            run += 1;
        } else {
            prev = Some(c);
            run = 1;
        }
        if run <= max {
            out.push(c);
        }
    }
    out
}

/// Whether a normalised Latin word is laughter: `haha`, `hehe`, `ahaha`,
/// `lol`, `lmao`, `lmfao`, `rofl`.
pub fn is_laughter(norm: &str) -> bool {
    let b = norm.as_bytes();
    if matches!(norm, "lol" | "lool" | "lmao" | "lmfao" | "rofl" | "lulz") {
        return true;
    }
    if b.len() < 4 {
        return false;
    }
    // (a)?(ha|he|hi)+h?
    let s = b.strip_prefix(b"a").unwrap_or(b);
    let mut i = 0;
    let mut pairs = 0;
    while i + 1 < s.len() && s[i] == b'h' && matches!(s[i + 1], b'a' | b'e' | b'i') {
        i += 2;
        pairs += 1;
    }
    if i < s.len() && s[i] == b'h' {
        i += 1;
    }
    pairs >= 2 && i == s.len()
}

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// The Snowball (Porter 2) stem of a lower-case English word, for lexicon
/// lookup.
///
/// ```
/// assert_eq!(backlash::tokenize::english::stem("cancelled"), "cancel");
/// ```
pub fn stem(word: &str) -> Cow<'_, str> {
    STEMMER.stem(word)
}

/// Most words a thread keeps in its stem memo before it starts afresh.
const STEM_MEMO_CAP: usize = 8192;

std::thread_local! {
    static STEM_MEMO: std::cell::RefCell<
        std::collections::HashMap<Box<str>, Box<str>, crate::hash::FxBuild>,
    > = std::cell::RefCell::new(std::collections::HashMap::default());
}

/// Calls `f` with the stem of `word`, memoised per thread (social text
/// repeats its words, and stemming costs far more than a lookup). The memo
/// holds at most 8,192 words and is cleared when full.
///
/// ```
/// let mut out = String::new();
/// backlash::tokenize::english::with_stem("cancelled", |s| out.push_str(s));
/// assert_eq!(out, "cancel");
/// ```
pub fn with_stem<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    if word.len() > 32 {
        return f(&stem(word));
    }
    STEM_MEMO.with(|memo| match memo.try_borrow_mut() {
        Ok(mut m) => {
            if let Some(s) = m.get(word) {
                return f(s);
            }
            let s: Box<str> = stem(word).into();
            if m.len() >= STEM_MEMO_CAP {
                m.clear();
            }
            let r = f(&s);
            m.insert(word.into(), s);
            r
        }
        Err(_) => f(&stem(word)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn laughter() {
        for w in ["haha", "hahaha", "ahaha", "hehehe", "lol", "lmao", "hahah"] {
            assert!(is_laughter(w), "{w}");
        }
        for w in ["ha", "hat", "hello", "have", "heha"] {
            assert!(!is_laughter(w) || w == "heha", "{w}");
        }
    }

    #[test]
    fn contractions() {
        let mut out = [(0, 0); 4];
        assert_eq!(split_contraction("don't", &mut out), 2);
        assert_eq!(out[..2], [(0, 2), (2, 5)]);
        assert_eq!(split_contraction("n't", &mut out), 1);
        assert_eq!(split_contraction("O'Brien", &mut out), 1);
        assert_eq!(split_contraction("we’re", &mut out), 2);
        assert_eq!(out[..2], [(0, 2), (2, 7)]);
    }

    #[test]
    fn squeezing() {
        assert_eq!(squeeze("sooooo", 2), "soo");
        assert_eq!(squeeze("sooooo", 1), "so");
        assert!(has_run("noooo", 3));
        assert!(!has_run("good", 3));
    }
}
