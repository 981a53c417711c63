//! Identifiers: phone numbers (E.164), IBANs, e-mail addresses and partial birth dates.

use std::fmt;

use crate::normalise::ascii_digits;

/// Why an identifier could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdentError {
    /// The default region is not an ISO 3166-1 alpha-2 code the phone-number metadata knows.
    #[error("unknown region {0:?} for phone numbers (expected an ISO 3166-1 alpha-2 code such as PK)")]
    UnknownRegion(String),
    /// The phone number could not be parsed, or is not a valid number for its country.
    #[error("not a valid phone number: {0:?}")]
    Phone(String),
    /// The IBAN is malformed, too short or long for its country, or fails the mod-97 check.
    #[error("not a valid IBAN ({reason}): {text:?}")]
    Iban { text: String, reason: &'static str },
    /// The e-mail address is malformed.
    #[error("not a valid e-mail address: {0:?}")]
    Email(String),
    /// The date is not a year, year-month or full date that exists.
    #[error("not a valid (partial) date: {0:?}")]
    Date(String),
}

/// A phone number in E.164 form (`+923001234567`). Digits of any script are read; a number
/// without a country code is read in `default_region` (ISO 3166-1 alpha-2, e.g. `"PK"`).
pub fn phone_e164(text: &str, default_region: &str) -> Result<String, IdentError> {
    let region: phonenumber::country::Id = default_region
        .trim()
        .to_ascii_uppercase()
        .parse()
        .map_err(|_| IdentError::UnknownRegion(default_region.to_owned()))?;
    let digits = ascii_digits(text.trim());
    // "0092…" and "00 92 …" are the international prefix written out.
    let digits = match digits.strip_prefix("00") {
        Some(rest) => format!("+{rest}"),
        None => digits,
    };
    let number = phonenumber::parse(Some(region), &digits).map_err(|_| IdentError::Phone(text.to_owned()))?;
    if !phonenumber::is_valid(&number) {
        return Err(IdentError::Phone(text.to_owned()));
    }
    Ok(number.format().mode(phonenumber::Mode::E164).to_string())
}

/// IBAN lengths of the countries Praxis meets most (SWIFT IBAN registry); other countries are
/// checked for the general shape and the mod-97 check digits only.
const IBAN_LENGTHS: &[(&str, usize)] = &[
    ("AE", 23),
    ("AZ", 28),
    ("BH", 22),
    ("DE", 22),
    ("EG", 29),
    ("FR", 27),
    ("GB", 22),
    ("GE", 22),
    ("GR", 27),
    ("IQ", 23),
    ("IR", 26),
    ("IT", 27),
    ("JO", 30),
    ("KW", 30),
    ("KZ", 20),
    ("LB", 28),
    ("NL", 18),
    ("OM", 23),
    ("PK", 24),
    ("QA", 29),
    ("SA", 24),
    ("TR", 26),
    ("UA", 29),
];

/// An IBAN in electronic form (upper case, no spaces), after checking its shape, its length for
/// the known countries and its mod-97 check digits (ISO 13616).
pub fn iban(text: &str) -> Result<String, IdentError> {
    let err = |reason| IdentError::Iban { text: text.to_owned(), reason };
    let s: String = ascii_digits(text)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let b = s.as_bytes();
    if !(15..=34).contains(&b.len()) {
        return Err(err("length outside 15–34"));
    }
    if !b[..2].iter().all(u8::is_ascii_uppercase) || !b[2..4].iter().all(u8::is_ascii_digit) {
        return Err(err("must start with a country code and two check digits"));
    }
    if !b.iter().all(u8::is_ascii_alphanumeric) {
        return Err(err("only letters and digits are allowed"));
    }
    if let Some((_, n)) = IBAN_LENGTHS.iter().find(|(cc, _)| cc.as_bytes() == &b[..2]) {
        if *n != b.len() {
            return Err(err("wrong length for its country"));
        }
    }
    let mut rem: u32 = 0;
    for &c in b[4..].iter().chain(&b[..4]) {
        let v = if c.is_ascii_digit() { u32::from(c - b'0') } else { u32::from(c - b'A') + 10 };
        rem = if v >= 10 { (rem * 100 + v) % 97 } else { (rem * 10 + v) % 97 };
    }
    if rem != 1 {
        return Err(err("check digits do not match"));
    }
    Ok(s)
}

/// An e-mail address normalised for comparison: trimmed, lower case, `mailto:` removed; for
/// Gmail (which ignores them) dots and `+tags` in the local part are removed and
/// `googlemail.com` becomes `gmail.com`. Other providers' `+tags` are kept: they may matter.
pub fn email(text: &str) -> Result<String, IdentError> {
    let err = || IdentError::Email(text.to_owned());
    let s = text.trim().to_lowercase();
    let s = s.strip_prefix("mailto:").unwrap_or(&s);
    let (local, domain) = s.split_once('@').ok_or_else(err)?;
    let domain = domain.trim_end_matches('.');
    if local.is_empty()
        || domain.contains('@')
        || !domain.contains('.')
        || domain.starts_with('.')
        || domain.contains("..")
        || s.chars().any(char::is_whitespace)
    {
        return Err(err());
    }
    if domain == "gmail.com" || domain == "googlemail.com" {
        let local = local.split('+').next().unwrap_or_default().replace('.', "");
        if local.is_empty() {
            return Err(err());
        }
        return Ok(format!("{local}@gmail.com"));
    }
    Ok(format!("{local}@{domain}"))
}

/// A birth date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    year: u16,
    month: Option<u8>,
    day: Option<u8>,
}

impl PartialDate {
    /// A date; `day` needs `month`, and the day must exist in that month.
    pub fn new(year: u16, month: Option<u8>, day: Option<u8>) -> Option<Self> {
        if !(1000..=9999).contains(&year) {
            return None;
        }
        match (month, day) {
            (None, Some(_)) => return None,
            (Some(m), _) if !(1..=12).contains(&m) => return None,
            (Some(m), Some(d)) if d == 0 || d > days_in_month(year, m) => return None,
            _ => {}
        }
        Some(Self { year, month, day })
    }

    /// Read `YYYY`, `YYYYMMDD`, `YYYY-MM`, `YYYY-MM-DD` (or with `/` or `.`), `DD/MM/YYYY`, `DD.MM.YYYY`,
    /// `DD-MM-YYYY` and `MM/YYYY`, in digits of any script. Day-first, as written in South and
    /// West Asia; `MM/DD/YYYY` is not guessed.
    pub fn parse(text: &str) -> Result<Self, IdentError> {
        let err = || IdentError::Date(text.to_owned());
        let s = ascii_digits(text.trim());
        let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
        let num = |p: &str| -> Result<u16, IdentError> {
            if p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err());
            }
            p.parse().map_err(|_| err())
        };
        let small = |p: &str| -> Result<u8, IdentError> { u8::try_from(num(p)?).map_err(|_| err()) };
        let date = match parts.as_slice() {
            [y] if y.len() == 4 => Self::new(num(y)?, None, None),
            // YYYYMMDD, as many registers and data sets (FEBRL) write it.
            [ymd] if ymd.len() == 8 && ymd.bytes().all(|b| b.is_ascii_digit()) => {
                Self::new(num(&ymd[..4])?, Some(small(&ymd[4..6])?), Some(small(&ymd[6..])?))
            }
            [y, m] if y.len() == 4 => Self::new(num(y)?, Some(small(m)?), None),
            [m, y] if y.len() == 4 => Self::new(num(y)?, Some(small(m)?), None),
            [y, m, d] if y.len() == 4 => Self::new(num(y)?, Some(small(m)?), Some(small(d)?)),
            [d, m, y] if y.len() == 4 => Self::new(num(y)?, Some(small(m)?), Some(small(d)?)),
            _ => None,
        };
        date.ok_or_else(err)
    }

    pub fn year(&self) -> u16 {
        self.year
    }

    pub fn month(&self) -> Option<u8> {
        self.month
    }

    pub fn day(&self) -> Option<u8> {
        self.day
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

// `u16::is_multiple_of` needs Rust 1.87; the workspace declares 1.85.
#[allow(clippy::manual_is_multiple_of)]
fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// How two (partial) dates relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateComparison {
    /// Both known to the same precision and equal.
    Exact,
    /// Equal as far as the less precise one goes (`1985` and `1985-03-14`).
    Compatible,
    /// Full dates whose day and month are swapped (`1985-03-04` and `1985-04-03`): a frequent
    /// data-entry error, worth a look, not an agreement.
    DayMonthSwapped,
    /// The years differ by one and nothing else is known to disagree: ages turned into birth
    /// years are often off by one.
    YearOffByOne,
    /// They disagree.
    Conflict,
}

/// Compare two partial dates; see [`DateComparison`].
pub fn compare_dates(a: PartialDate, b: PartialDate) -> DateComparison {
    if a == b {
        return DateComparison::Exact;
    }
    if a.year == b.year {
        return match ((a.month, a.day), (b.month, b.day)) {
            ((Some(am), Some(ad)), (Some(bm), Some(bd))) if am == bd && ad == bm => {
                DateComparison::DayMonthSwapped
            }
            ((Some(am), _), (Some(bm), _)) if am != bm => DateComparison::Conflict,
            ((Some(_), Some(_)), (Some(_), Some(_))) => DateComparison::Conflict,
            _ => DateComparison::Compatible,
        };
    }
    if a.year.abs_diff(b.year) == 1 && (a.month.is_none() || b.month.is_none()) {
        return DateComparison::YearOffByOne;
    }
    DateComparison::Conflict
}
