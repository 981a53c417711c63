//! The normalised form of imported transactions: CSV with integer minor units and millisecond
//! timestamps, so that a stored dataset reloads exactly. Readers and writers take any
//! `Read`/`Write`; the platform stores it gzip-compressed.

use std::io::{Read, Write};

use crate::batch::Transaction;
use crate::money::Currency;

const HEADER: [&str; 12] = [
    "id",
    "time_ms",
    "orig",
    "bene",
    "amount_minor",
    "currency",
    "channel",
    "reference",
    "orig_holder",
    "bene_holder",
    "source_file",
    "source_line",
];

pub fn write<W: Write>(w: W, transactions: &[Transaction]) -> csv::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(HEADER)?;
    for t in transactions {
        out.write_record([
            t.id.as_str(),
            &t.timestamp.to_string(),
            &t.orig,
            &t.bene,
            &t.amount.to_string(),
            t.currency.code(),
            &t.channel,
            &t.reference,
            &t.orig_holder,
            &t.bene_holder,
            &t.file,
            &t.line.to_string(),
        ])?;
    }
    out.flush()?;
    Ok(())
}

/// Reads what [`write`] wrote. Any deviation is an error: this is stored data, not user input.
pub fn read<R: Read>(r: R) -> Result<Vec<Transaction>, String> {
    let mut rdr = csv::Reader::from_reader(r);
    let mut out = Vec::new();
    let mut currencies: Vec<Currency> = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| e.to_string())?;
        let bad = |f: &str| format!("normalised row {}: bad {f}", i + 2);
        let code = rec.get(5).ok_or_else(|| bad("currency"))?;
        let currency = match currencies.iter().find(|c| c.code() == code) {
            Some(c) => *c,
            None => {
                let c = Currency::parse(code).map_err(|_| bad("currency"))?;
                currencies.push(c);
                c
            }
        };
        out.push(Transaction {
            id: rec.get(0).unwrap_or_default().to_owned(),
            timestamp: rec.get(1).and_then(|v| v.parse().ok()).ok_or_else(|| bad("time_ms"))?,
            orig: rec.get(2).unwrap_or_default().to_owned(),
            bene: rec.get(3).unwrap_or_default().to_owned(),
            amount: rec.get(4).and_then(|v| v.parse().ok()).ok_or_else(|| bad("amount_minor"))?,
            currency,
            channel: rec.get(6).unwrap_or_default().to_owned(),
            reference: rec.get(7).unwrap_or_default().to_owned(),
            orig_holder: rec.get(8).unwrap_or_default().to_owned(),
            bene_holder: rec.get(9).unwrap_or_default().to_owned(),
            file: rec.get(10).unwrap_or_default().to_owned(),
            line: rec.get(11).and_then(|v| v.parse().ok()).unwrap_or(0),
        });
    }
    Ok(out)
}
