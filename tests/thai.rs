//! Properties of the Thai segmenter on arbitrary input.

use backlash::tokenize::thai::{tcc::cluster_boundaries, ThaiSegmenter};
use proptest::prelude::*;

/// Thai letters, vowels, tone marks, ๆ, and dots.
fn thai_char() -> impl Strategy<Value = char> {
    prop_oneof![
        8 => (0x0E01u32..=0x0E3A).prop_map(|u| char::from_u32(u).unwrap_or('ก')),
        4 => (0x0E40u32..=0x0E4E).prop_map(|u| char::from_u32(u).unwrap_or('ก')),
        1 => Just('.'),
    ]
}

/// Mostly Thai, with some other characters mixed in.
fn mixed_char() -> impl Strategy<Value = char> {
    prop_oneof![
        10 => thai_char(),
        1 => any::<char>(),
        1 => Just('a'),
        1 => Just('😡'),
    ]
}

fn check(seg: &ThaiSegmenter, run: &str) -> Result<(), TestCaseError> {
    let mut ends = Vec::new();
    seg.segment_into(run, &mut ends);
    if run.is_empty() {
        prop_assert!(ends.is_empty());
        return Ok(());
    }
    prop_assert_eq!(ends.last().copied(), Some(run.len()));
    let mut prev = 0;
    let clusters = cluster_boundaries(run);
    for &e in &ends {
        prop_assert!(e > prev, "not increasing: {:?}", ends);
        prop_assert!(run.is_char_boundary(e));
        prop_assert!(
            clusters.binary_search(&e).is_ok(),
            "split inside a cluster at {} in {:?}: {:?}",
            e,
            run,
            ends
        );
        prev = e;
    }
    // The normalised form never panics and keeps Thai text.
    let mut start = 0;
    for &e in &ends {
        let _ = seg.normalize(&run[start..e]);
        start = e;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn thai_runs_are_covered(s in proptest::collection::vec(thai_char(), 0..80)) {
        let run: String = s.into_iter().collect();
        check(&ThaiSegmenter::new(), &run)?;
    }

    #[test]
    fn mixed_runs_are_covered(s in proptest::collection::vec(mixed_char(), 0..80)) {
        let run: String = s.into_iter().collect();
        let mut seg = ThaiSegmenter::new();
        seg.add_word("ไลน์แมน");
        seg.add_word("กก");
        check(&seg, &run)?;
    }

    #[test]
    fn tokenize_covers_thai_text(s in proptest::collection::vec(prop_oneof![
        6 => thai_char(), 1 => Just(' '), 1 => Just('5'), 1 => Just('!'), 1 => Just('ๆ')
    ], 0..80)) {
        let text: String = s.into_iter().collect();
        let mut pos = 0;
        for t in backlash::tokenize(&text) {
            prop_assert!(t.span.start >= pos);
            prop_assert!(text[pos..t.span.start].chars().all(char::is_whitespace));
            prop_assert_eq!(&text[t.span.range()], t.text);
            pos = t.span.end;
        }
        prop_assert!(text[pos..].chars().all(char::is_whitespace));
    }
}

#[test]
fn sentences_through_tokenize() {
    let text = "รอสายมา 2 ชั่วโมง ไม่มีใครรับเลย แย่มากกกก!!! ดีๆ";
    let words: Vec<&str> = backlash::tokenize(text).map(|t| t.text).collect();
    assert_eq!(
        words,
        [
            "รอ",
            "สาย",
            "มา",
            "2",
            "ชั่วโมง",
            "ไม่",
            "มี",
            "ใคร",
            "รับ",
            "เลย",
            "แย่",
            "มากกกก",
            "!!!",
            "ดีๆ"
        ]
    );
    let toks: Vec<_> = backlash::tokenize("แย่มากกกก ดีๆ").collect();
    assert_eq!(toks[1].norm, "มาก");
    assert!(toks[1].is_elongated());
    assert_eq!(toks[2].norm, "ดี");
    assert!(toks[2].flags.contains(backlash::TokenFlags::REPEATED));
}

#[test]
fn user_words_through_tokenizer() {
    let mut tk = backlash::Tokenizer::new();
    tk.add_thai_word("ไลน์แมน");
    let words: Vec<_> = tk.tokens("สั่งไลน์แมนมาแล้ว").map(|t| t.text).collect();
    assert_eq!(words, ["สั่ง", "ไลน์แมน", "มา", "แล้ว"]);
}

#[test]
fn huge_runs_finish() {
    // Linear time: a 1 MB run of one character and of a repeated word.
    let seg = ThaiSegmenter::new();
    let mut ends = Vec::new();
    let one = "ก".repeat(350_000);
    seg.segment_into(&one, &mut ends);
    assert_eq!(ends.last(), Some(&one.len()));
    ends.clear();
    let words = "มากกกก".repeat(60_000);
    seg.segment_into(&words, &mut ends);
    assert_eq!(ends.last(), Some(&words.len()));
}
