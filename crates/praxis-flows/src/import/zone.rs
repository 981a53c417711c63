//! Time zones and date formats for sources whose timestamps carry no offset.
//!
//! A zone is either a fixed UTC offset (`UTC`, `+05:00`, `-03:30`) or an IANA name
//! (`Asia/Karachi`, `Europe/Rome`) from the tz database bundled with `chrono-tz`, so that daylight
//! saving time is honoured. A local time that occurs twice (clocks going back) is taken at its
//! earlier instant; one that does not exist (clocks going forward) is read with the offset in
//! force before the change, which lands it just after the gap (the rule RFC 9557 calls
//! "compatible").

use std::fmt;

use chrono::{Offset, TimeZone};
use time::format_description::OwnedFormatItem;
use time::{Date, OffsetDateTime, PrimitiveDateTime, UtcOffset};

/// Where a source's local times are.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    Fixed(UtcOffset),
    Named(chrono_tz::Tz),
}

impl Default for Zone {
    fn default() -> Zone {
        Zone::Fixed(UtcOffset::UTC)
    }
}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Zone::Fixed(o) if o.is_utc() => f.write_str("UTC"),
            Zone::Fixed(o) => {
                let (h, m, _) = o.as_hms();
                let sign = if o.is_negative() { '-' } else { '+' };
                write!(f, "{sign}{:02}:{:02}", h.unsigned_abs(), m.unsigned_abs())
            }
            Zone::Named(tz) => f.write_str(tz.name()),
        }
    }
}

impl Zone {
    pub const UTC: Zone = Zone::Fixed(UtcOffset::UTC);

    /// `UTC` (or `Z`), a fixed offset `+05:00` / `-0330` / `UTC+05:00`, or an IANA zone name.
    pub fn parse(text: &str) -> Result<Zone, String> {
        let t = text.trim();
        if t.eq_ignore_ascii_case("utc") || t.eq_ignore_ascii_case("z") || t.eq_ignore_ascii_case("gmt") {
            return Ok(Zone::UTC);
        }
        let offset_part = t
            .strip_prefix("UTC")
            .or_else(|| t.strip_prefix("utc"))
            .or_else(|| t.strip_prefix("GMT"))
            .unwrap_or(t);
        if let Some(o) = parse_offset(offset_part) {
            return Ok(Zone::Fixed(o));
        }
        if let Ok(tz) = t.parse::<chrono_tz::Tz>() {
            return Ok(Zone::Named(tz));
        }
        Err(format!(
            "`{t}` is not a time zone: give `UTC`, a fixed offset such as `+05:00`, or an IANA name such as `Asia/Karachi`"
        ))
    }

    /// The instant, in milliseconds since the Unix epoch, of a local date and time in this zone.
    pub fn local_to_ms(&self, dt: PrimitiveDateTime) -> i64 {
        match self {
            Zone::Fixed(o) => to_ms(dt.assume_offset(*o)),
            Zone::Named(tz) => {
                let naive = to_naive(dt);
                let utc_naive = match tz.from_local_datetime(&naive) {
                    chrono::LocalResult::Single(t) => t.naive_utc(),
                    chrono::LocalResult::Ambiguous(earlier, _) => earlier.naive_utc(),
                    chrono::LocalResult::None => {
                        // In a gap: use the offset in force a day before (there is never a second
                        // change within a day).
                        let before = naive - chrono::TimeDelta::days(1);
                        let off = tz.offset_from_utc_datetime(&before).fix();
                        naive - chrono::TimeDelta::seconds(off.local_minus_utc() as i64)
                    }
                };
                utc_naive.and_utc().timestamp_millis()
            }
        }
    }
}

fn to_naive(dt: PrimitiveDateTime) -> chrono::NaiveDateTime {
    let d = dt.date();
    let t = dt.time();
    chrono::NaiveDate::from_ymd_opt(d.year(), d.month() as u32, d.day() as u32)
        .and_then(|d| {
            d.and_hms_nano_opt(t.hour() as u32, t.minute() as u32, t.second() as u32, t.nanosecond())
        })
        .expect("a valid date and time converts")
}

fn parse_offset(t: &str) -> Option<UtcOffset> {
    let (sign, rest) = match t.as_bytes().first()? {
        b'+' => (1i8, &t[1..]),
        b'-' => (-1i8, &t[1..]),
        _ => return None,
    };
    let (h, m) = match rest.split_once(':') {
        Some((h, m)) => (h, m),
        None if rest.len() == 4 => rest.split_at(2),
        None if (1..=2).contains(&rest.len()) => (rest, "0"),
        None => return None,
    };
    if h.is_empty() || !h.bytes().all(|b| b.is_ascii_digit()) || !m.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m): (i8, i8) = (h.parse().ok()?, m.parse().ok()?);
    if h > 18 || m > 59 {
        return None;
    }
    UtcOffset::from_hms(sign * h, sign * m, 0).ok()
}

fn to_ms(dt: OffsetDateTime) -> i64 {
    (dt.unix_timestamp_nanos() / 1_000_000) as i64
}

/// A date (or date-time) format: `time`'s format-description syntax (`[day]/[month]/[year]`,
/// `[day]-[month repr:short case_sensitive:false]-[year] [hour]:[minute]`) or, when it contains a
/// `%`, strftime syntax (`%d/%m/%Y %H:%M`).
#[derive(Clone)]
pub struct DateFormat {
    text: String,
    item: OwnedFormatItem,
}

impl fmt::Debug for DateFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl DateFormat {
    pub fn parse(text: &str) -> Result<DateFormat, String> {
        let item = if text.contains('%') {
            time::format_description::parse_strftime_owned(text).map_err(|e| e.to_string())?
        } else {
            time::format_description::parse_owned::<2>(text).map_err(|e| e.to_string())?
        };
        Ok(DateFormat { text: text.to_owned(), item })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Reads `text` with this format: with an offset in the format, that offset wins; with a time,
    /// it is local to `zone`; a date alone is local midnight.
    fn read(&self, text: &str, zone: Zone) -> Option<i64> {
        if let Ok(dt) = OffsetDateTime::parse(text, &self.item) {
            return Some(to_ms(dt));
        }
        if let Ok(dt) = PrimitiveDateTime::parse(text, &self.item) {
            return Some(zone.local_to_ms(dt));
        }
        if let Ok(d) = Date::parse(text, &self.item) {
            return Some(zone.local_to_ms(d.midnight()));
        }
        None
    }
}

/// Reads a timestamp with the given formats (the first that reads it wins) or, with none, with
/// the defaults: RFC 3339 with its own offset; ISO date-times (with optional fractions of a
/// second), `dd/mm/yyyy` and `dd.mm.yyyy` dates, local to `zone`.
pub fn read_timestamp(text: &str, formats: &[DateFormat], zone: Zone) -> Option<i64> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    if !formats.is_empty() {
        return formats.iter().find_map(|f| f.read(t, zone));
    }
    use time::format_description::well_known::Rfc3339;
    use time::macros::format_description;
    if let Ok(dt) = OffsetDateTime::parse(t, &Rfc3339) {
        return Some(to_ms(dt));
    }
    let pdt_formats = [
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond]"),
        format_description!("[year]-[month]-[day] [hour]:[minute]:[second].[subsecond]"),
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]"),
        format_description!("[year]-[month]-[day] [hour]:[minute]:[second]"),
        format_description!("[year]-[month]-[day] [hour]:[minute]"),
        format_description!("[year]-[month]-[day]T[hour]:[minute]"),
    ];
    for f in pdt_formats {
        if let Ok(dt) = PrimitiveDateTime::parse(t, f) {
            return Some(zone.local_to_ms(dt));
        }
    }
    let date_formats = [
        format_description!("[year]-[month]-[day]"),
        format_description!("[day]/[month]/[year]"),
        format_description!("[day].[month].[year]"),
    ];
    for f in date_formats {
        if let Ok(d) = Date::parse(t, f) {
            return Some(zone.local_to_ms(d.midnight()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: i64 = 3_600_000;

    fn ms(s: &str) -> i64 {
        read_timestamp(s, &[], Zone::UTC).unwrap()
    }

    #[test]
    fn zones_parse_and_display() {
        assert_eq!(Zone::parse("UTC").unwrap(), Zone::UTC);
        assert_eq!(Zone::parse("+05:00").unwrap().to_string(), "+05:00");
        assert_eq!(Zone::parse("UTC-0330").unwrap().to_string(), "-03:30");
        assert_eq!(Zone::parse("Asia/Karachi").unwrap().to_string(), "Asia/Karachi");
        assert!(Zone::parse("Mars/Olympus").is_err());
        assert!(Zone::parse("+25:00").is_err());
    }

    #[test]
    fn named_zones_follow_daylight_saving() {
        let rome = Zone::parse("Europe/Rome").unwrap();
        // Winter: UTC+1; summer: UTC+2.
        assert_eq!(read_timestamp("2024-01-15 12:00", &[], rome), Some(ms("2024-01-15T11:00:00Z")));
        assert_eq!(read_timestamp("2024-07-15 12:00", &[], rome), Some(ms("2024-07-15T10:00:00Z")));
        // 2024-03-31 02:30 does not exist in Rome: read with the winter offset, i.e. 03:30 CEST.
        assert_eq!(read_timestamp("2024-03-31 02:30", &[], rome), Some(ms("2024-03-31T01:30:00Z")));
        // 2024-10-27 02:30 happens twice: the earlier one (CEST).
        assert_eq!(read_timestamp("2024-10-27 02:30", &[], rome), Some(ms("2024-10-27T00:30:00Z")));
        let pkt = Zone::parse("+05:00").unwrap();
        assert_eq!(read_timestamp("2024-03-01", &[], pkt), Some(ms("2024-03-01T00:00:00Z") - 5 * H));
        // An explicit offset wins over the zone.
        assert_eq!(read_timestamp("2024-03-01T00:00:00Z", &[], pkt), Some(ms("2024-03-01T00:00:00Z")));
    }

    #[test]
    fn formats_read_dates_and_times() {
        let f = [
            DateFormat::parse("[day]-[month repr:short case_sensitive:false]-[year]").unwrap(),
            DateFormat::parse("%d/%m/%Y %H:%M").unwrap(),
        ];
        assert_eq!(read_timestamp("05-MAR-2024", &f, Zone::UTC), Some(ms("2024-03-05")));
        assert_eq!(read_timestamp("05/03/2024 13:45", &f, Zone::UTC), Some(ms("2024-03-05T13:45:00Z")));
        assert_eq!(read_timestamp("2024-03-05", &f, Zone::UTC), None);
        assert!(DateFormat::parse("[dya]").is_err());
    }
}
