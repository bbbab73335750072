//! "Ordered X, got Y": whether Y names the thing ordered.
//!
//! A gapped cue written with a trailing `≠` (`ordered … got ≠`,
//! `สั่ง … ได้ … มา ≠`, `הזמנתי … קיבלתי ≠`) counts only when what the customer
//! got differs from what they ordered. The ordered object is what stands in
//! the cue's last gap; the received object is what stands in the gap after
//! it when the cue has one more part (`สั่ง X ได้ Y มา`), else the words
//! right after the cue, up to a clause boundary. The cue does not count when
//! the received object
//! - opens with a pronoun or a word for the order as a whole ("got **it** by
//!   7:20", "ได้**ของ**มาวันพุธ", "קיבלתי **אותה** אחרי יומיים"), or
//! - holds only words of the ordered object ("ordered the blue one and got
//!   the blue one", "สั่งเสื้อไซส์ L ได้ไซส์ L มา").
//!
//! Words are compared on English Snowball stems, Hebrew stems without
//! proclitic letters and with final letters folded, and Thai words as the
//! segmenter cut them; articles, possessives and polite particles are
//! skipped. "Ordered a large and got a small", "สั่งสีดำ ได้สีขาวมา" and
//! "ordered size 10, got size 6" still count.

use std::sync::LazyLock;

use super::cues::fold_hebrew_into;
use crate::lang::Script;
use crate::tokenize::{english, Token, TokenKind};

/// Most words read after a two-part cue for the received object.
pub(crate) const GOT_WINDOW: usize = 6;

/// Words skipped in an object (articles, possessives, particles).
const SKIPPED: &[&str] = &[
    "a",
    "an",
    "the",
    "my",
    "our",
    "your",
    "his",
    "her",
    "their",
    "this",
    "that",
    "these",
    "those",
    "some",
    "any",
    "me",
    "us",
    "i",
    "we",
    "you",
    "of",
    "את",
    "של",
    "לי",
    "לנו",
    "זה",
    "זאת",
    "ที่",
    "เป็น",
    "ให้",
    "เลย",
    "นะ",
    "ค่ะ",
    "ครับ",
    "คะ",
    "จ้า",
    "อะ",
    "ก็",
];

/// Words that end the received object read after a cue.
const BOUNDARY: &[&str] = &[
    "and",
    "but",
    "or",
    "at",
    "in",
    "on",
    "by",
    "after",
    "before",
    "within",
    "from",
    "to",
    "for",
    "because",
    "which",
    "so",
    "then",
    "when",
    "while",
    "today",
    "yesterday",
    "tomorrow",
    "only",
    "just",
    "already",
    "אבל",
    "אחרי",
    "תוך",
    "לפני",
    "כי",
    "כבר",
    "היום",
    "אתמול",
    "רק",
    "แต่",
    "แล้ว",
    "เมื่อ",
    "ตอน",
    "หลัง",
    "ภายใน",
];

/// A received object opening with one of these is the order itself.
const WHOLE_ORDER: &[&str] = &[
    "it",
    "them",
    "one",
    "mine",
    "everything",
    "order",
    "package",
    "parcel",
    "delivery",
    "stuff",
    "item",
    "items",
    "food",
    "אותו",
    "אותה",
    "אותם",
    "אותן",
    "הכל",
    "הזמנה",
    "חבילה",
    "משלוח",
    "מוצר",
    "אוכל",
    "ของ",
    "สินค้า",
    "พัสดุ",
    "ครบ",
    "ตามสั่ง",
    "ไว",
    "เร็ว",
    "ทัน",
];

/// The lists above in key form ([`key_of`]), built on first use.
struct Lists {
    skipped: Vec<String>,
    boundary: Vec<String>,
    whole: Vec<String>,
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    let keys = |l: &[&str]| l.iter().map(|w| key_of(w, 0)).collect();
    Lists {
        skipped: keys(SKIPPED),
        boundary: keys(BOUNDARY),
        whole: keys(WHOLE_ORDER),
    }
});

/// The comparable form of a word: Latin words by their Snowball stem,
/// Hebrew words without their first `prefix_len` bytes and with final
/// letters folded, anything else as it is.
fn key_of(norm: &str, prefix_len: usize) -> String {
    let mut k = String::new();
    match norm.chars().next().map(Script::of) {
        Some(Script::Latin) => english::with_stem(norm, |s| k.push_str(s)),
        Some(Script::Hebrew) => {
            let stem = norm
                .get(prefix_len..)
                .filter(|s| !s.is_empty())
                .unwrap_or(norm);
            fold_hebrew_into(stem, &mut k);
        }
        _ => k.push_str(norm),
    }
    k
}

/// Collects object words: skipped words are left out; `window` marks the
/// words read after a cue, which stop at a boundary word (returns `false`
/// there).
#[derive(Default)]
pub(crate) struct Object {
    words: Vec<String>,
}

impl Object {
    /// Adds a word (its normal form and Hebrew prefix length); returns
    /// `false` when the word ends a window.
    pub(crate) fn push(&mut self, norm: &str, prefix_len: usize, window: bool) -> bool {
        let k = key_of(norm, prefix_len);
        if k.is_empty() {
            return true;
        }
        let lists = &*LISTS;
        if window && lists.boundary.contains(&k) {
            return false;
        }
        if !lists.skipped.contains(&k) {
            self.words.push(k);
        }
        true
    }

    /// Adds the word and number tokens of `tokens`; with `window`, stops at
    /// punctuation, a boundary word or after [`GOT_WINDOW`] tokens.
    pub(crate) fn extend(&mut self, tokens: &[Token<'_>], window: bool) {
        for (n, t) in tokens.iter().enumerate() {
            if window && n >= GOT_WINDOW {
                break;
            }
            // Punctuation and other tokens end a window, else are passed.
            let more = match t.kind {
                TokenKind::Word | TokenKind::Number => {
                    self.push(&t.norm, t.prefix_len as usize, window)
                }
                _ => !window,
            };
            if !more {
                break;
            }
        }
    }

    /// Whether `self` (what the customer got) names `ordered`: it opens
    /// with a word for the whole order, or holds only ordered words.
    pub(crate) fn names(&self, ordered: &Object) -> bool {
        let Some(first) = self.words.first() else {
            return false;
        };
        LISTS.whole.contains(first) || self.words.iter().all(|w| ordered.words.contains(w))
    }
}

/// Whether "ordered `ordered`, got `got`" names one thing (see the module
/// docs); `got_window` marks a received object read after the cue.
pub(crate) fn same_thing(ordered: &[Token<'_>], got: &[Token<'_>], got_window: bool) -> bool {
    let mut o = Object::default();
    o.extend(ordered, false);
    let mut g = Object::default();
    g.extend(got, got_window);
    g.names(&o)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(text: &str, window: bool) -> Object {
        let toks: Vec<_> = crate::tokenize(text).collect();
        let mut o = Object::default();
        o.extend(&toks, window);
        o
    }

    #[test]
    fn objects_compare_on_content_words() {
        let ordered = obj("the blue one and", false);
        assert!(obj("the blue one, exactly as pictured", true).names(&ordered));
        assert!(obj("it by 7:20", true).names(&obj("a pizza at 7", false)));
        assert!(!obj("a small", true).names(&obj("a large", false)));
        assert!(!obj("size 6", true).names(&obj("size 10", false)));
        assert!(!obj("a pizza with no cheese", true).names(&obj("a pizza", false)));
        // Stems: "shirts" is "shirt".
        assert!(obj("the shirts", true).names(&obj("two shirt", false)));
        // The window stops at a boundary word, not in the ordered part.
        assert!(obj("the pizza at 9", true).names(&obj("pizza at 7", false)));
        // Nothing received: no evidence of the same thing.
        assert!(!obj(", sadly", true).names(&obj("a pizza", false)));
        // Hebrew prefixes and final letters.
        assert!(obj("אותה אחרי יומיים", true).names(&obj("חולצה", false)));
        assert!(obj("החולצה הכחולה", true).names(&obj("חולצה כחולה", false)));
        assert!(!obj("חולצה לבנה", true).names(&obj("חולצה כחולה", false)));
    }
}
