//! Engagement with a partner country: consultation → partnership → ownership, with a dated
//! history and the evidence of each step.

use praxis_model::Jurisdiction;
use time::Date;

/// The stage of engagement with a country.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    Consultation,
    Partnership,
    Ownership,
}

impl Stage {
    pub fn code(self) -> &'static str {
        match self {
            Stage::Consultation => "consultation",
            Stage::Partnership => "partnership",
            Stage::Ownership => "ownership",
        }
    }

    pub fn parse(code: &str) -> Option<Stage> {
        [Stage::Consultation, Stage::Partnership, Stage::Ownership].into_iter().find(|s| s.code() == code)
    }
}

/// One step: the country entered `stage` on `on`, shown by `evidence` (documents: a memorandum
/// of understanding, the nomination of focal points, a mission report, a national budget line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageChange {
    pub stage: Stage,
    pub on: Date,
    pub evidence: Vec<String>,
    /// Required when the stage goes back (why the engagement regressed).
    pub note: String,
    pub recorded_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EngagementError {
    #[error("a step needs at least one piece of evidence")]
    NoEvidence,
    #[error("the country is already at stage {0}")]
    SameStage(&'static str),
    #[error("going back from {from} to {to} needs a note saying why")]
    RegressionWithoutNote { from: &'static str, to: &'static str },
    #[error("a step dated {date} comes before the latest one ({latest})")]
    OutOfOrder { date: Date, latest: Date },
    #[error("who recorded the step is required")]
    NoRecorder,
}

/// The engagement history of one country, oldest first; append-only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Engagement {
    country: Jurisdiction,
    history: Vec<StageChange>,
}

impl Engagement {
    pub fn new(country: Jurisdiction) -> Engagement {
        Engagement { country, history: Vec::new() }
    }

    pub fn country(&self) -> &Jurisdiction {
        &self.country
    }

    pub fn history(&self) -> &[StageChange] {
        &self.history
    }

    /// Appends a step. Refused: no evidence, the current stage again, a date before the latest
    /// step, or a step back without a note.
    pub fn record(&mut self, change: StageChange) -> Result<(), EngagementError> {
        if change.evidence.iter().all(|e| e.trim().is_empty()) {
            return Err(EngagementError::NoEvidence);
        }
        if change.recorded_by.trim().is_empty() {
            return Err(EngagementError::NoRecorder);
        }
        if let Some(last) = self.history.last() {
            if change.on < last.on {
                return Err(EngagementError::OutOfOrder { date: change.on, latest: last.on });
            }
            if change.stage == last.stage {
                return Err(EngagementError::SameStage(change.stage.code()));
            }
            if change.stage < last.stage && change.note.trim().is_empty() {
                return Err(EngagementError::RegressionWithoutNote {
                    from: last.stage.code(),
                    to: change.stage.code(),
                });
            }
        }
        self.history.push(change);
        Ok(())
    }

    /// The stage now; `None` before the first step.
    pub fn current(&self) -> Option<Stage> {
        self.history.last().map(|c| c.stage)
    }

    /// The stage on a date.
    pub fn as_of(&self, date: Date) -> Option<Stage> {
        self.history.iter().take_while(|c| c.on <= date).last().map(|c| c.stage)
    }
}
