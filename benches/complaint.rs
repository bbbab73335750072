//! Complaint analysis cost per post: `cargo bench --bench complaint`.
//!
//! Measures tokenization alone and complaint analysis on pre-tokenized posts
//! (with and without the fitted model)
//! (the labelled sets in `tests/data/`, all three languages), so the cost of
//! this module can be compared with the tokenizer's and the sentiment
//! engine's.

use backlash::{ComplaintAnalyzer, Sentiment};
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};

fn posts() -> Vec<String> {
    let mut out = Vec::new();
    for lang in ["en", "th", "he"] {
        let path = format!(
            "{}/tests/data/complaints_{lang}.jsonl",
            env!("CARGO_MANIFEST_DIR")
        );
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        for line in text.lines() {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                if let Some(t) = v["text"].as_str() {
                    out.push(t.to_string());
                }
            }
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let posts = posts();
    let bytes: usize = posts.iter().map(String::len).sum();
    let an = ComplaintAnalyzer::default();
    let sentiment = Sentiment::default();
    let tokens: Vec<Vec<backlash::Token<'_>>> = posts
        .iter()
        .map(|p| backlash::tokenize(p).collect())
        .collect();

    let mut g = c.benchmark_group("complaint");
    g.throughput(Throughput::Elements(posts.len() as u64));
    g.bench_function("tokenize_only", |b| {
        b.iter(|| {
            let mut n = 0;
            for p in &posts {
                n += backlash::tokenize(black_box(p)).count();
            }
            n
        })
    });
    g.bench_function("analyze_pretokenized", |b| {
        b.iter(|| {
            let mut n = 0.0f32;
            for (p, t) in posts.iter().zip(&tokens) {
                n += an.analyze(black_box(p), t, &sentiment).severity.score;
            }
            n
        })
    });
    let fitted = ComplaintAnalyzer::builder().fitted_model(true).build();
    g.bench_function("analyze_pretokenized_fitted_model", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for (p, t) in posts.iter().zip(&tokens) {
                let c = fitted.analyze(black_box(p), t, &sentiment);
                n += c.categories.len() + c.intents.len();
            }
            n
        })
    });
    g.bench_function("tokenize_and_analyze", |b| {
        b.iter(|| {
            let mut toks = Vec::new();
            let mut n = 0.0f32;
            for p in &posts {
                toks.clear();
                toks.extend(backlash::tokenize(black_box(p)));
                n += an.analyze(p, &toks, &sentiment).severity.score;
            }
            n
        })
    });
    g.finish();
    eprintln!("{} posts, {} bytes", posts.len(), bytes);
}

criterion_group!(benches, bench);
criterion_main!(benches);
