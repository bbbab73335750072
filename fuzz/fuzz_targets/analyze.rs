//! Fuzz target: the full assessment never panics and stays in range.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let analyzer = backlash::Analyzer::default();
    let r = analyzer.assess(&backlash::Post::new(text).followers(data.len() as u64));
    let s = r.sentiment;
    assert!((-1.0..=1.0).contains(&s.compound), "compound {}", s.compound);
    for v in [s.pos, s.neu, s.neg] {
        assert!((0.0..=1.0).contains(&v));
    }
    assert!((0.0..=100.0).contains(&r.complaint.severity.score));
    assert!((0.0..=1.0).contains(&r.virality.risk));
    for e in &r.evidence {
        assert!(text.get(e.span.range()).is_some());
    }
    for h in &r.complaint.categories {
        assert!(text.get(h.span.range()).is_some());
    }
    // Split the input in two for the reply check.
    let mid = text.char_indices().nth(text.chars().count() / 2).map_or(0, |(i, _)| i);
    let check = analyzer.check_reply(&text[..mid], &text[mid..]);
    assert!(check.score.is_finite());
});
