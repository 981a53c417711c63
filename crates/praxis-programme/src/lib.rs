//! The programme engine: pillars and themes, the legislative review checklist and the regional
//! harmonisation matrix, theories of change, workplans, indicators, and the IATI 2.03 and HXL
//! exports.
//!
//! - [`pillars`]: the five pillars and the cross-cutting themes, with stable codes, and [`Tags`].
//! - [`checklist`]: the versioned catalogue of treaty provisions (data in `checklist/v1.toml`),
//!   country reviews with evidence and history ([`checklist::review`]), scoring, and the
//!   harmonisation matrix at two dates ([`checklist::matrix`]).
//! - [`engagement`]: consultation → partnership → ownership, dated, with evidence.
//! - [`toc`]: theories of change (levels, causal links with rationale, assumptions and risks),
//!   validation and the diff between versions.
//! - [`workplan`]: activities linked to outputs and pillars, with exact budgets ([`money`]) and
//!   locations (capital or not, conflict-affected or not).
//! - [`indicator`]: reference sheets, exact values, half-open periods, the versioned
//!   disaggregation model, the workflow of an actual, progress against the target.
//! - [`iati`]: IATI 2.03 activity XML with results (validated against the official schema in the
//!   tests); [`hxl`]: HXL-tagged CSV with small counts suppressed; [`tables`]: CSV of every table.
//!
//! See `docs/programme.md` for the model and the rules.
//!
//! *Architecture Invariant:* this crate does no I/O beyond writers handed to it (exports write to
//! any `std::io::Write`), and knows nothing of HTTP, SQL or the command line; its types are not
//! `Serialize`. The application layer loads programme data from the store, builds these types,
//! and maps the results to its own view types.
//!
//! *Architecture Invariant:* the checklist catalogue is data, versioned, and separate from the
//! answers; answers name the catalogue version they were given against. Guidance items (model
//! laws, regional treaties) are never counted as treaty obligations.
//!
//! *Architecture Invariant:* nothing leaves through IATI or HXL below the minimum count: the HXL
//! table applies primary and complementary suppression, and IATI indicators publish approved
//! actuals only, aggregating small disaggregated counts upward.

pub mod checklist;
pub mod engagement;
pub mod hxl;
pub mod iati;
pub mod indicator;
pub mod money;
pub mod pillars;
pub mod tables;
pub mod toc;
pub mod workplan;

pub use pillars::{Pillar, Tags, Theme};
