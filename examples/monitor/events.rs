//! JSONL events in, assessed observations out: shared by the `monitor` and
//! `triage` examples.
#![allow(dead_code)]

use std::io::BufRead;

use std::sync::LazyLock;

use backlash::monitor::{parse_rfc3339, EventId, Timestamp};
use backlash::{Alert, Analyzer, Channel, Monitor, Post, Report, StreamPost};
use serde_json::Value;

/// One input line, parsed.
#[derive(Debug, Clone)]
pub struct Event {
    pub line: usize,
    pub id: EventId,
    pub text: String,
    pub created: Timestamp,
    pub lang: Option<String>,
    pub channel: Option<String>,
    pub author: Option<String>,
    pub followers: u64,
    pub verified: bool,
    pub likes: u64,
    pub shares: u64,
    pub replies: u64,
    pub topic: Option<String>,
    pub thread: Option<String>,
    pub is_brand: bool,
}

fn opt_str(v: &Value, key: &str) -> Result<Option<String>, String> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Number(n)) if key == "thread" || key == "topic" => Ok(Some(n.to_string())),
        Some(_) => Err(format!("`{key}` must be a string")),
    }
}

fn opt_count(v: &Value, key: &str) -> Result<u64, String> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(0),
        Some(x) => x
            .as_u64()
            .ok_or_else(|| format!("`{key}` must be a non-negative integer")),
    }
}

fn opt_bool(v: &Value, key: &str) -> Result<bool, String> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(false),
        Some(x) => x
            .as_bool()
            .ok_or_else(|| format!("`{key}` must be true or false")),
    }
}

/// Parses one JSONL line (`line` is 1-based, for messages).
pub fn parse_line(line: usize, text: &str) -> Result<Event, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    if !v.is_object() {
        return Err("not a JSON object".into());
    }
    let id = match v.get("id") {
        Some(Value::String(s)) => EventId::from(s.as_str()),
        Some(Value::Number(n)) => EventId::Num(
            n.as_u64()
                .ok_or("`id` must be a non-negative integer or a string")?,
        ),
        _ => return Err("missing `id` (string or number)".into()),
    };
    let body = match v.get("text") {
        Some(Value::String(s)) => s.clone(),
        _ => return Err("missing `text` (string)".into()),
    };
    let created = match v.get("created") {
        Some(Value::String(s)) => parse_rfc3339(s).map_err(|e| e.to_string())?,
        _ => return Err("missing `created` (RFC 3339 string)".into()),
    };
    Ok(Event {
        line,
        id,
        text: body,
        created,
        lang: opt_str(&v, "lang")?,
        channel: match opt_str(&v, "channel")? {
            Some(c) => {
                c.parse::<Channel>().map_err(|e| e.to_string())?;
                Some(c)
            }
            None => None,
        },
        author: opt_str(&v, "author")?,
        followers: opt_count(&v, "followers")?,
        verified: opt_bool(&v, "verified")?,
        likes: opt_count(&v, "likes")?,
        shares: opt_count(&v, "shares")?,
        replies: opt_count(&v, "replies")?,
        topic: opt_str(&v, "topic")?,
        thread: opt_str(&v, "thread")?,
        is_brand: opt_bool(&v, "is_brand")?,
    })
}

/// Reads JSONL, calling `good` for each parsed event and `bad` for each
/// rejected line (`line N: why`). Progress goes to stderr every 100,000
/// lines.
pub fn read_events(
    mut input: impl BufRead,
    mut good: impl FnMut(Event),
    mut bad: impl FnMut(usize, String),
) -> std::io::Result<usize> {
    let mut n = 0;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        if input.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        n += 1;
        if n % 100_000 == 0 {
            eprintln!("… {n} lines");
        }
        let line = match std::str::from_utf8(&buf) {
            Ok(l) => l.trim_end_matches(['\n', '\r']),
            Err(e) => {
                bad(
                    n,
                    format!("invalid UTF-8 at byte {} of the line", e.valid_up_to()),
                );
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        match parse_line(n, line) {
            Ok(ev) => good(ev),
            Err(why) => bad(n, why),
        }
    }
    Ok(n)
}

static ANALYZER: LazyLock<Analyzer> = LazyLock::new(Analyzer::default);

/// The post as the analyzer sees it: text and metadata.
pub fn post_of(ev: &Event) -> Post<'_> {
    let mut post = Post::new(&ev.text)
        .channel(
            ev.channel
                .as_deref()
                .and_then(|c| c.parse::<Channel>().ok())
                .unwrap_or(Channel::Unknown),
        )
        .verified(ev.verified);
    if ev.followers > 0 {
        post = post.followers(ev.followers);
    }
    if ev.likes > 0 {
        post = post.likes(ev.likes);
    }
    if ev.shares > 0 {
        post = post.shares(ev.shares);
    }
    if ev.replies > 0 {
        post = post.replies(ev.replies);
    }
    post
}

/// The event as a [`StreamPost`]: text, metadata, topic, thread, author.
pub fn stream_post(ev: &Event) -> StreamPost<'_> {
    let mut sp = StreamPost::new(ev.id.clone(), ev.created, post_of(ev));
    sp.topic = ev.topic.as_deref();
    sp.thread = ev.thread.as_deref();
    sp.author = ev.author.as_deref();
    sp.is_brand = ev.is_brand;
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
