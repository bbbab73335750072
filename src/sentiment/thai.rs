//! Thai rules: a word is looked up whole (its normal form, with `ๆ` and
//! drawn-out letters folded by the segmenter); a stretch the segmenter did
//! not know is scanned for the longest lexicon entries inside it, matches
//! starting and ending only at Thai character-cluster boundaries. A letter
//! repeated after a match (`มากกกก`) and the repetition mark `ๆ` join the
//! match and mark it drawn out.

/// How many slots before a sentiment word a negator may stand: Thai `ไม่` negates the word or two after it.
pub(crate) const NEGATION_WINDOW: usize = 2;

use super::engine::{Item, ItemKind};
use crate::lexicon::Table;
use crate::tokenize::{Span, Token, TokenFlags};

/// Whether `c` cannot begin a Thai cluster: following vowels, above and
/// below vowels, tone marks and signs.
#[inline]
fn is_dependent(c: char) -> bool {
    matches!(c, '\u{0E30}'..='\u{0E3A}' | '\u{0E45}' | '\u{0E47}'..='\u{0E4E}')
}

/// Whether a match may end at byte `end` of `s`.
#[inline]
fn can_end(s: &str, end: usize) -> bool {
    s[end..].chars().next().map_or(true, |c| !is_dependent(c))
}

/// Pushes the items of the Thai word at `tokens[i]` (or of a word pair
/// starting there); returns how many further tokens a pair used.
pub(crate) fn push_items(
    table: &Table,
    tokens: &[Token<'_>],
    i: usize,
    items: &mut Vec<Item>,
) -> usize {
    let t = &tokens[i];
    if let Some(n) = super::english::push_phrase(table, tokens, i, items) {
        return n;
    }
    if let Some(e) = table.get(&t.norm) {
        let mut it = Item::new(t.span, Some(*e), ItemKind::Word);
        it.elongated =
            t.flags.contains(TokenFlags::ELONGATED) || t.flags.contains(TokenFlags::REPEATED);
        items.push(it);
        return 0;
    }
    if t.flags.contains(TokenFlags::UNKNOWN_WORD) {
        scan(table, t.text, t.span.start, items);
    } else {
        items.push(Item::new(t.span, None, ItemKind::Word));
    }
    0
}

/// Scans a Thai run for lexicon entries; unmatched stretches become neutral
/// items.
pub(crate) fn scan(table: &Table, s: &str, base: usize, items: &mut Vec<Item>) {
    let (prefixes, max_chars) = table.scan_index();
    let mut pos = 0;
    let mut gap: Option<usize> = None;
    while pos < s.len() {
        let Some(c0) = s[pos..].chars().next() else {
            break;
        };
        let mut best = None;
        if !is_dependent(c0) {
            let mut n = 0;
            for (off, c) in s[pos..].char_indices() {
                let end = pos + off + c.len_utf8();
                n += 1;
                let key = &s[pos..end];
                if let Some(e) = table.get(key) {
                    if can_end(s, end) {
                        best = Some((end, *e));
                    }
                }
                if n >= *max_chars || !prefixes.contains(key) {
                    break;
                }
            }
        }
        let Some((mut end, entry)) = best else {
            gap.get_or_insert(pos);
            pos += c0.len_utf8();
            continue;
        };
        if let Some(g) = gap.take() {
            items.push(Item::new(
                Span::new(base + g, base + pos),
                None,
                ItemKind::Word,
            ));
        }
        // Drawn-out last letter and the repetition mark.
        let mut elongated = false;
        if let Some(last) = s[..end].chars().next_back() {
            let mut reps = 0;
            let mut e2 = end;
            for c in s[end..].chars() {
                if c == last || c == 'ๆ' {
                    reps += 1;
                    e2 += c.len_utf8();
                } else {
                    break;
                }
            }
            if reps >= 1 && (reps >= 2 || s[end..].starts_with('ๆ')) {
                elongated = true;
                end = e2;
            }
        }
        let mut it = Item::new(
            Span::new(base + pos, base + end),
            Some(entry),
            ItemKind::Word,
        );
        it.elongated = elongated;
        items.push(it);
        pos = end;
    }
    if let Some(g) = gap {
        items.push(Item::new(
            Span::new(base + g, base + s.len()),
            None,
            ItemKind::Word,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::lexicon::Lexicon;

    fn table() -> Lexicon {
        let mut lex = Lexicon::new();
        lex.set_valence(Lang::Thai, "แย่", -2.5);
        lex.set_valence(Lang::Thai, "ดี", 1.9);
        lex
    }

    #[test]
    fn scan_finds_entries_at_cluster_boundaries() {
        let lex = table();
        let t = &lex.tables[crate::lexicon::table_index(Lang::Thai)];
        let s = "บริการแย่มากกกก";
        let mut items = Vec::new();
        scan(t, s, 0, &mut items);
        let hit: Vec<&str> = items
            .iter()
            .filter(|i| i.entry.valence != 0.0)
            .map(|i| &s[i.span.range()])
            .collect();
        assert_eq!(hit, ["แย่"]);
        // ดี must not match inside ดี + a following vowel-less mark.
        let s = "ดี\u{0E48}";
        items.clear();
        scan(t, s, 0, &mut items);
        assert!(items.iter().all(|i| i.entry.valence == 0.0));
    }

    #[test]
    fn scan_marks_drawn_out_matches() {
        let lex = table();
        let t = &lex.tables[crate::lexicon::table_index(Lang::Thai)];
        let s = "แย่ย่ย่";
        let mut items = Vec::new();
        scan(t, s, 0, &mut items);
        assert!(items[0].entry.valence < 0.0);
        let s = "ดีๆ";
        items.clear();
        scan(t, s, 0, &mut items);
        assert!(items[0].elongated);
        assert_eq!(items[0].span.end, s.len());
    }
}
