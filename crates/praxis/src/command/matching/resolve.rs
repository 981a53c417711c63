//! `praxis match dedupe` and `praxis match link`: whole records, from CSV files.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::Args;
use praxis_match::explain::explain;
use praxis_match::ident::{phone_e164, IdentError};
use praxis_match::linkage::ScoredPair;
use praxis_match::{CompareOptions, Dataset, LinkOptions, Linkage, Record, RecordOptions, Role};
use rayon::prelude::*;

use super::input::{self, parse_map, Problems};

/// `ROLE=COLUMN[,ROLE=COLUMN…]`, as given to `--map`.
#[derive(Debug, Clone)]
pub(crate) struct RoleMap(pub(crate) Vec<(Role, String)>);

pub(crate) fn parse_role_map(s: &str) -> Result<RoleMap, String> {
    parse_map(s).map(RoleMap)
}

pub(crate) fn flatten(maps: &[RoleMap]) -> Vec<(Role, String)> {
    maps.iter().flat_map(|m| m.0.iter().cloned()).collect()
}

fn parse_probability(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(t) if (0.0..=1.0).contains(&t) => Ok(t),
        _ => Err(format!("{s:?} is not a probability between 0 and 1")),
    }
}

/// What dedupe and link share.
#[derive(Debug, Args)]
pub(crate) struct ResolveArgs {
    /// The column holding each record's id; ids must be unique within a file.
    #[arg(long, value_name = "COLUMN")]
    id: String,
    /// The role a column plays: ROLE=COLUMN, repeated or separated by commas. The roles are
    /// given_name, family_name, full_name, birth_date, phone, email, address, city, postcode,
    /// region, country, id_number, account_number, org_name. Several columns may feed one role
    /// (address=street,address=suburb; phone=mobile,phone=landline).
    #[arg(long = "map", value_name = "ROLE=COLUMN", value_parser = parse_role_map, required = true)]
    map: Vec<RoleMap>,
    /// Write the scored candidate pairs here (CSV: left_id,right_id,score,match,weight,explanation)
    /// instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Write the clusters here (CSV: cluster_id,record_id; for a link cluster_id,side,record_id).
    #[arg(long, value_name = "FILE")]
    clusters: Option<PathBuf>,
    /// The match probability at or above which a pair is a match (match = 1).
    #[arg(long, default_value_t = praxis_match::DEFAULT_MATCH_PROBABILITY, value_parser = parse_probability)]
    threshold: f64,
    /// Write only the candidate pairs with at least this match probability (0 writes every
    /// candidate pair).
    #[arg(long, default_value_t = 0.01, value_parser = parse_probability)]
    keep_above: f64,
    /// Known true pairs (CSV, header line, first two columns: the ids of two records that are the
    /// same entity; for a link, left id then right id). Only reported against: blocking recall,
    /// precision, recall and F1. Never used to fit anything.
    #[arg(long, value_name = "FILE")]
    truth: Option<PathBuf>,
    /// Analysts' verdicts to respect (CSV with a header naming the columns left_id, right_id and
    /// verdict = confirmed or rejected; other columns, such as a note, are ignored): a rejected
    /// pair is never a match, a confirmed pair always is and joins its cluster. For a dedupe the
    /// two ids may come in either order.
    #[arg(long, value_name = "FILE")]
    judgements: Option<PathBuf>,
    /// Write the estimated model here (CSV: field,level,m,u,weight).
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
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
    /// A blocking key shared by more records than this is split by birth year (else postcode);
    /// the parts still larger are skipped (and reported).
    #[arg(long, value_name = "N", default_value_t = praxis_match::LinkOptions::default().max_block)]
    max_block: usize,
    /// The number of random pairs u is estimated on (every pair when there are fewer).
    #[arg(long, value_name = "N", default_value_t = praxis_match::LinkOptions::default().random_pairs)]
    random_pairs: usize,
}

#[derive(Debug, Args)]
pub(crate) struct DedupeArgs {
    /// The CSV file to deduplicate; its first line names the columns.
    #[arg(long, value_name = "FILE.csv")]
    input: PathBuf,
    #[command(flatten)]
    common: ResolveArgs,
}

#[derive(Debug, Args)]
pub(crate) struct LinkArgs {
    /// The left CSV file.
    #[arg(long, value_name = "FILE.csv")]
    left: PathBuf,
    /// The right CSV file.
    #[arg(long, value_name = "FILE.csv")]
    right: PathBuf,
    /// The id column of the right file, when it differs from --id.
    #[arg(long, value_name = "COLUMN")]
    right_id: Option<String>,
    /// The roles of the right file's columns, when they differ from --map (same form as --map;
    /// the same roles must be mapped on both sides).
    #[arg(long = "right-map", value_name = "ROLE=COLUMN", value_parser = parse_role_map)]
    right_map: Vec<RoleMap>,
    #[command(flatten)]
    common: ResolveArgs,
}

fn record_options(a: &ResolveArgs, map: &[(Role, String)]) -> anyhow::Result<RecordOptions> {
    // Loading the phone-number metadata takes a while: only when phones are compared.
    if map.iter().any(|(r, _)| *r == Role::Phone) {
        check_region(&a.phone_region)?;
    }
    Ok(RecordOptions {
        phone_region: a.phone_region.clone(),
        names: CompareOptions { name_dictionary: !a.no_name_dictionary },
    })
}

pub(crate) fn check_region(region: &str) -> anyhow::Result<()> {
    if let Err(e @ IdentError::UnknownRegion(_)) = phone_e164("0", region) {
        bail!("--phone-region: {e}");
    }
    Ok(())
}

fn link_options(a: &ResolveArgs) -> LinkOptions {
    LinkOptions {
        threshold: a.threshold,
        keep_above: a.keep_above,
        max_block: a.max_block,
        random_pairs: a.random_pairs,
        ..LinkOptions::default()
    }
}

pub(crate) fn dedupe(a: DedupeArgs) -> anyhow::Result<ExitCode> {
    let c = &a.common;
    let map = flatten(&c.map);
    input::check_header(&a.input, &c.id, &map)?;
    let options = record_options(c, &map)?;
    let mut problems = Problems::new(c.problems.as_deref())?;
    let started = std::time::Instant::now();
    let cache = praxis_match::NameCache::default();
    let loaded = input::load(&a.input, &c.id, &map, &options, &cache, &mut problems)?;
    drop(cache);
    let n_problems = problems.finish()?;
    let loaded_at = started.elapsed().as_secs_f64();
    let data = Dataset::new(loaded.records, &loaded.roles)?;
    let read = started.elapsed().as_secs_f64();
    let mut phases = vec![("reading and normalising", loaded_at), ("ordering by id", read - loaded_at)];
    let mut linkage = praxis_match::dedupe(&data, &link_options(c));
    apply_judgements(c, &mut linkage, &data, &data)?;
    let matched = started.elapsed().as_secs_f64() - read;
    let truth = match &c.truth {
        Some(t) => Some(resolve_truth(&input::truth_pairs(t)?, &data, &data, true)),
        None => None,
    };
    summary(&format!("{} records from {}", data.len(), a.input.display()), &linkage, truth.as_deref());
    phases.extend(linkage.timings.iter().copied());
    let t = std::time::Instant::now();
    write_model(c, &linkage)?;
    write_pairs(c, &linkage, &data, &data)?;
    phases.push(("writing pairs", t.elapsed().as_secs_f64()));
    if let Some(path) = &c.clusters {
        let records = data.records();
        write_blocks(path, &["cluster_id", "record_id"], records.len(), |i, w| {
            w.write_record([records[linkage.clusters[i] as usize].id(), records[i].id()])
        })?;
    }
    let total = started.elapsed().as_secs_f64();
    eprintln!(
        "done in {total:.2} s (reading {read:.2} s, matching {matched:.2} s, writing {:.2} s); {n_problems} problems in the input",
        total - read - matched
    );
    report_phases(&phases);
    // The process ends here: freeing a million records one by one would only cost time.
    std::mem::forget((data, linkage));
    finish(loaded.unreadable, &a.input)
}

pub(crate) fn link(a: LinkArgs) -> anyhow::Result<ExitCode> {
    let c = &a.common;
    let left_map = flatten(&c.map);
    let right_map = if a.right_map.is_empty() { left_map.clone() } else { flatten(&a.right_map) };
    let right_id = a.right_id.as_deref().unwrap_or(&c.id);
    let roles = |m: &[(Role, String)]| {
        let mut r: Vec<Role> = m.iter().map(|(r, _)| *r).collect();
        r.sort_unstable();
        r.dedup();
        r
    };
    let (lr, rr) = (roles(&left_map), roles(&right_map));
    if let Some(r) = lr.iter().find(|r| !rr.contains(r)) {
        bail!("--map maps {r} for the left file but --right-map does not map it for the right file");
    }
    if let Some(r) = rr.iter().find(|r| !lr.contains(r)) {
        bail!("--right-map maps {r} for the right file but --map does not map it for the left file");
    }
    input::check_header(&a.left, &c.id, &left_map)?;
    input::check_header(&a.right, right_id, &right_map)?;
    let options = record_options(c, &left_map)?;
    let mut problems = Problems::new(c.problems.as_deref())?;
    let started = std::time::Instant::now();
    let cache = praxis_match::NameCache::default();
    let left = input::load(&a.left, &c.id, &left_map, &options, &cache, &mut problems)?;
    let right = input::load(&a.right, right_id, &right_map, &options, &cache, &mut problems)?;
    drop(cache);
    let n_problems = problems.finish()?;
    let loaded_at = started.elapsed().as_secs_f64();
    let ld = Dataset::new(left.records, &left.roles)?;
    let rd = Dataset::new(right.records, &right.roles)?;
    let read = started.elapsed().as_secs_f64();
    let mut phases = vec![("reading and normalising", loaded_at), ("ordering by id", read - loaded_at)];
    let mut linkage = praxis_match::link(&ld, &rd, &link_options(c));
    apply_judgements(c, &mut linkage, &ld, &rd)?;
    let matched = started.elapsed().as_secs_f64() - read;
    let truth = match &c.truth {
        Some(t) => Some(resolve_truth(&input::truth_pairs(t)?, &ld, &rd, false)),
        None => None,
    };
    summary(
        &format!(
            "{} left records from {}, {} right records from {}",
            ld.len(),
            a.left.display(),
            rd.len(),
            a.right.display()
        ),
        &linkage,
        truth.as_deref(),
    );
    phases.extend(linkage.timings.iter().copied());
    let t = std::time::Instant::now();
    write_model(c, &linkage)?;
    write_pairs(c, &linkage, &ld, &rd)?;
    phases.push(("writing pairs", t.elapsed().as_secs_f64()));
    if let Some(path) = &c.clusters {
        let mut w = input::sink(Some(path))?;
        w.write_record(["cluster_id", "side", "record_id"])?;
        let nl = ld.len();
        let name = |g: usize| {
            if g < nl {
                format!("left:{}", ld.records()[g].id())
            } else {
                format!("right:{}", rd.records()[g - nl].id())
            }
        };
        for g in 0..nl + rd.len() {
            let (side, id) =
                if g < nl { ("left", ld.records()[g].id()) } else { ("right", rd.records()[g - nl].id()) };
            w.write_record([name(linkage.clusters[g] as usize).as_str(), side, id])?;
        }
        w.flush()?;
    }
    let total = started.elapsed().as_secs_f64();
    eprintln!(
        "done in {total:.2} s (reading {read:.2} s, matching {matched:.2} s, writing {:.2} s); {n_problems} problems in the input",
        total - read - matched
    );
    report_phases(&phases);
    // The process ends here: freeing a million records one by one would only cost time.
    std::mem::forget((ld, rd, linkage));
    finish(left.unreadable + right.unreadable, &a.left)
}

/// The seconds of each phase, on standard error when `PRAXIS_MATCH_TIMINGS` is set (to anything
/// but `0`).
fn report_phases(phases: &[(&str, f64)]) {
    if std::env::var_os("PRAXIS_MATCH_TIMINGS").is_none_or(|v| v == "0") {
        return;
    }
    let parts: Vec<String> = phases.iter().map(|(p, s)| format!("{p} {s:.2} s")).collect();
    eprintln!("phases: {}", parts.join("; "));
}

/// Reads `--judgements` (whole: a bad line refuses the file, naming its line and field) and
/// applies them to the linkage.
fn apply_judgements(c: &ResolveArgs, l: &mut Linkage, left: &Dataset, right: &Dataset) -> anyhow::Result<()> {
    let Some(path) = &c.judgements else { return Ok(()) };
    let file = path.display().to_string();
    let mut reader = csv::Reader::from_path(path).map_err(|e| anyhow::anyhow!("cannot read {file}: {e}"))?;
    let headers = reader.headers().map_err(|e| anyhow::anyhow!("{file}, line 1: {e}"))?.clone();
    let col = |name: &str| {
        headers.iter().position(|h| h.trim() == name).ok_or_else(|| {
            anyhow::anyhow!(
                "{file}, line 1: no column named {name:?} (left_id, right_id and verdict are needed)"
            )
        })
    };
    let (li, ri, vi) = (col("left_id")?, col("right_id")?, col("verdict")?);
    let mut verdicts = Vec::new();
    for row in reader.records() {
        let row = row.map_err(|e| anyhow::anyhow!("{file}: {e}"))?;
        let line = row.position().map_or(0, |p| p.line());
        let verdict = praxis_match::Verdict::parse(&row[vi]).ok_or_else(|| {
            anyhow::anyhow!(
                "{file}, line {line}, field verdict: {:?} is neither confirmed nor rejected",
                &row[vi]
            )
        })?;
        let (a, b) = (row[li].trim(), row[ri].trim());
        if a.is_empty() || b.is_empty() {
            bail!(
                "{file}, line {line}, field {}: an id is empty",
                if a.is_empty() { "left_id" } else { "right_id" }
            );
        }
        verdicts.push((a.to_owned(), b.to_owned(), verdict));
    }
    let report = l.apply_judgements(left, right, &verdicts);
    eprintln!(
        "judgements: {} confirmed, {} rejected applied; {} name records not in the input",
        report.confirmed, report.rejected, report.unknown
    );
    Ok(())
}

fn finish(unreadable: usize, file: &std::path::Path) -> anyhow::Result<ExitCode> {
    if unreadable > 0 {
        bail!(
            "{unreadable} rows could not be used (their lines are listed above; first file {})",
            file.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The truth pairs as indices; pairs naming an unknown id are reported and left out.
fn resolve_truth(
    pairs: &[(String, String)],
    left: &Dataset,
    right: &Dataset,
    dedupe: bool,
) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    let mut unknown = 0;
    for (a, b) in pairs {
        match (left.position(a), right.position(b)) {
            (Some(x), Some(y)) if dedupe && x != y => out.push((x.min(y), x.max(y))),
            (Some(x), Some(y)) if !dedupe => out.push((x, y)),
            _ => unknown += 1,
        }
    }
    if unknown > 0 {
        eprintln!("--truth: {unknown} pairs name ids that are not in the input; left out");
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn summary(what: &str, l: &Linkage, truth: Option<&[(u32, u32)]>) {
    let fields: Vec<&str> = l.fields.iter().map(|f| f.name()).collect();
    eprintln!("{what}; compared: {}", fields.join(", "));
    let rules: Vec<String> = l
        .rule_reports
        .iter()
        .map(|r| {
            let skipped = if r.skipped_keys > 0 {
                format!(", {} keys skipped ({} records)", r.skipped_keys, r.skipped_records)
            } else {
                String::new()
            };
            format!("{} {}{skipped}", r.rule.name(), r.pairs)
        })
        .collect();
    eprintln!("blocking: {} candidate pairs ({})", l.candidates.pairs.len(), rules.join("; "));
    let m = &l.model;
    eprintln!(
        "model: u from {} random pairs; m by EM, {} iterations{}; λ = {:.3e} (prior {:+.1} bits)",
        l.random_pairs,
        m.iterations,
        if m.converged { " (converged)" } else { " (not converged)" },
        m.lambda,
        m.prior_weight()
    );
    let mut sizes = std::collections::BTreeMap::<u32, usize>::new();
    for c in &l.clusters {
        *sizes.entry(*c).or_default() += 1;
    }
    let multi = sizes.values().filter(|n| **n > 1).count();
    eprintln!("matches: {} pairs; {} clusters, {multi} of more than one record", l.matches, sizes.len());
    if let Some(truth) = truth {
        let recall = l.blocking_recall(truth);
        let tp = l.pairs.iter().filter(|p| p.is_match && truth.binary_search(&(p.a, p.b)).is_ok()).count();
        let precision = if l.matches > 0 { tp as f64 / l.matches as f64 } else { 1.0 };
        let r = if truth.is_empty() { 1.0 } else { tp as f64 / truth.len() as f64 };
        let f1 = if precision + r > 0.0 { 2.0 * precision * r / (precision + r) } else { 0.0 };
        eprintln!(
            "against --truth ({} pairs): blocking recall {recall:.4}; precision {precision:.4}, recall {r:.4}, F1 {f1:.4}",
            truth.len()
        );
    }
}

fn write_model(c: &ResolveArgs, l: &Linkage) -> anyhow::Result<()> {
    let Some(path) = &c.model else { return Ok(()) };
    let mut w = input::sink(Some(path))?;
    w.write_record(["field", "level", "m", "u", "weight"])?;
    w.write_record(["(prior)", "", "", "", &format!("{:.3}", l.model.prior_weight())])?;
    for p in &l.model.fields {
        for (i, level) in p.field.levels().iter().enumerate().skip(1) {
            w.write_record([
                p.field.name(),
                level,
                &format!("{:.6e}", p.m[i]),
                &format!("{:.6e}", p.u[i]),
                &format!("{:.3}", p.weight(i as u8)),
            ])?;
        }
    }
    w.flush().context("writing the model")?;
    Ok(())
}

/// Write `header` and then rows `0..n` (each written by `row`) as CSV to `path`: the rows are
/// formatted in parallel, a block at a time, each block by its own CSV writer (the same quoting),
/// and written in order.
fn write_blocks<F>(path: &std::path::Path, header: &[&str], n: usize, row: F) -> anyhow::Result<()>
where
    F: Fn(usize, &mut csv::Writer<Vec<u8>>) -> csv::Result<()> + Sync,
{
    let mut w = input::sink(Some(path))?;
    w.write_record(header)?;
    w.flush()?;
    let mut out = w.into_inner().map_err(|e| anyhow::anyhow!("{}", e.error()))?;
    const BLOCK: usize = 4_096;
    for start in (0..n).step_by(64 * BLOCK) {
        let end = (start + 64 * BLOCK).min(n);
        let blocks: Vec<Vec<u8>> = (start..end)
            .into_par_iter()
            .step_by(BLOCK)
            .map(|from| {
                let mut b = csv::Writer::from_writer(Vec::new());
                for i in from..(from + BLOCK).min(end) {
                    row(i, &mut b)?;
                }
                b.into_inner().map_err(|e| anyhow::anyhow!("{}", e.error()))
            })
            .collect::<anyhow::Result<_>>()?;
        for b in blocks {
            out.write_all(&b)?;
        }
    }
    out.flush()?;
    Ok(())
}

fn write_pairs(c: &ResolveArgs, l: &Linkage, left: &Dataset, right: &Dataset) -> anyhow::Result<()> {
    let mut w = input::sink(c.out.as_deref())?;
    w.write_record(["left_id", "right_id", "score", "match", "weight", "explanation"])?;
    w.flush().context("writing the pairs")?;
    let mut out = w.into_inner().map_err(|e| anyhow::anyhow!("writing the pairs: {}", e.error()))?;
    // Rows formatted as CSV in parallel, a block at a time, each block by its own CSV writer (the
    // same quoting), then written in order.
    for chunk in l.pairs.chunks(65_536) {
        let blocks: Vec<Vec<u8>> = chunk
            .par_chunks(2_048)
            .map(|pairs| {
                let mut b = csv::Writer::from_writer(Vec::with_capacity(pairs.len() * 300));
                for p in pairs {
                    b.write_record(pair_row(l, p, left.records(), right.records()))?;
                }
                b.into_inner().map_err(|e| anyhow::anyhow!("{}", e.error()))
            })
            .collect::<anyhow::Result<_>>()?;
        for b in blocks {
            out.write_all(&b).context("writing the pairs")?;
        }
    }
    out.flush().context("writing the pairs")?;
    Ok(())
}

pub(crate) fn pair_row(l: &Linkage, p: &ScoredPair, left: &[Record], right: &[Record]) -> [String; 6] {
    let (a, b) = (&left[p.a as usize], &right[p.b as usize]);
    [
        a.id().to_owned(),
        b.id().to_owned(),
        format!("{:.6}", p.probability),
        if p.is_match { "1" } else { "0" }.to_owned(),
        format!("{:.2}", p.weight),
        explain(&l.model, a, b).to_string(),
    ]
}
