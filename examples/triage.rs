//! What a person wants to see: the alert timeline, the complaints to answer
//! first, and a summary per topic.
//!
//! `cargo run --release --example triage` runs on the embedded sample stream
//! (`data/samples/stream.jsonl`); `--file PATH` (or a bare path) reads any
//! JSONL file in the `monitor` example's format, `--brand NAME=alias,…`
//! adds brand topics (the sample's brands are always configured).

#[path = "monitor/events.rs"]
mod events;

use std::collections::{BTreeMap, HashMap};

use backlash::monitor::{Alert, Level, Monitor, MonitorConfig, Status, Timestamp};

const SAMPLE: &str = include_str!("../data/samples/stream.jsonl");

struct Complaint {
    id: String,
    topic: String,
    thread: Option<String>,
    at: i64,
    severity: f32,
    level: u8,
    /// Response deadline from the assessment, in seconds.
    deadline: i64,
    /// The first playbook step.
    step: &'static str,
    risk: f32,
    text: String,
    author: String,
}

fn level_name(l: u8) -> &'static str {
    ["none", "low", "medium", "high", "critical"][usize::from(l.min(4))]
}

fn hhmm(t: i64) -> String {
    let s = Timestamp(t).to_string();
    format!("{} {}", &s[5..10], &s[11..16])
}

fn snippet(text: &str, n: usize) -> String {
    let mut s: String = text.chars().take(n).collect();
    if text.chars().count() > n {
        s.push('…');
    }
    s
}

fn main() {
    let mut cfg = events::sample_brands(MonitorConfig::default()).fallback_topic("(untagged)");
    let mut file: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--file" => file = args.next(),
            "--brand" => {
                cfg = events::brand_arg(cfg, &args.next().unwrap_or_default()).unwrap_or_else(|e| {
                    eprintln!("{e}");
                    std::process::exit(2)
                })
            }
            "-h" | "--help" => {
                eprintln!("usage: triage [--file PATH] [--brand NAME=alias,…]…");
                return;
            }
            other => file = Some(other.to_string()),
        }
    }
    let input = events::jsonl::open_input(file.as_deref(), Box::new(SAMPLE.as_bytes()));
    let mut monitor = Monitor::new(cfg);
    let mut timeline: Vec<Alert> = Vec::new();
    let mut complaints: Vec<Complaint> = Vec::new();
    let mut brand_replies: HashMap<String, Vec<i64>> = HashMap::new();
    // Complaints per 5-minute bucket per topic, to find each topic's peak.
    let mut volume: BTreeMap<String, BTreeMap<i64, u32>> = BTreeMap::new();
    let (mut first, mut last, mut posts) = (i64::MAX, i64::MIN, 0usize);
    let rejected = std::cell::Cell::new(0usize);
    let result = events::read_events(
        input,
        |ev| {
            let before = timeline.len();
            let report = match events::observe(&mut monitor, &ev, &mut timeline) {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("line {}: {e}", ev.line);
                    rejected.set(rejected.get() + 1);
                    return;
                }
            };
            posts += 1;
            first = first.min(ev.created.0);
            last = last.max(ev.created.0);
            let topic = timeline[before..]
                .iter()
                .find(|a| a.thread.is_none())
                .map(|a| a.topic.clone())
                .or_else(|| ev.topic.clone())
                .unwrap_or_else(|| topic_of(&monitor, &ev.text));
            if ev.is_brand {
                if let Some(th) = &ev.thread {
                    brand_replies
                        .entry(th.clone())
                        .or_default()
                        .push(ev.created.0);
                }
            } else if report.complaint.is_complaint {
                *volume
                    .entry(topic.clone())
                    .or_default()
                    .entry(ev.created.0.div_euclid(300))
                    .or_default() += 1;
                complaints.push(Complaint {
                    id: ev.id.to_string(),
                    topic,
                    thread: ev.thread.clone(),
                    at: ev.created.0,
                    severity: report.complaint.severity.score,
                    level: report.complaint.severity.level as u8,
                    deadline: report.response.deadline.as_secs() as i64,
                    step: report.response.step.as_str(),
                    risk: report.virality.risk,
                    text: ev.text.clone(),
                    author: ev.author.clone().unwrap_or_default(),
                });
            }
        },
        |n, why| {
            eprintln!("line {n}: {why}");
            rejected.set(rejected.get() + 1);
        },
    );
    if let Err(e) = result {
        eprintln!("read error: {e}");
        std::process::exit(2);
    }
    if posts == 0 {
        println!("no posts");
        std::process::exit(i32::from(rejected.get() > 0));
    }

    println!(
        "{} posts from {} to {} UTC, {} topics, {} alerts\n",
        posts,
        Timestamp(first),
        Timestamp(last),
        monitor.topic_count(),
        timeline.len()
    );

    println!("ALERT TIMELINE (UTC)");
    for a in &timeline {
        let mark = match a.status {
            Status::Open => "▲ open     ",
            Status::Escalated => "▲ escalated",
            Status::Resolved => "✓ resolved ",
        };
        let level = match (a.status, a.level) {
            (Status::Resolved, _) => "        ",
            (_, Level::Critical) => "CRITICAL",
            (_, Level::Warning) => "WARNING ",
            (_, Level::Watch) => "watch   ",
        };
        let whom = match &a.thread {
            Some(th) => format!("{} / {th}", a.topic),
            None => a.topic.clone(),
        };
        println!(
            "  {}  {level} {mark} {:<18} {whom}",
            hhmm(a.at.0),
            a.kind.as_str()
        );
        if a.status != Status::Resolved {
            for r in &a.reasons {
                println!("                 · {r}");
            }
        }
    }

    println!("\nANSWER FIRST (severity × risk; deadline from severity and risk)");
    complaints.sort_by(|a, b| {
        (b.severity * b.risk.max(0.05))
            .total_cmp(&(a.severity * a.risk.max(0.05)))
            .then(a.at.cmp(&b.at))
    });
    for c in complaints.iter().take(10) {
        let due = c.at + c.deadline;
        let answered = c
            .thread
            .as_ref()
            .and_then(|th| brand_replies.get(th))
            .and_then(|v| v.iter().find(|t| **t >= c.at).copied());
        let status = match answered {
            Some(t) if t <= due => format!("answered in {} min", (t - c.at) / 60),
            Some(t) => format!("answered LATE, {} min after the deadline", (t - due) / 60),
            None if due <= last => format!("UNANSWERED, overdue since {}", hhmm(due)),
            None => format!("open, due {}", hhmm(due)),
        };
        println!(
            "  {:>5.1}  {:<8} {:<9} {} {}  {}; next: {}",
            c.severity * c.risk.max(0.05),
            level_name(c.level),
            c.topic,
            c.id,
            c.author,
            status,
            c.step
        );
        println!("         \"{}\"", snippet(&c.text, 90));
    }

    println!("\nTOPICS");
    for t in monitor.topics() {
        println!(
            "  {:<12} {} posts, {} complaints ({:.0}% negative; usual {:.0}%), baseline {:.1} complaints/h{}",
            t.name,
            t.posts,
            t.complaints,
            100.0 * t.negative as f32 / t.posts.max(1) as f32,
            100.0 * t.baseline_negative_share,
            t.baseline_complaints_per_hour,
            if t.warm { "" } else { " (still learning)" }
        );
        if !t.open.is_empty() {
            let open: Vec<String> = t
                .open
                .iter()
                .map(|(k, l)| format!("{} ({})", k.as_str(), l.as_str()))
                .collect();
            println!("               open now: {}", open.join(", "));
        }
        if let Some(v) = volume.get(&t.name) {
            // Peak: the 15-minute window (three buckets) with most complaints.
            let peak = v
                .keys()
                .map(|b| (v.range(b - 2..=*b).map(|(_, n)| n).sum::<u32>(), *b))
                .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            let flagged = timeline.iter().find(|a| {
                a.topic == t.name
                    && a.thread.is_none()
                    && a.level >= Level::Warning
                    && a.status != Status::Resolved
            });
            if let (Some((n, b)), Some(f)) = (peak, flagged) {
                let peak_end = (b + 1) * 300;
                let lead = (peak_end - f.at.0) / 60;
                println!(
                    "               first warning {} ({}); complaint peak {} complaints in the 15 min to {}: {}",
                    hhmm(f.at.0),
                    f.kind.as_str(),
                    n,
                    hhmm(peak_end),
                    if lead > 0 {
                        format!("flagged {lead} min before the peak")
                    } else {
                        format!("flagged {} min after the peak", -lead)
                    }
                );
            }
        }
        let mut delays: Vec<i64> = complaints
            .iter()
            .filter(|c| c.topic == t.name)
            .filter_map(|c| {
                let replies = brand_replies.get(c.thread.as_ref()?)?;
                replies.iter().find(|r| **r >= c.at).map(|r| r - c.at)
            })
            .collect();
        delays.sort_unstable();
        if !delays.is_empty() {
            println!(
                "               the brand answered {} complaints in their threads, median {} min",
                delays.len(),
                delays[delays.len() / 2] / 60
            );
        }
        for a in t.advocates.iter().take(3) {
            println!(
                "               advocate {} ({} followers, {} positive posts) — invite them to speak",
                a.author, a.followers, a.posts
            );
        }
    }
    if rejected.get() > 0 {
        std::process::exit(1);
    }
}

/// The topic the monitor gave a post without one, found again for the
/// report (same aliases, same fallback).
fn topic_of(monitor: &Monitor, text: &str) -> String {
    let lower = text.to_lowercase();
    let cfg = monitor.config();
    let mut best: Option<(usize, &String)> = None;
    for (alias, topic) in &cfg.aliases {
        if let Some(pos) = lower.find(alias.as_str()) {
            if best.map_or(true, |(p, _)| pos < p) {
                best = Some((pos, topic));
            }
        }
    }
    best.map(|(_, t)| t.clone())
        .or_else(|| cfg.fallback_topic.clone())
        .unwrap_or_default()
}
