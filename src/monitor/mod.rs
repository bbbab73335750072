//! Streaming early warning: the [`Monitor`].
//!
//! The monitor is fed posts that were already assessed (sentiment, complaint,
//! severity, categories, intents, risk) as [`Observation`]s, in event-time
//! order, and returns [`Alert`]s. It is caller-driven and deterministic: no
//! clocks, threads or I/O; time comes from the events.
//!
//! - **Topics** (a brand, product or hashtag; given by the caller or derived
//!   from hashtags, @mentions and brand names configured with
//!   [`MonitorConfig::brand`]) get an online baseline of complaint volume
//!   (5-minute buckets; slow and fast EWMA, then hour-of-day after a day
//!   and day-of-week after two weeks; the hour-of-day profile blends the
//!   complaint profile with the better-sampled post profile times the
//!   complaint share), negative share, severe complaints and
//!   complaints per category, and five detectors: `surge` (a continuous-time
//!   Poisson CUSUM on complaint arrivals against the seasonal baseline, plus
//!   exact Poisson tails on sliding 10- and 15-minute windows at one-minute
//!   resolution, on complaints and, when the post volume is up too, on
//!   complaints-or-negative posts; Bonferroni-corrected), `negativity`
//!   (Bernoulli CUSUM on the negative share, plus exact binomial tails on
//!   the last 15, 30 and 60 minutes), `severity_spike` and
//!   `category_wave` (Poisson tails over the last hour, scaled to the hour
//!   of day) and `influencer` (a high-reach author posting negatively;
//!   `warning` when the topic is already in trouble). CUSUM thresholds scale
//!   with the topic's volume (`ln(events per week) + margin`), so busy and
//!   quiet topics get about the same false-alarm rate per week; the
//!   statistics are capped so an episode resolves within about an hour of
//!   the trouble ending, and the baseline stops learning while a surge is at
//!   `warning` or above (and is winsorised otherwise).
//! - **Cold start**: for the first [`MonitorConfig::warmup_secs`] of a topic
//!   only an absolute burst ([`MonitorConfig::cold_burst`] complaints in 15
//!   minutes) raises a surge.
//! - **Threads** (reply chains, `thread` id from the caller) raise
//!   `thread_worsening`, `intent_escalation`, `repetition` and `unanswered`
//!   (a severe complaint with no brand reply by its deadline).
//! - **Episodes**: each (topic, kind) or (thread, kind) emits when it opens,
//!   when its level rises and when it resolves ([`Status`]), never on every
//!   event.
//! - **State** is bounded (TTL and LRU caps on topics and threads),
//!   serialisable ([`Monitor::snapshot`] / [`Monitor::restore`], or serde on
//!   [`Monitor`] itself) and mergeable across shards split by topic
//!   ([`Monitor::merge`]).
//!
//! ```
//! use backlash::monitor::{Monitor, MonitorConfig, Observation, Timestamp, AlertKind};
//!
//! let mut m = Monitor::new(MonitorConfig::default());
//! let start = Timestamp::parse("2026-11-20T00:00:00Z").unwrap().secs();
//! let mut alerts = Vec::new();
//! // A new topic with no history: 60 angry complaints in ten minutes.
//! for i in 0..60u64 {
//!     let o = Observation {
//!         id: i.into(),
//!         at: Timestamp(start + 10 * i as i64),
//!         topic: Some("acme"),
//!         compound: -0.7,
//!         complaint: true,
//!         severity: 40.0,
//!         severity_level: 2,
//!         ..Observation::default()
//!     };
//!     alerts.extend(m.observe(&o).unwrap());
//! }
//! // One alert for the episode, not one per post.
//! assert_eq!(alerts.len(), 1);
//! assert_eq!(alerts[0].kind, AlertKind::Surge);
//! ```

mod alert;
mod baseline;
pub mod sim;
mod thread;
mod time;
mod topic;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::sync::Arc;

use crate::tokenize::TokenKind;
use crate::Error;

pub use alert::{Alert, AlertKind, Level, Status};
pub use time::{parse_rfc3339, Timestamp};

use thread::ThreadState;
use topic::TopicState;

/// A post's id: a number or a string, as the caller gave it.
///
/// String ids are reference-counted, so keeping one as evidence does not
/// allocate. Serialises as a JSON number or string.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventId {
    /// A numeric id.
    Num(u64),
    /// A string id.
    Str(Arc<str>),
}

impl Default for EventId {
    fn default() -> Self {
        EventId::Num(0)
    }
}

impl From<u64> for EventId {
    fn from(v: u64) -> Self {
        EventId::Num(v)
    }
}

impl From<&str> for EventId {
    fn from(v: &str) -> Self {
        EventId::Str(Arc::from(v))
    }
}

impl From<String> for EventId {
    fn from(v: String) -> Self {
        EventId::Str(Arc::from(v))
    }
}

impl fmt::Display for EventId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EventId::Num(n) => write!(f, "{n}"),
            EventId::Str(s) => f.write_str(s),
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for EventId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            EventId::Num(n) => s.serialize_u64(*n),
            EventId::Str(v) => s.serialize_str(v),
        }
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for EventId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = EventId;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a non-negative integer or a string")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<EventId, E> {
                Ok(EventId::Num(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<EventId, E> {
                u64::try_from(v)
                    .map(EventId::Num)
                    .map_err(|_| E::custom("negative id"))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<EventId, E> {
                Ok(EventId::from(v))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(feature = "serde")]
pub(crate) mod arc_str {
    use std::sync::Arc;
    pub fn serialize<S: serde::Serializer>(v: &Arc<str>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(v)
    }
    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Arc<str>, D::Error> {
        let s: String = serde::Deserialize::deserialize(d)?;
        Ok(Arc::from(s))
    }
}

#[cfg(feature = "serde")]
pub(crate) mod opt_arc_str {
    use std::sync::Arc;
    pub fn serialize<S: serde::Serializer>(v: &Option<Arc<str>>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => s.serialize_some(&**v),
            None => s.serialize_none(),
        }
    }
    pub fn deserialize<'de, D: serde::Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Arc<str>>, D::Error> {
        let s: Option<String> = serde::Deserialize::deserialize(d)?;
        Ok(s.map(Arc::from))
    }
}

/// Complaint categories as a bitset. Bit order (fixed; the complaint
/// module's categories map onto it): 0 waiting/delay, 1 rudeness, 2 policy
/// or price change, 3 defect, 4 billing/refund, 5 cancellation, 6 lost or
/// damaged, 7 wrong item, 8 privacy/data, 9 safety, 10 repeated contact,
/// 11 poor social-media service; 12–15 are free for custom categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Categories(pub u16);

impl Categories {
    /// Waiting, delays, long holds.
    pub const WAITING: Categories = Categories(1 << 0);
    /// Rude staff, disrespect.
    pub const RUDENESS: Categories = Categories(1 << 1);
    /// Policy or price changes.
    pub const POLICY_PRICE: Categories = Categories(1 << 2);
    /// Broken or faulty goods.
    pub const DEFECT: Categories = Categories(1 << 3);
    /// Billing errors and refunds.
    pub const BILLING: Categories = Categories(1 << 4);
    /// Cancellations.
    pub const CANCELLATION: Categories = Categories(1 << 5);
    /// Lost or damaged goods or luggage.
    pub const LOST_DAMAGED: Categories = Categories(1 << 6);
    /// Wrong item delivered.
    pub const WRONG_ITEM: Categories = Categories(1 << 7);
    /// Privacy and data.
    pub const PRIVACY: Categories = Categories(1 << 8);
    /// Safety.
    pub const SAFETY: Categories = Categories(1 << 9);
    /// Repeated contact, unresolved, passed around.
    pub const REPEATED_CONTACT: Categories = Categories(1 << 10);
    /// Slow or rude answers on social media.
    pub const SOCIAL_SERVICE: Categories = Categories(1 << 11);

    /// Whether all bits of `other` are set.
    pub const fn contains(self, other: Categories) -> bool {
        self.0 & other.0 == other.0
    }

    /// The name of bit `bit` (`"cancellation"`, …; `"custom"` for 12–15).
    pub const fn name(bit: u8) -> &'static str {
        match bit {
            0 => "waiting",
            1 => "rudeness",
            2 => "policy/price",
            3 => "defect",
            4 => "billing",
            5 => "cancellation",
            6 => "lost/damaged",
            7 => "wrong item",
            8 => "privacy",
            9 => "safety",
            10 => "repeated contact",
            11 => "social-media service",
            _ => "custom",
        }
    }

    /// The bit of a category name, as [`Categories::name`] spells it.
    pub fn from_name(name: &str) -> Option<Categories> {
        (0..12u8)
            .find(|&b| Self::name(b) == name)
            .map(|b| Categories(1 << b))
    }

    /// Names of the set bits, lowest first.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        (0..16u8)
            .filter(move |b| self.0 & (1 << b) != 0)
            .map(Self::name)
    }
}

/// Escalation intents as a bitset. Bit order: 0 churn threat, 1 legal or
/// regulator threat, 2 public exposure (review, share, press), 3 boycott
/// call, 4 demand (manager, refund).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Intents(pub u8);

impl Intents {
    /// "I'm switching to …".
    pub const CHURN: Intents = Intents(1 << 0);
    /// Lawyers, regulators, consumer protection.
    pub const LEGAL: Intents = Intents(1 << 1);
    /// Reviews, sharing, press, forums.
    pub const PUBLIC: Intents = Intents(1 << 2);
    /// Calls to boycott.
    pub const BOYCOTT: Intents = Intents(1 << 3);
    /// Demands for a manager or a refund.
    pub const DEMAND: Intents = Intents(1 << 4);

    /// Whether all bits of `other` are set.
    pub const fn contains(self, other: Intents) -> bool {
        self.0 & other.0 == other.0
    }

    /// The name of bit `bit`.
    pub const fn name(bit: u8) -> &'static str {
        match bit {
            0 => "churn",
            1 => "legal",
            2 => "public",
            3 => "boycott",
            4 => "demand",
            _ => "other",
        }
    }

    /// The bit of an intent name, as [`Intents::name`] spells it.
    pub fn from_name(name: &str) -> Option<Intents> {
        (0..5u8)
            .find(|&b| Self::name(b) == name)
            .map(|b| Intents(1 << b))
    }

    /// Names of the set bits, lowest first.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        (0..8u8)
            .filter(move |b| self.0 & (1 << b) != 0)
            .map(Self::name)
    }
}

/// One already-assessed post, as the monitor sees it.
///
/// Strings are borrowed: feeding the monitor allocates nothing for topics
/// and threads it already knows.
#[derive(Debug, Clone, Default)]
pub struct Observation<'a> {
    /// The post's id (kept as evidence).
    pub id: EventId,
    /// Event time.
    pub at: Timestamp,
    /// Topic given by the caller; when `None` it is derived from `text`
    /// (brand aliases), else taken from the thread, else
    /// [`MonitorConfig::fallback_topic`].
    pub topic: Option<&'a str>,
    /// Conversation thread (reply chain) id.
    pub thread: Option<&'a str>,
    /// Author handle.
    pub author: Option<&'a str>,
    /// The author's followers.
    pub followers: u64,
    /// Whether the brand itself wrote the post (a reply).
    pub is_brand: bool,
    /// Sentiment compound in `[-1, 1]`.
    pub compound: f32,
    /// Whether the post is a complaint.
    pub complaint: bool,
    /// Severity `0..=100`.
    pub severity: f32,
    /// Severity level: 0 none, 1 low, 2 medium, 3 high, 4 critical.
    pub severity_level: u8,
    /// Complaint categories.
    pub categories: Categories,
    /// Escalation intents.
    pub intents: Intents,
    /// Virality risk `0..=1`.
    pub risk: f32,
    /// Response deadline in seconds (0: the monitor's default by level).
    pub deadline_secs: u32,
    /// The text, used only to derive a topic when `topic` is `None`.
    pub text: Option<&'a str>,
}

/// Settings of a [`Monitor`]. `Default` is tuned for social posts with
/// 5-minute buckets.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MonitorConfig {
    /// Bucket length in seconds (clamped to 60..=3600; default 300).
    pub bucket_secs: u32,
    /// How late (behind its topic's or thread's newest event) an event may
    /// arrive and still count; later ones are refused with
    /// [`Error::LateEvent`]. Capped at 11 buckets. Default 600.
    pub lateness_secs: u32,
    /// History a topic needs before its baseline detectors run (default 6 h).
    pub warmup_secs: u32,
    /// Complaints in 15 minutes that raise a surge on a topic still warming
    /// up (default 40; three times as many make it critical).
    pub cold_burst: u32,
    /// The rate ratio the surge CUSUM is tuned to detect (default 2.5).
    pub surge_ratio: f32,
    /// Added to `ln(events per week)` to get the CUSUM warning threshold
    /// (default 1.5; `watch` fires 3 nats lower).
    pub cusum_margin: f32,
    /// Floor of the expected complaints per bucket (default 0.05).
    pub min_expected: f32,
    /// Compound at or below which a post counts as negative (default -0.05).
    pub negative_below: f32,
    /// Rise in the negative share the negativity CUSUM is tuned to detect
    /// (default 0.2).
    pub negativity_shift: f32,
    /// Posts of history before the negativity detector runs (default 200).
    pub min_posts_for_share: u32,
    /// Severity level counted as severe by `severity_spike` (default 3).
    pub high_severity: u8,
    /// Followers that make an author an influencer (default 50,000).
    pub influencer_followers: u64,
    /// Followers that make an influencer alert critical on a topic in
    /// trouble (default 1,000,000).
    pub mega_followers: u64,
    /// Quiet time after which an influencer episode resolves (default 6 h).
    pub influencer_quiet_secs: u32,
    /// Compound from which a non-complaint post makes its author an
    /// advocate candidate (default 0.5).
    pub advocate_min_compound: f32,
    /// Followers an advocate needs (default 1,000).
    pub advocate_min_followers: u64,
    /// Advocates kept per topic (default 5).
    pub advocates_per_topic: usize,
    /// Severity level from which a complaint must be answered (default 3).
    pub unanswered_min_level: u8,
    /// Default response deadline by severity level 0..=4, when the
    /// observation has none (default: 4 h for high, 1 h for critical).
    pub deadline_secs: [u32; 5],
    /// Idle time after which a topic is forgotten (default 7 days).
    pub topic_ttl_secs: u32,
    /// Idle time after which a thread is forgotten (default 3 days).
    pub thread_ttl_secs: u32,
    /// Interval of the idle sweep, in event time (default 1 h).
    pub sweep_secs: u32,
    /// Most topics kept; beyond it the least recently active 10% go.
    pub max_topics: usize,
    /// Most threads kept; beyond it the least recently active 10% go.
    pub max_threads: usize,
    /// Lower-case alias (`acme`, `#acmefail`, `@acme_help`) → topic.
    pub aliases: BTreeMap<String, String>,
    /// Topic for posts that name none (default `None`: such posts only
    /// feed their thread).
    pub fallback_topic: Option<String>,
}

impl Default for MonitorConfig {
    fn default() -> Self {
        MonitorConfig {
            bucket_secs: 300,
            lateness_secs: 600,
            warmup_secs: 6 * 3600,
            cold_burst: 40,
            surge_ratio: 2.5,
            cusum_margin: 1.5,
            min_expected: 0.05,
            negative_below: -0.05,
            negativity_shift: 0.2,
            min_posts_for_share: 200,
            high_severity: 3,
            influencer_followers: 50_000,
            mega_followers: 1_000_000,
            influencer_quiet_secs: 6 * 3600,
            advocate_min_compound: 0.5,
            advocate_min_followers: 1_000,
            advocates_per_topic: 5,
            unanswered_min_level: 3,
            deadline_secs: [0, 0, 0, 4 * 3600, 3600],
            topic_ttl_secs: 7 * 86_400,
            thread_ttl_secs: 3 * 86_400,
            sweep_secs: 3600,
            max_topics: 100_000,
            max_threads: 1_000_000,
            aliases: BTreeMap::new(),
            fallback_topic: None,
        }
    }
}

impl MonitorConfig {
    /// Adds a brand topic and the words, `#hashtags` and `@handles` that
    /// name it in text (matched case-insensitively, with or without `#`/`@`).
    ///
    /// ```
    /// use backlash::monitor::MonitorConfig;
    /// let cfg = MonitorConfig::default().brand("AcmeAir", ["acmeair", "#acmefail", "@AcmeAir_help"]);
    /// assert_eq!(cfg.aliases.get("acmefail").map(String::as_str), Some("AcmeAir"));
    /// ```
    pub fn brand<I, S>(mut self, topic: &str, aliases: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.aliases.insert(topic.to_lowercase(), topic.to_string());
        for a in aliases {
            let a = a.as_ref().trim_start_matches(['#', '@']).to_lowercase();
            if !a.is_empty() {
                self.aliases.insert(a, topic.to_string());
            }
        }
        self
    }

    /// Sets [`MonitorConfig::fallback_topic`].
    pub fn fallback_topic(mut self, topic: &str) -> Self {
        self.fallback_topic = Some(topic.to_string());
        self
    }

    pub(crate) fn bucket_secs(&self) -> i64 {
        i64::from(self.bucket_secs.clamp(60, 3600))
    }

    fn lateness(&self) -> i64 {
        i64::from(self.lateness_secs).min((topic::RING as i64 - 1) * self.bucket_secs())
    }
}

/// Counters of a monitor's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MonitorStats {
    /// Observations accepted.
    pub observed: u64,
    /// Observations refused as too late.
    pub late: u64,
    /// Observations refused as invalid.
    pub invalid: u64,
    /// Topics forgotten (TTL or cap).
    pub topics_evicted: u64,
    /// Threads forgotten (TTL or cap).
    pub threads_evicted: u64,
}

/// A positive, high-reach author of a topic: someone to invite to speak.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Advocate {
    /// Author handle.
    pub author: String,
    /// Followers (highest seen).
    pub followers: u64,
    /// Positive posts seen.
    pub posts: u32,
    /// Sum of their compounds.
    pub compound_sum: f32,
    /// Their latest positive post.
    pub last: EventId,
}

impl Advocate {
    /// Mean compound of their positive posts.
    pub fn mean_compound(&self) -> f32 {
        self.compound_sum / self.posts.max(1) as f32
    }

    /// Ranking score: log reach × summed positivity.
    pub fn reach_score(&self) -> f32 {
        (self.followers as f32 + 1.0).log10() * self.compound_sum
    }
}

/// What a person wants to know about one topic.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TopicSummary {
    /// The topic.
    pub name: String,
    /// Customer posts seen (brand posts excluded).
    pub posts: u64,
    /// Complaints among them.
    pub complaints: u64,
    /// Negative posts among them.
    pub negative: u64,
    /// Posts by the brand.
    pub brand_posts: u64,
    /// Baseline complaints per hour (slow level).
    pub baseline_complaints_per_hour: f32,
    /// Baseline share of negative posts.
    pub baseline_negative_share: f32,
    /// Whether the baseline detectors are running (warm-up over).
    pub warm: bool,
    /// Open episodes: kind and level.
    pub open: Vec<(AlertKind, Level)>,
    /// Best advocates, best first.
    pub advocates: Vec<Advocate>,
}

/// A pending response deadline, for snapshots.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PendingDeadline {
    /// When it falls due.
    pub deadline: Timestamp,
    /// The thread waiting for an answer.
    pub thread: String,
}

/// A monitor's whole state in canonical order (topics and threads sorted by
/// name): what [`Monitor::snapshot`] returns and [`Monitor::restore`] takes.
/// Two monitors that saw the same events have equal snapshots.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MonitorState {
    /// Format version (currently 1).
    pub version: u32,
    /// The settings.
    pub config: MonitorConfig,
    /// Newest event time seen.
    pub watermark: Option<Timestamp>,
    /// Counters.
    pub stats: MonitorStats,
    topics: Vec<TopicState>,
    threads: Vec<ThreadState>,
    /// Pending response deadlines.
    pub pending: Vec<PendingDeadline>,
}

/// The streaming monitor. See the [module docs](self).
#[derive(Debug, Clone)]
pub struct Monitor {
    cfg: MonitorConfig,
    aliases: HashMap<String, Arc<str>>,
    topics: Vec<Option<TopicState>>,
    topic_free: Vec<u32>,
    topic_ix: HashMap<Arc<str>, u32>,
    threads: Vec<Option<ThreadState>>,
    thread_free: Vec<u32>,
    thread_ix: HashMap<Arc<str>, u32>,
    pending: BTreeSet<(i64, Arc<str>)>,
    watermark: Option<i64>,
    stats: MonitorStats,
    scratch: String,
}

fn check_range(field: &'static str, v: f32, lo: f32, hi: f32) -> Result<(), Error> {
    if v.is_finite() && v >= lo && v <= hi {
        Ok(())
    } else {
        Err(Error::InvalidMetadata {
            field,
            reason: format!("{v} is not in {lo}..={hi}"),
        })
    }
}

impl Default for Monitor {
    fn default() -> Self {
        Monitor::new(MonitorConfig::default())
    }
}

impl Monitor {
    /// A monitor with the given settings and no history.
    pub fn new(cfg: MonitorConfig) -> Monitor {
        let aliases = cfg
            .aliases
            .iter()
            .map(|(k, v)| (k.clone(), Arc::from(v.as_str())))
            .collect();
        Monitor {
            cfg,
            aliases,
            topics: Vec::new(),
            topic_free: Vec::new(),
            topic_ix: HashMap::new(),
            threads: Vec::new(),
            thread_free: Vec::new(),
            thread_ix: HashMap::new(),
            pending: BTreeSet::new(),
            watermark: None,
            stats: MonitorStats::default(),
            scratch: String::new(),
        }
    }

    /// The settings.
    pub fn config(&self) -> &MonitorConfig {
        &self.cfg
    }

    /// Counters.
    pub fn stats(&self) -> MonitorStats {
        self.stats
    }

    /// Newest event time seen.
    pub fn watermark(&self) -> Option<Timestamp> {
        self.watermark.map(Timestamp)
    }

    /// Topics currently tracked.
    pub fn topic_count(&self) -> usize {
        self.topic_ix.len()
    }

    /// Threads currently tracked.
    pub fn thread_count(&self) -> usize {
        self.thread_ix.len()
    }

    /// Feeds one observation; returns the alerts it caused (usually none).
    ///
    /// Errors: [`Error::InvalidMetadata`] for out-of-range numbers (and
    /// times outside the years 1900 to 9999),
    /// [`Error::LateEvent`] for an event older than its topic's or thread's
    /// newest event by more than the lateness. A refused event changes
    /// nothing but the counters.
    pub fn observe(&mut self, o: &Observation<'_>) -> Result<Vec<Alert>, Error> {
        let mut out = Vec::new();
        self.observe_into(o, &mut out)?;
        Ok(out)
    }

    /// Like [`Monitor::observe`], appending alerts to `out` (no allocation
    /// when nothing fires).
    pub fn observe_into(&mut self, o: &Observation<'_>, out: &mut Vec<Alert>) -> Result<(), Error> {
        if let Err(e) = Self::validate(o) {
            self.stats.invalid += 1;
            return Err(e);
        }
        let t = o.at.0;
        let topic = self.topic_key(o);
        let lateness = self.cfg.lateness();
        let mut newest = i64::MIN;
        if let Some(name) = topic.as_deref() {
            if let Some(&ix) = self.topic_ix.get(name) {
                if let Some(ts) = &self.topics[ix as usize] {
                    newest = newest.max(ts.last_seen);
                }
            }
        }
        if let Some(th) = o.thread {
            if let Some(&ix) = self.thread_ix.get(th) {
                if let Some(ts) = &self.threads[ix as usize] {
                    newest = newest.max(ts.last_seen);
                }
            }
        }
        if newest != i64::MIN && t < newest - lateness {
            self.stats.late += 1;
            return Err(Error::LateEvent {
                id: o.id.to_string(),
                behind_secs: newest - t,
            });
        }
        self.stats.observed += 1;
        self.advance_clock(t, out);
        if let Some(name) = topic.as_ref() {
            let ix = self.topic_slot(name, t);
            if let Some(ts) = self.topics[ix].as_mut() {
                ts.observe(o, &self.cfg, out);
            }
        }
        if let Some(th) = o.thread {
            let ix = self.thread_slot(th, topic, t);
            if let Some(ts) = self.threads[ix].as_mut() {
                if let Some(deadline) = ts.observe(o, &self.cfg, out) {
                    self.pending.insert((deadline, ts.name.clone()));
                }
            }
            self.fire_deadlines(out);
        }
        Ok(())
    }

    /// Moves event time forward without an event: fires response
    /// deadlines, rolls every topic's buckets (so quiet topics resolve their
    /// episodes) and forgets idle state. Call it from a timer in a live
    /// service; the monitor never reads a clock itself.
    pub fn advance_to(&mut self, t: Timestamp) -> Vec<Alert> {
        let t = Timestamp(t.0.clamp(-2_208_988_800, 253_402_300_799));
        let mut out = Vec::new();
        self.advance_clock(t.0, &mut out);
        let b = t.0.div_euclid(self.cfg.bucket_secs());
        // In name order, so that the alerts come out in the same order
        // whatever the slots (a restored monitor has other slots).
        let mut order: Vec<(&Arc<str>, u32)> = self.topic_ix.iter().map(|(k, v)| (k, *v)).collect();
        order.sort_unstable();
        let order: Vec<u32> = order.into_iter().map(|(_, v)| v).collect();
        for ix in order {
            if let Some(ts) = self.topics[ix as usize].as_mut() {
                ts.roll_to(b, &self.cfg, &mut out);
            }
        }
        out
    }

    fn validate(o: &Observation<'_>) -> Result<(), Error> {
        // Years 1900 to 9999: keeps all time arithmetic far from overflow.
        if !(-2_208_988_800..=253_402_300_799).contains(&o.at.0) {
            return Err(Error::InvalidMetadata {
                field: "at",
                reason: format!("{} s is outside the years 1900 to 9999", o.at.0),
            });
        }
        check_range("compound", o.compound, -1.0, 1.0)?;
        check_range("severity", o.severity, 0.0, 100.0)?;
        check_range("risk", o.risk, 0.0, 1.0)?;
        if o.severity_level > 4 {
            return Err(Error::InvalidMetadata {
                field: "severity_level",
                reason: format!("{} is not in 0..=4", o.severity_level),
            });
        }
        Ok(())
    }

    /// The topic of an observation: given, derived from its text, its
    /// thread's, or the fallback.
    fn topic_key(&mut self, o: &Observation<'_>) -> Option<Arc<str>> {
        if let Some(t) = o.topic.filter(|t| !t.is_empty()) {
            return Some(match self.topic_ix.get_key_value(t) {
                Some((k, _)) => k.clone(),
                None => Arc::from(t),
            });
        }
        if let Some(topic) = o.text.and_then(|text| self.topic_from_text(text)) {
            return Some(topic);
        }
        // A reply without a topic of its own belongs to its thread's topic.
        if let Some(ix) = o.thread.and_then(|th| self.thread_ix.get(th)) {
            if let Some(topic) = self.threads[*ix as usize]
                .as_ref()
                .and_then(|t| t.topic.clone())
            {
                return Some(topic);
            }
        }
        self.cfg.fallback_topic.as_deref().map(Arc::from)
    }

    fn topic_from_text(&mut self, text: &str) -> Option<Arc<str>> {
        if self.aliases.is_empty() {
            return None;
        }
        for tok in crate::tokenize::tokenize(text) {
            if !matches!(
                tok.kind,
                TokenKind::Word | TokenKind::Hashtag | TokenKind::Mention
            ) {
                continue;
            }
            self.scratch.clear();
            for ch in tok.text.trim_start_matches(['#', '@']).chars() {
                self.scratch.extend(ch.to_lowercase());
            }
            if let Some(topic) = self.aliases.get(self.scratch.as_str()) {
                return Some(topic.clone());
            }
        }
        None
    }

    /// The brand topic named in `text` (first alias found, as in
    /// [`MonitorConfig::brand`]), if any. Useful to route posts to shards.
    ///
    /// ```
    /// use backlash::monitor::{Monitor, MonitorConfig};
    /// let mut m = Monitor::new(MonitorConfig::default().brand("AcmeAir", ["#AcmeAirFail"]));
    /// assert_eq!(m.derive_topic("so late again #acmeairfail").as_deref(), Some("AcmeAir"));
    /// assert_eq!(m.derive_topic("nothing here"), None);
    /// ```
    pub fn derive_topic(&mut self, text: &str) -> Option<String> {
        self.topic_from_text(text).map(|t| t.to_string())
    }

    fn advance_clock(&mut self, t: i64, out: &mut Vec<Alert>) {
        let sweep = i64::from(self.cfg.sweep_secs.max(60));
        match self.watermark {
            Some(w) if t <= w => return,
            Some(w) if t.div_euclid(sweep) == w.div_euclid(sweep) => {}
            _ => self.sweep(t.div_euclid(sweep) * sweep),
        }
        self.watermark = Some(t);
        self.fire_deadlines(out);
    }

    fn fire_deadlines(&mut self, out: &mut Vec<Alert>) {
        let Some(w) = self.watermark else { return };
        while let Some(first) = self.pending.first() {
            if first.0 > w {
                break;
            }
            let Some((deadline, name)) = self.pending.pop_first() else {
                break;
            };
            if let Some(&ix) = self.thread_ix.get(&name) {
                if let Some(ts) = self.threads[ix as usize].as_mut() {
                    ts.fire(deadline, out);
                }
            }
        }
    }

    /// Forgets topics and threads idle since before `boundary - ttl`.
    fn sweep(&mut self, boundary: i64) {
        let cut = boundary - i64::from(self.cfg.topic_ttl_secs);
        let old: Vec<Arc<str>> = self
            .topics
            .iter()
            .flatten()
            .filter(|t| t.last_seen < cut)
            .map(|t| t.name.clone())
            .collect();
        for name in old {
            self.remove_topic(&name);
        }
        let cut = boundary - i64::from(self.cfg.thread_ttl_secs);
        let old: Vec<Arc<str>> = self
            .threads
            .iter()
            .flatten()
            .filter(|t| t.last_seen < cut)
            .map(|t| t.name.clone())
            .collect();
        // The slab's free list order follows the removal order; slot order
        // never shows in outputs, but keeping it a function of the history
        // makes runs reproducible down to the memory layout.
        for name in old {
            self.remove_thread(&name);
        }
    }

    fn remove_topic(&mut self, name: &str) {
        if let Some(ix) = self.topic_ix.remove(name) {
            self.topics[ix as usize] = None;
            self.topic_free.push(ix);
            self.stats.topics_evicted += 1;
        }
    }

    fn remove_thread(&mut self, name: &str) {
        if let Some(ix) = self.thread_ix.remove(name) {
            self.threads[ix as usize] = None;
            self.thread_free.push(ix);
            self.stats.threads_evicted += 1;
        }
    }

    fn topic_slot(&mut self, name: &Arc<str>, t: i64) -> usize {
        if let Some(&ix) = self.topic_ix.get(&**name) {
            return ix as usize;
        }
        if self.topic_ix.len() >= self.cfg.max_topics.max(1) {
            let mut by_age: Vec<(i64, Arc<str>)> = self
                .topics
                .iter()
                .flatten()
                .map(|t| (t.last_seen, t.name.clone()))
                .collect();
            by_age.sort();
            let n = (by_age.len() / 10).max(1);
            for (_, victim) in by_age.into_iter().take(n) {
                self.remove_topic(&victim);
            }
        }
        let state = TopicState::new(name.clone(), t, &self.cfg);
        let ix = Self::place(&mut self.topics, &mut self.topic_free, state);
        self.topic_ix.insert(name.clone(), ix as u32);
        ix
    }

    fn thread_slot(&mut self, name: &str, topic: Option<Arc<str>>, t: i64) -> usize {
        if let Some(&ix) = self.thread_ix.get(name) {
            return ix as usize;
        }
        if self.thread_ix.len() >= self.cfg.max_threads.max(1) {
            let mut by_age: Vec<(i64, Arc<str>)> = self
                .threads
                .iter()
                .flatten()
                .map(|t| (t.last_seen, t.name.clone()))
                .collect();
            by_age.sort();
            let n = (by_age.len() / 10).max(1);
            for (_, victim) in by_age.into_iter().take(n) {
                self.remove_thread(&victim);
            }
        }
        let name: Arc<str> = Arc::from(name);
        let state = ThreadState::new(name.clone(), topic, t);
        let ix = Self::place(&mut self.threads, &mut self.thread_free, state);
        self.thread_ix.insert(name, ix as u32);
        ix
    }

    fn place<T>(slab: &mut Vec<Option<T>>, free: &mut Vec<u32>, v: T) -> usize {
        match free.pop() {
            Some(ix) => {
                slab[ix as usize] = Some(v);
                ix as usize
            }
            None => {
                slab.push(Some(v));
                slab.len() - 1
            }
        }
    }

    /// A summary of one topic.
    pub fn topic(&self, name: &str) -> Option<TopicSummary> {
        let ix = *self.topic_ix.get(name)?;
        let t = self.topics[ix as usize].as_ref()?;
        let per_hour = 3600.0 / self.cfg.bucket_secs() as f32;
        let mut advocates = t.advocates.clone();
        advocates.sort_by(|a, b| {
            b.reach_score()
                .total_cmp(&a.reach_score())
                .then(a.author.cmp(&b.author))
        });
        let mut open: Vec<(AlertKind, Level)> =
            t.episodes.0.iter().map(|e| (e.kind, e.level)).collect();
        open.sort();
        Some(TopicSummary {
            name: t.name.to_string(),
            posts: t.totals.posts,
            complaints: t.totals.complaints,
            negative: t.totals.negative,
            brand_posts: t.totals.brand,
            baseline_complaints_per_hour: t.level * per_hour,
            baseline_negative_share: t.neg_p,
            warm: t.is_warm(&self.cfg),
            open,
            advocates,
        })
    }

    /// Summaries of all topics, sorted by name.
    pub fn topics(&self) -> Vec<TopicSummary> {
        let mut names: Vec<&Arc<str>> = self.topic_ix.keys().collect();
        names.sort();
        names.into_iter().filter_map(|n| self.topic(n)).collect()
    }

    /// The best advocates of a topic, best first.
    pub fn advocates(&self, topic: &str) -> Vec<Advocate> {
        self.topic(topic).map(|t| t.advocates).unwrap_or_default()
    }

    /// Approximate bytes held by topics and threads (inline size plus their
    /// own heap allocations plus index entries; allocator overhead excluded).
    pub fn approx_memory(&self) -> usize {
        let idx = core::mem::size_of::<(Arc<str>, u32)>() + 8;
        self.topics
            .iter()
            .flatten()
            .map(|t| t.approx_bytes() + idx)
            .sum::<usize>()
            + self
                .threads
                .iter()
                .flatten()
                .map(|t| t.approx_bytes() + idx)
                .sum::<usize>()
            + self.topics.capacity()
                * core::mem::size_of::<Option<TopicState>>()
                    .saturating_sub(core::mem::size_of::<TopicState>())
            + self.pending.len() * 32
    }

    /// The whole state, in canonical order.
    pub fn snapshot(&self) -> MonitorState {
        let mut topics: Vec<TopicState> = self.topics.iter().flatten().cloned().collect();
        topics.sort_by(|a, b| a.name.cmp(&b.name));
        let mut threads: Vec<ThreadState> = self.threads.iter().flatten().cloned().collect();
        threads.sort_by(|a, b| a.name.cmp(&b.name));
        MonitorState {
            version: 1,
            config: self.cfg.clone(),
            watermark: self.watermark.map(Timestamp),
            stats: self.stats,
            topics,
            threads,
            pending: self
                .pending
                .iter()
                .map(|(d, n)| PendingDeadline {
                    deadline: Timestamp(*d),
                    thread: n.to_string(),
                })
                .collect(),
        }
    }

    /// Rebuilds a monitor from a snapshot; it continues exactly as the
    /// original would.
    pub fn restore(state: MonitorState) -> Result<Monitor, Error> {
        if state.version != 1 {
            return Err(Error::State(format!(
                "unknown state version {}",
                state.version
            )));
        }
        let mut m = Monitor::new(state.config);
        m.watermark = state.watermark.map(|t| t.0);
        m.stats = state.stats;
        for t in state.topics {
            if m.topic_ix.contains_key(&t.name) {
                return Err(Error::State(format!("topic {:?} appears twice", &*t.name)));
            }
            let name = t.name.clone();
            let ix = Self::place(&mut m.topics, &mut m.topic_free, t);
            m.topic_ix.insert(name, ix as u32);
        }
        for t in state.threads {
            if m.thread_ix.contains_key(&t.name) {
                return Err(Error::State(format!("thread {:?} appears twice", &*t.name)));
            }
            let name = t.name.clone();
            let ix = Self::place(&mut m.threads, &mut m.thread_free, t);
            m.thread_ix.insert(name, ix as u32);
        }
        for p in state.pending {
            let name = match m.thread_ix.get_key_value(p.thread.as_str()) {
                Some((k, _)) => k.clone(),
                None => Arc::from(p.thread.as_str()),
            };
            m.pending.insert((p.deadline.0, name));
        }
        Ok(m)
    }

    /// Merges a monitor that was fed a disjoint shard of the stream (split
    /// by topic, threads going with their topic). Afterwards this monitor is
    /// in the state one monitor fed the whole stream would be in; the alerts
    /// returned are deadlines that fall due on the merged clock.
    ///
    /// Errors ([`Error::State`]) when the settings differ or a topic or
    /// thread is in both; nothing is changed then.
    pub fn merge(&mut self, other: Monitor) -> Result<Vec<Alert>, Error> {
        if self.cfg != other.cfg {
            return Err(Error::State(
                "cannot merge monitors with different settings".into(),
            ));
        }
        if let Some(t) = other
            .topic_ix
            .keys()
            .find(|k| self.topic_ix.contains_key(&***k))
        {
            return Err(Error::State(format!("topic {:?} is in both shards", &**t)));
        }
        if let Some(t) = other
            .thread_ix
            .keys()
            .find(|k| self.thread_ix.contains_key(&***k))
        {
            return Err(Error::State(format!("thread {:?} is in both shards", &**t)));
        }
        let state = other.snapshot();
        for t in state.topics {
            let name = t.name.clone();
            let ix = Self::place(&mut self.topics, &mut self.topic_free, t);
            self.topic_ix.insert(name, ix as u32);
        }
        for t in state.threads {
            let name = t.name.clone();
            let ix = Self::place(&mut self.threads, &mut self.thread_free, t);
            self.thread_ix.insert(name, ix as u32);
        }
        self.pending.extend(other.pending);
        let s = &mut self.stats;
        s.observed += other.stats.observed;
        s.late += other.stats.late;
        s.invalid += other.stats.invalid;
        s.topics_evicted += other.stats.topics_evicted;
        s.threads_evicted += other.stats.threads_evicted;
        let mut out = Vec::new();
        let w = match (self.watermark, other.watermark) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        if let Some(w) = w {
            let sweep = i64::from(self.cfg.sweep_secs.max(60));
            self.sweep(w.div_euclid(sweep) * sweep);
            self.watermark = Some(w);
            self.fire_deadlines(&mut out);
        }
        Ok(out)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Monitor {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.snapshot().serialize(s)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Monitor {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let st = MonitorState::deserialize(d)?;
        Monitor::restore(st).map_err(serde::de::Error::custom)
    }
}

const _: () = {
    const fn send_sync<T: Send + Sync>() {}
    send_sync::<Monitor>();
    send_sync::<MonitorState>();
};

#[cfg(test)]
mod tests;
