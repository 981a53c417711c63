//! (Being written.)
use super::common::Ctx;
use super::Alert;

pub(crate) fn scatter_gather(_ctx: &Ctx<'_>) -> Vec<Alert> {
    Vec::new()
}
pub(crate) fn gather_scatter(_ctx: &Ctx<'_>) -> Vec<Alert> {
    Vec::new()
}
