//! Monitor throughput and memory.
//!
//! `cargo bench --bench monitor` prints, before the criterion groups, the
//! memory per topic and per thread and the state size over 10 million
//! events with churning topics.

use std::hint::black_box;

use backlash::monitor::sim::{generate, SimConfig};
use backlash::monitor::{Monitor, MonitorConfig, Observation, Timestamp};
use criterion::{criterion_group, BatchSize, Criterion, Throughput};

fn memory_report() {
    let t0 = 1_793_577_600i64;
    // Per topic and per thread: 10,000 topics each with ten threads.
    let names: Vec<String> = (0..10_000).map(|i| format!("topic-{i}")).collect();
    let threads: Vec<String> = (0..100_000).map(|i| format!("thread-{i}")).collect();
    let mut m = Monitor::new(MonitorConfig::default());
    for (i, n) in names.iter().enumerate() {
        let o = Observation {
            id: (i as u64).into(),
            at: Timestamp(t0),
            topic: Some(n),
            ..Observation::default()
        };
        m.observe(&o).unwrap();
    }
    let topics_only = m.approx_memory();
    for (i, th) in threads.iter().enumerate() {
        let o = Observation {
            id: (i as u64).into(),
            at: Timestamp(t0 + 1),
            topic: Some(&names[i % names.len()]),
            thread: Some(th),
            compound: -0.5,
            complaint: true,
            ..Observation::default()
        };
        m.observe(&o).unwrap();
    }
    eprintln!(
        "memory: {:.0} bytes per topic, {:.0} bytes per thread (approx_memory: inline + own heap + index entry)",
        topics_only as f64 / names.len() as f64,
        (m.approx_memory() - topics_only) as f64 / threads.len() as f64
    );

    // Churn: 10 million events over ~116 days of event time; a topic lives
    // about two hours, a thread about 20 minutes.
    let cfg = MonitorConfig {
        topic_ttl_secs: 6 * 3600,
        thread_ttl_secs: 3 * 3600,
        ..MonitorConfig::default()
    };
    let mut m = Monitor::new(cfg);
    let pool: Vec<String> = (0..20_000).map(|i| format!("churn-{i}")).collect();
    let mut line = Vec::new();
    let n = 10_000_000u64;
    for i in 0..n {
        let k = ((i / 1_500) as usize + (i % 11) as usize) % pool.len();
        let o = Observation {
            id: i.into(),
            at: Timestamp(t0 + i as i64),
            topic: Some(&pool[k]),
            thread: if i % 4 == 0 {
                Some(&pool[(k * 31 + (i as usize % 7)) % pool.len()])
            } else {
                None
            },
            compound: if i % 3 == 0 { -0.5 } else { 0.4 },
            complaint: i % 3 == 0,
            ..Observation::default()
        };
        let _ = m.observe(&o);
        if (i + 1) % 2_000_000 == 0 {
            line.push(format!(
                "{}M: {} topics, {} threads, {} KB",
                (i + 1) / 1_000_000,
                m.topic_count(),
                m.thread_count(),
                m.approx_memory() / 1024
            ));
        }
    }
    eprintln!("churn over 10M events: {}", line.join("; "));
}

fn observe(c: &mut Criterion) {
    let (events, _) = generate(&SimConfig {
        topics: 12,
        days: 2,
        ..SimConfig::default()
    });
    let names: Vec<String> = (0..12).map(|i| format!("topic-{i}")).collect();
    let obs: Vec<Observation<'_>> = events.iter().map(|e| e.observation(&names)).collect();
    let mut g = c.benchmark_group("monitor");
    g.throughput(Throughput::Elements(obs.len() as u64));
    g.bench_function("observe_pre_assessed", |b| {
        b.iter_batched(
            || Monitor::new(MonitorConfig::default()),
            |mut m| {
                let mut out = Vec::new();
                for o in &obs {
                    let _ = m.observe_into(black_box(o), &mut out);
                }
                out.len()
            },
            BatchSize::LargeInput,
        )
    });
    // With threads and string ids: every fourth post in one of 5,000 threads.
    let th: Vec<String> = (0..5_000).map(|i| format!("th-{i}")).collect();
    let obs_threads: Vec<Observation<'_>> = events
        .iter()
        .map(|e| {
            let mut o = e.observation(&names);
            o.id = format!("post-{}", e.id).into();
            if e.id % 4 == 0 {
                o.thread = Some(&th[(e.id as usize / 4) % th.len()]);
            }
            o
        })
        .collect();
    g.bench_function("observe_with_threads", |b| {
        b.iter_batched(
            || Monitor::new(MonitorConfig::default()),
            |mut m| {
                let mut out = Vec::new();
                for o in &obs_threads {
                    let _ = m.observe_into(black_box(o), &mut out);
                }
                out.len()
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();

    // The full pipeline: the budget is analyze + observe within
    // 1.2x of analyze alone. Texts cycle over four posts in three languages;
    // times, topics and threads come from the simulated stream.
    let texts = [
        "รอสายมา 2 ชั่วโมง ไม่มีใครรับเลย แย่มาก @AcmeAir #AcmeAirFail",
        "My flight was cancelled and nobody answers, worst airline ever!!!",
        "ההזמנה הגיעה שבורה ואף אחד לא עונה, שירות גרוע",
        "Thank you @ShopFast, great service as always 😊",
    ];
    let analyzer = backlash::Analyzer::default();
    let mut g = c.benchmark_group("pipeline");
    g.throughput(Throughput::Elements(obs.len().min(20_000) as u64));
    let sample = &obs[..obs.len().min(20_000)];
    g.bench_function("assess_only", |b| {
        b.iter(|| {
            let mut n = 0.0f32;
            for (i, _) in sample.iter().enumerate() {
                n += analyzer
                    .assess_text(black_box(texts[i % texts.len()]))
                    .virality
                    .risk;
            }
            n
        })
    });
    g.bench_function("assess_and_observe", |b| {
        b.iter_batched(
            || Monitor::new(MonitorConfig::default()),
            |mut m| {
                let mut out = Vec::new();
                for (i, o) in sample.iter().enumerate() {
                    let report = analyzer.assess_text(black_box(texts[i % texts.len()]));
                    let mut ob = report.observation(o.id.clone(), o.at);
                    ob.topic = o.topic;
                    ob.thread = o.thread;
                    ob.author = o.author;
                    ob.followers = o.followers;
                    ob.is_brand = o.is_brand;
                    let _ = m.observe_into(&ob, &mut out);
                }
                out.len()
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group!(benches, observe);

fn main() {
    if std::env::var_os("BACKLASH_SKIP_MEMORY").is_none() {
        memory_report();
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
