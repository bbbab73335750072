//! Throughput of the reply check, the virality text signals and model, and
//! the response plan. `cargo bench --bench reply`.

use std::hint::black_box;
use std::time::Duration;

use backlash::{check_reply, respond, virality, Channel, Post, TextSignals, Token};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const PAIRS: [(&str, &str); 6] = [
    (
        "@SkyJet my flight SJ221 was cancelled and nobody told me, I'm stuck at the gate",
        "We're so sorry, that's not OK. I've rebooked you on SJ225 at 18:40 and a meal voucher is waiting at desk 4. I'll message you by 6pm.",
    ),
    (
        "Been on hold with Telmax for 2 hours to cancel my contract.",
        "As stated in our terms of service, cancellations require 30 days notice by phone.",
    ),
    (
        "เน็ตล่มมา 3 วันแล้ว โทรไปก็ไม่มีใครรับ",
        "ขอโทษจริงๆ ครับ ผมได้ส่งช่างเข้าไปพรุ่งนี้ 9 โมงเช้า และจะคืนค่าบริการ 3 วันให้ในบิลถัดไปครับ",
    ),
    (
        "ของไม่ถึงมือ เป็นครั้งที่สามแล้ว",
        "ลูกค้าไม่อยู่บ้านตอนไปส่งเองค่ะ พนักงานจึงวางไว้หน้าบ้าน",
    ),
    (
        "הטיסה שלי בוטלה ואף אחד לא הודיע",
        "אנחנו מאוד מצטערים, זה לא בסדר. העברנו אותך לטיסה של 18:40. אעדכן אותך עד 18:00.",
    ),
    (
        "האפליקציה שלכם מחקה את הכרטיסים השמורים שלי",
        "האפליקציה עובדת מצוין אצל כולם. כנראה מחקת אותם בעצמך.",
    ),
];

fn bench(c: &mut Criterion) {
    let bytes: usize = PAIRS.iter().map(|(p, r)| p.len() + r.len()).sum();
    let mut g = c.benchmark_group("reply");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("check_reply x6", |b| {
        b.iter(|| {
            for (p, r) in PAIRS {
                black_box(check_reply(black_box(p), black_box(r)));
            }
        })
    });
    g.finish();

    let posts: Vec<&str> = PAIRS.iter().map(|(p, _)| *p).collect();
    let tokens: Vec<Vec<Token<'_>>> = posts
        .iter()
        .map(|p| backlash::tokenize(p).collect())
        .collect();
    let mut g = c.benchmark_group("virality");
    g.throughput(Throughput::Elements(posts.len() as u64));
    g.bench_function("signals+risk (pre-tokenized)", |b| {
        b.iter(|| {
            for (p, t) in posts.iter().zip(&tokens) {
                let s = TextSignals::from_tokens(black_box(t), -0.5);
                let post = Post::new(p)
                    .channel(Channel::PublicSocial)
                    .followers(12_000)
                    .shares(40)
                    .age(Duration::from_secs(1800));
                black_box(virality(&post, &s));
            }
        })
    });
    g.bench_function("respond", |b| {
        b.iter(|| black_box(respond(black_box(72.0), black_box(0.6), false, true)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
