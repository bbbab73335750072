//! English rules: lookup of lower-cased words and phrases (`on hold`,
//! `kind of`), drawn-out words squeezed back (`goooood` → `good`), capitals.

/// How many slots before a sentiment word a negator may stand: English negators reach three words ahead (VADER).
pub(crate) const NEGATION_WINDOW: usize = 3;

use super::engine::{Item, ItemKind};
use crate::lexicon::{Entry, Phrase, Table};
use crate::tokenize::{Span, Token, TokenFlags, TokenKind};

/// Squeezes runs of a repeated ASCII letter to one (`sooo` → `so`) into
/// `buf`; `None` if the word is not ASCII or too long.
fn squeeze1<'b>(word: &str, buf: &'b mut [u8; 64]) -> Option<&'b str> {
    if !word.is_ascii() || word.len() > buf.len() {
        return None;
    }
    let mut n = 0;
    let mut prev = 0u8;
    for &b in word.as_bytes() {
        if b != prev || !b.is_ascii_alphabetic() {
            buf[n] = b;
            n += 1;
        }
        prev = b;
    }
    core::str::from_utf8(&buf[..n]).ok()
}

/// The byte of the original text at `at`, if it lies in a neighbouring
/// token (tokens do not hold the whole text).
fn text_byte(tokens: &[Token<'_>], i: usize, at: usize) -> Option<u8> {
    let p = tokens.get(i.checked_sub(1)?)?;
    if p.span.end == at + 1 {
        p.text.as_bytes().last().copied()
    } else {
        None
    }
}

/// Whether `like` at `tokens[i]` is the verb (`I like it`, `would like`)
/// rather than the preposition or filler (`looks like rain`, `like, wow`),
/// judged by the word before it.
fn like_is_verb(tokens: &[Token<'_>], i: usize) -> bool {
    let Some(p) = i.checked_sub(1).and_then(|j| tokens.get(j)) else {
        return false;
    };
    if p.kind != TokenKind::Word {
        return false;
    }
    matches!(
        &*p.norm,
        "i" | "we"
            | "you"
            | "they"
            | "u"
            | "ya"
            | "people"
            | "really"
            | "also"
            | "still"
            | "just"
            | "totally"
            | "definitely"
            | "do"
            | "does"
            | "did"
            | "not"
            | "would"
            | "'d"
            | "to"
            | "actually"
            | "kinda"
            | "always"
            | "truly"
            | "so"
            | "who"
            | "guys"
            | "all"
    )
}

/// Whether `tokens[i]` is a clitic split from the word before it (`'s` of
/// `it's`, `n't` of `doesn't`, `'ll` of `you'll`): no space between them
/// and the piece starts with an apostrophe or is `n't`.
fn glued(tokens: &[Token<'_>], i: usize) -> bool {
    let t = &tokens[i];
    let Some(p) = i.checked_sub(1).and_then(|j| tokens.get(j)) else {
        return false;
    };
    p.span.end == t.span.start
        && p.kind == TokenKind::Word
        && (t.text.starts_with(['\'', '\u{2019}'])
            || t.text.eq_ignore_ascii_case("n't")
            || t.text.eq_ignore_ascii_case("n\u{2019}t"))
}

/// The entry for one English word form.
#[inline]
pub(crate) fn lookup(table: &Table, norm: &str, elongated: bool) -> Option<Entry> {
    if let Some(e) = table.get(norm) {
        return Some(*e);
    }
    if elongated {
        let mut buf = [0u8; 64];
        if let Some(s) = squeeze1(norm, &mut buf) {
            return table.get(s).copied();
        }
    }
    None
}

/// Pushes the item of a phrase (words matched on their normal forms)
/// starting at `tokens[i]`, if one matches; returns the number of further
/// tokens it used.
pub(crate) fn push_phrase(
    table: &Table,
    tokens: &[Token<'_>],
    i: usize,
    items: &mut Vec<Item>,
) -> Option<usize> {
    let list = table.phrases_at(&tokens[i].norm)?;
    match_phrase(list, tokens, i, items)
}

/// Pushes the first phrase of `list` that matches the words after
/// `tokens[i]`; returns the number of further tokens it used.
fn match_phrase(
    list: &[Phrase],
    tokens: &[Token<'_>],
    i: usize,
    items: &mut Vec<Item>,
) -> Option<usize> {
    let t = &tokens[i];
    for p in list {
        let n = p.rest.len();
        let Some(next) = tokens.get(i + 1..i + 1 + n) else {
            continue;
        };
        if next
            .iter()
            .zip(p.rest.iter())
            .all(|(tk, w)| tk.kind == TokenKind::Word && *tk.norm == **w)
        {
            let end = next.last().map_or(t.span.end, |tk| tk.span.end);
            let mut it = Item::new(Span::new(t.span.start, end), Some(p.entry), ItemKind::Word);
            it.caps = t.flags.contains(TokenFlags::ALL_CAPS);
            items.push(it);
            return Some(n);
        }
    }
    None
}

/// Pushes the item for the word at `tokens[i]` (or a phrase starting there);
/// returns how many further tokens the phrase used.
pub(crate) fn push_items(
    table: &Table,
    tokens: &[Token<'_>],
    i: usize,
    items: &mut Vec<Item>,
) -> usize {
    let t = &tokens[i];
    let norm: &str = &t.norm;
    let slot = table.slot(norm);
    if let Some(s) = slot.filter(|s| !s.phrases.is_empty()) {
        if let Some(n) = match_phrase(&s.phrases, tokens, i, items) {
            return n;
        }
    }
    let elongated = t.flags.contains(TokenFlags::ELONGATED);
    // Single letters (`D` of `D:`) and HTML entities (`&gt;`) carry no sentiment.
    let entity = t.span.start > 0 && text_byte(tokens, i, t.span.start - 1) == Some(b'&');
    let e = if norm.len() < 2 || entity || (norm == "like" && !like_is_verb(tokens, i)) {
        None
    } else if let Some(e) = slot.and_then(|s| s.entry) {
        // The slot found above already holds the word's entry.
        Some(e)
    } else if elongated {
        lookup(table, norm, elongated)
    } else {
        None
    };
    let mut it = Item::new(t.span, e, ItemKind::Word);
    it.caps = t.flags.contains(TokenFlags::ALL_CAPS);
    it.elongated = elongated;
    it.glued = glued(tokens, i);
    items.push(it);
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::{analyze, Label, Rule};

    fn negations(text: &str) -> Vec<&str> {
        analyze(text)
            .evidence
            .iter()
            .filter(|e| e.rule == Rule::Negation)
            .map(|e| &text[e.span.range()])
            .collect()
    }

    #[test]
    fn windows_count_words_not_clitics() {
        // VADER's three words: `n't` of "doesn't" is three words before
        // "good" ("doesn't mean it's good"), four items.
        let t = "doesn't mean it's good";
        assert_eq!(negations(t), ["n't"]);
        assert!(analyze(t).sentiment.compound < 0.0);
        // Four words away: no negation.
        assert!(negations("doesn't mean that it is good").is_empty());
    }

    #[test]
    fn least_negates_but_not_at_least() {
        assert_eq!(negations("the least interesting part"), ["least"]);
        assert!(analyze("the least interesting part").sentiment.compound < 0.0);
        assert!(negations("at least it was interesting").is_empty());
        assert!(analyze("at least it was interesting").sentiment.compound > 0.0);
    }

    #[test]
    fn dampener_never_turns_a_word_around() {
        // "awkward" is mild (VADER −0.6, shrunk for rater disagreement):
        // "a bit" weakens it, at most to zero.
        let a = analyze("the controls are a bit awkward");
        assert!(a.sentiment.compound <= 0.0, "{}", a.sentiment.compound);
        assert!(analyze("the controls are awkward").sentiment.compound < 0.0);
    }

    #[test]
    fn degree_adverbs_before_sentiment_words() {
        // VADER scores "pretty" 2.2 wherever it stands.
        assert_eq!(analyze("pretty bad").sentiment.label, Label::Neg);
        let good = analyze("pretty good").sentiment.compound;
        assert!(good > analyze("good").sentiment.compound);
        assert!(analyze("she is pretty").sentiment.compound > 0.0);
    }

    #[test]
    fn correlative_not_only_but_also() {
        let a = analyze("not only funny but also smart");
        assert!(a.sentiment.compound > analyze("funny").sentiment.compound);
        assert!(a
            .evidence
            .iter()
            .all(|e| e.rule != Rule::Negation && e.rule != Rule::Contrast));
    }

    #[test]
    fn labels_lean_against_weak_praise() {
        // Asymmetric thresholds (data/lexicon/params.tsv): weak negative
        // evidence labels negative, weak positive evidence does not.
        let weak_neg = analyze("there is a bit of a delay");
        assert!(weak_neg.sentiment.compound < 0.0);
        assert_eq!(weak_neg.sentiment.label, Label::Neg);
        let weak_pos = analyze("it was fine i guess");
        assert!(weak_pos.sentiment.compound > 0.0 && weak_pos.sentiment.compound < 0.2);
        assert_eq!(weak_pos.sentiment.label, Label::Neu);
        assert_eq!(analyze("the box is blue").sentiment.label, Label::Neu);
    }

    #[test]
    fn squeezes() {
        let mut b = [0u8; 64];
        assert_eq!(squeeze1("sooo", &mut b), Some("so"));
        assert_eq!(squeeze1("gooood", &mut b), Some("god"));
        assert_eq!(squeeze1("ไทย", &mut b), None);
    }
}
