//! Generic CSV read through a [`Profile`]: bank statements, transfer lists, hawala ledgers.
//!
//! Each row becomes one transaction, or more when the profile says so (a fee paid to an
//! intermediary; originator → intermediary → beneficiary legs). A row that cannot be read is a
//! diagnostic naming the file, the line and the profile's column. In a one-account statement
//! with `amount.check_balance`, each row's running balance must follow from the one before
//! (statements listed newest first are recognised); a row where it does not is reported, since a
//! row before it is missing or misread.

use std::borrow::Cow;
use std::io::Read;

use rustc_hash::FxHashMap;

use crate::batch::{Diagnostic, ImportBatch, Transaction};
use crate::import::profile::{Accounts, AmountRule, Cols, Fixed, Own, Profile, ProfileError};
use crate::import::zone::read_timestamp;
use crate::import::{maybe_gzip, LineIndex};
use crate::money::{Currency, MoneyError};

/// Why nothing could be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error("profile: {0}")]
    Profile(#[from] ProfileError),
}

/// How many rows `csv.find_header` looks through.
const HEADER_SEARCH_ROWS: usize = 50;

pub fn read<R: Read>(reader: R, file: &str, profile: &Profile) -> Result<ImportBatch, ReadError> {
    if profile.needs_account() {
        return Err(ProfileError {
            key: "accounts.own".into(),
            message: format!(
                "profile {profile} reads a one-account statement: give the statement's own account (--account ID, or `accounts.own` in the profile)"
            ),
        }
        .into());
    }
    let mut batch = ImportBatch::default();
    let diag = |line: u64, field: &str, message: String| Diagnostic {
        file: file.to_owned(),
        line,
        field: field.to_owned(),
        message,
    };
    // Held in memory so that every row's line is exact (the CSV reader skips blank lines and
    // multi-line quoted fields span several).
    let mut bytes = Vec::new();
    maybe_gzip(reader)?.read_to_end(&mut bytes)?;
    let lines = LineIndex::new(&bytes);
    let mut start = 0usize;
    for _ in 0..profile.skip_rows {
        match bytes[start..].iter().position(|&b| b == b'\n') {
            Some(i) => start += i + 1,
            None => start = bytes.len(),
        }
    }
    let line_at = |pos: &csv::Position| -> u64 {
        let mut b = start + pos.byte() as usize;
        while b < bytes.len() && matches!(bytes[b], b'\n' | b'\r') {
            b += 1;
        }
        lines.line(b as u64)
    };
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(profile.delimiter)
        .quote(profile.quote)
        .has_headers(false)
        .flexible(true)
        .from_reader(&bytes[start..]);

    // Column positions, by lower-cased name.
    let mut index: FxHashMap<String, usize> = FxHashMap::default();
    let referenced = profile.referenced();
    let mut record = csv::StringRecord::new();
    if profile.header {
        let mut header_line = None;
        let mut first: Option<(u64, csv::StringRecord)> = None;
        for _ in 0..if profile.find_header { HEADER_SEARCH_ROWS } else { 1 } {
            let line = line_at(rdr.position());
            match rdr.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    batch.errors.push(diag(line, "header", e.to_string()));
                    return Ok(batch);
                }
            }
            let line = record.position().map_or(line, line_at);
            let names: Vec<String> = record.iter().map(header_key).collect();
            if first.is_none() {
                first = Some((line, record.clone()));
            }
            if referenced.iter().all(|c| c.names.iter().all(|n| names.contains(&n.to_lowercase()))) {
                header_line = Some(line);
                break;
            }
        }
        let Some((first_line, first_record)) = first else {
            batch.errors.push(diag(lines.line(start as u64), "header", "the file is empty".into()));
            return Ok(batch);
        };
        let header = if header_line.is_some() { record.clone() } else { first_record };
        for (i, h) in header.iter().enumerate() {
            index.entry(header_key(h)).or_insert(i);
        }
        if header_line.is_none() {
            let missing: Vec<String> = referenced
                .iter()
                .flat_map(|c| c.names.iter().map(move |n| (n, &c.key)))
                .filter(|(n, _)| !index.contains_key(&n.to_lowercase()))
                .map(|(n, k)| format!("`{n}` ({k})"))
                .collect();
            let where_ = if profile.find_header {
                format!("no row among the first {HEADER_SEARCH_ROWS} is a header with every column the profile reads; line {first_line} lacks")
            } else {
                "the header lacks".to_owned()
            };
            batch.errors.push(diag(first_line, "header", format!("{where_} {}", missing.join(", "))));
            return Ok(batch);
        }
    } else {
        for (i, h) in profile.column_names.iter().enumerate() {
            index.entry(h.to_lowercase()).or_insert(i);
        }
    }
    let cols = |c: &Cols| -> Vec<usize> { c.names.iter().map(|n| index[&n.to_lowercase()]).collect() };
    let resolved = Resolved::new(profile, &cols);

    let mut balances: Vec<BalanceRow> = Vec::new();
    loop {
        let line = line_at(rdr.position());
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                batch.errors.push(diag(line, "row", e.to_string()));
                continue;
            }
        }
        let line = record.position().map_or(line, line_at);
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let row = Row { record: &record, line, file, profile, r: &resolved };
        let skip =
            resolved.skip.iter().any(|(ix, values)| values.contains(&row.get(ix).trim().to_uppercase()));
        let currency = row.currency();
        let balance = match (&resolved.balance, profile.check_balance, &currency) {
            (Some(ix), true, Ok(c)) => match row.get(ix) {
                t if t.trim().is_empty() => Ok(None),
                t => parse_money(&t, *c, profile, true).map(Some).map_err(|m| (resolved.balance_field(), m)),
            },
            _ => Ok(None),
        };
        if skip {
            // A row that is not a transaction (opening or closing balance) moves nothing.
            balances.push(BalanceRow { line, movement: Some(0), balance: balance.unwrap_or(None) });
            continue;
        }
        let result = currency.and_then(|c| {
            let bal = balance.clone()?;
            row.transactions(c).map(|(txs, movement)| (txs, movement, bal))
        });
        match result {
            Ok((txs, movement, balance)) => {
                balances.push(BalanceRow { line, movement, balance });
                batch.transactions.extend(txs);
            }
            Err((field, message)) => {
                balances.push(BalanceRow { line, movement: None, balance: balance.unwrap_or(None) });
                batch.errors.push(diag(line, &field, message));
            }
        }
    }

    if profile.check_balance {
        let currency_of = |line: u64| batch.transactions.iter().find(|t| t.line == line).map(|t| t.currency);
        let ascending = check_balances(balances.iter());
        let descending = check_balances(balances.iter().rev());
        let mismatches = if descending.len() < ascending.len() { descending } else { ascending };
        if !mismatches.is_empty() {
            let field = resolved.balance_field();
            for m in &mismatches {
                let fmt = |v: i64| currency_of(m.line).map_or_else(|| v.to_string(), |c| c.format(v));
                batch.errors.push(diag(
                    m.line,
                    &field,
                    format!(
                        "the balance {} does not follow from the balance before it and this row's amount (expected {}): a row before it is missing or misread",
                        fmt(m.found),
                        fmt(m.expected)
                    ),
                ));
            }
            let bad: Vec<u64> = mismatches.iter().map(|m| m.line).collect();
            batch.transactions.retain(|t| !bad.contains(&t.line));
            batch.errors.sort_by_key(|d| d.line);
        }
    }
    Ok(batch)
}

fn header_key(h: &str) -> String {
    h.trim().trim_start_matches('\u{feff}').trim().to_lowercase()
}

/// Column positions for everything the profile reads.
struct Resolved {
    date: Vec<usize>,
    time: Option<Vec<usize>>,
    amount: ResolvedAmount,
    currency: Option<Vec<usize>>,
    fee: Option<Vec<usize>>,
    balance: Option<Vec<usize>>,
    balance_name: String,
    orig: Vec<usize>,
    bene: Vec<usize>,
    orig_name: Option<Vec<usize>>,
    bene_name: Option<Vec<usize>>,
    via: Option<Vec<usize>>,
    own: Option<Vec<usize>>,
    id: Option<Vec<usize>>,
    reference: Option<Vec<usize>>,
    channel: Option<Vec<usize>>,
    skip: Vec<(Vec<usize>, Vec<String>)>,
}

enum ResolvedAmount {
    Signed(Vec<usize>),
    DebitCredit(Vec<usize>, Vec<usize>),
    Direction(Vec<usize>, Vec<usize>),
}

impl Resolved {
    fn new(p: &Profile, cols: &dyn Fn(&Cols) -> Vec<usize>) -> Resolved {
        let opt = |c: &Option<Cols>| c.as_ref().map(cols);
        fn fixed<T>(f: &Fixed<T>, cols: &dyn Fn(&Cols) -> Vec<usize>) -> Option<Vec<usize>> {
            match f {
                Fixed::Column(c) => Some(cols(c)),
                _ => None,
            }
        }
        let (orig, bene, orig_name, bene_name, via, own) = match &p.accounts {
            Accounts::TwoParty {
                originator,
                beneficiary,
                originator_name,
                beneficiary_name,
                intermediary,
                ..
            } => (
                cols(originator),
                cols(beneficiary),
                opt(originator_name),
                opt(beneficiary_name),
                opt(intermediary),
                None,
            ),
            Accounts::Statement { own, counterparty, counterparty_name, .. } => (
                cols(counterparty),
                Vec::new(),
                opt(counterparty_name),
                None,
                None,
                match own {
                    Own::Column(c) => Some(cols(c)),
                    _ => None,
                },
            ),
        };
        Resolved {
            date: cols(&p.date),
            time: opt(&p.time),
            amount: match &p.amount {
                AmountRule::Signed { column, .. } => ResolvedAmount::Signed(cols(column)),
                AmountRule::DebitCredit { debit, credit } => {
                    ResolvedAmount::DebitCredit(cols(debit), cols(credit))
                }
                AmountRule::Direction { column, direction, .. } => {
                    ResolvedAmount::Direction(cols(column), cols(direction))
                }
            },
            currency: fixed(&p.currency, cols),
            fee: opt(&p.fee),
            balance: opt(&p.balance),
            balance_name: p.balance.as_ref().map(|c| c.field().to_owned()).unwrap_or_default(),
            orig,
            bene,
            orig_name,
            bene_name,
            via,
            own,
            id: opt(&p.id),
            reference: opt(&p.reference),
            channel: fixed(&p.channel, cols),
            skip: p.skip.iter().map(|s| (cols(&s.column), s.values.clone())).collect(),
        }
    }

    fn balance_field(&self) -> String {
        self.balance_name.clone()
    }
}

type RowError = (String, String);

struct Row<'a> {
    record: &'a csv::StringRecord,
    line: u64,
    file: &'a str,
    profile: &'a Profile,
    r: &'a Resolved,
}

/// Direction of a statement row relative to the statement's own account.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Flow {
    In,
    Out,
}

impl<'a> Row<'a> {
    /// The columns' non-empty values, joined with " / ".
    fn get(&self, ix: &[usize]) -> Cow<'a, str> {
        if let [i] = ix {
            return Cow::Borrowed(self.record.get(*i).map(str::trim).unwrap_or(""));
        }
        let parts: Vec<&str> =
            ix.iter().filter_map(|&i| self.record.get(i)).map(str::trim).filter(|s| !s.is_empty()).collect();
        Cow::Owned(parts.join(" / "))
    }

    fn get_opt(&self, ix: &Option<Vec<usize>>) -> String {
        ix.as_ref().map(|ix| self.get(ix).into_owned()).unwrap_or_default()
    }

    fn currency(&self) -> Result<Currency, RowError> {
        match (&self.profile.currency, &self.r.currency) {
            (Fixed::Value(c), _) => Ok(*c),
            (Fixed::Column(c), Some(ix)) => {
                let text = self.get(ix);
                if text.is_empty() {
                    return Err((c.field().to_owned(), "is empty".into()));
                }
                Currency::parse(&text).map_err(|e| (c.field().to_owned(), e.to_string()))
            }
            _ => unreachable!("a profile always has a currency"),
        }
    }

    /// The value of columns whose first one must not be empty (the others qualify it, as a city
    /// qualifies a name).
    fn required(&self, ix: &[usize], c: &Cols) -> Result<String, RowError> {
        if self.get(&ix[..1]).is_empty() {
            Err((c.field().to_owned(), "is empty".into()))
        } else {
            Ok(self.get(ix).into_owned())
        }
    }

    /// The row's transactions and, in a statement, its signed movement of the own account.
    fn transactions(&self, currency: Currency) -> Result<(Vec<Transaction>, Option<i64>), RowError> {
        let p = self.profile;
        let r = self.r;
        // Date and time.
        let mut when = self.get(&r.date).into_owned();
        if when.is_empty() {
            return Err((p.date.field().to_owned(), "is empty".into()));
        }
        if let Some(t) = &r.time {
            let t = self.get(t);
            if !t.is_empty() {
                when.push(' ');
                when.push_str(&t);
            }
        }
        let timestamp = read_timestamp(&when, &p.formats, p.zone).ok_or_else(|| {
            let expected = if p.formats.is_empty() {
                "an RFC 3339 or ISO date-time, or a dd/mm/yyyy or dd.mm.yyyy date".to_owned()
            } else {
                p.formats.iter().map(|f| format!("`{}`", f.as_str())).collect::<Vec<_>>().join(" or ")
            };
            (p.date.field().to_owned(), format!("`{when}` is not a date as expected ({expected})"))
        })?;
        // Amount and direction.
        let (amount, flow) = self.amount(currency)?;
        let id = match (&r.id, &p.id) {
            (Some(ix), Some(c)) => self.required(ix, c)?,
            _ => format!("{}:{}", self.file, self.line),
        };
        let reference = self.get_opt(&r.reference);
        let base_channel = match &p.channel {
            Fixed::Value(v) => v.clone(),
            Fixed::Column(_) => self.get_opt(&r.channel),
            Fixed::None => String::new(),
        };
        let tx = |id: String, orig: &str, bene: &str, amount: i64, channel: String, oh: &str, bh: &str| {
            Transaction {
                id,
                orig: orig.to_owned(),
                bene: bene.to_owned(),
                amount,
                currency,
                timestamp,
                channel,
                reference: reference.clone(),
                orig_holder: oh.to_owned(),
                bene_holder: bh.to_owned(),
                file: self.file.to_owned(),
                line: self.line,
            }
        };
        match &p.accounts {
            Accounts::Statement { own, own_name, counterparty, counterparty_prefixes, .. } => {
                let own = match (own, &r.own) {
                    (Own::Fixed(a), _) => a.clone(),
                    (Own::Column(c), Some(ix)) => self.required(ix, c)?,
                    _ => unreachable!("checked before reading"),
                };
                let mut cp = self.get(&r.orig).into_owned();
                for prefix in counterparty_prefixes {
                    let n = prefix.len();
                    if cp.len() > n && cp.is_char_boundary(n) && cp[..n].to_uppercase() == *prefix {
                        cp = cp[n..].trim().to_owned();
                        break;
                    }
                }
                if cp.is_empty() {
                    return Err((
                        counterparty.field().to_owned(),
                        "is empty: the counterparty is not known".into(),
                    ));
                }
                let cp_name = self.get_opt(&r.orig_name);
                let flow = flow.expect("statements have a direction");
                let t = match flow {
                    Flow::Out => tx(id, &own, &cp, amount, base_channel, own_name, &cp_name),
                    Flow::In => tx(id, &cp, &own, amount, base_channel, &cp_name, own_name),
                };
                let movement = if flow == Flow::In { amount } else { -amount };
                Ok((vec![t], Some(movement)))
            }
            Accounts::TwoParty { originator, beneficiary, intermediary, legs, .. } => {
                let mut orig = self.required(&r.orig, originator)?;
                let mut bene = self.required(&r.bene, beneficiary)?;
                let mut oh = self.get_opt(&r.orig_name);
                let mut bh = self.get_opt(&r.bene_name);
                if flow == Some(Flow::In) {
                    // A negative amount between two parties is a reversal.
                    std::mem::swap(&mut orig, &mut bene);
                    std::mem::swap(&mut oh, &mut bh);
                }
                let fee = self.fee(currency)?;
                let via = self.get_opt(&r.via);
                let via_holder = r.via.as_ref().map(|ix| self.get(&ix[..1]).into_owned()).unwrap_or_default();
                if via.is_empty() && (*legs || fee > 0) {
                    let c = intermediary.as_ref().expect("fee and legs need an intermediary");
                    return Err((
                        c.field().to_owned(),
                        if *legs {
                            "is empty: the intermediary is needed for the legs"
                        } else {
                            "is empty: who received the fee?"
                        }
                        .into(),
                    ));
                }
                let mut out = Vec::with_capacity(3);
                if *legs {
                    out.push(tx(
                        format!("{id}/1"),
                        &orig,
                        &via,
                        amount,
                        base_channel.clone(),
                        &oh,
                        &via_holder,
                    ));
                    out.push(tx(
                        format!("{id}/2"),
                        &via,
                        &bene,
                        amount,
                        base_channel.clone(),
                        &via_holder,
                        &bh,
                    ));
                } else {
                    let channel = match (base_channel.is_empty(), via.is_empty()) {
                        (_, true) => base_channel.clone(),
                        (true, false) => via.clone(),
                        (false, false) => format!("{base_channel}:{via}"),
                    };
                    out.push(tx(id.clone(), &orig, &bene, amount, channel, &oh, &bh));
                }
                if fee > 0 {
                    let channel = if base_channel.is_empty() {
                        "fee".to_owned()
                    } else {
                        format!("{base_channel}:fee")
                    };
                    out.push(tx(format!("{id}/fee"), &orig, &via, fee, channel, &oh, &via_holder));
                }
                Ok((out, None))
            }
        }
    }

    /// The positive amount and, for statements and reversals, its direction: `In` is money into
    /// the own account (or, between two parties, a reversal).
    fn amount(&self, currency: Currency) -> Result<(i64, Option<Flow>), RowError> {
        let p = self.profile;
        let money = |ix: &[usize], c: &Cols| -> Result<Option<i64>, RowError> {
            let t = self.get(ix);
            if t.is_empty() || t == "-" {
                return Ok(None);
            }
            parse_money(&t, currency, p, false).map(Some).map_err(|m| (c.field().to_owned(), m))
        };
        let statement = matches!(p.accounts, Accounts::Statement { .. });
        match (&p.amount, &self.r.amount) {
            (AmountRule::Signed { column, positive_in }, ResolvedAmount::Signed(ix)) => {
                let v =
                    money(ix, column)?.ok_or_else(|| (column.field().to_owned(), "is empty".to_owned()))?;
                if v == 0 {
                    return Err((column.field().to_owned(), "is zero: no money moved".into()));
                }
                let flow = if !statement {
                    (v < 0).then_some(Flow::In)
                } else if (v > 0) == *positive_in {
                    Some(Flow::In)
                } else {
                    Some(Flow::Out)
                };
                Ok((v.abs(), flow))
            }
            (AmountRule::DebitCredit { debit, credit }, ResolvedAmount::DebitCredit(d, c)) => {
                let dv = money(d, debit)?.filter(|&v| v != 0);
                let cv = money(c, credit)?.filter(|&v| v != 0);
                match (dv, cv) {
                    (Some(v), None) => Ok((v.abs(), Some(Flow::Out))),
                    (None, Some(v)) => Ok((v.abs(), Some(Flow::In))),
                    (None, None) => Err((
                        debit.field().to_owned(),
                        format!(
                            "both `{}` and `{}` are empty: no money moved",
                            debit.field(),
                            credit.field()
                        ),
                    )),
                    (Some(_), Some(_)) => Err((
                        debit.field().to_owned(),
                        format!(
                            "both `{}` and `{}` hold an amount: which way did the money go?",
                            debit.field(),
                            credit.field()
                        ),
                    )),
                }
            }
            (
                AmountRule::Direction { column, direction, in_values, out_values },
                ResolvedAmount::Direction(a, dir),
            ) => {
                let v =
                    money(a, column)?.ok_or_else(|| (column.field().to_owned(), "is empty".to_owned()))?;
                if v == 0 {
                    return Err((column.field().to_owned(), "is zero: no money moved".into()));
                }
                let d = self.get(dir).trim().to_uppercase();
                let flow = if in_values.contains(&d) {
                    Flow::In
                } else if out_values.contains(&d) {
                    Flow::Out
                } else {
                    return Err((
                        direction.field().to_owned(),
                        format!(
                            "`{d}` is neither an in value ({}) nor an out value ({})",
                            in_values.join(", "),
                            out_values.join(", ")
                        ),
                    ));
                };
                Ok((v.abs(), Some(flow)))
            }
            _ => unreachable!("resolved from the same profile"),
        }
    }

    fn fee(&self, currency: Currency) -> Result<i64, RowError> {
        let (Some(ix), Some(c)) = (&self.r.fee, &self.profile.fee) else { return Ok(0) };
        let t = self.get(ix);
        if t.is_empty() || t == "-" {
            return Ok(0);
        }
        match parse_money(&t, currency, self.profile, false) {
            Ok(v) if v >= 0 => Ok(v),
            Ok(_) => Err((c.field().to_owned(), format!("`{t}` is negative"))),
            Err(m) => Err((c.field().to_owned(), m)),
        }
    }
}

/// Reads an amount written with the profile's separators; `(1,000.00)` and `1,000.00-` are
/// negative; with `balance`, a trailing `CR` is positive and `DR` negative.
fn parse_money(text: &str, currency: Currency, p: &Profile, balance: bool) -> Result<i64, String> {
    let original = text.trim();
    let mut t = original;
    let mut negative = false;
    if balance {
        let up = t.to_ascii_uppercase();
        if up.ends_with("CR") && t.is_char_boundary(t.len() - 2) {
            t = t[..t.len() - 2].trim_end();
        } else if up.ends_with("DR") && t.is_char_boundary(t.len() - 2) {
            t = t[..t.len() - 2].trim_end();
            negative = true;
        }
    }
    if let Some(inner) = t.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
        t = inner.trim();
        negative = !negative;
    }
    if let Some(rest) = t.strip_suffix('-') {
        t = rest.trim_end();
        negative = !negative;
    }
    let mut s: String = match p.thousands {
        Some(th) => t.chars().filter(|&c| c != th).collect(),
        None => t.to_owned(),
    };
    if p.decimal == ',' {
        s = s.replace(',', ".");
    }
    match currency.parse_amount(&s) {
        Ok(v) => Ok(if negative { -v } else { v }),
        Err(MoneyError::TooPrecise { currency, exponent, .. }) => {
            Err(format!("`{original}` has more decimals than {currency} allows ({exponent})"))
        }
        Err(MoneyError::TooLarge(_)) => Err(format!("`{original}` is too large")),
        Err(_) => Err(format!("`{original}` is not an amount")),
    }
}

struct BalanceRow {
    line: u64,
    /// The own account's signed movement, for rows that were read.
    movement: Option<i64>,
    /// The running balance the row states.
    balance: Option<i64>,
}

struct Mismatch {
    line: u64,
    expected: i64,
    found: i64,
}

/// Rows, in time order, whose stated balance does not follow from the one before.
fn check_balances<'a>(rows: impl Iterator<Item = &'a BalanceRow>) -> Vec<Mismatch> {
    let mut out = Vec::new();
    let mut prev: Option<i64> = None;
    for r in rows {
        prev = match (r.movement, r.balance) {
            (Some(m), Some(b)) => {
                if let Some(p) = prev {
                    if p + m != b {
                        out.push(Mismatch { line: r.line, expected: p + m, found: b });
                    }
                }
                Some(b)
            }
            (Some(m), None) => prev.map(|p| p + m),
            (None, Some(b)) => Some(b),
            (None, None) => None,
        };
    }
    out
}
