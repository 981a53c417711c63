//! Input options shared by the flows commands: which files, in which format, and what to do with
//! bad rows.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use clap::{Args, ValueEnum};
use praxis_flows::batch::{merge, BadRows, Diagnostic, Transaction};
use praxis_flows::fx::{convert_all, Conversion, RateTable, RatesError};
use praxis_flows::import::csv_profile::{self, ReadError};
use praxis_flows::import::profile::{Profile, BUILTIN};
use praxis_flows::import::{ftm, goaml, Zone};
use praxis_flows::{Currency, TxGraph};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// AMLSim `transactions.csv` (plain or gzipped).
    Amlsim,
    /// Generic CSV read through a column profile: needs --profile, and --account for one-account
    /// statements.
    Csv,
    /// goAML report XML: report → transaction → t_from / t_to with an account, person or entity;
    /// amounts in the report's currency_code_local.
    Goaml,
    /// FollowTheMoney entities as JSON lines: each Payment becomes a transaction, its accounts
    /// resolved through BankAccount (IBAN, else account number, else entity id).
    Ftm,
}

#[derive(Debug, Args)]
pub(crate) struct InputArgs {
    /// Input format.
    #[arg(long, value_enum, default_value = "amlsim")]
    pub format: Format,
    /// Transaction files (repeat for several; gzip is detected). Overlapping statements and
    /// files imported twice are counted once.
    #[arg(long = "transactions", required = true, num_args = 1..)]
    pub files: Vec<PathBuf>,
    /// Leave out rows that cannot be read (each is listed on standard error) instead of refusing
    /// the whole import.
    #[arg(long)]
    pub skip_bad_rows: bool,
    /// Column profile for --format csv: a built-in name (bank-statement, transfer-list,
    /// hawala-ledger) or the path of a TOML profile. The shipped profiles, in profiles/ of the
    /// repository, document every key.
    #[arg(long, value_name = "NAME|PATH")]
    pub profile: Option<String>,
    /// The statement's own account, for one-account profiles such as bank-statement: debits are
    /// paid from it to the counterparty, credits paid into it (overrides the profile's own).
    #[arg(long, value_name = "ID")]
    pub account: Option<String>,
    /// Time zone of dates and times written without an offset: UTC, a fixed offset (+05:00) or
    /// an IANA name (Asia/Karachi; daylight saving honoured). For csv it overrides the profile's
    /// zone; for goaml and ftm the default is UTC. AMLSim times are UTC.
    #[arg(long, value_name = "ZONE")]
    pub time_zone: Option<String>,
    /// Dated exchange-rate table for --report-currency: CSV `date,from,to,rate` meaning that on
    /// that date one `from` was worth `rate` `to` (exact decimals; a pair is also used inverted).
    #[arg(long, value_name = "FILE", requires = "report_currency")]
    pub rates: Option<PathBuf>,
    /// Convert every amount into this ISO 4217 currency, at the latest rate of --rates dated on or
    /// before the transaction's (UTC) day, rounded half to even; so that mixed-currency data can
    /// be traced, scanned and ranked. A missing rate refuses the import, naming the transaction's
    /// file and line.
    #[arg(long, value_name = "CODE", requires = "rates")]
    pub report_currency: Option<String>,
}

/// What was read, after the bad-row policy, de-duplication and any currency conversion.
pub(crate) struct Loaded {
    pub transactions: Vec<Transaction>,
    pub skipped: Vec<Diagnostic>,
    pub duplicates: usize,
    /// With --report-currency: per transaction, the original amount and currency and the rate.
    pub conversions: Option<Vec<Conversion>>,
}

/// The profile named by --profile: a file when one exists at that path, else a built-in name.
fn resolve_profile(name: &str) -> anyhow::Result<Profile> {
    let path = Path::new(name);
    let (text, source) = if path.is_file() {
        (
            std::fs::read_to_string(path).with_context(|| format!("cannot read profile {name}"))?,
            name.to_owned(),
        )
    } else if let Some(text) = praxis_flows::import::profile::builtin(name) {
        (text.to_owned(), format!("built-in profile {name}"))
    } else {
        let names: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
        bail!(
            "--profile {name}: no such file, and no built-in profile of that name (built in: {})",
            names.join(", ")
        );
    };
    Profile::parse(&text).map_err(|e| anyhow::anyhow!("{source}: {e}"))
}

fn refusal(name: &str, what: &str, errors: &[Diagnostic], hint: &str) -> String {
    let mut msg = format!("{name}: {what}:");
    for d in errors.iter().take(20) {
        msg.push_str(&format!("\n  {d}"));
    }
    if errors.len() > 20 {
        msg.push_str(&format!("\n  … and {} more", errors.len() - 20));
    }
    if !hint.is_empty() {
        msg.push('\n');
        msg.push_str(hint);
    }
    msg
}

pub(crate) fn load(args: &InputArgs) -> anyhow::Result<Loaded> {
    let policy = if args.skip_bad_rows { BadRows::Skip } else { BadRows::Refuse };
    let zone = args
        .time_zone
        .as_deref()
        .map(|z| Zone::parse(z).map_err(|e| anyhow::anyhow!("--time-zone: {e}")))
        .transpose()?;
    let profile = match (args.format, &args.profile) {
        (Format::Csv, None) => {
            let names: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
            bail!("--format csv needs --profile NAME|PATH (built in: {})", names.join(", "))
        }
        (Format::Csv, Some(name)) => {
            let mut p = resolve_profile(name)?;
            if let Some(a) = &args.account {
                p.set_account(a).map_err(|e| anyhow::anyhow!("--account: {}", e.message))?;
            }
            if p.needs_account() {
                bail!(
                    "profile {name} reads a one-account statement: give the statement's own account with --account ID"
                );
            }
            if let Some(z) = zone {
                p.set_time_zone(z);
            }
            Some(p)
        }
        (_, Some(_)) => bail!("--profile applies only to --format csv"),
        (_, None) => {
            if args.account.is_some() {
                bail!("--account applies only to --format csv with a one-account profile");
            }
            None
        }
    };
    let zone = zone.unwrap_or_default();
    let report_currency = args
        .report_currency
        .as_deref()
        .map(|c| Currency::parse(c).map_err(|e| anyhow::anyhow!("--report-currency: {e}")))
        .transpose()?;
    let rates = match &args.rates {
        Some(path) => {
            let name = path.display().to_string();
            let file = std::fs::File::open(path).with_context(|| format!("cannot open {name}"))?;
            match RateTable::read(file, &name) {
                Ok(t) => Some(t),
                Err(RatesError::Io(e)) => return Err(e).with_context(|| format!("cannot read {name}")),
                Err(RatesError::Rows(d)) => {
                    let what = format!("the exchange-rate table was refused ({} unreadable row(s))", d.len());
                    bail!(refusal(&name, &what, &d, ""))
                }
            }
        }
        None => None,
    };

    let mut batches = Vec::new();
    let mut skipped = Vec::new();
    let has_ids = match &profile {
        Some(p) => p.has_ids(),
        None => true,
    };
    for path in &args.files {
        let name = path.display().to_string();
        let file = std::fs::File::open(path).with_context(|| format!("cannot open {name}"))?;
        let batch = match (args.format, &profile) {
            (Format::Amlsim, _) => praxis_flows::import::amlsim::read(file, &name),
            (Format::Goaml, _) => goaml::read(file, &name, zone),
            (Format::Ftm, _) => ftm::read(file, &name, zone),
            (Format::Csv, Some(p)) => match csv_profile::read(file, &name, p) {
                Ok(b) => Ok(b),
                Err(ReadError::Io(e)) => Err(e),
                Err(ReadError::Profile(e)) => bail!("{name}: {e}"),
            },
            (Format::Csv, None) => unreachable!("checked above"),
        }
        .with_context(|| format!("cannot read {name}"))?;
        match batch.finish(policy) {
            Ok(b) => {
                skipped.extend(b.errors);
                batches.push(b.transactions);
            }
            Err(refused) => bail!(refusal(
                &name,
                &format!("the import was refused, nothing was read ({} unreadable row(s))", refused.0.len()),
                &refused.0,
                "Fix the rows, or pass --skip-bad-rows to leave them out (each is listed)."
            )),
        }
    }
    for d in &skipped {
        eprintln!("skipped {d}");
    }
    let (mut transactions, duplicates) = merge(batches, has_ids);
    if duplicates > 0 {
        eprintln!("{duplicates} transaction(s) appeared in more than one file and are counted once");
    }
    let conversions = match (&rates, report_currency) {
        (Some(table), Some(to)) => match convert_all(&mut transactions, table, to) {
            Ok(c) => Some(c),
            Err(d) => bail!(refusal(
                &table.file,
                &format!("cannot convert every amount into {to} ({} transaction(s) without a rate)", d.len()),
                &d,
                "Add the missing rates to the table."
            )),
        },
        _ => None,
    };
    Ok(Loaded { transactions, skipped, duplicates, conversions })
}

pub(crate) fn load_graph(args: &InputArgs) -> anyhow::Result<TxGraph> {
    let loaded = load(args)?;
    Ok(TxGraph::from_transactions(&loaded.transactions))
}

/// Parses a time option: RFC 3339, a date-time or a date (UTC).
pub(crate) fn parse_time(s: &str) -> anyhow::Result<i64> {
    praxis_flows::window::parse_timestamp(s, time::UtcOffset::UTC).with_context(|| {
        format!("`{s}` is not a date or date-time (e.g. 2017-01-31 or 2017-01-31T12:00:00Z)")
    })
}
