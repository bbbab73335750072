use super::*;

const T0: i64 = 1_793_577_600; // 2026-11-02T00:00:00Z, a Monday

fn obs(id: u64, at: i64, topic: &str) -> Observation<'_> {
    Observation {
        id: id.into(),
        at: Timestamp(at),
        topic: Some(topic),
        compound: 0.3,
        ..Observation::default()
    }
}

fn complaint(id: u64, at: i64, topic: &str) -> Observation<'_> {
    Observation {
        compound: -0.6,
        complaint: true,
        severity: 35.0,
        severity_level: 2,
        categories: Categories::WAITING,
        ..obs(id, at, topic)
    }
}

/// Feeds a steady topic: one post a minute, every fifth a complaint.
fn steady(m: &mut Monitor, topic: &str, from: i64, minutes: i64, next_id: &mut u64) -> Vec<Alert> {
    let mut out = Vec::new();
    for i in 0..minutes {
        let at = from + i * 60 + 7;
        *next_id += 1;
        let o = if i % 5 == 0 {
            complaint(*next_id, at, topic)
        } else {
            obs(*next_id, at, topic)
        };
        out.extend(m.observe(&o).unwrap());
    }
    out
}

#[test]
fn cold_topic_ignores_small_bursts() {
    let mut m = Monitor::default();
    let mut alerts = Vec::new();
    for i in 0..25u64 {
        alerts.extend(m.observe(&complaint(i, T0 + i as i64 * 20, "new")).unwrap());
    }
    assert!(alerts.is_empty(), "{alerts:?}");
    assert!(!m.topic("new").unwrap().warm);
}

#[test]
fn warm_topic_surge_is_one_episode_then_resolves() {
    let mut m = Monitor::default();
    let mut id = 0;
    let calm = steady(&mut m, "acme", T0, 12 * 60, &mut id);
    assert!(calm.iter().all(|a| a.kind != AlertKind::Surge), "{calm:?}");
    assert!(m.topic("acme").unwrap().warm);
    // Eight complaints a minute for 30 minutes: 40× the baseline.
    let start = T0 + 12 * 3600;
    let mut alerts = Vec::new();
    for i in 0..240i64 {
        id += 1;
        alerts.extend(m.observe(&complaint(id, start + i * 7, "acme")).unwrap());
    }
    let surge: Vec<&Alert> = alerts
        .iter()
        .filter(|a| a.kind == AlertKind::Surge)
        .collect();
    assert!(!surge.is_empty());
    assert_eq!(surge[0].status, Status::Open);
    assert!(
        surge[0].at.0 - start <= 300,
        "detected after {} s",
        surge[0].at.0 - start
    );
    assert!(
        surge.len() <= 3,
        "one episode: open and at most two escalations, got {surge:?}"
    );
    assert_eq!(surge.last().unwrap().level, Level::Critical);
    assert!(!surge[0].evidence.is_empty() && surge[0].evidence.len() <= 8);
    assert!(surge[0].reasons[0].contains("complaints in the last"));
    // Back to normal: the episode resolves once.
    let after = steady(&mut m, "acme", start + 1800, 6 * 60, &mut id);
    let resolved: Vec<&Alert> = after
        .iter()
        .filter(|a| a.kind == AlertKind::Surge && a.status == Status::Resolved)
        .collect();
    assert_eq!(resolved.len(), 1, "{after:?}");
    assert!(after
        .iter()
        .all(|a| a.kind != AlertKind::Surge || a.status == Status::Resolved));
}

#[test]
fn negativity_shift_without_volume_change() {
    let mut m = Monitor::default();
    let mut id = 0;
    steady(&mut m, "shop", T0, 24 * 60, &mut id);
    let start = T0 + 24 * 3600;
    let mut alerts = Vec::new();
    for i in 0..120i64 {
        id += 1;
        let mut o = obs(id, start + i * 60 + 3, "shop");
        if i % 5 == 0 {
            o = complaint(id, o.at.0, "shop");
        } else if i % 5 != 1 {
            o.compound = -0.4; // three in five posts now negative, volume the same
        }
        alerts.extend(m.observe(&o).unwrap());
    }
    let neg = alerts
        .iter()
        .find(|a| a.kind == AlertKind::Negativity && a.level >= Level::Warning);
    assert!(neg.is_some(), "{alerts:?}");
    assert!(
        alerts.iter().all(|a| a.kind != AlertKind::Surge),
        "{alerts:?}"
    );
}

#[test]
fn influencer_on_a_calm_topic_is_watch_and_on_a_surge_is_warning() {
    let mut m = Monitor::default();
    let mut id = 0;
    steady(&mut m, "a", T0, 12 * 60, &mut id);
    let big = |id: u64, at: i64| Observation {
        followers: 250_000,
        author: Some("@bigvoice"),
        ..complaint(id, at, "a")
    };
    let t = T0 + 12 * 3600;
    let a = m.observe(&big(9_000_001, t)).unwrap();
    assert_eq!(a.len(), 1);
    assert_eq!(
        (a[0].kind, a[0].level),
        (AlertKind::Influencer, Level::Watch)
    );
    assert!(a[0].reasons[0].contains("@bigvoice (250000 followers)"));
    assert_eq!(a[0].evidence.last(), Some(&EventId::Num(9_000_001)));
    for i in 0..200i64 {
        id += 1;
        m.observe(&complaint(id, t + 60 + i * 6, "a")).unwrap();
    }
    let a = m.observe(&big(9_000_002, t + 1300)).unwrap();
    let inf: Vec<_> = a
        .iter()
        .filter(|x| x.kind == AlertKind::Influencer)
        .collect();
    assert_eq!(inf.len(), 1, "{a:?}");
    assert_eq!(
        (inf[0].level, inf[0].status),
        (Level::Warning, Status::Escalated)
    );
}

#[test]
fn category_wave_and_severity_spike() {
    let mut m = Monitor::default();
    let mut id = 0;
    steady(&mut m, "air", T0, 12 * 60, &mut id);
    let t = T0 + 12 * 3600;
    let mut alerts = Vec::new();
    for i in 0..30i64 {
        id += 1;
        let o = Observation {
            categories: Categories::CANCELLATION,
            severity_level: if i % 3 == 0 { 4 } else { 2 },
            severity: if i % 3 == 0 { 90.0 } else { 40.0 },
            ..complaint(id, t + i * 50, "air")
        };
        alerts.extend(m.observe(&o).unwrap());
    }
    let wave = alerts
        .iter()
        .find(|a| a.kind == AlertKind::CategoryWave)
        .expect("wave");
    assert!(wave.reasons[0].contains("cancellation"), "{wave:?}");
    assert!(alerts
        .iter()
        .any(|a| a.kind == AlertKind::SeveritySpike && a.level >= Level::Warning));
}

fn turn<'a>(id: u64, at: i64, compound: f32, intents: Intents, level: u8) -> Observation<'a> {
    Observation {
        id: id.into(),
        at: Timestamp(at),
        thread: Some("t1"),
        topic: Some("bank"),
        compound,
        complaint: compound < 0.0,
        severity: f32::from(level) * 20.0,
        severity_level: level,
        intents,
        categories: Categories::BILLING,
        ..Observation::default()
    }
}

#[test]
fn thread_worsens_escalates_and_repeats() {
    let mut m = Monitor::default();
    let mut kinds = Vec::new();
    let turns = [
        (-0.2, Intents(0), 1),
        (-0.45, Intents::DEMAND, 2),
        (-0.7, Intents::CHURN, 2),
        (-0.9, Intents(Intents::LEGAL.0 | Intents::PUBLIC.0), 2),
    ];
    for (i, (c, intents, level)) in turns.into_iter().enumerate() {
        for a in m
            .observe(&turn(i as u64, T0 + i as i64 * 600, c, intents, level))
            .unwrap()
        {
            assert_eq!(a.thread.as_deref(), Some("t1"));
            assert_eq!(a.topic, "bank");
            kinds.push((a.kind, a.level, a.status));
        }
    }
    assert!(
        kinds.contains(&(AlertKind::IntentEscalation, Level::Watch, Status::Open)),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&(
            AlertKind::IntentEscalation,
            Level::Critical,
            Status::Escalated
        )),
        "{kinds:?}"
    );
    assert!(
        kinds
            .iter()
            .any(|k| k.0 == AlertKind::ThreadWorsening && k.1 >= Level::Warning),
        "{kinds:?}"
    );
    assert!(
        kinds.iter().any(|k| k.0 == AlertKind::Repetition),
        "{kinds:?}"
    );
    // No kind opens twice.
    for kind in AlertKind::ALL {
        assert!(
            kinds
                .iter()
                .filter(|k| k.0 == kind && k.2 == Status::Open)
                .count()
                <= 1
        );
    }
    // A good brand reply and a calmer customer close the episodes.
    let reply = Observation {
        is_brand: true,
        ..turn(10, T0 + 3000, 0.5, Intents(0), 0)
    };
    m.observe(&reply).unwrap();
    let a = m.observe(&turn(11, T0 + 3600, 0.4, Intents(0), 0)).unwrap();
    assert!(
        a.len() >= 2 && a.iter().all(|x| x.status == Status::Resolved),
        "{a:?}"
    );
}

#[test]
fn reply_that_makes_it_worse() {
    let mut m = Monitor::default();
    m.observe(&turn(1, T0, -0.3, Intents(0), 1)).unwrap();
    let reply = Observation {
        is_brand: true,
        ..turn(2, T0 + 600, 0.0, Intents(0), 0)
    };
    m.observe(&reply).unwrap();
    let a = m.observe(&turn(3, T0 + 1200, -0.8, Intents(0), 2)).unwrap();
    let w = a
        .iter()
        .find(|x| x.kind == AlertKind::ThreadWorsening)
        .expect("worse");
    assert_eq!(w.level, Level::Warning);
    assert!(
        w.reasons
            .iter()
            .any(|r| r.contains("after the brand's reply")),
        "{w:?}"
    );
}

#[test]
fn unanswered_fires_at_the_deadline_and_resolves_on_reply() {
    let mut m = Monitor::default();
    let o = Observation {
        deadline_secs: 1800,
        ..turn(1, T0, -0.8, Intents(0), 4)
    };
    assert!(m.observe(&o).unwrap().is_empty());
    // Another topic's event moves the clock past the deadline.
    let a = m.observe(&obs(2, T0 + 1900, "elsewhere")).unwrap();
    assert_eq!(a.len(), 1, "{a:?}");
    assert_eq!(
        (a[0].kind, a[0].level, a[0].at.0),
        (AlertKind::Unanswered, Level::Critical, T0 + 1800)
    );
    assert_eq!(a[0].evidence, vec![EventId::Num(1)]);
    let reply = Observation {
        is_brand: true,
        ..turn(3, T0 + 2400, 0.3, Intents(0), 0)
    };
    let a = m.observe(&reply).unwrap();
    assert_eq!(a.len(), 1);
    assert_eq!(
        (a[0].kind, a[0].status),
        (AlertKind::Unanswered, Status::Resolved)
    );
    // Answered in time: nothing.
    let mut m = Monitor::default();
    m.observe(&Observation {
        deadline_secs: 1800,
        ..turn(1, T0, -0.8, Intents(0), 4)
    })
    .unwrap();
    m.observe(&Observation {
        is_brand: true,
        ..turn(2, T0 + 900, 0.3, Intents(0), 0)
    })
    .unwrap();
    assert!(m.advance_to(Timestamp(T0 + 7200)).is_empty());
}

#[test]
fn late_and_invalid_events_are_refused_and_counted() {
    let mut m = Monitor::default();
    m.observe(&obs(1, T0 + 3600, "x")).unwrap();
    m.observe(&obs(2, T0 + 3600 - 300, "x")).unwrap();
    let e = m.observe(&obs(3, T0, "x")).unwrap_err();
    assert_eq!(
        e,
        Error::LateEvent {
            id: "3".into(),
            behind_secs: 3600
        }
    );
    // Lateness is per topic: an old event for another topic is fine.
    m.observe(&obs(4, T0, "y")).unwrap();
    let bad = Observation {
        compound: f32::NAN,
        ..obs(5, T0 + 3700, "x")
    };
    assert!(matches!(
        m.observe(&bad),
        Err(Error::InvalidMetadata {
            field: "compound",
            ..
        })
    ));
    let bad = Observation {
        severity_level: 9,
        ..obs(6, T0 + 3700, "x")
    };
    assert!(m.observe(&bad).is_err());
    let s = m.stats();
    assert_eq!((s.observed, s.late, s.invalid), (3, 1, 2));
}

#[test]
fn topics_from_brand_aliases_and_fallback() {
    let cfg = MonitorConfig::default()
        .brand("AcmeAir", ["#AcmeFail", "@acmeair"])
        .fallback_topic("other");
    let mut m = Monitor::new(cfg);
    for (i, text) in [
        "ขอบคุณ @AcmeAir มาก",
        "#acmefail again",
        "ACMEAIR lost my bag",
        "no brand here",
    ]
    .iter()
    .enumerate()
    {
        let o = Observation {
            text: Some(text),
            ..obs(i as u64, T0 + i as i64, "")
        };
        m.observe(&o).unwrap();
    }
    assert_eq!(m.topic("AcmeAir").unwrap().posts, 3);
    assert_eq!(m.topic("other").unwrap().posts, 1);
}

#[test]
fn advocates_are_ranked_by_reach_and_positivity() {
    let mut m = Monitor::default();
    let names = [
        "@fan1", "@fan2", "@fan3", "@fan4", "@fan5", "@fan6", "@small",
    ];
    for (i, n) in names.iter().enumerate() {
        let o = Observation {
            author: Some(n),
            followers: if *n == "@small" {
                10
            } else {
                1_000 * (i as u64 + 1) * (i as u64 + 1)
            },
            compound: 0.8,
            ..obs(i as u64, T0 + i as i64, "brand")
        };
        m.observe(&o).unwrap();
    }
    let adv = m.advocates("brand");
    assert_eq!(adv.len(), 5);
    assert_eq!(adv[0].author, "@fan6");
    assert!(adv
        .iter()
        .all(|a| a.author != "@small" && a.author != "@fan1"));
}

#[test]
fn idle_state_is_evicted_and_caps_hold() {
    let cfg = MonitorConfig {
        max_topics: 50,
        max_threads: 40,
        ..MonitorConfig::default()
    };
    let mut m = Monitor::new(cfg);
    let names: Vec<String> = (0..500).map(|i| format!("t{i}")).collect();
    for (i, n) in names.iter().enumerate() {
        let o = Observation {
            thread: Some(n),
            ..obs(i as u64, T0 + i as i64 * 30, n)
        };
        m.observe(&o).unwrap();
        assert!(m.topic_count() <= 50 && m.thread_count() <= 40);
    }
    // Eight idle days later everything old is gone.
    m.observe(&obs(9999, T0 + 8 * 86_400, "fresh")).unwrap();
    assert_eq!(m.topic_count(), 1);
    assert_eq!(m.thread_count(), 0);
    assert!(m.stats().topics_evicted >= 499);
}

#[cfg(feature = "serde")]
#[test]
fn snapshot_round_trips_through_json() {
    let mut m = Monitor::default();
    let mut id = 0;
    steady(&mut m, "a", T0, 300, &mut id);
    m.observe(&Observation {
        deadline_secs: 600,
        ..turn(77, T0 + 300 * 60, -0.8, Intents(0), 4)
    })
    .unwrap();
    let json = serde_json::to_string(&m).unwrap();
    let back: Monitor = serde_json::from_str(&json).unwrap();
    assert_eq!(back.snapshot(), m.snapshot());
    assert_eq!(back.snapshot().pending.len(), 1);
    let broken = json.replace("\"version\":1", "\"version\":9");
    assert!(serde_json::from_str::<Monitor>(&broken).is_err());
}

#[test]
fn merge_refuses_overlap() {
    let mut a = Monitor::default();
    let mut b = Monitor::default();
    a.observe(&obs(1, T0, "same")).unwrap();
    b.observe(&obs(2, T0, "same")).unwrap();
    assert!(matches!(a.merge(b), Err(Error::State(_))));
    let c = Monitor::new(MonitorConfig {
        bucket_secs: 600,
        ..MonitorConfig::default()
    });
    assert!(a.merge(c).is_err());
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Any sequence of observations, however odd, never panics and
        /// never breaks the caps.
        #[test]
        fn never_panics(steps in proptest::collection::vec((
            any::<i64>(), 0i64..400_000, 0u8..6, 0u8..5, any::<u16>(), any::<u8>(),
            -1.5f32..1.5, any::<bool>(), any::<bool>(), any::<u64>(), 0u32..100_000,
        ), 1..120)) {
            let cfg = MonitorConfig { max_topics: 3, max_threads: 3, warmup_secs: 600, ..MonitorConfig::default() };
            let mut m = Monitor::new(cfg);
            let topics = ["a", "b", "c", "d", "e", ""];
            for (i, (wild, offset, t, lvl, cats, intents, c, brand, complaint, followers, deadline)) in steps.into_iter().enumerate() {
                let at = if i % 17 == 16 { wild } else { T0 + offset };
                let o = Observation {
                    id: EventId::from(i as u64),
                    at: Timestamp(at),
                    topic: Some(topics[usize::from(t)]),
                    thread: Some(topics[usize::from(lvl)]),
                    author: Some("x"),
                    followers,
                    is_brand: brand,
                    compound: c,
                    complaint,
                    severity: f32::from(lvl) * 25.0,
                    severity_level: lvl,
                    categories: Categories(cats),
                    intents: Intents(intents),
                    risk: 0.5,
                    deadline_secs: deadline,
                    text: Some("#A @b c"),
                };
                let _ = m.observe(&o);
                prop_assert!(m.topic_count() <= 3 && m.thread_count() <= 3);
            }
            let _ = m.advance_to(Timestamp(T0 + 10_000_000));
            let snap = m.snapshot();
            let back = Monitor::restore(snap.clone()).unwrap();
            prop_assert_eq!(back.snapshot(), snap);
        }
    }
}

#[test]
fn learned_daily_rhythm_is_not_a_surge() {
    // Five days with a strong rhythm: 4 complaints an hour at night, 60 at
    // the midday peak. The fast level follows the rhythm while the
    // hour-of-day baseline is learned (three days), then takes over: the
    // daily peak never raises a surge warning.
    let mut rng = sim::Rng::new(42);
    let mut m = Monitor::default();
    let mut id = 0u64;
    let mut warnings = Vec::new();
    for minute in 0..5 * 24 * 60i64 {
        let hour = (minute / 60 % 24) as f64;
        let per_hour = 32.0 - 28.0 * (2.0 * std::f64::consts::PI * hour / 24.0).cos();
        for _ in 0..rng.poisson(per_hour / 60.0) {
            id += 1;
            let at = T0 + minute * 60 + (rng.next_u64() % 60) as i64;
            for a in m.observe(&complaint(id, at, "rhythm")).unwrap() {
                if a.kind == AlertKind::Surge
                    && a.level >= Level::Warning
                    && a.status != Status::Resolved
                {
                    warnings.push((minute / 1440, a.at));
                }
            }
        }
    }
    assert!(warnings.is_empty(), "{warnings:?}");
    let t = m.topic("rhythm").unwrap();
    assert!((t.baseline_complaints_per_hour - 32.0).abs() < 6.0, "{t:?}");
}

#[test]
fn small_burst_on_a_quiet_topic_warns_within_15_minutes() {
    // One post every three minutes, every fifth a complaint: one complaint
    // per 15 minutes, for two days.
    let mut m = Monitor::default();
    let mut id = 0;
    let mut calm = Vec::new();
    for i in 0..(2 * 24 * 20) {
        id += 1;
        let at = T0 + i * 180 + 11;
        let o = if i % 5 == 0 {
            complaint(id, at, "quiet")
        } else {
            obs(id, at, "quiet")
        };
        calm.extend(m.observe(&o).unwrap());
    }
    assert!(calm.iter().all(|a| a.kind != AlertKind::Surge), "{calm:?}");
    // Nine complaints in 12 minutes, not aligned to the 5-minute buckets.
    let start = T0 + 2 * 86_400 + 130;
    let mut alerts = Vec::new();
    for i in 0..9i64 {
        id += 1;
        alerts.extend(m.observe(&complaint(id, start + i * 80, "quiet")).unwrap());
    }
    let warn = alerts
        .iter()
        .find(|a| a.kind == AlertKind::Surge && a.level >= Level::Warning);
    assert!(warn.is_some_and(|a| a.at.0 - start <= 900), "{alerts:?}");
}
