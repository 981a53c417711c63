//! The programme at a glance: what the dashboard and the donor report show, gathered from the
//! programme's own services so that each part keeps its access rules (a caller sees the
//! indicators, reviews and activities they may read, and nothing else; aggregates only).

use praxis_store::AuditEvent;
use serde::Serialize;

use crate::indicators::{ActivityView, IndicatorFilter, IndicatorView};
use crate::legal_review::ReviewSummary;
use crate::policy::{Action, Caller};
use crate::{App, AppError};

#[derive(Debug, Clone, Serialize)]
pub struct Dashboard {
    /// Each with its periods: baseline, targets, actuals, progress.
    pub indicators: Vec<IndicatorView>,
    pub reviews: Vec<ReviewSummary>,
    pub activities: Vec<ActivityView>,
}

impl App {
    /// The dashboard of the programme for `caller`: indicators with their periods (targets and
    /// actuals), the legislative reviews and the activities the caller may read.
    pub async fn programme_dashboard(&self, caller: &Caller) -> Result<Dashboard, AppError> {
        let list = self.indicators(caller, &IndicatorFilter::default()).await?;
        let mut indicators = Vec::with_capacity(list.indicators.len());
        for summary in &list.indicators {
            indicators.push(self.indicator(caller, summary.id).await?);
        }
        let reviews = self.legal_reviews(caller).await?;
        Ok(Dashboard { indicators, reviews, activities: list.activities })
    }

    /// The donor report: the dashboard's figures, printed. Audited (`programme.report`, with the
    /// format and how many indicators, reviews and activities it carried), since it leaves
    /// Praxis. Only for programme roles (programme officers, focal points, advisers) and the
    /// operator: the dashboard hides what a caller may not read, the report is refused outright.
    pub async fn programme_report(&self, caller: &Caller, format: &str) -> Result<Dashboard, AppError> {
        Self::programme_gate(caller, Action::Read)?;
        let d = self.programme_dashboard(caller).await?;
        let mut tx = self.store.begin_write().await?;
        tx.audit(
            AuditEvent::new("programme.report", "programme", "report")
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({
                    "format": format,
                    "indicators": d.indicators.len(),
                    "reviews": d.reviews.len(),
                    "activities": d.activities.len(),
                })),
        )
        .await?;
        tx.commit().await?;
        Ok(d)
    }
}
