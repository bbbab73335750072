//! Fuzz target: tokenization never panics and spans stay valid.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut last = 0;
    for t in backlash::tokenize(text) {
        assert!(t.span.start >= last && t.span.start < t.span.end);
        assert_eq!(&text[t.span.range()], t.text);
        assert!(text[last..t.span.start].chars().all(|c| c.is_whitespace()
            || matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{2060}')));
        assert!(t.norm.is_char_boundary(t.prefix_len as usize));
        last = t.span.end;
    }
});
