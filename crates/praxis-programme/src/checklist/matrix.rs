//! The regional harmonisation matrix: provisions × countries, each cell the answer at two dates,
//! so that a face can colour the cells by answer and show what changed between the dates.

use praxis_model::Jurisdiction;
use time::Date;

use super::review::{score, Answer, CountryReview, ReviewError, ReviewScore};
use super::{Catalogue, Kind, ProvisionId};

/// How a cell changed between the two dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Change {
    Unchanged,
    /// No answer at the earlier date, one at the later.
    New,
    /// Moved up the compliance order (not compliant → partial → compliant).
    Improved,
    /// Moved down the compliance order.
    Regressed,
    /// Changed between answers outside the order (e.g. unknown → not applicable, or to unknown).
    Changed,
}

impl Change {
    pub fn code(self) -> &'static str {
        match self {
            Change::Unchanged => "unchanged",
            Change::New => "new",
            Change::Improved => "improved",
            Change::Regressed => "regressed",
            Change::Changed => "changed",
        }
    }

    pub fn between(before: Option<Answer>, after: Option<Answer>) -> Change {
        match (before, after) {
            (b, a) if b == a => Change::Unchanged,
            (None, Some(_)) => Change::New,
            (Some(b), Some(a)) => match (b.rank(), a.rank()) {
                (Some(rb), Some(ra)) if ra > rb => Change::Improved,
                (Some(rb), Some(ra)) if ra < rb => Change::Regressed,
                _ => Change::Changed,
            },
            // An answer cannot disappear from an append-only review; kept for completeness.
            (Some(_), None) => Change::Changed,
            (None, None) => Change::Unchanged,
        }
    }
}

/// One cell: a country's answer to a provision at the earlier and the later date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub before: Option<Answer>,
    pub after: Option<Answer>,
}

impl Cell {
    pub fn change(&self) -> Change {
        Change::between(self.before, self.after)
    }
}

/// One row: a provision and its cells, in the order of [`HarmonisationMatrix::countries`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub provision: ProvisionId,
    /// Guidance rows are shown as guidance (not treaty obligations); information rows unscored.
    pub kind: Kind,
    pub cells: Vec<Cell>,
}

impl Row {
    /// Whether every country that answered (at the later date) gave the same answer.
    pub fn is_harmonised(&self) -> bool {
        let mut answers = self.cells.iter().filter_map(|c| c.after);
        match answers.next() {
            None => false,
            Some(first) => answers.all(|a| a == first),
        }
    }
}

/// A change in the matrix between the two dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellChange {
    pub country: Jurisdiction,
    pub provision: ProvisionId,
    pub before: Option<Answer>,
    pub after: Option<Answer>,
    pub change: Change,
}

/// Countries × provisions at two dates.
#[derive(Debug, Clone, PartialEq)]
pub struct HarmonisationMatrix {
    pub catalogue_version: u32,
    pub earlier: Date,
    pub later: Date,
    pub countries: Vec<Jurisdiction>,
    pub rows: Vec<Row>,
    /// Each country's score at the earlier and the later date, in the order of `countries`.
    pub scores: Vec<(ReviewScore, ReviewScore)>,
}

impl HarmonisationMatrix {
    /// Computes the matrix for the reviews given (one per country, all against `catalogue`),
    /// with rows in catalogue order and columns in the order of `reviews`. Dates given the wrong
    /// way round are swapped.
    pub fn compute(
        catalogue: &Catalogue,
        reviews: &[&CountryReview],
        earlier: Date,
        later: Date,
    ) -> Result<HarmonisationMatrix, ReviewError> {
        for r in reviews {
            if r.catalogue_version() != catalogue.version() {
                return Err(ReviewError::CatalogueMismatch {
                    review: r.catalogue_version(),
                    catalogue: catalogue.version(),
                });
            }
        }
        let (earlier, later) = if earlier <= later { (earlier, later) } else { (later, earlier) };
        let snapshots: Vec<_> = reviews
            .iter()
            .map(|r| {
                let b: std::collections::BTreeMap<ProvisionId, Answer> =
                    r.as_of(earlier).into_iter().map(|(k, v)| (k, v.answer)).collect();
                let a: std::collections::BTreeMap<ProvisionId, Answer> =
                    r.as_of(later).into_iter().map(|(k, v)| (k, v.answer)).collect();
                (b, a)
            })
            .collect();
        let rows = catalogue
            .provisions()
            .iter()
            .map(|p| Row {
                provision: p.id.clone(),
                kind: p.kind,
                cells: snapshots
                    .iter()
                    .map(|(b, a)| Cell { before: b.get(&p.id).copied(), after: a.get(&p.id).copied() })
                    .collect(),
            })
            .collect();
        let scores = snapshots.iter().map(|(b, a)| (score(catalogue, b), score(catalogue, a))).collect();
        Ok(HarmonisationMatrix {
            catalogue_version: catalogue.version(),
            earlier,
            later,
            countries: reviews.iter().map(|r| r.country().clone()).collect(),
            rows,
            scores,
        })
    }

    /// Every cell that changed between the two dates, row by row.
    pub fn changes(&self) -> Vec<CellChange> {
        let mut out = Vec::new();
        for row in &self.rows {
            for (country, cell) in self.countries.iter().zip(&row.cells) {
                let change = cell.change();
                if change != Change::Unchanged {
                    out.push(CellChange {
                        country: country.clone(),
                        provision: row.provision.clone(),
                        before: cell.before,
                        after: cell.after,
                        change,
                    });
                }
            }
        }
        out
    }

    /// The cell of a country and a provision.
    pub fn cell(&self, country: &Jurisdiction, provision: &str) -> Option<Cell> {
        let col = self.countries.iter().position(|c| c == country)?;
        let row = self.rows.iter().find(|r| r.provision.as_str() == provision)?;
        row.cells.get(col).copied()
    }
}
