//! Declarative column profiles for generic CSV: which column holds what, how dates, amounts and
//! signs are written, and how a row becomes one or more transactions. Profiles are TOML; the
//! shipped ones (`profiles/*.toml` in the repository) are built in and can be named.
//!
//! ```toml
//! [csv]          delimiter = ",", header = true, skip_rows = 0, find_header = false,
//!                columns = [...] (names when there is no header), quote = "\""
//! [date]         column, time_column, formats = [...], time_zone = "UTC" | "+05:00" | "Asia/Karachi"
//! [amount]       convention = "signed" | "debit-credit" | "direction",
//!                column, positive = "in" | "out", debit_column, credit_column,
//!                direction_column, in_values, out_values,
//!                decimal_separator = ".", thousands_separator = ",",
//!                currency = "PKR" | currency_column, fee_column, balance_column, check_balance
//! [accounts]     originator_column, beneficiary_column, originator_name_column,
//!                beneficiary_name_column, intermediary_column, intermediary_mode = "channel" | "legs"
//!                — or, for a one-account statement — own, own_column, own_name,
//!                counterparty_column, counterparty_name_column, counterparty_prefixes
//! [transaction]  id_column, reference_column, channel_column | channel
//! [[skip]]       column, values (rows that are not transactions: opening balance, totals)
//! ```
//!
//! Wherever a column is named, a list of columns may be given instead: their non-empty values are
//! joined with " / " (e.g. a hawala sender's name and city make one account id).

use std::fmt;

use toml::{Table, Value};

use crate::import::zone::{DateFormat, Zone};
use crate::money::Currency;

/// The profiles shipped with Praxis, by name: `(name, TOML text)`.
pub const BUILTIN: [(&str, &str); 3] = [
    (
        "bank-statement",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../profiles/bank-statement.toml")),
    ),
    (
        "transfer-list",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../profiles/transfer-list.toml")),
    ),
    (
        "hawala-ledger",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../profiles/hawala-ledger.toml")),
    ),
];

/// The text of a built-in profile.
pub fn builtin(name: &str) -> Option<&'static str> {
    BUILTIN.iter().find(|(n, _)| n.eq_ignore_ascii_case(name.trim())).map(|(_, t)| *t)
}

/// A profile that cannot be used, naming the key at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{message}", if key.is_empty() { String::new() } else { format!("`{key}`: ") })]
pub struct ProfileError {
    /// The dotted key (`amount.debit_column`), or empty for a TOML syntax error.
    pub key: String,
    pub message: String,
}

fn perr(key: impl Into<String>, message: impl Into<String>) -> ProfileError {
    ProfileError { key: key.into(), message: message.into() }
}

/// One column, or several whose values are joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cols {
    /// The profile key that names them, for messages.
    pub key: String,
    pub names: Vec<String>,
}

impl Cols {
    /// The name diagnostics use: the first column's.
    pub fn field(&self) -> &str {
        &self.names[0]
    }
}

#[derive(Debug, Clone)]
pub enum AmountRule {
    /// One signed column. In a statement, `positive_in` says whether a positive amount is money
    /// in (a credit); between two parties a negative amount is a reversal (beneficiary →
    /// originator).
    Signed { column: Cols, positive_in: bool },
    /// Separate debit and credit columns of a statement; the column gives the direction and any
    /// sign written in it is ignored.
    DebitCredit { debit: Cols, credit: Cols },
    /// An unsigned amount and a column saying in or out.
    Direction { column: Cols, direction: Cols, in_values: Vec<String>, out_values: Vec<String> },
}

#[derive(Debug, Clone)]
pub enum Own {
    Fixed(String),
    Column(Cols),
    /// Given by the caller (`--account`).
    Caller,
}

#[derive(Debug, Clone)]
pub enum Accounts {
    TwoParty {
        originator: Cols,
        beneficiary: Cols,
        originator_name: Option<Cols>,
        beneficiary_name: Option<Cols>,
        intermediary: Option<Cols>,
        /// `true`: originator → intermediary → beneficiary; `false`: one transaction originator →
        /// beneficiary with the intermediary named in the channel.
        legs: bool,
    },
    Statement {
        own: Own,
        own_name: String,
        counterparty: Cols,
        counterparty_name: Option<Cols>,
        /// Upper-cased prefixes stripped from the counterparty ("IBFT TO ", "CASH DEPOSIT BY ").
        counterparty_prefixes: Vec<String>,
    },
}

#[derive(Debug, Clone)]
pub enum Fixed<T> {
    Value(T),
    Column(Cols),
    None,
}

#[derive(Debug, Clone)]
pub struct SkipRule {
    pub column: Cols,
    /// Upper-cased; a row whose column equals one of them (trimmed, any case) is not a transaction.
    pub values: Vec<String>,
}

/// A parsed, checked profile.
#[derive(Debug, Clone)]
pub struct Profile {
    pub name: String,
    pub description: String,
    pub delimiter: u8,
    pub quote: u8,
    pub header: bool,
    pub find_header: bool,
    pub skip_rows: u64,
    pub column_names: Vec<String>,
    pub date: Cols,
    pub time: Option<Cols>,
    pub formats: Vec<DateFormat>,
    pub zone: Zone,
    pub amount: AmountRule,
    pub decimal: char,
    pub thousands: Option<char>,
    pub currency: Fixed<Currency>,
    pub fee: Option<Cols>,
    pub balance: Option<Cols>,
    pub check_balance: bool,
    pub accounts: Accounts,
    pub id: Option<Cols>,
    pub reference: Option<Cols>,
    pub channel: Fixed<String>,
    pub skip: Vec<SkipRule>,
}

/// Keys allowed in each section.
const SECTIONS: [(&str, &[&str]); 7] = [
    ("", &["name", "description", "csv", "date", "amount", "accounts", "transaction", "skip"]),
    ("csv", &["delimiter", "quote", "header", "find_header", "skip_rows", "columns"]),
    ("date", &["column", "time_column", "formats", "time_zone"]),
    (
        "amount",
        &[
            "convention",
            "column",
            "positive",
            "debit_column",
            "credit_column",
            "direction_column",
            "in_values",
            "out_values",
            "decimal_separator",
            "thousands_separator",
            "currency",
            "currency_column",
            "fee_column",
            "balance_column",
            "check_balance",
        ],
    ),
    (
        "accounts",
        &[
            "originator_column",
            "beneficiary_column",
            "originator_name_column",
            "beneficiary_name_column",
            "intermediary_column",
            "intermediary_mode",
            "own",
            "own_column",
            "own_name",
            "counterparty_column",
            "counterparty_name_column",
            "counterparty_prefixes",
        ],
    ),
    ("transaction", &["id_column", "reference_column", "channel_column", "channel"]),
    ("skip", &["column", "values"]),
];

/// Typed access to one section, with dotted keys in every error.
struct Sec<'a> {
    name: String,
    table: Option<&'a Table>,
}

impl<'a> Sec<'a> {
    fn new(name: &str, table: Option<&'a Table>) -> Result<Sec<'a>, ProfileError> {
        let allowed =
            SECTIONS.iter().find(|(n, _)| *n == name.split('[').next().unwrap_or(name)).map(|(_, k)| *k);
        if let (Some(t), Some(allowed)) = (table, allowed) {
            for k in t.keys() {
                if !allowed.contains(&k.as_str()) {
                    return Err(perr(
                        dotted(name, k),
                        format!(
                            "unknown key; `{}` takes {}",
                            if name.is_empty() { "the profile" } else { name },
                            allowed.join(", ")
                        ),
                    ));
                }
            }
        }
        Ok(Sec { name: name.to_owned(), table })
    }

    fn key(&self, k: &str) -> String {
        dotted(&self.name, k)
    }

    fn get(&self, k: &str) -> Option<&'a Value> {
        self.table.and_then(|t| t.get(k))
    }

    fn has(&self, k: &str) -> bool {
        self.get(k).is_some()
    }

    fn str(&self, k: &str) -> Result<Option<String>, ProfileError> {
        match self.get(k) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(v) => Err(perr(self.key(k), format!("must be a string, not {}", v.type_str()))),
        }
    }

    fn bool(&self, k: &str, default: bool) -> Result<bool, ProfileError> {
        match self.get(k) {
            None => Ok(default),
            Some(Value::Boolean(b)) => Ok(*b),
            Some(v) => Err(perr(self.key(k), format!("must be true or false, not {}", v.type_str()))),
        }
    }

    fn int(&self, k: &str) -> Result<Option<u64>, ProfileError> {
        match self.get(k) {
            None => Ok(None),
            Some(Value::Integer(i)) if *i >= 0 => Ok(Some(*i as u64)),
            Some(v) => Err(perr(self.key(k), format!("must be a whole number ≥ 0, not {v}"))),
        }
    }

    fn strings(&self, k: &str) -> Result<Option<Vec<String>>, ProfileError> {
        match self.get(k) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(vec![s.clone()])),
            Some(Value::Array(a)) => a
                .iter()
                .enumerate()
                .map(|(i, v)| match v {
                    Value::String(s) => Ok(s.clone()),
                    v => Err(perr(
                        format!("{}[{i}]", self.key(k)),
                        format!("must be a string, not {}", v.type_str()),
                    )),
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Some),
            Some(v) => {
                Err(perr(self.key(k), format!("must be a string or a list of strings, not {}", v.type_str())))
            }
        }
    }

    /// A column name or a list of them.
    fn cols(&self, k: &str) -> Result<Option<Cols>, ProfileError> {
        let Some(names) = self.strings(k)? else { return Ok(None) };
        let names: Vec<String> = names.into_iter().map(|n| n.trim().to_owned()).collect();
        if names.is_empty() || names.iter().any(String::is_empty) {
            return Err(perr(self.key(k), "names no column"));
        }
        Ok(Some(Cols { key: self.key(k), names }))
    }

    fn required_cols(&self, k: &str, why: &str) -> Result<Cols, ProfileError> {
        self.cols(k)?.ok_or_else(|| perr(self.key(k), format!("is required {why}")))
    }

    fn forbid(&self, keys: &[&str], why: &str) -> Result<(), ProfileError> {
        match keys.iter().find(|k| self.has(k)) {
            Some(k) => Err(perr(self.key(k), format!("does not apply {why}"))),
            None => Ok(()),
        }
    }

    /// A single character.
    fn char(&self, k: &str, default: Option<char>) -> Result<Option<char>, ProfileError> {
        match self.str(k)? {
            None => Ok(default),
            Some(s) if s.is_empty() => Ok(None),
            Some(s) if s.eq_ignore_ascii_case("tab") => Ok(Some('\t')),
            Some(s) if s.eq_ignore_ascii_case("space") => Ok(Some(' ')),
            Some(s) => {
                let mut chars = s.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => Ok(Some(c)),
                    _ => Err(perr(self.key(k), format!("must be one character, not `{s}`"))),
                }
            }
        }
    }
}

fn dotted(section: &str, key: &str) -> String {
    if section.is_empty() {
        key.to_owned()
    } else {
        format!("{section}.{key}")
    }
}

fn section<'a>(root: &'a Table, name: &str) -> Result<Option<&'a Table>, ProfileError> {
    match root.get(name) {
        None => Ok(None),
        Some(Value::Table(t)) => Ok(Some(t)),
        Some(v) => Err(perr(name, format!("must be a table (`[{name}]`), not {}", v.type_str()))),
    }
}

fn upper(v: Vec<String>) -> Vec<String> {
    v.into_iter().map(|s| s.trim().to_uppercase()).collect()
}

impl Profile {
    /// Parses and checks a profile. Every error names the key at fault.
    pub fn parse(text: &str) -> Result<Profile, ProfileError> {
        let root: Table = text.parse().map_err(|e: toml::de::Error| {
            perr("", format!("not valid TOML: {}", e.to_string().trim_end()))
        })?;
        let top = Sec::new("", Some(&root))?;
        let csv = Sec::new("csv", section(&root, "csv")?)?;
        let date = Sec::new("date", section(&root, "date")?)?;
        let amount = Sec::new("amount", section(&root, "amount")?)?;
        let accounts = Sec::new("accounts", section(&root, "accounts")?)?;
        let transaction = Sec::new("transaction", section(&root, "transaction")?)?;

        let name = top.str("name")?.unwrap_or_default();
        let description = top.str("description")?.unwrap_or_default();

        // [csv]
        let delimiter = csv.char("delimiter", Some(','))?.ok_or_else(|| perr("csv.delimiter", "is empty"))?;
        let quote = csv.char("quote", Some('"'))?.ok_or_else(|| perr("csv.quote", "is empty"))?;
        for (k, c) in [("csv.delimiter", delimiter), ("csv.quote", quote)] {
            if !c.is_ascii() || c == '\n' || c == '\r' {
                return Err(perr(
                    k,
                    format!("must be one ASCII character other than a line break, not `{c}`"),
                ));
            }
        }
        let header = csv.bool("header", true)?;
        let find_header = csv.bool("find_header", false)?;
        let skip_rows = csv.int("skip_rows")?.unwrap_or(0);
        let column_names: Vec<String> =
            csv.strings("columns")?.unwrap_or_default().into_iter().map(|s| s.trim().to_owned()).collect();
        if !header && column_names.is_empty() {
            return Err(perr(
                "csv.columns",
                "is required when `csv.header = false`: name the columns in order",
            ));
        }
        if header && !column_names.is_empty() {
            return Err(perr(
                "csv.columns",
                "does not apply when the file has a header (`csv.header = true`)",
            ));
        }
        if find_header && !header {
            return Err(perr("csv.find_header", "needs `csv.header = true`"));
        }

        // [date]
        let date_col = date.required_cols("column", "(the column holding each transaction's date)")?;
        let time = date.cols("time_column")?;
        let formats = date
            .strings("formats")?
            .unwrap_or_default()
            .iter()
            .enumerate()
            .map(|(i, f)| {
                DateFormat::parse(f).map_err(|e| perr(format!("date.formats[{i}]"), format!("`{f}`: {e}")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let zone = match date.str("time_zone")? {
            None => Zone::UTC,
            Some(z) => Zone::parse(&z).map_err(|e| perr("date.time_zone", e))?,
        };

        // [accounts]
        let one_account = accounts.has("counterparty_column");
        let two_party = accounts.has("originator_column") || accounts.has("beneficiary_column");
        let accounts_rule = match (one_account, two_party) {
            (true, true) => {
                return Err(perr(
                    "accounts.counterparty_column",
                    "cannot be combined with `accounts.originator_column`/`beneficiary_column`: a profile reads either a one-account statement (own account and counterparty) or transfers between two named accounts",
                ))
            }
            (false, false) => {
                return Err(perr(
                    "accounts",
                    "name either `originator_column` and `beneficiary_column`, or, for a one-account statement, `counterparty_column`",
                ))
            }
            (true, false) => {
                accounts.forbid(
                    &["originator_name_column", "beneficiary_name_column", "intermediary_column", "intermediary_mode"],
                    "to a one-account statement",
                )?;
                let own = match (accounts.str("own")?, accounts.cols("own_column")?) {
                    (Some(_), Some(_)) => {
                        return Err(perr("accounts.own_column", "cannot be combined with `accounts.own`"))
                    }
                    (Some(o), None) if o.trim().is_empty() => return Err(perr("accounts.own", "is empty")),
                    (Some(o), None) => Own::Fixed(o.trim().to_owned()),
                    (None, Some(c)) => Own::Column(c),
                    (None, None) => Own::Caller,
                };
                Accounts::Statement {
                    own,
                    own_name: accounts.str("own_name")?.unwrap_or_default().trim().to_owned(),
                    counterparty: accounts.required_cols("counterparty_column", "")?,
                    counterparty_name: accounts.cols("counterparty_name_column")?,
                    counterparty_prefixes: upper(accounts.strings("counterparty_prefixes")?.unwrap_or_default()),
                }
            }
            (false, true) => {
                accounts.forbid(
                    &["own", "own_column", "own_name", "counterparty_name_column", "counterparty_prefixes"],
                    "to transfers between two named accounts (they are for one-account statements with `counterparty_column`)",
                )?;
                let why = "for transfers between two named accounts";
                let intermediary = accounts.cols("intermediary_column")?;
                let legs = match accounts.str("intermediary_mode")?.as_deref() {
                    None | Some("channel") => false,
                    Some("legs") => true,
                    Some(other) => {
                        return Err(perr(
                            "accounts.intermediary_mode",
                            format!("must be \"channel\" or \"legs\", not \"{other}\""),
                        ))
                    }
                };
                if accounts.has("intermediary_mode") && intermediary.is_none() {
                    return Err(perr("accounts.intermediary_mode", "needs `accounts.intermediary_column`"));
                }
                Accounts::TwoParty {
                    originator: accounts.required_cols("originator_column", why)?,
                    beneficiary: accounts.required_cols("beneficiary_column", why)?,
                    originator_name: accounts.cols("originator_name_column")?,
                    beneficiary_name: accounts.cols("beneficiary_name_column")?,
                    intermediary,
                    legs,
                }
            }
        };
        let statement = matches!(accounts_rule, Accounts::Statement { .. });

        // [amount]
        let convention = amount.str("convention")?.ok_or_else(|| {
            perr("amount.convention", "is required: \"signed\", \"debit-credit\" or \"direction\"")
        })?;
        let needs_statement = |key: &str| {
            if statement {
                Ok(())
            } else {
                Err(perr(
                    key,
                    "needs a one-account statement (`accounts.counterparty_column`): debits and credits, in and out, are said of the statement's own account",
                ))
            }
        };
        let amount_rule = match convention.as_str() {
            "signed" => {
                amount.forbid(
                    &["debit_column", "credit_column", "direction_column", "in_values", "out_values"],
                    "to `convention = \"signed\"`",
                )?;
                let positive_in = match amount.str("positive")?.as_deref() {
                    None | Some("in") => true,
                    Some("out") => false,
                    Some(o) => {
                        return Err(perr(
                            "amount.positive",
                            format!("must be \"in\" or \"out\", not \"{o}\""),
                        ))
                    }
                };
                if amount.has("positive") {
                    needs_statement("amount.positive")?;
                }
                AmountRule::Signed {
                    column: amount.required_cols("column", "with `convention = \"signed\"`")?,
                    positive_in,
                }
            }
            "debit-credit" => {
                amount.forbid(
                    &["column", "positive", "direction_column", "in_values", "out_values"],
                    "to `convention = \"debit-credit\"`",
                )?;
                needs_statement("amount.convention")?;
                let why = "with `convention = \"debit-credit\"`";
                AmountRule::DebitCredit {
                    debit: amount.required_cols("debit_column", why)?,
                    credit: amount.required_cols("credit_column", why)?,
                }
            }
            "direction" => {
                amount.forbid(
                    &["positive", "debit_column", "credit_column"],
                    "to `convention = \"direction\"`",
                )?;
                needs_statement("amount.convention")?;
                let why = "with `convention = \"direction\"`";
                let in_values = upper(amount.strings("in_values")?.ok_or_else(|| {
                    perr("amount.in_values", format!("is required {why} (e.g. [\"CR\", \"IN\"])"))
                })?);
                let out_values = upper(amount.strings("out_values")?.ok_or_else(|| {
                    perr("amount.out_values", format!("is required {why} (e.g. [\"DR\", \"OUT\"])"))
                })?);
                if let Some(v) = in_values.iter().find(|v| out_values.contains(v)) {
                    return Err(perr("amount.out_values", format!("`{v}` is also an in value")));
                }
                AmountRule::Direction {
                    column: amount.required_cols("column", why)?,
                    direction: amount.required_cols("direction_column", why)?,
                    in_values,
                    out_values,
                }
            }
            other => {
                return Err(perr(
                    "amount.convention",
                    format!("must be \"signed\", \"debit-credit\" or \"direction\", not \"{other}\""),
                ))
            }
        };
        let decimal = amount.char("decimal_separator", Some('.'))?.unwrap_or('.');
        if decimal != '.' && decimal != ',' {
            return Err(perr("amount.decimal_separator", format!("must be \".\" or \",\", not `{decimal}`")));
        }
        let thousands = amount.char("thousands_separator", Some(if decimal == ',' { '.' } else { ',' }))?;
        if let Some(t) = thousands {
            if t == decimal {
                return Err(perr(
                    "amount.thousands_separator",
                    "must differ from `amount.decimal_separator`",
                ));
            }
            if ![',', '.', ' ', '\'', '\u{a0}', '\u{202f}'].contains(&t) {
                return Err(perr(
                    "amount.thousands_separator",
                    format!("must be \",\", \".\", \" \", \"'\" or \"\" (none), not `{t}`"),
                ));
            }
        }
        let currency =
            match (amount.str("currency")?, amount.cols("currency_column")?) {
                (Some(_), Some(_)) => {
                    return Err(perr("amount.currency_column", "cannot be combined with `amount.currency`"))
                }
                (Some(c), None) => {
                    Fixed::Value(Currency::parse(&c).map_err(|e| perr("amount.currency", e.to_string()))?)
                }
                (None, Some(c)) => Fixed::Column(c),
                (None, None) => return Err(perr(
                    "amount.currency",
                    "is required: an ISO 4217 code for the whole file (\"PKR\"), or `amount.currency_column`",
                )),
            };
        let fee = amount.cols("fee_column")?;
        if fee.is_some() && !matches!(&accounts_rule, Accounts::TwoParty { intermediary: Some(_), .. }) {
            return Err(perr(
                "amount.fee_column",
                "needs `accounts.intermediary_column`: the fee is paid by the originator to the intermediary",
            ));
        }
        let balance = amount.cols("balance_column")?;
        let check_balance = amount.bool("check_balance", false)?;
        if check_balance {
            needs_statement("amount.check_balance")?;
            if balance.is_none() {
                return Err(perr("amount.check_balance", "needs `amount.balance_column`"));
            }
        }

        // [transaction]
        let id = transaction.cols("id_column")?;
        let reference = transaction.cols("reference_column")?;
        let channel = match (transaction.str("channel")?, transaction.cols("channel_column")?) {
            (Some(_), Some(_)) => {
                return Err(perr(
                    "transaction.channel_column",
                    "cannot be combined with `transaction.channel`",
                ))
            }
            (Some(c), None) => Fixed::Value(c.trim().to_owned()),
            (None, Some(c)) => Fixed::Column(c),
            (None, None) => Fixed::None,
        };

        // [[skip]]
        let mut skip = Vec::new();
        match root.get("skip") {
            None => {}
            Some(Value::Array(rules)) => {
                for (i, r) in rules.iter().enumerate() {
                    let key = format!("skip[{i}]");
                    let Value::Table(t) = r else {
                        return Err(perr(key, "must be a table (`[[skip]]` with `column` and `values`)"));
                    };
                    let s = Sec::new(&key, Some(t))?;
                    let column = s.required_cols("column", "(the column to look at)")?;
                    let values =
                        upper(s.strings("values")?.ok_or_else(|| perr(s.key("values"), "is required"))?);
                    skip.push(SkipRule { column, values });
                }
            }
            Some(v) => {
                return Err(perr(
                    "skip",
                    format!("must be a list of tables (`[[skip]]`), not {}", v.type_str()),
                ))
            }
        }

        let p = Profile {
            name,
            description,
            delimiter: delimiter as u8,
            quote: quote as u8,
            header,
            find_header,
            skip_rows,
            column_names,
            date: date_col,
            time,
            formats,
            zone,
            amount: amount_rule,
            decimal,
            thousands,
            currency,
            fee,
            balance,
            check_balance,
            accounts: accounts_rule,
            id,
            reference,
            channel,
            skip,
        };
        if !p.header {
            for c in p.referenced() {
                for n in &c.names {
                    if !p.column_names.iter().any(|h| h.eq_ignore_ascii_case(n)) {
                        return Err(perr(
                            c.key.clone(),
                            format!("names `{n}`, which is not in `csv.columns`"),
                        ));
                    }
                }
            }
        }
        Ok(p)
    }

    /// Reads a profile by built-in name or from TOML text.
    pub fn builtin(name: &str) -> Option<Result<Profile, ProfileError>> {
        builtin(name).map(Profile::parse)
    }

    /// Whether the caller must give the statement's own account.
    pub fn needs_account(&self) -> bool {
        matches!(self.accounts, Accounts::Statement { own: Own::Caller, .. })
    }

    /// Whether rows carry their own transaction ids.
    pub fn has_ids(&self) -> bool {
        self.id.is_some()
    }

    /// Sets the statement's own account (the command line's `--account`), overriding `accounts.own`.
    pub fn set_account(&mut self, account: &str) -> Result<(), ProfileError> {
        let account = account.trim();
        match &mut self.accounts {
            Accounts::Statement { own, .. } if !account.is_empty() => {
                *own = Own::Fixed(account.to_owned());
                Ok(())
            }
            Accounts::Statement { .. } => Err(perr("accounts.own", "the account given is empty")),
            Accounts::TwoParty { .. } => Err(perr(
                "accounts.own",
                "this profile reads originator and beneficiary columns; an own account applies only to one-account statements",
            )),
        }
    }

    /// Overrides `date.time_zone`.
    pub fn set_time_zone(&mut self, zone: Zone) {
        self.zone = zone;
    }

    /// Every column the profile reads, with the key that names it.
    pub fn referenced(&self) -> Vec<&Cols> {
        let mut v = vec![&self.date];
        v.extend(&self.time);
        match &self.amount {
            AmountRule::Signed { column, .. } => v.push(column),
            AmountRule::DebitCredit { debit, credit } => v.extend([debit, credit]),
            AmountRule::Direction { column, direction, .. } => v.extend([column, direction]),
        }
        if let Fixed::Column(c) = &self.currency {
            v.push(c);
        }
        v.extend(&self.fee);
        v.extend(&self.balance);
        match &self.accounts {
            Accounts::TwoParty {
                originator,
                beneficiary,
                originator_name,
                beneficiary_name,
                intermediary,
                ..
            } => {
                v.extend([originator, beneficiary]);
                v.extend(originator_name);
                v.extend(beneficiary_name);
                v.extend(intermediary);
            }
            Accounts::Statement { own, counterparty, counterparty_name, .. } => {
                if let Own::Column(c) = own {
                    v.push(c);
                }
                v.push(counterparty);
                v.extend(counterparty_name);
            }
        }
        v.extend(&self.id);
        v.extend(&self.reference);
        if let Fixed::Column(c) = &self.channel {
            v.push(c);
        }
        v.extend(self.skip.iter().map(|s| &s.column));
        v
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.name.is_empty() { "(unnamed profile)" } else { &self.name })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_profiles_parse() {
        for (name, text) in BUILTIN {
            let p = Profile::parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(p.name, name);
        }
        assert!(Profile::builtin("BANK-STATEMENT").is_some());
        assert!(Profile::builtin("nope").is_none());
    }
}
