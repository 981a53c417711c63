//! The programme engine's integration tests: one binary, one module per engine module.

mod checklist;
mod hxl;
mod iati;
mod indicator;
mod pillars;
mod tables;
mod toc;
mod workplan;
