//! Reply check on the labelled sets `tests/data/replies_{en,th,he}.jsonl`.
//!
//! Prints verdict accuracy and flag micro-F1 per language and split
//! (`cargo test --test reply -- --nocapture`) and asserts floors on the
//! `test` split.
//!
//! Splits: `dev` (cues tuned on it); `test` (written before the cues, by
//! the same authors, never tuned on — optimistic for that reason);
//! `blind`, `blind2`, `blind3`, `blind4` (each written later against the
//! cue lists frozen at that moment — commits 1878bf2, fce199b, 81fc8fb,
//! c6fea9c — measured once, then used to broaden the cues; see the history
//! of `data/reply/`). Their first-measurement figures are the honest
//! estimate of accuracy on unseen phrasing; the figures printed now are
//! after tuning. Floors on `test`: verdict accuracy ≥ 0.80 and flag
//! micro-F1 ≥ 0.75 per
//! language. The majority class (`good`) alone scores 0.46–0.47, so the
//! floors fail if the cues stop working in any one language, while leaving
//! room for cue edits that trade one item for another.

use std::collections::BTreeSet;

use backlash::{check_reply, Verdict};
use proptest::prelude::*;
use serde_json::Value;

struct Item {
    post: String,
    reply: String,
    verdict: Verdict,
    flags: BTreeSet<String>,
    split: String,
}

fn load(lang: &str) -> Vec<Item> {
    let path = format!(
        "{}/tests/data/replies_{lang}.jsonl",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("labelled set");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("JSON line");
            Item {
                post: v["post"].as_str().expect("post").to_string(),
                reply: v["reply"].as_str().expect("reply").to_string(),
                verdict: Verdict::parse(v["verdict"].as_str().expect("verdict"))
                    .expect("verdict name"),
                flags: v["flags"]
                    .as_array()
                    .expect("flags")
                    .iter()
                    .map(|f| f.as_str().expect("flag").to_string())
                    .collect(),
                split: v["split"].as_str().expect("split").to_string(),
            }
        })
        .collect()
}

/// (n, accuracy, flag micro-F1)
fn score(items: &[&Item]) -> (usize, f64, f64) {
    let (mut right, mut tp, mut fp, mut fn_) = (0, 0, 0, 0);
    for it in items {
        let r = check_reply(&it.post, &it.reply);
        if r.verdict == it.verdict {
            right += 1;
        }
        let got: BTreeSet<String> = r.flags.iter().map(|f| f.as_str().to_string()).collect();
        tp += got.intersection(&it.flags).count();
        fp += got.difference(&it.flags).count();
        fn_ += it.flags.difference(&got).count();
    }
    let f1 = if tp == 0 {
        0.0
    } else {
        2.0 * tp as f64 / (2 * tp + fp + fn_) as f64
    };
    (items.len(), right as f64 / items.len() as f64, f1)
}

#[test]
fn labelled_sets_are_well_formed() {
    for lang in ["en", "th", "he"] {
        let items = load(lang);
        assert!(items.len() >= 40, "{lang}: {}", items.len());
        for split in ["dev", "test"] {
            let n = items.iter().filter(|i| i.split == split).count();
            assert!(n >= 20, "{lang} {split}: {n}");
        }
        for v in [Verdict::Good, Verdict::NeedsWork, Verdict::Harmful] {
            assert!(items.iter().any(|i| i.verdict == v), "{lang}: no {v:?}");
        }
        for it in &items {
            for f in &it.flags {
                assert!(backlash::ReplyFlag::parse(f).is_some(), "{lang}: flag {f}");
            }
        }
    }
}

#[test]
fn accuracy_floor_on_test_split() {
    for lang in ["en", "th", "he"] {
        let items = load(lang);
        for split in ["dev", "test", "blind", "blind2", "blind3", "blind4"] {
            let part: Vec<&Item> = items.iter().filter(|i| i.split == split).collect();
            if part.is_empty() {
                continue;
            }
            let (n, acc, f1) = score(&part);
            println!("{lang} {split}: n={n} verdict accuracy={acc:.3} flag micro-F1={f1:.3}");
            if split == "test" {
                assert!(acc >= 0.80, "{lang} test accuracy {acc:.3} < 0.80");
                assert!(f1 >= 0.75, "{lang} test flag micro-F1 {f1:.3} < 0.75");
            }
        }
    }
}

#[test]
fn harmful_replies_never_pass_as_good() {
    // On every labelled harmful reply, the checker must not say "good".
    for lang in ["en", "th", "he"] {
        for it in load(lang).iter().filter(|i| i.verdict == Verdict::Harmful) {
            let r = check_reply(&it.post, &it.reply);
            assert_ne!(r.verdict, Verdict::Good, "{lang}: {}", it.reply);
        }
    }
}

proptest! {
    #[test]
    fn any_text_gets_a_bounded_result(post in "\\PC{0,120}", draft in "\\PC{0,200}") {
        let r = check_reply(&post, &draft);
        prop_assert!((0.0..=100.0).contains(&r.score));
        for h in &r.cues {
            prop_assert!(draft.get(h.span.range()).is_some());
        }
        if r.verdict == Verdict::Good {
            prop_assert!(r.flags.is_empty());
        }
    }

    #[test]
    fn mixed_scripts_and_marks(draft in "[a-zก-ฮא-ת\u{0E31}-\u{0E3A}\u{05B0}-\u{05C7}'\" !?0-9#@]{0,80}") {
        let r = check_reply("x", &draft);
        prop_assert!(r.score.is_finite());
    }
}
