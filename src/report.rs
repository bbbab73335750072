//! The full assessment of a post: sentiment, complaint and severity,
//! virality risk, and the response plan, with the reasons behind each.
//!
//! ```
//! use std::time::Duration;
//! use backlash::{Analyzer, Channel, Post, SeverityLevel, PlaybookStep};
//!
//! let analyzer = Analyzer::default();
//! let post = Post::new("3rd time calling @AcmeAir, still no refund. Taking this to the press #AcmeFail")
//!     .channel(Channel::PublicSocial)
//!     .followers(120_000)
//!     .shares(340)
//!     .age(Duration::from_secs(600));
//! let report = analyzer.assess(&post);
//! assert!(report.complaint.is_complaint);
//! assert!(report.complaint.severity.level >= SeverityLevel::Medium);
//! assert!(report.virality.risk > 0.5);
//! assert!(report.response.deadline <= Duration::from_secs(3600));
//! assert!(!report.reasons().is_empty());
//! ```

use crate::analyzer::Analyzer;
use crate::complaint::{Category, Complaint, Intent, SeverityLevel};
use crate::lang::Lang;
use crate::monitor::{Categories, EventId, Intents, Observation, Timestamp};
use crate::post::{Channel, Post};
use crate::respond::{respond, ReplyCheck, Response};
use crate::sentiment::{Evidence, Sentiment};
use crate::virality::{virality, FactorKind, TextSignals, Virality};

/// Everything the crate says about one post.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Report {
    /// The language of the text.
    pub lang: Lang,
    /// Sentiment scores and label.
    pub sentiment: Sentiment,
    /// Whether the post asks a question.
    pub question: bool,
    /// What moved the sentiment score.
    pub evidence: Vec<Evidence>,
    /// Complaint, categories, intents and severity.
    pub complaint: Complaint,
    /// Virality risk and its factors.
    pub virality: Virality,
    /// Response deadline and playbook step.
    pub response: Response,
}

impl Report {
    /// The reasons behind the report in plain words: complaint cues and
    /// severity first, then the virality factors that raised the risk, then
    /// the response plan.
    pub fn reasons(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for r in &self.complaint.reasons {
            push_unique(&mut out, r.text.to_string());
        }
        for r in &self.complaint.severity.reasons {
            push_unique(&mut out, r.to_string());
        }
        for f in &self.virality.factors {
            if f.contribution > 0.0 {
                push_unique(&mut out, format!("spread: {}", factor_words(f.kind)));
            }
        }
        for r in self.response.reasons() {
            push_unique(&mut out, r);
        }
        out
    }

    /// The [`Observation`] the [`Monitor`](crate::Monitor) consumes, for
    /// this report; the caller fills in topic, thread, author, followers and
    /// `is_brand` from what it knows of the post.
    pub fn observation<'a>(&self, id: EventId, at: Timestamp) -> Observation<'a> {
        let mut categories = Categories(0);
        for h in &self.complaint.categories {
            categories.0 |= category_bit(h.what).0;
        }
        let mut intents = Intents(0);
        for h in &self.complaint.intents {
            intents.0 |= intent_bit(h.what).0;
        }
        Observation {
            id,
            at,
            topic: None,
            thread: None,
            author: None,
            followers: 0,
            is_brand: false,
            compound: self.sentiment.compound,
            complaint: self.complaint.is_complaint,
            severity: self.complaint.severity.score,
            severity_level: severity_level_code(self.complaint.severity.level),
            categories,
            intents,
            risk: self.virality.risk,
            deadline_secs: self.response.deadline.as_secs().min(u64::from(u32::MAX)) as u32,
            text: None,
        }
    }
}

fn push_unique(out: &mut Vec<String>, s: String) {
    if !out.contains(&s) {
        out.push(s);
    }
}

/// Plain words for a virality factor.
fn factor_words(kind: FactorKind) -> &'static str {
    match kind {
        FactorKind::ShareCall => "asks others to share",
        FactorKind::Boycott => "boycott language",
        FactorKind::Exposure => "threatens press, regulator or reviews",
        FactorKind::Hashtags => "hashtags",
        FactorKind::Mentions => "tags accounts",
        FactorKind::Executive => "names an executive",
        FactorKind::Outrage => "outrage",
        FactorKind::Humour => "humour that travels",
        FactorKind::Channel => "public channel",
        FactorKind::Reach => "large audience",
        FactorKind::Verified => "verified author",
        FactorKind::Engagement => "fast engagement",
        FactorKind::Unanswered => "unanswered in public",
        FactorKind::Answered => "brand has answered",
        FactorKind::Age => "old post",
    }
}

/// The monitor's bit for a complaint category.
pub(crate) fn category_bit(c: Category) -> Categories {
    match c {
        Category::Waiting => Categories::WAITING,
        Category::Rudeness => Categories::RUDENESS,
        Category::PolicyChange => Categories::POLICY_PRICE,
        Category::Defect => Categories::DEFECT,
        Category::Billing => Categories::BILLING,
        Category::Cancellation => Categories::CANCELLATION,
        Category::LostDamaged => Categories::LOST_DAMAGED,
        Category::WrongItem => Categories::WRONG_ITEM,
        Category::Privacy => Categories::PRIVACY,
        Category::Safety => Categories::SAFETY,
        Category::Unresolved => Categories::REPEATED_CONTACT,
        Category::SocialMedia => Categories::SOCIAL_SERVICE,
    }
}

/// The monitor's bit for an escalation intent.
pub(crate) fn intent_bit(i: Intent) -> Intents {
    match i {
        Intent::Churn => Intents::CHURN,
        Intent::Legal => Intents::LEGAL,
        Intent::PublicExposure => Intents::PUBLIC,
        Intent::Boycott => Intents::BOYCOTT,
        Intent::Demand => Intents::DEMAND,
    }
}

fn severity_level_code(level: SeverityLevel) -> u8 {
    match level {
        SeverityLevel::None => 0,
        SeverityLevel::Low => 1,
        SeverityLevel::Medium => 2,
        SeverityLevel::High => 3,
        SeverityLevel::Critical => 4,
    }
}

impl Analyzer {
    /// Assesses a post: sentiment, complaint and severity, virality risk
    /// from its text and metadata, and the response plan. Never fails.
    pub fn assess(&self, post: &Post<'_>) -> Report {
        self.analyze_with(post.text, |tokens, analysis| {
            let complaint =
                self.complaint_analyzer()
                    .analyze(post.text, tokens, &analysis.sentiment);
            let mut signals =
                TextSignals::scan(tokens, analysis.sentiment.compound, post.text.is_ascii());
            signals.boycott |= complaint.has_intent(Intent::Boycott);
            let virality = virality(post, &signals);
            let legal_or_safety = complaint.has_intent(Intent::Legal)
                || complaint.has_category(Category::Safety)
                || complaint.has_category(Category::Privacy);
            let public = !matches!(post.channel, Channel::PrivateMessage | Channel::Email);
            let severity = if complaint.is_complaint {
                complaint.severity.score
            } else {
                0.0
            };
            let response = respond(
                severity,
                virality.risk,
                legal_or_safety && complaint.is_complaint,
                public,
            );
            Report {
                lang: analysis.lang,
                sentiment: analysis.sentiment,
                question: analysis.question,
                evidence: analysis.evidence,
                complaint,
                virality,
                response,
            }
        })
    }

    /// Assesses a text with no metadata (`Post::new(text)`).
    pub fn assess_text(&self, text: &str) -> Report {
        self.assess(&Post::new(text))
    }

    /// Checks the brand's draft reply to a customer's post: flags defensive,
    /// legalistic, blaming, dismissive, threatening or canned replies;
    /// credits apology, ownership, a concrete action and a time commitment.
    ///
    /// ```
    /// use backlash::{Analyzer, Verdict};
    /// let a = Analyzer::default();
    /// let check = a.check_reply(
    ///     "My order never arrived and nobody answers",
    ///     "According to our terms of service we are not responsible for delays.",
    /// );
    /// assert_ne!(check.verdict, Verdict::Good);
    /// ```
    pub fn check_reply(&self, original: &str, draft: &str) -> ReplyCheck {
        crate::respond::check_reply(original, draft)
    }
}

static COMPLAINT: std::sync::LazyLock<crate::complaint::ComplaintAnalyzer> =
    std::sync::LazyLock::new(crate::complaint::ComplaintAnalyzer::new);

impl Analyzer {
    /// The complaint analyzer in use: the embedded cue lists plus any added
    /// with [`AnalyzerBuilder::complaint_cue`](crate::AnalyzerBuilder::complaint_cue).
    pub fn complaint_analyzer(&self) -> &crate::complaint::ComplaintAnalyzer {
        self.complaint.as_ref().unwrap_or(&COMPLAINT)
    }
}

/// A post in a stream: the post and what the [`Monitor`](crate::Monitor)
/// needs to place it (id, time, topic, thread, author, whether the brand
/// wrote it).
#[derive(Debug, Clone)]
pub struct StreamPost<'a> {
    /// The post's id, kept as alert evidence.
    pub id: EventId,
    /// When it was published.
    pub at: Timestamp,
    /// The text and metadata.
    pub post: Post<'a>,
    /// Topic (brand, product, hashtag); derived from the text when `None`.
    pub topic: Option<&'a str>,
    /// Conversation thread id.
    pub thread: Option<&'a str>,
    /// Author handle.
    pub author: Option<&'a str>,
    /// Whether the brand itself wrote the post (a reply).
    pub is_brand: bool,
}

impl<'a> StreamPost<'a> {
    /// A stream post with no topic, thread or author.
    pub fn new(id: impl Into<EventId>, at: Timestamp, post: Post<'a>) -> StreamPost<'a> {
        StreamPost {
            id: id.into(),
            at,
            post,
            topic: None,
            thread: None,
            author: None,
            is_brand: false,
        }
    }
}

impl crate::Monitor {
    /// Assesses a stream post with `analyzer` and observes it: the
    /// caller-driven, one-call form of the pipeline. Returns the report and
    /// the alerts the post raised, updated or resolved.
    ///
    /// ```
    /// use backlash::{Analyzer, Monitor, MonitorConfig, Post, StreamPost};
    /// use backlash::monitor::parse_rfc3339;
    ///
    /// let analyzer = Analyzer::default();
    /// let mut monitor = Monitor::new(MonitorConfig::default());
    /// let at = parse_rfc3339("2026-11-19T02:00:00Z").unwrap();
    /// let mut ev = StreamPost::new(1u64, at, Post::new("Flight cancelled, no refund. Worst airline!"));
    /// ev.topic = Some("AcmeAir");
    /// let (report, alerts) = monitor.assess_and_observe(&analyzer, &ev).unwrap();
    /// assert!(report.complaint.is_complaint);
    /// assert!(alerts.is_empty()); // one complaint is not a revolt
    /// ```
    pub fn assess_and_observe(
        &mut self,
        analyzer: &Analyzer,
        ev: &StreamPost<'_>,
    ) -> Result<(Report, Vec<crate::Alert>), crate::Error> {
        let report = analyzer.assess(&ev.post);
        let mut obs = report.observation(ev.id.clone(), ev.at);
        obs.topic = ev.topic;
        obs.thread = ev.thread;
        obs.author = ev.author;
        obs.followers = ev.post.followers.unwrap_or(0);
        obs.is_brand = ev.is_brand;
        if ev.is_brand {
            // The brand's own replies are not complaints about the brand.
            obs.complaint = false;
            obs.severity = 0.0;
            obs.severity_level = 0;
        }
        obs.text = Some(ev.post.text);
        let alerts = self.observe(&obs)?;
        Ok((report, alerts))
    }
}
