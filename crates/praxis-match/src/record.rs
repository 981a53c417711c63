//! Records: the values of one row, typed and normalised per role, ready to be blocked and compared.
//!
//! A caller (the CLI reading a CSV file, the application reading its store) says which role each
//! value plays ([`Role`]); several values may feed one role (three address columns, two phone
//! columns). [`Record::build`] normalises them once, with the crate's own functions: names are
//! parsed across scripts ([`crate::names::ParsedName`]), phones written in E.164, IBANs checked,
//! e-mail addresses and partial birth dates read ([`crate::ident`]). What cannot be read is not
//! guessed: it is left out and returned as a [`FieldProblem`] naming the value, so that the caller
//! can report it with its line and column. An empty or script-less name is such a problem: it is
//! never matched on.

use std::fmt;
use std::hash::{BuildHasher, BuildHasherDefault};
use std::str::FromStr;
use std::sync::{Arc, Mutex};

use rustc_hash::{FxHashMap, FxHasher};

use crate::ident::{self, PartialDate};
use crate::names::{CompareOptions, ParsedName, PersonName, Side};
use crate::normalise::normalise;
use crate::similarity::letter_mask;
use crate::translit::to_latin;

/// What a value says about the entity a record describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    GivenName,
    FamilyName,
    /// A person's whole name, when given and family names are not kept apart.
    FullName,
    BirthDate,
    Phone,
    Email,
    Address,
    City,
    Postcode,
    Region,
    Country,
    /// A passport, national identity or social security number.
    IdNumber,
    /// A bank account number or IBAN.
    AccountNumber,
    /// The name of an organisation (a company, a money service business …).
    OrgName,
}

impl Role {
    /// Every role, in the order of the documentation.
    pub const ALL: [Role; 14] = [
        Role::GivenName,
        Role::FamilyName,
        Role::FullName,
        Role::BirthDate,
        Role::Phone,
        Role::Email,
        Role::Address,
        Role::City,
        Role::Postcode,
        Role::Region,
        Role::Country,
        Role::IdNumber,
        Role::AccountNumber,
        Role::OrgName,
    ];

    /// The role's name as written on the command line (`given_name`, `birth_date` …).
    pub fn name(self) -> &'static str {
        match self {
            Role::GivenName => "given_name",
            Role::FamilyName => "family_name",
            Role::FullName => "full_name",
            Role::BirthDate => "birth_date",
            Role::Phone => "phone",
            Role::Email => "email",
            Role::Address => "address",
            Role::City => "city",
            Role::Postcode => "postcode",
            Role::Region => "region",
            Role::Country => "country",
            Role::IdNumber => "id_number",
            Role::AccountNumber => "account_number",
            Role::OrgName => "org_name",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A role name that is not one of [`Role::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role {0:?} (the roles are: given_name, family_name, full_name, birth_date, phone, email, address, city, postcode, region, country, id_number, account_number, org_name)")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        Role::ALL.into_iter().find(|r| r.name() == s).ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

/// How values are read.
#[derive(Debug, Clone)]
pub struct RecordOptions {
    /// The region (ISO 3166-1 alpha-2) phone numbers without a country code are read in.
    pub phone_region: String,
    /// Options for names (the dictionary of spelling variants).
    pub names: CompareOptions,
}

impl Default for RecordOptions {
    fn default() -> Self {
        Self { phone_region: "PK".to_owned(), names: CompareOptions::default() }
    }
}

/// A value that could not be used, with its index among the values given to [`Record::build`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub index: usize,
    pub role: Role,
    pub message: String,
}

/// A name field: parsed once, with its exact key (the compared forms, in order).
#[derive(Debug, Clone)]
pub(crate) struct NameField {
    pub(crate) parsed: ParsedName,
    pub(crate) key: String,
}

impl NameField {
    fn new(parsed: ParsedName) -> Arc<Self> {
        let key = parsed.forms().collect::<Vec<_>>().join(" ");
        Arc::new(Self { parsed, key })
    }

    /// Whether two name fields have the same compared forms: the same parse (interned) or the
    /// same key.
    pub(crate) fn same(&self, other: &NameField) -> bool {
        std::ptr::eq(self, other) || self.key == other.key
    }

    /// The first letter of the skeleton key (an initial that survives transliteration).
    pub(crate) fn initial(&self) -> Option<char> {
        self.parsed.skeletons().find(|s| !s.is_empty()).and_then(|s| s.chars().next())
    }
}

/// A parsed name, or why it cannot be used.
type ParsedOrError = Result<Arc<NameField>, Arc<str>>;

/// One shard of a [`NameCache`]: parses by name text.
type Shard = Mutex<FxHashMap<Box<str>, ParsedOrError>>;

/// What records built together share: each distinct name text is parsed once
/// ([`Record::build_cached`]). Safe to use from several threads; the records do not depend on
/// which thread parsed a name first.
pub struct NameCache {
    /// Per setting of the name dictionary (off, on), the parses by name text, in shards.
    shards: [Vec<Shard>; 2],
}

const SHARDS: usize = 32;

impl Default for NameCache {
    fn default() -> Self {
        let shards = || (0..SHARDS).map(|_| Mutex::new(FxHashMap::default())).collect();
        Self { shards: [shards(), shards()] }
    }
}

impl NameCache {
    /// The name `text` (a whole name) parsed under `options`, from the cache when it was parsed
    /// before.
    fn name(&self, text: &str, options: &RecordOptions) -> ParsedOrError {
        let shards = &self.shards[usize::from(options.names.name_dictionary)];
        let shard = &shards[BuildHasherDefault::<FxHasher>::default().hash_one(text) as usize % SHARDS];
        if let Some(found) = shard.lock().unwrap_or_else(|e| e.into_inner()).get(text) {
            return found.clone();
        }
        let parsed: ParsedOrError =
            match ParsedName::parse(&PersonName::full(text), Side::Left, options.names) {
                Ok(p) => Ok(NameField::new(p)),
                Err(e) => Err(e.to_string().replace("the left name", "the name").into()),
            };
        shard.lock().unwrap_or_else(|e| e.into_inner()).entry(text.into()).or_insert(parsed).clone()
    }
}

/// One record: an id and its normalised values per role. Built by [`Record::build`].
#[derive(Debug, Clone)]
pub struct Record {
    pub(crate) id: String,
    pub(crate) given: Option<Arc<NameField>>,
    pub(crate) family: Option<Arc<NameField>>,
    /// The person's whole name: the full name, or the given or family name when only one of
    /// them is mapped. `None` when both are mapped (and no full name): they are compared apart,
    /// and blocking takes their parts together.
    pub(crate) name: Option<Arc<NameField>>,
    pub(crate) org: Option<Arc<NameField>>,
    pub(crate) birth: Option<PartialDate>,
    /// The birth date's digits as written (`YYYYMMDD` when complete), kept for the one-typo level
    /// even when the date does not exist.
    pub(crate) birth_digits: Option<String>,
    pub(crate) phones: Vec<String>,
    pub(crate) emails: Vec<String>,
    /// The address's words, each with its [`letter_mask`].
    pub(crate) address: Vec<(String, u128)>,
    pub(crate) city: Option<String>,
    pub(crate) postcode: Option<String>,
    pub(crate) region: Option<String>,
    pub(crate) country: Option<String>,
    pub(crate) id_numbers: Vec<String>,
    pub(crate) accounts: Vec<String>,
}

impl Record {
    /// Build a record from `values`, each with its role, in any order; several values may share a
    /// role. Returns the record and the values that could not be used.
    pub fn build(id: &str, values: &[(Role, &str)], options: &RecordOptions) -> (Record, Vec<FieldProblem>) {
        Self::build_cached(id, values, options, &NameCache::default())
    }

    /// [`Record::build`], with the names parsed once for all the records built with the same
    /// `cache` (and kept once in memory): many records share a name, and parsing names across
    /// scripts is the dearest part of building a record. The records are the same as
    /// [`Record::build`]'s.
    pub fn build_cached(
        id: &str,
        values: &[(Role, &str)],
        options: &RecordOptions,
        cache: &NameCache,
    ) -> (Record, Vec<FieldProblem>) {
        let mut problems = Vec::new();
        let mut r = Record {
            id: id.trim().to_owned(),
            given: None,
            family: None,
            name: None,
            org: None,
            birth: None,
            birth_digits: None,
            phones: Vec::new(),
            emails: Vec::new(),
            address: Vec::new(),
            city: None,
            postcode: None,
            region: None,
            country: None,
            id_numbers: Vec::new(),
            accounts: Vec::new(),
        };
        let joined = |role: Role| -> Option<(usize, String)> {
            let mut first = None;
            let mut text = String::new();
            for (i, (rl, v)) in values.iter().enumerate() {
                if *rl == role && !v.trim().is_empty() {
                    first.get_or_insert(i);
                    if !text.is_empty() {
                        text.push(' ');
                    }
                    text.push_str(v.trim());
                }
            }
            first.map(|i| (i, text))
        };
        let mapped = |role: Role| values.iter().position(|(rl, _)| *rl == role);
        let mut problem = |index: usize, role: Role, message: String| {
            problems.push(FieldProblem { index, role, message });
        };

        // Names: each mapped name role is parsed; an empty or unusable one is reported.
        let mut name_of = |role: Role| -> Option<(String, Arc<NameField>)> {
            let index = mapped(role)?;
            let Some((index, text)) = joined(role) else {
                problem(index, role, "empty name: not matched on this name".to_owned());
                return None;
            };
            match cache.name(&text, options) {
                Ok(f) => Some((text, f)),
                Err(e) => {
                    problem(index, role, format!("{e}; not matched on this name"));
                    None
                }
            }
        };
        let given = name_of(Role::GivenName);
        let family = name_of(Role::FamilyName);
        let full = name_of(Role::FullName);
        r.org = name_of(Role::OrgName).map(|(_, f)| f);
        let split = mapped(Role::GivenName).is_some() && mapped(Role::FamilyName).is_some();
        r.name = match (&full, &given, &family) {
            (Some((_, f)), _, _) => Some(f.clone()),
            (None, _, _) if split => None,
            (None, None, None) => None,
            (None, g, f) => {
                let person = PersonName {
                    given: g.as_ref().map(|(t, _)| t.clone()),
                    family: f.as_ref().map(|(t, _)| t.clone()),
                    full: None,
                };
                ParsedName::parse(&person, Side::Left, options.names).ok().map(NameField::new)
            }
        };
        r.given = given.map(|(_, f)| f);
        r.family = family.map(|(_, f)| f);

        for (index, (role, value)) in values.iter().enumerate() {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            match role {
                Role::BirthDate => {
                    if r.birth.is_some() || r.birth_digits.is_some() {
                        continue;
                    }
                    let digits: String =
                        crate::normalise::ascii_digits(value).chars().filter(char::is_ascii_digit).collect();
                    match PartialDate::parse(value) {
                        Ok(d) => {
                            r.birth = Some(d);
                            r.birth_digits = Some(d.to_string().replace('-', ""));
                        }
                        Err(e) => {
                            if digits.len() == 8 {
                                r.birth_digits = Some(digits);
                            }
                            problem(index, *role, format!("{e}; compared only digit by digit"));
                        }
                    }
                }
                Role::Phone => match ident::phone_e164(value, &options.phone_region) {
                    Ok(p) => push_unique(&mut r.phones, p),
                    Err(e) => problem(index, *role, format!("{e}; not matched on this phone")),
                },
                Role::Email => match ident::email(value) {
                    Ok(e) => push_unique(&mut r.emails, e),
                    Err(e) => problem(index, *role, format!("{e}; not matched on this e-mail")),
                },
                Role::IdNumber => {
                    let id = alphanumeric(value);
                    if id.is_empty() {
                        problem(index, *role, format!("no letters or digits in {value:?}; not matched"));
                    } else {
                        push_unique(&mut r.id_numbers, id);
                    }
                }
                Role::AccountNumber => {
                    let account = ident::iban(value).unwrap_or_else(|_| alphanumeric(value).to_uppercase());
                    if account.is_empty() {
                        problem(index, *role, format!("no letters or digits in {value:?}; not matched"));
                    } else {
                        push_unique(&mut r.accounts, account);
                    }
                }
                Role::Address => r.address.extend(tokens(value).into_iter().map(|t| {
                    let m = letter_mask(&t);
                    (t, m)
                })),
                _ => {}
            }
        }
        let text = |role: Role| joined(role).map(|(_, t)| tokens(&t).join(" ")).filter(|t| !t.is_empty());
        r.city = text(Role::City);
        r.postcode = joined(Role::Postcode).map(|(_, t)| alphanumeric(&t)).filter(|t| !t.is_empty());
        r.region = text(Role::Region);
        r.country = text(Role::Country);
        (r, problems)
    }

    /// The record's id, as given (trimmed).
    pub fn id(&self) -> &str {
        &self.id
    }
}

fn push_unique(v: &mut Vec<String>, s: String) {
    if !v.contains(&s) {
        v.push(s);
    }
}

/// Letters and digits only, normalised (lower case, digits of any script to ASCII).
fn alphanumeric(s: &str) -> String {
    normalise(s).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Normalised words (letters and digits) in their Latin form, in order: "لاهور", "Лахор" and
/// "Lahore" become comparable.
fn tokens(s: &str) -> Vec<String> {
    if s.is_ascii() {
        // What the general path gives for ASCII: lower-case letters and digits, cut at the rest.
        return s
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
            .collect();
    }
    normalise(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| if w.is_ascii() { w.to_owned() } else { to_latin(w).replace('\'', "") })
        .filter(|w| !w.is_empty())
        .collect()
}
