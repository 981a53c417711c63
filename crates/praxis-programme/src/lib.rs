//! The programme engine: pillars and themes, the legislative review checklist and the regional
//! harmonisation matrix, theories of change, workplans, indicators, and the IATI 2.03 and HXL
//! exports.
//!
//! - [`pillars`]: the five pillars and the cross-cutting themes, with stable codes, and [`Tags`].
//! - [`checklist`]: the versioned catalogue of treaty provisions (data in `checklist/v1.toml`),
//!   country reviews with evidence and history ([`checklist::review`]), scoring, and the
//!   harmonisation matrix at two dates ([`checklist::matrix`]).
//!
//! *Architecture Invariant:* this crate does no I/O beyond writers handed to it (exports write to
//! any `std::io::Write`), and knows nothing of HTTP, SQL or the command line; its types are not
//! `Serialize`. The application layer loads programme data from the store, builds these types,
//! and maps the results to its own view types.
//!
//! *Architecture Invariant:* the checklist catalogue is data, versioned, and separate from the
//! answers; answers name the catalogue version they were given against. Guidance items (model
//! laws, regional treaties) are never counted as treaty obligations.

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
