//! AMLSim output: `transactions.csv` with `tran_id, orig_acct, bene_acct, tx_type, base_amt,
//! tran_timestamp, is_sar, alert_id` (amounts in USD, timestamps RFC 3339).

use std::io::Read;

use crate::batch::{Diagnostic, ImportBatch, Transaction};
use crate::import::{columns, maybe_gzip};
use crate::money::Currency;
use crate::window::parse_timestamp;

pub fn read<R: Read>(reader: R, file: &str) -> std::io::Result<ImportBatch> {
    let mut batch = ImportBatch::default();
    let usd = Currency::parse("USD").expect("USD");
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(maybe_gzip(reader)?);
    let diag = |line: u64, field: &str, message: String| Diagnostic {
        file: file.to_owned(),
        line,
        field: field.to_owned(),
        message,
    };
    let headers = match rdr.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            batch.errors.push(diag(1, "header", e.to_string()));
            return Ok(batch);
        }
    };
    let cols = match columns(
        &headers,
        ["tran_id", "orig_acct", "bene_acct", "tx_type", "base_amt", "tran_timestamp"],
    ) {
        Ok(c) => c,
        Err(m) => {
            batch.errors.push(diag(1, "header", m));
            return Ok(batch);
        }
    };
    let [c_id, c_orig, c_bene, c_type, c_amt, c_ts] = cols;
    let mut record = csv::StringRecord::new();
    loop {
        let line = rdr.position().line();
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                batch.errors.push(diag(line, "row", e.to_string()));
                continue;
            }
        }
        let line = record.position().map_or(line, |p| p.line());
        let get = |c: usize| record.get(c).map(str::trim).unwrap_or("");
        let (id, orig, bene) = (get(c_id), get(c_orig), get(c_bene));
        let mut bad = |field: &str, msg: String| batch.errors.push(diag(line, field, msg));
        if id.is_empty() {
            bad("tran_id", "is empty".into());
            continue;
        }
        if orig.is_empty() {
            bad("orig_acct", "is empty".into());
            continue;
        }
        if bene.is_empty() {
            bad("bene_acct", "is empty".into());
            continue;
        }
        let amount = match usd.parse_amount(get(c_amt)) {
            Ok(a) if a > 0 => a,
            Ok(_) => {
                bad("base_amt", format!("`{}` is not a positive amount", get(c_amt)));
                continue;
            }
            Err(e) => {
                bad("base_amt", e.to_string());
                continue;
            }
        };
        let Some(timestamp) = parse_timestamp(get(c_ts), time::UtcOffset::UTC) else {
            bad("tran_timestamp", format!("`{}` is not a date and time", get(c_ts)));
            continue;
        };
        batch.transactions.push(Transaction {
            id: id.to_owned(),
            orig: orig.to_owned(),
            bene: bene.to_owned(),
            amount,
            currency: usd,
            timestamp,
            channel: get(c_type).to_owned(),
            reference: String::new(),
            orig_holder: String::new(),
            bene_holder: String::new(),
            file: file.to_owned(),
            line,
        });
    }
    Ok(batch)
}
