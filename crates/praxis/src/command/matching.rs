//! `praxis match`: entity resolution across scripts, on files, without a database.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::{Args, Subcommand};
use praxis_match::names::Side;
use praxis_match::{compare_names_with, CompareOptions, DEFAULT_THRESHOLD};

#[derive(Debug, Subcommand)]
pub(crate) enum MatchCommand {
    /// Score the two names on each row of a CSV file, across scripts (Latin, Arabic, Persian,
    /// Urdu, Bengali, Cyrillic), and write each row with `score,match,explanation` appended.
    ///
    /// Names are normalised without damaging their script, transliterated to a comparable Latin
    /// form and a consonant skeleton (Arabic-script names carry no short vowels), cut into parts;
    /// honorifics (Mr, Dr, Haji, Sheikh, Syed, Mst., Begum …) and particles (bin, ibn, bint, al,
    /// el, abu …) are left out, and frequent spelling variants (Mohd, Md, Mohammed → muhammad) are
    /// unified unless --no-name-dictionary is given. The parts are paired in the best order, so
    /// "Khan Mohammad Ali" matches "Mohammad Ali Khan".
    ///
    /// score is in 0..1: twice the summed agreement of the paired parts divided by the number of
    /// parts on both sides (a part without a partner counts 0). match is 1 when the score is at
    /// least the threshold (0.85 unless --threshold is given; fixed in advance, not fitted on
    /// labels: a three-part name with one part missing scores 0.8 and is not a match), 0 when it
    /// is below. explanation lists each pair with its similarity and why (same spelling, variants
    /// of one name, similar spelling, similar consonant skeleton, initial), the parts without a
    /// partner and the honorifics and particles left out.
    ///
    /// A row whose name is empty, has no letters of any script, or holds only honorifics is
    /// never matched: it is written with score and match empty and the reason in explanation,
    /// and reported on standard error with its line and column. A row that cannot be read (wrong
    /// number of fields, invalid UTF-8) is reported with its line and field and not written; the
    /// command then exits with status 1 after writing every readable row. A missing column is an
    /// error before anything is written.
    Score(ScoreArgs),
}

#[derive(Debug, Args)]
pub(crate) struct ScoreArgs {
    /// The CSV file to read; its first line names the columns.
    #[arg(long, value_name = "FILE.csv")]
    input: PathBuf,
    /// The column holding the first name to compare (a whole name, in any script).
    #[arg(long, value_name = "COLUMN")]
    left_column: String,
    /// The column holding the second name to compare.
    #[arg(long, value_name = "COLUMN")]
    right_column: String,
    /// Write the scored rows here (CSV) instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// The score at or above which match is 1.
    #[arg(long, default_value_t = DEFAULT_THRESHOLD, value_parser = parse_threshold)]
    threshold: f64,
    /// Compare names only by how the scripts write and pronounce them, without the dictionary of
    /// spelling variants (Mohd, Md, Mohammed … → muhammad).
    #[arg(long)]
    no_name_dictionary: bool,
}

fn parse_threshold(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(t) if (0.0..=1.0).contains(&t) => Ok(t),
        _ => Err(format!("{s:?} is not a number between 0 and 1")),
    }
}

pub(crate) fn run(c: MatchCommand) -> anyhow::Result<ExitCode> {
    match c {
        MatchCommand::Score(a) => score(a),
    }
}

fn score(a: ScoreArgs) -> anyhow::Result<ExitCode> {
    let input = a.input.display().to_string();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_path(&a.input)
        .with_context(|| format!("cannot read {input}"))?;
    let headers =
        reader.headers().with_context(|| format!("{input}, line 1: cannot read the header"))?.clone();
    let column = |name: &str| {
        headers.iter().position(|h| h.trim() == name).with_context(|| {
            let known: Vec<&str> = headers.iter().collect();
            format!("{input}, line 1: no column named {name:?} (the columns are: {})", known.join(", "))
        })
    };
    let (left, right) = (column(&a.left_column)?, column(&a.right_column)?);
    let options = CompareOptions { name_dictionary: !a.no_name_dictionary };

    let sink: Box<dyn Write> = match &a.out {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let mut writer = csv::Writer::from_writer(sink);
    let mut header: Vec<&str> = headers.iter().collect();
    header.extend(["score", "match", "explanation"]);
    writer.write_record(&header)?;

    let (mut scored, mut matches, mut refused, mut unreadable) = (0usize, 0usize, 0usize, 0usize);
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                unreadable += 1;
                eprintln!("{input}, {}", describe(&e, &headers));
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    break;
                }
                continue;
            }
        }
        let line = record.position().map_or(0, csv::Position::line);
        let mut row: Vec<String> = record.iter().map(str::to_owned).collect();
        match compare_names_with(&record[left], &record[right], options) {
            Ok(c) => {
                scored += 1;
                let is_match = c.is_match(a.threshold);
                matches += usize::from(is_match);
                row.push(format!("{:.3}", c.score));
                row.push(if is_match { "1" } else { "0" }.to_owned());
                row.push(c.explanation().join("; "));
            }
            Err(e) => {
                refused += 1;
                let field = match e.side() {
                    Side::Left => &a.left_column,
                    Side::Right => &a.right_column,
                };
                eprintln!("{input}, line {line}, field {field}: {e}; not matched");
                row.extend([String::new(), String::new(), format!("not matched: {e}")]);
            }
        }
        writer.write_record(&row)?;
    }
    writer.flush()?;
    eprintln!(
        "{scored} rows scored, {matches} matches at threshold {}, {refused} names that cannot be matched, {unreadable} unreadable rows",
        a.threshold
    );
    if unreadable > 0 {
        bail!("{unreadable} rows of {input} could not be read (their lines are listed above)");
    }
    Ok(ExitCode::SUCCESS)
}

/// A CSV error with its line and, where known, its field.
fn describe(e: &csv::Error, headers: &csv::StringRecord) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths { pos, expected_len, len } => format!(
            "line {}: {len} fields where the header has {expected_len}; row not scored",
            pos.as_ref().map_or(0, csv::Position::line)
        ),
        csv::ErrorKind::Utf8 { pos, err } => {
            let field = headers.get(err.field()).unwrap_or("?");
            format!(
                "line {}, field {field}: not valid UTF-8; row not scored",
                pos.as_ref().map_or(0, csv::Position::line)
            )
        }
        _ => format!("{e}"),
    }
}
