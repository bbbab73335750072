//! Per-thread state: reply chains between customers and the brand.

use std::sync::Arc;

use super::alert::{Alert, AlertKind, Episodes, Finding, Level};
use super::{Categories, EventId, Intents, MonitorConfig, Observation};

/// Evidence ids kept per thread.
const THREAD_EVIDENCE: usize = 6;

/// A severe complaint waiting for the brand's answer.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct Pending {
    pub deadline: i64,
    pub id: EventId,
    pub posted: i64,
    pub level: u8,
    pub risk: f32,
    pub fired: bool,
}

/// Everything the monitor knows about one conversation thread.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct ThreadState {
    #[cfg_attr(feature = "serde", serde(with = "super::arc_str"))]
    pub name: Arc<str>,
    #[cfg_attr(feature = "serde", serde(with = "super::opt_arc_str"))]
    pub topic: Option<Arc<str>>,
    pub first_seen: i64,
    pub last_seen: i64,
    pub customer_turns: u32,
    pub brand_replies: u32,
    /// Compound of the last customer turn.
    pub prev: Option<f32>,
    /// Consecutive customer turns each worse than the one before, and the
    /// compound where the run started.
    pub run: u8,
    pub run_start: f32,
    /// Highest intent stage so far (0 none, 1 complaint, 2 churn/demand,
    /// 3 legal/public/boycott).
    pub stage: u8,
    pub repeat_run: u8,
    pub repeat_cats: u16,
    pub last_was_brand: bool,
    /// Customer compound just before the last brand reply.
    pub before_brand: Option<f32>,
    pub pending: Option<Pending>,
    pub evidence: Vec<EventId>,
    pub episodes: Episodes,
}

fn stage_of(o: &Observation<'_>) -> u8 {
    let i = o.intents;
    if i.contains(Intents::LEGAL) || i.contains(Intents::PUBLIC) || i.contains(Intents::BOYCOTT) {
        3
    } else if i.contains(Intents::CHURN) || i.contains(Intents::DEMAND) {
        2
    } else {
        u8::from(o.complaint)
    }
}

fn stage_name(s: u8) -> &'static str {
    match s {
        0 => "no complaint",
        1 => "a complaint",
        2 => "a churn threat or demand",
        _ => "legal or public action",
    }
}

impl ThreadState {
    pub fn new(name: Arc<str>, topic: Option<Arc<str>>, t: i64) -> ThreadState {
        ThreadState {
            name,
            topic,
            first_seen: t,
            last_seen: t,
            customer_turns: 0,
            brand_replies: 0,
            prev: None,
            run: 0,
            run_start: 0.0,
            stage: 0,
            repeat_run: 0,
            repeat_cats: 0,
            last_was_brand: false,
            before_brand: None,
            pending: None,
            evidence: Vec::with_capacity(THREAD_EVIDENCE),
            episodes: Episodes::default(),
        }
    }

    fn topic_str(&self) -> &str {
        self.topic.as_deref().unwrap_or("")
    }

    fn push_evidence(&mut self, id: &EventId) {
        if self.evidence.len() == THREAD_EVIDENCE {
            self.evidence.remove(0);
        }
        self.evidence.push(id.clone());
    }

    /// Feeds one observation; returns a new response deadline to track.
    pub fn observe(
        &mut self,
        o: &Observation<'_>,
        cfg: &MonitorConfig,
        out: &mut Vec<Alert>,
    ) -> Option<i64> {
        let t = o.at.0;
        self.last_seen = self.last_seen.max(t);
        self.push_evidence(&o.id);
        let topic = self.topic.clone();
        let topic = topic.as_deref().unwrap_or("");
        let name = self.name.clone();
        if o.is_brand {
            self.brand_replies += 1;
            self.last_was_brand = true;
            self.before_brand = self.prev;
            if let Some(p) = self.pending.take() {
                if p.fired {
                    let late = (t - p.deadline).max(0) / 60;
                    out.extend(self.episodes.resolve(
                        AlertKind::Unanswered,
                        0,
                        t,
                        topic,
                        Some(&name),
                        || format!("the brand answered, {late} minutes after the deadline"),
                    ));
                }
            }
            return None;
        }
        self.customer_turns += 1;
        let c = o.compound;
        // Worsening tone, turn after turn.
        match self.prev {
            Some(p) if c < p - 0.05 => {
                if self.run == 0 {
                    self.run_start = p;
                }
                self.run = self.run.saturating_add(1);
            }
            Some(_) => self.run = 0,
            None => {}
        }
        let after_brand = if self.last_was_brand {
            self.before_brand
        } else {
            None
        };
        let worse_after_brand = after_brand.is_some_and(|b| c < b - 0.2 && c <= -0.3);
        let run_worse = self.run >= 2 && self.run_start - c >= 0.4;
        if run_worse || worse_after_brand {
            let level = if c <= -0.7 && self.stage >= 3 {
                Level::Critical
            } else if c <= -0.6 || worse_after_brand {
                Level::Warning
            } else {
                Level::Watch
            };
            let (run, start) = (self.run, self.run_start);
            let f = Finding {
                kind: AlertKind::ThreadWorsening,
                sub: 0,
                level,
                at: t,
                score: f32::from(run) + 1.0,
                reasons: || {
                    let mut r = Vec::new();
                    if run_worse {
                        r.push(format!(
                            "the customer's tone went from {start:+.2} to {c:+.2} over {} turns",
                            u32::from(run) + 1
                        ));
                    }
                    if let (true, Some(b)) = (worse_after_brand, after_brand) {
                        r.push(format!(
                            "the customer is angrier after the brand's reply than before it ({b:+.2} → {c:+.2})"
                        ));
                    }
                    r
                },
            };
            out.extend(
                self.episodes
                    .raise(f, topic, Some(&name), || self.evidence.clone()),
            );
        }
        // Intents climbing the ladder.
        let s = stage_of(o);
        if s > self.stage {
            let prev = self.stage;
            self.stage = s;
            if prev >= 1 && s >= 2 {
                let legal_public =
                    o.intents.contains(Intents::LEGAL) && o.intents.contains(Intents::PUBLIC);
                let level = if s >= 3 && (legal_public || o.severity_level >= 4) {
                    Level::Critical
                } else if s >= 3 {
                    Level::Warning
                } else {
                    Level::Watch
                };
                let intents = o.intents;
                let f = Finding {
                    kind: AlertKind::IntentEscalation,
                    sub: 0,
                    level,
                    at: t,
                    score: f32::from(s),
                    reasons: || {
                        vec![format!(
                            "the customer went from {} to {} ({})",
                            stage_name(prev),
                            stage_name(s),
                            intents.names().collect::<Vec<_>>().join(", ")
                        )]
                    },
                };
                out.extend(
                    self.episodes
                        .raise(f, topic, Some(&name), || self.evidence.clone()),
                );
            }
        }
        // Repeating the same complaint.
        if o.complaint {
            let cats = o.categories.0;
            let same = self.repeat_run > 0
                && (cats & self.repeat_cats != 0
                    || (cats == 0 && self.repeat_cats == 0)
                    || o.categories.contains(Categories::REPEATED_CONTACT));
            if same {
                self.repeat_run = self.repeat_run.saturating_add(1);
                self.repeat_cats |= cats;
            } else {
                self.repeat_run = 1;
                self.repeat_cats = cats;
            }
            if self.repeat_run >= 3 {
                let n = self.repeat_run;
                let replies = self.brand_replies;
                let level = if n >= 4 { Level::Warning } else { Level::Watch };
                let f = Finding {
                    kind: AlertKind::Repetition,
                    sub: 0,
                    level,
                    at: t,
                    score: f32::from(n),
                    reasons: || {
                        vec![format!(
                            "the customer has made the same complaint {n} times ({replies} brand replies so far)"
                        )]
                    },
                };
                out.extend(
                    self.episodes
                        .raise(f, topic, Some(&name), || self.evidence.clone()),
                );
            }
        } else if c > 0.05 {
            self.repeat_run = 0;
        }
        // A better tone after the brand's reply closes the conversation's episodes.
        if self.last_was_brand && c >= 0.05 {
            for kind in [
                AlertKind::ThreadWorsening,
                AlertKind::IntentEscalation,
                AlertKind::Repetition,
            ] {
                out.extend(self.episodes.resolve(kind, 0, t, topic, Some(&name), || {
                    "the customer's tone improved after the brand's reply".to_string()
                }));
            }
            self.run = 0;
        }
        self.prev = Some(c);
        self.last_was_brand = false;
        if o.complaint && o.severity_level >= cfg.unanswered_min_level && self.pending.is_none() {
            let level = usize::from(o.severity_level.min(4));
            let secs = if o.deadline_secs > 0 {
                o.deadline_secs
            } else {
                cfg.deadline_secs[level]
            };
            if secs > 0 {
                let deadline = t + i64::from(secs);
                self.pending = Some(Pending {
                    deadline,
                    id: o.id.clone(),
                    posted: t,
                    level: o.severity_level,
                    risk: o.risk,
                    fired: false,
                });
                return Some(deadline);
            }
        }
        None
    }

    /// The global clock passed `deadline`; raises `unanswered` if it is
    /// this thread's pending deadline.
    pub fn fire(&mut self, deadline: i64, out: &mut Vec<Alert>) {
        let Some(p) = self.pending.as_mut() else {
            return;
        };
        if p.deadline != deadline || p.fired {
            return;
        }
        p.fired = true;
        let waited = (deadline - p.posted) / 60;
        let level = if p.level >= 4 || p.risk >= 0.7 {
            Level::Critical
        } else {
            Level::Warning
        };
        let sev = match p.level {
            4 => "critical",
            3 => "high-severity",
            _ => "severe",
        };
        let id = p.id.clone();
        let f = Finding {
            kind: AlertKind::Unanswered,
            sub: 0,
            level,
            at: deadline,
            score: waited as f32 / 60.0,
            reasons: || {
                vec![format!(
                    "a {sev} complaint has waited {waited} minutes without a reply from the brand"
                )]
            },
        };
        let topic = self.topic_str().to_string();
        let name = self.name.clone();
        out.extend(self.episodes.raise(f, &topic, Some(&name), || vec![id]));
    }

    /// Rough heap + inline bytes of this thread.
    pub fn approx_bytes(&self) -> usize {
        core::mem::size_of::<Self>()
            + self.name.len()
            + self.evidence.capacity() * core::mem::size_of::<EventId>()
            + self
                .episodes
                .0
                .iter()
                .map(|e| core::mem::size_of_val(e) + e.evidence.capacity() * 24)
                .sum::<usize>()
    }
}
