//! Explanations: for a pair, each compared field, the level it reached, how close, and its weight.

use std::fmt;

use crate::compare::Field;
use crate::fellegi_sunter::{probability, Model};
use crate::record::Record;

/// One field of an explanation.
#[derive(Debug, Clone)]
pub struct FieldExplanation {
    pub field: Field,
    /// The level's label (`exact`, `≥0.92`, `one edit`, `missing` …).
    pub level: &'static str,
    /// The similarity computed, for the fields that compute one (names, address, city).
    pub similarity: Option<f64>,
    /// The level's weight in bits, `log2(m / u)`.
    pub weight: f64,
}

/// Why a pair scored what it did: the prior, then every field.
#[derive(Debug, Clone)]
pub struct Explanation {
    pub prior_weight: f64,
    pub fields: Vec<FieldExplanation>,
}

impl Explanation {
    /// The match weight in bits: the prior plus every field's weight.
    pub fn weight(&self) -> f64 {
        self.prior_weight + self.fields.iter().map(|f| f.weight).sum::<f64>()
    }

    /// The match probability.
    pub fn probability(&self) -> f64 {
        probability(self.weight())
    }
}

/// Explain the comparison of `a` and `b` under `model`.
pub fn explain(model: &Model, a: &Record, b: &Record) -> Explanation {
    let fields = model
        .fields
        .iter()
        .map(|p| {
            let (level, similarity) = p.field.compare(a, b);
            FieldExplanation {
                field: p.field,
                level: p.field.levels()[level as usize],
                similarity,
                weight: p.weight(level),
            }
        })
        .collect();
    Explanation { prior_weight: model.prior_weight(), fields }
}

impl fmt::Display for FieldExplanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.field, self.level)?;
        if let Some(s) = self.similarity {
            write!(f, " ({s:.2})")?;
        }
        write!(f, " {:+.1}", self.weight)
    }
}

/// `prior -12.3; given_name exact (1.00) +6.1; birth_date one digit or day/month swapped +4.0; …`
impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "prior {:+.1}", self.prior_weight)?;
        for x in &self.fields {
            write!(f, "; {x}")?;
        }
        Ok(())
    }
}
