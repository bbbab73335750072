//! JSONL events in, assessed observations out: shared by the `monitor` and
//! `triage` examples.
#![allow(dead_code)]

use std::io::BufRead;
use std::ops::Deref;

use std::sync::LazyLock;

#[path = "../common/jsonl.rs"]
pub mod jsonl;

use backlash::monitor::{EventId, Timestamp};
use backlash::post::PostRecord;
use backlash::{Alert, Analyzer, Monitor, Report, StreamPost};

/// One input line, parsed and checked: a [`PostRecord`] with the line
/// number, the monitor's id and the (required) publication time. The
/// record's fields (`text`, `topic`, `thread`, `author`, `is_brand`, ...)
/// read through `Deref`.
#[derive(Debug, Clone)]
pub struct Event {
    pub line: usize,
    pub id: EventId,
    pub created: Timestamp,
    pub record: PostRecord,
}

impl Deref for Event {
    type Target = PostRecord;
    fn deref(&self) -> &PostRecord {
        &self.record
    }
}

/// Parses one JSONL line (`line` is 1-based, for messages): a post record
/// ([`jsonl::parse_post`]) that is also a valid stream event (`created`
/// present, `id` a string or a non-negative integer).
pub fn parse_line(line: usize, text: &str) -> Result<Event, String> {
    let record = jsonl::parse_post(text)?;
    let (id, created) = {
        let sp = StreamPost::try_from(&record).map_err(|e| e.to_string())?;
        (sp.id, sp.at)
    };
    Ok(Event {
        line,
        id,
        created,
        record,
    })
}

/// Reads JSONL, calling `good` for each parsed event and `bad` for each
/// rejected line (`line N: why`). Progress goes to stderr every 100,000
/// lines.
pub fn read_events(
    input: impl BufRead,
    mut good: impl FnMut(Event),
    mut bad: impl FnMut(usize, String),
) -> std::io::Result<usize> {
    jsonl::for_each_line(input, |n, line| {
        if n % 100_000 == 0 {
            eprintln!("… {n} lines");
        }
        match line.and_then(|l| parse_line(n, l)) {
            Ok(ev) => good(ev),
            Err(why) => bad(n, why),
        }
    })
}

static ANALYZER: LazyLock<Analyzer> = LazyLock::new(Analyzer::default);

/// The event as a [`StreamPost`]: text, metadata, topic, thread, author.
pub fn stream_post(ev: &Event) -> StreamPost<'_> {
    let mut sp = StreamPost::new(ev.id.clone(), ev.created, (&ev.record).into());
    sp.topic = ev.record.topic.as_deref();
    sp.thread = ev.record.thread.as_deref();
    sp.author = ev.record.author.as_deref();
    sp.is_brand = ev.record.is_brand;
    sp
}

/// Assesses the event with the shared analyzer and feeds it to `monitor`
/// ([`Monitor::assess_and_observe`]), appending alerts to `alerts`.
pub fn observe(
    monitor: &mut Monitor,
    ev: &Event,
    alerts: &mut Vec<Alert>,
) -> Result<Report, backlash::Error> {
    let (report, new) = monitor.assess_and_observe(&ANALYZER, &stream_post(ev))?;
    alerts.extend(new);
    Ok(report)
}

pub fn sample_brands(cfg: backlash::MonitorConfig) -> backlash::MonitorConfig {
    cfg.brand(
        "AcmeAir",
        ["@AcmeAir", "#AcmeAirFail", "#boycottAcmeAir", "#แบนAcmeAir"],
    )
    .brand("ShopFast", ["@ShopFast", "ShopFast"])
    .brand("Kafe", ["@KafeCoffee", "Kafe"])
}

/// Parses `--brand NAME=alias1,alias2`.
pub fn brand_arg(
    cfg: backlash::MonitorConfig,
    spec: &str,
) -> Result<backlash::MonitorConfig, String> {
    let (name, aliases) = spec.split_once('=').unwrap_or((spec, ""));
    if name.trim().is_empty() {
        return Err(format!("--brand {spec:?}: expected NAME=alias1,alias2"));
    }
    Ok(cfg.brand(
        name.trim(),
        aliases.split(',').map(str::trim).filter(|a| !a.is_empty()),
    ))
}
