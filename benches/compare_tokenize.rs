//! Thai (and English and Hebrew) tokenization against peers on the same
//! input, in the same run:
//! `cargo bench --features compare --bench compare_tokenize`.
//!
//! - `backlash`: the crate's full tokenizer (`backlash::tokenize`).
//! - `backlash_seg`: the Thai segmenter alone, on the same text.
//! - `icu_dictionary`: `icu_segmenter` 1.5 `WordSegmenter::new_dictionary`.
//! - `nlpo3_newmm`: `nlpo3` 1.4 newmm (maximal matching over TCC), given the
//!   same word list as backlash, single-threaded, `safe = false`.
//! - `charabia`: `charabia` 0.9 (Thai: FST dictionary), `segment_str`.
//!
//! The input is Thai social-style text with spaces between phrases (see
//! `benches/corpus.rs`); throughput is in input bytes.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

use backlash::tokenize::thai::ThaiSegmenter;
use charabia::Segment;
use nlpo3::tokenizer::newmm::NewmmTokenizer;
use nlpo3::tokenizer::tokenizer_trait::Tokenizer as _;

mod corpus;
use corpus::{text_of, ENGLISH, HEBREW, THAI};

const SIZES: &[(&str, usize)] = &[("1KB", 1_000), ("100KB", 100_000), ("10MB", 10_000_000)];

fn compare(c: &mut Criterion) {
    let seg = ThaiSegmenter::new();
    let words: Vec<String> = seg.dict_entries().into_iter().map(|(w, _)| w).collect();
    let newmm = NewmmTokenizer::from_word_list(words);
    let icu = icu_segmenter::WordSegmenter::new_dictionary();
    for &(name, size) in SIZES {
        let text = text_of(THAI, size);
        let mut g = c.benchmark_group(format!("thai_compare/{name}"));
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.sample_size(if size >= 1_000_000 { 10 } else { 30 });
        g.bench_with_input(BenchmarkId::new("backlash", name), &text, |b, t| {
            b.iter(|| backlash::tokenize(black_box(t)).count())
        });
        let mut ends = Vec::new();
        g.bench_with_input(BenchmarkId::new("backlash_seg", name), &text, |b, t| {
            b.iter(|| {
                let mut n = 0;
                for run in black_box(t).split(' ') {
                    ends.clear();
                    seg.segment_into(run, &mut ends);
                    n += ends.len();
                }
                n
            })
        });
        g.bench_with_input(BenchmarkId::new("icu_dictionary", name), &text, |b, t| {
            b.iter(|| icu.segment_str(black_box(t)).count())
        });
        g.bench_with_input(BenchmarkId::new("nlpo3_newmm", name), &text, |b, t| {
            b.iter(|| {
                newmm
                    .segment(black_box(t), false, false)
                    .map_or(0, |v| v.len())
            })
        });
        g.bench_with_input(BenchmarkId::new("charabia", name), &text, |b, t| {
            b.iter(|| black_box(t.as_str()).segment_str().count())
        });
        g.finish();
    }
}

/// English and Hebrew social text, 100 KB: the full tokenizer against
/// charabia on the same input.
fn compare_latin_hebrew(c: &mut Criterion) {
    for (lang, sentences) in [("english", ENGLISH), ("hebrew", HEBREW)] {
        let text = text_of(sentences, 100_000);
        let mut g = c.benchmark_group(format!("{lang}_compare/100KB"));
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.sample_size(30);
        g.bench_with_input(BenchmarkId::new("backlash", lang), &text, |b, t| {
            b.iter(|| backlash::tokenize(black_box(t)).count())
        });
        g.bench_with_input(BenchmarkId::new("charabia", lang), &text, |b, t| {
            b.iter(|| black_box(t.as_str()).segment_str().count())
        });
        g.finish();
    }
}

criterion_group!(benches, compare, compare_latin_hebrew);
criterion_main!(benches);
