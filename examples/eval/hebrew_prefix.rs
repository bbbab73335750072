//! Hebrew proclitic prefix accuracy on the UD segmentation sets.
//!
//! For every word of `he-segment/dev.jsonl` and `he-segment/iahltwiki-dev.jsonl`
//! that contains a Hebrew letter, the word is tokenized with
//! [`backlash::tokenize`] and the prefix of its first Hebrew word token
//! (`Token::prefix`) is compared with the gold `prefixes[i]`. Prints n,
//! accuracy, the no-split baseline, and how the errors split into false
//! splits, missed splits and wrong prefixes.

use std::collections::HashMap;
use std::path::Path;

use backlash::{Lang, TokenKind};

use crate::common::read_jsonl;

fn is_hebrew(w: &str) -> bool {
    w.chars().any(|c| ('\u{05D0}'..='\u{05EA}').contains(&c))
}

/// Prints the prefix accuracy table for the two segmentation sets.
pub fn run(dir: &Path) {
    println!("\n== Hebrew prefixes (UD words with a Hebrew letter) ==");
    println!(
        "{:<22} {:>6} {:>9} {:>9} {:>7} {:>7} {:>7}",
        "set", "n", "accuracy", "no-split", "false", "missed", "wrong"
    );
    for name in ["dev", "iahltwiki-dev"] {
        let path = dir.join("he-segment").join(format!("{name}.jsonl"));
        let Some(rows) = read_jsonl(&path) else {
            println!("{name:<22} missing: {}", path.display());
            continue;
        };
        let (mut n, mut ok, mut base) = (0usize, 0usize, 0usize);
        let (mut false_split, mut missed, mut wrong) = (0usize, 0usize, 0usize);
        let mut errors: HashMap<(String, String, String), usize> = HashMap::new();
        for row in &rows {
            let (Some(words), Some(prefixes)) =
                (row["words"].as_array(), row["prefixes"].as_array())
            else {
                continue;
            };
            for (w, p) in words.iter().zip(prefixes) {
                let (Some(w), Some(gold)) = (w.as_str(), p.as_str()) else {
                    continue;
                };
                if !is_hebrew(w) {
                    continue;
                }
                let predicted = backlash::tokenize(w)
                    .find(|t| t.lang == Lang::Hebrew && t.kind == TokenKind::Word)
                    .map(|t| t.prefix().to_string())
                    .unwrap_or_default();
                n += 1;
                if gold.is_empty() {
                    base += 1;
                }
                if predicted == gold {
                    ok += 1;
                } else {
                    if gold.is_empty() {
                        false_split += 1;
                    } else if predicted.is_empty() {
                        missed += 1;
                    } else {
                        wrong += 1;
                    }
                    *errors
                        .entry((w.to_string(), gold.to_string(), predicted))
                        .or_default() += 1;
                }
            }
        }
        let rate = |k: usize| if n == 0 { 0.0 } else { k as f64 / n as f64 };
        // The floor is 0.90 on HTB dev; the same guards IAHLTwiki.
        crate::common::floor(&format!("Hebrew prefix accuracy on {name}"), rate(ok), 0.90);
        println!(
            "{:<22} {:>6} {:>9.4} {:>9.4} {:>7} {:>7} {:>7}",
            name,
            n,
            rate(ok),
            rate(base),
            false_split,
            missed,
            wrong
        );
        if std::env::var_os("EVAL_VERBOSE").is_some() {
            let mut errors: Vec<_> = errors.into_iter().collect();
            errors.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            for ((w, g, p), c) in errors.iter().take(40) {
                println!("    {c:>3}  {w}  gold={g:?} predicted={p:?}");
            }
        }
    }
}
