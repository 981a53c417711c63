//! (Being written.)
use super::common::Ctx;
use super::Alert;

pub(crate) fn remittance_funnel(_ctx: &Ctx<'_>) -> Vec<Alert> {
    Vec::new()
}
pub(crate) fn controller_account(_ctx: &Ctx<'_>) -> Vec<Alert> {
    Vec::new()
}
pub(crate) fn pooled_wages(_ctx: &Ctx<'_>) -> Vec<Alert> {
    Vec::new()
}
pub(crate) fn hawala_settlement(_ctx: &Ctx<'_>) -> Vec<Alert> {
    Vec::new()
}
