//! Event time: [`Timestamp`] and an RFC 3339 parser written for this crate.

use core::fmt;

use crate::Error;

/// A point in time: whole seconds since the Unix epoch, UTC.
///
/// The monitor never reads a clock; every timestamp comes from an event.
///
/// ```
/// use backlash::monitor::Timestamp;
/// let t = Timestamp::parse("2026-11-22T09:30:00+07:00").unwrap();
/// assert_eq!(t.to_string(), "2026-11-22T02:30:00Z");
/// assert_eq!(t.hour_of_day(), 2);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// The timestamp `secs` seconds after 1970-01-01T00:00:00Z.
    #[inline]
    pub const fn from_secs(secs: i64) -> Timestamp {
        Timestamp(secs)
    }

    /// Seconds since the epoch.
    #[inline]
    pub const fn secs(self) -> i64 {
        self.0
    }

    /// Parses an RFC 3339 date-time; see [`parse_rfc3339`].
    pub fn parse(text: &str) -> Result<Timestamp, Error> {
        parse_rfc3339(text)
    }

    /// Hour of the day in UTC, `0..24`.
    #[inline]
    pub const fn hour_of_day(self) -> usize {
        (self.0.rem_euclid(86_400) / 3600) as usize
    }

    /// Day of the week in UTC, `0` = Monday … `6` = Sunday.
    #[inline]
    pub const fn day_of_week(self) -> usize {
        // 1970-01-01 was a Thursday (index 3).
        (self.0.div_euclid(86_400) + 3).rem_euclid(7) as usize
    }
}

impl fmt::Display for Timestamp {
    /// RFC 3339 in UTC with a `Z` suffix, e.g. `2026-11-22T02:30:00Z`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.0.div_euclid(86_400);
        let rem = self.0.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        write!(
            f,
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
            rem / 3600,
            rem % 3600 / 60,
            rem % 60
        )
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn bad(reason: &str) -> Error {
    Error::InvalidMetadata {
        field: "created",
        reason: reason.to_string(),
    }
}

/// Reads `n` ASCII digits at `pos`.
fn digits(b: &[u8], pos: usize, n: usize) -> Option<i64> {
    let part = b.get(pos..pos + n)?;
    let mut v = 0i64;
    for &c in part {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + i64::from(c - b'0');
    }
    Some(v)
}

/// Parses an RFC 3339 date-time (`2026-11-22T09:30:00Z`,
/// `2026-11-22T09:30:00.250+07:00`) into whole seconds, UTC.
///
/// Accepts `t`/`T` or a space between date and time and `z`/`Z`; fractional
/// seconds are truncated; a leap second `:60` is read as `:59`. Anything
/// else (missing offset, impossible dates such as February 30) is an
/// [`Error::InvalidMetadata`] for the field `created`.
///
/// ```
/// use backlash::monitor::parse_rfc3339;
/// assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z").unwrap().secs(), 0);
/// assert_eq!(parse_rfc3339("2000-03-01T00:00:00+02:00").unwrap().secs(), 951_861_600);
/// assert!(parse_rfc3339("2026-02-30T00:00:00Z").is_err());
/// assert!(parse_rfc3339("yesterday").is_err());
/// ```
pub fn parse_rfc3339(text: &str) -> Result<Timestamp, Error> {
    let b = text.trim().as_bytes();
    let field =
        |pos, n| digits(b, pos, n).ok_or_else(|| bad("expected YYYY-MM-DDTHH:MM:SS and an offset"));
    let year = field(0, 4)?;
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return Err(bad("expected YYYY-MM-DD"));
    }
    let month = field(5, 2)?;
    let day = field(8, 2)?;
    if !matches!(b.get(10), Some(b'T' | b't' | b' ')) {
        return Err(bad("expected `T` between date and time"));
    }
    let hour = field(11, 2)?;
    if b.get(13) != Some(&b':') || b.get(16) != Some(&b':') {
        return Err(bad("expected HH:MM:SS"));
    }
    let minute = field(14, 2)?;
    let second = field(17, 2)?;
    if !(1..=12).contains(&month) {
        return Err(bad("month out of range"));
    }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if day < 1 || day > month_days[(month - 1) as usize] {
        return Err(bad("day out of range"));
    }
    if hour > 23 || minute > 59 || second > 60 {
        return Err(bad("time out of range"));
    }
    let mut pos = 19;
    if b.get(pos) == Some(&b'.') {
        pos += 1;
        let start = pos;
        while b.get(pos).is_some_and(u8::is_ascii_digit) {
            pos += 1;
        }
        if pos == start {
            return Err(bad("empty fraction of a second"));
        }
    }
    let offset = match b.get(pos) {
        Some(b'Z' | b'z') => {
            pos += 1;
            0
        }
        Some(&sign @ (b'+' | b'-')) => {
            let oh = field(pos + 1, 2)?;
            let om = field(pos + 4, 2)?;
            if b.get(pos + 3) != Some(&b':') || oh > 23 || om > 59 {
                return Err(bad("bad UTC offset"));
            }
            pos += 6;
            let off = oh * 3600 + om * 60;
            if sign == b'-' {
                -off
            } else {
                off
            }
        }
        _ => return Err(bad("missing UTC offset (`Z` or `+HH:MM`)")),
    };
    if pos != b.len() {
        return Err(bad("trailing characters"));
    }
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + hour * 3600 + minute * 60 + second.min(59) - offset;
    Ok(Timestamp(secs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_over_four_centuries() {
        let mut t = -12_000_000_000i64;
        while t < 12_000_000_000 {
            let ts = Timestamp(t);
            let text = ts.to_string();
            assert_eq!(parse_rfc3339(&text).unwrap(), ts, "{text}");
            t += 86_400 * 37 + 3_733;
        }
    }

    #[test]
    fn offsets_fractions_and_errors() {
        let z = parse_rfc3339("2026-11-22T02:30:00Z").unwrap();
        assert_eq!(parse_rfc3339("2026-11-22T09:30:00.999+07:00").unwrap(), z);
        assert_eq!(parse_rfc3339("2026-11-21 23:30:00-03:00").unwrap(), z);
        assert_eq!(z.day_of_week(), 6, "22 Nov 2026 is a Sunday");
        assert_eq!(
            parse_rfc3339("2024-02-29T00:00:00Z").unwrap().to_string(),
            "2024-02-29T00:00:00Z"
        );
        for bad in [
            "",
            "2026-11-22",
            "2026-11-22T02:30:00",
            "2026-13-01T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2026-11-22T24:00:00Z",
            "2026-11-22T02:30:00.Z",
            "2026-11-22T02:30:00+0700",
            "2026-11-22T02:30:00Zjunk",
            "２０２６-11-22T02:30:00Z",
            "2026-11-22T02:3",
        ] {
            assert!(parse_rfc3339(bad).is_err(), "{bad:?}");
        }
    }
}
