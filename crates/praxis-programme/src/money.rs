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
    #[error("cannot add {0} and {1}: different currencies")]
    CurrencyMismatch(Currency, Currency),
    #[error("the sum overflows")]
    Overflow,
}

impl Currency {
    /// Parses an ISO 4217 code ("USD", "eur").
    pub fn parse(code: &str) -> Result<Currency, MoneyError> {
        let code = code.trim().to_ascii_uppercase();
        let c = iso_currency::Currency::from_code(&code)
            .ok_or_else(|| MoneyError::UnknownCurrency(code.clone()))?;
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

/// An amount of money: integer minor units of one currency.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Money {
    pub minor: i64,
    pub currency: Currency,
}

impl Money {
    pub fn new(minor: i64, currency: Currency) -> Money {
        Money { minor, currency }
    }

    /// The amount as a decimal string without grouping: 1250000 USD → "12500.00".
    pub fn decimal(&self) -> String {
        let e = self.currency.exponent as u32;
        let neg = self.minor < 0;
        let abs = self.minor.unsigned_abs();
        let body = if e == 0 {
            abs.to_string()
        } else {
            let p = 10u64.pow(e);
            format!("{}.{:0width$}", abs / p, abs % p, width = e as usize)
        };
        if neg {
            format!("-{body}")
        } else {
            body
        }
    }

    /// Adds two amounts of the same currency.
    pub fn checked_add(self, other: Money) -> Result<Money, MoneyError> {
        if self.currency != other.currency {
            return Err(MoneyError::CurrencyMismatch(self.currency, other.currency));
        }
        let minor = self.minor.checked_add(other.minor).ok_or(MoneyError::Overflow)?;
        Ok(Money { minor, currency: self.currency })
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.decimal(), self.currency)
    }
}
