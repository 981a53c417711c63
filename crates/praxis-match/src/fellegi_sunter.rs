//! The Fellegi–Sunter model, its parameters estimated without labels, as Splink does.
//!
//! For each compared field and each level, `m` is the probability of that level among pairs that
//! are the same entity and `u` among pairs that are not. A level's weight is `log2(m / u)` bits
//! (the *missing* level weighs 0: no evidence either way). A pair's **match weight** is the prior
//! weight `log2(λ / (1 − λ))` plus the weights of its levels, and its **match probability** is
//! `2^w / (1 + 2^w)`, where λ is the probability that two records drawn at random are the same
//! entity.
//!
//! - `u` is counted on pairs drawn at random from all possible pairs (almost all of which are
//!   different entities), with one pseudo-count per level so that no level is impossible. The
//!   *exact* level of a single-valued field is not sampled but counted on every pair, from the
//!   frequencies of its values (`Σ c·(c−1) / N·(N−1)`): exact agreement on a rare value is the
//!   strongest evidence there is, and the rarest to meet in a sample.
//! - `m` and the share of matches among the candidate pairs are estimated by
//!   expectation–maximisation over the candidate pairs. Blocking chose the candidates because
//!   they agree on something, so their non-matches are not like random pairs: EM gives them
//!   level probabilities of their own, used only during EM (Splink instead trains `m` in
//!   sessions blocked on one rule at a time, leaving out that rule's fields). The pairs are first
//!   counted per *pattern* (the tuple of levels), so that an iteration costs the number of
//!   distinct patterns, not of pairs, and the result does not depend on the order of the pairs.
//! - λ is the share of matches among the candidates times the number of candidates over the
//!   number of possible pairs (blocking is designed to keep nearly every match).
//!
//! Fields are assumed independent given the match status (the model's known simplification).

use crate::compare::{Field, MISSING};

/// The levels of one pair, one per compared field, packed four bits each.
pub type Pattern = u64;

/// Pack levels into a pattern.
pub fn pattern(levels: &[u8]) -> Pattern {
    levels.iter().enumerate().fold(0, |acc, (i, l)| acc | (u64::from(*l) << (4 * i)))
}

/// The level of field `k` in a pattern.
pub fn level(p: Pattern, k: usize) -> u8 {
    ((p >> (4 * k)) & 0xF) as u8
}

/// The estimated parameters of one field.
#[derive(Debug, Clone)]
pub struct FieldParameters {
    pub field: Field,
    /// `m` per level (index 0, *missing*, is unused and 1).
    pub m: Vec<f64>,
    /// `u` per level (index 0 unused and 1).
    pub u: Vec<f64>,
}

impl FieldParameters {
    /// The weight of a level in bits: `log2(m / u)`, 0 for *missing*.
    pub fn weight(&self, level: u8) -> f64 {
        if level == MISSING {
            0.0
        } else {
            (self.m[level as usize] / self.u[level as usize]).log2()
        }
    }
}

/// The estimated model.
#[derive(Debug, Clone)]
pub struct Model {
    pub fields: Vec<FieldParameters>,
    /// The probability that two records drawn at random are the same entity.
    pub lambda: f64,
    /// The share of matches among the candidate pairs, as estimated by EM.
    pub lambda_candidates: f64,
    /// EM iterations run, and whether the parameters converged (changed by less than 1e-6).
    pub iterations: usize,
    pub converged: bool,
}

impl Model {
    /// The prior weight in bits: `log2(λ / (1 − λ))`.
    pub fn prior_weight(&self) -> f64 {
        (self.lambda / (1.0 - self.lambda)).log2()
    }

    /// The match weight of a pattern in bits.
    pub fn weight(&self, p: Pattern) -> f64 {
        self.prior_weight() + self.fields.iter().enumerate().map(|(k, f)| f.weight(level(p, k))).sum::<f64>()
    }
}

/// The match probability of a match weight.
pub fn probability(weight: f64) -> f64 {
    let odds = weight.exp2();
    if odds.is_infinite() {
        1.0
    } else {
        odds / (1.0 + odds)
    }
}

/// The match weight of a match probability (the inverse of [`probability`]).
pub fn weight_of_probability(p: f64) -> f64 {
    (p / (1.0 - p)).log2()
}

/// Estimate the model.
///
/// `candidates` holds each pattern seen among the candidate pairs with its number of pairs,
/// sorted by pattern; `random` the number of random pairs at each level of each field;
/// `possible_pairs` the number of pairs there are in all.
pub fn estimate(
    fields: &[Field],
    candidates: &[(Pattern, u64)],
    random: &[Vec<u64>],
    exact: &[Option<f64>],
    possible_pairs: f64,
    max_iterations: usize,
) -> Model {
    let u: Vec<Vec<f64>> = fields
        .iter()
        .zip(random)
        .zip(exact)
        .map(|((f, counts), exact)| {
            let n = f.levels().len();
            let mut u = vec![1.0; n];
            match exact {
                // The exact level counted on every pair; the others share the rest as sampled.
                Some(e) if n > 2 => {
                    let total: f64 = counts[2..n].iter().map(|c| *c as f64 + 1.0).sum();
                    let e = e.clamp(1e-12, 1.0 - 1e-9);
                    u[1] = e;
                    for l in 2..n {
                        u[l] = (1.0 - e) * (counts[l] as f64 + 1.0) / total;
                    }
                }
                Some(e) => {
                    u[1] = e.clamp(1e-12, 1.0 - 1e-9);
                    u[2] = 1.0 - u[1];
                }
                None => {
                    let total: f64 = counts[1..n].iter().map(|c| *c as f64 + 1.0).sum();
                    for l in 1..n {
                        u[l] = (counts[l] as f64 + 1.0) / total;
                    }
                }
            }
            u
        })
        .collect();
    // Start: most matches agree exactly; the rest spread over the other levels.
    let mut m: Vec<Vec<f64>> = fields
        .iter()
        .map(|f| {
            let n = f.levels().len();
            let rest = (n - 2) as f64;
            let mut m = vec![1.0; n];
            for (l, v) in m.iter_mut().enumerate().skip(1) {
                *v = if l == 1 { 0.9 } else { 0.1 / rest };
            }
            m
        })
        .collect();
    // The non-matches among the candidates are not random pairs: blocking chose them because
    // they agree on something. EM therefore gives them their own level probabilities (`u_c`,
    // starting from `u`), so that they are not mistaken for matches; `m` and the share of
    // matches are what is kept. Every match is a candidate when blocking recall is 1, so `m`
    // estimated here is the `m` of all pairs.
    let mut u_c = u.clone();
    let n_pairs: f64 = candidates.iter().map(|(_, c)| *c as f64).sum();
    let mut lambda_c: f64 = 0.1;
    let mut iterations = 0;
    let mut converged = false;
    let mut posterior = vec![0.0; candidates.len()];
    while iterations < max_iterations && n_pairs > 0.0 {
        iterations += 1;
        // E: the probability that each pattern is a match.
        let prior = (lambda_c / (1.0 - lambda_c)).ln();
        for ((p, _), post) in candidates.iter().zip(posterior.iter_mut()) {
            let mut w = prior;
            for k in 0..fields.len() {
                let l = level(*p, k) as usize;
                if l != 0 {
                    w += (m[k][l] / u_c[k][l]).ln();
                }
            }
            *post = 1.0 / (1.0 + (-w).exp());
        }
        // M: m, u_c and the share of matches.
        let mut change: f64 = 0.0;
        let matched: f64 = candidates.iter().zip(&posterior).map(|((_, c), q)| *c as f64 * q).sum();
        let new_lambda = (matched / n_pairs).clamp(1e-9, 1.0 - 1e-9);
        change = change.max((new_lambda - lambda_c).abs());
        lambda_c = new_lambda;
        for k in 0..fields.len() {
            let n = m[k].len();
            let (mut sm, mut su) = (vec![0.0; n], vec![0.0; n]);
            for ((p, c), q) in candidates.iter().zip(&posterior) {
                let l = level(*p, k) as usize;
                sm[l] += *c as f64 * q;
                su[l] += *c as f64 * (1.0 - q);
            }
            let (tm, tu): (f64, f64) = (sm[1..].iter().sum(), su[1..].iter().sum());
            for l in 1..n {
                if tm > 0.0 {
                    let v = (sm[l] / tm).max(1e-9);
                    change = change.max((v - m[k][l]).abs());
                    m[k][l] = v;
                }
                if tu > 0.0 {
                    u_c[k][l] = (su[l] / tu).max(1e-9);
                }
            }
        }
        if change < 1e-6 {
            converged = true;
            break;
        }
    }
    let lambda = if possible_pairs > 0.0 {
        (lambda_c * n_pairs / possible_pairs).clamp(1e-15, 1.0 - 1e-9)
    } else {
        lambda_c
    };
    let fields = fields.iter().zip(m).zip(u).map(|((f, m), u)| FieldParameters { field: *f, m, u }).collect();
    Model { fields, lambda, lambda_candidates: lambda_c, iterations, converged }
}
