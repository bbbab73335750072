//! Fuzz target: the monitor accepts any sequence of observations without
//! panicking, and checkpoint/restore keeps its state.
#![no_main]

use backlash::monitor::{Categories, EventId, Intents, Observation, Timestamp};
use backlash::{Monitor, MonitorConfig};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut m = Monitor::new(MonitorConfig::default().fallback_topic("t"));
    let topics = ["a", "b", "c"];
    let threads = ["x", "y"];
    let mut t: i64 = 1_700_000_000;
    for (i, ch) in data.chunks(8).enumerate() {
        if ch.len() < 8 {
            break;
        }
        t += i64::from(ch[0]) * 7 - 300;
        let obs = Observation {
            id: EventId::Num(i as u64),
            at: Timestamp(t),
            topic: Some(topics[usize::from(ch[1]) % 3]),
            thread: if ch[2] & 1 == 1 { Some(threads[usize::from(ch[2] >> 1) % 2]) } else { None },
            author: Some(topics[usize::from(ch[3]) % 3]),
            followers: u64::from(ch[3]) * 10_000,
            is_brand: ch[4] & 0x80 != 0,
            compound: f32::from(ch[4] as i8) / 127.0,
            complaint: ch[5] & 1 == 1,
            severity: f32::from(ch[6]) / 2.55,
            severity_level: ch[6] / 52,
            categories: Categories(u16::from(ch[7]) << 4 | u16::from(ch[5] >> 4)),
            intents: Intents(ch[7] & 0x1f),
            risk: f32::from(ch[5]) / 255.0,
            deadline_secs: u32::from(ch[1]) * 60,
            text: None,
        };
        let _ = m.observe(&obs);
    }
    let snap = m.snapshot();
    let restored = Monitor::restore(snap.clone()).expect("restore own snapshot");
    assert_eq!(
        serde_json::to_string(&restored.snapshot()).ok(),
        serde_json::to_string(&snap).ok()
    );
});
