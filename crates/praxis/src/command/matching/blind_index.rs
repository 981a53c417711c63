//! `praxis match blind-index`: keyed blind indexes of selectors for cross-border hit/no-hit,
//! each party's step as a subcommand. The protocol and its threat model: docs/hit-no-hit.md.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::{Args, Subcommand};
use praxis_match::blind::{
    self, from_hex, to_hex, BlindState, IndexEntry, IndexValue, KeyHolder, Selector, SelectorKind, SEED_LEN,
};
use praxis_match::PersonName;
use rand_core::OsRng;

use super::input::{self, Problems};
use super::resolve::check_region;

#[derive(Debug, Subcommand)]
pub(crate) enum BlindCommand {
    /// Key holder: create the secret seed the OPRF keys of every epoch are derived from.
    ///
    /// The file holds 32 random bytes in hex, created readable by its owner only. Keep it on the
    /// key holder's machine: whoever holds it can test guesses offline against every index of
    /// every epoch. An existing file is never overwritten.
    Keygen(KeygenArgs),
    /// Organisation: normalise and blind the selectors of a CSV file, for the key holder.
    ///
    /// Selectors: phone (E.164, --phone-region for national numbers), account (an IBAN checked,
    /// else letters and digits), passport (letters and digits, with the issuing country from
    /// passport_country or --passport-country), and name + birth year (the sorted consonant
    /// skeletons of the name, the same in every script, and the year of birth_date; mapped with
    /// full_name, or given_name and family_name, and birth_date).
    ///
    /// Writes --request (organisation,epoch,blinded,protocol: one random-looking element per selector, in
    /// an order unrelated to the rows) to send to the key holder, and --state, which stays with
    /// the organisation: it holds the selectors in clear and the blinding factors, and is as
    /// sensitive as the data itself. A value that cannot be used (an invalid phone, an empty or
    /// script-less name, a passport without a country) is reported with its line and field and
    /// not indexed; a row that cannot be read is reported with its line and the command exits
    /// with status 1 after writing the others.
    Blind(BlindArgs),
    /// Key holder: evaluate an organisation's blinded request with the epoch's key.
    ///
    /// The key holder learns nothing of the selectors (each blinded element is a fresh,
    /// uniformly random group element), only how many there are. Every request is counted
    /// against the quota for the epoch (--quota) of the organisation it came from (--requester,
    /// known from the authenticated channel; the request's own label must agree) and logged
    /// (--evaluation-log: time,organisation,epoch,elements,outcome, appended); a request that
    /// would exceed the quota is refused whole, logged as refused, and nothing is written. The
    /// response (epoch,blinded,evaluated,protocol) goes back to the organisation.
    Evaluate(EvaluateArgs),
    /// Organisation: unblind the key holder's response into the blind index.
    ///
    /// Writes --index (organisation,epoch,kind,value,protocol, sorted by kind and value): the only
    /// file shared with peers, optionally padded with random entries (--pad-to-multiple); and
    /// --private (record_id,kind,value,epoch,protocol): kept by the organisation to find, after a
    /// hit, which of its records it concerns.
    ///
    /// Every file of the exchange names the protocol version (praxis/hit-no-hit/v2); a file of
    /// another version is refused, since its values would never match.
    Finalize(FinalizeArgs),
    /// Organisation: compare its own index (--private) with peers' shared indexes of the same
    /// epoch.
    ///
    /// Writes record_id,kind,held_by for each hit: which of one's records has a selector of that
    /// kind also held by that organisation, and nothing else. The rest goes through a
    /// cooperation request to that organisation.
    Compare(CompareArgs),
}

#[derive(Debug, Args)]
pub(crate) struct KeygenArgs {
    /// Where to write the secret seed (hex).
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

#[derive(Debug, Args)]
pub(crate) struct BlindArgs {
    /// The records whose selectors are indexed: a CSV file (its first line names the columns)
    /// with --id and --map, or FollowTheMoney JSON lines without them (phone, passportNumber with
    /// the first two-letter nationality or country as issuing country, iban and accountNumber,
    /// name and alias each with the year of each birthDate).
    #[arg(long, value_name = "FILE")]
    input: PathBuf,
    /// The column holding each record's id (kept in --state, never sent).
    #[arg(long, value_name = "COLUMN", requires = "map")]
    id: Option<String>,
    /// The role a column plays: ROLE=COLUMN, repeated or separated by commas. Roles: phone,
    /// account_number, passport, passport_country, full_name, given_name, family_name,
    /// birth_date. Several columns may feed phone, account_number and passport.
    #[arg(long = "map", value_name = "ROLE=COLUMN", value_parser = parse_blind_map, requires = "id")]
    map: Vec<Vec<(BlindRole, String)>>,
    /// The label of the organisation holding the data, as peers will see it in hits.
    #[arg(long, value_name = "LABEL")]
    organisation: String,
    /// The epoch (key period) agreed with the key holder, e.g. 2026-Q4.
    #[arg(long, value_name = "LABEL")]
    epoch: String,
    /// The request to send to the key holder (CSV).
    #[arg(long, value_name = "FILE")]
    request: PathBuf,
    /// The state to keep until the response comes back (CSV; secret).
    #[arg(long, value_name = "FILE")]
    state: PathBuf,
    /// The region (ISO 3166-1 alpha-2) phone numbers without a country code are read in.
    #[arg(long, value_name = "CC", default_value = "PK")]
    phone_region: String,
    /// The issuing country of passports when no passport_country column is mapped.
    #[arg(long, value_name = "CC")]
    passport_country: Option<String>,
    /// Write every problem found in the input here (CSV: file,line,field,problem).
    #[arg(long, value_name = "FILE")]
    problems: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct EvaluateArgs {
    /// The key holder's secret seed (from keygen).
    #[arg(long, value_name = "FILE")]
    key: PathBuf,
    /// The epoch whose key is used; the request must name the same.
    #[arg(long, value_name = "LABEL")]
    epoch: String,
    /// The organisation's request (from blind).
    #[arg(long, value_name = "FILE")]
    request: PathBuf,
    /// The organisation the request came from, as the key holder knows it from the
    /// authenticated channel it arrived by (not from the file): quotas are counted on it, and the
    /// request's own label must agree.
    #[arg(long, value_name = "LABEL")]
    requester: String,
    /// Where to write the response.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// The evaluation log (CSV, appended; created when missing). Quotas are counted on it.
    #[arg(long, value_name = "FILE")]
    evaluation_log: PathBuf,
    /// The most elements one organisation may have evaluated in one epoch, all requests
    /// together.
    #[arg(long, value_name = "N", default_value_t = 10_000)]
    quota: usize,
}

#[derive(Debug, Args)]
pub(crate) struct FinalizeArgs {
    /// The state written by blind.
    #[arg(long, value_name = "FILE")]
    state: PathBuf,
    /// The key holder's response.
    #[arg(long, value_name = "FILE")]
    response: PathBuf,
    /// The shared index to write.
    #[arg(long, value_name = "FILE")]
    index: PathBuf,
    /// The private index to write (record ids; stays with the organisation).
    #[arg(long, value_name = "FILE")]
    private: PathBuf,
    /// Round the number of entries of each kind up to a multiple of N with random values (which
    /// look like real ones and never hit), so that peers learn the counts only to within N.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pad_to_multiple: usize,
}

#[derive(Debug, Args)]
pub(crate) struct CompareArgs {
    /// One's own private index (from finalize).
    #[arg(long, value_name = "FILE")]
    private: PathBuf,
    /// A peer's shared index; repeat for several peers.
    #[arg(long, value_name = "FILE", required = true)]
    theirs: Vec<PathBuf>,
    /// Write the hits here (CSV: record_id,kind,held_by) instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlindRole {
    Phone,
    Account,
    Passport,
    PassportCountry,
    FullName,
    GivenName,
    FamilyName,
    BirthDate,
}

const BLIND_ROLES: [(&str, BlindRole); 8] = [
    ("phone", BlindRole::Phone),
    ("account_number", BlindRole::Account),
    ("passport", BlindRole::Passport),
    ("passport_country", BlindRole::PassportCountry),
    ("full_name", BlindRole::FullName),
    ("given_name", BlindRole::GivenName),
    ("family_name", BlindRole::FamilyName),
    ("birth_date", BlindRole::BirthDate),
];

fn parse_blind_map(s: &str) -> Result<Vec<(BlindRole, String)>, String> {
    s.split(',')
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            let (role, column) =
                p.split_once('=').ok_or_else(|| format!("{p:?} is not ROLE=COLUMN (e.g. phone=mobile)"))?;
            let role =
                BLIND_ROLES.iter().find(|(n, _)| *n == role.trim()).map(|(_, r)| *r).ok_or_else(|| {
                    let names: Vec<&str> = BLIND_ROLES.iter().map(|(n, _)| *n).collect();
                    format!("unknown role {role:?} (the roles are {})", names.join(", "))
                })?;
            if column.trim().is_empty() {
                return Err(format!("{p:?} names no column"));
            }
            Ok((role, column.trim().to_owned()))
        })
        .collect()
}

pub(crate) fn run(c: BlindCommand) -> anyhow::Result<ExitCode> {
    match c {
        BlindCommand::Keygen(a) => keygen(a),
        BlindCommand::Blind(a) => blind_file(a),
        BlindCommand::Evaluate(a) => evaluate(a),
        BlindCommand::Finalize(a) => finalize(a),
        BlindCommand::Compare(a) => compare(a),
    }
}

fn create_new(path: &Path) -> anyhow::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path)
        .with_context(|| format!("cannot create {} (an existing file is never overwritten)", path.display()))
}

fn keygen(a: KeygenArgs) -> anyhow::Result<ExitCode> {
    let seed = blind::generate_seed(&mut OsRng);
    let mut f = create_new(&a.out)?;
    writeln!(f, "{}", to_hex(&seed))?;
    eprintln!("{}: a new secret seed; keep it on the key holder's machine only", a.out.display());
    Ok(ExitCode::SUCCESS)
}

fn writer(path: &Path) -> anyhow::Result<csv::Writer<std::fs::File>> {
    Ok(csv::Writer::from_writer(
        std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
    ))
}

fn reader(path: &Path) -> anyhow::Result<(csv::Reader<std::fs::File>, csv::StringRecord)> {
    let file = path.display().to_string();
    let mut r = csv::ReaderBuilder::new()
        .flexible(false)
        .from_path(path)
        .with_context(|| format!("cannot read {file}"))?;
    let headers = r.headers().with_context(|| format!("{file}, line 1: cannot read the header"))?.clone();
    Ok((r, headers))
}

/// The rows of a CSV file with the expected columns, by name, each with its line.
fn rows(path: &Path, expected: &[&str]) -> anyhow::Result<Vec<(u64, Vec<String>)>> {
    let file = path.display().to_string();
    let (mut r, headers) = reader(path)?;
    let cols: Vec<usize> = expected
        .iter()
        .map(|c| {
            headers.iter().position(|h| h.trim() == *c).with_context(|| {
                format!("{file}, line 1: no column named {c:?} (expected {})", expected.join(","))
            })
        })
        .collect::<anyhow::Result<_>>()?;
    let mut out = Vec::new();
    for rec in r.records() {
        let rec = rec.map_err(|e| {
            let (line, field, message) = input::describe(&e, &headers);
            anyhow::anyhow!(
                "{file}, line {line}{}: {message}",
                field.map(|f| format!(", field {f}")).unwrap_or_default()
            )
        })?;
        let line = rec.position().map_or(0, csv::Position::line);
        out.push((line, cols.iter().map(|c| rec[*c].trim().to_owned()).collect()));
    }
    Ok(out)
}

/// The rows of a file of the exchange (request, response, state, shared or private index): as
/// [`rows`], and each row's `protocol` must be this version's ([`blind::PROTOCOL_NAME`]), since
/// values of two versions never match and comparing them would report "no hit" falsely.
fn protocol_rows(path: &Path, expected: &[&str]) -> anyhow::Result<Vec<(u64, Vec<String>)>> {
    let file = path.display().to_string();
    let (_, headers) = reader(path)?;
    if !headers.iter().any(|h| h.trim() == "protocol") {
        bail!(
            "{file}, line 1: no column named \"protocol\": written by an earlier version of the \
             hit/no-hit protocol (v1) or not a file of the exchange; values of another version never \
             match, so build it again with this one ({})",
            blind::PROTOCOL_NAME
        );
    }
    let mut with: Vec<&str> = expected.to_vec();
    with.push("protocol");
    let mut out = rows(path, &with)?;
    for (line, row) in &mut out {
        let protocol = row.pop().unwrap_or_default();
        if protocol != blind::PROTOCOL_NAME {
            bail!(
                "{file}, line {line}, field protocol: {protocol:?}, but this version speaks {:?}; \
                 values of two versions never match: build the file again with this version",
                blind::PROTOCOL_NAME
            );
        }
    }
    Ok(out)
}

fn blind_file(a: BlindArgs) -> anyhow::Result<ExitCode> {
    let map: Vec<(BlindRole, String)> = a.map.iter().flatten().cloned().collect();
    let has = |r: BlindRole| map.iter().any(|(m, _)| *m == r);
    if has(BlindRole::Phone) {
        check_region(&a.phone_region)?;
    }
    if has(BlindRole::Passport) && !has(BlindRole::PassportCountry) && a.passport_country.is_none() {
        bail!("--map passport=…: the issuing country is needed (map passport_country=COLUMN or give --passport-country CC)");
    }
    let names = has(BlindRole::FullName) || has(BlindRole::GivenName) || has(BlindRole::FamilyName);
    if names != has(BlindRole::BirthDate) {
        bail!("--map: the name + birth year selector needs a name (full_name, or given_name and family_name) and birth_date");
    }
    if a.organisation.trim().is_empty() || a.epoch.trim().is_empty() {
        bail!("--organisation and --epoch must not be empty");
    }
    let mut problems = Problems::new(a.problems.as_deref())?;
    let (found, unreadable) = if map.is_empty() {
        check_region(&a.phone_region)?;
        (ftm_selectors(&a, &mut problems)?, 0)
    } else {
        csv_selectors(&a, &map, &mut problems)?
    };
    write_request(&a, found, problems, unreadable)
}

/// The selectors of FtM entities, one JSON object per line. A malformed line stops everything,
/// naming its line and property.
fn ftm_selectors(a: &BlindArgs, problems: &mut Problems) -> anyhow::Result<Vec<(String, Selector)>> {
    use std::io::BufRead;
    let file = a.input.display().to_string();
    let reader = std::io::BufReader::new(
        std::fs::File::open(&a.input).with_context(|| format!("cannot read {file}"))?,
    );
    let mut found = Vec::new();
    for (i, line) in reader.lines().enumerate() {
        let line_no = i as u64 + 1;
        let line = line.with_context(|| format!("{file}, line {line_no}: cannot read"))?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(&line).with_context(|| format!("{file}, line {line_no}: not valid JSON"))?;
        let id = v.get("id").and_then(|i| i.as_str()).map(str::trim).filter(|i| !i.is_empty());
        let Some(id) = id else {
            bail!("{file}, line {line_no}, field id: every entity needs an id (a non-empty string)");
        };
        let props = match v.get("properties") {
            None => serde_json::Map::new(),
            Some(serde_json::Value::Object(m)) => m.clone(),
            Some(_) => bail!("{file}, line {line_no}, field properties: must be an object of lists"),
        };
        let get = |p: &str| -> anyhow::Result<Vec<String>> {
            match props.get(p) {
                None => Ok(Vec::new()),
                Some(serde_json::Value::Array(items)) => items
                    .iter()
                    .filter(|x| !x.is_object())
                    .map(|x| {
                        x.as_str().map(|s| s.trim().to_owned()).with_context(|| {
                            format!("{file}, line {line_no}, field {p}: an FtM property is a list of strings")
                        })
                    })
                    .filter(|s| !matches!(s, Ok(s) if s.is_empty()))
                    .collect(),
                Some(_) => bail!("{file}, line {line_no}, field {p}: an FtM property is a list of strings"),
            }
        };
        let mut selectors: Vec<(&str, Result<Selector, blind::BlindError>)> = Vec::new();
        for v in get("phone")? {
            selectors.push(("phone", Selector::phone(&v, &a.phone_region)));
        }
        for p in ["iban", "accountNumber"] {
            for v in get(p)? {
                selectors.push((p, Selector::account(&v)));
            }
        }
        let mut countries = get("nationality")?;
        countries.extend(get("country")?);
        let country = countries.into_iter().find(|c| c.len() == 2).or(a.passport_country.clone());
        for v in get("passportNumber")? {
            match &country {
                Some(cc) => selectors.push(("passportNumber", Selector::passport(&v, cc))),
                None => problems.report(
                    &file,
                    line_no,
                    Some("passportNumber"),
                    &format!("entity {id}: no issuing country (nationality, country or --passport-country); not indexed"),
                )?,
            }
        }
        let births = get("birthDate")?;
        for p in ["name", "alias"] {
            for name in get(p)? {
                for b in &births {
                    selectors.push((p, Selector::name_birth(&PersonName::full(&name), b)));
                }
            }
        }
        for (p, s) in selectors {
            match s {
                Ok(s) => found.push((id.to_owned(), s)),
                Err(e) => {
                    problems.report(&file, line_no, Some(p), &format!("entity {id}: {e}; not indexed"))?
                }
            }
        }
    }
    Ok(found)
}

/// The selectors of a CSV file's rows, and the number of rows that could not be read.
fn csv_selectors(
    a: &BlindArgs,
    map: &[(BlindRole, String)],
    problems: &mut Problems,
) -> anyhow::Result<(Vec<(String, Selector)>, usize)> {
    let has = |r: BlindRole| map.iter().any(|(m, _)| *m == r);
    let names = has(BlindRole::FullName) || has(BlindRole::GivenName) || has(BlindRole::FamilyName);
    let file = a.input.display().to_string();
    let (mut r, headers) = reader(&a.input)?;
    let role_map: Vec<(praxis_match::Role, String)> = Vec::new();
    let (id_col, _) = input::columns(&file, &headers, a.id.as_deref().unwrap_or_default(), &role_map)?;
    let mut mapped = Vec::new();
    for (role, column) in map {
        let i = headers.iter().position(|h| h.trim() == column).with_context(|| {
            format!(
                "{file}, line 1: no column named {column:?} (the columns are: {})",
                headers.iter().collect::<Vec<_>>().join(", ")
            )
        })?;
        mapped.push((*role, i));
    }
    let mut found: Vec<(String, Selector)> = Vec::new();
    let mut unreadable = 0;
    let mut row = csv::StringRecord::new();
    loop {
        match r.read_record(&mut row) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                unreadable += 1;
                let (line, field, message) = input::describe(&e, &headers);
                problems.report(&file, line, field.as_deref(), &message)?;
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    break;
                }
                continue;
            }
        }
        let line = row.position().map_or(0, csv::Position::line);
        let id = row[id_col].trim().to_owned();
        if id.is_empty() {
            unreadable += 1;
            problems.report(&file, line, Some(&headers[id_col]), "empty record id; row not indexed")?;
            continue;
        }
        let values = |role: BlindRole| -> Vec<(usize, &str)> {
            mapped
                .iter()
                .filter(|(r, _)| *r == role)
                .map(|(_, c)| (*c, row[*c].trim()))
                .filter(|(_, v)| !v.is_empty())
                .collect()
        };
        let mut selectors: Vec<(Option<usize>, Result<Selector, blind::BlindError>)> = Vec::new();
        for (c, v) in values(BlindRole::Phone) {
            selectors.push((Some(c), Selector::phone(v, &a.phone_region)));
        }
        for (c, v) in values(BlindRole::Account) {
            selectors.push((Some(c), Selector::account(v)));
        }
        let country = values(BlindRole::PassportCountry)
            .first()
            .map(|(_, v)| (*v).to_owned())
            .or(a.passport_country.clone());
        for (c, v) in values(BlindRole::Passport) {
            match &country {
                Some(cc) => selectors.push((Some(c), Selector::passport(v, cc))),
                None => problems.report(
                    &file,
                    line,
                    Some(&headers[c]),
                    "no issuing country for this passport; not indexed",
                )?,
            }
        }
        if names {
            let join = |role| values(role).iter().map(|(_, v)| *v).collect::<Vec<_>>().join(" ");
            let (full, given, family) =
                (join(BlindRole::FullName), join(BlindRole::GivenName), join(BlindRole::FamilyName));
            let name = if !full.is_empty() {
                PersonName::full(&full)
            } else if !given.is_empty() && !family.is_empty() {
                PersonName::parts(&given, &family)
            } else {
                PersonName::full(&format!("{given} {family}"))
            };
            let name_col = mapped
                .iter()
                .find(|(r, _)| {
                    matches!(r, BlindRole::FullName | BlindRole::GivenName | BlindRole::FamilyName)
                })
                .map(|(_, c)| *c);
            let birth = values(BlindRole::BirthDate).first().map(|(_, v)| (*v).to_owned());
            match birth {
                Some(b) => selectors.push((name_col, Selector::name_birth(&name, &b))),
                None if full.is_empty() && given.is_empty() && family.is_empty() => {}
                None => problems.report(
                    &file,
                    line,
                    None,
                    "a name without a birth date: no name + birth year selector",
                )?,
            }
        }
        for (col, s) in selectors {
            match s {
                Ok(s) => found.push((id.clone(), s)),
                Err(e) => {
                    problems.report(&file, line, col.map(|c| &headers[c]), &format!("{e}; not indexed"))?
                }
            }
        }
    }
    Ok((found, unreadable))
}

fn write_request(
    a: &BlindArgs,
    mut found: Vec<(String, Selector)>,
    problems: Problems,
    unreadable: usize,
) -> anyhow::Result<ExitCode> {
    let file = a.input.display().to_string();
    let n_problems = problems.finish()?;
    found.sort();
    found.dedup();
    // (blinded, record id, selector, state), sorted by the blinded element, which is uniformly
    // random: the order says nothing of the rows.
    let mut out: Vec<([u8; 32], String, Selector, BlindState)> = Vec::with_capacity(found.len());
    for (id, s) in found {
        let (state, blinded) = blind::blind(&s, &mut OsRng)?;
        out.push((blinded, id, s, state));
    }
    out.sort_by_key(|x| x.0);
    let (org, epoch) = (a.organisation.trim(), a.epoch.trim());
    let mut req = writer(&a.request)?;
    req.write_record(["organisation", "epoch", "blinded", "protocol"])?;
    let mut state = csv::Writer::from_writer(create_new_or_replace(&a.state)?);
    state.write_record([
        "organisation",
        "epoch",
        "record_id",
        "kind",
        "selector",
        "blind",
        "blinded",
        "protocol",
    ])?;
    let mut per_kind: BTreeMap<SelectorKind, usize> = BTreeMap::new();
    for (blinded, id, s, st) in &out {
        let b = to_hex(blinded);
        req.write_record([org, epoch, &b, blind::PROTOCOL_NAME])?;
        state.write_record([
            org,
            epoch,
            id,
            s.kind().name(),
            s.value(),
            &to_hex(&st.to_bytes()),
            &b,
            blind::PROTOCOL_NAME,
        ])?;
        *per_kind.entry(s.kind()).or_default() += 1;
    }
    req.flush()?;
    state.flush()?;
    let kinds: Vec<String> = per_kind.iter().map(|(k, n)| format!("{k}: {n}")).collect();
    eprintln!(
        "{} selectors blinded ({}); {n_problems} problems; send {} to the key holder, keep {} here",
        out.len(),
        kinds.join(", "),
        a.request.display(),
        a.state.display()
    );
    if unreadable > 0 {
        bail!("{unreadable} rows of {file} could not be read (their lines are listed above)");
    }
    Ok(ExitCode::SUCCESS)
}

/// A secret file, readable by its owner only (replaced when it exists).
fn create_new_or_replace(path: &Path) -> anyhow::Result<std::fs::File> {
    if path.exists() {
        std::fs::remove_file(path).with_context(|| format!("cannot replace {}", path.display()))?;
    }
    create_new(path)
}

fn read_seed(path: &Path) -> anyhow::Result<Vec<u8>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    match from_hex(text.trim()) {
        Some(b) if b.len() == SEED_LEN => Ok(b),
        _ => bail!("{}: not a key holder's seed ({SEED_LEN} bytes in hex, as keygen writes)", path.display()),
    }
}

fn now() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| "?".to_owned())
}

fn evaluate(a: EvaluateArgs) -> anyhow::Result<ExitCode> {
    let key = KeyHolder::new(&read_seed(&a.key)?, &a.epoch)?;
    let file = a.request.display().to_string();
    let request = protocol_rows(&a.request, &["organisation", "epoch", "blinded"])?;
    let Some((_, first)) = request.first() else {
        bail!("{file}: an empty request");
    };
    let org = first[0].clone();
    if org != a.requester.trim() {
        bail!(
            "{file}, line 2, field organisation: the request says {org:?} but came from {:?} (--requester); refused",
            a.requester.trim()
        );
    }
    let mut elements = Vec::with_capacity(request.len());
    for (line, row) in &request {
        if row[0] != org {
            bail!("{file}, line {line}, field organisation: {:?} where the request began with {org:?}; one organisation per request", row[0]);
        }
        if row[1] != key.epoch() {
            bail!(
                "{file}, line {line}, field epoch: {:?}, but this evaluation is for epoch {:?}",
                row[1],
                key.epoch()
            );
        }
        let bytes =
            from_hex(&row[2]).with_context(|| format!("{file}, line {line}, field blinded: not hex"))?;
        elements.push((row[2].clone(), bytes, *line));
    }
    // The quota: every element evaluated for this organisation in this epoch, from the log.
    let log_header = ["time", "organisation", "epoch", "elements", "outcome"];
    let mut used = 0usize;
    if a.evaluation_log.exists() {
        for (line, row) in rows(&a.evaluation_log, &log_header)? {
            if row[1] == org && row[2] == key.epoch() && row[4] == "evaluated" {
                used += row[3].parse::<usize>().with_context(|| {
                    format!("{}, line {line}, field elements: not a count", a.evaluation_log.display())
                })?;
            }
        }
    }
    let mut log = {
        let exists = a.evaluation_log.exists();
        let f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&a.evaluation_log)
            .with_context(|| format!("cannot write {}", a.evaluation_log.display()))?;
        let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(f);
        if !exists {
            w.write_record(log_header)?;
        }
        w
    };
    let n = elements.len();
    if used + n > a.quota {
        log.write_record([now().as_str(), &org, key.epoch(), &n.to_string(), "refused: quota"])?;
        log.flush()?;
        bail!(
            "{org:?} has had {used} selectors evaluated in epoch {:?}; {n} more would exceed the quota of {}: refused (logged in {})",
            key.epoch(),
            a.quota,
            a.evaluation_log.display()
        );
    }
    let mut evaluated = Vec::with_capacity(n);
    for (hex, bytes, line) in &elements {
        let e = key.evaluate(bytes).with_context(|| format!("{file}, line {line}, field blinded"))?;
        evaluated.push((hex.clone(), to_hex(&e)));
    }
    let mut w = writer(&a.out)?;
    w.write_record(["epoch", "blinded", "evaluated", "protocol"])?;
    for (b, e) in &evaluated {
        w.write_record([key.epoch(), b, e, blind::PROTOCOL_NAME])?;
    }
    w.flush()?;
    log.write_record([now().as_str(), &org, key.epoch(), &n.to_string(), "evaluated"])?;
    log.flush()?;
    eprintln!(
        "{n} selectors of {org:?} evaluated for epoch {:?} ({} of the quota of {} used); response in {}",
        key.epoch(),
        used + n,
        a.quota,
        a.out.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn finalize(a: FinalizeArgs) -> anyhow::Result<ExitCode> {
    let state = protocol_rows(
        &a.state,
        &["organisation", "epoch", "record_id", "kind", "selector", "blind", "blinded"],
    )?;
    let response = protocol_rows(&a.response, &["epoch", "blinded", "evaluated"])?;
    let (sf, rf) = (a.state.display().to_string(), a.response.display().to_string());
    let by_blinded: BTreeMap<&str, (&u64, &str, &str)> =
        response.iter().map(|(l, r)| (r[1].as_str(), (l, r[0].as_str(), r[2].as_str()))).collect();
    let mut shared: Vec<IndexEntry> = Vec::new();
    let mut private: Vec<(String, SelectorKind, IndexValue, String)> = Vec::new();
    let mut epoch_seen: Option<String> = None;
    for (line, row) in &state {
        let (org, epoch, id, kind, value, blind_hex, blinded) =
            (&row[0], &row[1], &row[2], &row[3], &row[4], &row[5], &row[6]);
        let Some((rline, repoch, evaluated)) = by_blinded.get(blinded.as_str()) else {
            bail!("{sf}, line {line}: no answer in {rf} for this selector; ask the key holder to evaluate the whole request");
        };
        if *repoch != epoch {
            bail!("{rf}, line {rline}, field epoch: {repoch:?}, but the request was for {epoch:?}");
        }
        if epoch_seen.get_or_insert_with(|| epoch.clone()) != epoch {
            bail!("{sf}, line {line}, field epoch: more than one epoch in one state file");
        }
        let kind: SelectorKind = kind.parse().with_context(|| format!("{sf}, line {line}, field kind"))?;
        let selector = Selector::from_parts(kind, value)
            .with_context(|| format!("{sf}, line {line}, field selector"))?;
        let st = from_hex(blind_hex)
            .ok_or_else(|| anyhow::anyhow!("not hex"))
            .and_then(|b| BlindState::from_bytes(&b).map_err(anyhow::Error::from))
            .with_context(|| format!("{sf}, line {line}, field blind"))?;
        let e =
            from_hex(evaluated).with_context(|| format!("{rf}, line {rline}, field evaluated: not hex"))?;
        let v = blind::finalize(&selector, &st, &e)
            .with_context(|| format!("{rf}, line {rline}, field evaluated"))?;
        shared.push(IndexEntry { organisation: org.clone(), kind, value: v });
        private.push((id.clone(), kind, v, epoch.clone()));
    }
    let epoch = epoch_seen.unwrap_or_default();
    shared.sort();
    shared.dedup();
    let real = shared.len();
    if a.pad_to_multiple > 1 {
        let org = shared.first().map(|e| e.organisation.clone()).unwrap_or_default();
        for kind in SelectorKind::ALL {
            let n = shared.iter().filter(|e| e.kind == kind).count();
            let padded = n.div_ceil(a.pad_to_multiple) * a.pad_to_multiple;
            for _ in n..padded {
                let mut v = [0u8; blind::VALUE_LEN];
                rand_core::RngCore::fill_bytes(&mut OsRng, &mut v);
                shared.push(IndexEntry { organisation: org.clone(), kind, value: IndexValue(v) });
            }
        }
        shared.sort();
    }
    let mut w = writer(&a.index)?;
    w.write_record(["organisation", "epoch", "kind", "value", "protocol"])?;
    for e in &shared {
        w.write_record([
            e.organisation.as_str(),
            &epoch,
            e.kind.name(),
            &e.value.to_hex(),
            blind::PROTOCOL_NAME,
        ])?;
    }
    w.flush()?;
    let mut p = csv::Writer::from_writer(create_new_or_replace(&a.private)?);
    p.write_record(["record_id", "kind", "value", "epoch", "protocol"])?;
    for (id, k, v, ep) in &private {
        p.write_record([id.as_str(), k.name(), &v.to_hex(), ep, blind::PROTOCOL_NAME])?;
    }
    p.flush()?;
    eprintln!(
        "{real} index entries ({} with padding) for epoch {epoch:?}: share {} with peers, keep {} here",
        shared.len(),
        a.index.display(),
        a.private.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn compare(a: CompareArgs) -> anyhow::Result<ExitCode> {
    let pf = a.private.display().to_string();
    let mine_rows = protocol_rows(&a.private, &["record_id", "kind", "value", "epoch"])?;
    let mut epoch: Option<String> = None;
    let mut ids = Vec::new();
    let mut mine = Vec::new();
    for (line, r) in &mine_rows {
        if epoch.get_or_insert_with(|| r[3].clone()) != &r[3] {
            bail!("{pf}, line {line}, field epoch: more than one epoch in one index");
        }
        let kind: SelectorKind = r[1].parse().with_context(|| format!("{pf}, line {line}, field kind"))?;
        let value = IndexValue::from_hex(&r[2])
            .with_context(|| format!("{pf}, line {line}, field value: not 64 hex digits"))?;
        ids.push(r[0].clone());
        mine.push((kind, value));
    }
    let epoch = epoch.unwrap_or_default();
    let mut theirs = Vec::new();
    for path in &a.theirs {
        let f = path.display().to_string();
        for (line, r) in protocol_rows(path, &["organisation", "epoch", "kind", "value"])? {
            if r[1] != epoch {
                bail!("{f}, line {line}, field epoch: {:?}, but {pf} is of epoch {epoch:?}: indexes of different epochs cannot be compared", r[1]);
            }
            let kind: SelectorKind = r[2].parse().with_context(|| format!("{f}, line {line}, field kind"))?;
            let value = IndexValue::from_hex(&r[3])
                .with_context(|| format!("{f}, line {line}, field value: not 64 hex digits"))?;
            if r[0].is_empty() {
                bail!("{f}, line {line}, field organisation: empty");
            }
            theirs.push(IndexEntry { organisation: r[0].clone(), kind, value });
        }
    }
    let hits = blind::compare(&mine, &theirs);
    let mut w = input::sink(a.out.as_deref())?;
    w.write_record(["record_id", "kind", "held_by"])?;
    for h in &hits {
        w.write_record([ids[h.mine].as_str(), h.kind.name(), &h.held_by])?;
    }
    w.flush()?;
    eprintln!(
        "{} of own entries compared with {} entries of {} peer indexes (epoch {epoch:?}): {} hits",
        mine.len(),
        theirs.len(),
        a.theirs.len(),
        hits.len()
    );
    Ok(ExitCode::SUCCESS)
}
