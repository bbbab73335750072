//! Huge and pathological texts: every shape is tokenized, assessed, put
//! through the reply check and the monitor, at two sizes ten times apart.
//!
//! What is checked, without timing anything:
//! - everything finishes and every span is valid (in order, on character
//!   boundaries, `&text[span] == token.text`); scores stay in range;
//! - **linear cost, by a deterministic proxy**: a counting allocator records
//!   the heap bytes and allocations each call makes on this thread; at ten
//!   times the input they may grow at most [`GROWTH`]× (a quadratic copy or a
//!   per-token allocation that compounds would give ~100×). The number of
//!   tokens must grow linearly too.
//! - **no quadratic CPU path**: the 10 MB runs finishing at all is the check
//!   (a quadratic path over 10⁷ bytes is ~10¹⁴ steps: days). They run in
//!   release builds only (`cargo test --release --test limits`, which
//!   `.ci/run` does); debug builds (`cargo test`) run the same shapes at
//!   100 KB and 1 MB. Throughput at 10 MB is measured by `benches/tokenize.rs`.
//!
//! The shapes: one Thai run with no dictionary word (two kinds), `!` (one
//! 10 MB run, and thousands of `!!!` runs between words), nested emoji ZWJ
//! chains (one giant grapheme cluster, and many family emoji), scripts
//! alternating every character, thousands of hashtags and mentions, one
//! 10 MB word (Latin and Hebrew), whitespace only, combining-mark and niqqud
//! stacks.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use backlash::monitor::EventId;
use backlash::{Analyzer, Monitor, MonitorConfig, Post, StreamPost, Timestamp};

/// Counts heap use per thread (tests run on their own threads).
struct Counting;

thread_local! {
    static ALLOCS: Cell<u64> = const { Cell::new(0) };
    static BYTES: Cell<u64> = const { Cell::new(0) };
}

fn note(bytes: usize) {
    // `try_with`: the thread-locals may be gone while a thread shuts down.
    let _ = ALLOCS.try_with(|c| c.set(c.get() + 1));
    let _ = BYTES.try_with(|c| c.set(c.get() + bytes as u64));
}

// SAFETY: every call is forwarded unchanged to the system allocator; the
// counters are const-initialised `Cell`s that never allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        System.alloc_zeroed(layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note(new_size);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Heap use of one call on this thread: (allocations, bytes requested).
fn heap_use<R>(f: impl FnOnce() -> R) -> ((u64, u64), R) {
    let (a0, b0) = (ALLOCS.with(Cell::get), BYTES.with(Cell::get));
    let r = f();
    let (a1, b1) = (ALLOCS.with(Cell::get), BYTES.with(Cell::get));
    ((a1 - a0, b1 - b0), r)
}

/// How much a measure may grow when the input grows 10×: buffers that grow
/// by doubling request up to 2× their final size, so the totals of two
/// sizes can differ by up to 20×, plus some slack; a quadratic path gives
/// ~100×.
const GROWTH: f64 = 25.0;

/// A fixed additive slack (allocations, bytes) for constant costs.
const SLACK: (u64, u64) = (64, 64 * 1024);

/// `unit` repeated until the text is at least `size` bytes.
fn repeat_to(unit: &str, size: usize) -> String {
    let mut s = String::with_capacity(size + unit.len());
    while s.len() < size {
        s.push_str(unit);
    }
    s
}

/// Characters from `alphabet` in a fixed pseudo-random order, `size` bytes
/// or a little more.
fn noise(alphabet: &[char], size: usize) -> String {
    let mut s = String::with_capacity(size + 4);
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    while s.len() < size {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        s.push(alphabet[(x >> 33) as usize % alphabet.len()]);
    }
    s
}

/// The pathological shapes: `name => |n| text of about n bytes`. Each gets
/// two tests: `name::small` (30 KB and 300 KB, every build) and
/// `name::big` (1 MB and 10 MB, release builds only).
macro_rules! shapes {
    (
        linear { $($name:ident => $make:expr,)* }
    ) => {
        $(
            mod $name {
                #[test]
                #[cfg(debug_assertions)]
                fn small() {
                    super::two_sizes(stringify!($name), $make, 30_000);
                }
                #[test]
                #[cfg_attr(debug_assertions, ignore = "10 MB inputs: run with --release")]
                fn big() {
                    super::two_sizes(stringify!($name), $make, 1_000_000);
                }
            }
        )*
        /// The shapes every part handles in linear time.
        fn shapes() -> Vec<(&'static str, fn(usize) -> String)> {
            vec![$((stringify!($name), $make),)*]
        }
    };
}

shapes! {
    linear {
    // Obsolete letters: no dictionary word, one run without spaces.
    thai_obsolete_run => |n| crate::repeat_to("ฃฅ", n),
    // Consonants, vowels and marks in random order (many stacked marks that
    // form no valid cluster), no spaces.
    thai_noise_run => |n| {
        let thai: Vec<char> = ('\u{0E01}'..='\u{0E4E}').collect();
        crate::noise(&thai, n)
    },
    bang_run => |n| crate::repeat_to("!", n),
    bang_words => |n| crate::repeat_to("awful!!! ", n),
    bang_question_mix => |n| crate::repeat_to("!?!!1!", n),
    // One grapheme cluster: woman ZWJ heart ZWJ ... with skin tones and
    // variation selectors.
    zwj_chain => |n| crate::repeat_to("\u{1F469}\u{1F3FD}\u{200D}\u{2764}\u{FE0F}\u{200D}", n),
    zwj_families => |n| {
        crate::repeat_to("\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}", n)
    },
    flags_and_keycaps => |n| crate::repeat_to("🇹🇭🇮🇱1\u{FE0F}\u{20E3}", n),
    // Scripts alternating every character.
    alternating_scripts => |n| crate::repeat_to("กאa1😡ขבZ9#", n),
    hashtags => |n| crate::repeat_to("#acme2026 #ร้านกาแฟ #קפה @AcmeAir ", n),
    urls => |n| crate::repeat_to("https://x.co/a?b=c&d=e#f ", n),
    latin_word => |n| crate::repeat_to("a", n),
    latin_elongated_caps => |n| crate::repeat_to("NOOO", n),
    hebrew_word => |n| crate::repeat_to("ש", n),
    hebrew_prefix_chain => |n| crate::repeat_to("וכשמהל", n),
    spaces => |n| crate::repeat_to(" ", n),
    mixed_whitespace => |n| crate::repeat_to(" \t\n\r\u{3000}\u{00A0}\u{200B}\u{FEFF}", n),
    combining_stack => |n| format!("e{}", crate::repeat_to("\u{0301}\u{0308}", n)),
    niqqud_stack => |n| {
        format!("ש{}", crate::repeat_to("\u{05B0}\u{05B4}\u{05BC}\u{05C1}\u{0591}\u{05A5}", n))
    },
    thai_marks_stack => |n| format!("ก{}", crate::repeat_to("\u{0E48}\u{0E34}\u{0E4C}", n)),
    digits => |n| crate::repeat_to("0123456789", n),
    laughter => |n| crate::repeat_to("5555", n),
    // Texts dense with complaint cues (every pair of cue matches was once
    // compared: O(matches²); now only nearby matches are).
    thai_complaint_words => |n| crate::repeat_to("รอสายนานมากแย่มากไม่มีใครรับเลย", n),
    // Gapped Thai cues (`สั่ง … ได้ … มา`): every first part joined to the
    // nearest following parts, with Latin words and numbers in the gaps.
    thai_gapped_cues => |n| crate::repeat_to("สั่งไซส์ M ได้ไซส์ L มา สั่งชาได้มา มาถึงกล่องแตก 3 วัน ", n),
    english_complaint => |n| crate::repeat_to("Still no refund, worst service ever!!! ", n),
    glued_hashtags => |n| crate::repeat_to("#a#b#c@d", n),
    hashtag_boycotts => |n| crate::repeat_to("#boycottAcme #แบนร้าน #חרם @AcmeAir ", n),
    }
}

/// Counts tokens, checking every span.
fn check_tokens(name: &str, text: &str) -> usize {
    let mut last_end = 0;
    let mut n = 0;
    for t in backlash::tokenize(text) {
        let (s, e) = (t.span.start, t.span.end);
        assert!(
            s < e && s >= last_end && e <= text.len(),
            "{name}: span {s}..{e}"
        );
        assert!(
            text.is_char_boundary(s) && text.is_char_boundary(e),
            "{name}: span {s}..{e} not on char boundaries"
        );
        assert!(
            text.get(s..e) == Some(t.text),
            "{name}: token text at {s}..{e}"
        );
        last_end = e;
        n += 1;
    }
    n
}

/// What one size of one shape cost: tokens, and the heap use of
/// tokenizing and of assessing.
struct Cost {
    tokens: usize,
    tokenize: (u64, u64),
    assess: (u64, u64),
}

fn run_shape(analyzer: &Analyzer, name: &str, text: &str) -> Cost {
    let (tokenize, tokens) = heap_use(|| check_tokens(name, text));
    let (assess, report) = heap_use(|| analyzer.assess(&Post::new(text)));
    let s = &report.sentiment;
    for x in [s.compound, s.pos, s.neu, s.neg] {
        assert!(x.is_finite(), "{name}: sentiment {s:?}");
    }
    assert!((-1.0..=1.0).contains(&s.compound), "{name}: {}", s.compound);
    let sev = report.complaint.severity.score;
    assert!((0.0..=100.0).contains(&sev), "{name}: severity {sev}");
    let risk = report.virality.risk;
    assert!((0.0..=1.0).contains(&risk), "{name}: risk {risk}");
    Cost {
        tokens,
        tokenize,
        assess,
    }
}

fn assert_linear(name: &str, what: &str, small: (u64, u64), big: (u64, u64)) {
    for (i, unit) in ["allocations", "bytes"].into_iter().enumerate() {
        let (s, b, slack) = match i {
            0 => (small.0, big.0, SLACK.0),
            _ => (small.1, big.1, SLACK.1),
        };
        assert!(
            b as f64 <= GROWTH * s as f64 + slack as f64,
            "{name}: {what} {unit} grew from {s} to {b} for 10× the input"
        );
    }
}

/// One shape at `small` and `10 × small` bytes.
fn two_sizes(name: &str, make: fn(usize) -> String, small: usize) {
    let analyzer = Analyzer::default();
    // Warm the lazily built data so it is not counted against one size.
    let _ = analyzer.assess(&Post::new("warm up กา שלום ok!!! #x 😡"));
    let (a, b) = (make(small), make(10 * small));
    let ca = run_shape(&analyzer, name, &a);
    let cb = run_shape(&analyzer, name, &b);
    assert!(
        cb.tokens <= 11 * ca.tokens + 2,
        "{name}: tokens {} → {}",
        ca.tokens,
        cb.tokens
    );
    assert_linear(name, "tokenize", ca.tokenize, cb.tokenize);
    assert_linear(name, "assess", ca.assess, cb.assess);
    eprintln!(
        "{name}: {} → {} bytes, tokens {} → {}, heap (allocations, bytes): tokenize {:?} → {:?}, assess {:?} → {:?}",
        a.len(),
        b.len(),
        ca.tokens,
        cb.tokens,
        ca.tokenize,
        cb.tokenize,
        ca.assess,
        cb.assess
    );
}

/// Size of the largest reply-check text (10 MB in release builds); each
/// shape goes through the reply check and the monitor at a tenth of it.
const HUGE: usize = if cfg!(debug_assertions) {
    300_000
} else {
    10_000_000
};

#[test]
fn reply_check_on_huge_texts() {
    let analyzer = Analyzer::default();
    for (name, make) in shapes() {
        let text = make(HUGE / 10);
        let r = analyzer.check_reply(&text, &text);
        assert!(r.score.is_finite(), "{name}: {}", r.score);
        let sorry = format!("{text} sorry, we refunded you today");
        let r = analyzer.check_reply("my bag is lost", &sorry);
        assert!(r.score.is_finite(), "{name}: {}", r.score);
    }
    // The largest case in full: a 10 MB post and draft of mixed scripts.
    let text = repeat_to(
        "ฝนตกที่เชียงใหม่ the river runs by the old town 🌧 גשם!!! ",
        HUGE,
    );
    let r = analyzer.check_reply(&text, &text);
    assert!(r.score.is_finite());
}

#[test]
fn monitor_on_huge_texts() {
    let analyzer = Analyzer::default();
    let mut monitor = Monitor::new(MonitorConfig::default());
    let mut t = 1_795_000_000;
    for (i, (name, make)) in shapes().into_iter().enumerate() {
        let text = make(HUGE / 10);
        let sp = StreamPost::new(EventId::Num(i as u64), Timestamp(t), Post::new(&text));
        let (report, alerts) = monitor
            .assess_and_observe(&analyzer, &sp)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(report.sentiment.compound.is_finite(), "{name}");
        for a in &alerts {
            assert!(a.score.is_finite(), "{name}: {a:?}");
            // Alerts carry ids, topics and short reasons, never the text.
            let size: usize = a.reasons.iter().map(String::len).sum::<usize>() + a.topic.len();
            assert!(size < 10_000, "{name}: alert of {size} bytes");
        }
        t += 60;
    }
    // The state stays small: nothing keeps the texts.
    let json = serde_json::to_string(&monitor).expect("state serialises");
    assert!(json.len() < 1_000_000, "monitor state {} bytes", json.len());
}

/// A draft that repeats reply cues (mapping each match back to the input
/// once scanned the whole text: O(matches²); now a binary search).
#[test]
fn reply_check_cue_dense() {
    let draft = repeat_to("sorry, we will refund you today. ", HUGE);
    let r = backlash::check_reply("my bag is lost", &draft);
    assert!(r.score.is_finite());
}
