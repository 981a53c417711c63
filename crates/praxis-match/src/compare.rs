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

use crate::features::{Features, Row, Word, ID_ON_RECORD, NO_VALUE, WORDS_ON_RECORD};
use crate::ident::{compare_dates, DateComparison};
use crate::names::parsed_similarity;
use crate::record::{NameField, Record, Role};
use crate::similarity::{
    jaro_winkler_above, jaro_winkler_above_counted, letter_mask, osa_at_most, osa_at_most_ascii,
};

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

/// Comparisons already made in one run, by the ids of the values compared ([`Features`]): many
/// records share a name, and the same two names (and address words) meet again and again among
/// the candidate pairs.
#[derive(Default)]
pub(crate) struct NameMemo {
    seen: rustc_hash::FxHashMap<u64, u8>,
    /// Jaro–Winkler of two address words (at or above the address floor, else 0), by their ids:
    /// a direct-mapped cache of [`NameMemo::WORDS`] entries, allocated on first use.
    words: Vec<(u64, f64)>,
}

impl NameMemo {
    /// Keep at most this many name comparisons (then start again).
    const MAX: usize = 1 << 20;
    /// The number of address-word pairs kept (a power of two).
    const WORDS: usize = 1 << 14;

    /// [`jaro_winkler_above_counted`] of the address words `w` and `v` at [`ADDRESS_WORD`].
    fn word_similarity(&mut self, vocab: &[Word], w: u32, v: u32) -> f64 {
        if self.words.is_empty() {
            self.words = vec![(u64::MAX, 0.0); Self::WORDS];
        }
        let key = (u64::from(w) << 32) | u64::from(v);
        let slot = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - Self::WORDS.trailing_zeros())) as usize;
        let (k, s) = self.words[slot];
        if k == key {
            return s;
        }
        let (x, y) = (&vocab[w as usize], &vocab[v as usize]);
        let s = jaro_winkler_above_counted((x.text, x.mask, x.ones), (y.text, y.mask, y.ones), ADDRESS_WORD);
        self.words[slot] = (key, s);
        s
    }
}

/// The Jaro–Winkler similarity at which two address words count as the same word.
const ADDRESS_WORD: f64 = 0.88;

/// The slot of a field in [`Row::values`].
fn slot(f: Field) -> Option<usize> {
    match f {
        Field::City => Some(0),
        Field::Postcode => Some(1),
        Field::Region => Some(2),
        Field::Country => Some(3),
        _ => None,
    }
}

impl Field {
    /// The level of [`Field::compare`] from the records' [`Row`]s where they hold the values
    /// (short values by their ids, address words by theirs, the id number and birth digits as
    /// bytes), names and distinct short values looked up in `memo` first.
    pub(crate) fn level_fast(
        self,
        (a, b): (&Record, &Record),
        (x, y): (&Row, &Row),
        features: &Features,
        memo: &mut NameMemo,
    ) -> u8 {
        let k = match self {
            Field::BirthDate => return birth_level(a, b, x, y),
            Field::IdNumber => return id_level(a, b, x, y),
            Field::Address => {
                if x.words_len == WORDS_ON_RECORD || y.words_len == WORDS_ON_RECORD {
                    return on_records(self, a, b);
                }
                return address_level(features.address(x), features.address(y), &features.vocab, memo);
            }
            Field::GivenName | Field::Name => Some(0),
            Field::FamilyName => Some(1),
            Field::OrgName => Some(2),
            _ => None,
        };
        if let Some(k) = k {
            return name_level(x.names[k], y.names[k], features, memo);
        }
        let Some(k) = slot(self) else { return on_records(self, a, b) };
        let (x, y) = (x.values[k], y.values[k]);
        if x == NO_VALUE || y == NO_VALUE {
            return MISSING;
        }
        if x == y {
            return 1;
        }
        let (p, q) = (&features.values[k][x as usize], &features.values[k][y as usize]);
        match self {
            Field::City => {
                if below_floor(p, q, 2, 3) {
                    return 3;
                }
                let s = jaro_winkler_above_counted((p.text, p.mask, p.ones), (q.text, q.mask, q.ones), 0.9);
                if s >= 0.9 {
                    2
                } else {
                    3
                }
            }
            Field::Postcode => {
                if osa_at_most(p.text, q.text, 1).is_some() {
                    2
                } else {
                    3
                }
            }
            _ => 2,
        }
    }
}

/// The level compared on the records themselves (kept out of line: the hot path reads rows).
#[cold]
#[inline(never)]
fn on_records(f: Field, a: &Record, b: &Record) -> u8 {
    f.compare(a, b).0
}

/// The level of two names by the ids of their parses, looked up in `memo` first.
fn name_level(x: u32, y: u32, features: &Features, memo: &mut NameMemo) -> u8 {
    if x == NO_VALUE || y == NO_VALUE {
        return MISSING;
    }
    if x == y {
        return 1;
    }
    let key = (u64::from(x) << 32) | u64::from(y);
    if let Some(&level) = memo.seen.get(&key) {
        return level;
    }
    let level = names(Some(features.names[x as usize]), Some(features.names[y as usize])).0;
    if memo.seen.len() >= NameMemo::MAX {
        memo.seen.clear();
    }
    memo.seen.insert(key, level);
    level
}

/// Whether the Jaro–Winkler similarity of two ASCII words is certainly below a floor `f`. With at
/// most `m` letters matching (from their letter masks), Jaro is at most (m/|x| + m/|y| + 1)/3 and
/// the Winkler prefix adds at most 0.4·(1 − Jaro), so `f` needs m/|x| + m/|y| ≥ 3·(f − 0.4)/0.6 − 1,
/// given as `den / num` (7/5 for 0.88, 3/2 for 0.9). In integers, without rounding: a pair ruled
/// out here is one whose similarity is below `f`, which the callers count as 0.
fn below_floor(x: &Word, y: &Word, num: usize, den: usize) -> bool {
    if (x.mask | y.mask) & 1 != 0 {
        return false;
    }
    let (lx, ly) = (x.text.len(), y.text.len());
    let shared = (x.mask & y.mask).count_ones() as usize;
    let m = (shared + lx - x.ones as usize).min(shared + ly - y.ones as usize).min(lx.min(ly));
    num * m * (lx + ly) < den * lx * ly
}

/// [`birth`]'s level from the rows.
fn birth_level(a: &Record, b: &Record, x: &Row, y: &Row) -> u8 {
    if x.birth_len == ID_ON_RECORD || y.birth_len == ID_ON_RECORD {
        return on_records(Field::BirthDate, a, b);
    }
    let one_typo = || {
        x.birth_len == 8
            && y.birth_len == 8
            && osa_at_most_ascii(&x.birth_digits, &y.birth_digits, 1).is_some()
    };
    if let (Some(p), Some(q)) = (x.birth, y.birth) {
        return match compare_dates(p, q) {
            DateComparison::Exact => 1,
            DateComparison::Compatible => 2,
            DateComparison::DayMonthSwapped => 3,
            DateComparison::YearOffByOne => 4,
            DateComparison::Conflict => {
                if one_typo() {
                    3
                } else if p.year().abs_diff(q.year()) == 1 && p.month() == q.month() && p.day() == q.day() {
                    4
                } else {
                    5
                }
            }
        };
    }
    match (x.birth_len, y.birth_len) {
        (0, _) | (_, 0) => MISSING,
        (m, n) if m == n && x.birth_digits == y.birth_digits => 1,
        _ => {
            if one_typo() {
                3
            } else {
                5
            }
        }
    }
}

/// [`id_number`]'s level from the rows.
fn id_level(a: &Record, b: &Record, x: &Row, y: &Row) -> u8 {
    match (x.id_len, y.id_len) {
        (0, _) | (_, 0) => MISSING,
        (ID_ON_RECORD, _) | (_, ID_ON_RECORD) => on_records(Field::IdNumber, a, b),
        (m, n) => {
            if m == n && x.id == y.id {
                return 1;
            }
            match osa_at_most_ascii(&x.id[..usize::from(m)], &y.id[..usize::from(n)], 2) {
                Some(0) => 1,
                Some(1) => 2,
                Some(2) => 3,
                _ => 4,
            }
        }
    }
}

/// [`address`]'s level from the word ids: the same pairing of words, the same sum in the same
/// order.
fn address_level(a: &[u32], b: &[u32], vocab: &[Word], memo: &mut NameMemo) -> u8 {
    if a.is_empty() || b.is_empty() {
        return MISSING;
    }
    if a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y) {
        return 1;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let short = &short[..short.len().min(64)];
    let long = &long[..long.len().min(64)];
    let mut used = [false; 64];
    let mut done = [false; 64];
    let mut total = 0.0;
    for (i, w) in short.iter().enumerate() {
        if let Some(j) = (0..long.len()).find(|&j| !used[j] && long[j] == *w) {
            used[j] = true;
            done[i] = true;
            total += 1.0;
        }
    }
    for (i, &w) in short.iter().enumerate() {
        if done[i] {
            continue;
        }
        let mut best = (0.0, usize::MAX);
        for (j, &v) in long.iter().enumerate() {
            if used[j] {
                continue;
            }
            let s = if below_floor(&vocab[w as usize], &vocab[v as usize], 5, 7) {
                0.0
            } else {
                memo.word_similarity(vocab, w, v)
            };
            if s > best.0 {
                best = (s, j);
            }
        }
        if best.0 >= ADDRESS_WORD {
            used[best.1] = true;
            total += best.0;
        }
    }
    address_cut(2.0 * total / (a.len() + b.len()) as f64)
}

/// The level of an address score.
fn address_cut(s: f64) -> u8 {
    if s >= 0.8 {
        2
    } else if s >= 0.5 {
        3
    } else {
        4
    }
}

impl Field {
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
    (address_cut(s), Some(s))
}
