//! Workplans: activities linked to theory-of-change outputs and to pillars, with the
//! responsible organisation, dates, an exact budget, a status and a location.

use std::collections::{BTreeMap, BTreeSet};

use praxis_model::Jurisdiction;
use time::Date;

use crate::money::{Currency, Money};
use crate::pillars::{Pillar, Tags};
use crate::toc::{Level, NodeId, TheoryOfChange};

/// Where an activity takes place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    country: Jurisdiction,
    area: Option<Jurisdiction>,
    area_name: Option<String>,
    capital: bool,
    conflict_affected: bool,
}

impl Location {
    /// `country` is an ISO 3166-1 country; `area` an ISO 3166-2 subdivision of it, if known;
    /// `area_name` a place below that level (district, town) in plain words.
    pub fn new(
        country: Jurisdiction,
        area: Option<Jurisdiction>,
        area_name: Option<&str>,
        capital: bool,
        conflict_affected: bool,
    ) -> Result<Location, WorkplanError> {
        if country.country() != country {
            return Err(WorkplanError::Location(format!("{country} is a subdivision, not a country")));
        }
        if let Some(a) = &area {
            if a.country() != country || *a == country {
                return Err(WorkplanError::Location(format!("{a} is not a subdivision of {country}")));
            }
        }
        let area_name = area_name.map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
        Ok(Location { country, area, area_name, capital, conflict_affected })
    }

    pub fn country(&self) -> &Jurisdiction {
        &self.country
    }

    pub fn area(&self) -> Option<&Jurisdiction> {
        self.area.as_ref()
    }

    pub fn area_name(&self) -> Option<&str> {
        self.area_name.as_deref()
    }

    /// Whether the activity is in the capital (going local means outside it).
    pub fn is_capital(&self) -> bool {
        self.capital
    }

    pub fn is_conflict_affected(&self) -> bool {
        self.conflict_affected
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActivityStatus {
    Planned,
    Ongoing,
    Completed,
    Postponed,
    Cancelled,
}

impl ActivityStatus {
    pub fn code(self) -> &'static str {
        match self {
            ActivityStatus::Planned => "planned",
            ActivityStatus::Ongoing => "ongoing",
            ActivityStatus::Completed => "completed",
            ActivityStatus::Postponed => "postponed",
            ActivityStatus::Cancelled => "cancelled",
        }
    }
}

/// One workplan activity. Dates are half-open: `[start, end)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkplanActivity {
    /// Stable code within the workplan (`A2.1.3`).
    pub code: String,
    pub title: String,
    /// The theory-of-change output it delivers.
    pub output: NodeId,
    pub tags: Tags,
    pub responsible_org: String,
    pub start: Date,
    pub end: Date,
    pub budget: Money,
    pub status: ActivityStatus,
    pub location: Location,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkplanError {
    #[error("location: {0}")]
    Location(String),
    #[error("activity {code}: {message}")]
    Activity { code: String, message: String },
}

/// A workplan against one version of a theory of change; valid by construction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workplan {
    toc_version: u32,
    activities: Vec<WorkplanActivity>,
}

/// Budget per currency: money of different currencies is never added together.
pub type Totals = BTreeMap<Currency, i64>;

impl Workplan {
    /// Checks every activity: unique code, a title, an existing ToC output (at output level),
    /// at least one pillar, a responsible organisation, start before end, a budget that is not
    /// negative.
    pub fn build(
        toc: &TheoryOfChange,
        activities: Vec<WorkplanActivity>,
    ) -> Result<Workplan, Vec<WorkplanError>> {
        let mut errors = Vec::new();
        let mut codes = BTreeSet::new();
        for a in &activities {
            let mut err =
                |m: String| errors.push(WorkplanError::Activity { code: a.code.clone(), message: m });
            if a.code.trim().is_empty() || !codes.insert(a.code.clone()) {
                err("the code is empty or used twice".into());
            }
            if a.title.trim().is_empty() {
                err("the title is required".into());
            }
            match toc.node(&a.output) {
                None => err(format!("output {} is not in the theory of change v{}", a.output, toc.version())),
                Some(n) if n.level != Level::Output => {
                    err(format!("{} is an {}, not an output", a.output, n.level.code()))
                }
                Some(_) => {}
            }
            if a.tags.pillars.is_empty() {
                err("tag at least one pillar".into());
            }
            if a.responsible_org.trim().is_empty() {
                err("the responsible organisation is required".into());
            }
            if a.start >= a.end {
                err(format!("starts {} but ends {}", a.start, a.end));
            }
            if a.budget.minor < 0 {
                err("the budget is negative".into());
            }
        }
        if errors.is_empty() {
            Ok(Workplan { toc_version: toc.version(), activities })
        } else {
            Err(errors)
        }
    }

    pub fn toc_version(&self) -> u32 {
        self.toc_version
    }

    pub fn activities(&self) -> &[WorkplanActivity] {
        &self.activities
    }

    fn totals<'a>(items: impl Iterator<Item = &'a WorkplanActivity>) -> Totals {
        let mut t = Totals::new();
        for a in items.filter(|a| a.status != ActivityStatus::Cancelled) {
            *t.entry(a.budget.currency).or_default() += a.budget.minor;
        }
        t
    }

    /// The budget of the activities not cancelled, per currency.
    pub fn budget(&self) -> Totals {
        Workplan::totals(self.activities.iter())
    }

    /// The budget per pillar (an activity tagged with two pillars counts in both).
    pub fn budget_by_pillar(&self) -> BTreeMap<Pillar, Totals> {
        Pillar::ALL
            .into_iter()
            .map(|p| (p, Workplan::totals(self.activities.iter().filter(|a| a.tags.has_pillar(p)))))
            .filter(|(_, t)| !t.is_empty())
            .collect()
    }

    /// Going local: the budget of activities outside the capital, per currency.
    pub fn budget_outside_capital(&self) -> Totals {
        Workplan::totals(self.activities.iter().filter(|a| !a.location.is_capital()))
    }

    /// The budget of activities in conflict-affected areas, per currency.
    pub fn budget_in_conflict_areas(&self) -> Totals {
        Workplan::totals(self.activities.iter().filter(|a| a.location.is_conflict_affected()))
    }

    /// The activities delivering an output.
    pub fn for_output<'a>(&'a self, output: &'a NodeId) -> impl Iterator<Item = &'a WorkplanActivity> + 'a {
        self.activities.iter().filter(move |a| &a.output == output)
    }
}
