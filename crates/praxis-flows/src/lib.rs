//! The financial-flows engine: it turns bank statements, transfer lists, hawala ledgers and
//! suspicious-transaction reports into one temporal transaction graph, traces money forward and
//! backward under court-recognised attribution rules, detects laundering typologies and ranks the
//! accounts that profit.
//!
//! Architecture Invariant: this crate does no I/O beyond its readers (which take any `Read`) and
//! knows nothing of HTTP, SQL or the command line. Its types are not `Serialize`: faces own their
//! wire formats.
//!
//! Invariants stated once: money is an integer number of minor units of one ISO 4217 currency;
//! time is milliseconds since the Unix epoch, UTC; windows are half-open `[start, end)`; equal
//! timestamps are ordered by input order.

pub mod batch;
pub mod fx;
pub mod graph;
pub mod import;
pub mod money;
pub mod normalised;
pub mod primitives;
pub mod rank;
pub mod scan;
#[cfg(any(test, feature = "synth"))]
pub mod synth;
pub mod trace;
pub mod window;

pub use batch::{Diagnostic, ImportBatch, Transaction};
pub use fx::RateTable;
pub use graph::{AccountIx, TxGraph, TxIx};
pub use money::{Currency, MoneyError};
pub use trace::{Direction, Rule, Seed, TraceParams, TraceResult};
pub use window::Window;
