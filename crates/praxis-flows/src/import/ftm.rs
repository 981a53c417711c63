//! FollowTheMoney entities as JSON lines (`.ftm`, `.ijson`): one
//! `{"id", "schema", "properties": {name: [values]}}` per line.
//!
//! Each `Payment` becomes a transaction; other entities are read only to resolve references,
//! which may come before or after the payment in the stream:
//! - the payer side is `payerAccount` when given, else `payer` (likewise `beneficiaryAccount`,
//!   `beneficiary`);
//! - a `BankAccount`'s id is its `iban`, else its `accountNumber`, else the entity id; an account
//!   or party that the stream does not hold is known by the id the payment gives;
//! - the holder name is the party's `name` (`payer` / `beneficiary`), else the name of the owner
//!   an `Ownership` (`owner` → `asset`) gives the account;
//! - `amount` in `currency` (else `amountUsd` in USD, else `amountEur` in EUR), exactly;
//! - `date`, else `startDate`, precise to the day at least (FtM allows `2020` or `2020-01`, too
//!   vague to order transactions by); without an offset, local to the zone given;
//! - the transaction id is the Payment's entity id; the reference is `purpose` (else
//!   `transactionNumber`, `description`, `summary`), followed by `programme` when given. FtM has
//!   no payment channel, so the channel is left empty.
//!
//! Property values that are nested entities (objects with an `id`) are read as references and
//! the nested entity is read too. Diagnostics name the line and the property.

use std::io::{BufRead, BufReader, Read};

use rustc_hash::FxHashMap;
use serde_json::Value;

use crate::batch::{Diagnostic, ImportBatch, Transaction};
use crate::import::maybe_gzip;
use crate::import::zone::{read_timestamp, Zone};
use crate::money::Currency;

struct Entity {
    schema: String,
    props: FxHashMap<String, Vec<String>>,
    line: u64,
}

impl Entity {
    fn first(&self, prop: &str) -> &str {
        self.props.get(prop).and_then(|v| v.iter().map(|s| s.trim()).find(|s| !s.is_empty())).unwrap_or("")
    }
}

pub fn read<R: Read>(reader: R, file: &str, zone: Zone) -> std::io::Result<ImportBatch> {
    let mut batch = ImportBatch::default();
    let diag = |line: u64, field: &str, message: String| Diagnostic {
        file: file.to_owned(),
        line,
        field: field.to_owned(),
        message,
    };
    let mut entities: FxHashMap<String, Entity> = FxHashMap::default();
    let mut payments: Vec<String> = Vec::new();
    let mut input = BufReader::new(maybe_gzip(reader)?);
    let mut buf = Vec::new();
    let mut line = 0u64;
    loop {
        buf.clear();
        if input.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        line += 1;
        let text = String::from_utf8_lossy(&buf);
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        let value: Value = match serde_json::from_str(text) {
            Ok(v) => v,
            Err(e) => {
                batch.errors.push(diag(line, "json", e.to_string()));
                continue;
            }
        };
        if let Err((field, message)) = collect(&value, line, &mut entities, &mut payments) {
            batch.errors.push(diag(line, &field, message));
        }
    }
    // Owners of accounts, from Ownership entities.
    let mut owner_of: FxHashMap<&str, &str> = FxHashMap::default();
    for e in entities.values().filter(|e| e.schema == "Ownership") {
        let (owner, asset) = (e.first("owner"), e.first("asset"));
        if !owner.is_empty() && !asset.is_empty() {
            owner_of.entry(asset).or_insert(owner);
        }
    }
    let name_of = |id: &str| entities.get(id).map_or("", |e| e.first("name")).to_owned();
    for id in &payments {
        let p = &entities[id];
        match payment(id, p, &entities, &owner_of, &name_of, file, zone) {
            Ok(t) => batch.transactions.push(t),
            Err((field, message)) => batch.errors.push(diag(p.line, field, message)),
        }
    }
    batch.errors.sort_by_key(|d| d.line);
    Ok(batch)
}

/// Registers an entity (and the entities nested in its properties).
fn collect(
    v: &Value,
    line: u64,
    entities: &mut FxHashMap<String, Entity>,
    payments: &mut Vec<String>,
) -> Result<String, (String, String)> {
    let obj = v.as_object().ok_or_else(|| ("json".to_owned(), "is not a JSON object".to_owned()))?;
    let id = match obj.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_owned(),
        Some(Value::Number(n)) => n.to_string(),
        _ => return Err(("id".into(), "the entity has no id".into())),
    };
    let schema = match obj.get("schema") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_owned(),
        _ => return Err(("schema".into(), format!("entity `{id}` has no schema"))),
    };
    let mut props: FxHashMap<String, Vec<String>> = FxHashMap::default();
    match obj.get("properties") {
        None | Some(Value::Null) => {}
        Some(Value::Object(m)) => {
            for (k, vals) in m {
                let list: Vec<&Value> = match vals {
                    Value::Array(a) => a.iter().collect(),
                    other => vec![other],
                };
                let mut out = Vec::with_capacity(list.len());
                for val in list {
                    match val {
                        Value::String(s) => out.push(s.clone()),
                        Value::Number(n) => out.push(n.to_string()),
                        Value::Bool(b) => out.push(b.to_string()),
                        Value::Object(_) => out.push(collect(val, line, entities, payments)?),
                        Value::Null => {}
                        Value::Array(_) => return Err((k.clone(), "holds a nested list".into())),
                    }
                }
                props.insert(k.clone(), out);
            }
        }
        Some(_) => {
            return Err(("properties".into(), format!("entity `{id}`: `properties` is not an object")))
        }
    }
    if schema == "Payment" && !entities.contains_key(&id) {
        payments.push(id.clone());
    }
    match entities.get_mut(&id) {
        // The same entity in several lines (fragments): merge the properties.
        Some(e) => {
            for (k, v) in props {
                e.props.entry(k).or_default().extend(v);
            }
        }
        None => {
            entities.insert(id.clone(), Entity { schema, props, line });
        }
    }
    Ok(id)
}

type Bad = (&'static str, String);

fn payment(
    id: &str,
    p: &Entity,
    entities: &FxHashMap<String, Entity>,
    owner_of: &FxHashMap<&str, &str>,
    name_of: &dyn Fn(&str) -> String,
    file: &str,
    zone: Zone,
) -> Result<Transaction, Bad> {
    let party = |party: &'static str, account: &'static str| -> Result<(String, String), Bad> {
        let party_id = p.first(party);
        let account_id = p.first(account);
        let holder = if party_id.is_empty() {
            owner_of.get(account_id).map(|o| name_of(o)).unwrap_or_default()
        } else {
            name_of(party_id)
        };
        if !account_id.is_empty() {
            let number = match entities.get(account_id) {
                Some(a)
                    if a.schema == "BankAccount"
                        || a.props.contains_key("iban")
                        || a.props.contains_key("accountNumber") =>
                {
                    [a.first("iban"), a.first("accountNumber")]
                        .into_iter()
                        .find(|s| !s.is_empty())
                        .unwrap_or(account_id)
                }
                _ => account_id,
            };
            return Ok((number.to_owned(), holder));
        }
        if !party_id.is_empty() {
            return Ok((party_id.to_owned(), holder));
        }
        Err((party, format!("payment `{id}` has neither `{party}` nor `{account}`")))
    };
    let (orig, orig_holder) = party("payer", "payerAccount")?;
    let (bene, bene_holder) = party("beneficiary", "beneficiaryAccount")?;

    let (amount, usd, eur) = (p.first("amount"), p.first("amountUsd"), p.first("amountEur"));
    let (amount_prop, amount_text, currency) = if !amount.is_empty() {
        let code = p.first("currency");
        let c = if code.is_empty() {
            Err(("currency", format!("payment `{id}` has an amount but no currency")))
        } else {
            Currency::parse(code).map_err(|e| ("currency", e.to_string()))
        };
        ("amount", amount, c)
    } else if !usd.is_empty() {
        ("amountUsd", usd, Ok(Currency::parse("USD").expect("USD")))
    } else if !eur.is_empty() {
        ("amountEur", eur, Ok(Currency::parse("EUR").expect("EUR")))
    } else {
        return Err(("amount", format!("payment `{id}` has no amount")));
    };
    let currency = currency?;
    let amount = match currency.parse_amount(amount_text) {
        Ok(a) if a > 0 => a,
        Ok(_) => return Err((amount_prop, format!("`{amount_text}` is not a positive amount"))),
        Err(e) => return Err((amount_prop, e.to_string())),
    };
    let (date_prop, when) = match (p.first("date"), p.first("startDate")) {
        ("", "") => return Err(("date", format!("payment `{id}` has no date"))),
        ("", s) => ("startDate", s),
        (d, _) => ("date", d),
    };
    if when.len() < 10 {
        return Err((date_prop, format!("`{when}` is not precise to the day")));
    }
    let timestamp = read_timestamp(when, &[], zone)
        .ok_or_else(|| (date_prop, format!("`{when}` is not a date (FtM dates are ISO 8601)")))?;
    let mut reference = ["purpose", "transactionNumber", "description", "summary"]
        .iter()
        .map(|k| p.first(k))
        .find(|s| !s.is_empty())
        .unwrap_or("")
        .to_owned();
    let programme = match p.first("programme") {
        "" => p.first("programId"),
        x => x,
    };
    if !programme.is_empty() {
        reference = if reference.is_empty() {
            format!("[{programme}]")
        } else {
            format!("{reference} [{programme}]")
        };
    }
    Ok(Transaction {
        id: id.to_owned(),
        orig,
        bene,
        amount,
        currency,
        timestamp,
        channel: String::new(),
        reference,
        orig_holder,
        bene_holder,
        file: file.to_owned(),
        line: p.line,
    })
}
