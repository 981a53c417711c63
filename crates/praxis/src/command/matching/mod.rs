//! `praxis match`: entity resolution across scripts, on files, without a database.

mod blind_index;
mod input;
mod resolve;
mod score_records;
mod screen;

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
    ///
    /// With --left-map and --right-map instead of --left-column and --right-column, each row
    /// holds two whole records (ROLE=COLUMN, the roles of `praxis match dedupe --help`; e.g.
    /// --left-map given_name=l_given,family_name=l_family,birth_date=l_dob --right-map
    /// given_name=r_given,family_name=r_family,birth_date=r_dob). Each row is written with
    /// score,match,weight,explanation appended: score is the Fellegi–Sunter match probability,
    /// match is 1 at or above --threshold (0.5 by default for records), weight the match weight in
    /// bits, and explanation lists each field's level, similarity and weight. The weights are
    /// estimated from the file itself (u on pairs of different rows, m by EM over the rows), so a
    /// file of a few rows gives rough weights; `praxis match dedupe` or `link` on the full data
    /// sets give better ones.
    Score(ScoreArgs),
    /// Find the records of one CSV file that are the same person, organisation, account or
    /// phone, and write the scored candidate pairs and the clusters.
    ///
    /// Each column used is given a role with --map ROLE=COLUMN (roles: given_name, family_name,
    /// full_name, birth_date, phone, email, address, city, postcode, region, country, id_number,
    /// account_number, org_name). Values are normalised per role: names across scripts (Latin,
    /// Arabic, Persian, Urdu, Bengali, Cyrillic) to comparable forms and consonant skeletons,
    /// phones to E.164 (--phone-region for numbers without a country code), IBANs checked,
    /// e-mail addresses and partial birth dates (YYYY, YYYY-MM, YYYY-MM-DD, YYYYMMDD, DD/MM/YYYY)
    /// read.
    ///
    /// Blocking, designed for recall: pairs sharing a key under any of several rules are
    /// compared (identifiers, phones, e-mails and accounts exactly, and id numbers with their
    /// digits sorted; the sorted consonant skeletons of the name; family name, birth year and
    /// initial; given-name initial and birth date; each name part and the birth date; postcode
    /// and initials; birth date and postcode; the start of the address; organisation name). The number of candidate pairs per rule is
    /// reported, and with --truth the blocking recall.
    ///
    /// Each candidate pair is compared field by field into levels (exact, close, different or
    /// missing), weighed by a Fellegi–Sunter model estimated without labels: u on 100,000
    /// random pairs, m by expectation–maximisation over the candidate pairs. The match weight is
    /// the prior log2(λ/(1−λ)) plus each field's log2(m/u); score is the match probability.
    /// match is 1 when score ≥ --threshold (0.5, fixed in advance: more likely the same entity
    /// than not). Clusters are the connected components of the matches, named by their smallest
    /// record id, and do not depend on the order of the input rows.
    ///
    /// Output (--out, else standard output): left_id,right_id,score,match,weight,explanation for
    /// every candidate pair with score ≥ --keep-above; explanation lists the prior and, per
    /// field, the level, the similarity where one is computed, and the weight in bits. --clusters
    /// writes cluster_id,record_id for every record; --model the estimated m, u and weights.
    ///
    /// Bad input: an unknown role, a missing column or an unknown --phone-region stops the
    /// command before anything is written. A row that cannot be read (wrong number of fields,
    /// invalid UTF-8) or has no id is reported with its line (and field) and left out; the
    /// command then exits with status 1 after writing its results. A value that cannot be used
    /// (an empty or script-less name, an invalid phone, e-mail or date) is reported with its line
    /// and field and left out of the comparison: it is never matched on. Duplicate ids are an
    /// error.
    Dedupe(resolve::DedupeArgs),
    /// Link the records of two CSV files: find the pairs, one record from each file, that are
    /// the same person, organisation, account or phone.
    ///
    /// Everything is as in `praxis match dedupe --help`, except: --left and --right name the
    /// files; --map applies to both unless --right-map gives the right file's columns (the same
    /// roles must be mapped on both sides); --right-id names the right file's id column when it
    /// differs from --id; --truth pairs are left id, right id; --clusters writes
    /// cluster_id,side,record_id, cluster_id being side:id of the cluster's smallest record (left
    /// before right).
    Link(resolve::LinkArgs),
    /// Screen people and organisations against a watch list in FollowTheMoney JSON lines
    /// (OpenSanctions-compatible), and write ranked candidates with scores and explanations.
    ///
    /// The watch list's Person, Organization, Company and LegalEntity entities are read with all
    /// their names (name, alias, weakAlias, previousName, and firstName/middleName/fatherName/
    /// lastName together), birth dates, identifiers (idNumber, passportNumber, registrationNumber,
    /// innCode, taxNumber …), phones, e-mail addresses and countries, and indexed once. The
    /// queries are a CSV file (--id, --map ROLE=COLUMN as for dedupe) or FtM JSON lines (without
    /// --map).
    ///
    /// Candidates are the entities sharing with the query a name part's consonant skeleton (the
    /// same in every script; a part shared by more than --max-block entities only together with
    /// another part), an identifier, a phone or an e-mail address. Each is scored: the best pair
    /// of names by the cross-script name comparison of `praxis match score` (× 0.9 for a weak
    /// alias), plus fixed weights: birth date exact +0.05, compatible +0.03, year off by one or day
    /// and month swapped −0.05, conflicting −0.30; an identifier in common +0.30, identifiers on
    /// both sides and none in common −0.20; a phone or e-mail in common +0.15 each; countries on
    /// both sides and none in common −0.05. The score is clamped to 0..1; match is 1 at or above
    /// --threshold (0.85, fixed in advance: a perfect name born in another year scores 0.70).
    ///
    /// Output (--out, else standard output), CSV: query_id,rank,entity_id,entity_schema,
    /// entity_caption,score,match,query_name,matched_name,matched_property,explanation — the
    /// --top candidates scoring at least --keep-above, best first; a query without candidates gets
    /// one row with match 0; a query without a usable name one row saying it was not screened.
    /// JSON (--out ending in .json, or --format json) holds the same, with the evidence apart.
    ///
    /// Bad input: a malformed line of an FtM file (not JSON, no id or schema, a property that is
    /// not a list of strings) is reported with its line and property, and stops the command
    /// before anything is written unless --skip-invalid is given. A name without letters of any
    /// script, an invalid birth date or phone in the list is reported with its line and property
    /// and not used; an entity left without a usable name is reported and never matched. A CSV
    /// row that cannot be read is reported with its line (and field), and the command exits with
    /// status 1 after writing the others; a query whose names are empty or script-less is reported
    /// with its line and field, and written as not screened — never silently matched.
    Screen(screen::ScreenArgs),
    /// Keyed blind indexes of selectors for cross-border hit/no-hit: organisations learn which
    /// peer holds a selector they hold too (phone, account, passport, name + birth year), and
    /// nothing about the others.
    ///
    /// An oblivious pseudorandom function (RFC 9497, ristretto255-SHA512): a key holder keeps the
    /// key and evaluates blinded selectors without seeing them, counting and logging every
    /// request, so that testing a guess (a phone number, say) against a peer's index costs an
    /// online, audited evaluation instead of an offline hash. Steps: keygen (key holder), blind
    /// (organisation), evaluate (key holder), finalize (organisation), compare (organisation).
    /// The threat model is in docs/hit-no-hit.md.
    #[command(subcommand)]
    BlindIndex(blind_index::BlindCommand),
}

#[derive(Debug, Args)]
pub(crate) struct ScoreArgs {
    /// The CSV file to read; its first line names the columns.
    #[arg(long, value_name = "FILE.csv")]
    input: PathBuf,
    /// The column holding the first name to compare (a whole name, in any script).
    #[arg(long, value_name = "COLUMN", required_unless_present = "left_map", conflicts_with = "left_map")]
    left_column: Option<String>,
    /// The column holding the second name to compare.
    #[arg(long, value_name = "COLUMN", required_unless_present = "right_map", conflicts_with = "right_map")]
    right_column: Option<String>,
    /// The roles of the left record's columns, ROLE=COLUMN, repeated or separated by commas
    /// (instead of --left-column: compare whole records).
    #[arg(long = "left-map", value_name = "ROLE=COLUMN", value_parser = resolve::parse_role_map, requires = "right_map")]
    left_map: Vec<resolve::RoleMap>,
    /// The roles of the right record's columns; the same roles as --left-map.
    #[arg(long = "right-map", value_name = "ROLE=COLUMN", value_parser = resolve::parse_role_map, requires = "left_map")]
    right_map: Vec<resolve::RoleMap>,
    /// The region (ISO 3166-1 alpha-2) phone numbers without a country code are read in (with
    /// --left-map).
    #[arg(long, value_name = "CC", default_value = "PK")]
    phone_region: String,
    /// Write the scored rows here (CSV) instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// The score at or above which match is 1 (0.85 for names, 0.5 for records).
    #[arg(long, value_parser = parse_threshold)]
    threshold: Option<f64>,
    /// Compare names only by how the scripts write and pronounce them, without the dictionary of
    /// spelling variants (Mohd, Md, Mohammed … → muhammad).
    #[arg(long)]
    no_name_dictionary: bool,
}

pub(crate) fn parse_threshold(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(t) if (0.0..=1.0).contains(&t) => Ok(t),
        _ => Err(format!("{s:?} is not a number between 0 and 1")),
    }
}

pub(crate) fn run(c: MatchCommand) -> anyhow::Result<ExitCode> {
    match c {
        MatchCommand::Score(a) if !a.left_map.is_empty() => score_records::score_records(a),
        MatchCommand::Score(a) => score(a),
        MatchCommand::Dedupe(a) => resolve::dedupe(a),
        MatchCommand::Link(a) => resolve::link(a),
        MatchCommand::Screen(a) => screen::screen(a),
        MatchCommand::BlindIndex(c) => blind_index::run(c),
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
    let (left_column, right_column) =
        (a.left_column.clone().unwrap_or_default(), a.right_column.clone().unwrap_or_default());
    let (left, right) = (column(&left_column)?, column(&right_column)?);
    let threshold = a.threshold.unwrap_or(DEFAULT_THRESHOLD);
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
                let is_match = c.is_match(threshold);
                matches += usize::from(is_match);
                row.push(format!("{:.3}", c.score));
                row.push(if is_match { "1" } else { "0" }.to_owned());
                row.push(c.explanation().join("; "));
            }
            Err(e) => {
                refused += 1;
                let field = match e.side() {
                    Side::Left => &left_column,
                    Side::Right => &right_column,
                };
                eprintln!("{input}, line {line}, field {field}: {e}; not matched");
                row.extend([String::new(), String::new(), format!("not matched: {e}")]);
            }
        }
        writer.write_record(&row)?;
    }
    writer.flush()?;
    eprintln!(
        "{scored} rows scored, {matches} matches at threshold {threshold}, {refused} names that cannot be matched, {unreadable} unreadable rows"
    );
    if unreadable > 0 {
        bail!("{unreadable} rows of {input} could not be read (their lines are listed above)");
    }
    Ok(ExitCode::SUCCESS)
}

/// A CSV error with its line and, where known, its field.
pub(crate) fn describe(e: &csv::Error, headers: &csv::StringRecord) -> String {
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
