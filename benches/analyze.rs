//! Sentiment throughput: English tweets, Thai and Hebrew posts per second,
//! and the start-up cost of the embedded lexicons.
//!
//! `cargo bench --bench analyze`. Texts are read from the evaluation data
//! (`BACKLASH_DATA`, else `../shared/data` or `../../shared/data`); a set
//! that is missing is skipped. The resident memory of the embedded data is
//! printed once (RSS growth when it is first used, and the tables' own
//! estimate; then the growth at the first Thai and the first Hebrew post).

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn data_dir() -> Option<PathBuf> {
    if let Ok(d) = std::env::var("BACKLASH_DATA") {
        return Some(PathBuf::from(d));
    }
    ["../shared/data", "../../shared/data"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_dir())
}

fn texts(file: &str, max: usize) -> Vec<String> {
    let Some(dir) = data_dir() else {
        return Vec::new();
    };
    let Ok(s) = std::fs::read_to_string(dir.join(file)) else {
        return Vec::new();
    };
    s.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .take(max)
        .collect()
}

fn rss_kb() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    s.lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// Runs `f` once: its result, the milliseconds it took and the growth of
/// the resident set (KiB).
fn first_use<T>(f: impl FnOnce() -> T) -> (T, f64, u64) {
    let before = rss_kb();
    let t0 = std::time::Instant::now();
    let out = f();
    let ms = t0.elapsed().as_secs_f64() * 1e3;
    let grown = rss_kb().zip(before).map_or(0, |(a, b)| a.saturating_sub(b));
    (out, ms, grown)
}

fn bench(c: &mut Criterion) {
    // Memory and first use, before anything else touches the lexicons.
    let (a, ms, kib) = first_use(|| {
        let a = backlash::Analyzer::default();
        let _ = black_box(a.analyze("warm up: good"));
        a
    });
    eprintln!(
        "embedded sentiment data: first use {ms:.1} ms, RSS +{kib} KiB, table estimate {} KiB",
        a.lexicon().heap_bytes() / 1024
    );
    // Thai and Hebrew data (the Thai dictionary, the Hebrew label and
    // character models) are built on their language's first post.
    for (lang, text) in [
        ("Thai", "รอสายมา 2 ชั่วโมง ไม่มีใครรับเลย แย่มาก"),
        ("Hebrew", "השירות גרוע, אני מחכה כבר שלושה שבועות"),
    ] {
        let (_, ms, kib) = first_use(|| black_box(a.analyze(text)));
        eprintln!("first {lang} post: {ms:.1} ms, RSS +{kib} KiB");
    }

    let mut g = c.benchmark_group("analyze");
    g.sample_size(10).measurement_time(Duration::from_secs(4));
    for (name, file) in [
        ("en_tweets", "en-vader/tweets.jsonl"),
        ("th_wisesight", "th-wisesight/train.jsonl"),
        ("he_omilab", "he-sentiment/train.jsonl"),
    ] {
        let t = texts(file, 4000);
        if t.is_empty() {
            eprintln!("analyze/{name}: no data, skipped");
            continue;
        }
        g.throughput(Throughput::Elements(t.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| {
                for s in &t {
                    black_box(a.analyze(black_box(s)));
                }
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("startup");
    g.sample_size(10).measurement_time(Duration::from_secs(4));
    g.bench_function("build_embedded_lexicons", |b| {
        b.iter(|| {
            black_box(backlash::lexicon::Lexicon::embedded_with_fitted(
                backlash::Lang::Thai,
                include_str!("../data/lexicon/th_fitted.tsv"),
            ))
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
