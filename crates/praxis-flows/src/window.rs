//! Half-open time windows `[start, end)`, in milliseconds since the Unix epoch (UTC).

/// `start` included, `end` excluded; an open side is unbounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Window {
    pub start: Option<i64>,
    pub end: Option<i64>,
}

impl Window {
    pub const ALL: Window = Window { start: None, end: None };

    pub fn new(start: Option<i64>, end: Option<i64>) -> Window {
        Window { start, end }
    }

    pub fn contains(&self, t: i64) -> bool {
        self.start.is_none_or(|s| t >= s) && self.end.is_none_or(|e| t < e)
    }
}

/// Parses a timestamp: RFC 3339 (`2017-01-01T00:00:00Z`, with an offset), a date-time without an
/// offset (taken in `offset`), or a date alone (midnight in `offset`).
pub fn parse_timestamp(text: &str, offset: time::UtcOffset) -> Option<i64> {
    use time::format_description::well_known::Rfc3339;
    use time::macros::format_description;
    let t = text.trim();
    if let Ok(dt) = time::OffsetDateTime::parse(t, &Rfc3339) {
        return Some(to_ms(dt));
    }
    let pdt_formats = [
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]"),
        format_description!("[year]-[month]-[day] [hour]:[minute]:[second]"),
        format_description!("[year]-[month]-[day] [hour]:[minute]"),
        format_description!("[year]-[month]-[day]T[hour]:[minute]"),
    ];
    for f in pdt_formats {
        if let Ok(dt) = time::PrimitiveDateTime::parse(t, f) {
            return Some(to_ms(dt.assume_offset(offset)));
        }
    }
    let date_formats = [
        format_description!("[year]-[month]-[day]"),
        format_description!("[day]/[month]/[year]"),
        format_description!("[day].[month].[year]"),
    ];
    for f in date_formats {
        if let Ok(d) = time::Date::parse(t, f) {
            return Some(to_ms(d.midnight().assume_offset(offset)));
        }
    }
    None
}

fn to_ms(dt: time::OffsetDateTime) -> i64 {
    (dt.unix_timestamp_nanos() / 1_000_000) as i64
}

/// Formats milliseconds as RFC 3339 UTC.
pub fn format_timestamp(ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(ms as i128 * 1_000_000)
        .ok()
        .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_else(|| ms.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_are_half_open() {
        let w = Window::new(Some(10), Some(20));
        assert!(!w.contains(9) && w.contains(10) && w.contains(19) && !w.contains(20));
        assert!(Window::ALL.contains(i64::MIN));
    }

    #[test]
    fn timestamps_honour_time_zones() {
        let utc = time::UtcOffset::UTC;
        let pkt = time::UtcOffset::from_hms(5, 0, 0).unwrap();
        let z = parse_timestamp("2017-01-01T00:00:00Z", utc).unwrap();
        assert_eq!(parse_timestamp("2017-01-01T05:00:00+05:00", utc), Some(z));
        assert_eq!(parse_timestamp("2017-01-01 05:00:00", pkt), Some(z));
        assert_eq!(parse_timestamp("2017-01-01", utc), Some(z));
        assert_eq!(parse_timestamp("01/01/2017", utc), Some(z));
        assert_eq!(format_timestamp(z), "2017-01-01T00:00:00Z");
        assert_eq!(parse_timestamp("yesterday", utc), None);
    }
}
