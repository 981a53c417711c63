//! Screening: people and organisations matched against a watch list in FollowTheMoney (FtM) JSON
//! lines, as OpenSanctions publishes them, with ranked candidates, scores and explanations.
//!
//! [`read_ftm`] reads entities of the schemata Person, Organization, Company and LegalEntity
//! (others, such as Sanction or Address, are counted and left aside) into [`Profile`]s: every
//! name (name, alias, weakAlias, previousName, and firstName / middleName / fatherName /
//! lastName put together), birth dates, identifiers, phones, e-mail addresses and countries. A
//! query is a [`Profile`] too, built from CSV values by role ([`Profile::from_values`]) or read
//! from FtM.
//!
//! [`WatchList::new`] indexes the entities once, with blocking keys designed for recall: each
//! name part's consonant skeleton (the same in every script), each pair of parts, and each
//! identifier, phone and e-mail. [`WatchList::screen`] scores a query against the entities that
//! share a key with it: the best-scoring pair of names (the cross-script comparison of
//! [`crate::names`]), then added evidence ([`Evidence`]) for the birth date, identifiers, phones,
//! e-mails and countries, with fixed weights documented on the constants below. A conflicting
//! birth year or identifier lowers the score. The score is clamped to 0..1; a candidate is a
//! match at [`DEFAULT_SCREEN_THRESHOLD`].
//!
//! *Architecture Invariant:* no I/O beyond the reader handed to [`read_ftm`].

use std::fmt;
use std::io::BufRead;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::ident::{self, compare_dates, DateComparison, PartialDate};
use crate::names::{compare_parsed, parsed_similarity, NameComparison, ParsedName, PersonName, Side};
use crate::normalise::normalise;
use crate::record::{FieldProblem, Record, RecordOptions, Role};
use crate::script::dominant_script;

/// A candidate whose score reaches this is a match: the name threshold of [`crate::names`]
/// (fixed in advance, not fitted on labels). A perfect name with a conflicting birth year scores
/// 0.70 and is not a match; a three-part name with one part missing (0.80) and an agreeing birth
/// date (+0.05) is.
pub const DEFAULT_SCREEN_THRESHOLD: f64 = 0.85;

/// Candidates scoring below this are not returned by default.
pub const DEFAULT_KEEP_ABOVE: f64 = 0.5;

/// The weight of the birth dates: exactly equal.
pub const BIRTH_EXACT: f64 = 0.05;
/// Compatible (equal as far as the less precise goes: `1985` and `1985-03-14`).
pub const BIRTH_COMPATIBLE: f64 = 0.03;
/// Year off by one (an age turned into a year), or day and month swapped.
pub const BIRTH_CLOSE: f64 = -0.05;
/// Conflicting birth dates (another year, or another month or day in the same year).
pub const BIRTH_CONFLICT: f64 = -0.30;
/// An identifier (passport, national id, registration, tax number …) in common.
pub const IDENTIFIER_MATCH: f64 = 0.30;
/// Identifiers on both sides, none in common.
pub const IDENTIFIER_CONFLICT: f64 = -0.20;
/// A phone number or e-mail address in common (their absence proves nothing: people have many).
pub const CONTACT_MATCH: f64 = 0.15;
/// Countries (ISO codes) on both sides, none in common.
pub const COUNTRY_CONFLICT: f64 = -0.05;
/// The factor applied to a name matched only through a weak alias (a nickname, a short form).
pub const WEAK_ALIAS_FACTOR: f64 = 0.9;

/// The FtM schemata screened.
pub const SCHEMATA: [&str; 4] = ["Person", "Organization", "Company", "LegalEntity"];

const ID_PROPERTIES: [&str; 11] = [
    "idNumber",
    "passportNumber",
    "registrationNumber",
    "innCode",
    "ogrnCode",
    "taxNumber",
    "vatCode",
    "leiCode",
    "swiftBic",
    "okpoCode",
    "socialSecurityNumber",
];
const NAME_PROPERTIES: [&str; 4] = ["name", "alias", "previousName", "weakAlias"];
const COUNTRY_PROPERTIES: [&str; 4] = ["nationality", "country", "citizenship", "jurisdiction"];

/// Words of organisation names that say what kind of organisation it is, not which: legal forms
/// and connectives, left out of the comparison ("Golden Crescent Exchange LLC" is "Golden
/// Crescent Exchange"). Compared in lower case, without surrounding dots and brackets.
const ORG_NOISE: [&str; 33] = [
    "and",
    "&",
    "the",
    "of",
    "llc",
    "l.l.c",
    "ltd",
    "limited",
    "inc",
    "incorporated",
    "co",
    "corp",
    "corporation",
    "company",
    "plc",
    "pvt",
    "private",
    "gmbh",
    "ag",
    "sa",
    "fze",
    "fzco",
    "fzc",
    "llp",
    "jsc",
    "ojsc",
    "ooo",
    "ооо",
    "оао",
    "зао",
    "пао",
    "شركة",
    "و",
];

/// An organisation's name without its legal forms and connectives; the name itself when nothing
/// else would be left.
pub fn org_core(name: &str) -> String {
    let kept: Vec<&str> = name
        .split_whitespace()
        .filter(|w| {
            let w = w.trim_matches(|c: char| matches!(c, '.' | ',' | '(' | ')')).to_lowercase();
            !w.is_empty() && !ORG_NOISE.contains(&w.as_str())
        })
        .collect();
    if kept.is_empty() {
        name.to_owned()
    } else {
        kept.join(" ")
    }
}

/// What kind of entity a profile is, for comparing like with like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityKind {
    Person,
    Organisation,
    /// Either (FtM LegalEntity, or a query with only a full name).
    Any,
}

impl EntityKind {
    fn of_schema(schema: &str) -> Self {
        match schema {
            "Person" => EntityKind::Person,
            "Organization" | "Company" => EntityKind::Organisation,
            _ => EntityKind::Any,
        }
    }

    fn compatible(self, other: EntityKind) -> bool {
        self == other || self == EntityKind::Any || other == EntityKind::Any
    }
}

/// One name of a profile.
#[derive(Debug, Clone)]
pub struct ProfileName {
    /// As written.
    pub written: String,
    /// The FtM property (name, alias, weakAlias, previousName, firstName+lastName) or the CSV role.
    pub property: &'static str,
    parsed: ParsedName,
}

/// A person or organisation to screen, or one entity of the watch list.
#[derive(Debug, Clone)]
pub struct Profile {
    pub id: String,
    /// The FtM schema, or empty for a CSV query.
    pub schema: String,
    pub kind: EntityKind,
    /// The first name, as written: how the entity is shown.
    pub caption: String,
    pub names: Vec<ProfileName>,
    pub births: Vec<PartialDate>,
    /// Identifiers: letters and digits in upper case.
    pub identifiers: Vec<String>,
    pub phones: Vec<String>,
    pub emails: Vec<String>,
    /// ISO 3166-1 alpha-2 codes in lower case (other country values as written, lower case).
    pub countries: Vec<String>,
    /// The line of the FtM file it was read from (0 for CSV queries).
    pub line: u64,
}

impl Profile {
    fn empty(id: &str) -> Self {
        Self {
            id: id.to_owned(),
            schema: String::new(),
            kind: EntityKind::Any,
            caption: String::new(),
            names: Vec::new(),
            births: Vec::new(),
            identifiers: Vec::new(),
            phones: Vec::new(),
            emails: Vec::new(),
            countries: Vec::new(),
            line: 0,
        }
    }

    /// Build a query from CSV values by role (those of [`Role`]: given_name, family_name,
    /// full_name, org_name, birth_date, phone, email, id_number, account_number, country …).
    /// Given and family names mapped apart are kept apart (a swap is then noticed). Returns the
    /// values that could not be used, as [`Record::build`] does; a profile without a usable name
    /// has no names and is never screened (the caller reports it).
    pub fn from_values(
        id: &str,
        values: &[(Role, &str)],
        options: &RecordOptions,
    ) -> (Self, Vec<FieldProblem>) {
        let (record, mut problems) = Record::build(id, values, options);
        // Several name columns may be mapped and only one filled: an empty one is no problem
        // (a query left without any usable name is reported by the caller).
        problems.retain(|p| {
            !(matches!(p.role, Role::FullName | Role::GivenName | Role::FamilyName | Role::OrgName)
                && p.message.starts_with("empty name"))
        });
        let mut p = Self::empty(id.trim());
        let joined = |role: Role| -> Option<String> {
            let parts: Vec<&str> = values
                .iter()
                .filter(|(r, v)| *r == role && !v.trim().is_empty())
                .map(|(_, v)| v.trim())
                .collect();
            (!parts.is_empty()).then(|| parts.join(" "))
        };
        let (given, family, full, org) = (
            joined(Role::GivenName),
            joined(Role::FamilyName),
            joined(Role::FullName),
            joined(Role::OrgName),
        );
        let mut add = |person: PersonName, written: String, property: &'static str| {
            if let Ok(parsed) = ParsedName::parse(&person, Side::Left, options.names) {
                p.names.push(ProfileName { written, property, parsed });
            }
        };
        if let Some(f) = &full {
            add(PersonName::full(f), f.clone(), "full_name");
        }
        match (&given, &family) {
            (Some(g), Some(f)) => add(PersonName::parts(g, f), format!("{g} {f}"), "given_name+family_name"),
            (Some(g), None) => add(PersonName::full(g), g.clone(), "given_name"),
            (None, Some(f)) => add(PersonName::full(f), f.clone(), "family_name"),
            (None, None) => {}
        }
        if let Some(o) = &org {
            add(PersonName::full(&org_core(o)), o.clone(), "org_name");
        }
        let mapped = |role: Role| values.iter().any(|(r, _)| *r == role);
        let person = mapped(Role::GivenName) || mapped(Role::FamilyName) || mapped(Role::BirthDate);
        p.kind = match (person, mapped(Role::OrgName)) {
            (true, false) => EntityKind::Person,
            (false, true) => EntityKind::Organisation,
            _ => EntityKind::Any,
        };
        p.caption = p.names.first().map(|n| n.written.clone()).unwrap_or_default();
        p.births.extend(record.birth);
        p.identifiers = record.id_numbers.iter().chain(&record.accounts).map(|s| s.to_uppercase()).collect();
        p.phones = record.phones.clone();
        p.emails = record.emails.clone();
        if let Some(c) = &record.country {
            p.countries.push(c.clone());
        }
        (p, problems)
    }
}

/// A problem found in an FtM file, with its line and, where it concerns one, the property.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FtmProblem {
    pub line: u64,
    /// The entity's id, when it could be read.
    pub entity: Option<String>,
    pub property: Option<String>,
    pub message: String,
    /// The line is malformed (not JSON, not an entity, a property that is not a list of
    /// strings): an error. Otherwise one value could not be used (a name without letters, an
    /// invalid date or phone), reported and left out.
    pub malformed: bool,
}

impl fmt::Display for FtmProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}", self.line)?;
        if let Some(p) = &self.property {
            write!(f, ", property {p}")?;
        }
        if let Some(e) = &self.entity {
            write!(f, " (entity {e})")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// What [`read_ftm`] found.
#[derive(Debug, Default)]
pub struct FtmRead {
    /// The entities of the screened schemata that have at least one usable name.
    pub entities: Vec<Profile>,
    pub problems: Vec<FtmProblem>,
    /// Entities of other schemata (Sanction, Address, Ownership …), left aside.
    pub other_schemata: usize,
    /// Entities of the screened schemata without any usable name (reported among the problems).
    pub without_names: usize,
}

/// Read FtM entities, one JSON object per line (blank lines are allowed). A malformed line is a
/// problem with `malformed` set, and its entity is left out; the caller decides whether that
/// stops everything (it should by default). A value that cannot be used is reported with its
/// property and left out; an entity left without any usable name is reported and not returned,
/// so it is never matched silently.
pub fn read_ftm<R: BufRead>(reader: R, options: &RecordOptions) -> std::io::Result<FtmRead> {
    let mut out = FtmRead::default();
    for (i, line) in reader.lines().enumerate() {
        let line_no = i as u64 + 1;
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        match parse_entity(&line, line_no, options, &mut out.problems) {
            Parsed::Entity(p) => out.entities.push(*p),
            Parsed::Other => out.other_schemata += 1,
            Parsed::NoName => out.without_names += 1,
            Parsed::Malformed => {}
        }
    }
    Ok(out)
}

enum Parsed {
    Entity(Box<Profile>),
    Other,
    NoName,
    Malformed,
}

fn parse_entity(line: &str, line_no: u64, options: &RecordOptions, problems: &mut Vec<FtmProblem>) -> Parsed {
    let mut malformed = |entity: Option<&str>, property: Option<&str>, message: String| {
        problems.push(FtmProblem {
            line: line_no,
            entity: entity.map(str::to_owned),
            property: property.map(str::to_owned),
            message,
            malformed: true,
        });
        Parsed::Malformed
    };
    let value: serde_json::Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => return malformed(None, None, format!("not valid JSON: {e}")),
    };
    let Some(object) = value.as_object() else {
        return malformed(None, None, "not a JSON object (an FtM entity is one object per line)".to_owned());
    };
    let id = match object.get("id") {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s.trim().to_owned(),
        _ => return malformed(None, Some("id"), "every entity needs an id (a non-empty string)".to_owned()),
    };
    let schema = match object.get("schema") {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s.trim().to_owned(),
        _ => {
            return malformed(
                Some(&id),
                Some("schema"),
                "every entity needs a schema (a non-empty string)".to_owned(),
            )
        }
    };
    let empty = serde_json::Map::new();
    let properties = match object.get("properties") {
        None => &empty,
        Some(serde_json::Value::Object(m)) => m,
        Some(_) => {
            return malformed(
                Some(&id),
                Some("properties"),
                "properties must be an object of lists".to_owned(),
            )
        }
    };
    let mut values: FxHashMap<&str, Vec<&str>> = FxHashMap::default();
    for (key, v) in properties {
        let list = match v {
            serde_json::Value::Array(items) => items,
            _ => {
                return malformed(
                    Some(&id),
                    Some(key),
                    format!("an FtM property is a list of strings; this is {}", kind_of(v)),
                )
            }
        };
        let mut strings = Vec::with_capacity(list.len());
        for item in list {
            match item {
                serde_json::Value::String(s) => strings.push(s.as_str()),
                // Nested entities (OpenSanctions' nested exports) are not values to screen on.
                serde_json::Value::Object(_) => {}
                other => {
                    return malformed(
                        Some(&id),
                        Some(key),
                        format!("an FtM property is a list of strings; it holds {}", kind_of(other)),
                    )
                }
            }
        }
        values.insert(key.as_str(), strings);
    }
    if !SCHEMATA.contains(&schema.as_str()) {
        return Parsed::Other;
    }
    let mut warn = |property: &str, message: String| {
        problems.push(FtmProblem {
            line: line_no,
            entity: Some(id.clone()),
            property: Some(property.to_owned()),
            message,
            malformed: false,
        });
    };
    let get = |p: &str| values.get(p).map(Vec::as_slice).unwrap_or(&[]);
    let mut p = Profile::empty(&id);
    p.line = line_no;
    p.kind = EntityKind::of_schema(&schema);
    p.schema = schema;
    for property in NAME_PROPERTIES {
        for name in get(property) {
            let name = name.trim();
            let compared = if p.kind == EntityKind::Organisation { org_core(name) } else { name.to_owned() };
            match ParsedName::parse(&PersonName::full(&compared), Side::Left, options.names) {
                Ok(parsed) => {
                    if !p.names.iter().any(|n| n.written == name) {
                        p.names.push(ProfileName { written: name.to_owned(), property, parsed });
                    }
                }
                Err(e) => warn(
                    property,
                    format!(
                        "{}; not matched on this name",
                        e.to_string().replace("the left name", "the name")
                    ),
                ),
            }
        }
    }
    // firstName, middleName, fatherName and lastName together (the first of each).
    let first = |prop: &str| get(prop).iter().map(|s| s.trim()).find(|s| !s.is_empty());
    let given: Vec<&str> = ["firstName", "middleName", "fatherName"].into_iter().filter_map(first).collect();
    if let Some(last) = first("lastName") {
        if !given.is_empty() {
            let g = given.join(" ");
            if let Ok(parsed) = ParsedName::parse(&PersonName::parts(&g, last), Side::Left, options.names) {
                p.names.push(ProfileName {
                    written: format!("{g} {last}"),
                    property: "firstName+lastName",
                    parsed,
                });
            }
        }
    }
    for d in get("birthDate") {
        match PartialDate::parse(d) {
            Ok(date) => p.births.push(date),
            Err(e) => warn("birthDate", format!("{e}; not compared")),
        }
    }
    for property in ID_PROPERTIES {
        for v in get(property) {
            let v = alphanumeric(v).to_uppercase();
            if !v.is_empty() && !p.identifiers.contains(&v) {
                p.identifiers.push(v);
            }
        }
    }
    for v in get("phone") {
        match ident::phone_e164(v, &options.phone_region) {
            Ok(e) if !p.phones.contains(&e) => p.phones.push(e),
            Ok(_) => {}
            Err(e) => warn("phone", format!("{e}; not compared")),
        }
    }
    for v in get("email") {
        match ident::email(v) {
            Ok(e) if !p.emails.contains(&e) => p.emails.push(e),
            Ok(_) => {}
            Err(e) => warn("email", format!("{e}; not compared")),
        }
    }
    for property in COUNTRY_PROPERTIES {
        for v in get(property) {
            let v = v.trim().to_lowercase();
            if !v.is_empty() && !p.countries.contains(&v) {
                p.countries.push(v);
            }
        }
    }
    if p.names.is_empty() {
        warn("name", "the entity has no usable name (empty, or without letters of any script): it is not screened against".to_owned());
        return Parsed::NoName;
    }
    p.caption = p.names[0].written.clone();
    Parsed::Entity(Box::new(p))
}

fn kind_of(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "a list",
        serde_json::Value::Object(_) => "an object",
    }
}

fn alphanumeric(s: &str) -> String {
    normalise(s).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Options of a screening run.
#[derive(Debug, Clone)]
pub struct ScreenOptions {
    /// The score at or above which a candidate is a match.
    pub threshold: f64,
    /// Candidates scoring below this are left out.
    pub keep_above: f64,
    /// At most this many candidates per query, best first.
    pub top: usize,
    /// A name-part key shared by more entities than this is used only paired with another part
    /// of the same name (a very common part such as "mhmd" or "khn" alone would make every
    /// entity a candidate).
    pub max_block: usize,
}

impl Default for ScreenOptions {
    fn default() -> Self {
        Self { threshold: DEFAULT_SCREEN_THRESHOLD, keep_above: DEFAULT_KEEP_ABOVE, top: 5, max_block: 1000 }
    }
}

/// One piece of evidence besides the name, with its weight (added to the score).
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// `birth_date`, `identifier`, `phone`, `email`, `country`.
    pub field: &'static str,
    /// What was found, e.g. `conflict (1985 vs 1979)`.
    pub outcome: String,
    pub weight: f64,
}

/// A ranked candidate for a query.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The entity's position in the watch list ([`WatchList::entity`]).
    pub entity: usize,
    pub score: f64,
    pub is_match: bool,
    /// The best-scoring pair of names: the query's and the entity's, with the entity's property.
    pub query_name: String,
    pub entity_name: String,
    pub property: &'static str,
    /// The name score (after the weak-alias factor) and its comparison.
    pub name_score: f64,
    pub names: NameComparison,
    pub evidence: Vec<Evidence>,
}

impl Candidate {
    /// One line: the names compared, each pair of parts, then each piece of evidence with its
    /// weight.
    pub fn explanation(&self) -> String {
        let mut out = format!(
            "name {:?} ~ {:?} ({}) {:.3}",
            self.query_name, self.entity_name, self.property, self.name_score
        );
        if self.property == "weakAlias" {
            out.push_str(&format!(" (weak alias × {WEAK_ALIAS_FACTOR})"));
        }
        let parts = self.names.explanation();
        if !parts.is_empty() {
            out.push_str(&format!(" [{}]", parts.join("; ")));
        }
        for e in &self.evidence {
            out.push_str(&format!("; {} {} {:+.2}", e.field, e.outcome, e.weight));
        }
        out
    }
}

/// The watch list, indexed once.
pub struct WatchList {
    entities: Vec<Profile>,
    keys: FxHashMap<String, Vec<u32>>,
}

fn name_keys(name: &ParsedName, out: &mut Vec<String>) {
    let mut skeletons: Vec<&str> = name.skeletons().filter(|s| !s.is_empty()).collect();
    skeletons.sort_unstable();
    skeletons.dedup();
    for (i, a) in skeletons.iter().enumerate() {
        out.push(format!("t:{a}"));
        for b in &skeletons[i + 1..] {
            out.push(format!("p:{a} {b}"));
        }
    }
}

fn profile_keys(p: &Profile) -> Vec<String> {
    let mut keys = Vec::new();
    for n in &p.names {
        name_keys(&n.parsed, &mut keys);
    }
    keys.extend(p.identifiers.iter().map(|i| format!("i:{i}")));
    keys.extend(p.phones.iter().map(|i| format!("ph:{i}")));
    keys.extend(p.emails.iter().map(|i| format!("em:{i}")));
    keys.sort_unstable();
    keys.dedup();
    keys
}

impl WatchList {
    /// Index the entities (blocking keys: name-part skeletons and pairs of them, identifiers,
    /// phones, e-mails).
    pub fn new(entities: Vec<Profile>) -> Self {
        let mut keys: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        for (i, e) in entities.iter().enumerate() {
            for k in profile_keys(e) {
                keys.entry(k).or_default().push(i as u32);
            }
        }
        Self { entities, keys }
    }

    pub fn len(&self) -> usize {
        self.entities.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    pub fn entity(&self, i: usize) -> &Profile {
        &self.entities[i]
    }

    /// The entities sharing a blocking key with the query (a name-part key only when it is
    /// shared by at most `max_block` entities).
    pub fn candidates(&self, query: &Profile, max_block: usize) -> Vec<usize> {
        let mut found: Vec<u32> = Vec::new();
        for k in profile_keys(query) {
            if let Some(list) = self.keys.get(&k) {
                if k.starts_with("t:") && list.len() > max_block {
                    continue;
                }
                found.extend_from_slice(list);
            }
        }
        found.sort_unstable();
        found.dedup();
        found
            .into_iter()
            .map(|i| i as usize)
            .filter(|&i| query.kind.compatible(self.entities[i].kind))
            .collect()
    }

    /// Score one query against its candidates: ranked best first (ties by entity id), at most
    /// `top`, each scoring at least `keep_above`. A query without a usable name gives nothing.
    pub fn screen(&self, query: &Profile, options: &ScreenOptions) -> Vec<Candidate> {
        if query.names.is_empty() {
            return Vec::new();
        }
        let mut out: Vec<Candidate> = self
            .candidates(query, options.max_block)
            .into_iter()
            .filter_map(|i| score(query, &self.entities[i], i, options.threshold))
            .filter(|c| c.score >= options.keep_above)
            .collect();
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| self.entities[a.entity].id.cmp(&self.entities[b.entity].id))
        });
        out.truncate(options.top);
        out
    }

    /// Screen every query (in parallel), in the order given.
    pub fn screen_all(&self, queries: &[Profile], options: &ScreenOptions) -> Vec<Vec<Candidate>> {
        queries.par_iter().map(|q| self.screen(q, options)).collect()
    }
}

/// Score a query against one entity: see the module documentation.
pub fn score(query: &Profile, entity: &Profile, index: usize, threshold: f64) -> Option<Candidate> {
    // The best pair of names; among equal scores, the entity's name written in the query's
    // script (the explanation then shows the alias that was found).
    let mut best: Option<(f64, bool, usize, usize)> = None;
    for (qi, q) in query.names.iter().enumerate() {
        let script = dominant_script(&q.written);
        for (ei, e) in entity.names.iter().enumerate() {
            let mut s = parsed_similarity(&q.parsed, &e.parsed);
            if e.property == "weakAlias" {
                s *= WEAK_ALIAS_FACTOR;
            }
            let same_script = dominant_script(&e.written) == script;
            if best.is_none_or(|(b, bs, _, _)| s > b || (s == b && same_script && !bs)) {
                best = Some((s, same_script, qi, ei));
            }
        }
    }
    let (name_score, _, qi, ei) = best?;
    let (q, e) = (&query.names[qi], &entity.names[ei]);
    let names = compare_parsed(&q.parsed, &e.parsed);
    let evidence = evidence(query, entity);
    let score = (name_score + evidence.iter().map(|e| e.weight).sum::<f64>()).clamp(0.0, 1.0);
    Some(Candidate {
        entity: index,
        score,
        is_match: score >= threshold,
        query_name: q.written.clone(),
        entity_name: e.written.clone(),
        property: e.property,
        name_score,
        names,
        evidence,
    })
}

fn evidence(query: &Profile, entity: &Profile) -> Vec<Evidence> {
    let mut out = Vec::new();
    // Birth dates: the best relation between any of the query's and any of the entity's.
    let rank = |c: DateComparison| match c {
        DateComparison::Exact => 0,
        DateComparison::Compatible => 1,
        DateComparison::DayMonthSwapped => 2,
        DateComparison::YearOffByOne => 3,
        DateComparison::Conflict => 4,
    };
    let mut best: Option<(DateComparison, PartialDate, PartialDate)> = None;
    for a in &query.births {
        for b in &entity.births {
            let c = compare_dates(*a, *b);
            if best.is_none_or(|(bc, _, _)| rank(c) < rank(bc)) {
                best = Some((c, *a, *b));
            }
        }
    }
    if let Some((c, a, b)) = best {
        let (outcome, weight) = match c {
            DateComparison::Exact => (format!("exact ({a})"), BIRTH_EXACT),
            DateComparison::Compatible => (format!("compatible ({a} ~ {b})"), BIRTH_COMPATIBLE),
            DateComparison::DayMonthSwapped => (format!("day and month swapped ({a} vs {b})"), BIRTH_CLOSE),
            DateComparison::YearOffByOne => (format!("year off by one ({a} vs {b})"), BIRTH_CLOSE),
            DateComparison::Conflict => (format!("conflict ({a} vs {b})"), BIRTH_CONFLICT),
        };
        out.push(Evidence { field: "birth_date", outcome, weight });
    }
    if !query.identifiers.is_empty() && !entity.identifiers.is_empty() {
        match query.identifiers.iter().find(|i| entity.identifiers.contains(i)) {
            Some(i) => out.push(Evidence {
                field: "identifier",
                outcome: format!("same ({i})"),
                weight: IDENTIFIER_MATCH,
            }),
            None => out.push(Evidence {
                field: "identifier",
                outcome: format!(
                    "conflict ({} vs {})",
                    query.identifiers.join("/"),
                    entity.identifiers.join("/")
                ),
                weight: IDENTIFIER_CONFLICT,
            }),
        }
    }
    if let Some(p) = query.phones.iter().find(|p| entity.phones.contains(p)) {
        out.push(Evidence { field: "phone", outcome: format!("same ({p})"), weight: CONTACT_MATCH });
    }
    if let Some(m) = query.emails.iter().find(|m| entity.emails.contains(m)) {
        out.push(Evidence { field: "email", outcome: format!("same ({m})"), weight: CONTACT_MATCH });
    }
    let codes =
        |p: &Profile| -> Vec<String> { p.countries.iter().filter(|c| c.len() == 2).cloned().collect() };
    let (qc, ec) = (codes(query), codes(entity));
    if !qc.is_empty() && !ec.is_empty() && !qc.iter().any(|c| ec.contains(c)) {
        out.push(Evidence {
            field: "country",
            outcome: format!("conflict ({} vs {})", qc.join("/"), ec.join("/")),
            weight: COUNTRY_CONFLICT,
        });
    }
    out
}

/// Whether a query has something to screen: at least one usable name.
pub fn screenable(query: &Profile) -> bool {
    !query.names.is_empty()
}
