//! Reading records from CSV files: `--id`, `--map ROLE=COLUMN`, and the problems found, each with
//! its file, line and field.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use praxis_match::{NameCache, Record, RecordOptions, Role};
use rayon::prelude::*;

/// `ROLE=COLUMN`, or several separated by commas; for clap.
pub(crate) fn parse_map(s: &str) -> Result<Vec<(Role, String)>, String> {
    s.split(',')
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            let (role, column) = p
                .split_once('=')
                .ok_or_else(|| format!("{p:?} is not ROLE=COLUMN (e.g. given_name=first_name)"))?;
            let role: Role = role.parse().map_err(|e: praxis_match::record::UnknownRole| e.to_string())?;
            if column.trim().is_empty() {
                return Err(format!("{p:?} names no column"));
            }
            Ok((role, column.trim().to_owned()))
        })
        .collect()
}

/// Problems found while reading, printed as they come (the first ones) and optionally written
/// to a file (all of them).
pub(crate) struct Problems {
    printed: usize,
    total: usize,
    file: Option<csv::Writer<std::fs::File>>,
    by_field: BTreeMap<String, usize>,
}

const PRINTED: usize = 50;

impl Problems {
    pub(crate) fn new(path: Option<&Path>) -> anyhow::Result<Self> {
        let file = match path {
            Some(p) => {
                let mut w = csv::Writer::from_writer(
                    std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
                );
                w.write_record(["file", "line", "field", "problem"])?;
                Some(w)
            }
            None => None,
        };
        Ok(Self { printed: 0, total: 0, file, by_field: BTreeMap::new() })
    }

    pub(crate) fn report(
        &mut self,
        file: &str,
        line: u64,
        field: Option<&str>,
        message: &str,
    ) -> anyhow::Result<()> {
        self.total += 1;
        *self.by_field.entry(field.unwrap_or("(row)").to_owned()).or_default() += 1;
        if self.printed < PRINTED {
            self.printed += 1;
            match field {
                Some(f) => eprintln!("{file}, line {line}, field {f}: {message}"),
                None => eprintln!("{file}, line {line}: {message}"),
            }
        }
        if let Some(w) = &mut self.file {
            w.write_record([file, &line.to_string(), field.unwrap_or(""), message])?;
        }
        Ok(())
    }

    pub(crate) fn finish(mut self) -> anyhow::Result<usize> {
        if self.total > self.printed {
            let fields: Vec<String> = self.by_field.iter().map(|(f, n)| format!("{f}: {n}")).collect();
            eprintln!(
                "… and {} more problems not printed ({}){}",
                self.total - self.printed,
                fields.join(", "),
                if self.file.is_some() {
                    "; all are in the --problems file"
                } else {
                    "; --problems FILE writes them all"
                }
            );
        }
        if let Some(w) = &mut self.file {
            w.flush()?;
        }
        Ok(self.total)
    }
}

type Built = (Record, Vec<praxis_match::record::FieldProblem>);

/// The records read from one file.
pub(crate) struct Loaded {
    pub(crate) records: Vec<Record>,
    pub(crate) roles: Vec<Role>,
    /// Rows that could not be read (reported, not used).
    pub(crate) unreadable: usize,
}

/// The column index of each mapped column, checked against the header before anything is read.
pub(crate) fn columns(
    file: &str,
    headers: &csv::StringRecord,
    id: &str,
    map: &[(Role, String)],
) -> anyhow::Result<(usize, Vec<(Role, usize)>)> {
    let find = |name: &str, what: &str| {
        headers.iter().position(|h| h.trim() == name).with_context(|| {
            let known: Vec<&str> = headers.iter().collect();
            format!(
                "{file}, line 1: no column named {name:?} for {what} (the columns are: {})",
                known.join(", ")
            )
        })
    };
    let id = find(id, "--id")?;
    let mapped = map
        .iter()
        .map(|(r, c)| Ok((*r, find(c, &format!("--map {r}={c}"))?)))
        .collect::<anyhow::Result<_>>()?;
    Ok((id, mapped))
}

/// Check that `path` has the id column and every mapped column (before anything is written).
pub(crate) fn check_header(path: &Path, id: &str, map: &[(Role, String)]) -> anyhow::Result<()> {
    let file = path.display().to_string();
    let mut reader = csv::Reader::from_path(path).with_context(|| format!("cannot read {file}"))?;
    let headers =
        reader.headers().with_context(|| format!("{file}, line 1: cannot read the header"))?.clone();
    columns(&file, &headers, id, map).map(|_| ())
}

/// Read every row of `path` into a record; report unreadable rows, rows without an id and values
/// that cannot be used, each with its line and field.
pub(crate) fn load(
    path: &PathBuf,
    id: &str,
    map: &[(Role, String)],
    options: &RecordOptions,
    cache: &NameCache,
    problems: &mut Problems,
) -> anyhow::Result<Loaded> {
    let file = path.display().to_string();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_path(path)
        .with_context(|| format!("cannot read {file}"))?;
    let headers =
        reader.headers().with_context(|| format!("{file}, line 1: cannot read the header"))?.clone();
    let (id_col, mapped) = columns(&file, &headers, id, map)?;
    let mut roles: Vec<Role> = mapped.iter().map(|(r, _)| *r).collect();
    roles.sort_unstable();
    roles.dedup();

    let mut records = Vec::new();
    let mut ids_seen: Vec<(String, u64)> = Vec::new();
    let mut unreadable = 0;
    let build = |chunk: &Chunk| -> Vec<(u64, Option<Built>)> {
        chunk
            .rows
            .par_iter()
            .map(|(line, row)| {
                let id = row[id_col].trim();
                if id.is_empty() {
                    return (*line, None);
                }
                let values: Vec<(Role, &str)> = mapped.iter().map(|(r, c)| (*r, &row[*c])).collect();
                (*line, Some(Record::build_cached(id, &values, options, cache)))
            })
            .collect()
    };
    // The next chunk is read while the current one is built.
    let mut next = read_chunk(&mut reader, &headers, Chunk::default());
    loop {
        let current = next;
        for (line, field, message) in &current.errors {
            unreadable += 1;
            problems.report(&file, *line, field.as_deref(), message)?;
        }
        if current.rows.is_empty() && current.done {
            break;
        }
        let done = current.done;
        let (built, read) = rayon::join(
            || build(&current),
            || {
                if done {
                    Chunk { done: true, ..Chunk::default() }
                } else {
                    read_chunk(&mut reader, &headers, Chunk::default())
                }
            },
        );
        next = read;
        for (line, b) in built {
            let Some((record, found)) = b else {
                problems.report(&file, line, Some(&headers[id_col]), "empty record id; row not used")?;
                unreadable += 1;
                continue;
            };
            for p in found {
                problems.report(&file, line, Some(&headers[mapped[p.index].1]), &p.message)?;
            }
            ids_seen.push((record.id().to_owned(), line));
            records.push(record);
        }
    }
    ids_seen.par_sort_unstable();
    let duplicates: Vec<String> = ids_seen
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|g| g.len() > 1)
        .take(10)
        .map(|g| {
            let lines: Vec<String> = g.iter().map(|(_, l)| l.to_string()).collect();
            format!("{:?} on lines {}", g[0].0, lines.join(", "))
        })
        .collect();
    if !duplicates.is_empty() {
        bail!("{file}, field {}: record ids must be unique: {}", &headers[id_col], duplicates.join("; "));
    }
    Ok(Loaded { records, roles, unreadable })
}

/// Rows read from a CSV file, with their line numbers, and the errors met reading them.
#[derive(Default)]
struct Chunk {
    rows: Vec<(u64, csv::StringRecord)>,
    errors: Vec<(u64, Option<String>, String)>,
    /// The end of the file (or an I/O error) was reached.
    done: bool,
}

/// Read up to 65,536 rows into `chunk`.
fn read_chunk(
    reader: &mut csv::Reader<std::fs::File>,
    headers: &csv::StringRecord,
    mut chunk: Chunk,
) -> Chunk {
    let mut row = csv::StringRecord::new();
    while chunk.rows.len() < 65_536 {
        match reader.read_record(&mut row) {
            Ok(false) => {
                chunk.done = true;
                break;
            }
            Ok(true) => chunk.rows.push((row.position().map_or(0, csv::Position::line), row.clone())),
            Err(e) => {
                chunk.errors.push(describe(&e, headers));
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    chunk.done = true;
                    break;
                }
            }
        }
    }
    chunk
}

/// A CSV error's line, field and message.
pub(crate) fn describe(e: &csv::Error, headers: &csv::StringRecord) -> (u64, Option<String>, String) {
    match e.kind() {
        csv::ErrorKind::UnequalLengths { pos, expected_len, len } => (
            pos.as_ref().map_or(0, csv::Position::line),
            None,
            format!("{len} fields where the header has {expected_len}; row not used"),
        ),
        csv::ErrorKind::Utf8 { pos, err } => (
            pos.as_ref().map_or(0, csv::Position::line),
            Some(headers.get(err.field()).unwrap_or("?").to_owned()),
            "not valid UTF-8; row not used".to_owned(),
        ),
        _ => (e.position().map_or(0, csv::Position::line), None, e.to_string()),
    }
}

/// Read `--truth`: a CSV file whose first two columns are the ids of pairs that are the same
/// entity (the header line is skipped).
pub(crate) fn truth_pairs(path: &Path) -> anyhow::Result<Vec<(String, String)>> {
    let file = path.display().to_string();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .with_context(|| format!("cannot read {file}"))?;
    let mut out = Vec::new();
    for r in reader.records() {
        let r = r.with_context(|| format!("{file}: cannot read a row"))?;
        if r.len() < 2 {
            bail!("{file}, line {}: two ids expected", r.position().map_or(0, csv::Position::line));
        }
        out.push((r[0].trim().to_owned(), r[1].trim().to_owned()));
    }
    Ok(out)
}

/// Create `path` (or standard output) for a CSV writer.
pub(crate) fn sink(path: Option<&Path>) -> anyhow::Result<csv::Writer<Box<dyn Write>>> {
    let w: Box<dyn Write> = match path {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    Ok(csv::Writer::from_writer(w))
}
