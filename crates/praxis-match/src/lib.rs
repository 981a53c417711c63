//! Entity resolution across scripts: names and identifiers, and the deduplication and linkage of
//! whole records.
//!
//! The pipeline for a name is [`normalise`] (Unicode normalisation that does not damage a
//! script) → [`translit`] (a comparable Latin form and a consonant skeleton) → [`names`] (name-part
//! tokens, honorifics and particles, spelling-variant classes, the comparison with its
//! explanation). [`ident`] normalises and compares identifiers: phone numbers, IBANs, e-mail
//! addresses and partial birth dates.
//!
//! Records are deduplicated or linked by [`linkage`]: [`record`] (values typed and normalised per
//! role) → [`blocking`] (candidate pairs from several rules, unioned, for recall) → [`compare`]
//! (a level per field) → [`fellegi_sunter`] (`m` by EM, `u` from random pairs, weights in bits)
//! → a threshold fixed in advance → [`cluster`] (connected components named by their smallest
//! id); [`explain`] says, for any pair, what each field contributed.
//!
//! *Architecture Invariant:* this crate does no I/O and knows nothing of HTTP, SQL or the command
//! line; its types are not `Serialize`. The faces map its results to their own types.

pub mod blind;
pub mod blocking;
pub mod cluster;
pub mod compare;
pub mod explain;
mod features;
pub mod fellegi_sunter;
pub mod ident;
pub mod linkage;
pub mod names;
pub mod normalise;
pub mod record;
pub mod screen;
pub mod script;
pub mod similarity;
pub mod translit;

pub use linkage::{
    dedupe, link, Dataset, JudgementReport, LinkOptions, Linkage, Verdict, DEFAULT_MATCH_PROBABILITY,
};
pub use names::{
    compare_names, compare_names_with, compare_person_names, CompareOptions, NameComparison, NameError,
    PersonName, TokenMatch, DEFAULT_THRESHOLD,
};
pub use record::{NameCache, Record, RecordOptions, Role};
pub use script::Script;
