//! Alerts and the episodes behind them.

use super::{EventId, Timestamp};

/// What an alert is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum AlertKind {
    /// Topic: complaint volume far above its baseline (Poisson CUSUM).
    Surge,
    /// Topic: the share of negative posts shifted up (Bernoulli CUSUM).
    Negativity,
    /// Topic: high and critical complaints clustering (Poisson tail).
    SeveritySpike,
    /// Topic: many complaints of one category (Poisson tail per category).
    CategoryWave,
    /// Topic: a high-reach author posting negatively.
    Influencer,
    /// Thread: the customer's sentiment worsens turn after turn.
    ThreadWorsening,
    /// Thread: intents climb from complaint to churn to legal/public action.
    IntentEscalation,
    /// Thread: the customer repeats the same complaint.
    Repetition,
    /// Thread: a severe complaint waits unanswered past its deadline.
    Unanswered,
}

impl AlertKind {
    /// The snake_case name used in JSON.
    pub const fn as_str(self) -> &'static str {
        match self {
            AlertKind::Surge => "surge",
            AlertKind::Negativity => "negativity",
            AlertKind::SeveritySpike => "severity_spike",
            AlertKind::CategoryWave => "category_wave",
            AlertKind::Influencer => "influencer",
            AlertKind::ThreadWorsening => "thread_worsening",
            AlertKind::IntentEscalation => "intent_escalation",
            AlertKind::Repetition => "repetition",
            AlertKind::Unanswered => "unanswered",
        }
    }

    /// All kinds, in declaration order.
    pub const ALL: [AlertKind; 9] = [
        AlertKind::Surge,
        AlertKind::Negativity,
        AlertKind::SeveritySpike,
        AlertKind::CategoryWave,
        AlertKind::Influencer,
        AlertKind::ThreadWorsening,
        AlertKind::IntentEscalation,
        AlertKind::Repetition,
        AlertKind::Unanswered,
    ];
}

/// How urgent an alert is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Level {
    /// Worth a look; nothing to do yet.
    Watch,
    /// Someone should act now.
    Warning,
    /// A revolt is under way: act at once, at the highest level.
    Critical,
}

impl Level {
    /// The lower-case name used in JSON.
    pub const fn as_str(self) -> &'static str {
        match self {
            Level::Watch => "watch",
            Level::Warning => "warning",
            Level::Critical => "critical",
        }
    }
}

/// Where an alert stands in its episode.
///
/// An episode is one run of trouble for a (topic, kind) or (thread, kind)
/// key. It emits an alert when it opens, when its level rises, and when it
/// resolves — never on every event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Status {
    /// The episode just started.
    Open,
    /// The episode's level went up.
    Escalated,
    /// The episode is over; `level` is the highest it reached.
    Resolved,
}

impl Status {
    /// The lower-case name used in JSON.
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Escalated => "escalated",
            Status::Resolved => "resolved",
        }
    }
}

/// One alert: a change in an episode.
///
/// `score` is the strength of the evidence, in decimal orders of magnitude:
/// about −log10 of the chance that noise alone would produce what was seen
/// (for the CUSUM detectors, log10 of the likelihood ratio). Influencer
/// alerts use log10 of the author's followers; thread alerts count the
/// turns or hours behind them.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Alert {
    /// Event time of the change (for `unanswered`, the missed deadline).
    pub at: Timestamp,
    /// The topic; empty for a thread that has none.
    pub topic: String,
    /// The thread, for thread alerts.
    pub thread: Option<String>,
    /// What the alert is about.
    pub kind: AlertKind,
    /// How urgent (for `resolved`, the highest level of the episode).
    pub level: Level,
    /// Open, escalated or resolved.
    pub status: Status,
    /// Strength of the evidence (see the type's docs).
    pub score: f32,
    /// Plain-language reasons.
    pub reasons: Vec<String>,
    /// Ids of the posts behind the alert, most recent last.
    pub evidence: Vec<EventId>,
    /// When the episode opened.
    pub since: Timestamp,
}

/// Cap on evidence ids kept per episode.
pub(crate) const EPISODE_EVIDENCE: usize = 8;

/// The state of one open episode.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct Episode {
    pub kind: AlertKind,
    /// Sub-key: the category index for category waves, else 0.
    pub sub: u8,
    pub level: Level,
    pub opened: i64,
    pub updated: i64,
    pub peak: f32,
    pub evidence: Vec<EventId>,
}

/// What a detector found on one event; turned into an alert only when the
/// episode opens or escalates, so the reasons are built lazily.
pub(crate) struct Finding<F: FnOnce() -> Vec<String>> {
    pub kind: AlertKind,
    pub sub: u8,
    pub level: Level,
    pub at: i64,
    pub score: f32,
    pub reasons: F,
}

/// The open episodes of one topic or thread.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct Episodes(pub Vec<Episode>);

impl Episodes {
    pub fn get(&self, kind: AlertKind, sub: u8) -> Option<&Episode> {
        self.0.iter().find(|e| e.kind == kind && e.sub == sub)
    }

    pub fn is_open(&self, kind: AlertKind) -> bool {
        self.0.iter().any(|e| e.kind == kind)
    }

    /// Records a finding; returns the alert to emit, if the episode opened
    /// or its level rose. `evidence` is called only then.
    pub fn raise<F: FnOnce() -> Vec<String>>(
        &mut self,
        f: Finding<F>,
        topic: &str,
        thread: Option<&str>,
        evidence: impl FnOnce() -> Vec<EventId>,
    ) -> Option<Alert> {
        let status = match self
            .0
            .iter_mut()
            .find(|e| e.kind == f.kind && e.sub == f.sub)
        {
            Some(ep) => {
                ep.updated = ep.updated.max(f.at);
                ep.peak = ep.peak.max(f.score);
                if f.level <= ep.level {
                    return None;
                }
                ep.level = f.level;
                let mut ev = evidence();
                ev.truncate(EPISODE_EVIDENCE);
                ep.evidence = ev;
                Status::Escalated
            }
            None => {
                let mut ev = evidence();
                ev.truncate(EPISODE_EVIDENCE);
                self.0.push(Episode {
                    kind: f.kind,
                    sub: f.sub,
                    level: f.level,
                    opened: f.at,
                    updated: f.at,
                    peak: f.score,
                    evidence: ev,
                });
                Status::Open
            }
        };
        let ep = self.get(f.kind, f.sub)?;
        Some(Alert {
            at: Timestamp(f.at),
            topic: topic.to_string(),
            thread: thread.map(str::to_string),
            kind: f.kind,
            level: f.level,
            status,
            score: round2(f.score),
            reasons: (f.reasons)(),
            evidence: ep.evidence.clone(),
            since: Timestamp(ep.opened),
        })
    }

    /// Closes the episode `(kind, sub)` if open and returns its `resolved`
    /// alert.
    pub fn resolve(
        &mut self,
        kind: AlertKind,
        sub: u8,
        at: i64,
        topic: &str,
        thread: Option<&str>,
        reason: impl FnOnce() -> String,
    ) -> Option<Alert> {
        let pos = self.0.iter().position(|e| e.kind == kind && e.sub == sub)?;
        let ep = self.0.remove(pos);
        Some(Alert {
            at: Timestamp(at.max(ep.updated)),
            topic: topic.to_string(),
            thread: thread.map(str::to_string),
            kind,
            level: ep.level,
            status: Status::Resolved,
            score: round2(ep.peak),
            reasons: vec![reason()],
            evidence: ep.evidence,
            since: Timestamp(ep.opened),
        })
    }
}

fn round2(x: f32) -> f32 {
    (x * 100.0).round() / 100.0
}
