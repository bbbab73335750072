//! JSONL events in, assessed observations out: shared by the `monitor` and
//! `triage` examples.
#![allow(dead_code)]

use std::io::BufRead;

use backlash::monitor::{parse_rfc3339, Categories, EventId, Intents, Observation, Timestamp};
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
        channel: opt_str(&v, "channel")?,
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
    input: impl BufRead,
    mut good: impl FnMut(Event),
    mut bad: impl FnMut(usize, String),
) -> std::io::Result<usize> {
    let mut n = 0;
    for (i, line) in input.lines().enumerate() {
        let line = line?;
        n = i + 1;
        if n % 100_000 == 0 {
            eprintln!("… {n} lines");
        }
        if line.trim().is_empty() {
            continue;
        }
        match parse_line(n, &line) {
            Ok(ev) => good(ev),
            Err(why) => bad(n, why),
        }
    }
    Ok(n)
}

const NEGATIVE: &[&str] = &[
    "terrible",
    "worst",
    "awful",
    "useless",
    "unacceptable",
    "not happy",
    "annoying",
    "too slow",
    "never again",
    "no answer",
    "won't answer",
    "nobody helps",
    "refus",
    "wrong",
    "cancelled",
    "cancels",
    "lost",
    "waited",
    "waiting",
    "on hold",
    "charged me twice",
    "avoid them",
    "stranded",
    "แย่",
    "ห่วย",
    "โกง",
    "ไม่พอใจ",
    "ดีเลย์",
    "ยกเลิก",
    "หาย",
    "พูดจาไม่ดี",
    "ไม่มีใคร",
    "ไม่คืนเงิน",
    "ยังไม่",
    "גרוע",
    "שבורה",
    "מתעכב",
    "לא נכון",
    "לא עונה",
    "חייבו אותי פעמיים",
    "מחכה",
];
const POSITIVE: &[&str] = &[
    "thank",
    "great",
    "love",
    "best",
    "smooth",
    "recommend",
    "cozy",
    "ขอบคุณ",
    "ดีมาก",
    "ประทับใจ",
    "ตรงเวลา",
    "תודה",
    "מעולה",
    "אהבתי",
    "ממליצ",
];
const CATEGORY_CUES: &[(&str, Categories)] = &[
    ("cancel", Categories::CANCELLATION),
    ("ยกเลิก", Categories::CANCELLATION),
    ("hold", Categories::WAITING),
    ("wait", Categories::WAITING),
    ("รอ", Categories::WAITING),
    ("ดีเลย์", Categories::WAITING),
    ("מחכה", Categories::WAITING),
    ("מתעכב", Categories::WAITING),
    ("slow", Categories::WAITING),
    ("refund", Categories::BILLING),
    ("charged", Categories::BILLING),
    ("คืนเงิน", Categories::BILLING),
    ("החזר", Categories::BILLING),
    ("חייבו", Categories::BILLING),
    ("lost", Categories::LOST_DAMAGED),
    ("หาย", Categories::LOST_DAMAGED),
    ("שבורה", Categories::LOST_DAMAGED),
    ("wrong", Categories::WRONG_ITEM),
    ("לא נכון", Categories::WRONG_ITEM),
    ("พูดจาไม่ดี", Categories::RUDENESS),
    ("price went up", Categories::POLICY_PRICE),
    ("no answer", Categories::SOCIAL_SERVICE),
    ("won't answer", Categories::SOCIAL_SERVICE),
    ("לא עונה", Categories::SOCIAL_SERVICE),
    ("medication", Categories::SAFETY),
];
const INTENT_CUES: &[(&str, Intents)] = &[
    ("switching", Intents::CHURN),
    ("never again", Intents::CHURN),
    ("done with", Intents::CHURN),
    ("lawyer", Intents::LEGAL),
    ("sue ", Intents::LEGAL),
    ("ทนาย", Intents::LEGAL),
    ("สคบ", Intents::LEGAL),
    ("עורך דין", Intents::LEGAL),
    ("share", Intents::PUBLIC),
    ("retweet", Intents::PUBLIC),
    ("แชร์", Intents::PUBLIC),
    ("boycott", Intents::BOYCOTT),
    ("แบน", Intents::BOYCOTT),
    ("refund now", Intents::DEMAND),
    ("manager", Intents::DEMAND),
    ("ผู้จัดการ", Intents::DEMAND),
    ("need a refund", Intents::DEMAND),
];

/// The text → observation step.
///
/// LEAD: replace with Analyzer::assess — this is a crude stand-in (cue
/// words in three languages matched as substrings) so the example runs
/// before the analyzer is merged.
pub fn assess_line(ev: &Event) -> Observation<'_> {
    let lower = ev.text.to_lowercase();
    let neg = NEGATIVE.iter().filter(|c| lower.contains(*c)).count() as f32;
    let pos = POSITIVE.iter().filter(|c| lower.contains(*c)).count() as f32;
    let bangs = if ev.text.contains("!!") { 0.3 } else { 0.0 };
    let raw = pos - neg - if neg > 0.0 { bangs } else { 0.0 };
    let compound = (raw * 0.6).tanh();
    let mut categories = Categories(0);
    for (cue, c) in CATEGORY_CUES {
        if lower.contains(cue) {
            categories.0 |= c.0;
        }
    }
    let mut intents = Intents(0);
    for (cue, i) in INTENT_CUES {
        if lower.contains(cue) {
            intents.0 |= i.0;
        }
    }
    let complaint = !ev.is_brand && neg >= 1.0 && pos < neg;
    let severity = if complaint {
        let mut s = 18.0 * neg + 12.0 * intents.0.count_ones() as f32;
        if intents.contains(Intents::LEGAL) || intents.contains(Intents::BOYCOTT) {
            s += 20.0;
        }
        if categories.contains(Categories::SAFETY) {
            s += 45.0;
        }
        s.min(100.0)
    } else {
        0.0
    };
    let severity_level = match severity {
        s if s >= 80.0 => 4,
        s if s >= 60.0 => 3,
        s if s >= 40.0 => 2,
        s if s > 0.0 => 1,
        _ => 0,
    };
    let reach = (ev.followers as f32 + 1.0).log10() / 7.0;
    let spread = ((ev.shares + ev.replies) as f32 + 1.0).log10() / 5.0;
    let public = if intents.contains(Intents::PUBLIC) {
        0.2
    } else {
        0.0
    };
    let risk = if complaint {
        (reach + spread + public).min(1.0)
    } else {
        0.0
    };
    Observation {
        id: ev.id.clone(),
        at: ev.created,
        topic: ev.topic.as_deref(),
        thread: ev.thread.as_deref(),
        author: ev.author.as_deref(),
        followers: ev.followers,
        is_brand: ev.is_brand,
        compound,
        complaint,
        severity,
        severity_level,
        categories,
        intents,
        risk,
        deadline_secs: 0,
        text: Some(&ev.text),
    }
}

/// The brands of the sample stream, as `--brand` would give them.
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
