//! Tokenizer throughput on social-style text: Thai, English, Hebrew, at 1 KB,
//! 100 KB and 10 MB (`cargo bench --bench tokenize`).

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

use backlash::tokenize::thai::ThaiSegmenter;

mod corpus;
use corpus::{text_of, ENGLISH, HEBREW, SIZES, THAI};

fn bench_tokenize(c: &mut Criterion) {
    for (lang, sentences) in [("thai", THAI), ("english", ENGLISH), ("hebrew", HEBREW)] {
        let mut g = c.benchmark_group(format!("tokenize/{lang}"));
        for &(name, size) in SIZES {
            let text = text_of(sentences, size);
            g.throughput(Throughput::Bytes(text.len() as u64));
            if size >= 1_000_000 {
                g.sample_size(10);
            } else {
                g.sample_size(50);
            }
            g.bench_with_input(BenchmarkId::from_parameter(name), &text, |b, t| {
                b.iter(|| backlash::tokenize(black_box(t)).count())
            });
        }
        g.finish();
    }
}

/// The Thai segmenter alone, on the Thai runs of the text (spaces removed, as
/// the peers in `compare_tokenize` get the same spaceless runs).
fn bench_thai_segmenter(c: &mut Criterion) {
    let seg = ThaiSegmenter::new();
    let mut g = c.benchmark_group("thai_segment");
    for &(name, size) in SIZES {
        let text = text_of(THAI, size);
        let runs: Vec<&str> = text
            .split(|ch: char| !(('\u{0E01}'..='\u{0E4E}').contains(&ch)))
            .filter(|r| !r.is_empty())
            .collect();
        let bytes: usize = runs.iter().map(|r| r.len()).sum();
        g.throughput(Throughput::Bytes(bytes as u64));
        g.sample_size(if size >= 1_000_000 { 10 } else { 50 });
        let mut ends = Vec::new();
        g.bench_with_input(BenchmarkId::from_parameter(name), &runs, |b, runs| {
            b.iter(|| {
                let mut n = 0;
                for r in runs {
                    ends.clear();
                    seg.segment_into(black_box(r), &mut ends);
                    n += ends.len();
                }
                n
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench_tokenize, bench_thai_segmenter);
criterion_main!(benches);
