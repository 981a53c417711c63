//! Entity resolution across scripts: the first slice of the matching engine.
//!
//! The pipeline for a name is [`normalise`] (Unicode normalisation that does not damage a
//! script) → [`translit`] (a comparable Latin form and a consonant skeleton) → [`names`] (name-part
//! tokens, honorifics and particles, spelling-variant classes, the comparison with its
//! explanation). [`ident`] normalises and compares identifiers: phone numbers, IBANs, e-mail
//! addresses and partial birth dates.
//!
//! *Architecture Invariant:* this crate does no I/O and knows nothing of HTTP, SQL or the command
//! line; its types are not `Serialize`. The faces map its results to their own types.

pub mod ident;
pub mod names;
pub mod normalise;
pub mod script;
pub mod translit;

pub use names::{
    compare_names, compare_names_with, compare_person_names, CompareOptions, NameComparison, NameError,
    PersonName, TokenMatch, DEFAULT_THRESHOLD,
};
pub use script::Script;
