//! `praxis match score --left-map … --right-map …`: two whole records per row.

use std::process::ExitCode;

use anyhow::{bail, Context};
use praxis_match::explain::explain;
use praxis_match::{CompareOptions, LinkOptions, Record, RecordOptions, Role, DEFAULT_MATCH_PROBABILITY};

use super::input::{self, Problems};
use super::resolve::{check_region, flatten};
use super::ScoreArgs;

pub(crate) fn score_records(a: ScoreArgs) -> anyhow::Result<ExitCode> {
    let file = a.input.display().to_string();
    let (left_map, right_map) = (flatten(&a.left_map), flatten(&a.right_map));
    let roles = |m: &[(Role, String)]| {
        let mut r: Vec<Role> = m.iter().map(|(r, _)| *r).collect();
        r.sort_unstable();
        r.dedup();
        r
    };
    let (lr, rr) = (roles(&left_map), roles(&right_map));
    if lr != rr {
        let only: Vec<String> = lr
            .iter()
            .filter(|r| !rr.contains(r))
            .map(|r| format!("{r} (left only)"))
            .chain(rr.iter().filter(|r| !lr.contains(r)).map(|r| format!("{r} (right only)")))
            .collect();
        bail!("--left-map and --right-map must map the same roles: {}", only.join(", "));
    }
    check_region(&a.phone_region)?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_path(&a.input)
        .with_context(|| format!("cannot read {file}"))?;
    let headers =
        reader.headers().with_context(|| format!("{file}, line 1: cannot read the header"))?.clone();
    let find = |m: &[(Role, String)], flag: &str| -> anyhow::Result<Vec<(Role, usize)>> {
        m.iter()
            .map(|(r, c)| {
                let i = headers.iter().position(|h| h.trim() == c).with_context(|| {
                    let known: Vec<&str> = headers.iter().collect();
                    format!(
                        "{file}, line 1: no column named {c:?} for {flag} {r}={c} (the columns are: {})",
                        known.join(", ")
                    )
                })?;
                Ok((*r, i))
            })
            .collect()
    };
    let (lcols, rcols) = (find(&left_map, "--left-map")?, find(&right_map, "--right-map")?);
    let options = RecordOptions {
        phone_region: a.phone_region.clone(),
        names: CompareOptions { name_dictionary: !a.no_name_dictionary },
    };
    let mut problems = Problems::new(None)?;
    let mut rows = Vec::new();
    let (mut left, mut right) = (Vec::new(), Vec::new());
    let mut unreadable = 0;
    for r in reader.records() {
        let r = match r {
            Ok(r) => r,
            Err(e) => {
                unreadable += 1;
                let (line, field, message) = input::describe(&e, &headers);
                problems.report(&file, line, field.as_deref(), &message)?;
                continue;
            }
        };
        let line = r.position().map_or(0, csv::Position::line);
        for (cols, out) in [(&lcols, &mut left), (&rcols, &mut right)] {
            let values: Vec<(Role, &str)> = cols.iter().map(|(role, i)| (*role, &r[*i])).collect();
            let (record, found) = Record::build(&line.to_string(), &values, &options);
            for p in found {
                problems.report(&file, line, Some(&headers[cols[p.index].1]), &p.message)?;
            }
            out.push(record);
        }
        rows.push(r);
    }
    problems.finish()?;
    let threshold = a.threshold.unwrap_or(DEFAULT_MATCH_PROBABILITY);
    let linkage = praxis_match::linkage::score_rows(
        &left,
        &right,
        &lr,
        &LinkOptions { threshold, ..LinkOptions::default() },
    );
    let mut w = input::sink(a.out.as_deref())?;
    let mut header: Vec<&str> = headers.iter().collect();
    header.extend(["score", "match", "weight", "explanation"]);
    w.write_record(&header)?;
    for (p, row) in linkage.pairs.iter().zip(&rows) {
        let (l, r) = (&left[p.a as usize], &right[p.b as usize]);
        let mut out: Vec<String> = row.iter().map(str::to_owned).collect();
        out.push(format!("{:.6}", p.probability));
        out.push(if p.is_match { "1" } else { "0" }.to_owned());
        out.push(format!("{:.2}", p.weight));
        out.push(explain(&linkage.model, l, r).to_string());
        w.write_record(&out)?;
    }
    w.flush()?;
    eprintln!(
        "{} rows scored, {} matches at match probability {threshold}, {unreadable} unreadable rows",
        rows.len(),
        linkage.matches
    );
    if unreadable > 0 {
        bail!("{unreadable} rows of {file} could not be read (their lines are listed above)");
    }
    Ok(ExitCode::SUCCESS)
}
