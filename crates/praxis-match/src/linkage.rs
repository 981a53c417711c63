//! Deduplicating one set of records and linking two: blocking → comparison → Fellegi–Sunter
//! weights estimated without labels → threshold → clusters.
//!
//! *Invariant:* the result does not depend on the order of the records. A [`Dataset`] puts its
//! records in the order of their ids (which must be unique), the random pairs used to estimate
//! `u` are drawn by a fixed generator from that order, every count is an integer, and the EM runs
//! over patterns sorted by value.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::blocking::{self, Candidates, Rule, RuleReport};
use crate::cluster::components;
use crate::compare::{Field, NameMemo};
use crate::features::Features;
use crate::fellegi_sunter::{self, probability, Model, Pattern};
use crate::record::{Record, Role};

/// The match probability at or above which a pair is a match, fixed in advance (not fitted on
/// labels): a pair is called the same entity when the model finds that more likely than not.
pub const DEFAULT_MATCH_PROBABILITY: f64 = 0.5;

/// Options of a linkage.
#[derive(Debug, Clone)]
pub struct LinkOptions {
    /// The match probability at or above which a pair is a match.
    pub threshold: f64,
    /// Pairs below this probability are not kept in [`Linkage::pairs`] (they are still counted).
    pub keep_above: f64,
    /// A blocking key shared by more records than this is skipped.
    pub max_block: usize,
    /// The number of random pairs `u` is estimated on.
    pub random_pairs: usize,
    /// The most EM iterations.
    pub max_iterations: usize,
}

impl Default for LinkOptions {
    fn default() -> Self {
        Self {
            threshold: DEFAULT_MATCH_PROBABILITY,
            keep_above: 0.01,
            max_block: 20,
            random_pairs: 100_000,
            max_iterations: 100,
        }
    }
}

/// Two records with the same id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the record id {0:?} is used more than once")]
pub struct DuplicateId(pub String);

/// A set of records in the order of their ids, with the roles its source maps.
#[derive(Debug, Clone)]
pub struct Dataset {
    records: Vec<Record>,
    roles: Vec<Role>,
}

impl Dataset {
    /// Order `records` by id; ids must be unique.
    pub fn new(mut records: Vec<Record>, roles: &[Role]) -> Result<Self, DuplicateId> {
        records.par_sort_unstable_by(|a, b| a.id.cmp(&b.id));
        if let Some(w) = records.windows(2).find(|w| w[0].id == w[1].id) {
            return Err(DuplicateId(w[0].id.clone()));
        }
        let mut roles = roles.to_vec();
        roles.sort_unstable();
        roles.dedup();
        Ok(Self { records, roles })
    }

    /// The records, in the order of their ids.
    pub fn records(&self) -> &[Record] {
        &self.records
    }

    /// The index of the record with this id.
    pub fn position(&self, id: &str) -> Option<u32> {
        self.records.binary_search_by(|r| r.id.as_str().cmp(id)).ok().map(|i| i as u32)
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }
}

/// A scored candidate pair: indices into the dataset (dedupe, `a < b`) or into the left and right
/// datasets (link).
#[derive(Debug, Clone, Copy)]
pub struct ScoredPair {
    pub a: u32,
    pub b: u32,
    /// The match weight in bits.
    pub weight: f64,
    pub probability: f64,
    pub is_match: bool,
}

/// The result of a dedupe or a link.
#[derive(Debug, Clone)]
pub struct Linkage {
    pub fields: Vec<Field>,
    pub rules: Vec<Rule>,
    pub model: Model,
    pub candidates: Candidates,
    pub rule_reports: Vec<RuleReport>,
    /// The random pairs `u` was estimated on.
    pub random_pairs: u64,
    /// Candidate pairs with a probability of at least [`LinkOptions::keep_above`], sorted.
    pub pairs: Vec<ScoredPair>,
    /// The number of candidate pairs at or above the threshold.
    pub matches: u64,
    /// For each record (a dedupe: by index; a link: the left records, then the right), the index
    /// of the smallest record of its cluster, in the same numbering.
    pub clusters: Vec<u32>,
    /// Seconds spent in each phase (`blocking`, `u`, `comparing`, `EM`, `scoring`, `clusters`),
    /// in order, for the command line's report.
    pub timings: Vec<(&'static str, f64)>,
    dedupe: bool,
}

/// Seconds since `t`, and `t` reset.
fn lap(t: &mut std::time::Instant) -> f64 {
    let now = std::time::Instant::now();
    let s = now.duration_since(*t).as_secs_f64();
    *t = now;
    s
}

impl Linkage {
    /// The share of `truth` pairs (indices as in [`ScoredPair`]) that blocking proposed.
    pub fn blocking_recall(&self, truth: &[(u32, u32)]) -> f64 {
        if truth.is_empty() {
            return 1.0;
        }
        let found = truth.iter().filter(|(a, b)| self.candidates.contains(*a, *b, self.dedupe)).count();
        found as f64 / truth.len() as f64
    }
}

/// Deduplicate one dataset.
pub fn dedupe(data: &Dataset, options: &LinkOptions) -> Linkage {
    let fields = Field::for_roles(&data.roles);
    let rules = Rule::for_fields(&fields);
    let records = &data.records;
    let mut t = std::time::Instant::now();
    let candidates = blocking::dedupe_pairs(records, &rules, options.max_block);
    let mut timings = vec![("blocking", lap(&mut t))];
    let features = Features::new(records, None, fields.contains(&Field::Name));
    let n = records.len() as u64;
    let possible = n * n.saturating_sub(1) / 2;
    let random =
        random_levels(&fields, options.random_pairs as u64, possible, (records, records), &features, |x| {
            // Pair number x of the n(n−1)/2, or a random pair.
            if possible <= options.random_pairs as u64 {
                nth_pair(x, n)
            } else {
                random_pair(x, n, n, true)
            }
        });
    let exact = exact_shares(&fields, records, records, true);
    timings.push(("u", lap(&mut t)));
    score(
        fields,
        rules,
        candidates,
        random,
        &exact,
        possible,
        options,
        true,
        (records, records),
        &features,
        timings,
    )
}

/// Link two datasets: only pairs with one record on each side are compared.
pub fn link(left: &Dataset, right: &Dataset, options: &LinkOptions) -> Linkage {
    let roles: Vec<Role> = left.roles.iter().copied().filter(|r| right.roles.contains(r)).collect();
    let fields = Field::for_roles(&roles);
    let rules = Rule::for_fields(&fields);
    let mut t = std::time::Instant::now();
    let candidates = blocking::link_pairs(&left.records, &right.records, &rules, options.max_block);
    let mut timings = vec![("blocking", lap(&mut t))];
    let (nl, nr) = (left.len() as u64, right.len() as u64);
    let possible = nl * nr;
    let features = Features::new(&left.records, Some(&right.records), fields.contains(&Field::Name));
    let sides = (left.records.as_slice(), right.records.as_slice());
    let random = random_levels(&fields, options.random_pairs as u64, possible, sides, &features, |x| {
        if possible <= options.random_pairs as u64 {
            (x / nr.max(1), x % nr.max(1))
        } else {
            random_pair(x, nl, nr, false)
        }
    });
    let exact = exact_shares(&fields, &left.records, &right.records, false);
    timings.push(("u", lap(&mut t)));
    score(fields, rules, candidates, random, &exact, possible, options, false, sides, &features, timings)
}

/// For each field with an exact key, the share of pairs (both sides known) that agree exactly,
/// counted from the frequencies of the values.
fn exact_shares(fields: &[Field], left: &[Record], right: &[Record], dedupe: bool) -> Vec<Option<f64>> {
    fields
        .par_iter()
        .map(|f| {
            let mut counts: FxHashMap<&str, (u64, u64)> = FxHashMap::default();
            let (mut nl, mut nr) = (0u64, 0u64);
            for r in left {
                if let Some(k) = f.exact_key(r)? {
                    counts.entry(k).or_default().0 += 1;
                    nl += 1;
                }
            }
            if !dedupe {
                for r in right {
                    if let Some(k) = f.exact_key(r)? {
                        counts.entry(k).or_default().1 += 1;
                        nr += 1;
                    }
                }
            }
            let (agree, pairs) = if dedupe {
                (
                    counts.values().map(|(c, _)| c * c.saturating_sub(1)).sum::<u64>(),
                    nl * nl.saturating_sub(1),
                )
            } else {
                (counts.values().map(|(a, b)| a * b).sum::<u64>(), nl * nr)
            };
            (pairs > 0).then(|| agree as f64 / pairs as f64)
        })
        .collect()
}

/// The levels of the pair (`a` of the left records, `b` of the right ones) on every field.
fn levels(
    fields: &[Field],
    (left, right): (&[Record], &[Record]),
    features: &Features,
    (a, b): (usize, usize),
    memo: &mut NameMemo,
) -> Pattern {
    let records = (&left[a], &right[b]);
    let rows = (features.left(a), features.right(b));
    let mut p = 0;
    for (k, f) in fields.iter().enumerate() {
        p |= u64::from(f.level_fast(records, rows, features, memo)) << (4 * k);
    }
    p
}

/// Count the levels of `min(random_pairs, possible)` pairs given by `pair` (indices of a left and
/// a right record).
fn random_levels<F>(
    fields: &[Field],
    random_pairs: u64,
    possible: u64,
    sides: (&[Record], &[Record]),
    features: &Features,
    pair: F,
) -> (Vec<Vec<u64>>, u64)
where
    F: Fn(u64) -> (u64, u64) + Sync,
{
    let n = random_pairs.min(possible);
    const CHUNK: u64 = 8192;
    let chunks = n.div_ceil(CHUNK);
    let empty = || fields.iter().map(|f| vec![0u64; f.levels().len()]).collect::<Vec<_>>();
    let counts = (0..chunks)
        .into_par_iter()
        .map(|c| {
            let mut counts = empty();
            let mut memo = NameMemo::default();
            for x in c * CHUNK..((c + 1) * CHUNK).min(n) {
                let (a, b) = pair(x);
                let p = levels(fields, sides, features, (a as usize, b as usize), &mut memo);
                for (k, level) in counts.iter_mut().enumerate() {
                    level[((p >> (4 * k)) & 0xF) as usize] += 1;
                }
            }
            counts
        })
        .reduce(empty, |mut a, b| {
            for (x, y) in a.iter_mut().zip(b) {
                for (p, q) in x.iter_mut().zip(y) {
                    *p += q;
                }
            }
            a
        });
    (counts, n)
}

/// The x-th pair (i < j) of n elements, in row order.
fn nth_pair(x: u64, n: u64) -> (u64, u64) {
    // Row i holds n − 1 − i pairs.
    let mut i = 0;
    let mut rest = x;
    while rest >= n - 1 - i {
        rest -= n - 1 - i;
        i += 1;
    }
    (i, i + 1 + rest)
}

/// A pseudo-random pair, the x-th of a fixed sequence (SplitMix64).
fn random_pair(x: u64, n: u64, m: u64, distinct: bool) -> (u64, u64) {
    let mut state = x.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5EED;
    let mut next = || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    loop {
        let i = next() % n;
        let j = next() % m;
        if !distinct {
            return (i, j);
        }
        if i != j {
            return (i.min(j), i.max(j));
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn score(
    fields: Vec<Field>,
    rules: Vec<Rule>,
    candidates: Candidates,
    (random, random_pairs): (Vec<Vec<u64>>, u64),
    exact: &[Option<f64>],
    possible: u64,
    options: &LinkOptions,
    dedupe: bool,
    (left, right): (&[Record], &[Record]),
    features: &Features,
    mut timings: Vec<(&'static str, f64)>,
) -> Linkage {
    let mut t = std::time::Instant::now();
    let patterns: Vec<Pattern> = candidates
        .pairs
        .par_iter()
        .map_init(NameMemo::default, |memo, &(a, b)| {
            levels(&fields, (left, right), features, (a as usize, b as usize), memo)
        })
        .collect();
    let mut counts: FxHashMap<Pattern, u64> = FxHashMap::default();
    for p in &patterns {
        *counts.entry(*p).or_default() += 1;
    }
    let mut counted: Vec<(Pattern, u64)> = counts.into_iter().collect();
    counted.sort_unstable();
    timings.push(("comparing", lap(&mut t)));
    let model =
        fellegi_sunter::estimate(&fields, &counted, &random, exact, possible as f64, options.max_iterations);
    timings.push(("EM", lap(&mut t)));
    let weights: FxHashMap<Pattern, f64> = counted.iter().map(|(p, _)| (*p, model.weight(*p))).collect();
    let mut pairs = Vec::new();
    let mut matches = 0;
    for (&(a, b), p) in candidates.pairs.iter().zip(&patterns) {
        let weight = weights[p];
        let probability = probability(weight);
        let is_match = probability >= options.threshold;
        matches += u64::from(is_match);
        if probability >= options.keep_above || is_match {
            pairs.push(ScoredPair { a, b, weight, probability, is_match });
        }
    }
    timings.push(("scoring", lap(&mut t)));
    let offset = if dedupe { 0 } else { left.len() as u32 };
    let n = if dedupe { left.len() } else { left.len() + right.len() };
    let clusters = components(n, pairs.iter().filter(|p| p.is_match).map(|p| (p.a, p.b + offset)));
    timings.push(("clusters", lap(&mut t)));
    let rule_reports = candidates.rules.clone();
    Linkage {
        fields,
        rules,
        model,
        candidates,
        rule_reports,
        random_pairs,
        pairs,
        matches,
        clusters,
        timings,
        dedupe,
    }
}

/// Score row pairs: `left[i]` against `right[i]` for every i, as `praxis match score --map` does.
/// The weights are estimated from the rows themselves: `u` on pairs of different rows' records
/// (every pair when there are at most `random_pairs`), `m` by EM over the row pairs.
pub fn score_rows(left: &[Record], right: &[Record], roles: &[Role], options: &LinkOptions) -> Linkage {
    let fields = Field::for_roles(roles);
    let n = left.len().min(right.len()) as u64;
    let candidates = Candidates { pairs: (0..n as u32).map(|i| (i, i)).collect(), rules: Vec::new() };
    let possible = n * n;
    let features = Features::new(left, Some(right), fields.contains(&Field::Name));
    let random =
        random_levels(&fields, options.random_pairs as u64, possible, (left, right), &features, |x| {
            if possible <= options.random_pairs as u64 {
                (x / n.max(1), x % n.max(1))
            } else {
                random_pair(x, n, n, false)
            }
        });
    let mut options = options.clone();
    options.keep_above = 0.0;
    let exact = exact_shares(&fields, left, right, false);
    score(
        fields,
        Vec::new(),
        candidates,
        random,
        &exact,
        possible,
        &options,
        false,
        (left, right),
        &features,
        Vec::new(),
    )
}

/// An analyst's verdict on a pair of records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The two records are the same entity, whatever the model says.
    Confirmed,
    /// They are not, whatever the model says.
    Rejected,
}

impl Verdict {
    pub fn parse(s: &str) -> Option<Verdict> {
        match s.trim() {
            "confirmed" => Some(Verdict::Confirmed),
            "rejected" => Some(Verdict::Rejected),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Verdict::Confirmed => "confirmed",
            Verdict::Rejected => "rejected",
        }
    }
}

/// What [`Linkage::apply_judgements`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JudgementReport {
    pub confirmed: usize,
    pub rejected: usize,
    /// Judgements naming a record that is not in the data (kept for later runs, not applied).
    pub unknown: usize,
}

impl Linkage {
    /// Applies analysts' verdicts, given by record ids (left, right; for a dedupe in either
    /// order): a rejected pair is no match, a confirmed pair is one (added, with its model score,
    /// when blocking did not propose it). The match count and the clusters are recomputed, so
    /// clusters stay independent of the input order.
    pub fn apply_judgements(
        &mut self,
        left: &Dataset,
        right: &Dataset,
        judgements: &[(String, String, Verdict)],
    ) -> JudgementReport {
        let mut report = JudgementReport::default();
        let mut index: FxHashMap<(u32, u32), usize> = FxHashMap::default();
        for (i, p) in self.pairs.iter().enumerate() {
            index.insert((p.a, p.b), i);
        }
        for (l, r, verdict) in judgements {
            let (Some(mut a), Some(mut b)) = (left.position(l), right.position(r)) else {
                report.unknown += 1;
                continue;
            };
            if self.dedupe && b < a {
                std::mem::swap(&mut a, &mut b);
            }
            let is_match = *verdict == Verdict::Confirmed;
            match index.get(&(a, b)) {
                Some(&i) => {
                    self.matches = self.matches + u64::from(is_match) - u64::from(self.pairs[i].is_match);
                    self.pairs[i].is_match = is_match;
                }
                None if is_match => {
                    let e = crate::explain::explain(
                        &self.model,
                        &left.records[a as usize],
                        &right.records[b as usize],
                    );
                    self.pairs.push(ScoredPair {
                        a,
                        b,
                        weight: e.weight(),
                        probability: e.probability(),
                        is_match,
                    });
                    index.insert((a, b), self.pairs.len() - 1);
                    self.matches += 1;
                }
                None => {}
            }
            match verdict {
                Verdict::Confirmed => report.confirmed += 1,
                Verdict::Rejected => report.rejected += 1,
            }
        }
        let offset = if self.dedupe { 0 } else { left.len() as u32 };
        let n = if self.dedupe { left.len() } else { left.len() + right.len() };
        self.clusters = components(n, self.pairs.iter().filter(|p| p.is_match).map(|p| (p.a, p.b + offset)));
        report
    }
}
