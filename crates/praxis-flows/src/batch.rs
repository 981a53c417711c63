//! What importers produce: transactions with their provenance, and diagnostics naming file, line
//! and field. An import is all-or-nothing unless the user asks to skip bad rows.

use rustc_hash::FxHashMap;

use crate::money::Currency;

/// One movement of money, as read from a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transaction {
    /// The source's own transaction id, or `file:line` when it has none.
    pub id: String,
    /// Originator and beneficiary account identifiers, as written in the source (trimmed).
    pub orig: String,
    pub bene: String,
    /// Strictly positive, in minor units of `currency`.
    pub amount: i64,
    pub currency: Currency,
    /// Milliseconds since the Unix epoch, UTC.
    pub timestamp: i64,
    /// Channel or type: TRANSFER, CASH, hawala, mobile money…
    pub channel: String,
    pub reference: String,
    /// Holder names when the source gives them.
    pub orig_holder: String,
    pub bene_holder: String,
    /// Where it came from.
    pub file: String,
    pub line: u64,
}

/// A problem with one row or one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    pub line: u64,
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}: {}", self.file, self.line, self.field, self.message)
    }
}

/// What to do with rows that cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BadRows {
    /// Refuse the whole import (the default).
    #[default]
    Refuse,
    /// Leave them out and list each one.
    Skip,
}

/// The result of reading one source.
#[derive(Debug, Clone, Default)]
pub struct ImportBatch {
    pub transactions: Vec<Transaction>,
    /// Rows that could not be read.
    pub errors: Vec<Diagnostic>,
}

/// An import refused whole, with every diagnostic.
#[derive(Debug, Clone, thiserror::Error)]
#[error("the import was refused: {} unreadable row(s); first: {}", .0.len(), .0.first().map(|d| d.to_string()).unwrap_or_default())]
pub struct Refused(pub Vec<Diagnostic>);

impl ImportBatch {
    /// Applies the bad-row policy: with `Refuse`, any error refuses the batch; with `Skip`, the
    /// readable transactions are kept and `errors` lists every skipped row.
    pub fn finish(self, policy: BadRows) -> Result<ImportBatch, Refused> {
        if !self.errors.is_empty() && policy == BadRows::Refuse {
            return Err(Refused(self.errors));
        }
        Ok(self)
    }
}

/// Identity of a transaction for de-duplication: the source id when there is one, else what the
/// row says (accounts, amount, currency, time, reference).
fn fingerprint(t: &Transaction, has_ids: bool) -> (String, String, String, i64, Currency, i64, String) {
    let id = if has_ids { t.id.clone() } else { String::new() };
    (id, t.orig.clone(), t.bene.clone(), t.amount, t.currency, t.timestamp, t.reference.clone())
}

/// Merges batches, counting each transaction once when the same statement was imported twice or
/// statements overlap. Identical rows within one batch are distinct transactions (two equal cash
/// withdrawals on one day), so the merge keeps, per fingerprint, the largest number of times any
/// one batch holds it. Returns the transactions in input order and how many duplicates were dropped.
pub fn merge(batches: Vec<Vec<Transaction>>, sources_have_ids: bool) -> (Vec<Transaction>, usize) {
    let mut kept_count: FxHashMap<_, usize> = FxHashMap::default();
    let mut out = Vec::new();
    let mut dropped = 0;
    for batch in batches {
        let mut seen_here: FxHashMap<_, usize> = FxHashMap::default();
        for t in batch {
            let fp = fingerprint(&t, sources_have_ids);
            let here = seen_here.entry(fp.clone()).or_insert(0);
            *here += 1;
            let kept = kept_count.entry(fp).or_insert(0);
            if *here > *kept {
                *kept += 1;
                out.push(t);
            } else {
                dropped += 1;
            }
        }
    }
    (out, dropped)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tx(line: u64, amount: i64, day: i64) -> Transaction {
        Transaction {
            id: format!("f:{line}"),
            orig: "A".into(),
            bene: "B".into(),
            amount,
            currency: Currency::parse("USD").unwrap(),
            timestamp: day * 86_400_000,
            channel: String::new(),
            reference: String::new(),
            orig_holder: String::new(),
            bene_holder: String::new(),
            file: "f".into(),
            line,
        }
    }

    #[test]
    fn overlapping_statements_count_once() {
        // January statement: two equal withdrawals on day 3, one on day 5.
        let jan = vec![tx(1, 500, 3), tx(2, 500, 3), tx(3, 700, 5)];
        // A statement overlapping from day 3 to day 9.
        let overlap = vec![tx(1, 500, 3), tx(2, 500, 3), tx(3, 700, 5), tx(4, 900, 9)];
        let (merged, dropped) = merge(vec![jan.clone(), overlap], false);
        assert_eq!(merged.len(), 4);
        assert_eq!(dropped, 3);
        // The same statement twice.
        let (merged, dropped) = merge(vec![jan.clone(), jan], false);
        assert_eq!((merged.len(), dropped), (3, 3));
    }
}
