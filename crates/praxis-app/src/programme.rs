//! The programme at a glance: what the dashboard and the donor report show, gathered from the
//! programme's own services so that each part keeps its access rules (a caller sees the
//! indicators, reviews and activities they may read, and nothing else; aggregates only).

use praxis_store::AuditEvent;
use serde::Serialize;

use crate::engagement::CountrySummary;
use crate::indicators::{ActivityView, IndicatorFilter, IndicatorView};
use crate::legal_review::ReviewSummary;
use crate::policy::{Action, Caller};
use crate::trainings::Headcount;
use crate::{App, AppError};

#[derive(Debug, Clone, Serialize)]
pub struct Dashboard {
    /// Partner countries with their engagement stage and exit readiness.
    pub countries: Vec<CountrySummary>,
    /// Each with its periods: baseline, targets, actuals, progress.
    pub indicators: Vec<IndicatorView>,
    pub reviews: Vec<ReviewSummary>,
    pub activities: Vec<ActivityView>,
    /// Women among the people trained and the trainers, in all and per country (regional
    /// trainings under `None`).
    pub women: WomenShare,
}

/// Female professional representation where the programme counts people.
#[derive(Debug, Clone, Default, Serialize)]
pub struct WomenShare {
    pub participants: Headcount,
    pub trainers: Headcount,
    pub by_country: Vec<CountryHeadcount>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CountryHeadcount {
    pub country: Option<String>,
    pub country_name: Option<String>,
    pub participants: Headcount,
    pub trainers: Headcount,
}

fn add(a: &Headcount, b: &Headcount) -> Headcount {
    let (total, female) = (a.total + b.total, a.female + b.female);
    let female_share = (total > 0).then(|| format!("{:.1}", female as f64 * 100.0 / total as f64));
    Headcount { total, female, female_share }
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
        let countries = self.partner_countries(caller).await?;
        let trainings = self.trainings(caller, None).await?;
        let mut by_country: Vec<CountryHeadcount> = Vec::new();
        for t in &trainings.trainings {
            match by_country.iter_mut().find(|c| c.country == t.country) {
                Some(c) => {
                    c.participants = add(&c.participants, &t.participants);
                    c.trainers = add(&c.trainers, &t.trainers);
                }
                None => by_country.push(CountryHeadcount {
                    country: t.country.clone(),
                    country_name: t.country_name.clone(),
                    participants: add(&Headcount::default(), &t.participants),
                    trainers: add(&Headcount::default(), &t.trainers),
                }),
            }
        }
        by_country.sort_by(|a, b| a.country_name.cmp(&b.country_name));
        let women =
            WomenShare { participants: trainings.participants, trainers: trainings.trainers, by_country };
        Ok(Dashboard { countries, indicators, reviews, activities: list.activities, women })
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
                    "countries": d.countries.len(),
                })),
        )
        .await?;
        tx.commit().await?;
        Ok(d)
    }
}
