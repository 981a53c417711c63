//! Comparisons: for each field, how closely two records agree, as one of a few ordered levels.
//!
//! As in Splink, every comparison has a *missing* level (either side has no value: no evidence
//! either way, weight 0), then levels from the closest agreement to *different*. The
//! Fellegi–Sunter model ([`crate::fellegi_sunter`]) learns how much each level weighs.
//!
//! | field | levels after *missing* |
//! | --- | --- |
//! | names (given, family, whole, organisation) | exact · ≥ 0.92 · ≥ 0.85 · ≥ 0.50 · different, on the cross-script name score ([`crate::names`]) |
//! | birth date | exact · compatible (one is partial) · one digit or day/month swapped · year off by one · different |
//! | phone, e-mail, account number | exact (any value of one side equal to any of the other) · different |
//! | id number | exact · one edit · two edits · different (optimal string alignment: typos and transposed neighbours) |
//! | address | exact · token score ≥ 0.8 · ≥ 0.5 · different (words paired at Jaro–Winkler ≥ 0.88) |
//! | city | exact · Jaro–Winkler ≥ 0.9 · different |
//! | postcode | exact · one edit · different |
//! | region, country | exact · different |

use std::fmt;

use crate::ident::{compare_dates, DateComparison};
use crate::names::parsed_similarity;
use crate::record::{NameField, Record, Role};
use crate::similarity::{jaro_winkler_above, letter_mask, osa_at_most};

/// A compared field. Which fields are compared follows from the roles mapped
/// ([`Field::for_roles`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    GivenName,
    FamilyName,
    /// The whole person name (used when given and family names are not both known).
    Name,
    OrgName,
    BirthDate,
    IdNumber,
    Phone,
    Email,
    AccountNumber,
    Address,
    City,
    Postcode,
    Region,
    Country,
}

/// The missing level, common to every field.
pub const MISSING: u8 = 0;

const NAME_LEVELS: &[&str] = &["missing", "exact", "≥0.92", "≥0.85", "≥0.50", "different"];
const NAME_CUTS: [f64; 3] = [0.92, 0.85, 0.5];

impl Field {
    /// The fields compared when the data has the roles `roles` (for a link: the roles both sides
    /// have). Given and family names are compared apart when both are mapped, else the whole name.
    pub fn for_roles(roles: &[Role]) -> Vec<Field> {
        let has = |r: Role| roles.contains(&r);
        let mut out = Vec::new();
        if has(Role::GivenName) && has(Role::FamilyName) && !has(Role::FullName) {
            out.extend([Field::GivenName, Field::FamilyName]);
        } else if has(Role::GivenName) || has(Role::FamilyName) || has(Role::FullName) {
            out.push(Field::Name);
        }
        let pairs = [
            (Role::OrgName, Field::OrgName),
            (Role::BirthDate, Field::BirthDate),
            (Role::IdNumber, Field::IdNumber),
            (Role::Phone, Field::Phone),
            (Role::Email, Field::Email),
            (Role::AccountNumber, Field::AccountNumber),
            (Role::Address, Field::Address),
            (Role::City, Field::City),
            (Role::Postcode, Field::Postcode),
            (Role::Region, Field::Region),
            (Role::Country, Field::Country),
        ];
        out.extend(pairs.iter().filter(|(r, _)| has(*r)).map(|(_, f)| *f));
        out
    }

    /// The field's name, as in the explanations.
    pub fn name(self) -> &'static str {
        match self {
            Field::GivenName => "given_name",
            Field::FamilyName => "family_name",
            Field::Name => "name",
            Field::OrgName => "org_name",
            Field::BirthDate => "birth_date",
            Field::IdNumber => "id_number",
            Field::Phone => "phone",
            Field::Email => "email",
            Field::AccountNumber => "account_number",
            Field::Address => "address",
            Field::City => "city",
            Field::Postcode => "postcode",
            Field::Region => "region",
            Field::Country => "country",
        }
    }

    /// The labels of the levels, *missing* first, then from the closest to *different*.
    pub fn levels(self) -> &'static [&'static str] {
        match self {
            Field::GivenName | Field::FamilyName | Field::Name | Field::OrgName => NAME_LEVELS,
            Field::BirthDate => {
                &["missing", "exact", "compatible", "one digit or day/month swapped", "year ±1", "different"]
            }
            Field::IdNumber => &["missing", "exact", "one edit", "two edits", "different"],
            Field::Phone | Field::Email | Field::AccountNumber | Field::Region | Field::Country => {
                &["missing", "exact", "different"]
            }
            Field::Address => &["missing", "exact", "≥0.8", "≥0.5", "different"],
            Field::City => &["missing", "exact", "≥0.9", "different"],
            Field::Postcode => &["missing", "exact", "one edit", "different"],
        }
    }

    /// Compare two records on this field: the level and, where one was computed, the similarity.
    pub fn compare(self, a: &Record, b: &Record) -> (u8, Option<f64>) {
        match self {
            Field::GivenName => names(a.given.as_deref(), b.given.as_deref()),
            Field::FamilyName => names(a.family.as_deref(), b.family.as_deref()),
            Field::Name => names(a.name.as_deref(), b.name.as_deref()),
            Field::OrgName => names(a.org.as_deref(), b.org.as_deref()),
            Field::BirthDate => birth(a, b),
            Field::IdNumber => id_number(&a.id_numbers, &b.id_numbers),
            Field::Phone => any_equal(&a.phones, &b.phones),
            Field::Email => any_equal(&a.emails, &b.emails),
            Field::AccountNumber => any_equal(&a.accounts, &b.accounts),
            Field::Address => address(&a.address, &b.address),
            Field::City => match (&a.city, &b.city) {
                (Some(x), Some(y)) if x == y => (1, Some(1.0)),
                (Some(x), Some(y)) => {
                    let s = jaro_winkler_above(x, letter_mask(x), y, letter_mask(y), 0.9);
                    (if s >= 0.9 { 2 } else { 3 }, Some(s))
                }
                _ => (MISSING, None),
            },
            Field::Postcode => match (&a.postcode, &b.postcode) {
                (Some(x), Some(y)) if x == y => (1, None),
                (Some(x), Some(y)) => (if osa_at_most(x, y, 1).is_some() { 2 } else { 3 }, None),
                _ => (MISSING, None),
            },
            Field::Region => exact(&a.region, &b.region),
            Field::Country => exact(&a.country, &b.country),
        }
    }
}

/// Name comparisons already made, by the two parses compared (many records share a name, and
/// the same two names meet again and again among the candidate pairs). Valid while the records
/// compared are: the keys are the addresses of their parsed names.
#[derive(Default)]
pub(crate) struct NameMemo {
    seen: rustc_hash::FxHashMap<(usize, usize), u8>,
    /// Levels of two different short values ([`ValueIds`]), by slot and ids.
    values: rustc_hash::FxHashMap<(u8, u32, u32), u8>,
}

impl NameMemo {
    /// Keep at most this many comparisons (then start again).
    const MAX: usize = 1 << 20;
}

/// No value in this slot.
pub(crate) const NO_VALUE: u32 = u32::MAX;

/// The short single values of each record (city, postcode, region, country) as dense ids shared
/// by both sides: equal values have equal ids, so comparing them reads no text, and two different
/// values are compared once ([`Field::level_fast`]).
pub(crate) type ValueIds = Vec<[u32; 4]>;

/// The slot of a field in [`ValueIds`].
fn slot(f: Field) -> Option<usize> {
    match f {
        Field::City => Some(0),
        Field::Postcode => Some(1),
        Field::Region => Some(2),
        Field::Country => Some(3),
        _ => None,
    }
}

/// The ids of `left` and `right` (one numbering for both).
pub(crate) fn value_ids<'a>(
    left: &'a [Record],
    right: &'a [Record],
    same: bool,
) -> (ValueIds, Option<ValueIds>) {
    fn ids<'a>(records: &'a [Record], maps: &mut [rustc_hash::FxHashMap<&'a str, u32>; 4]) -> ValueIds {
        records
            .iter()
            .map(|r| {
                let values = [&r.city, &r.postcode, &r.region, &r.country];
                let mut out = [NO_VALUE; 4];
                for (k, v) in values.into_iter().enumerate() {
                    if let Some(v) = v {
                        let next = maps[k].len() as u32;
                        out[k] = *maps[k].entry(v.as_str()).or_insert(next);
                    }
                }
                out
            })
            .collect()
    }
    let mut maps: [rustc_hash::FxHashMap<&'a str, u32>; 4] = Default::default();
    let l = ids(left, &mut maps);
    let r = if same { None } else { Some(ids(right, &mut maps)) };
    (l, r)
}

impl Field {
    /// The level of [`Field::compare`]: short values by their ids ([`ValueIds`]), names and
    /// distinct short values looked up in `memo` first.
    pub(crate) fn level_fast(
        self,
        a: &Record,
        b: &Record,
        ids: (&[u32; 4], &[u32; 4]),
        memo: &mut NameMemo,
    ) -> u8 {
        let Some(k) = slot(self) else { return self.level_memo(a, b, memo) };
        let (x, y) = (ids.0[k], ids.1[k]);
        if x == NO_VALUE || y == NO_VALUE {
            return MISSING;
        }
        if x == y {
            return 1;
        }
        if matches!(self, Field::Region | Field::Country) {
            return 2;
        }
        if let Some(&level) = memo.values.get(&(k as u8, x, y)) {
            return level;
        }
        let level = self.compare(a, b).0;
        if memo.values.len() >= NameMemo::MAX {
            memo.values.clear();
        }
        memo.values.insert((k as u8, x, y), level);
        level
    }
}

impl Field {
    /// The level of [`Field::compare`], with name comparisons looked up in `memo` first.
    pub(crate) fn level_memo(self, a: &Record, b: &Record, memo: &mut NameMemo) -> u8 {
        let pair = match self {
            Field::GivenName => (a.given.as_deref(), b.given.as_deref()),
            Field::FamilyName => (a.family.as_deref(), b.family.as_deref()),
            Field::Name => (a.name.as_deref(), b.name.as_deref()),
            Field::OrgName => (a.org.as_deref(), b.org.as_deref()),
            _ => return self.compare(a, b).0,
        };
        let (Some(x), Some(y)) = pair else { return MISSING };
        if std::ptr::eq(x, y) {
            return 1;
        }
        let key = (x as *const NameField as usize, y as *const NameField as usize);
        if let Some(&level) = memo.seen.get(&key) {
            return level;
        }
        let (level, _) = names(Some(x), Some(y));
        if memo.seen.len() >= NameMemo::MAX {
            memo.seen.clear();
        }
        memo.seen.insert(key, level);
        level
    }

    /// The value whose equality is this field's *exact* level, for the fields where one value
    /// decides it (for the others, `None`: their exact level is sampled like the rest).
    pub(crate) fn exact_key(self, r: &Record) -> Option<Option<&str>> {
        fn name(n: &Option<std::sync::Arc<NameField>>) -> Option<&str> {
            n.as_deref().map(|n| n.key.as_str())
        }
        Some(match self {
            Field::GivenName => name(&r.given),
            Field::FamilyName => name(&r.family),
            Field::Name => name(&r.name),
            Field::OrgName => name(&r.org),
            Field::BirthDate => r.birth_digits.as_deref(),
            Field::City => r.city.as_deref(),
            Field::Postcode => r.postcode.as_deref(),
            Field::Region => r.region.as_deref(),
            Field::Country => r.country.as_deref(),
            Field::IdNumber | Field::Phone | Field::Email | Field::AccountNumber | Field::Address => {
                return None
            }
        })
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

fn names(a: Option<&NameField>, b: Option<&NameField>) -> (u8, Option<f64>) {
    let (Some(a), Some(b)) = (a, b) else { return (MISSING, None) };
    if a.same(b) {
        return (1, Some(1.0));
    }
    let s = parsed_similarity(&a.parsed, &b.parsed);
    let level = NAME_CUTS.iter().position(|c| s >= *c).map_or(5, |i| i as u8 + 2);
    (level, Some(s))
}

fn birth(a: &Record, b: &Record) -> (u8, Option<f64>) {
    if let (Some(x), Some(y)) = (a.birth, b.birth) {
        let level = match compare_dates(x, y) {
            DateComparison::Exact => 1,
            DateComparison::Compatible => 2,
            DateComparison::DayMonthSwapped => 3,
            DateComparison::YearOffByOne => 4,
            DateComparison::Conflict => {
                if one_typo(a, b) {
                    3
                } else if x.year().abs_diff(y.year()) == 1 && x.month() == y.month() && x.day() == y.day() {
                    4
                } else {
                    5
                }
            }
        };
        return (level, None);
    }
    match (&a.birth_digits, &b.birth_digits) {
        (Some(x), Some(y)) if x == y => (1, None),
        (Some(_), Some(_)) => (if one_typo(a, b) { 3 } else { 5 }, None),
        _ => (MISSING, None),
    }
}

fn one_typo(a: &Record, b: &Record) -> bool {
    match (&a.birth_digits, &b.birth_digits) {
        (Some(x), Some(y)) if x.len() == 8 && y.len() == 8 => osa_at_most(x, y, 1).is_some(),
        _ => false,
    }
}

fn id_number(a: &[String], b: &[String]) -> (u8, Option<f64>) {
    if a.is_empty() || b.is_empty() {
        return (MISSING, None);
    }
    let mut best = usize::MAX;
    for x in a {
        for y in b {
            best = best.min(if x == y { 0 } else { osa_at_most(x, y, 2).unwrap_or(3) });
        }
    }
    (
        match best {
            0 => 1,
            1 => 2,
            2 => 3,
            _ => 4,
        },
        None,
    )
}

fn any_equal(a: &[String], b: &[String]) -> (u8, Option<f64>) {
    if a.is_empty() || b.is_empty() {
        return (MISSING, None);
    }
    if a.iter().any(|x| b.contains(x)) {
        (1, None)
    } else {
        (2, None)
    }
}

fn exact(a: &Option<String>, b: &Option<String>) -> (u8, Option<f64>) {
    match (a, b) {
        (Some(x), Some(y)) => (if x == y { 1 } else { 2 }, None),
        _ => (MISSING, None),
    }
}

/// Addresses as bags of words: each word of the shorter side takes an equal free word of the other
/// (counting 1), else the most similar free word (Jaro–Winkler ≥ 0.88 counts its similarity, below
/// counts 0); the score is twice the sum over the number of words on both sides.
fn address(a: &[(String, u128)], b: &[(String, u128)]) -> (u8, Option<f64>) {
    if a.is_empty() || b.is_empty() {
        return (MISSING, None);
    }
    let same = |(w, mw): &(String, u128), (v, mv): &(String, u128)| mw == mv && w == v;
    if a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y)) {
        return (1, Some(1.0));
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let short = &short[..short.len().min(64)];
    let long = &long[..long.len().min(64)];
    let mut used = [false; 64];
    let mut done = [false; 64];
    let mut total = 0.0;
    // Equal words first (most words of a duplicate), then the closest free word for the rest.
    for (i, w) in short.iter().enumerate() {
        if let Some(j) = (0..long.len()).find(|&j| !used[j] && same(w, &long[j])) {
            used[j] = true;
            done[i] = true;
            total += 1.0;
        }
    }
    for (i, (w, mw)) in short.iter().enumerate() {
        if done[i] {
            continue;
        }
        let mut best = (0.0, usize::MAX);
        for (j, (v, mv)) in long.iter().enumerate() {
            if used[j] {
                continue;
            }
            let s = jaro_winkler_above(w, *mw, v, *mv, 0.88);
            if s > best.0 {
                best = (s, j);
            }
        }
        if best.0 >= 0.88 {
            used[best.1] = true;
            total += best.0;
        }
    }
    let s = 2.0 * total / (a.len() + b.len()) as f64;
    (
        if s >= 0.8 {
            2
        } else if s >= 0.5 {
            3
        } else {
            4
        },
        Some(s),
    )
}
