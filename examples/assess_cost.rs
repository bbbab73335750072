//! What a full assessment costs next to sentiment alone, on the VADER tweets:
//! the two are timed in alternation in one process, round after round, so a
//! shared machine's slow spells hit both alike; the figure to read is the
//! median of the per-round ratios (and the ratio of the fastest rounds).
//!
//! ```text
//! cargo run --release --example assess_cost -- [ROUNDS] [DATA_DIR]
//! ```
//!
//! `DATA_DIR` defaults to `../shared/data` (it needs `en-vader/tweets.jsonl`).

use std::time::Instant;

use backlash::{Analyzer, Post};

fn main() {
    let mut args = std::env::args().skip(1);
    let rounds: usize = args
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(15)
        .max(1);
    let dir = args.next().unwrap_or_else(|| "../shared/data".into());
    let path = std::path::Path::new(&dir).join("en-vader/tweets.jsonl");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("assess_cost: cannot read {}", path.display());
        std::process::exit(2);
    };
    let tweets: Vec<String> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect();
    let analyzer = Analyzer::default();
    // Warm-up: tables built, per-thread buffers and memos filled.
    let mut sink = 0f64;
    for t in &tweets {
        sink += f64::from(analyzer.assess(&Post::new(t)).virality.risk);
    }
    let (mut analyze, mut assess, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..rounds {
        let t0 = Instant::now();
        for t in &tweets {
            sink += f64::from(analyzer.analyze(t).sentiment.compound);
        }
        let t1 = Instant::now();
        for t in &tweets {
            sink += f64::from(analyzer.assess(&Post::new(t)).virality.risk);
        }
        let t2 = Instant::now();
        let (a, b) = ((t1 - t0).as_secs_f64(), (t2 - t1).as_secs_f64());
        analyze.push(a * 1e3);
        assess.push(b * 1e3);
        ratios.push(b / a);
    }
    for v in [&mut analyze, &mut assess, &mut ratios] {
        v.sort_by(f64::total_cmp);
    }
    let mid = rounds / 2;
    println!(
        "{} tweets, {rounds} rounds: analyze min {:.2} ms, median {:.2} ms | assess min {:.2} ms, median {:.2} ms | assess / analyze: median of rounds {:.3}, of fastest rounds {:.3} (checksum {sink:.0})",
        tweets.len(),
        analyze[0],
        analyze[mid],
        assess[0],
        assess[mid],
        ratios[mid],
        assess[0] / analyze[0],
    );
}
