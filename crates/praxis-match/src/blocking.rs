//! Blocking: which pairs of records are compared at all, designed for recall.
//!
//! Comparing every pair is quadratic, so only pairs that share a *key* under at least one rule are
//! compared. The rules are unioned, so a duplicate is missed only when every rule misses it: a
//! typo in the family name is caught by the birth date, a new phone number by the name, a name
//! written in another script by its consonant skeleton (the same in every script). The rules
//! used are those whose roles the data has:
//!
//! | rule | key |
//! | --- | --- |
//! | `id_number`, `phone`, `email`, `account_number` | each normalised value (E.164, IBAN …) |
//! | `id_number_sorted` | the characters of each id number, sorted (two digits transposed) |
//! | `name` | the sorted consonant skeletons of the name's parts (given and family names together) |
//! | `name_part+birth_date` | the skeleton of each part of the name (given or family, so swapped names too) and the birth date |
//! | `family_name+birth_year+initial` | the skeleton of the family name, the birth year and the given name's initial (for a whole name: each part, the year and another part's initial) |
//! | `given_name+birth_date` | the first letter of the given name's skeleton and the full birth date |
//! | `postcode+initials` | the postcode and the first letters of the family and given names |
//! | `birth_date+postcode` | the birth date and the postcode |
//! | `address_start` | the first two words of the address (house number and street, as a rule) |
//! | `postcode+address_start+initial` | the postcode, the first word of the address and the given name's initial |
//! | `org_name` | the sorted skeletons of the organisation's name |
//! | `org_name+postcode` | each skeleton of the organisation's name and the postcode |
//!
//! A key shared by more than `max_block` records (a placeholder such as `000000`, a very frequent
//! name) would add many pairs and little evidence: its records are split by birth year (else
//! postcode) and only the parts of at most `max_block` records are paired; the rest are skipped
//! and counted in the report. Keys are 64-bit hashes; a collision only adds a pair to compare.

use std::hash::{Hash, Hasher};

use rayon::prelude::*;
use rustc_hash::FxHasher;

use crate::compare::Field;
use crate::record::Record;

/// A blocking rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    IdNumber,
    IdNumberSorted,
    Phone,
    Email,
    AccountNumber,
    Name,
    FamilyNameBirthYear,
    GivenNameBirthDate,
    NamePartBirthDate,
    PostcodeInitials,
    BirthDatePostcode,
    AddressStart,
    PostcodeAddressStart,
    OrgName,
    OrgNamePostcode,
}

impl Rule {
    /// The rule's name, as in the report.
    pub fn name(self) -> &'static str {
        match self {
            Rule::IdNumber => "id_number",
            Rule::IdNumberSorted => "id_number_sorted",
            Rule::Phone => "phone",
            Rule::Email => "email",
            Rule::AccountNumber => "account_number",
            Rule::Name => "name",
            Rule::FamilyNameBirthYear => "family_name+birth_year+initial",
            Rule::GivenNameBirthDate => "given_name+birth_date",
            Rule::NamePartBirthDate => "name_part+birth_date",
            Rule::PostcodeInitials => "postcode+initials",
            Rule::BirthDatePostcode => "birth_date+postcode",
            Rule::AddressStart => "address_start",
            Rule::PostcodeAddressStart => "postcode+address_start+initial",
            Rule::OrgName => "org_name",
            Rule::OrgNamePostcode => "org_name+postcode",
        }
    }

    /// The rules that apply to the compared fields.
    pub fn for_fields(fields: &[Field]) -> Vec<Rule> {
        let has = |f: Field| fields.contains(&f);
        let person = has(Field::GivenName) || has(Field::Name);
        let mut out = Vec::new();
        for (f, r) in [
            (Field::IdNumber, Rule::IdNumber),
            (Field::Phone, Rule::Phone),
            (Field::Email, Rule::Email),
            (Field::AccountNumber, Rule::AccountNumber),
        ] {
            if has(f) {
                out.push(r);
            }
        }
        if has(Field::IdNumber) {
            out.push(Rule::IdNumberSorted);
        }
        if person {
            out.push(Rule::Name);
            if has(Field::BirthDate) {
                out.push(Rule::FamilyNameBirthYear);
                out.push(Rule::GivenNameBirthDate);
                out.push(Rule::NamePartBirthDate);
            }
            if has(Field::Postcode) {
                out.push(Rule::PostcodeInitials);
                if has(Field::BirthDate) {
                    out.push(Rule::BirthDatePostcode);
                }
            }
        }
        if has(Field::Address) {
            out.push(Rule::AddressStart);
            if has(Field::Postcode) {
                out.push(Rule::PostcodeAddressStart);
            }
        }
        if has(Field::OrgName) {
            out.push(Rule::OrgName);
            if has(Field::Postcode) {
                out.push(Rule::OrgNamePostcode);
            }
        }
        out
    }

    /// The keys of `r` under this rule (none when a value is missing).
    fn keys(self, r: &Record, out: &mut Vec<u64>) {
        let key = |parts: &[&dyn HashPart]| {
            let mut h = FxHasher::default();
            (self as u8).hash(&mut h);
            for p in parts {
                p.feed(&mut h);
            }
            h.finish()
        };
        let family = || r.family.as_deref().or(r.name.as_deref());
        let given = || r.given.as_deref().or(r.name.as_deref());
        match self {
            Rule::IdNumber => out.extend(r.id_numbers.iter().map(|v| key(&[v]))),
            Rule::IdNumberSorted => out.extend(r.id_numbers.iter().map(|v| {
                let mut chars: Vec<char> = v.chars().collect();
                chars.sort_unstable();
                key(&[&chars])
            })),
            Rule::Phone => out.extend(r.phones.iter().map(|v| key(&[v]))),
            Rule::Email => out.extend(r.emails.iter().map(|v| key(&[v]))),
            Rule::AccountNumber => out.extend(r.accounts.iter().map(|v| key(&[v]))),
            Rule::Name => {
                let mut parts = name_skeletons(r);
                if !parts.is_empty() {
                    parts.sort_unstable();
                    out.push(key(&[&parts]));
                }
            }
            Rule::FamilyNameBirthYear => {
                let Some(year) = r.birth.map(|d| d.year()).or_else(|| {
                    r.birth_digits.as_ref().and_then(|d| d.get(..4)).and_then(|y| y.parse().ok())
                }) else {
                    return;
                };
                if let (Some(f), Some(g)) = (&r.family, &r.given) {
                    let mut fs: Vec<&str> = f.parsed.skeletons().filter(|s| !s.is_empty()).collect();
                    fs.sort_unstable();
                    out.push(key(&[&fs, &year, &g.initial()]));
                } else {
                    // A whole name: each part with the initial of each other part.
                    let parts = name_skeletons(r);
                    for (i, p) in parts.iter().enumerate() {
                        for (j, q) in parts.iter().enumerate() {
                            if i != j {
                                out.push(key(&[p, &year, &q.chars().next()]));
                            }
                        }
                    }
                    if parts.len() == 1 {
                        out.push(key(&[&parts[0], &year, &None::<char>]));
                    }
                }
            }
            Rule::GivenNameBirthDate => {
                if let (Some(d), Some(i)) = (&r.birth_digits, given().and_then(|g| g.initial())) {
                    out.push(key(&[d, &i]));
                }
            }
            Rule::NamePartBirthDate => {
                if let Some(d) = &r.birth_digits {
                    let mut parts = name_skeletons(r);
                    parts.sort_unstable();
                    parts.dedup();
                    out.extend(parts.iter().map(|p| key(&[p, d])));
                }
            }
            Rule::PostcodeInitials => {
                let (Some(p), Some(f), Some(g)) = (&r.postcode, family(), given()) else { return };
                if let (Some(a), Some(b)) = (f.initial(), g.initial()) {
                    out.push(key(&[p, &a, &b]));
                }
            }
            Rule::BirthDatePostcode => {
                if let (Some(d), Some(p)) = (&r.birth_digits, &r.postcode) {
                    out.push(key(&[d, p]));
                }
            }
            Rule::AddressStart => {
                if let [(a, _), (b, _), ..] = r.address.as_slice() {
                    out.push(key(&[a, b]));
                }
            }
            Rule::PostcodeAddressStart => {
                let initial = given().or(family()).and_then(|n| n.initial());
                if let (Some(p), Some((a, _)), Some(i)) = (&r.postcode, r.address.first(), initial) {
                    out.push(key(&[p, a, &i]));
                }
            }
            Rule::OrgName => {
                if let Some(o) = &r.org {
                    let mut parts: Vec<&str> = o.parsed.skeletons().filter(|s| !s.is_empty()).collect();
                    parts.sort_unstable();
                    out.push(key(&[&parts]));
                }
            }
            Rule::OrgNamePostcode => {
                if let (Some(o), Some(p)) = (&r.org, &r.postcode) {
                    let mut parts: Vec<&str> = o.parsed.skeletons().filter(|s| s.len() > 1).collect();
                    parts.sort_unstable();
                    parts.dedup();
                    out.extend(parts.iter().map(|s| key(&[s, p])));
                }
            }
        }
    }
}

/// The skeletons of a person's name parts: the whole name's, else the given and family names'.
fn name_skeletons(r: &Record) -> Vec<&str> {
    match &r.name {
        Some(n) => n.parsed.skeletons().filter(|s| !s.is_empty()).collect(),
        None => [&r.given, &r.family]
            .into_iter()
            .flatten()
            .flat_map(|n| n.parsed.skeletons())
            .filter(|s| !s.is_empty())
            .collect(),
    }
}

trait HashPart {
    fn feed(&self, h: &mut FxHasher);
}

impl<T: Hash + ?Sized> HashPart for T {
    fn feed(&self, h: &mut FxHasher) {
        self.hash(h);
    }
}

/// How many pairs each rule proposed, and the keys skipped as too frequent.
#[derive(Debug, Clone)]
pub struct RuleReport {
    pub rule: Rule,
    /// Pairs proposed by this rule (some also proposed by other rules).
    pub pairs: u64,
    /// Keys shared by more than `max_block` records, skipped.
    pub skipped_keys: u64,
    /// Records under those skipped keys.
    pub skipped_records: u64,
}

/// The candidate pairs: each `(a, b)` once, sorted; for a dedupe `a < b` (indices into one set),
/// for a link `a` indexes the left set and `b` the right.
#[derive(Debug, Clone)]
pub struct Candidates {
    pub pairs: Vec<(u32, u32)>,
    pub rules: Vec<RuleReport>,
}

impl Candidates {
    /// Whether `(a, b)` is a candidate pair (for a dedupe, in either order).
    pub fn contains(&self, a: u32, b: u32, dedupe: bool) -> bool {
        let p = if dedupe && a > b { (b, a) } else { (a, b) };
        self.pairs.binary_search(&p).is_ok()
    }
}

fn keyed(records: &[Record], rule: Rule) -> Vec<(u64, u32)> {
    let mut out: Vec<(u64, u32)> = records
        .par_iter()
        .enumerate()
        .fold(
            || (Vec::new(), Vec::new()),
            |(mut acc, mut buf): (Vec<(u64, u32)>, Vec<u64>), (i, r)| {
                buf.clear();
                rule.keys(r, &mut buf);
                buf.sort_unstable();
                buf.dedup();
                acc.extend(buf.iter().map(|k| (*k, i as u32)));
                (acc, buf)
            },
        )
        .map(|(acc, _)| acc)
        .reduce(Vec::new, |mut a, b| {
            a.extend(b);
            a
        });
    out.par_sort_unstable();
    out
}

/// Group runs of equal keys.
fn groups(keyed: &[(u64, u32)]) -> impl Iterator<Item = &[(u64, u32)]> {
    keyed.chunk_by(|a, b| a.0 == b.0)
}

/// The candidate pairs within one set of records.
pub fn dedupe_pairs(records: &[Record], rules: &[Rule], max_block: usize) -> Candidates {
    // The rules in parallel, each with its own pairs; unioned at the end.
    let per_rule: Vec<(Vec<u64>, RuleReport)> = rules
        .par_iter()
        .map(|&rule| {
            let mut all: Vec<u64> = Vec::new();
            let k = keyed(records, rule);
            let mut report = RuleReport { rule, pairs: 0, skipped_keys: 0, skipped_records: 0 };
            let mut refined: Vec<(u64, u32)> = Vec::new();
            for g in groups(&k) {
                let g = if g.len() > max_block {
                    refined.clear();
                    refined.extend(g.iter().map(|&(_, i)| (refinement(&records[i as usize]), i)));
                    refined.sort_unstable();
                    &refined[..]
                } else {
                    g
                };
                for g in groups(g) {
                    if g.len() > max_block {
                        report.skipped_keys += 1;
                        report.skipped_records += g.len() as u64;
                        continue;
                    }
                    for (x, &(_, i)) in g.iter().enumerate() {
                        for &(_, j) in &g[x + 1..] {
                            all.push(pack(i.min(j), i.max(j)));
                            report.pairs += 1;
                        }
                    }
                }
            }
            (all, report)
        })
        .collect();
    finish(per_rule)
}

/// The candidate pairs between two sets of records.
pub fn link_pairs(left: &[Record], right: &[Record], rules: &[Rule], max_block: usize) -> Candidates {
    let per_rule: Vec<(Vec<u64>, RuleReport)> = rules
        .par_iter()
        .map(|&rule| {
            let mut all: Vec<u64> = Vec::new();
            let (l, r) = (keyed(left, rule), keyed(right, rule));
            let mut report = RuleReport { rule, pairs: 0, skipped_keys: 0, skipped_records: 0 };
            let mut rg = groups(&r).peekable();
            for lg in groups(&l) {
                let key = lg[0].0;
                while rg.peek().is_some_and(|g| g[0].0 < key) {
                    rg.next();
                }
                let Some(g) = rg.peek().filter(|g| g[0].0 == key) else { continue };
                let (lg, g) = if lg.len().max(g.len()) > max_block {
                    let refine = |g: &[(u64, u32)], set: &[Record]| {
                        let mut v: Vec<(u64, u32)> =
                            g.iter().map(|&(_, i)| (refinement(&set[i as usize]), i)).collect();
                        v.sort_unstable();
                        v
                    };
                    (refine(lg, left), refine(g, right))
                } else {
                    (lg.to_vec(), g.to_vec())
                };
                let mut sub_r = groups(&g).peekable();
                for sl in groups(&lg) {
                    while sub_r.peek().is_some_and(|s| s[0].0 < sl[0].0) {
                        sub_r.next();
                    }
                    let Some(sr) = sub_r.peek().filter(|s| s[0].0 == sl[0].0) else { continue };
                    if sl.len().max(sr.len()) > max_block {
                        report.skipped_keys += 1;
                        report.skipped_records += (sl.len() + sr.len()) as u64;
                        continue;
                    }
                    for &(_, i) in sl {
                        for &(_, j) in *sr {
                            all.push(pack(i, j));
                            report.pairs += 1;
                        }
                    }
                }
            }
            (all, report)
        })
        .collect();
    finish(per_rule)
}

/// The secondary key that splits a key shared by too many records: the birth year, else the
/// postcode, else nothing.
fn refinement(r: &Record) -> u64 {
    let mut h = FxHasher::default();
    if let Some(d) = r.birth {
        d.year().hash(&mut h);
    } else if let Some(y) = r.birth_digits.as_ref().and_then(|d| d.get(..4)) {
        y.hash(&mut h);
    } else if let Some(p) = &r.postcode {
        p.hash(&mut h);
    } else {
        return 0;
    }
    h.finish()
}

fn pack(a: u32, b: u32) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

/// The union of the rules' pairs, sorted, each once; the reports in the order of the rules.
fn finish(per_rule: Vec<(Vec<u64>, RuleReport)>) -> Candidates {
    let mut all: Vec<u64> = Vec::with_capacity(per_rule.iter().map(|(p, _)| p.len()).sum());
    let mut rules = Vec::with_capacity(per_rule.len());
    for (pairs, report) in per_rule {
        all.extend_from_slice(&pairs);
        rules.push(report);
    }
    all.par_sort_unstable();
    all.dedup();
    let pairs = all.iter().map(|p| ((p >> 32) as u32, *p as u32)).collect();
    Candidates { pairs, rules }
}
