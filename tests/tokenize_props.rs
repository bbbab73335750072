//! Property tests: tokenization never panics and its spans are always valid.

use backlash::{tokenize, Tokenizer};
use proptest::prelude::*;

/// Checks every span invariant for `text`.
fn check_spans(text: &str) -> Result<(), TestCaseError> {
    let mut last_end = 0;
    for t in tokenize(text) {
        prop_assert!(t.span.start < t.span.end, "empty token {:?}", t);
        prop_assert!(
            t.span.start >= last_end,
            "overlap or disorder at {:?}",
            t.span
        );
        prop_assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        prop_assert_eq!(&text[t.span.range()], t.text);
        let gap = &text[last_end..t.span.start];
        prop_assert!(
            gap.chars()
                .all(|c| c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{2060}')),
            "skipped non-whitespace {:?}",
            gap
        );
        prop_assert!(t.prefix_len as usize <= t.norm.len());
        prop_assert!(t.norm.is_char_boundary(t.prefix_len as usize));
        last_end = t.span.end;
    }
    let tail = &text[last_end..];
    prop_assert!(
        tail.chars()
            .all(|c| c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{2060}')),
        "skipped tail {:?}",
        tail
    );
    Ok(())
}

/// Characters social posts are made of, weighted toward the hard cases.
fn social_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => proptest::char::range('\u{0E01}', '\u{0E5B}'),
        2 => proptest::char::range('\u{0591}', '\u{05F4}'),
        2 => proptest::char::range('a', 'z'),
        1 => proptest::char::range('A', 'Z'),
        1 => prop::sample::select(vec![
            ' ', ' ', '\n', '\t', '!', '?', '.', ',', '\'', '"', '#', '@', '_', '-', ':', '/', '(', ')',
            '5', '0', '9', '฿', '₪', '$', '%', '+', '<', '3', '\u{200D}', '\u{FE0F}', '\u{20E3}',
            '\u{1F3FD}', '😡', '👍', '🇹', '🇭', '❤', '\u{0301}', 'Ａ', '！', '๕', '׳', '״', '־',
        ]),
        1 => any::<char>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn spans_valid_on_social_text(s in proptest::collection::vec(social_char(), 0..80)) {
        let text: String = s.into_iter().collect();
        check_spans(&text)?;
    }

    #[test]
    fn spans_valid_on_any_string(text in any::<String>()) {
        check_spans(&text)?;
    }

    #[test]
    fn user_words_keep_spans_valid(s in proptest::collection::vec(social_char(), 0..60), w in "[ก-ฮ]{1,6}") {
        let text: String = s.into_iter().collect();
        let mut tk = Tokenizer::new();
        tk.add_thai_word(&w);
        let mut last = 0;
        for t in tk.tokens(&text) {
            prop_assert!(t.span.start >= last && t.span.start < t.span.end);
            prop_assert_eq!(&text[t.span.range()], t.text);
            last = t.span.end;
        }
    }
}

#[test]
fn pathological_inputs_finish() {
    // Large inputs of one repeated unit must finish (linear time); sizes kept
    // moderate here, the 10 MB versions live in the benches.
    let cases = [
        "😡".repeat(200_000),
        "ก".repeat(300_000),
        "!".repeat(500_000),
        "👨\u{200D}".repeat(100_000),
        "aא".repeat(200_000),
        "#a ".repeat(100_000),
        "5".repeat(500_000),
        "ดีๆ".repeat(100_000),
    ];
    for text in &cases {
        let n = tokenize(text).count();
        assert!(n > 0);
        check_spans(text).unwrap();
    }
}

#[test]
fn empty_and_whitespace() {
    assert_eq!(tokenize("").count(), 0);
    assert_eq!(tokenize(" \n\t\u{200B} ").count(), 0);
}
