//! goAML report XML (UNODC), as filed by reporting entities to a financial intelligence unit.
//!
//! Read: `report` → `currency_code_local`, and each `transaction` with `transactionnumber`,
//! `date_transaction`, `amount_local` (or the payer's `from_foreign_currency`), `transmode_code`, `internal_ref_number` /
//! `transaction_description`, and one party on each side: `t_from` or `t_from_my_client` holding
//! `from_account`, `from_person` or `from_entity`, and `t_to` or `t_to_my_client` holding
//! `to_account`, `to_person` or `to_entity`. Namespace prefixes are ignored, element names
//! compared by their local part.
//!
//! Mapping:
//! - each transaction keeps its own currency: when the payer side (`t_from`, `t_from_my_client`)
//!   has `from_foreign_currency`, the amount is its `foreign_amount` in its
//!   `foreign_currency_code` (what left the payer); otherwise `amount_local` in the report's
//!   `currency_code_local`. The report's `foreign_exchange_rate` is not used: figures across
//!   currencies come only from the dated rate table (`fx`). `to_foreign_currency` is not read;
//! - an account's id is its `iban` when given, else its `account` number as written; its holder
//!   is `account_name`, else the `t_entity`'s name, else the first signatory's name;
//! - a person without an account becomes `person:ID` (`ssn`, `id_number` or `passport_number`)
//!   or, with no identifier, `person:FIRST LAST`; an entity becomes `entity:INCORPORATION_NUMBER`
//!   or `entity:NAME`;
//! - `date_transaction` without an offset is local to the zone given (the FIU's);
//! - the channel is `transmode_code`; the reference `internal_ref_number`, else
//!   `transaction_description`.
//!
//! Multi-party transactions (`involved_parties`) and activity reports carry no from/to and are
//! not read: the former are reported as unreadable, the latter yield nothing. Diagnostics name
//! the line of the element at fault and the element as field.

use std::io::Read;

use quick_xml::events::Event;

use crate::batch::{Diagnostic, ImportBatch, Transaction};
use crate::import::zone::{read_timestamp, Zone};
use crate::import::{maybe_gzip, LineIndex as Lines};
use crate::money::Currency;

/// One element: its local name, text, line and children.
#[derive(Debug, Default)]
struct Node {
    name: String,
    text: String,
    line: u64,
    children: Vec<Node>,
}

impl Node {
    fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    /// The trimmed text of a child, empty when absent.
    fn text_of(&self, name: &str) -> &str {
        self.child(name).map_or("", |c| c.text.trim())
    }

    fn line_of(&self, name: &str) -> u64 {
        self.child(name).map_or(self.line, |c| c.line)
    }

    fn descendants<'a>(&'a self, name: &str, out: &mut Vec<&'a Node>) {
        for c in &self.children {
            if c.name == name {
                out.push(c);
            } else {
                c.descendants(name, out);
            }
        }
    }
}

pub fn read<R: Read>(reader: R, file: &str, zone: Zone) -> std::io::Result<ImportBatch> {
    let mut bytes = Vec::new();
    maybe_gzip(reader)?.read_to_end(&mut bytes)?;
    let mut batch = ImportBatch::default();
    let diag = |line: u64, field: &str, message: String| Diagnostic {
        file: file.to_owned(),
        line,
        field: field.to_owned(),
        message,
    };
    let lines = Lines::new(&bytes);
    let (root, error) = parse_tree(&bytes, &lines);
    if let Some((line, message)) = error {
        batch.errors.push(diag(line, "xml", message));
    }
    let mut reports = Vec::new();
    root.descendants("report", &mut reports);
    if reports.is_empty() && batch.errors.is_empty() {
        batch.errors.push(diag(1, "report", "no <report> element: this is not a goAML report".into()));
    }
    for report in reports {
        let code = report.text_of("currency_code_local");
        let currency = if code.is_empty() {
            Err((
                report.line,
                "currency_code_local",
                "is missing: the report does not say its local currency".to_owned(),
            ))
        } else {
            Currency::parse(code)
                .map_err(|e| (report.line_of("currency_code_local"), "currency_code_local", e.to_string()))
        };
        for t in report.children.iter().filter(|c| c.name == "transaction") {
            match transaction(t, &currency, file, zone) {
                Ok(tx) => batch.transactions.push(tx),
                Err((line, field, message)) => batch.errors.push(diag(line, field, message)),
            }
        }
    }
    Ok(batch)
}

/// Builds the element tree. On malformed XML, returns what was complete before the fault (an
/// unfinished transaction is left out) and the fault's line and message.
fn parse_tree(bytes: &[u8], lines: &Lines) -> (Node, Option<(u64, String)>) {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut stack = vec![Node::default()];
    let mut buf = Vec::new();
    let local = |n: quick_xml::name::QName<'_>| String::from_utf8_lossy(n.local_name().as_ref()).into_owned();
    let error = loop {
        let pos = reader.buffer_position();
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => {
                stack.push(Node { name: local(e.name()), line: lines.line(pos), ..Node::default() });
            }
            Ok(Event::Empty(e)) => {
                let node = Node { name: local(e.name()), line: lines.line(pos), ..Node::default() };
                stack.last_mut().expect("root").children.push(node);
            }
            Ok(Event::End(_)) => {
                if stack.len() > 1 {
                    let node = stack.pop().expect("open element");
                    stack.last_mut().expect("root").children.push(node);
                }
            }
            Ok(Event::Text(t)) => match t.unescape() {
                Ok(s) => stack.last_mut().expect("root").text.push_str(&s),
                Err(e) => break Some((lines.line(pos), e.to_string())),
            },
            Ok(Event::CData(t)) => {
                stack.last_mut().expect("root").text.push_str(&String::from_utf8_lossy(&t.into_inner()))
            }
            Ok(Event::Eof) => {
                if stack.len() > 1 {
                    let open = &stack[stack.len() - 1];
                    break Some((
                        lines.line(pos),
                        format!("the file ends inside <{}> (opened on line {})", open.name, open.line),
                    ));
                }
                break None;
            }
            Ok(_) => {}
            Err(e) => break Some((lines.line(reader.error_position()), e.to_string())),
        }
    };
    // Close what is still open, leaving unfinished transactions out.
    while stack.len() > 1 {
        let node = stack.pop().expect("open element");
        if node.name != "transaction" {
            stack.last_mut().expect("root").children.push(node);
        }
    }
    (stack.pop().expect("root"), error)
}

type Bad = (u64, &'static str, String);

fn transaction(
    t: &Node,
    currency: &Result<Currency, Bad>,
    file: &str,
    zone: Zone,
) -> Result<Transaction, Bad> {
    let id = t.text_of("transactionnumber");
    if id.is_empty() {
        return Err((t.line_of("transactionnumber"), "transactionnumber", "is missing or empty".into()));
    }
    let when = t.text_of("date_transaction");
    if when.is_empty() {
        return Err((t.line_of("date_transaction"), "date_transaction", "is missing or empty".into()));
    }
    let timestamp = read_timestamp(when, &[], zone).ok_or_else(|| {
        (t.line_of("date_transaction"), "date_transaction", format!("`{when}` is not a date and time"))
    })?;
    let (amount, currency) = match foreign_currency(t) {
        Some(f) => foreign_amount(f)?,
        None => {
            let currency = *currency.as_ref().map_err(|(l, f, m)| (*l, *f, m.clone()))?;
            (positive_amount(t, "amount_local", currency)?, currency)
        }
    };
    let (orig, orig_holder) = side(t, "from")?;
    let (bene, bene_holder) = side(t, "to")?;
    let reference = match t.text_of("internal_ref_number") {
        "" => t.text_of("transaction_description"),
        r => r,
    };
    Ok(Transaction {
        id: id.to_owned(),
        orig,
        bene,
        amount,
        currency,
        timestamp,
        channel: t.text_of("transmode_code").to_owned(),
        reference: reference.to_owned(),
        orig_holder,
        bene_holder,
        file: file.to_owned(),
        line: t.line,
    })
}

/// The payer side's `from_foreign_currency`, when the money left the payer in a currency of its
/// own.
fn foreign_currency(t: &Node) -> Option<&Node> {
    t.child("t_from_my_client").or_else(|| t.child("t_from")).and_then(|p| p.child("from_foreign_currency"))
}

/// `foreign_amount` in `foreign_currency_code`.
fn foreign_amount(f: &Node) -> Result<(i64, Currency), Bad> {
    let code = f.text_of("foreign_currency_code");
    if code.is_empty() {
        return Err((
            f.line_of("foreign_currency_code"),
            "foreign_currency_code",
            "is missing or empty".into(),
        ));
    }
    let currency = Currency::parse(code)
        .map_err(|e| (f.line_of("foreign_currency_code"), "foreign_currency_code", e.to_string()))?;
    Ok((positive_amount(f, "foreign_amount", currency)?, currency))
}

/// The strictly positive amount in element `field` of `node`, exact in `currency`'s minor units.
fn positive_amount(node: &Node, field: &'static str, currency: Currency) -> Result<i64, Bad> {
    let text = node.text_of(field);
    match currency.parse_amount(text) {
        Ok(a) if a > 0 => Ok(a),
        Ok(_) => Err((node.line_of(field), field, format!("`{text}` is not a positive amount"))),
        Err(_) if text.is_empty() => Err((node.line_of(field), field, "is missing or empty".into())),
        Err(e) => Err((node.line_of(field), field, e.to_string())),
    }
}

/// The account id and holder name of one side (`from` or `to`).
fn side(t: &Node, dir: &'static str) -> Result<(String, String), Bad> {
    let (mine, theirs): (&'static str, &'static str) =
        if dir == "from" { ("t_from_my_client", "t_from") } else { ("t_to_my_client", "t_to") };
    let Some(party) = t.child(mine).or_else(|| t.child(theirs)) else {
        if let Some(p) = t.child("involved_parties") {
            return Err((
                p.line,
                "involved_parties",
                "multi-party transactions are not read: only bi-party transactions (t_from/t_to) become transactions"
                    .into(),
            ));
        }
        return Err((t.line, theirs, format!("the transaction has neither <{theirs}> nor <{mine}>")));
    };
    let (acc, person, entity): (&'static str, &'static str, &'static str) = if dir == "from" {
        ("from_account", "from_person", "from_entity")
    } else {
        ("to_account", "to_person", "to_entity")
    };
    if let Some(a) = party.child(acc) {
        let number = match a.text_of("iban") {
            "" => a.text_of("account"),
            iban => iban,
        };
        if number.is_empty() {
            return Err((a.line, acc, "has neither <account> nor <iban>".into()));
        }
        let holder = [
            a.text_of("account_name").to_owned(),
            a.child("t_entity").map(|e| e.text_of("name").to_owned()).unwrap_or_default(),
            a.child("signatory").and_then(|s| s.child("t_person")).map(person_name).unwrap_or_default(),
        ]
        .into_iter()
        .find(|s| !s.is_empty())
        .unwrap_or_default();
        return Ok((number.to_owned(), holder));
    }
    if let Some(p) = party.child(person) {
        let name = person_name(p);
        let ident =
            ["ssn", "id_number", "passport_number"].iter().map(|k| p.text_of(k)).find(|s| !s.is_empty());
        let id = match (ident, name.is_empty()) {
            (Some(i), _) => format!("person:{i}"),
            (None, false) => format!("person:{name}"),
            (None, true) => return Err((p.line, person, "names no one (no name, no identifier)".into())),
        };
        return Ok((id, name));
    }
    if let Some(e) = party.child(entity) {
        let name = e.text_of("name");
        let id = match (e.text_of("incorporation_number"), name) {
            ("", "") => return Err((e.line, entity, "has neither <name> nor <incorporation_number>".into())),
            ("", n) => format!("entity:{n}"),
            (i, _) => format!("entity:{i}"),
        };
        return Ok((id, name.to_owned()));
    }
    Err((party.line, theirs, format!("holds no <{acc}>, <{person}> or <{entity}>")))
}

fn person_name(p: &Node) -> String {
    let parts: Vec<&str> = ["first_name", "middle_name", "last_name"]
        .iter()
        .map(|k| p.text_of(k))
        .filter(|s| !s.is_empty())
        .collect();
    if parts.is_empty() {
        p.text_of("alias").to_owned()
    } else {
        parts.join(" ")
    }
}
