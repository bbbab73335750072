//! Prints the evidence behind each score: JSONL `{"id", "text"}` in, one
//! tab-separated line out per row: id, compound, label, then
//! `token:rule:weight` for every piece of evidence.
//!
//! ```text
//! cargo run --release --example explain -- FILE
//! ```

use std::io::{BufRead, BufReader};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: explain FILE");
        std::process::exit(2);
    };
    let file = match std::fs::File::open(&path) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("explain: cannot open {path}: {e}");
            std::process::exit(2);
        }
    };
    let analyzer = backlash::Analyzer::default();
    for line in BufReader::new(file).lines().map_while(Result::ok) {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let Some(text) = v["text"].as_str() else {
            continue;
        };
        let a = analyzer.analyze(text);
        let ev: Vec<String> = a
            .evidence
            .iter()
            .map(|e| {
                let w = text.get(e.span.range()).unwrap_or("?");
                format!("{w}:{}:{:.3}", e.rule.as_str(), e.weight)
            })
            .collect();
        println!(
            "{}\t{:.4}\t{}\t{}",
            v["id"],
            a.sentiment.compound,
            a.sentiment.label.as_str(),
            ev.join(" ")
        );
    }
}
