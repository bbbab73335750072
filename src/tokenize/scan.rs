//! The scanner: walks the text once, left to right, and hands Thai runs to
//! the segmenter and Hebrew words to the prefix analyser.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;

use super::{english, hebrew, Span, Token, TokenFlags, TokenKind, Tokenizer};
use crate::lang::{Lang, Script};

/// Iterator over the tokens of one text; see [`Tokenizer::tokens`].
///
/// Allocates at most one buffer per text (for Thai word boundaries), reused
/// for every Thai run; tokens allocate only when their normalised form
/// differs from their text.
#[derive(Debug)]
pub struct Tokens<'t, 'a> {
    tk: &'t Tokenizer,
    text: &'a str,
    pos: usize,
    /// Word ends (absolute byte offsets) of the Thai run being emitted.
    thai_ends: Vec<usize>,
    thai_next: usize,
    thai_start: usize,
    /// Pieces of a split Latin word still to emit.
    pieces: [(usize, usize); 4],
    piece_count: u8,
    piece_next: u8,
    /// Byte offset of the next `@` at or after the last place looked
    /// (`usize::MAX`: none), so e-mail detection only scans words that
    /// could be followed by one.
    next_at: usize,
    /// Whether [`Tokens::ascii_fast_path`] may be taken (tests turn it off
    /// to compare it with the general path).
    fast: bool,
}

impl<'t, 'a> Tokens<'t, 'a> {
    pub(super) fn new(tk: &'t Tokenizer, text: &'a str) -> Self {
        Tokens {
            tk,
            text,
            pos: 0,
            thai_ends: Vec::new(),
            thai_next: 0,
            thai_start: 0,
            pieces: [(0, 0); 4],
            piece_count: 0,
            piece_next: 0,
            next_at: 0,
            fast: true,
        }
    }

    /// The same iterator without the ASCII fast path.
    #[cfg(test)]
    fn general_only(mut self) -> Self {
        self.fast = false;
        self
    }

    /// Whether an `@` follows `start` in the text.
    #[inline]
    fn at_sign_after(&mut self, start: usize) -> bool {
        if self.next_at != usize::MAX && self.next_at < start {
            self.next_at = self.text.as_bytes()[start..]
                .iter()
                .position(|&b| b == b'@')
                .map_or(usize::MAX, |i| start + i);
        }
        self.next_at != usize::MAX
    }

    /// The text being tokenized.
    pub fn text(&self) -> &'a str {
        self.text
    }

    fn simple(&self, start: usize, end: usize, kind: TokenKind, lang: Lang) -> Token<'a> {
        let text = &self.text[start..end];
        Token {
            text,
            span: Span::new(start, end),
            kind,
            lang,
            norm: Cow::Borrowed(text),
            prefix_len: 0,
            flags: TokenFlags::empty(),
        }
    }

    #[inline(never)]
    fn next_thai(&mut self) -> Option<Token<'a>> {
        let end = *self.thai_ends.get(self.thai_next)?;
        let start = self.thai_start;
        self.thai_next += 1;
        self.thai_start = end;
        let text = &self.text[start..end];
        if text.bytes().all(|b| b == b'.') {
            return Some(self.simple(start, end, TokenKind::Punct, Lang::Unknown));
        }
        let (norm, flags) = self.tk.thai.normalize(text);
        Some(Token {
            text,
            span: Span::new(start, end),
            kind: TokenKind::Word,
            lang: Lang::Thai,
            norm,
            prefix_len: 0,
            flags,
        })
    }

    /// A punctuation run starting with `first` at `start`.
    fn punct_token(&mut self, start: usize, first: char) -> Token<'a> {
        let text = self.text;
        let end = punct_run_end(text, start, first);
        self.pos = end;
        let mut tok = self.simple(start, end, TokenKind::Punct, Lang::Unknown);
        if text[start..end].chars().any(is_fullwidth) {
            tok.norm = Cow::Owned(fold_lower(&text[start..end]));
            tok.flags.insert(TokenFlags::FOLDED);
        }
        tok
    }

    /// The token at `start` when its first byte settles it without the
    /// general dispatch: a plain ASCII word (letters and digits, no
    /// apostrophe, not a URL or e-mail address) or a punctuation mark that
    /// cannot start an emoticon, tag, number or keycap. `None` sends the
    /// caller down the general path, which gives the same tokens (tested).
    #[inline]
    fn ascii_fast_path(&mut self, start: usize) -> Option<Token<'a>> {
        let bytes = self.text.as_bytes();
        let b0 = *bytes.get(start)?;
        if b0.is_ascii_alphabetic() {
            if matches!(b0, b'h' | b'H' | b'w' | b'W') && starts_url(&bytes[start..]) {
                return None;
            }
            let (end, shape) = ascii_word_shape(bytes, start);
            // An apostrophe may continue the word (`don't`); a non-ASCII
            // byte may be a Latin letter (`café`); `@` or `.` may make an
            // e-mail address: all for the general path.
            match bytes.get(end) {
                Some(b'\'' | b'@' | 0x80..) => return None,
                Some(b'.' | b'_' | b'%' | b'+' | b'-') if self.at_sign_after(start) => return None,
                _ => {}
            }
            self.pos = end;
            let word = &self.text[start..end];
            return Some(finish_ascii_latin_token(word, start, end, "", shape));
        }
        if matches!(
            b0,
            b'.' | b',' | b'!' | b'?' | b'"' | b'(' | b')' | b'/' | b'&' | b'%' | b'[' | b']'
        ) {
            return Some(self.punct_token(start, b0 as char));
        }
        None
    }

    #[inline(never)]
    fn next_piece(&mut self) -> Option<Token<'a>> {
        if self.piece_next >= self.piece_count {
            return None;
        }
        let (start, end) = self.pieces[self.piece_next as usize];
        let is_last = self.piece_next + 1 == self.piece_count;
        let next_text = if is_last {
            ""
        } else {
            let (s, e) = self.pieces[self.piece_next as usize + 1];
            &self.text[s..e]
        };
        self.piece_next += 1;
        Some(latin_token(self.text, start, end, next_text))
    }
}

impl<'t, 'a> Iterator for Tokens<'t, 'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        // Pieces of a split word and words of a Thai run come first (cheap
        // checks here; the work is out of line).
        if self.piece_next < self.piece_count {
            return self.next_piece();
        }
        if self.thai_next < self.thai_ends.len() {
            return self.next_thai();
        }
        let text = self.text;
        let bytes = text.as_bytes();
        // Skip whitespace: ASCII bytes first, then any Unicode space.
        let mut pos = self.pos;
        while bytes
            .get(pos)
            .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C))
        {
            pos += 1;
        }
        if self.fast {
            if let Some(tok) = self.ascii_fast_path(pos) {
                return Some(tok);
            }
        }
        loop {
            let c = match text[pos..].chars().next() {
                None => {
                    self.pos = pos;
                    return None;
                }
                Some(c) => c,
            };
            if is_space(c) {
                pos += c.len_utf8();
            } else {
                break;
            }
        }
        let start = pos;
        let c = text[start..].chars().next()?;
        let next = text[start + c.len_utf8()..].chars().next();

        // URLs and e-mail addresses.
        if (c == 'h' || c == 'H' || c == 'w' || c == 'W') && starts_url(&bytes[start..]) {
            let end = url_end(text, start);
            self.pos = end;
            return Some(self.simple(start, end, TokenKind::Url, Lang::Unknown));
        }
        if c.is_ascii_alphanumeric() && self.at_sign_after(start) {
            if let Some(end) = email_end(bytes, start) {
                self.pos = end;
                return Some(self.simple(start, end, TokenKind::Email, Lang::Unknown));
            }
        }
        // Hashtags and mentions.
        if (c == '#' || c == '@' || c == '＃' || c == '＠') && next.is_some_and(is_tag_char) {
            let end = tag_end(text, start + c.len_utf8());
            self.pos = end;
            let kind = if c == '#' || c == '＃' {
                TokenKind::Hashtag
            } else {
                TokenKind::Mention
            };
            let body = &text[start + c.len_utf8()..end];
            let lang = body
                .chars()
                .map(Script::of)
                .find(|s| *s != Script::None)
                .map_or(Lang::Unknown, Script::lang);
            let mut tok = self.simple(start, end, kind, lang);
            if body.chars().any(|c| c.is_uppercase() || is_fullwidth(c)) {
                tok.norm = Cow::Owned(fold_lower(&text[start..end]));
            }
            return Some(tok);
        }
        // Keycap emoji (1️⃣) before numbers.
        if c.is_ascii_digit() && is_emoji_start(c, next) {
            let g = text[start..]
                .graphemes(true)
                .next()
                .map_or(c.len_utf8(), str::len);
            self.pos = start + g;
            return Some(self.simple(start, start + g, TokenKind::Emoji, Lang::Unknown));
        }
        // Numbers, money, times, laughter as 555.
        if is_digit(c) || (is_currency(c) && next.is_some_and(is_digit)) {
            let (end, laughter) = number_end(text, start);
            self.pos = end;
            let kind = if laughter {
                TokenKind::Laughter
            } else {
                TokenKind::Number
            };
            let mut tok = self.simple(start, end, kind, Lang::Unknown);
            if text[start..end].chars().any(is_fullwidth) {
                tok.norm = Cow::Owned(fold_lower(&text[start..end]));
                tok.flags.insert(TokenFlags::FOLDED);
            }
            return Some(tok);
        }
        match Script::of(c) {
            Script::Thai => {
                let end = thai_run_end(text, start);
                self.thai_ends.clear();
                self.tk
                    .thai
                    .segment_into(&text[start..end], &mut self.thai_ends);
                for e in &mut self.thai_ends {
                    *e += start;
                }
                // The segmenter must cover the run; guard against a short answer.
                if self.thai_ends.last() != Some(&end) {
                    self.thai_ends.retain(|&e| e > start && e < end);
                    self.thai_ends.push(end);
                }
                self.thai_next = 0;
                self.thai_start = start;
                self.pos = end;
                return self.next_thai();
            }
            Script::Hebrew => {
                if is_hebrew_punct(c) {
                    let end = start + c.len_utf8();
                    self.pos = end;
                    return Some(self.simple(start, end, TokenKind::Punct, Lang::Unknown));
                }
                let end = hebrew_word_end(text, start);
                self.pos = end;
                let word = &text[start..end];
                let (norm, mut flags) = hebrew::normalize(word);
                let kind = if hebrew::is_laughter(&norm) {
                    TokenKind::Laughter
                } else {
                    TokenKind::Word
                };
                let prefix_len = if kind == TokenKind::Word {
                    let (n, known) = self.tk.hebrew.analyse(&norm);
                    if !known {
                        flags.insert(TokenFlags::UNKNOWN_WORD);
                    }
                    n.min(u8::MAX as usize) as u8
                } else {
                    0
                };
                if !matches!(norm, Cow::Borrowed(_)) {
                    flags.insert(TokenFlags::FOLDED);
                }
                return Some(Token {
                    text: word,
                    span: Span::new(start, end),
                    kind,
                    lang: Lang::Hebrew,
                    norm,
                    prefix_len: if (prefix_len as usize) < norm_len(word, prefix_len) {
                        prefix_len
                    } else {
                        0
                    },
                    flags,
                });
            }
            Script::Latin => {
                let end = latin_word_end(text, start);
                self.pos = end;
                let n = english::split_contraction(&text[start..end], &mut self.pieces);
                for p in &mut self.pieces[..n] {
                    p.0 += start;
                    p.1 += start;
                }
                self.piece_count = n as u8;
                self.piece_next = 0;
                return self.next_piece();
            }
            Script::OtherLetter => {
                let end = other_word_end(text, start);
                self.pos = end;
                let mut tok = self.simple(start, end, TokenKind::Word, Lang::Unknown);
                if text[start..end].chars().any(char::is_uppercase) {
                    tok.norm = Cow::Owned(text[start..end].to_lowercase());
                }
                return Some(tok);
            }
            Script::None => {}
        }
        // Emoticons before punctuation.
        if let Some(len) = emoticon_len(text, start) {
            self.pos = start + len;
            return Some(self.simple(start, start + len, TokenKind::Emoji, Lang::Unknown));
        }
        if is_emoji_start(c, next) {
            let g = text[start..]
                .graphemes(true)
                .next()
                .map_or(c.len_utf8(), str::len);
            self.pos = start + g;
            return Some(self.simple(start, start + g, TokenKind::Emoji, Lang::Unknown));
        }
        if is_punct(c) {
            return Some(self.punct_token(start, c));
        }
        // Anything else: one grapheme cluster (a symbol with its marks).
        let g = text[start..]
            .graphemes(true)
            .next()
            .map_or(c.len_utf8(), str::len);
        // A grapheme may swallow following whitespace-like joiners only; stop at
        // whitespace so skipped text stays whitespace.
        let end = start + g;
        self.pos = end;
        Some(self.simple(start, end, TokenKind::Symbol, Lang::Unknown))
    }
}

/// Whether the prefix (bytes of the normalised word) leaves something behind.
fn norm_len(word: &str, _prefix_len: u8) -> usize {
    word.len()
}

/// Builds a Latin token: lower-case, full-width folded, elongation squeezed,
/// contraction halves normalised (`n't` → `not`, `ca` → `can`).
fn latin_token<'a>(text: &'a str, start: usize, end: usize, next_piece: &str) -> Token<'a> {
    let word = &text[start..end];
    if word.is_ascii() {
        return ascii_latin_token(word, start, end, next_piece);
    }
    general_latin_token(word, start, end, next_piece)
}

/// [`latin_token`] for any Latin-script word.
fn general_latin_token<'a>(word: &'a str, start: usize, end: usize, next_piece: &str) -> Token<'a> {
    let mut flags = TokenFlags::empty();
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= 2 && !word.chars().any(char::is_lowercase) {
        flags.insert(TokenFlags::ALL_CAPS);
    }
    let (norm, elongated) = english::normalize(word, next_piece);
    if elongated {
        flags.insert(TokenFlags::ELONGATED);
    }
    if word.chars().any(is_fullwidth) {
        flags.insert(TokenFlags::FOLDED);
    }
    english_token(word, start, end, norm, flags)
}

/// An English word token (laughter when its normal form is `haha`, `lol`…).
#[inline]
fn english_token<'a>(
    word: &'a str,
    start: usize,
    end: usize,
    norm: Cow<'a, str>,
    flags: TokenFlags,
) -> Token<'a> {
    let maybe_laughter = may_be_laughter(&norm);
    let kind = if maybe_laughter && english::is_laughter(&norm) {
        TokenKind::Laughter
    } else {
        TokenKind::Word
    };
    Token {
        text: word,
        span: Span::new(start, end),
        kind,
        lang: Lang::English,
        norm,
        prefix_len: 0,
        flags,
    }
}

/// Letter case and elongation of an ASCII word, gathered in one pass.
#[derive(Debug, Clone, Copy, Default)]
struct AsciiShape {
    upper: usize,
    lower: usize,
    apostrophe: bool,
    elongated: bool,
    /// The byte of the current run of identical letters, and its length.
    prev: u8,
    run: u32,
}

impl AsciiShape {
    #[inline(always)]
    fn push(&mut self, c: u8) {
        if c.is_ascii_lowercase() {
            self.lower += 1;
        } else if c.is_ascii_uppercase() {
            self.upper += 1;
        } else if c == b'\'' {
            self.apostrophe = true;
        }
        if c == self.prev && c.is_ascii_alphabetic() {
            self.run += 1;
            self.elongated |= self.run >= 3;
        } else {
            self.run = 1;
            self.prev = c;
        }
    }
}

/// The end of the run of ASCII letters and digits at `start`, and its
/// shape. A word shorter than eight bytes (most words) is read as one
/// 64-bit integer whose bytes are classified together, so its end costs no
/// branch per letter (a loop's exit is mispredicted about once per word);
/// longer words and the last bytes of the text go byte by byte. Both give
/// the same result (tested).
#[inline]
fn ascii_word_shape(bytes: &[u8], start: usize) -> (usize, AsciiShape) {
    if let Some(chunk) = bytes
        .get(start..start.saturating_add(8))
        .and_then(|s| <[u8; 8]>::try_from(s).ok())
    {
        let x = u64::from_le_bytes(chunk);
        let ascii = !x & HIGH;
        let x7 = x & LOW7;
        let lower = lanes_in(x7, b'a', b'z') & ascii;
        let upper = lanes_in(x7, b'A', b'Z') & ascii;
        let alnum = lower | upper | (lanes_in(x7, b'0', b'9') & ascii);
        let stop = !alnum & HIGH;
        if stop != 0 {
            let n = stop.trailing_zeros() / 8;
            // Lanes 0..n are the word.
            let word = (1u64 << (8 * n)) - 1;
            // Three equal letters in a row: lanes i with x[i] == x[i + 1]
            // == x[i + 2], all inside the word.
            let eq = zero_lanes(x ^ (x >> 8)) & zero_lanes(x ^ (x >> 16));
            let inside = word >> 16;
            let shape = AsciiShape {
                upper: (upper & word).count_ones() as usize,
                lower: (lower & word).count_ones() as usize,
                elongated: eq & (lower | upper) & inside != 0,
                ..AsciiShape::default()
            };
            return (start + n as usize, shape);
        }
    }
    word_shape_by_bytes(bytes, start)
}

/// [`ascii_word_shape`] byte by byte.
fn word_shape_by_bytes(bytes: &[u8], start: usize) -> (usize, AsciiShape) {
    let mut shape = AsciiShape::default();
    let mut end = start;
    while let Some(&c) = bytes.get(end) {
        if !c.is_ascii_alphanumeric() {
            break;
        }
        shape.push(c);
        end += 1;
    }
    (end, shape)
}

const HIGH: u64 = 0x8080_8080_8080_8080;
const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;

#[inline(always)]
const fn splat(b: u8) -> u64 {
    b as u64 * 0x0101_0101_0101_0101
}

/// The high bit of every byte of `x7` (bytes below 0x80) in `lo..=hi`.
#[inline(always)]
const fn lanes_in(x7: u64, lo: u8, hi: u8) -> u64 {
    // Per byte: x + 0x80 - lo carries into the high bit when x >= lo, and
    // x + 0x7f - hi when x > hi; no sum passes 0xff, so bytes stay apart.
    let ge = x7 + splat(0x80 - lo);
    let gt = x7 + splat(0x7f - hi);
    ge & !gt & HIGH
}

/// The high bit of every zero byte of `z` (exact).
#[inline(always)]
const fn zero_lanes(z: u64) -> u64 {
    !(((z & LOW7) + LOW7) | z) & HIGH
}

/// The lower-case forms of the single ASCII letters, so that `I` and `A`
/// need no allocation.
const LOWER_LETTERS: &str = "abcdefghijklmnopqrstuvwxyz";

/// [`latin_token`] for ASCII words (the common case), in one pass over the
/// bytes: the same result without the general Unicode checks.
fn ascii_latin_token<'a>(word: &'a str, start: usize, end: usize, next_piece: &str) -> Token<'a> {
    let mut shape = AsciiShape::default();
    for &c in word.as_bytes() {
        shape.push(c);
    }
    finish_ascii_latin_token(word, start, end, next_piece, shape)
}

/// Builds the token of an ASCII word from its [`AsciiShape`].
#[inline]
fn finish_ascii_latin_token<'a>(
    word: &'a str,
    start: usize,
    end: usize,
    next_piece: &str,
    shape: AsciiShape,
) -> Token<'a> {
    let b = word.as_bytes();
    let AsciiShape {
        upper,
        lower,
        apostrophe,
        mut elongated,
        ..
    } = shape;
    let mut flags = TokenFlags::empty();
    if upper + lower >= 2 && lower == 0 {
        flags.insert(TokenFlags::ALL_CAPS);
    }
    // Contraction halves (`n't`, `'s`, `ca` before `n't`) take the general path.
    let clitic = apostrophe
        || (b.len() <= 3
            && next_piece.len() >= 3
            && matches!(next_piece.as_bytes()[0], b'n' | b'N'));
    let norm = if clitic {
        let (norm, e) = english::normalize(word, next_piece);
        elongated = e;
        norm
    } else if elongated {
        Cow::Owned(english::squeeze(&word.to_ascii_lowercase(), 2))
    } else if upper > 0 && b.len() == 1 {
        let i = usize::from(b[0].wrapping_sub(b'A'));
        Cow::Borrowed(LOWER_LETTERS.get(i..i + 1).unwrap_or(word))
    } else if upper > 0 {
        Cow::Owned(word.to_ascii_lowercase())
    } else {
        Cow::Borrowed(word)
    };
    if elongated {
        flags.insert(TokenFlags::ELONGATED);
    }
    english_token(word, start, end, norm, flags)
}

#[inline]
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{2060}')
}

#[inline]
fn is_fullwidth(c: char) -> bool {
    ('\u{FF01}'..='\u{FF5E}').contains(&c)
}

/// Lower-cases and folds full-width ASCII forms to ASCII.
pub(crate) fn fold_lower(s: &str) -> String {
    s.chars()
        .map(|c| {
            if is_fullwidth(c) {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            } else {
                c
            }
        })
        .flat_map(char::to_lowercase)
        .collect()
}

#[inline]
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('๐'..='๙').contains(&c) || ('０'..='９').contains(&c)
}

#[inline]
fn is_currency(c: char) -> bool {
    matches!(c, '$' | '€' | '£' | '¥' | '฿' | '₪' | '₹' | '₩')
}

fn starts_url(b: &[u8]) -> bool {
    let lower = |i: usize| b.get(i).map(u8::to_ascii_lowercase);
    let starts = |p: &[u8]| p.iter().enumerate().all(|(i, &c)| lower(i) == Some(c));
    let rest_ok = |i: usize| b.get(i).is_some_and(|&c| !c.is_ascii_whitespace());
    (starts(b"https://") && rest_ok(8))
        || (starts(b"http://") && rest_ok(7))
        || (starts(b"www.") && b.get(4).is_some_and(u8::is_ascii_alphanumeric))
}

fn url_end(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut parens = 0i32;
    for (i, c) in text[start..].char_indices() {
        if is_space(c) || matches!(c, '<' | '>' | '"' | '`') || is_emoji_start(c, None) {
            break;
        }
        if c == '(' {
            parens += 1;
        } else if c == ')' {
            parens -= 1;
        }
        end = start + i + c.len_utf8();
    }
    // Trailing punctuation belongs to the sentence.
    while end > start {
        let c = text[..end].chars().next_back().unwrap_or(' ');
        let strip = matches!(c, '.' | ',' | '!' | '?' | ';' | ':' | '\'' | ']' | '}')
            || (c == ')' && parens < 0);
        if !strip {
            break;
        }
        if c == ')' {
            parens += 1;
        }
        end -= c.len_utf8();
    }
    end
}

fn email_end(b: &[u8], start: usize) -> Option<usize> {
    let local = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'%' | b'+' | b'-');
    let mut i = start;
    while i < b.len() && local(b[i]) {
        i += 1;
    }
    if i == start || b.get(i) != Some(&b'@') {
        return None;
    }
    i += 1;
    let dom_start = i;
    let mut last_dot = None;
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-' || b[i] == b'.') {
        if b[i] == b'.' {
            last_dot = Some(i);
        }
        i += 1;
    }
    // Do not end on a dot.
    while i > dom_start && b[i - 1] == b'.' {
        i -= 1;
    }
    match last_dot {
        Some(d) if d > dom_start && d + 1 < i => Some(i),
        _ => None,
    }
}

#[inline]
fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric()
        || c == '_'
        || matches!(Script::of(c), Script::Thai | Script::Hebrew)
        || ('\u{0300}'..='\u{036F}').contains(&c)
}

fn tag_end(text: &str, body_start: usize) -> usize {
    let mut end = body_start;
    let mut chars = text[body_start..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let ok = is_tag_char(c)
            || ((c == '.' || c == '-' || c == '\'')
                && chars
                    .peek()
                    .is_some_and(|&(_, n)| is_tag_char(n) && n != '_'));
        if !ok {
            break;
        }
        end = body_start + i + c.len_utf8();
    }
    end
}

/// End of a number token starting at `start`, and whether it is laughter (`555`).
fn number_end(text: &str, start: usize) -> (usize, bool) {
    let mut chars = text[start..].char_indices().peekable();
    let mut end = start;
    let mut digits = 0usize;
    let mut all_five = true;
    let mut currency_prefix = false;
    if let Some(&(_, c)) = chars.peek() {
        if is_currency(c) {
            currency_prefix = true;
            end += c.len_utf8();
            chars.next();
        }
    }
    while let Some(&(i, c)) = chars.peek() {
        if is_digit(c) {
            digits += 1;
            all_five &= c == '5' || c == '๕';
            end = start + i + c.len_utf8();
            chars.next();
        } else if matches!(c, ',' | '.' | ':' | '/') {
            // A separator only between digits.
            let mut look = chars.clone();
            look.next();
            if look.peek().is_some_and(|&(_, n)| is_digit(n)) {
                all_five = false;
                chars.next();
            } else {
                break;
            }
        } else {
            break;
        }
    }
    if digits >= 3 && all_five && !currency_prefix {
        // 555, 5555+ : Thai laughter.
        let mut e = end;
        for (i, c) in text[end..].char_indices() {
            if c == '+' {
                e = end + i + 1;
            } else {
                break;
            }
        }
        return (e, true);
    }
    // Suffix: percent, currency, or a short Latin unit (3hrs, 2pm, 10k, 5th).
    let rest = &text[end..];
    if let Some(c) = rest.chars().next() {
        if c == '%' || is_currency(c) {
            return (end + c.len_utf8(), false);
        }
        if c.is_ascii_alphabetic() {
            let n = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
            let after = rest[n..].chars().next();
            if n <= 5 && !after.is_some_and(|a| a.is_alphanumeric()) {
                return (end + n, false);
            }
        }
    }
    (end, false)
}

/// A run of Thai characters, with dots of abbreviations (`ชม.`, `ม.ค.`).
fn thai_run_end(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut prev_thai = false;
    for (i, c) in text[start..].char_indices() {
        if Script::of(c) == Script::Thai {
            prev_thai = true;
        } else if c == '.' && prev_thai {
            prev_thai = false;
        } else {
            break;
        }
        end = start + i + c.len_utf8();
    }
    end
}

/// A Hebrew word: letters and points, with geresh and gershayim inside
/// (`צה"ל`, `ג'וב`) and a trailing geresh (`ג׳`).
fn hebrew_word_end(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut chars = text[start..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let ok = if Script::of(c) == Script::Hebrew {
            !is_hebrew_punct(c)
        } else if matches!(c, '"' | '\'' | '\u{05F3}' | '\u{05F4}' | '\u{2019}') {
            let next_is_letter = chars
                .peek()
                .is_some_and(|&(_, n)| ('\u{05D0}'..='\u{05EA}').contains(&n));
            // A quotation opened after one or two proclitic letters
            // (`כ"נמסרה"`, `ל"כלבוטק"`) ends the word at the prefix; an
            // acronym's gershayim stands before its last letter or two
            // (`צה"ל`, `דו"ח`).
            if matches!(c, '"' | '\u{05F4}') && quotes_after_prefix(text, start, end, start + i + 1)
            {
                break;
            }
            // a trailing `'` closes a quote opened before the word (`'בבית'`)
            let quoted = text[..start].ends_with('\'');
            next_is_letter
                || c == '\u{05F3}'
                || (c == '\'' && end > start && !quoted && geresh_letter(text, end))
        } else {
            false
        };
        if !ok {
            break;
        }
        end = start + i + c.len_utf8();
    }
    end
}

/// Whether `text[start..end]` is one or two proclitic letters and the
/// quote mark ending before `after` opens a quotation: three or more Hebrew
/// letters follow it.
fn quotes_after_prefix(text: &str, start: usize, end: usize, after: usize) -> bool {
    let Some(prefix) = text.get(start..end) else {
        return false;
    };
    let n = prefix.chars().count();
    if !(1..=2).contains(&n)
        || !prefix
            .chars()
            .all(|c| matches!(c, 'ו' | 'ה' | 'ב' | 'כ' | 'ל' | 'מ' | 'ש'))
    {
        return false;
    }
    // `after` is the byte after an ASCII quote or inside a two-byte
    // gershayim; start at the next char boundary.
    let from = (after..=text.len())
        .find(|&k| text.is_char_boundary(k))
        .unwrap_or(text.len());
    text[from..]
        .chars()
        .take(3)
        .filter(|c| ('\u{05D0}'..='\u{05EA}').contains(c))
        .count()
        == 3
}

/// Hebrew punctuation inside the Hebrew block: maqaf (the Hebrew hyphen),
/// paseq, sof pasuq, nun hafukha.
fn is_hebrew_punct(c: char) -> bool {
    matches!(c, '\u{05BE}' | '\u{05C0}' | '\u{05C3}' | '\u{05C6}')
}

/// Whether the letter before `end` takes a geresh (ג ז צ ץ ת in loanwords).
fn geresh_letter(text: &str, end: usize) -> bool {
    matches!(
        text[..end].chars().next_back(),
        Some('ג' | 'ז' | 'צ' | 'ץ' | 'ת')
    ) && !text[end + 1..]
        .chars()
        .next()
        .is_some_and(char::is_alphanumeric)
}

/// A Latin word: letters, marks, digits after the first letter, and
/// apostrophes between letters. ASCII words are scanned by bytes; anything
/// else takes [`general_latin_word_end`].
fn latin_word_end(text: &str, start: usize) -> usize {
    let b = text.as_bytes();
    let mut i = start;
    loop {
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        match (b.get(i), b.get(i + 1)) {
            (Some(b'\''), Some(n)) if i > start && n.is_ascii_alphabetic() => i += 1,
            (Some(&c), _) if c >= 0x80 => return general_latin_word_end(text, start),
            (Some(b'\''), Some(&n)) if n >= 0x80 => return general_latin_word_end(text, start),
            _ => return i,
        }
    }
}

/// [`latin_word_end`] for any text.
fn general_latin_word_end(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut chars = text[start..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let ok = match Script::of(c) {
            Script::Latin => true,
            _ if c.is_ascii_digit() || ('\u{0300}'..='\u{036F}').contains(&c) => true,
            _ if c == '\'' || c == '\u{2019}' => {
                end > start
                    && chars
                        .peek()
                        .is_some_and(|&(_, n)| Script::of(n) == Script::Latin)
            }
            _ => false,
        };
        if !ok {
            break;
        }
        end = start + i + c.len_utf8();
    }
    end
}

fn other_word_end(text: &str, start: usize) -> usize {
    let mut end = start;
    for (i, c) in text[start..].char_indices() {
        let s = Script::of(c);
        let mark = !c.is_alphanumeric() && !is_space(c) && is_mark(c);
        if s == Script::OtherLetter || mark || (c.is_numeric() && !is_digit(c)) {
            end = start + i + c.len_utf8();
        } else {
            break;
        }
    }
    end.max(start + text[start..].chars().next().map_or(0, char::len_utf8))
}

/// Combining marks common outside the three scripts (rough, for word runs).
fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x064B..=0x065F | 0x0670 | 0x0900..=0x0903
        | 0x093A..=0x094F | 0x0951..=0x0957 | 0x0962 | 0x0963 | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0x3099 | 0x309A | 0xFE20..=0xFE2F)
}

/// Extended_Pictographic (approximate, by block), regional indicators and
/// keycap bases followed by U+FE0F or U+20E3.
pub(crate) fn is_emoji_start(c: char, next: Option<char>) -> bool {
    let u = c as u32;
    match u {
        0x1F000..=0x1FAFF | 0x1FC00..=0x1FFFD => true,
        0x2600..=0x27BF | 0x2B00..=0x2BFF | 0x2300..=0x23FF => {
            // Exclude plain arrows and math-like symbols in 2B00 block not used as emoji.
            true
        }
        0x00A9
        | 0x00AE
        | 0x203C
        | 0x2049
        | 0x2122
        | 0x2139
        | 0x2194..=0x2199
        | 0x21A9
        | 0x21AA
        | 0x24C2
        | 0x25AA
        | 0x25AB
        | 0x25B6
        | 0x25C0
        | 0x25FB..=0x25FE
        | 0x3030
        | 0x303D
        | 0x3297
        | 0x3299 => true,
        _ if c.is_ascii_digit() || c == '#' || c == '*' => {
            matches!(next, Some('\u{FE0F}' | '\u{20E3}'))
        }
        _ => false,
    }
}

fn is_punct(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_punctuation()
            && !matches!(c, '$' | '+' | '<' | '=' | '>' | '^' | '`' | '|' | '~');
    }
    matches!(c as u32,
        0x00A1 | 0x00A7 | 0x00AB | 0x00B6 | 0x00B7 | 0x00BB | 0x00BF
        | 0x05BE | 0x05C0 | 0x05C3 | 0x05C6 | 0x05F3 | 0x05F4
        | 0x0E4F | 0x0E5A | 0x0E5B
        | 0x2010..=0x2027 | 0x2030..=0x205E
        | 0x3001..=0x3003 | 0x3008..=0x3011 | 0x3014..=0x301F
        | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
}

/// Punctuation run: the same mark repeated (`...`, `!!!`) or a mix of `!`
/// and `?` (`?!?`).
fn punct_run_end(text: &str, start: usize, first: char) -> usize {
    let excl = |c: char| matches!(c, '!' | '?' | '！' | '？');
    let mut end = start + first.len_utf8();
    for c in text[end..].chars() {
        let same = c == first || (excl(first) && excl(c));
        if !same {
            break;
        }
        end += c.len_utf8();
    }
    end
}

const EMOTICONS: &[&str] = &[
    ":-)", ":)", ":-(", ":(", ":-D", ":D", ";-)", ";)", ":-P", ":P", ":p", ":'(", ":-/", ":/",
    ":-|", ":|", ":o", ":O", ":-O", "</3", "<3", "^_^", "^^", "T_T", "-_-", ">:(", ":@", "=)",
    "=(", ":]", ":[", ":3", ";(",
];

/// Whether `norm` may be laughter ([`english::is_laughter`] implies it):
/// every laughter form starts with `h?h` (`?` one of `aei`) or one of
/// [`LAUGH_HEADS`]. The first three letters are compared as one integer,
/// the heads through a collision-free hash table, without branches: the
/// test rarely passes, so it is predictable.
#[inline]
fn may_be_laughter(norm: &str) -> bool {
    let [a, b, c, ..] = *norm.as_bytes() else {
        return false;
    };
    let k = u32::from_le_bytes([a, b, c, 0]);
    let hxh = (k & 0x00ff_00ff == u32::from_le_bytes([b'h', 0, b'h', 0]))
        & matches!(b, b'a' | b'e' | b'i');
    hxh | (LAUGH_TABLE[laugh_slot(k)] == k)
}

/// The first three letters of the other laughter forms, as little-endian
/// integers.
const LAUGH_HEADS: [[u8; 3]; 9] = [
    *b"lol", *b"loo", *b"lma", *b"lmf", *b"rof", *b"lul", *b"aha", *b"ahe", *b"ahi",
];

/// A multiplier that sends the nine heads to distinct slots of 32.
const LAUGH_MUL: u32 = 0xd8f1_6adf;

#[inline]
const fn laugh_slot(k: u32) -> usize {
    (k.wrapping_mul(LAUGH_MUL) >> 27) as usize
}

/// [`LAUGH_HEADS`] by [`laugh_slot`] (0: empty; no word's key is 0).
const LAUGH_TABLE: [u32; 32] = {
    let mut t = [0u32; 32];
    let mut i = 0;
    while i < LAUGH_HEADS.len() {
        let [a, b, c] = LAUGH_HEADS[i];
        let k = u32::from_le_bytes([a, b, c, 0]);
        // A collision would drop a head: refuse to compile.
        assert!(t[laugh_slot(k)] == 0);
        t[laugh_slot(k)] = k;
        i += 1;
    }
    t
};

/// Length of an ASCII emoticon at `start`, if one stands there on its own.
fn emoticon_len(text: &str, start: usize) -> Option<usize> {
    let rest = &text.as_bytes()[start..];
    // Every emoticon starts with one of these bytes.
    if !matches!(
        rest.first(),
        Some(b':' | b';' | b'<' | b'^' | b'T' | b'-' | b'=' | b'>')
    ) {
        return None;
    }
    // `T` opens only `T_T` (and most words start with a capital T).
    if rest.first() == Some(&b'T') && rest.get(1) != Some(&b'_') {
        return None;
    }
    let before_ok = text[..start]
        .chars()
        .next_back()
        .map_or(true, |c| !c.is_alphanumeric());
    if !before_ok {
        return None;
    }
    for e in EMOTICONS {
        let eb = e.as_bytes();
        if eb.first() == rest.first() && rest.len() >= eb.len() && &rest[..eb.len()] == eb {
            // Let runs like ":)))" be one emoticon.
            let last = eb[eb.len() - 1];
            let mut len = eb.len();
            if matches!(last, b')' | b'(' | b'D' | b'3') && last != b'3' {
                while rest.get(len) == Some(&last) {
                    len += 1;
                }
            }
            let after_ok = text[start + len..]
                .chars()
                .next()
                .map_or(true, |c| !c.is_alphanumeric() || *e == "<3");
            if after_ok {
                return Some(len);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::tokenize::{tokenize, TokenKind};

    #[test]
    fn word_shape_in_one_integer_matches_byte_by_byte() {
        use super::{ascii_word_shape, word_shape_by_bytes};
        fn by_bytes(b: &[u8], start: usize) -> (usize, usize, usize, bool) {
            let (end, shape) = word_shape_by_bytes(b, start);
            (end, shape.upper, shape.lower, shape.elongated)
        }
        // Every string of up to 10 bytes over a small alphabet (edges of
        // the ranges, a repeated letter, non-ASCII and stop bytes), from
        // a fixed linear congruential sequence, at every start.
        let alphabet = b"aazAZZ09@`[{/:\x80 '!oO";
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let len = (seed >> 60) as usize % 11;
            let mut b = Vec::with_capacity(len);
            let mut r = seed;
            for _ in 0..len {
                r = r
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                b.push(alphabet[(r >> 33) as usize % alphabet.len()]);
            }
            for start in 0..b.len() {
                let (end, shape) = ascii_word_shape(&b, start);
                assert_eq!(
                    (end, shape.upper, shape.lower, shape.elongated),
                    by_bytes(&b, start),
                    "{b:?} at {start}"
                );
            }
        }
        let (end, shape) = ascii_word_shape(b"sooo good", 0);
        assert_eq!((end, shape.elongated, shape.lower), (4, true, 4));
        let (end, shape) = ascii_word_shape(b"GOOD!!!!", 0);
        assert_eq!((end, shape.elongated, shape.upper), (4, false, 4));
    }

    #[test]
    fn laughter_filter_passes_every_laughter_form() {
        use super::{english, may_be_laughter};
        // Every word of up to five letters over the letters of laughter
        // (and a few others): is_laughter implies may_be_laughter.
        let letters = b"ahelimorfuzs";
        let (mut passed, mut total) = (0usize, 0usize);
        let mut stack = vec![Vec::new()];
        while let Some(w) = stack.pop() {
            if w.len() < 5 {
                for &c in letters {
                    let mut next = w.clone();
                    next.push(c);
                    stack.push(next);
                }
            }
            let s = std::str::from_utf8(&w).unwrap_or("");
            total += 1;
            if english::is_laughter(s) {
                assert!(may_be_laughter(s), "{s}");
            }
            passed += usize::from(may_be_laughter(s));
        }
        // The filter rejects most words.
        assert!(passed * 20 < total, "{passed} of {total}");
        for s in [
            "lol", "lool", "lmao", "lmfao", "rofl", "lulz", "haha", "ahaha", "hihi", "hehe",
        ] {
            assert!(may_be_laughter(s) && english::is_laughter(s), "{s}");
        }
    }

    fn kinds(s: &str) -> Vec<(&str, TokenKind)> {
        tokenize(s).map(|t| (t.text, t.kind)).collect()
    }

    #[test]
    fn social_tokens() {
        let k = kinds("hi @bob #Fail http://x.co/a?b=1. mail a.b@c.com now!!! :) 😡😡");
        assert_eq!(
            k,
            [
                ("hi", TokenKind::Word),
                ("@bob", TokenKind::Mention),
                ("#Fail", TokenKind::Hashtag),
                ("http://x.co/a?b=1", TokenKind::Url),
                (".", TokenKind::Punct),
                ("mail", TokenKind::Word),
                ("a.b@c.com", TokenKind::Email),
                ("now", TokenKind::Word),
                ("!!!", TokenKind::Punct),
                (":)", TokenKind::Emoji),
                ("😡", TokenKind::Emoji),
                ("😡", TokenKind::Emoji),
            ]
        );
    }

    #[test]
    fn numbers_and_laughter() {
        let k = kinds("฿500 ₪200 3hrs 12:30 1,000.50 22/11/2026 5555+ 555 50%");
        let expect = [
            ("฿500", TokenKind::Number),
            ("₪200", TokenKind::Number),
            ("3hrs", TokenKind::Number),
            ("12:30", TokenKind::Number),
            ("1,000.50", TokenKind::Number),
            ("22/11/2026", TokenKind::Number),
            ("5555+", TokenKind::Laughter),
            ("555", TokenKind::Laughter),
            ("50%", TokenKind::Number),
        ];
        assert_eq!(k, expect);
    }

    #[test]
    fn emoji_clusters() {
        let s = "👨‍👩‍👧‍👦 👍🏽 🇹🇭 1️⃣ ❤️";
        let k = kinds(s);
        assert_eq!(k.len(), 5, "{k:?}");
        assert!(k.iter().all(|(_, kind)| *kind == TokenKind::Emoji));
    }

    #[test]
    fn contractions_and_case() {
        let toks: Vec<_> = tokenize("I CAN'T believe it's sooooo bad").collect();
        let texts: Vec<_> = toks.iter().map(|t| t.text).collect();
        assert_eq!(
            texts,
            ["I", "CA", "N'T", "believe", "it", "'s", "sooooo", "bad"]
        );
        assert_eq!(toks[1].norm, "can");
        assert_eq!(toks[2].norm, "not");
        assert!(toks[1].is_all_caps());
        assert!(toks[6].is_elongated());
        assert_eq!(toks[6].norm, "soo");
    }

    #[test]
    fn laughter_words() {
        let k = kinds("hahaha lol LMAO");
        assert!(
            k.iter().all(|(_, kind)| *kind == TokenKind::Laughter),
            "{k:?}"
        );
    }

    #[test]
    fn hebrew_words() {
        let toks: Vec<_> = tokenize("צה\"ל ג'וב חחחח").collect();
        let texts: Vec<_> = toks.iter().map(|t| t.text).collect();
        assert_eq!(texts, ["צה\"ל", "ג'וב", "חחחח"]);
        assert_eq!(toks[2].kind, TokenKind::Laughter);
    }

    #[test]
    fn hebrew_quotation_after_a_prefix_letter() {
        let texts = |s: &'static str| tokenize(s).map(|t| t.text).collect::<Vec<_>>();
        assert_eq!(
            texts("הטובין כ\"נמסרה\" לנו"),
            ["הטובין", "כ", "\"", "נמסרה", "\"", "לנו"]
        );
        assert_eq!(texts("וכ״נראה״"), ["וכ", "״", "נראה", "״"]);
        // Acronyms keep their gershayim.
        assert_eq!(
            texts("ש\"ח דו\"ח מו\"מ ארה\"ב ב\"ה"),
            ["ש\"ח", "דו\"ח", "מו\"מ", "ארה\"ב", "ב\"ה"]
        );
    }

    /// Tokens of `s` with and without the ASCII fast path.
    fn both_paths(s: &str) -> (Vec<crate::Token<'_>>, Vec<crate::Token<'_>>) {
        let tk = crate::tokenize::default_tokenizer();
        (
            tk.tokens(s).collect(),
            tk.tokens(s).general_only().collect(),
        )
    }

    #[test]
    fn fast_path_matches_general_path_on_examples() {
        for s in [
            "I don't like it!!! http://x.co/a?b=1 www.example.com mail me: a.b@c.org",
            "Call 1-800-FLY now... (really) \"soooo\" bad & 100% sure [sic] / done,",
            "café naïve O'Brien rock'n'roll we’re ＢＡＤ abc@ x@y z.@a.b WWW HTTP h",
            "a_b a%b a+b a-b a.b :) :-( <3 ^_^ T_T =) >:( #tag @user *️⃣ #️⃣",
            "me@mail.com, x1@y.io! help@acme-air.co.uk (ops@acme.com)",
        ] {
            let (fast, general) = both_paths(s);
            assert_eq!(fast, general, "{s}");
        }
    }

    proptest::proptest! {
        #[test]
        fn fast_path_matches_general_path(
            s in "[a-zA-Z0-9 '’@.,!?:;()/&%_+\\-=<>^\"#*\\[\\]éั€$\u{FE0F}\u{20E3}\t\n]{0,40}",
        ) {
            let (fast, general) = both_paths(&s);
            proptest::prop_assert_eq!(fast, general);
        }

        #[test]
        fn fast_path_matches_general_path_on_fragments(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "a", "Bc", "x1", "@", ".", "com", "'", "t", "’", "-", "_", "+", "%", " ",
                "http", "://", "www", "é", "!", "?", ":", ")", "(", "#", "5", "$", "\u{FE0F}",
            ]), 0..16),
        ) {
            let s = parts.concat();
            let (fast, general) = both_paths(&s);
            proptest::prop_assert_eq!(fast, general);
        }

        #[test]
        fn fast_path_matches_general_path_on_any_text(s in "\\PC{0,30}") {
            let (fast, general) = both_paths(&s);
            proptest::prop_assert_eq!(fast, general);
        }

        #[test]
        fn latin_word_end_fast_path_matches_general(
            text in "[a-zA-Z][a-zA-Z0-9'’é\u{0301} .-]{0,14}",
        ) {
            proptest::prop_assert_eq!(
                super::latin_word_end(&text, 0),
                super::general_latin_word_end(&text, 0)
            );
        }

        #[test]
        fn ascii_fast_path_matches_general_path(
            word in "[a-zA-Z']{1,12}",
            next in proptest::sample::select(vec!["", "n't", "N'T", "'s", "x"]),
        ) {
            let fast = super::ascii_latin_token(&word, 0, word.len(), next);
            let general = super::general_latin_token(&word, 0, word.len(), next);
            proptest::prop_assert_eq!(fast, general);
        }
    }

    #[test]
    fn fullwidth_folds() {
        let toks: Vec<_> = tokenize("ＢＡＤ").collect();
        assert_eq!(toks.len(), 1);
        assert_eq!(toks[0].norm, "bad");
    }
}
