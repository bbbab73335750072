//! Per-topic state: time buckets, the online baseline and the topic detectors.

use std::sync::Arc;

use super::alert::{Alert, AlertKind, Episodes, Finding, Level};
use super::baseline::{alpha_for_half_life, binomial_tail_log10, ewma, poisson_tail_log10};
use super::{Advocate, Categories, EventId, MonitorConfig, Observation};

/// Buckets kept in the ring: the detectors look back `RING` buckets
/// (one hour with the default 5-minute buckets).
pub(crate) const RING: usize = 12;
/// Buckets in the surge window (15 minutes with 5-minute buckets).
const SURGE_WINDOW: i64 = 3;
/// Buckets in the negativity window (30 minutes with 5-minute buckets).
const NEG_WINDOW: i64 = 6;
/// Recent complaint/negative posts kept as evidence.
const RECENT: usize = 16;
/// One-minute complaint counters kept for the sliding surge windows.
pub(crate) const MINUTES: usize = 16;
/// Lengths (minutes) of the sliding windows the surge tail test scans.
const SURGE_MINUTES: [i64; 2] = [10, 15];
/// `log10` of the number of surge windows: the Bonferroni correction.
const SURGE_BONFERRONI: f32 = 0.602;
/// Surge tail test: `log10 p` (corrected) for a warning and for a watch.
const SURGE_WARN_LP: f32 = -4.0;
const SURGE_WATCH_LP: f32 = -3.5;
const _: () = assert!(SURGE_MINUTES[SURGE_MINUTES.len() - 1] as usize <= MINUTES);
const _: () = assert!(MINUTES.is_power_of_two());
const _: () = assert!(NEG_WINDOWS[NEG_WINDOWS.len() - 1] as usize <= RING);
/// Factor on the expected count in the surge tail tests, for the error of
/// the baseline estimate.
const SURGE_SLACK: f32 = 1.05;
/// Added to the usual negative share in the negativity tail tests, for the
/// error of its estimate.
const NEG_SLACK: f32 = 0.015;
/// Days of history before the hour-of-day profile is used.
const SEASONAL_DAYS: u32 = 1;
/// Smallest EWMA step of the hour-of-day profiles.
const HOD_MIN_ALPHA: f32 = 0.01;
/// Weight of the post-based profile in the hour-of-day complaint profile.
const POST_PROFILE_WEIGHT: f32 = 0.75;
/// Windows (buckets) the negativity tail test scans.
const NEG_WINDOWS: [i64; 3] = [3, NEG_WINDOW, RING as i64];
/// `log10` of the number of negativity windows.
const NEG_BONFERRONI: f32 = 0.477;
/// Negativity tail test: `log10 p` (corrected) for a warning and a watch.
const NEG_WARN_LP: f32 = -3.5;
const NEG_WATCH_LP: f32 = -3.0;

/// Counts of one time bucket.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct Bucket {
    pub idx: i64,
    pub posts: u32,
    pub complaints: u32,
    pub neg: u32,
    pub high: u16,
    pub crit: u16,
    pub sev: f32,
    pub cats: [u16; 16],
    /// Posts that are complaints or negative.
    #[cfg_attr(feature = "serde", serde(default))]
    pub flagged: u32,
}

/// A recent complaint or negative post, kept as evidence.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct Recent {
    pub id: EventId,
    pub cats: u16,
    pub sev: u8,
    pub complaint: bool,
}

/// Running totals of a topic.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct Totals {
    pub posts: u64,
    pub complaints: u64,
    pub negative: u64,
    pub brand: u64,
}

/// Everything the monitor knows about one topic.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct TopicState {
    #[cfg_attr(feature = "serde", serde(with = "super::arc_str"))]
    pub name: Arc<str>,
    pub first_seen: i64,
    pub last_seen: i64,
    /// Index of the current bucket (`time / bucket_secs`).
    pub cur: i64,
    pub ring: [Bucket; RING],
    /// Complaints per minute for the last [`MINUTES`] minutes (slot
    /// `minute % MINUTES`), and the newest minute index.
    #[cfg_attr(feature = "serde", serde(default))]
    pub mins: [u16; MINUTES],
    #[cfg_attr(feature = "serde", serde(default))]
    pub min_cur: i64,
    /// Complaints or negative posts per minute, like `mins`.
    #[cfg_attr(feature = "serde", serde(default))]
    pub fmins: [u16; MINUTES],
    /// Posts per minute, like `mins`.
    #[cfg_attr(feature = "serde", serde(default))]
    pub pmins: [u16; MINUTES],
    /// Closed buckets of history.
    pub hist: u32,
    pub hist_posts: u64,
    /// Complaints per bucket: slow level (3-day half-life) and fast level
    /// (1-hour half-life), and the variance of the residuals.
    pub level: f32,
    pub fast: f32,
    pub var: f32,
    /// Complaints per bucket for each hour of the day, and updates seen.
    pub hod: [f32; 24],
    pub hod_n: [u16; 24],
    /// Posts per bucket for each hour of the day, and slow levels of
    /// complaints and posts per bucket (outside surges): their ratio turns
    /// the better-sampled post profile into a complaint profile.
    #[cfg_attr(feature = "serde", serde(default))]
    pub phod: [f32; 24],
    #[cfg_attr(feature = "serde", serde(default))]
    pub c_slow: f32,
    #[cfg_attr(feature = "serde", serde(default))]
    pub p_slow: f32,
    /// Slow level of complaints-or-negative posts per bucket (outside
    /// surges); over `c_slow` it scales expected complaints to them.
    #[cfg_attr(feature = "serde", serde(default))]
    pub f_slow: f32,
    /// Day-of-week factors and updates seen.
    pub dow: [f32; 7],
    pub dow_n: [u16; 7],
    pub posts_level: f32,
    /// Baseline share of negative posts.
    pub neg_p: f32,
    pub high_rate: f32,
    pub crit_rate: f32,
    pub cat_rate: [f32; 16],
    /// Severity-weighted complaint volume per bucket.
    pub sev_level: f32,
    /// CUSUM statistics (nats) and the time `s_vol` was last decayed to.
    pub s_vol: f32,
    pub s_neg: f32,
    pub s_time: i64,
    /// Cached for the current bucket: expected complaints per bucket,
    /// warning thresholds, Bernoulli CUSUM increments.
    pub expect: f32,
    pub h_vol: f32,
    pub h_neg: f32,
    pub neg_up: f32,
    pub neg_down: f32,
    pub totals: Totals,
    pub episodes: Episodes,
    pub recent: Vec<Recent>,
    pub recent_pos: u8,
    pub advocates: Vec<Advocate>,
    pub last_influencer: i64,
}

#[inline]
fn slot(idx: i64) -> usize {
    idx.rem_euclid(RING as i64) as usize
}

impl TopicState {
    pub fn new(name: Arc<str>, t: i64, cfg: &MonitorConfig) -> TopicState {
        let b = t.div_euclid(cfg.bucket_secs());
        let mut ring: [Bucket; RING] = Default::default();
        for k in 0..RING as i64 {
            ring[slot(b - k)].idx = b - k;
        }
        let mut s = TopicState {
            name,
            first_seen: t,
            last_seen: t,
            cur: b,
            ring,
            mins: [0; MINUTES],
            min_cur: t.div_euclid(60),
            fmins: [0; MINUTES],
            pmins: [0; MINUTES],
            hist: 0,
            hist_posts: 0,
            level: 0.0,
            fast: 0.0,
            var: 0.0,
            hod: [0.0; 24],
            hod_n: [0; 24],
            phod: [0.0; 24],
            c_slow: 0.0,
            p_slow: 0.0,
            f_slow: 0.0,
            dow: [1.0; 7],
            dow_n: [0; 7],
            posts_level: 0.0,
            neg_p: 0.3,
            high_rate: 0.0,
            crit_rate: 0.0,
            cat_rate: [0.0; 16],
            sev_level: 0.0,
            s_vol: 0.0,
            s_neg: 0.0,
            s_time: t,
            expect: 0.0,
            h_vol: 12.0,
            h_neg: 12.0,
            neg_up: 0.0,
            neg_down: 0.0,
            totals: Totals::default(),
            episodes: Episodes::default(),
            recent: Vec::with_capacity(RECENT),
            recent_pos: 0,
            advocates: Vec::new(),
            last_influencer: i64::MIN,
        };
        s.refresh(cfg);
        s
    }

    fn buckets_per_day(cfg: &MonitorConfig) -> u32 {
        (86_400 / cfg.bucket_secs()).max(1) as u32
    }

    /// Whether the topic has enough history for the baseline detectors.
    pub fn is_warm(&self, cfg: &MonitorConfig) -> bool {
        i64::from(self.hist) * cfg.bucket_secs() >= i64::from(cfg.warmup_secs)
    }

    fn seasonal(&self, cfg: &MonitorConfig) -> bool {
        self.hist >= SEASONAL_DAYS * Self::buckets_per_day(cfg)
    }

    /// The hour-of-day complaint profile: a blend of the complaint profile
    /// and the post profile times the complaint share. Posts outnumber
    /// complaints, so the blend is less noisy on quiet topics at night.
    fn hour_profile(&self, h: usize) -> f32 {
        if self.p_slow > 0.0 {
            let share = self.c_slow / self.p_slow;
            (1.0 - POST_PROFILE_WEIGHT) * self.hod[h] + POST_PROFILE_WEIGHT * self.phod[h] * share
        } else {
            self.hod[h]
        }
    }

    /// Expected complaints per bucket for the bucket starting at `ts`.
    fn expected_at(&self, ts: i64, cfg: &MonitorConfig) -> f32 {
        let t = super::Timestamp(ts);
        let h = t.hour_of_day();
        // An hour of the day seen for less than an hour (its buckets kept
        // out by an alert) has no profile yet.
        let hour_seen = u32::from(self.hod_n[h]) * cfg.bucket_secs() as u32 >= 3600;
        let e = if self.seasonal(cfg) && hour_seen {
            let weekly = self.hist >= 14 * Self::buckets_per_day(cfg);
            let d = if weekly {
                self.dow[t.day_of_week()]
            } else {
                1.0
            };
            // Each hour's profile is its mean, at the middle of the hour:
            // interpolate between the two nearest hours at the middle of
            // the bucket, so that the rising and falling slopes of the day
            // are not a step function.
            let mid = (ts + cfg.bucket_secs() / 2).rem_euclid(86_400) as f32 / 3600.0 - 0.5;
            let mid = if mid < 0.0 { mid + 24.0 } else { mid };
            let h0 = (mid as usize).min(23);
            let h1 = (h0 + 1) % 24;
            let w = (mid - h0 as f32).clamp(0.0, 1.0);
            let seen = |h: usize| u32::from(self.hod_n[h]) * cfg.bucket_secs() as u32 >= 3600;
            let prof = if seen(h0) && seen(h1) {
                (1.0 - w) * self.hour_profile(h0) + w * self.hour_profile(h1)
            } else {
                self.hour_profile(h)
            };
            // Never below a third of the slow level: one quiet night must
            // not make the next morning look like a surge.
            (prof * d).max(self.level / 3.0)
        } else if self.is_warm(cfg) {
            self.level.max(self.fast)
        } else {
            self.level
        };
        e.max(cfg.min_expected)
    }

    /// Complaints-or-negative posts per complaint, outside surges (at
    /// least 1).
    fn flag_ratio(&self) -> f32 {
        if self.c_slow > 0.0 {
            (self.f_slow / self.c_slow).max(1.0)
        } else {
            1.0
        }
    }

    /// Recomputes the cached thresholds for the current bucket.
    fn refresh(&mut self, cfg: &MonitorConfig) {
        let bs = cfg.bucket_secs();
        self.expect = self.expected_at(self.cur * bs, cfg);
        let per_week = 7.0 * Self::buckets_per_day(cfg) as f32;
        let vol_week = (self.level.max(self.fast) * per_week).max(1.0);
        self.h_vol = (vol_week.ln() + cfg.cusum_margin).clamp(8.0, 24.0);
        let posts_week = (self.posts_level * per_week).max(1.0);
        // The Bernoulli CUSUM moves less per post than the Poisson one per
        // complaint; 2 nats less keeps its false alarms as rare.
        self.h_neg = (posts_week.ln() + cfg.cusum_margin - 2.0).clamp(7.0, 24.0);
        let p0 = self.neg_p.clamp(0.02, 0.9);
        let p1 = (p0 + cfg.negativity_shift).min(0.98);
        self.neg_up = (p1 / p0).ln();
        self.neg_down = ((1.0 - p1) / (1.0 - p0)).ln();
    }

    /// Expected complaints now relative to the slow level: scales the
    /// per-bucket rates of severe and per-category complaints to the hour.
    fn season_ratio(&self) -> f32 {
        if self.level > 0.0 {
            (self.expect / self.level).clamp(0.25, 4.0)
        } else {
            1.0
        }
    }

    fn decay_to(&mut self, t: i64, cfg: &MonitorConfig) {
        if t > self.s_time {
            let dt = (t - self.s_time) as f32;
            let rate = self.expect / cfg.bucket_secs() as f32;
            self.s_vol = (self.s_vol - (cfg.surge_ratio - 1.0) * rate * dt).max(0.0);
            self.s_time = t;
        }
    }

    /// Folds a closed bucket into the baseline.
    fn close_bucket(&mut self, idx: i64, cfg: &MonitorConfig) {
        let bs = cfg.bucket_secs();
        let k = slot(idx);
        let (posts, c, flagged, neg, high, crit, sev, cats) = if self.ring[k].idx == idx {
            let b = &self.ring[k];
            (
                b.posts,
                b.complaints as f32,
                b.flagged as f32,
                b.neg,
                b.high,
                b.crit,
                b.sev,
                b.cats,
            )
        } else {
            (0, 0.0, 0.0, 0, 0, 0, 0.0, [0u16; 16])
        };
        let warm = self.is_warm(cfg);
        let expected = self.expected_at(idx * bs, cfg);
        let n = self.hist as f32 + 1.0;
        let a_slow = (1.0 / n).max(alpha_for_half_life(3.0 * Self::buckets_per_day(cfg) as f32));
        let a_fast = (1.0 / n).max(alpha_for_half_life(3600.0 / bs as f32));
        // Winsorise once warm so that a burst the detector missed does not
        // drag the baseline up with it.
        let cw = if warm {
            c.min(expected + 3.0 * expected.sqrt() + 2.0)
        } else {
            c
        };
        // A surge or category wave at warning keeps its buckets out of the
        // complaint baseline, for at most six hours: a level shift that
        // lasts longer is the new normal.
        let surging = self.episodes.0.iter().any(|e| {
            matches!(e.kind, AlertKind::Surge | AlertKind::CategoryWave)
                && e.level >= Level::Warning
                && idx * bs - e.opened < 6 * 3600
        });
        if !surging {
            let resid = cw - expected;
            ewma(&mut self.var, resid * resid, a_slow);
            let t = super::Timestamp(idx * bs);
            let weekly = self.hist >= 14 * Self::buckets_per_day(cfg);
            let d = t.day_of_week();
            let deseason = if weekly {
                cw / self.dow[d].max(0.2)
            } else {
                cw
            };
            ewma(&mut self.level, deseason, a_slow);
            ewma(&mut self.fast, cw, a_fast);
            let h = t.hour_of_day();
            self.hod_n[h] = self.hod_n[h].saturating_add(1);
            let ah = (1.0 / f32::from(self.hod_n[h])).max(HOD_MIN_ALPHA);
            ewma(&mut self.hod[h], deseason, ah);
            let pexp = self.phod[h] * if weekly { self.dow[d] } else { 1.0 };
            let pw = if warm {
                (posts as f32).min(pexp + 3.0 * pexp.sqrt() + 2.0)
            } else {
                posts as f32
            };
            let pdeseason = if weekly {
                pw / self.dow[d].max(0.2)
            } else {
                pw
            };
            ewma(&mut self.phod[h], pdeseason, ah);
            let fexp = expected * self.flag_ratio();
            let fw = if warm {
                flagged.min(fexp + 3.0 * fexp.sqrt() + 2.0)
            } else {
                flagged
            };
            ewma(&mut self.f_slow, fw, a_slow);
            ewma(&mut self.c_slow, cw, a_slow);
            ewma(&mut self.p_slow, pw, a_slow);
            if self.hist >= 7 * Self::buckets_per_day(cfg) && self.hod[h] > 0.0 {
                self.dow_n[d] = self.dow_n[d].saturating_add(1);
                let ad = (1.0 / f32::from(self.dow_n[d])).max(0.003);
                ewma(&mut self.dow[d], (cw / self.hod[h]).min(4.0), ad);
            }
        }
        ewma(&mut self.posts_level, posts as f32, a_slow);
        ewma(&mut self.sev_level, sev, a_slow);
        // Surges bring their own negative posts: keep them out of the share
        // too.
        if posts > 0 && !surging && !self.episodes.is_open(AlertKind::Negativity) {
            let ap = (1.0 / (self.hist_posts as f32 + 1.0)).max(0.002);
            let w = 1.0 - (1.0 - ap).powi(posts.min(10_000) as i32);
            ewma(&mut self.neg_p, neg as f32 / posts as f32, w);
        }
        self.hist_posts += u64::from(posts);
        if !self.episodes.is_open(AlertKind::SeveritySpike) {
            ewma(&mut self.high_rate, f32::from(high), a_slow);
            ewma(&mut self.crit_rate, f32::from(crit), a_slow);
        }
        for (i, r) in self.cat_rate.iter_mut().enumerate() {
            if self
                .episodes
                .get(AlertKind::CategoryWave, i as u8)
                .is_none()
            {
                ewma(r, f32::from(cats[i]), a_slow);
            }
        }
        self.hist = self.hist.saturating_add(1);
    }

    /// Moves the current bucket to `b`, closing the ones in between.
    pub fn roll_to(&mut self, b: i64, cfg: &MonitorConfig, out: &mut Vec<Alert>) {
        if b <= self.cur {
            return;
        }
        let old = self.cur;
        self.close_bucket(old, cfg);
        // Empty buckets in between: at most two weeks are replayed; an idle
        // topic is evicted long before that by its TTL.
        let gap = (b - old - 1).min(14 * i64::from(Self::buckets_per_day(cfg)));
        for idx in (b - gap)..b {
            self.close_bucket(idx, cfg);
        }
        for idx in (old + 1).max(b - RING as i64 + 1)..=b {
            self.ring[slot(idx)] = Bucket {
                idx,
                ..Bucket::default()
            };
        }
        self.cur = b;
        let start = b * cfg.bucket_secs();
        self.decay_to(start, cfg);
        self.refresh(cfg);
        self.resolve_quiet(start, cfg, out);
    }

    /// Moves the minute counters forward to minute `m`.
    #[inline]
    fn advance_minutes(&mut self, m: i64) {
        if m <= self.min_cur {
            return;
        }
        let steps = (m - self.min_cur).min(MINUTES as i64);
        for i in 0..steps {
            let k = (m - i).rem_euclid(MINUTES as i64) as usize;
            self.mins[k] = 0;
            self.fmins[k] = 0;
            self.pmins[k] = 0;
        }
        self.min_cur = m;
    }

    /// Complaints, complaints-or-negative posts and posts in the last
    /// [`SURGE_MINUTES`] minutes (the newest minute partly elapsed), in one
    /// pass over the minute rings.
    fn minute_sums(&self) -> [[u32; 3]; SURGE_MINUTES.len()] {
        let mut out = [[0u32; 3]; SURGE_MINUTES.len()];
        let mut acc = [0u32; 3];
        let mut w = 0;
        for i in 0..SURGE_MINUTES[SURGE_MINUTES.len() - 1] {
            // MINUTES is a power of two: the low bits are `rem_euclid`.
            let k = ((self.min_cur - i) as usize) & (MINUTES - 1);
            acc[0] += u32::from(self.mins[k]);
            acc[1] += u32::from(self.fmins[k]);
            acc[2] += u32::from(self.pmins[k]);
            if i + 1 == SURGE_MINUTES[w] {
                out[w] = acc;
                w += 1;
            }
        }
        out
    }

    fn window_sum(&self, buckets: i64, f: impl Fn(&Bucket) -> u32) -> u32 {
        let mut s = 0;
        for idx in (self.cur - buckets + 1)..=self.cur {
            let b = &self.ring[slot(idx)];
            if b.idx == idx {
                s += f(b);
            }
        }
        s
    }

    /// Resolves episodes whose evidence has faded.
    fn resolve_quiet(&mut self, at: i64, cfg: &MonitorConfig, out: &mut Vec<Alert>) {
        if self.episodes.0.is_empty() {
            return;
        }
        let name = self.name.clone();
        // Surge and negativity episodes resolve once their CUSUM is low and
        // no tail test fed them for 15 minutes.
        let fed = |eps: &Episodes, kind| eps.get(kind, 0).is_some_and(|e| at - e.updated < 900);
        if self.episodes.is_open(AlertKind::Surge)
            && self.s_vol < 0.25 * self.h_vol
            && !fed(&self.episodes, AlertKind::Surge)
        {
            let a = self
                .episodes
                .resolve(AlertKind::Surge, 0, at, &name, None, || {
                    "complaint volume is back near its baseline".to_string()
                });
            out.extend(a);
        }
        if self.episodes.is_open(AlertKind::Negativity)
            && self.s_neg < 0.25 * self.h_neg
            && !fed(&self.episodes, AlertKind::Negativity)
        {
            let a = self
                .episodes
                .resolve(AlertKind::Negativity, 0, at, &name, None, || {
                    "the share of negative posts is back near its baseline".to_string()
                });
            out.extend(a);
        }
        // Severity and category episodes resolve once their window looks
        // ordinary again (p > 0.1) and nothing fed them for 30 minutes.
        let season = self.season_ratio();
        let quiet =
            |eps: &Episodes, kind, sub| eps.get(kind, sub).is_some_and(|e| at - e.updated >= 1800);
        if quiet(&self.episodes, AlertKind::SeveritySpike, 0) {
            let k = self.window_sum(RING as i64, |b| u32::from(b.high));
            let mu = f64::from((self.high_rate * season * RING as f32).max(0.5));
            if poisson_tail_log10(k, mu) > -1.0 {
                let a = self
                    .episodes
                    .resolve(AlertKind::SeveritySpike, 0, at, &name, None, || {
                        "severe complaints are back to their usual rate".to_string()
                    });
                out.extend(a);
            }
        }
        for c in 0..16u8 {
            if quiet(&self.episodes, AlertKind::CategoryWave, c) {
                let k = self.window_sum(RING as i64, |b| u32::from(b.cats[c as usize]));
                let mu = f64::from((self.cat_rate[c as usize] * season * RING as f32).max(0.5));
                if poisson_tail_log10(k, mu) > -1.0 {
                    let a =
                        self.episodes
                            .resolve(AlertKind::CategoryWave, c, at, &name, None, || {
                                format!(
                                    "{} complaints are back to their usual rate",
                                    Categories::name(c)
                                )
                            });
                    out.extend(a);
                }
            }
        }
        if self.episodes.is_open(AlertKind::Influencer)
            && at - self.last_influencer >= i64::from(cfg.influencer_quiet_secs)
        {
            let a = self
                .episodes
                .resolve(AlertKind::Influencer, 0, at, &name, None, || {
                    "no high-reach author has joined for a while".to_string()
                });
            out.extend(a);
        }
    }

    fn push_recent(&mut self, r: Recent) {
        if self.recent.len() < RECENT {
            self.recent.push(r);
        } else {
            let p = usize::from(self.recent_pos) % RECENT;
            self.recent[p] = r;
            self.recent_pos = ((p + 1) % RECENT) as u8;
        }
    }

    /// Recent evidence ids, oldest first, filtered.
    fn recent_ids(recent: &[Recent], pos: u8, keep: impl Fn(&Recent) -> bool) -> Vec<EventId> {
        let n = recent.len();
        let start = if n < RECENT { 0 } else { usize::from(pos) };
        let mut v: Vec<EventId> = (0..n)
            .map(|i| &recent[(start + i) % n])
            .filter(|r| keep(r))
            .map(|r| r.id.clone())
            .collect();
        let extra = v.len().saturating_sub(super::alert::EPISODE_EVIDENCE);
        v.drain(..extra);
        v
    }

    /// Feeds one (validated, in-lateness) observation to the topic.
    pub fn observe(&mut self, o: &Observation<'_>, cfg: &MonitorConfig, out: &mut Vec<Alert>) {
        let t = o.at.0;
        let b = t.div_euclid(cfg.bucket_secs());
        if b > self.cur {
            self.roll_to(b, cfg, out);
        }
        self.last_seen = self.last_seen.max(t);
        self.advance_minutes(self.last_seen.div_euclid(60));
        if o.is_brand {
            self.totals.brand += 1;
            return;
        }
        let neg = o.compound <= cfg.negative_below;
        let high = o.complaint && o.severity_level >= cfg.high_severity;
        let crit = o.complaint && o.severity_level >= 4;
        self.totals.posts += 1;
        self.totals.complaints += u64::from(o.complaint);
        self.totals.negative += u64::from(neg);
        let m = t.div_euclid(60);
        if m > self.min_cur - MINUTES as i64 {
            let k = m.rem_euclid(MINUTES as i64) as usize;
            self.pmins[k] = self.pmins[k].saturating_add(1);
            if o.complaint || neg {
                self.fmins[k] = self.fmins[k].saturating_add(1);
            }
            if o.complaint {
                self.mins[k] = self.mins[k].saturating_add(1);
            }
        }
        if b > self.cur - RING as i64 {
            let bk = &mut self.ring[slot(b)];
            bk.posts += 1;
            bk.neg += u32::from(neg);
            bk.flagged += u32::from(neg || o.complaint);
            if o.complaint {
                bk.complaints += 1;
                bk.sev += o.severity;
                bk.high += u16::from(high);
                bk.crit += u16::from(crit);
                let mut bits = o.categories.0;
                while bits != 0 {
                    let c = bits.trailing_zeros() as usize;
                    bk.cats[c] = bk.cats[c].saturating_add(1);
                    bits &= bits - 1;
                }
            }
        }
        self.decay_to(t, cfg);
        let warm = self.is_warm(cfg);
        if warm {
            // Capped a little above the critical threshold, so that the
            // statistic comes down within about an hour of a burst's end.
            if o.complaint {
                self.s_vol = (self.s_vol + cfg.surge_ratio.ln()).min(self.h_vol + 8.0);
            }
            if self.hist_posts >= u64::from(cfg.min_posts_for_share) {
                let inc = if neg { self.neg_up } else { self.neg_down };
                self.s_neg = (self.s_neg + inc).clamp(0.0, self.h_neg + 8.0);
            }
        }
        if o.complaint || neg {
            self.push_recent(Recent {
                id: o.id.clone(),
                cats: o.categories.0,
                sev: o.severity_level,
                complaint: o.complaint,
            });
        }
        if !o.complaint && o.compound >= cfg.advocate_min_compound {
            self.note_advocate(o, cfg);
        }
        if o.complaint || (neg && warm) {
            self.check_surge(t, warm, cfg, out);
        }
        if neg && warm {
            self.check_negativity(t, cfg, out);
        }
        if high {
            self.check_severity(t, warm, out);
        }
        if o.complaint && o.categories.0 != 0 {
            self.check_categories(o, t, warm, cfg, out);
        }
        if o.followers >= cfg.influencer_followers && (neg || o.complaint) {
            self.check_influencer(o, t, cfg, out);
        }
    }

    fn check_surge(&mut self, t: i64, warm: bool, cfg: &MonitorConfig, out: &mut Vec<Alert>) {
        let bs = cfg.bucket_secs();
        let w = self.window_sum(SURGE_WINDOW, |b| b.complaints);
        let mins = (t - (self.cur - SURGE_WINDOW + 1) * bs + 59) / 60;
        if !warm {
            // Cold start: no baseline yet, so only a large absolute burst.
            if w < cfg.cold_burst {
                return;
            }
            let level = if w >= 3 * cfg.cold_burst {
                Level::Critical
            } else {
                Level::Warning
            };
            let f = Finding {
                kind: AlertKind::Surge,
                sub: 0,
                level,
                at: t,
                score: (w as f32 / cfg.cold_burst as f32).log10() + 1.0,
                reasons: || {
                    vec![
                        format!("{w} complaints in the last {mins} minutes"),
                        "new topic: too little history for a baseline, so only the absolute size counts"
                            .to_string(),
                    ]
                },
            };
            let ev = || Self::recent_ids(&self.recent, self.recent_pos, |r| r.complaint);
            let a = self.episodes.raise(f, &self.name, None, ev);
            out.extend(a);
            return;
        }
        let h = self.h_vol;
        let s = self.s_vol;
        // Sliding windows of 5, 10 and 15 minutes ending now, at one-minute
        // resolution: an exact Poisson tail on each, Bonferroni-corrected,
        // catches sharp bursts on quiet topics sooner than the CUSUM.
        let per_sec = self.expect / bs as f32;
        let part = (self.last_seen - self.min_cur * 60 + 1).clamp(1, 60) as f32;
        // The same on complaints and negative posts together (a backlash
        // brings angry posts the complaint detector does not flag), when the
        // post volume itself is up (p < 0.01): a shift in tone alone is the
        // negativity detector's business.
        let mut lp = 0.0f32;
        let mut w = 0u32;
        let mut exp_w = 0.0f32;
        let mut win = 15i64;
        let mut with_neg = false;
        let (fr, pr) = if self.c_slow > 0.0 {
            (self.flag_ratio(), (self.p_slow / self.c_slow).max(1.0))
        } else {
            (0.0, 0.0)
        };
        let sums = self.minute_sums();
        let worth = |k: u32, mu: f32| {
            let ex = k as f32 - mu;
            mu > 0.0 && ex >= 5.0 && ex >= 2.5 * mu.sqrt()
        };
        for (&l, &[k, kf, kp]) in SURGE_MINUTES.iter().zip(&sums) {
            let mu = per_sec * ((l - 1) * 60) as f32 + per_sec * part;
            if l == 15 && lp == 0.0 {
                (w, exp_w) = (k, mu);
            }
            let (muf, mup) = (mu * fr, mu * pr);
            let muf = if worth(kf, muf)
                && kp as f32 >= mup + 2.0 * mup.sqrt()
                && poisson_tail_log10(kp, f64::from(mup)) <= -2.0
            {
                muf
            } else {
                0.0
            };
            for (k, mu, f) in [(k, mu, false), (kf, muf, true)] {
                if !worth(k, mu) {
                    continue;
                }
                // Tested against a slightly raised rate: the baseline is
                // itself an estimate.
                let p =
                    poisson_tail_log10(k, f64::from(mu * SURGE_SLACK)) as f32 + SURGE_BONFERRONI;
                if p < lp {
                    (lp, w, exp_w, win, with_neg) = (p, k, mu, l, f);
                }
            }
        }
        let excess = w as f32 - exp_w;
        if lp > SURGE_WATCH_LP
            && (s < h - 3.0 || with_neg || excess < 5.0f32.max(2.0 * exp_w.sqrt()))
        {
            return;
        }
        let mins = win;
        let ratio = w as f32 / exp_w.max(0.1);
        let level = if (s >= h + 6.0 || lp <= -12.0) && ratio >= 4.0 {
            Level::Critical
        } else if s >= h || lp <= SURGE_WARN_LP {
            Level::Warning
        } else {
            Level::Watch
        };
        let s = s.max(-lp * core::f32::consts::LN_10);
        let seasonal = self.seasonal(cfg);
        let f =
            Finding {
                kind: AlertKind::Surge,
                sub: 0,
                level,
                at: t,
                score: s / core::f32::consts::LN_10,
                reasons: || {
                    vec![
                        format!(
                        "{w} {} in the last {mins} minutes, {ratio:.1}× the {exp_w:.1} expected {}",
                        if with_neg { "complaints and negative posts" } else { "complaints" },
                        if seasonal { "for this hour" } else { "from the recent rate" }
                    ),
                        format!(
                        "the rise is sustained: the odds against a normal rate are 10^{:.1} to 1",
                        s / core::f32::consts::LN_10
                    ),
                    ]
                },
            };
        let ev = || Self::recent_ids(&self.recent, self.recent_pos, |r| r.complaint);
        let a = self.episodes.raise(f, &self.name, None, ev);
        out.extend(a);
    }

    fn check_negativity(&mut self, t: i64, cfg: &MonitorConfig, out: &mut Vec<Alert>) {
        let h = self.h_neg;
        if self.hist_posts < u64::from(cfg.min_posts_for_share) {
            return;
        }
        let p0 = self.neg_p.clamp(0.02, 0.9);
        // Besides the CUSUM, an exact binomial tail on the negative share of
        // the last 10, 15 and 30 minutes (Bonferroni-corrected).
        let mut lp = 0.0f32;
        let (mut n, mut k, mut win) = (0u32, 0u32, NEG_WINDOW);
        let mut sums = [(0u32, 0u32); NEG_WINDOWS.len()];
        let (mut an, mut ak, mut wi) = (0u32, 0u32, 0usize);
        for i in 0..NEG_WINDOWS[NEG_WINDOWS.len() - 1] {
            let idx = self.cur - i;
            let b = &self.ring[slot(idx)];
            if b.idx == idx {
                an += b.posts;
                ak += b.neg;
            }
            if i + 1 == NEG_WINDOWS[wi] {
                sums[wi] = (an, ak);
                wi += 1;
            }
        }
        for (&l, &(nl, kl)) in NEG_WINDOWS.iter().zip(&sums) {
            if l == NEG_WINDOW && lp == 0.0 {
                (n, k) = (nl, kl);
            }
            let mean = nl as f32 * p0;
            let sd = (mean * (1.0 - p0)).sqrt();
            if kl < 8 || (kl as f32) < mean + 3.0 * sd {
                continue;
            }
            let p = binomial_tail_log10(kl, nl, f64::from((p0 + NEG_SLACK).min(0.95))) as f32
                + NEG_BONFERRONI;
            if p < lp {
                (lp, n, k, win) = (p, nl, kl, l);
            }
        }
        if self.s_neg < h - 3.0 && lp > NEG_WATCH_LP {
            return;
        }
        let share = k as f32 / n.max(1) as f32;
        let p0 = self.neg_p;
        if k < 8 || share < p0 + 0.08 {
            return;
        }
        let s = self.s_neg.max(-lp * core::f32::consts::LN_10);
        let level = if (self.s_neg >= h + 6.0 || lp <= -10.0) && share >= p0 + 0.3 {
            Level::Critical
        } else if self.s_neg >= h || lp <= NEG_WARN_LP {
            Level::Warning
        } else {
            Level::Watch
        };
        let mins = win * cfg.bucket_secs() / 60;
        let f = Finding {
            kind: AlertKind::Negativity,
            sub: 0,
            level,
            at: t,
            score: s / core::f32::consts::LN_10,
            reasons: || {
                vec![
                    format!(
                        "{k} of {n} posts in the last {mins} minutes are negative ({:.0}%), against a usual {:.0}%",
                        share * 100.0,
                        p0 * 100.0
                    ),
                    format!(
                        "the shift is sustained: the odds against the usual share are 10^{:.1} to 1",
                        s / core::f32::consts::LN_10
                    ),
                ]
            },
        };
        let ev = || Self::recent_ids(&self.recent, self.recent_pos, |_| true);
        let a = self.episodes.raise(f, &self.name, None, ev);
        out.extend(a);
    }

    fn check_severity(&mut self, t: i64, warm: bool, out: &mut Vec<Alert>) {
        let k = self.window_sum(RING as i64, |b| u32::from(b.high));
        // Cold topics: no rate of severe complaints yet; five in an hour is
        // the least that counts.
        if k < 3 || (!warm && k < 5) {
            return;
        }
        let kc = self.window_sum(RING as i64, |b| u32::from(b.crit));
        // Cold topics get a generous prior: one severe complaint an hour.
        let floor = if warm { 0.5 } else { 1.0 };
        let season = self.season_ratio();
        let mu = f64::from((self.high_rate * season * RING as f32).max(floor));
        let mu_c = f64::from((self.crit_rate * season * RING as f32).max(floor * 0.4));
        let lp = poisson_tail_log10(k, mu).min(poisson_tail_log10(kc, mu_c));
        let level = if lp <= -8.0 && k >= 6 {
            Level::Critical
        } else if lp <= -4.3 && k >= 4 {
            Level::Warning
        } else if lp <= -3.5 {
            Level::Watch
        } else {
            return;
        };
        let mut sev = 0.0f32;
        for idx in (self.cur - RING as i64 + 1)..=self.cur {
            let b = &self.ring[slot(idx)];
            if b.idx == idx {
                sev += b.sev;
            }
        }
        let usual_sev = self.sev_level * season * RING as f32;
        let f = Finding {
            kind: AlertKind::SeveritySpike,
            sub: 0,
            level,
            at: t,
            score: -lp as f32,
            reasons: || {
                let mut r = vec![format!(
                    "{k} high-severity complaints in the last hour ({kc} critical), against {mu:.1} expected"
                )];
                if usual_sev > 0.0 {
                    r.push(format!(
                        "severity-weighted complaint volume in the last hour is {:.1}× the usual",
                        sev / usual_sev
                    ));
                }
                r
            },
        };
        let ev = || Self::recent_ids(&self.recent, self.recent_pos, |r| r.complaint && r.sev >= 3);
        let a = self.episodes.raise(f, &self.name, None, ev);
        out.extend(a);
    }

    fn check_categories(
        &mut self,
        o: &Observation<'_>,
        t: i64,
        warm: bool,
        cfg: &MonitorConfig,
        out: &mut Vec<Alert>,
    ) {
        let season = self.season_ratio();
        let cold_min = cfg.cold_burst / 2;
        let mut bits = o.categories.0;
        while bits != 0 {
            let c = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            let k = self.window_sum(RING as i64, |b| u32::from(b.cats[c]));
            // Cold topics: no category rates yet, so only a large wave counts.
            if k < 6 || (!warm && k < cold_min) {
                continue;
            }
            let all = self.window_sum(RING as i64, |b| b.complaints);
            if (k as f32) < 0.3 * all as f32 {
                continue;
            }
            let floor = if warm { 0.5 } else { 2.0 };
            let mu = f64::from((self.cat_rate[c] * season * RING as f32).max(floor));
            let lp = poisson_tail_log10(k, mu);
            let level = if lp <= -10.0 && k >= 25 {
                Level::Critical
            } else if lp <= -6.0 && k >= 10 {
                Level::Warning
            } else if lp <= -4.0 {
                Level::Watch
            } else {
                continue;
            };
            let cname = Categories::name(c as u8);
            let f = Finding {
                kind: AlertKind::CategoryWave,
                sub: c as u8,
                level,
                at: t,
                score: -lp as f32,
                reasons: || {
                    vec![format!(
                        "{k} {cname} complaints in the last hour ({:.0}% of all complaints), against {mu:.1} expected",
                        100.0 * k as f32 / all.max(1) as f32
                    )]
                },
            };
            let bit = 1u16 << c;
            let ev = || Self::recent_ids(&self.recent, self.recent_pos, |r| r.cats & bit != 0);
            let a = self.episodes.raise(f, &self.name, None, ev);
            out.extend(a);
        }
    }

    fn check_influencer(
        &mut self,
        o: &Observation<'_>,
        t: i64,
        cfg: &MonitorConfig,
        out: &mut Vec<Alert>,
    ) {
        self.last_influencer = self.last_influencer.max(t);
        const TROUBLE: [AlertKind; 4] = [
            AlertKind::Surge,
            AlertKind::Negativity,
            AlertKind::SeveritySpike,
            AlertKind::CategoryWave,
        ];
        let open: [bool; 4] = TROUBLE.map(|k| self.episodes.is_open(k));
        let calm = !open.contains(&true);
        let level = match (calm, o.followers >= cfg.mega_followers) {
            (true, _) => Level::Watch,
            (false, false) => Level::Warning,
            (false, true) => Level::Critical,
        };
        let who = o.author.unwrap_or("an author");
        let followers = o.followers;
        let what = if o.complaint {
            "a complaint"
        } else {
            "a negative post"
        };
        let f = Finding {
            kind: AlertKind::Influencer,
            sub: 0,
            level,
            at: t,
            score: (followers as f32).log10(),
            reasons: || {
                let mut r = vec![format!("{who} ({followers} followers) posted {what}")];
                if calm {
                    r.push("the topic is otherwise calm".to_string());
                } else {
                    let names: Vec<&str> = TROUBLE
                        .iter()
                        .zip(open)
                        .filter(|(_, o)| *o)
                        .map(|(k, _)| k.as_str())
                        .collect();
                    r.push(format!(
                        "the topic already has open alerts: {}",
                        names.join(", ")
                    ));
                }
                r
            },
        };
        let id = o.id.clone();
        let ev = || {
            let mut v = Self::recent_ids(&self.recent, self.recent_pos, |r| r.complaint);
            v.retain(|x| *x != id);
            let extra = v.len().saturating_sub(super::alert::EPISODE_EVIDENCE - 1);
            v.drain(..extra);
            v.push(id.clone());
            v
        };
        let before = self.episodes.get(AlertKind::Influencer, 0).is_some();
        let a = self.episodes.raise(f, &self.name, None, ev);
        if a.is_none() && before {
            if let Some(ep) = self
                .episodes
                .0
                .iter_mut()
                .find(|e| e.kind == AlertKind::Influencer)
            {
                if !ep.evidence.contains(&o.id)
                    && ep.evidence.len() < 2 * super::alert::EPISODE_EVIDENCE
                {
                    ep.evidence.push(o.id.clone());
                }
            }
        }
        out.extend(a);
    }

    fn note_advocate(&mut self, o: &Observation<'_>, cfg: &MonitorConfig) {
        let Some(author) = o.author else { return };
        if o.followers < cfg.advocate_min_followers || author.is_empty() {
            return;
        }
        if let Some(a) = self.advocates.iter_mut().find(|a| a.author == author) {
            a.posts += 1;
            a.followers = a.followers.max(o.followers);
            a.compound_sum += o.compound;
            a.last = o.id.clone();
            return;
        }
        let new = Advocate {
            author: author.to_string(),
            followers: o.followers,
            posts: 1,
            compound_sum: o.compound,
            last: o.id.clone(),
        };
        if self.advocates.len() < cfg.advocates_per_topic {
            self.advocates.push(new);
        } else if let Some((i, worst)) = self
            .advocates
            .iter()
            .enumerate()
            .min_by(|a, b| a.1.reach_score().total_cmp(&b.1.reach_score()))
        {
            if new.reach_score() > worst.reach_score() {
                self.advocates[i] = new;
            }
        }
    }

    /// Rough heap + inline bytes of this topic.
    pub fn approx_bytes(&self) -> usize {
        core::mem::size_of::<Self>()
            + self.name.len()
            + self.recent.capacity() * core::mem::size_of::<Recent>()
            + self
                .advocates
                .iter()
                .map(|a| core::mem::size_of::<Advocate>() + a.author.len())
                .sum::<usize>()
            + self
                .episodes
                .0
                .iter()
                .map(|e| core::mem::size_of_val(e) + e.evidence.capacity() * 24)
                .sum::<usize>()
    }
}
