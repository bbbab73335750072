//! English tweets per second: backlash against the `vader_sentiment` crate
//! on the same tweets in the same run.
//!
//! `cargo bench --features compare --bench compare_sentiment`

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn tweets() -> Vec<String> {
    let dir = std::env::var("BACKLASH_DATA")
        .map(PathBuf::from)
        .ok()
        .or_else(|| {
            ["../shared/data", "../../shared/data"]
                .iter()
                .map(PathBuf::from)
                .find(|p| p.is_dir())
        });
    let Some(s) = dir.and_then(|d| std::fs::read_to_string(d.join("en-vader/tweets.jsonl")).ok())
    else {
        return Vec::new();
    };
    s.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect()
}

fn bench(c: &mut Criterion) {
    let t = tweets();
    if t.is_empty() {
        eprintln!("compare_sentiment: no tweets found, skipped");
        return;
    }
    let ours = backlash::Analyzer::default();
    let vader = vader_sentiment::SentimentIntensityAnalyzer::new();
    let mut g = c.benchmark_group("compare_sentiment");
    g.sample_size(10).measurement_time(Duration::from_secs(5));
    g.throughput(Throughput::Elements(t.len() as u64));
    g.bench_function("backlash", |b| {
        b.iter(|| {
            for s in &t {
                black_box(ours.analyze(black_box(s)).sentiment.compound);
            }
        })
    });
    // The full assessment (sentiment, complaint, severity, virality,
    // response): the budget is 1.5x sentiment alone.
    g.bench_function("backlash_assess", |b| {
        b.iter(|| {
            for s in &t {
                black_box(ours.assess_text(black_box(s)).complaint.severity.score);
            }
        })
    });
    // The tokenizer alone, for reference: the floor under `backlash`.
    g.bench_function("backlash_tokenize_only", |b| {
        b.iter(|| {
            for s in &t {
                black_box(backlash::tokenize(black_box(s)).count());
            }
        })
    });
    g.bench_function("vader_sentiment", |b| {
        b.iter(|| {
            for s in &t {
                black_box(vader.polarity_scores(black_box(s)));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
