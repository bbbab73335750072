//! A seeded stream simulator for measuring the [`Monitor`]'s
//! detection rate, delay and false alarms.
//!
//! Each topic gets Poisson arrivals whose rate follows a daily rhythm (a
//! sine over the day, weekends at 80%), with background complaints,
//! negative posts, severities, categories and a heavy-tailed follower
//! count. After a warm-up, incidents are injected at random times:
//!
//! - `burst k×`: for 30–120 minutes extra posts at `(k − 1)` times the
//!   current rate, so total volume is `k×`; 70% of the extra posts are
//!   complaints, 85% negative;
//! - `negativity`: for 30–120 minutes 40% of the other posts turn negative
//!   (share 35% → about 61%), volume unchanged;
//! - `influencer`: a 3× burst of 60 minutes with a complaint by an author
//!   with 200k–2M followers 20 minutes in;
//! - `severity`: 8 critical complaints within 20 minutes;
//! - `category wave`: for 60–120 minutes extra cancellation complaints at
//!   the current rate (2× volume).
//!
//! The simulator feeds [`Observation`]s (no text), so it
//! measures the detection logic alone.
//!
//! ```
//! use backlash::monitor::sim::{run, SimConfig};
//! use backlash::monitor::MonitorConfig;
//! let report = run(&SimConfig { topics: 2, days: 3, ..SimConfig::default() }, &MonitorConfig::default());
//! assert!(report.events > 10_000);
//! ```

use std::collections::BTreeMap;
use std::fmt;

use super::{AlertKind, Categories, Level, Monitor, MonitorConfig, Observation, Status, Timestamp};

/// SplitMix64: a small, fast, seedable generator.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    pub fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `[lo, hi)`.
    pub fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.f64()
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }

    /// A Poisson draw (Knuth's method below 30, normal approximation above).
    pub fn poisson(&mut self, mean: f64) -> u32 {
        if mean <= 0.0 {
            return 0;
        }
        if mean < 30.0 {
            let l = (-mean).exp();
            let mut k = 0u32;
            let mut p = 1.0;
            loop {
                p *= self.f64();
                if p <= l {
                    return k;
                }
                k += 1;
            }
        }
        // Box–Muller.
        let u1 = self.f64().max(1e-300);
        let u2 = self.f64();
        let z = (-2.0 * u1.ln()).sqrt() * (2.0 * core::f64::consts::PI * u2).cos();
        (mean + z * mean.sqrt()).round().max(0.0) as u32
    }
}

/// Settings of a simulated stream.
#[derive(Debug, Clone, PartialEq)]
pub struct SimConfig {
    /// Seed; the same seed gives the same stream.
    pub seed: u64,
    /// Number of topics.
    pub topics: usize,
    /// Days simulated.
    pub days: u32,
    /// Mean posts per hour per topic (each topic gets 0.5–1.5× this).
    pub posts_per_hour: f64,
    /// Amplitude of the daily rhythm (0 flat, 0.6: peak 1.6×, trough 0.4×).
    pub rhythm: f64,
    /// Share of background posts that are complaints.
    pub complaint_share: f64,
    /// Share of background posts that are negative.
    pub negative_share: f64,
    /// Days before the first incident.
    pub warmup_days: u32,
    /// Mean hours between incidents on one topic.
    pub incident_gap_hours: f64,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            seed: 7,
            topics: 12,
            days: 14,
            posts_per_hour: 120.0,
            rhythm: 0.6,
            complaint_share: 0.3,
            negative_share: 0.35,
            warmup_days: 1,
            incident_gap_hours: 30.0,
        }
    }
}

/// What was injected.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum IncidentKind {
    /// Total volume × the factor.
    Burst(f32),
    /// 40% of the other posts turn negative.
    Negativity,
    /// A 3× burst with an influencer's complaint 20 minutes in.
    Influencer,
    /// Eight critical complaints within 20 minutes.
    Severity,
    /// Extra cancellation complaints at the current rate.
    CategoryWave,
}

impl IncidentKind {
    /// A short label for reports.
    pub fn label(self) -> String {
        match self {
            IncidentKind::Burst(k) => format!("surge {k}x"),
            IncidentKind::Negativity => "negativity".into(),
            IncidentKind::Influencer => "influencer".into(),
            IncidentKind::Severity => "severity_spike".into(),
            IncidentKind::CategoryWave => "category_wave".into(),
        }
    }

    /// The alert kind that should detect it.
    pub fn expected(self) -> AlertKind {
        match self {
            IncidentKind::Burst(_) => AlertKind::Surge,
            IncidentKind::Negativity => AlertKind::Negativity,
            IncidentKind::Influencer => AlertKind::Influencer,
            IncidentKind::Severity => AlertKind::SeveritySpike,
            IncidentKind::CategoryWave => AlertKind::CategoryWave,
        }
    }
}

/// One injected incident.
#[derive(Debug, Clone, PartialEq)]
pub struct Incident {
    /// Topic index.
    pub topic: usize,
    /// What it is.
    pub kind: IncidentKind,
    /// Start (seconds).
    pub start: i64,
    /// End (seconds).
    pub end: i64,
    /// When detection is timed from (the start; the influencer's post).
    pub focus: i64,
    /// Background complaints expected in 15 minutes at the start.
    pub base_complaints_15min: f64,
}

/// One simulated, already-assessed post.
#[derive(Debug, Clone, PartialEq)]
pub struct SimEvent {
    /// Id (sequential).
    pub id: u64,
    /// Time (seconds).
    pub at: i64,
    /// Topic index.
    pub topic: u16,
    /// Compound.
    pub compound: f32,
    /// Complaint flag.
    pub complaint: bool,
    /// Severity score.
    pub severity: f32,
    /// Severity level.
    pub level: u8,
    /// Categories bitset.
    pub categories: u16,
    /// Followers of the author.
    pub followers: u64,
}

impl SimEvent {
    /// The observation for the monitor; `names[topic]` is the topic name.
    pub fn observation<'a>(&self, names: &'a [String]) -> Observation<'a> {
        Observation {
            id: self.id.into(),
            at: Timestamp(self.at),
            topic: names.get(usize::from(self.topic)).map(String::as_str),
            followers: self.followers,
            compound: self.compound,
            complaint: self.complaint,
            severity: self.severity,
            severity_level: self.level,
            categories: Categories(self.categories),
            ..Observation::default()
        }
    }
}

/// Simulated start: Monday 2026-11-02 00:00 UTC.
pub const SIM_START: i64 = 1_793_577_600;

const CAT_WEIGHTS: [f64; 12] = [5.0, 3.0, 2.0, 3.0, 3.0, 2.0, 2.0, 1.0, 1.0, 0.5, 2.0, 1.0];

fn pick_category(rng: &mut Rng) -> u16 {
    let total: f64 = CAT_WEIGHTS.iter().sum();
    let mut x = rng.f64() * total;
    for (i, w) in CAT_WEIGHTS.iter().enumerate() {
        if x < *w {
            return 1 << i;
        }
        x -= w;
    }
    1
}

fn background(rng: &mut Rng, cfg: &SimConfig, neg_boost: f64) -> (f32, bool, f32, u8, u16) {
    let complaint = rng.chance(cfg.complaint_share);
    let neg = if complaint {
        rng.chance(0.85)
    } else {
        let rest = ((cfg.negative_share - cfg.complaint_share * 0.85)
            / (1.0 - cfg.complaint_share))
            .clamp(0.0, 1.0);
        rng.chance(rest) || rng.chance(neg_boost)
    };
    let compound = if neg {
        -rng.range(0.1, 0.9)
    } else {
        rng.range(-0.04, 0.9)
    } as f32;
    if !complaint {
        return (compound, false, 0.0, 0, 0);
    }
    let u = rng.f64();
    let level = if u < 0.6 {
        1
    } else if u < 0.93 {
        2
    } else if u < 0.99 {
        3
    } else {
        4
    };
    let severity = (f64::from(level) * 20.0 + rng.range(0.0, 19.0)) as f32;
    (compound, true, severity, level, pick_category(rng))
}

fn followers(rng: &mut Rng) -> u64 {
    let u = rng.f64().max(1e-12);
    (30.0 / u.powf(1.0 / 1.2)).min(5e7) as u64
}

/// Background posts per minute of `topic` at time `m`.
fn rate_per_min(rates: &[f64], phases: &[f64], cfg: &SimConfig, topic: usize, m: i64) -> f64 {
    let hour = (m - SIM_START).rem_euclid(86_400) as f64 / 3600.0;
    let week_factor = if Timestamp(m).day_of_week() >= 5 {
        0.8
    } else {
        1.0
    };
    let shape = 1.0
        + cfg.rhythm * (2.0 * core::f64::consts::PI * (hour - 9.0 - phases[topic]) / 24.0).sin();
    rates[topic] / 60.0 * shape * week_factor
}

/// Generates the stream and the incidents injected into it.
pub fn generate(cfg: &SimConfig) -> (Vec<SimEvent>, Vec<Incident>) {
    let mut rng = Rng::new(cfg.seed);
    let day = 86_400i64;
    let end = SIM_START + i64::from(cfg.days) * day;
    let rates: Vec<f64> = (0..cfg.topics)
        .map(|_| cfg.posts_per_hour * rng.range(0.5, 1.5))
        .collect();
    let phases: Vec<f64> = (0..cfg.topics).map(|_| rng.range(-2.0, 2.0)).collect();
    let kinds = [
        IncidentKind::Burst(2.0),
        IncidentKind::Burst(3.0),
        IncidentKind::Burst(5.0),
        IncidentKind::Negativity,
        IncidentKind::Influencer,
        IncidentKind::Severity,
        IncidentKind::CategoryWave,
    ];
    let mut incidents = Vec::new();
    for topic in 0..cfg.topics {
        let mut t = SIM_START + i64::from(cfg.warmup_days) * day;
        loop {
            t += (-rng.f64().max(1e-9).ln() * cfg.incident_gap_hours * 3600.0) as i64 + 3600;
            let kind = kinds[(rng.next_u64() % kinds.len() as u64) as usize];
            let dur = match kind {
                IncidentKind::Influencer => 3600,
                IncidentKind::Severity => 1200,
                IncidentKind::CategoryWave => rng.range(3600.0, 7200.0) as i64,
                _ => rng.range(1800.0, 7200.0) as i64,
            };
            if t + dur + 3600 > end {
                break;
            }
            let focus = if kind == IncidentKind::Influencer {
                t + 1200
            } else {
                t
            };
            incidents.push(Incident {
                topic,
                kind,
                start: t,
                end: t + dur,
                focus,
                base_complaints_15min: 15.0
                    * rate_per_min(&rates, &phases, cfg, topic, t)
                    * cfg.complaint_share,
            });
            t += dur + 6 * 3600;
        }
    }
    let mut by_topic: Vec<Vec<&Incident>> = vec![Vec::new(); cfg.topics];
    for i in &incidents {
        by_topic[i.topic].push(i);
    }
    let mut events = Vec::new();
    let mut minute_buf: Vec<SimEvent> = Vec::new();
    let mut next_id = 1u64;
    let mut m = SIM_START;
    while m < end {
        minute_buf.clear();
        for (topic, incs) in by_topic.iter().enumerate() {
            let rate = rate_per_min(&rates, &phases, cfg, topic, m);
            let active: Vec<&Incident> = incs
                .iter()
                .filter(|i| i.start <= m && m < i.end)
                .copied()
                .collect();
            let neg_boost = if active.iter().any(|i| i.kind == IncidentKind::Negativity) {
                0.4
            } else {
                0.0
            };
            let n = rng.poisson(rate);
            for _ in 0..n {
                let (compound, complaint, severity, level, categories) =
                    background(&mut rng, cfg, neg_boost);
                minute_buf.push(SimEvent {
                    id: 0,
                    at: m + (rng.next_u64() % 60) as i64,
                    topic: topic as u16,
                    compound,
                    complaint,
                    severity,
                    level,
                    categories,
                    followers: followers(&mut rng),
                });
            }
            for inc in active {
                let (extra_rate, cats) = match inc.kind {
                    IncidentKind::Burst(k) => (rate * f64::from(k - 1.0), None),
                    IncidentKind::Influencer => (rate * 2.0, None),
                    IncidentKind::CategoryWave => (rate, Some(Categories::CANCELLATION.0)),
                    IncidentKind::Severity => (8.0 / 20.0, None),
                    IncidentKind::Negativity => (0.0, None),
                };
                for _ in 0..rng.poisson(extra_rate) {
                    let at = m + (rng.next_u64() % 60) as i64;
                    let ev = match (inc.kind, cats) {
                        (IncidentKind::Severity, _) => SimEvent {
                            id: 0,
                            at,
                            topic: topic as u16,
                            compound: -rng.range(0.5, 0.95) as f32,
                            complaint: true,
                            severity: rng.range(82.0, 99.0) as f32,
                            level: 4,
                            categories: pick_category(&mut rng),
                            followers: followers(&mut rng),
                        },
                        (_, Some(c)) => SimEvent {
                            id: 0,
                            at,
                            topic: topic as u16,
                            compound: -rng.range(0.2, 0.9) as f32,
                            complaint: true,
                            severity: rng.range(20.0, 60.0) as f32,
                            level: if rng.chance(0.7) { 1 } else { 2 },
                            categories: c,
                            followers: followers(&mut rng),
                        },
                        _ => {
                            let complaint = rng.chance(0.7);
                            let neg = complaint || rng.chance(0.5);
                            SimEvent {
                                id: 0,
                                at,
                                topic: topic as u16,
                                compound: if neg {
                                    -rng.range(0.2, 0.95)
                                } else {
                                    rng.range(0.0, 0.5)
                                } as f32,
                                complaint,
                                severity: if complaint {
                                    rng.range(20.0, 60.0) as f32
                                } else {
                                    0.0
                                },
                                level: if complaint {
                                    1 + u8::from(rng.chance(0.4))
                                } else {
                                    0
                                },
                                categories: if complaint {
                                    pick_category(&mut rng)
                                } else {
                                    0
                                },
                                followers: followers(&mut rng),
                            }
                        }
                    };
                    minute_buf.push(ev);
                }
                if inc.kind == IncidentKind::Influencer && inc.focus >= m && inc.focus < m + 60 {
                    minute_buf.push(SimEvent {
                        id: 0,
                        at: inc.focus,
                        topic: topic as u16,
                        compound: -0.8,
                        complaint: true,
                        severity: 55.0,
                        level: 2,
                        categories: pick_category(&mut rng),
                        followers: rng.range(200_000.0, 2_000_000.0) as u64,
                    });
                }
            }
        }
        minute_buf.sort_by_key(|e| (e.at, e.topic));
        for mut e in minute_buf.drain(..) {
            e.id = next_id;
            next_id += 1;
            events.push(e);
        }
        m += 60;
    }
    (events, incidents)
}

/// Detection figures for one incident kind.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct KindReport {
    /// The incident label (`surge 3x`, …).
    pub label: String,
    /// Incidents injected.
    pub injected: usize,
    /// Detected at `warning` or above before the incident ended + 30 min.
    pub detected: usize,
    /// Of those, within 15 minutes of the start (or of the influencer post).
    pub within_15_min: usize,
    /// Detected at any level, `watch` included.
    pub detected_any: usize,
    /// Median delay of the `warning` detections, seconds.
    pub median_delay_secs: Option<f64>,
    /// Incidents on a busy enough background: at least 3 complaints
    /// expected in 15 minutes at the start.
    pub busy_injected: usize,
    /// Of those, detected (`warning`) within 15 minutes.
    pub busy_within_15_min: usize,
}

/// The result of a simulation.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SimReport {
    /// Events fed.
    pub events: usize,
    /// Topic-weeks simulated.
    pub topic_weeks: f64,
    /// Per incident kind.
    pub kinds: Vec<KindReport>,
    /// False alarms per alert kind: (`warning` or above, `watch`) episodes
    /// that opened outside every incident window (start to end + 3 h).
    pub false_alarms: BTreeMap<AlertKind, (usize, usize)>,
}

impl SimReport {
    /// The row for an incident label.
    pub fn kind(&self, label: &str) -> Option<&KindReport> {
        self.kinds.iter().find(|k| k.label == label)
    }

    /// False `warning`-or-above episodes per topic-week, all kinds.
    pub fn false_warnings_per_topic_week(&self) -> f64 {
        self.false_alarms.values().map(|v| v.0).sum::<usize>() as f64 / self.topic_weeks.max(1e-9)
    }
}

impl fmt::Display for SimReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} events, {:.1} topic-weeks",
            self.events, self.topic_weeks
        )?;
        writeln!(
            f,
            "{:<16} {:>8} {:>10} {:>10} {:>10} {:>12} {:>22}",
            "incident",
            "injected",
            "detected",
            "<=15 min",
            "any level",
            "median delay",
            "<=15 min, base>=3/15m"
        )?;
        for k in &self.kinds {
            let pct = |n: usize| 100.0 * n as f64 / k.injected.max(1) as f64;
            writeln!(
                f,
                "{:<16} {:>8} {:>9.1}% {:>9.1}% {:>9.1}% {:>12} {:>14.1}% of {:>4}",
                k.label,
                k.injected,
                pct(k.detected),
                pct(k.within_15_min),
                pct(k.detected_any),
                k.median_delay_secs
                    .map_or("-".to_string(), |d| format!("{:.1} min", d / 60.0)),
                100.0 * k.busy_within_15_min as f64 / k.busy_injected.max(1) as f64,
                k.busy_injected
            )?;
        }
        writeln!(f, "false alarms per topic-week (warning+ / watch):")?;
        for kind in AlertKind::ALL.iter().take(5) {
            let (w, v) = self.false_alarms.get(kind).copied().unwrap_or((0, 0));
            writeln!(
                f,
                "  {:<16} {:>6.3} / {:>6.3}",
                kind.as_str(),
                w as f64 / self.topic_weeks.max(1e-9),
                v as f64 / self.topic_weeks.max(1e-9)
            )?;
        }
        write!(
            f,
            "  {:<16} {:>6.3}",
            "all",
            self.false_warnings_per_topic_week()
        )
    }
}

/// Generates a stream, feeds it to a monitor and scores the alerts.
pub fn run(cfg: &SimConfig, mcfg: &MonitorConfig) -> SimReport {
    let (events, incidents) = generate(cfg);
    let names: Vec<String> = (0..cfg.topics).map(|i| format!("topic-{i}")).collect();
    let mut monitor = Monitor::new(mcfg.clone());
    // (topic, kind, at, level, first time the episode reached warning)
    let mut found: Vec<(usize, AlertKind, i64, Level, bool)> = Vec::new();
    let mut warned: BTreeMap<(String, AlertKind), bool> = BTreeMap::new();
    let mut out = Vec::new();
    for e in &events {
        out.clear();
        if monitor
            .observe_into(&e.observation(&names), &mut out)
            .is_err()
        {
            continue;
        }
        for a in &out {
            let key = (a.topic.clone(), a.kind);
            if a.status == Status::Resolved {
                warned.remove(&key);
                continue;
            }
            let first_warning =
                a.level >= Level::Warning && !warned.get(&key).copied().unwrap_or(false);
            if a.level >= Level::Warning {
                warned.insert(key, true);
            }
            let topic = a
                .topic
                .strip_prefix("topic-")
                .and_then(|s| s.parse().ok())
                .unwrap_or(usize::MAX);
            found.push((
                topic,
                a.kind,
                a.at.0,
                a.level,
                first_warning || a.status == Status::Open,
            ));
        }
    }
    let mut report = SimReport {
        events: events.len(),
        topic_weeks: cfg.topics as f64 * f64::from(cfg.days) / 7.0,
        ..SimReport::default()
    };
    let labels = [
        "surge 2x",
        "surge 3x",
        "surge 5x",
        "negativity",
        "influencer",
        "severity_spike",
        "category_wave",
    ];
    for label in labels {
        let mut row = KindReport {
            label: label.to_string(),
            ..KindReport::default()
        };
        let mut delays = Vec::new();
        for inc in incidents.iter().filter(|i| i.kind.label() == label) {
            row.injected += 1;
            let busy = inc.base_complaints_15min >= 3.0;
            row.busy_injected += usize::from(busy);
            let window = |at: i64| at >= inc.focus && at <= inc.end + 1800;
            let hits = found
                .iter()
                .filter(|f| f.0 == inc.topic && f.1 == inc.kind.expected() && window(f.2));
            let mut any = false;
            let mut warn_at = None;
            for h in hits {
                any = true;
                if h.3 >= Level::Warning && warn_at.is_none() {
                    warn_at = Some(h.2);
                }
            }
            row.detected_any += usize::from(any);
            if let Some(at) = warn_at {
                row.detected += 1;
                let d = (at - inc.focus) as f64;
                row.within_15_min += usize::from(d <= 900.0);
                row.busy_within_15_min += usize::from(d <= 900.0 && busy);
                delays.push(d);
            }
        }
        delays.sort_by(f64::total_cmp);
        if !delays.is_empty() {
            let n = delays.len();
            row.median_delay_secs = Some(if n % 2 == 1 {
                delays[n / 2]
            } else {
                (delays[n / 2 - 1] + delays[n / 2]) / 2.0
            });
        }
        report.kinds.push(row);
    }
    for (topic, kind, at, level, counts) in &found {
        let covered = incidents
            .iter()
            .any(|i| i.topic == *topic && *at >= i.start && *at <= i.end + 3 * 3600);
        if covered {
            continue;
        }
        let entry = report.false_alarms.entry(*kind).or_default();
        if *level >= Level::Warning {
            if *counts {
                entry.0 += 1;
            }
        } else {
            entry.1 += 1;
        }
    }
    report
}
