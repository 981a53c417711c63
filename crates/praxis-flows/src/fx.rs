//! A dated exchange-rate table, for cross-currency figures.
//!
//! The table is CSV with a header `date,from,to,rate`: on `date` (an ISO date, `2024-03-01`),
//! one unit of `from` was worth `rate` units of `to` (`2024-03-01,USD,PKR,279.15`). Rates are
//! exact decimals, kept as integer fractions; no floating point touches money. A transaction is
//! converted at the latest rate dated on or before its day (its UTC date); a `to → from` rate is
//! used inverted when it is the more recent one (or the only one). The converted amount is rounded
//! once, half to even, to the target currency's minor unit, and the rate used is reported.

use std::fmt;
use std::io::Read;

use rustc_hash::FxHashMap;
use time::Date;

use crate::batch::{Diagnostic, Transaction};
use crate::import::{columns, maybe_gzip};
use crate::money::Currency;

/// An exact positive decimal rate: `num / 10^scale`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rate {
    num: i128,
    scale: u32,
}

impl Rate {
    /// Parses a positive decimal (`279.15`, `0.0035842`); no sign, no exponent, at most 18
    /// decimals.
    pub fn parse(text: &str) -> Result<Rate, String> {
        let t = text.trim();
        let bad = || format!("`{t}` is not a positive decimal rate");
        let (int, frac) = t.split_once('.').unwrap_or((t, ""));
        if (int.is_empty() && frac.is_empty())
            || !int.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(bad());
        }
        let frac = frac.trim_end_matches('0');
        if frac.len() > 18 || int.trim_start_matches('0').len() > 18 {
            return Err(format!("`{t}` has too many digits (at most 18 before and 18 after the point)"));
        }
        let num: i128 = format!("{int}{frac}").parse().map_err(|_| bad())?;
        if num == 0 {
            return Err(format!("`{t}` is zero"));
        }
        Ok(Rate { num, scale: frac.len() as u32 })
    }

    fn den(&self) -> i128 {
        10i128.pow(self.scale)
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.num.to_string();
        let scale = self.scale as usize;
        if scale == 0 {
            return f.write_str(&s);
        }
        let padded = format!("{s:0>width$}", width = scale + 1);
        let (i, fr) = padded.split_at(padded.len() - scale);
        write!(f, "{i}.{fr}")
    }
}

#[derive(Debug, Clone)]
struct Entry {
    date: Date,
    rate: Rate,
}

/// The rate a conversion used, as the table states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsedRate {
    /// The table's row: on `date`, one `from` was worth `rate` `to`.
    pub date: Date,
    pub from: Currency,
    pub to: Currency,
    pub rate: Rate,
    /// The table gave the opposite pair, so the rate was used inverted.
    pub inverted: bool,
}

impl fmt::Display for UsedRate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "1 {} = {} {} on {}", self.from, self.rate, self.to, self.date)?;
        if self.inverted {
            f.write_str(" (inverted)")?;
        }
        Ok(())
    }
}

/// An amount converted, with the rate used (`None` when the currencies were the same).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversion {
    pub amount: i64,
    pub original_amount: i64,
    pub original_currency: Currency,
    pub rate: Option<UsedRate>,
}

/// Why a table could not be read.
#[derive(Debug, thiserror::Error)]
pub enum RatesError {
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error("the exchange-rate table has {} unreadable row(s); first: {}", .0.len(), .0.first().map(|d| d.to_string()).unwrap_or_default())]
    Rows(Vec<Diagnostic>),
}

/// Why one amount could not be converted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConvertError {
    #[error("no {from}→{to} rate (nor {to}→{from}) on or before {date}")]
    NoRate { from: Currency, to: Currency, date: Date },
    #[error("{0} is too large to convert")]
    Overflow(String),
    #[error("{amount} {from} is less than half a minor unit of {to} at {rate}")]
    RoundsToZero { amount: String, from: Currency, to: Currency, rate: String },
}

/// Exchange rates by currency pair, each list sorted by date.
#[derive(Debug, Clone, Default)]
pub struct RateTable {
    pairs: FxHashMap<(Currency, Currency), Vec<Entry>>,
    /// Where the table came from, for messages.
    pub file: String,
}

impl RateTable {
    /// Reads `date,from,to,rate` CSV (plain or gzipped). Any bad row refuses the table: a rate is
    /// not a row to skip.
    pub fn read<R: Read>(reader: R, file: &str) -> Result<RateTable, RatesError> {
        let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(maybe_gzip(reader)?);
        let diag = |line: u64, field: &str, message: String| Diagnostic {
            file: file.to_owned(),
            line,
            field: field.to_owned(),
            message,
        };
        let headers =
            rdr.headers().map_err(|e| RatesError::Rows(vec![diag(1, "header", e.to_string())]))?.clone();
        let [c_date, c_from, c_to, c_rate] = columns(&headers, ["date", "from", "to", "rate"])
            .map_err(|m| RatesError::Rows(vec![diag(1, "header", m)]))?;
        let mut table = RateTable { pairs: FxHashMap::default(), file: file.to_owned() };
        let mut errors = Vec::new();
        let mut seen: FxHashMap<(Currency, Currency, Date), (Rate, u64)> = FxHashMap::default();
        let mut record = csv::StringRecord::new();
        let date_format = time::macros::format_description!("[year]-[month]-[day]");
        loop {
            let line = rdr.position().line();
            match rdr.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    errors.push(diag(line, "row", e.to_string()));
                    continue;
                }
            }
            let line = record.position().map_or(line, |p| p.line());
            let get = |c: usize| record.get(c).map(str::trim).unwrap_or("");
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            let date = match Date::parse(get(c_date), date_format) {
                Ok(d) => d,
                Err(_) => {
                    errors.push(diag(
                        line,
                        "date",
                        format!("`{}` is not an ISO date (2024-03-01)", get(c_date)),
                    ));
                    continue;
                }
            };
            let from = match Currency::parse(get(c_from)) {
                Ok(c) => c,
                Err(e) => {
                    errors.push(diag(line, "from", e.to_string()));
                    continue;
                }
            };
            let to = match Currency::parse(get(c_to)) {
                Ok(c) => c,
                Err(e) => {
                    errors.push(diag(line, "to", e.to_string()));
                    continue;
                }
            };
            if from == to {
                errors.push(diag(line, "to", format!("a rate from {from} to itself")));
                continue;
            }
            let rate = match Rate::parse(get(c_rate)) {
                Ok(r) => r,
                Err(m) => {
                    errors.push(diag(line, "rate", m));
                    continue;
                }
            };
            if let Some((earlier, at)) = seen.get(&(from, to, date)) {
                if *earlier != rate {
                    errors.push(diag(
                        line,
                        "rate",
                        format!("{from}→{to} on {date} is already {earlier} (line {at}); which one holds?"),
                    ));
                }
                continue;
            }
            seen.insert((from, to, date), (rate.clone(), line));
            table.pairs.entry((from, to)).or_default().push(Entry { date, rate });
        }
        if !errors.is_empty() {
            return Err(RatesError::Rows(errors));
        }
        for v in table.pairs.values_mut() {
            v.sort_by_key(|e| e.date);
        }
        Ok(table)
    }

    /// Adds a rate (for callers that build a table in memory).
    pub fn insert(&mut self, date: Date, from: Currency, to: Currency, rate: Rate) {
        let v = self.pairs.entry((from, to)).or_default();
        let at = v.partition_point(|e| e.date <= date);
        if at > 0 && v[at - 1].date == date {
            v[at - 1].rate = rate;
        } else {
            v.insert(at, Entry { date, rate });
        }
    }

    fn latest(&self, from: Currency, to: Currency, day: Date) -> Option<&Entry> {
        let v = self.pairs.get(&(from, to))?;
        let at = v.partition_point(|e| e.date <= day);
        at.checked_sub(1).map(|i| &v[i])
    }

    /// The rate for converting `from` into `to` on `day`: the latest dated on or before it, direct
    /// or inverted (the more recent wins; on the same day, the direct one).
    pub fn rate(&self, from: Currency, to: Currency, day: Date) -> Option<UsedRate> {
        let direct = self.latest(from, to, day);
        let inverse = self.latest(to, from, day);
        match (direct, inverse) {
            (Some(d), Some(i)) if i.date > d.date => {
                Some(UsedRate { date: i.date, from: to, to: from, rate: i.rate.clone(), inverted: true })
            }
            (Some(d), _) => Some(UsedRate { date: d.date, from, to, rate: d.rate.clone(), inverted: false }),
            (None, Some(i)) => {
                Some(UsedRate { date: i.date, from: to, to: from, rate: i.rate.clone(), inverted: true })
            }
            (None, None) => None,
        }
    }

    /// Converts `amount` minor units of `from` at the time `timestamp_ms` into minor units of `to`,
    /// rounding half to even once.
    pub fn convert(
        &self,
        amount: i64,
        from: Currency,
        to: Currency,
        timestamp_ms: i64,
    ) -> Result<Conversion, ConvertError> {
        let mut c = Conversion { amount, original_amount: amount, original_currency: from, rate: None };
        if from == to {
            return Ok(c);
        }
        let day = utc_date(timestamp_ms);
        let used = self.rate(from, to, day).ok_or(ConvertError::NoRate { from, to, date: day })?;
        // amount / 10^e_from × rate × 10^e_to, with rate = num / den (or den / num inverted).
        let (mut n, mut d) =
            if used.inverted { (used.rate.den(), used.rate.num) } else { (used.rate.num, used.rate.den()) };
        let (ef, et) = (from.exponent() as u32, to.exponent() as u32);
        let overflow = || ConvertError::Overflow(format!("{} {from}", from.format(amount)));
        if et >= ef {
            n = n.checked_mul(10i128.pow(et - ef)).ok_or_else(overflow)?;
        } else {
            d = d.checked_mul(10i128.pow(ef - et)).ok_or_else(overflow)?;
        }
        let product = (amount as i128).checked_mul(n).ok_or_else(overflow)?;
        let converted = div_half_even(product, d);
        let converted = i64::try_from(converted).map_err(|_| overflow())?;
        if converted == 0 && amount != 0 {
            return Err(ConvertError::RoundsToZero {
                amount: from.format(amount),
                from,
                to,
                rate: used.to_string(),
            });
        }
        c.amount = converted;
        c.rate = Some(used);
        Ok(c)
    }

    /// Whether the table holds no rate.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }
}

/// `n / d` rounded half to even (`d > 0`).
pub fn div_half_even(n: i128, d: i128) -> i128 {
    debug_assert!(d > 0);
    let q = n.div_euclid(d);
    let r = n.rem_euclid(d);
    match (2 * r).cmp(&d) {
        std::cmp::Ordering::Less => q,
        std::cmp::Ordering::Greater => q + 1,
        std::cmp::Ordering::Equal => q + (q & 1),
    }
}

/// The UTC calendar day of a timestamp.
pub fn utc_date(timestamp_ms: i64) -> Date {
    time::OffsetDateTime::from_unix_timestamp_nanos(timestamp_ms as i128 * 1_000_000)
        .map(|t| t.date())
        .unwrap_or(Date::MIN)
}

/// Converts every transaction into `to`, all or nothing: either every amount converts, or each
/// one that cannot is returned as a diagnostic naming its file and line. Returns, per
/// transaction, the original amount and currency and the rate used.
pub fn convert_all(
    txs: &mut [Transaction],
    table: &RateTable,
    to: Currency,
) -> Result<Vec<Conversion>, Vec<Diagnostic>> {
    let mut out = Vec::with_capacity(txs.len());
    let mut errors = Vec::new();
    for t in txs.iter() {
        match table.convert(t.amount, t.currency, to, t.timestamp) {
            Ok(c) => out.push(c),
            Err(e) => errors.push(Diagnostic {
                file: t.file.clone(),
                line: t.line,
                field: "currency".into(),
                message: if table.file.is_empty() { e.to_string() } else { format!("{e} in {}", table.file) },
            }),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    for (t, c) in txs.iter_mut().zip(&out) {
        t.amount = c.amount;
        t.currency = to;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_even() {
        assert_eq!(div_half_even(5, 2), 2);
        assert_eq!(div_half_even(7, 2), 4);
        assert_eq!(div_half_even(-5, 2), -2);
        assert_eq!(div_half_even(-7, 2), -4);
        assert_eq!(div_half_even(11, 10), 1);
        assert_eq!(div_half_even(16, 10), 2);
    }

    #[test]
    fn rates_print_as_written() {
        for s in ["279.15", "0.0035842", "1", "12.5"] {
            assert_eq!(Rate::parse(s).unwrap().to_string(), s);
        }
        assert_eq!(Rate::parse("1.50").unwrap().to_string(), "1.5");
        assert!(Rate::parse("-1").is_err() && Rate::parse("0").is_err() && Rate::parse("1e3").is_err());
    }
}
