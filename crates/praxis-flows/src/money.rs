//! Exact money: integer minor units of an ISO 4217 currency. Never floats.

use std::fmt;

/// An ISO 4217 currency with its number of minor-unit digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency {
    code: [u8; 3],
    exponent: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("`{0}` is not an ISO 4217 currency code")]
    UnknownCurrency(String),
    #[error("`{0}` is not an amount")]
    NotAnAmount(String),
    #[error("`{amount}` has more decimals than {currency} allows ({exponent})")]
    TooPrecise { amount: String, currency: String, exponent: u8 },
    #[error("`{0}` is too large")]
    TooLarge(String),
}

impl Currency {
    pub fn parse(code: &str) -> Result<Currency, MoneyError> {
        let code = code.trim().to_ascii_uppercase();
        let c = iso_currency::Currency::from_code(&code)
            .ok_or_else(|| MoneyError::UnknownCurrency(code.clone()))?;
        // Currencies without minor units in the table (precious metals, special drawing rights)
        // are kept with none.
        let exponent = c.exponent().unwrap_or(0) as u8;
        let b = code.as_bytes();
        Ok(Currency { code: [b[0], b[1], b[2]], exponent })
    }

    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.code).expect("ASCII code")
    }

    /// Digits after the decimal point (2 for USD, 0 for JPY, 3 for KWD).
    pub fn exponent(&self) -> u8 {
        self.exponent
    }

    /// Parses a decimal amount exactly into minor units: "390.94" USD → 39094. Accepts a leading
    /// sign, thousands separators (`,` or `'` or spaces between digit groups) and fewer decimals
    /// than the currency has; refuses more (unless they are zeros), exponents and anything else.
    pub fn parse_amount(&self, text: &str) -> Result<i64, MoneyError> {
        parse_minor(text, self.exponent).map_err(|e| match e {
            MoneyError::TooPrecise { amount, exponent, .. } => {
                MoneyError::TooPrecise { amount, currency: self.code().to_owned(), exponent }
            }
            other => other,
        })
    }

    /// Formats minor units as a decimal string: 12500 USD → "125.00".
    pub fn format(&self, minor: i64) -> String {
        format_minor(minor, self.exponent)
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Parses `text` into an integer scaled by 10^exponent, exactly.
pub fn parse_minor(text: &str, exponent: u8) -> Result<i64, MoneyError> {
    let t = text.trim();
    let bad = || MoneyError::NotAnAmount(text.trim().to_owned());
    let (negative, rest) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let rest = rest.trim();
    let (int_part, frac_part) = match rest.split_once('.') {
        Some((i, f)) => (i, f),
        None => (rest, ""),
    };
    let int_digits: String = int_part.chars().filter(|c| !matches!(c, ',' | '\'' | ' ' | '\u{a0}')).collect();
    if int_digits.is_empty() && frac_part.is_empty() {
        return Err(bad());
    }
    if !int_digits.bytes().all(|b| b.is_ascii_digit()) || !frac_part.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let exp = exponent as usize;
    let frac_trimmed = frac_part.trim_end_matches('0');
    if frac_trimmed.len() > exp {
        return Err(MoneyError::TooPrecise { amount: t.to_owned(), currency: String::new(), exponent });
    }
    let mut value: i128 = 0;
    for b in int_digits.bytes() {
        value = value * 10 + (b - b'0') as i128;
        if value > i64::MAX as i128 {
            return Err(MoneyError::TooLarge(t.to_owned()));
        }
    }
    for i in 0..exp {
        let d = frac_part.as_bytes().get(i).map_or(0, |b| (b - b'0') as i128);
        value = value * 10 + d;
    }
    if value > i64::MAX as i128 {
        return Err(MoneyError::TooLarge(t.to_owned()));
    }
    Ok(if negative { -(value as i64) } else { value as i64 })
}

/// Formats an integer scaled by 10^exponent as a decimal string.
pub fn format_minor(minor: i64, exponent: u8) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    if exponent == 0 {
        return format!("{sign}{abs}");
    }
    let scale = 10u64.pow(exponent as u32);
    format!("{sign}{}.{:0width$}", abs / scale, abs % scale, width = exponent as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_exact() {
        let usd = Currency::parse("usd").unwrap();
        assert_eq!(usd.parse_amount("390.94"), Ok(39094));
        assert_eq!(usd.parse_amount("1,234.5"), Ok(123450));
        assert_eq!(usd.parse_amount("-75"), Ok(-7500));
        assert_eq!(usd.parse_amount("0.10"), Ok(10));
        assert_eq!(usd.parse_amount("2.500"), Ok(250));
        assert!(matches!(usd.parse_amount("2.505"), Err(MoneyError::TooPrecise { .. })));
        assert!(matches!(usd.parse_amount("1e3"), Err(MoneyError::NotAnAmount(_))));
        assert!(matches!(usd.parse_amount(""), Err(MoneyError::NotAnAmount(_))));
        assert_eq!(usd.format(12500), "125.00");
        assert_eq!(usd.format(-5), "-0.05");
        let jpy = Currency::parse("JPY").unwrap();
        assert_eq!(jpy.parse_amount("1200"), Ok(1200));
        assert_eq!(Currency::parse("KWD").unwrap().exponent(), 3);
        assert!(Currency::parse("XYZ").is_err());
        assert_eq!(
            usd.parse_amount("99999999999999999999"),
            Err(MoneyError::TooLarge("99999999999999999999".into()))
        );
    }
}
