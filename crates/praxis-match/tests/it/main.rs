//! The matching engine's integration tests: one binary, data-driven `check` helpers.

mod blind;
mod ident;
mod linkage;
mod names;
mod screen;
mod text;
