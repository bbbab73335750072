//! Hebrew normalisation and prefix analysis throughput.

use std::hint::black_box;

use backlash::tokenize::hebrew::{normalize, HebrewAnalyzer};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const TEXT: &str = "המשלוח לא הגיע כבר שבועיים ואף אחד בשירות הלקוחות לא עונה לי, \
    התקשרתי למוקד שלוש פעמים והעבירו אותי מנציג לנציג. ממממש מאכזב!!! \
    אני מבטל את המנוי ועובר לחברה אחרת, וכשאגיע הביתה אכתוב ביקורת בפייסבוק \
    על השירות הגרוע והיחס המזלזל של הנציגים בבזק ובסלקום.";

fn words() -> Vec<String> {
    TEXT.split(|c: char| !c.is_alphabetic() && c != '"' && c != '\'')
        .filter(|w| !w.is_empty())
        .map(|w| normalize(w).0.into_owned())
        .collect()
}

fn bench(c: &mut Criterion) {
    let he = HebrewAnalyzer::new();
    let ws = words();
    let _ = he.prefix_len("והבית"); // build the lexicon outside the timing
    let mut g = c.benchmark_group("hebrew");
    g.throughput(Throughput::Elements(ws.len() as u64));
    g.bench_function("prefix_len", |b| {
        b.iter(|| {
            let mut n = 0;
            for w in &ws {
                n += he.prefix_len(black_box(w));
            }
            n
        })
    });
    let unseen = ["והפלונקסטרים", "שבזגזגון", "לקרמבולטים", "מהטרנספורמציות"];
    g.throughput(Throughput::Elements(unseen.len() as u64));
    g.bench_function("prefix_len_unseen", |b| {
        b.iter(|| {
            unseen
                .iter()
                .map(|w| he.prefix_len(black_box(w)))
                .sum::<usize>()
        })
    });
    g.throughput(Throughput::Bytes(TEXT.len() as u64));
    g.bench_function("tokenize_text", |b| {
        b.iter(|| backlash::tokenize(black_box(TEXT)).count())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
