//! Sentiment table: n, accuracy, macro-F1 (pos/neu/neg; gold `q` ignored) and
//! Pearson r against the gold score where one exists.
//!
//! Thai (wisesight) and Hebrew (omilab) are measured on the held-out fifth
//! of their training files (`backlash::sentiment::is_held_out`), the part the
//! lexicon fitting tool never sees (the split hashes the text, so no text
//! is on both sides); the Hebrew file has many repeated texts, so it is also
//! scored with each distinct text once. hebert-main is used whole.
//!
//! English amazon and movies are also reported by halves: half A is the
//! texts whose FNV-1a hash (of the text's bytes) is even, half B the rest.
//! The English label thresholds (`data/lexicon/params.tsv`) and rule changes
//! were chosen looking at half A only; half B is the check.

use std::path::Path;

use crate::common::{accuracy, en_half_a, macro_f1, pearson, read_jsonl};

const CLASSES: [&str; 3] = ["pos", "neu", "neg"];

struct Row {
    name: &'static str,
    file: &'static str,
    score_field: Option<&'static str>,
    held_out_only: bool,
    /// Count each distinct text (words joined by single spaces) once.
    unique: bool,
    /// Only the texts of one half (`en_half`): `Some(true)` = half A.
    half: Option<bool>,
}

const SETS: [Row; 12] = [
    Row {
        name: "en tweets",
        file: "en-vader/tweets.jsonl",
        score_field: Some("score"),
        held_out_only: false,
        unique: false,
        half: None,
    },
    Row {
        name: "en amazon",
        file: "en-vader/amazon.jsonl",
        score_field: Some("score"),
        held_out_only: false,
        unique: false,
        half: None,
    },
    Row {
        name: "en amazon half A",
        file: "en-vader/amazon.jsonl",
        score_field: Some("score"),
        held_out_only: false,
        unique: false,
        half: Some(true),
    },
    Row {
        name: "en amazon half B",
        file: "en-vader/amazon.jsonl",
        score_field: Some("score"),
        held_out_only: false,
        unique: false,
        half: Some(false),
    },
    Row {
        name: "en movies",
        file: "en-vader/movies.jsonl",
        score_field: Some("score"),
        held_out_only: false,
        unique: false,
        half: None,
    },
    Row {
        name: "en movies half A",
        file: "en-vader/movies.jsonl",
        score_field: Some("score"),
        held_out_only: false,
        unique: false,
        half: Some(true),
    },
    Row {
        name: "en movies half B",
        file: "en-vader/movies.jsonl",
        score_field: Some("score"),
        held_out_only: false,
        unique: false,
        half: Some(false),
    },
    Row {
        name: "en nyt",
        file: "en-vader/nyt.jsonl",
        score_field: Some("score"),
        held_out_only: false,
        unique: false,
        half: None,
    },
    Row {
        name: "th wisesight (held-out)",
        file: "th-wisesight/train.jsonl",
        score_field: None,
        held_out_only: true,
        unique: false,
        half: None,
    },
    Row {
        name: "he omilab (held-out)",
        file: "he-sentiment/train.jsonl",
        score_field: None,
        held_out_only: true,
        unique: false,
        half: None,
    },
    Row {
        name: "he omilab (held-out, distinct texts)",
        file: "he-sentiment/train.jsonl",
        score_field: None,
        held_out_only: true,
        unique: true,
        half: None,
    },
    Row {
        name: "he hebert-main",
        file: "he-sentiment/hebert-main.jsonl",
        score_field: Some("mean_score"),
        held_out_only: false,
        unique: false,
        half: None,
    },
];

/// Prints the sentiment table for every labelled set found under `dir`.
pub fn run(dir: &Path) {
    let analyzer = backlash::Analyzer::default();
    println!("\n## Sentiment\n");
    println!("| set | n | accuracy | macro-F1 | Pearson r | F1 pos / neu / neg |");
    println!("|---|---:|---:|---:|---:|---|");
    for set in &SETS {
        let path = dir.join(set.file);
        let Some(rows) = read_jsonl(&path) else {
            println!("| {} | missing: {} | | | |", set.name, path.display());
            continue;
        };
        let mut gold = Vec::new();
        let mut pred = Vec::new();
        let mut xs = Vec::new();
        let mut ys = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for r in &rows {
            let (Some(text), Some(label)) = (r["text"].as_str(), r["label"].as_str()) else {
                continue;
            };
            if !CLASSES.contains(&label) {
                continue;
            }
            if set.held_out_only && !backlash::sentiment::is_held_out(text) {
                continue;
            }
            if set.half.is_some_and(|a| a != en_half_a(text)) {
                continue;
            }
            if set.unique && !seen.insert(text.split_whitespace().collect::<Vec<_>>().join(" ")) {
                continue;
            }
            let a = analyzer.analyze(text);
            gold.push(label);
            pred.push(a.sentiment.label.as_str());
            if let Some(y) = set.score_field.and_then(|f| r[f].as_f64()) {
                xs.push(f64::from(a.sentiment.compound));
                ys.push(y);
            }
        }
        let r = if set.score_field.is_some() {
            format!("{:.3}", pearson(&xs, &ys))
        } else {
            "–".to_string()
        };
        let f1 = macro_f1(&gold, &pred, &CLASSES);
        let pr = if set.score_field.is_some() {
            pearson(&xs, &ys)
        } else {
            f64::NAN
        };
        for (name, value, floor) in sentiment_floors(set.name, f1, pr) {
            crate::common::floor(&format!("{} {name}", set.name), value, floor);
        }
        println!(
            "| {} | {} | {:.3} | {:.3} | {} | {:.2} / {:.2} / {:.2} |",
            set.name,
            gold.len(),
            accuracy(&gold, &pred),
            macro_f1(&gold, &pred, &CLASSES),
            r,
            macro_f1(&gold, &pred, &["pos"]),
            macro_f1(&gold, &pred, &["neu"]),
            macro_f1(&gold, &pred, &["neg"]),
        );
    }
}

/// The floors CI holds each set to: (figure, value, floor).
///
/// English: the issue's floors on tweets (r 0.87, macro-F1 0.70) and VADER
/// 3.3.2's macro-F1 and Pearson r on amazon, movies and nyt (ours must stay
/// above).
/// Thai: the issue's macro-F1 0.55. Hebrew: the issue's 0.70 on omilab's
/// distinct held-out texts, and regression guards below the current figures
/// on all held-out omilab rows and on hebert-main.
fn sentiment_floors(set: &str, f1: f64, r: f64) -> Vec<(&'static str, f64, f64)> {
    match set {
        "en tweets" => vec![("macro-F1", f1, 0.70), ("Pearson r", r, 0.87)],
        "en amazon" => vec![("macro-F1", f1, 0.563), ("Pearson r", r, 0.590)],
        "en movies" => vec![("macro-F1", f1, 0.423), ("Pearson r", r, 0.427)],
        "en nyt" => vec![("macro-F1", f1, 0.555), ("Pearson r", r, 0.503)],
        "th wisesight (held-out)" => vec![("macro-F1", f1, 0.55)],
        "he omilab (held-out)" => vec![("macro-F1", f1, HE_OMILAB_GUARD)],
        "he omilab (held-out, distinct texts)" => vec![("macro-F1", f1, 0.70)],
        "he hebert-main" => vec![("macro-F1", f1, 0.51), ("Pearson r", r, 0.455)],
        _ => Vec::new(),
    }
}

/// Regression guard for Hebrew omilab macro-F1 (all held-out rows):
/// measured 0.704 with the character n-gram feature `char_sign` in the
/// label model (2026-11-23, session 8; 0.693 with the label model alone,
/// 0.652 before it; distinct texts 0.706, floored at the issue's 0.70 above); hebert-main is guarded
/// at 0.51 macro-F1 (measured 0.529) and r 0.455 (measured 0.464), so a
/// change fitted to omilab cannot quietly cost the other domain.
const HE_OMILAB_GUARD: f64 = 0.69;
