//! A country's legislative review: answers per provision, with evidence and history, and scores.
//!
//! A review is append-only: a new answer for a provision is a new record, and the history of every
//! provision is kept. The state of the review at a date is the latest record per provision on or
//! before that date.

use std::collections::BTreeMap;
use std::fmt;

use praxis_model::Jurisdiction;
use time::Date;

use super::{Catalogue, Kind, ProvisionId};

/// The answer to one provision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Answer {
    Compliant,
    PartiallyCompliant,
    NotCompliant,
    NotApplicable,
    Unknown,
}

impl Answer {
    pub const ALL: [Answer; 5] = [
        Answer::Compliant,
        Answer::PartiallyCompliant,
        Answer::NotCompliant,
        Answer::NotApplicable,
        Answer::Unknown,
    ];

    /// Stable code: `compliant`, `partially_compliant`, `not_compliant`, `not_applicable`,
    /// `unknown`. Faces colour matrix cells by it.
    pub fn code(self) -> &'static str {
        match self {
            Answer::Compliant => "compliant",
            Answer::PartiallyCompliant => "partially_compliant",
            Answer::NotCompliant => "not_compliant",
            Answer::NotApplicable => "not_applicable",
            Answer::Unknown => "unknown",
        }
    }

    pub fn parse(code: &str) -> Option<Answer> {
        Answer::ALL.into_iter().find(|a| a.code() == code)
    }

    /// Fluent message id: `answer-partially_compliant`.
    pub fn translation_key(self) -> String {
        format!("answer-{}", self.code())
    }

    /// The order of compliance (2 compliant, 1 partial, 0 not compliant); `None` for answers
    /// that say nothing about compliance.
    pub fn rank(self) -> Option<u8> {
        match self {
            Answer::Compliant => Some(2),
            Answer::PartiallyCompliant => Some(1),
            Answer::NotCompliant => Some(0),
            Answer::NotApplicable | Answer::Unknown => None,
        }
    }
}

impl fmt::Display for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Where the answer is grounded: a citation of the law and, ideally, a link (a SHERLOC extract).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// "Penal Code s. 366A", "Law 12/2019 art. 4(2)".
    pub law: String,
    /// An `http://` or `https://` link to the text.
    pub url: Option<String>,
}

/// One answer given to one provision, by someone, on a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerRecord {
    pub provision: ProvisionId,
    pub answer: Answer,
    pub evidence: Vec<Evidence>,
    pub gap_note: String,
    pub recommendation: String,
    /// The stakeholders consulted for this answer ("Ministry of Justice", "Prosecution", a CSO).
    pub stakeholders_consulted: Vec<String>,
    pub assessed_on: Date,
    /// Who assessed (an opaque user reference from the application).
    pub assessed_by: String,
}

/// An answer was refused; the variant names what and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReviewError {
    #[error("provision {0} is not in catalogue version {1}")]
    UnknownProvision(String, u32),
    #[error("the review uses catalogue version {review}, the catalogue given is version {catalogue}")]
    CatalogueMismatch { review: u32, catalogue: u32 },
    #[error("{provision}: field `{field}`: {message}")]
    Field { provision: String, field: &'static str, message: String },
    #[error("{provision}: an answer dated {date} comes before the latest one ({latest})")]
    OutOfOrder { provision: String, date: Date, latest: Date },
}

impl AnswerRecord {
    /// The rules an answer must follow:
    /// - compliant and partially compliant answers cite the law (at least one evidence item);
    /// - partially compliant and not compliant answers say what the gap is and what to do
    ///   (gap note and recommendation);
    /// - evidence has a non-empty citation, and a link if any is `http(s)://`.
    pub fn validate(&self) -> Result<(), ReviewError> {
        let err = |field: &'static str, message: &str| ReviewError::Field {
            provision: self.provision.to_string(),
            field,
            message: message.to_owned(),
        };
        if matches!(self.answer, Answer::Compliant | Answer::PartiallyCompliant) && self.evidence.is_empty() {
            return Err(err("evidence", "a compliant or partially compliant answer cites the law"));
        }
        if matches!(self.answer, Answer::PartiallyCompliant | Answer::NotCompliant) {
            if self.gap_note.trim().is_empty() {
                return Err(err("gap_note", "say what the gap is"));
            }
            if self.recommendation.trim().is_empty() {
                return Err(err("recommendation", "say what is recommended"));
            }
        }
        for e in &self.evidence {
            if e.law.trim().is_empty() {
                return Err(err("evidence", "an evidence item needs the law citation"));
            }
            if let Some(url) = &e.url {
                if !(url.starts_with("https://") || url.starts_with("http://"))
                    || url.contains(char::is_whitespace)
                {
                    return Err(err("evidence", "the link must be an http(s) address"));
                }
            }
        }
        if self.assessed_by.trim().is_empty() {
            return Err(err("assessed_by", "who assessed is required"));
        }
        Ok(())
    }
}

/// The legislative review of one country against one catalogue version: every answer ever given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountryReview {
    country: Jurisdiction,
    catalogue_version: u32,
    records: Vec<AnswerRecord>,
}

impl CountryReview {
    pub fn new(country: Jurisdiction, catalogue: &Catalogue) -> CountryReview {
        CountryReview { country, catalogue_version: catalogue.version(), records: Vec::new() }
    }

    /// Rebuilds a review from stored records (in the order they were recorded), checking each.
    pub fn from_records(
        country: Jurisdiction,
        catalogue: &Catalogue,
        records: impl IntoIterator<Item = AnswerRecord>,
    ) -> Result<CountryReview, ReviewError> {
        let mut r = CountryReview::new(country, catalogue);
        for rec in records {
            r.record(catalogue, rec)?;
        }
        Ok(r)
    }

    pub fn country(&self) -> &Jurisdiction {
        &self.country
    }

    pub fn catalogue_version(&self) -> u32 {
        self.catalogue_version
    }

    /// Appends an answer. Refused: a provision not in the catalogue, an answer that breaks the
    /// rules of [`AnswerRecord::validate`], or one dated before the provision's latest answer.
    pub fn record(&mut self, catalogue: &Catalogue, rec: AnswerRecord) -> Result<(), ReviewError> {
        if catalogue.version() != self.catalogue_version {
            return Err(ReviewError::CatalogueMismatch {
                review: self.catalogue_version,
                catalogue: catalogue.version(),
            });
        }
        if catalogue.provision(&rec.provision).is_none() {
            return Err(ReviewError::UnknownProvision(rec.provision.to_string(), catalogue.version()));
        }
        rec.validate()?;
        if let Some(latest) = self.history(&rec.provision).last() {
            if rec.assessed_on < latest.assessed_on {
                return Err(ReviewError::OutOfOrder {
                    provision: rec.provision.to_string(),
                    date: rec.assessed_on,
                    latest: latest.assessed_on,
                });
            }
        }
        self.records.push(rec);
        Ok(())
    }

    /// Every record, in the order recorded.
    pub fn records(&self) -> &[AnswerRecord] {
        &self.records
    }

    /// The answers given to one provision, oldest first.
    pub fn history<'a>(&'a self, provision: &'a ProvisionId) -> impl Iterator<Item = &'a AnswerRecord> + 'a {
        self.records.iter().filter(move |r| &r.provision == provision)
    }

    /// The latest answer per provision on or before `date` (the last recorded wins a tie).
    pub fn as_of(&self, date: Date) -> BTreeMap<ProvisionId, &AnswerRecord> {
        let mut out = BTreeMap::new();
        for r in self.records.iter().filter(|r| r.assessed_on <= date) {
            out.insert(r.provision.clone(), r);
        }
        out
    }

    /// The latest answer per provision.
    pub fn current(&self) -> BTreeMap<ProvisionId, &AnswerRecord> {
        self.as_of(Date::MAX)
    }

    /// The score of the review at `date`.
    pub fn score_as_of(&self, catalogue: &Catalogue, date: Date) -> ReviewScore {
        let answers: BTreeMap<ProvisionId, Answer> =
            self.as_of(date).into_iter().map(|(k, v)| (k, v.answer)).collect();
        score(catalogue, &answers)
    }
}

/// Counts of answers over a set of provisions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub compliant: u32,
    pub partially_compliant: u32,
    pub not_compliant: u32,
    pub not_applicable: u32,
    pub unknown: u32,
    /// Provisions in the set with no answer yet.
    pub unanswered: u32,
}

/// The weight of a partially compliant answer in [`Tally::score`].
pub const PARTIAL_WEIGHT: f64 = 0.5;

impl Tally {
    fn add(&mut self, a: Option<Answer>) {
        match a {
            Some(Answer::Compliant) => self.compliant += 1,
            Some(Answer::PartiallyCompliant) => self.partially_compliant += 1,
            Some(Answer::NotCompliant) => self.not_compliant += 1,
            Some(Answer::NotApplicable) => self.not_applicable += 1,
            Some(Answer::Unknown) => self.unknown += 1,
            None => self.unanswered += 1,
        }
    }

    /// Provisions in the set.
    pub fn total(&self) -> u32 {
        self.compliant
            + self.partially_compliant
            + self.not_compliant
            + self.not_applicable
            + self.unknown
            + self.unanswered
    }

    /// Provisions assessed for compliance: compliant, partial or not compliant.
    pub fn assessed(&self) -> u32 {
        self.compliant + self.partially_compliant + self.not_compliant
    }

    /// Share of the applicable provisions that have been assessed (unknown and unanswered are
    /// not). `None` when nothing applies.
    pub fn coverage(&self) -> Option<f64> {
        let applicable = self.total() - self.not_applicable;
        (applicable > 0).then(|| self.assessed() as f64 / applicable as f64)
    }

    /// Share compliant among the assessed provisions. `None` when none is assessed.
    pub fn share_compliant(&self) -> Option<f64> {
        (self.assessed() > 0).then(|| self.compliant as f64 / self.assessed() as f64)
    }

    /// `(compliant + PARTIAL_WEIGHT × partial) / assessed`, in [0, 1]. `None` when none is
    /// assessed.
    pub fn score(&self) -> Option<f64> {
        (self.assessed() > 0).then(|| {
            (self.compliant as f64 + PARTIAL_WEIGHT * self.partially_compliant as f64)
                / self.assessed() as f64
        })
    }
}

/// The score of a review: obligations, the plainly mandatory subset, and guidance apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReviewScore {
    /// Every treaty obligation (M, Mq, C and mixes).
    pub obligations: Tally,
    /// The obligations with a plainly mandatory part (`M`): "% of M items compliant".
    pub mandatory: Tally,
    /// Guidance items, scored apart and never mixed into the obligations.
    pub guidance: Tally,
}

/// Scores answers against a catalogue. Answers to provisions not in the catalogue are ignored;
/// information items are not scored.
pub fn score(catalogue: &Catalogue, answers: &BTreeMap<ProvisionId, Answer>) -> ReviewScore {
    let mut s = ReviewScore::default();
    for p in catalogue.provisions() {
        let a = answers.get(&p.id).copied();
        match p.kind {
            Kind::Obligation => {
                s.obligations.add(a);
                if p.is_mandatory() {
                    s.mandatory.add(a);
                }
            }
            Kind::Guidance => s.guidance.add(a),
            Kind::Information => {}
        }
    }
    s
}
