//! Hebrew rules: lookup with final letters folded, whole word first, then
//! without the proclitic prefix the tokenizer found, then without up to three
//! prefix letters (ו ה ב כ ל מ ש) when what remains is a lexicon word.

/// How many slots before a sentiment word a negator may stand: Hebrew `לא` negates the word after it.
pub(crate) const NEGATION_WINDOW: usize = 1;

use super::engine::{Item, ItemKind};
use crate::lexicon::{fold_hebrew, Entry, Table};
use crate::tokenize::{Span, Token, TokenKind};

const PREFIX_LETTERS: [u8; 7] = [0x95, 0x94, 0x91, 0x9B, 0x9C, 0x9E, 0xA9]; // ו ה ב כ ל מ ש (second UTF-8 byte)

/// The entry for a normalised Hebrew word with `prefix_len` bytes of known
/// prefix.
pub(crate) fn lookup(table: &Table, norm: &str, prefix_len: usize) -> Option<Entry> {
    let mut buf = [0u8; 96];
    let key = fold_hebrew(norm, &mut buf)?;
    if let Some(e) = table.get(key) {
        return Some(*e);
    }
    if prefix_len > 0 {
        if let Some(e) = key.get(prefix_len..).and_then(|s| table.get(s)) {
            return Some(*e);
        }
    }
    let b = key.as_bytes();
    let mut off = 0;
    for _ in 0..3 {
        if b.len() < off + 2 + 4 || b[off] != 0xD7 || !PREFIX_LETTERS.contains(&b[off + 1]) {
            break;
        }
        off += 2;
        if let Some(e) = key.get(off..).and_then(|s| table.get(s)) {
            return Some(*e);
        }
    }
    None
}

/// Pushes the item for the word at `tokens[i]` (or a phrase starting there,
/// such as `אף פעם`); returns how many further tokens the phrase used.
pub(crate) fn push_items(
    table: &Table,
    tokens: &[Token<'_>],
    i: usize,
    items: &mut Vec<Item>,
) -> usize {
    let t = &tokens[i];
    if table.has_phrases {
        let mut buf = [0u8; 96];
        if let Some(key) = fold_hebrew(&t.norm, &mut buf) {
            let list = table.phrases_at(key).or_else(|| {
                // A phrase may carry a prefix on its first word (ואף פעם).
                let p = t.prefix_len as usize;
                key.get(p..)
                    .filter(|_| p > 0)
                    .and_then(|s| table.phrases_at(s))
            });
            if let Some(list) = list {
                for p in list {
                    let n = p.rest.len();
                    let Some(next) = tokens.get(i + 1..i + 1 + n) else {
                        continue;
                    };
                    let ok = next.iter().zip(p.rest.iter()).all(|(tk, w)| {
                        let mut b2 = [0u8; 96];
                        tk.kind == TokenKind::Word
                            && fold_hebrew(&tk.norm, &mut b2).is_some_and(|k| k == &**w)
                    });
                    if ok {
                        let end = next.last().map_or(t.span.end, |tk| tk.span.end);
                        items.push(Item::new(
                            Span::new(t.span.start, end),
                            Some(p.entry),
                            ItemKind::Word,
                        ));
                        return n;
                    }
                }
            }
        }
    }
    let e = lookup(table, &t.norm, t.prefix_len as usize);
    let mut it = Item::new(t.span, e, ItemKind::Word);
    it.elongated = t.is_elongated();
    items.push(it);
    0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::lexicon::{table_index, Lexicon};

    #[test]
    fn prefixes_and_final_letters() {
        let mut lex = Lexicon::new();
        lex.set_valence(Lang::Hebrew, "גרוע", -2.8);
        lex.set_valence(Lang::Hebrew, "שלום", 1.0);
        let t = &lex.tables[table_index(Lang::Hebrew)];
        assert!(lookup(t, "גרוע", 0).is_some());
        assert!(lookup(t, "וגרוע", 0).is_some());
        assert!(lookup(t, "והגרוע", 0).is_some());
        assert!(lookup(t, "שלומ", 0).is_some());
        // Not a prefix letter: no stripping.
        assert!(lookup(t, "אגרוע", 0).is_none());
        // The remainder must keep two letters.
        assert!(lookup(t, "ו", 0).is_none());
    }
}
