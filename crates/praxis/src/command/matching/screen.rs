//! `praxis match screen`: queries (CSV or FtM JSON lines) against a watch list in FtM JSON lines.

use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::{Args, ValueEnum};
use praxis_match::screen::{
    read_ftm, Candidate, FtmRead, Profile, ScreenOptions, WatchList, DEFAULT_KEEP_ABOVE,
    DEFAULT_SCREEN_THRESHOLD,
};
use praxis_match::{CompareOptions, RecordOptions, Role};
use serde_json::json;

use super::input::{self, Problems};
use super::resolve::{check_region, flatten, parse_role_map, RoleMap};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct ScreenArgs {
    /// The watch list: FollowTheMoney entities, one JSON object per line (as OpenSanctions
    /// publishes them). Person, Organization, Company and LegalEntity are screened against;
    /// other schemata (Sanction, Address …) are counted and left aside.
    #[arg(long, value_name = "FILE.ftm.jsonl")]
    list: PathBuf,
    /// The people and organisations to screen: a CSV file with --id and --map, or FtM JSON lines
    /// when no --map is given.
    #[arg(long, value_name = "FILE")]
    input: PathBuf,
    /// The CSV column holding each query's id.
    #[arg(long, value_name = "COLUMN", requires = "map")]
    id: Option<String>,
    /// The role a CSV column plays: ROLE=COLUMN, repeated or separated by commas. Used here:
    /// full_name, given_name, family_name, org_name, birth_date, id_number (passport, national
    /// identity, registration numbers), account_number, phone, email, country (an ISO code such as
    /// PK).
    #[arg(long = "map", value_name = "ROLE=COLUMN", value_parser = parse_role_map, requires = "id")]
    map: Vec<RoleMap>,
    /// Write the results here: CSV, or JSON when the name ends in .json (or with --format).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// The output format (by default JSON for an --out ending in .json, else CSV).
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// At most this many candidates per query, best first.
    #[arg(long, value_name = "N", default_value_t = 5)]
    top: usize,
    /// The score at or above which a candidate is a match (match = 1).
    #[arg(long, value_name = "T", default_value_t = DEFAULT_SCREEN_THRESHOLD, value_parser = super::parse_threshold)]
    threshold: f64,
    /// Candidates scoring below this are not written.
    #[arg(long, value_name = "S", default_value_t = DEFAULT_KEEP_ABOVE, value_parser = super::parse_threshold)]
    keep_above: f64,
    /// Screen with the valid lines of a watch list (or FtM query file) that has malformed lines,
    /// after reporting them. Without it, a malformed line stops the command before anything is
    /// written: nothing is skipped silently.
    #[arg(long)]
    skip_invalid: bool,
    /// Write every problem found in the input here (CSV: file,line,field,problem); only the
    /// first 50 are printed.
    #[arg(long, value_name = "FILE")]
    problems: Option<PathBuf>,
    /// The region (ISO 3166-1 alpha-2) phone numbers without a country code are read in.
    #[arg(long, value_name = "CC", default_value = "PK")]
    phone_region: String,
    /// Compare names without the dictionary of spelling variants (Mohd, Md, Mohammed → muhammad).
    #[arg(long)]
    no_name_dictionary: bool,
    /// A name-part key shared by more watch-list entities than this is used only paired with
    /// another part of the same name.
    #[arg(long, value_name = "N", default_value_t = ScreenOptions::default().max_block)]
    max_block: usize,
}

/// Read an FtM file; report its problems; refuse malformed lines unless `skip_invalid`.
fn load_ftm(
    path: &Path,
    options: &RecordOptions,
    skip_invalid: bool,
    problems: &mut Problems,
) -> anyhow::Result<FtmRead> {
    let file = path.display().to_string();
    let reader = BufReader::new(std::fs::File::open(path).with_context(|| format!("cannot read {file}"))?);
    let read = read_ftm(reader, options).with_context(|| format!("cannot read {file}"))?;
    let malformed = read.problems.iter().filter(|p| p.malformed).count();
    for p in &read.problems {
        let mut message = p.message.clone();
        if let Some(e) = &p.entity {
            message = format!("entity {e}: {message}");
        }
        if p.malformed {
            message.push_str(if skip_invalid {
                "; line skipped (--skip-invalid)"
            } else {
                "; line not used"
            });
        }
        problems.report(&file, p.line, p.property.as_deref(), &message)?;
    }
    if malformed > 0 && !skip_invalid {
        bail!(
            "{file}: {malformed} malformed lines (listed above with their line and property); nothing was screened. \
             Correct them, or pass --skip-invalid to screen with the valid lines"
        );
    }
    Ok(read)
}

/// A query and the line it came from.
struct Query {
    profile: Profile,
    line: u64,
}

fn load_csv(
    path: &Path,
    id: &str,
    map: &[(Role, String)],
    options: &RecordOptions,
    problems: &mut Problems,
) -> anyhow::Result<(Vec<Query>, usize)> {
    let file = path.display().to_string();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_path(path)
        .with_context(|| format!("cannot read {file}"))?;
    let headers =
        reader.headers().with_context(|| format!("{file}, line 1: cannot read the header"))?.clone();
    let (id_col, mapped) = input::columns(&file, &headers, id, map)?;
    let mut out = Vec::new();
    let mut unreadable = 0;
    let mut row = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut row) {
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
        let qid = row[id_col].trim();
        if qid.is_empty() {
            unreadable += 1;
            problems.report(&file, line, Some(&headers[id_col]), "empty query id; row not screened")?;
            continue;
        }
        let values: Vec<(Role, &str)> = mapped.iter().map(|(r, c)| (*r, &row[*c])).collect();
        let (mut profile, found) = Profile::from_values(qid, &values, options);
        profile.line = line;
        for p in found {
            problems.report(&file, line, Some(&headers[mapped[p.index].1]), &p.message)?;
        }
        if profile.names.is_empty() {
            let names: Vec<&str> = mapped
                .iter()
                .filter(|(r, _)| {
                    matches!(r, Role::FullName | Role::GivenName | Role::FamilyName | Role::OrgName)
                })
                .map(|(_, c)| &headers[*c])
                .collect();
            let field = if names.is_empty() { None } else { Some(names.join("+")) };
            problems.report(
                &file,
                line,
                field.as_deref(),
                "no usable name (empty, without letters of any script, or only honorifics): not screened, never matched",
            )?;
        }
        out.push(Query { profile, line });
    }
    Ok((out, unreadable))
}

pub(crate) fn screen(a: ScreenArgs) -> anyhow::Result<ExitCode> {
    let map = flatten(&a.map);
    let csv_input = !map.is_empty();
    if csv_input {
        let id = a.id.as_deref().unwrap_or_default();
        input::check_header(&a.input, id, &map)?;
        if !map
            .iter()
            .any(|(r, _)| matches!(r, Role::FullName | Role::GivenName | Role::FamilyName | Role::OrgName))
        {
            bail!("--map: map at least one name (full_name, given_name, family_name or org_name): screening matches names");
        }
    }
    check_region(&a.phone_region)?;
    let options = RecordOptions {
        phone_region: a.phone_region.clone(),
        names: CompareOptions { name_dictionary: !a.no_name_dictionary },
    };
    let format = a.format.unwrap_or(match &a.out {
        Some(p) if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")) => Format::Json,
        _ => Format::Csv,
    });
    let started = std::time::Instant::now();
    let mut problems = Problems::new(a.problems.as_deref())?;
    let list = load_ftm(&a.list, &options, a.skip_invalid, &mut problems)?;
    let (queries, unreadable) = if csv_input {
        load_csv(&a.input, a.id.as_deref().unwrap_or_default(), &map, &options, &mut problems)?
    } else {
        let read = load_ftm(&a.input, &options, a.skip_invalid, &mut problems)?;
        let queries = read.entities.into_iter().map(|p| Query { line: p.line, profile: p }).collect();
        (queries, 0)
    };
    let n_problems = problems.finish()?;
    eprintln!(
        "{}: {} entities screened against ({} of other schemata left aside, {} without a usable name)",
        a.list.display(),
        list.entities.len(),
        list.other_schemata,
        list.without_names
    );
    let watch = WatchList::new(list.entities);
    let screen_options = ScreenOptions {
        threshold: a.threshold,
        keep_above: a.keep_above,
        top: a.top,
        max_block: a.max_block,
    };
    let profiles: Vec<Profile> = queries.iter().map(|q| q.profile.clone()).collect();
    let results = watch.screen_all(&profiles, &screen_options);

    let sink: Box<dyn Write> = match &a.out {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    match format {
        Format::Csv => write_csv(sink, &watch, &queries, &results, &screen_options)?,
        Format::Json => write_json(sink, &watch, &queries, &results, &screen_options, &a)?,
    }
    let screened = queries.iter().filter(|q| !q.profile.names.is_empty()).count();
    let with_match = results.iter().filter(|c| c.iter().any(|c| c.is_match)).count();
    let with_candidate = results.iter().filter(|c| !c.is_empty()).count();
    eprintln!(
        "{} queries read, {screened} screened, {with_candidate} with candidates, {with_match} with a match at threshold {}; {n_problems} problems in the input; {:.2} s",
        queries.len(),
        a.threshold,
        started.elapsed().as_secs_f64()
    );
    if unreadable > 0 {
        bail!("{unreadable} rows of {} could not be read (their lines are listed above)", a.input.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn write_csv(
    sink: Box<dyn Write>,
    watch: &WatchList,
    queries: &[Query],
    results: &[Vec<Candidate>],
    options: &ScreenOptions,
) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(sink);
    w.write_record([
        "query_id",
        "rank",
        "entity_id",
        "entity_schema",
        "entity_caption",
        "score",
        "match",
        "query_name",
        "matched_name",
        "matched_property",
        "explanation",
    ])?;
    for (q, found) in queries.iter().zip(results) {
        if q.profile.names.is_empty() {
            let why = "not screened: no usable name";
            w.write_record([q.profile.id.as_str(), "", "", "", "", "", "", "", "", "", why])?;
            continue;
        }
        if found.is_empty() {
            let why = format!("no candidate scoring {} or more", options.keep_above);
            w.write_record([q.profile.id.as_str(), "", "", "", "", "", "0", "", "", "", &why])?;
        }
        for (rank, c) in found.iter().enumerate() {
            let e = watch.entity(c.entity);
            w.write_record([
                q.profile.id.as_str(),
                &(rank + 1).to_string(),
                &e.id,
                &e.schema,
                &e.caption,
                &format!("{:.3}", c.score),
                if c.is_match { "1" } else { "0" },
                &c.query_name,
                &c.entity_name,
                c.property,
                &c.explanation(),
            ])?;
        }
    }
    w.flush()?;
    Ok(())
}

fn write_json(
    mut sink: Box<dyn Write>,
    watch: &WatchList,
    queries: &[Query],
    results: &[Vec<Candidate>],
    options: &ScreenOptions,
    a: &ScreenArgs,
) -> anyhow::Result<()> {
    let round = |x: f64| (x * 1000.0).round() / 1000.0;
    let out: Vec<serde_json::Value> = queries
        .iter()
        .zip(results)
        .map(|(q, found)| {
            let candidates: Vec<serde_json::Value> = found
                .iter()
                .enumerate()
                .map(|(rank, c)| {
                    let e = watch.entity(c.entity);
                    json!({
                        "rank": rank + 1,
                        "entity_id": e.id,
                        "entity_schema": e.schema,
                        "entity_caption": e.caption,
                        "score": round(c.score),
                        "match": c.is_match,
                        "query_name": c.query_name,
                        "matched_name": c.entity_name,
                        "matched_property": c.property,
                        "name_score": round(c.name_score),
                        "name_parts": c.names.explanation(),
                        "evidence": c.evidence.iter().map(|v| json!({
                            "field": v.field, "outcome": v.outcome, "weight": v.weight,
                        })).collect::<Vec<_>>(),
                        "explanation": c.explanation(),
                    })
                })
                .collect();
            json!({
                "query_id": q.profile.id,
                "line": q.line,
                "screened": !q.profile.names.is_empty(),
                "candidates": candidates,
            })
        })
        .collect();
    let doc = json!({
        "list": a.list.display().to_string(),
        "entities": watch.len(),
        "threshold": options.threshold,
        "keep_above": options.keep_above,
        "top": options.top,
        "queries": out,
    });
    serde_json::to_writer_pretty(&mut sink, &doc)?;
    writeln!(sink)?;
    sink.flush()?;
    Ok(())
}
