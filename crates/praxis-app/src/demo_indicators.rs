//! The demo's indicators: a Pakistan country component and a Bangladesh one (programme
//! activities for IATI), the programme's standard disaggregation model (sex, age band), and
//! indicators with a year of data — some actuals approved, one returned with its reason, some
//! waiting for approval — and two computed live from the cases and the cooperation requests.
//! The programme officer `tariq.mahmood` sets them up and approves; the focal points
//! `bilal.ahmed` (Pakistan) and `karim.hossain` (Bangladesh) enter and submit the actuals. The
//! figures are illustrative. The reporting organisation's IATI reference `XX-DEMO` is made up.

use crate::indicators::{
    ActualInput, ModelInput, NewActivityInput, NewIndicatorInput, PeriodInput, WorkflowInput,
};
use crate::policy::Caller;
use crate::{App, AppError};

/// (code, country, activity index, level, title, definition, unit, measure, direction, source,
/// with the model, baseline, tags)
struct DemoIndicator {
    code: &'static str,
    country: &'static str,
    activity: usize,
    level: &'static str,
    title: &'static str,
    definition: &'static str,
    unit: &'static str,
    measure: &'static str,
    direction: &'static str,
    verification: &'static str,
    frequency: &'static str,
    source: &'static str,
    model: bool,
    baseline: &'static str,
    tags: &'static str,
    /// (start, end exclusive, target)
    periods: &'static [(&'static str, &'static str, &'static str)],
    /// (period index, categories, value, comment, who enters, what happens: "approved",
    /// "submitted", "returned", "draft")
    actuals: &'static [(usize, &'static str, &'static str, &'static str, &'static str, &'static str)],
}

const HALVES: &[(&str, &str, &str)] = &[("2026-01-01", "2026-07-01", "2"), ("2026-07-01", "2027-01-01", "4")];

const INDICATORS: &[DemoIndicator] = &[
    DemoIndicator {
        code: "PK-3.1.1",
        country: "PK",
        activity: 0,
        level: "output",
        title: "Criminal justice practitioners trained on trafficking and smuggling cases",
        definition: "Investigators, prosecutors and judges who completed a course of at least three days with a post-test, counted once per period.",
        unit: "practitioners",
        measure: "count",
        direction: "increase",
        verification: "Attendance sheets and post-test records of each course",
        frequency: "semi_annual",
        source: "entered",
        model: true,
        baseline: "0",
        tags: "capacity_building gender_human_rights going_local",
        periods: &[("2026-01-01", "2026-07-01", "60"), ("2026-07-01", "2027-01-01", "120")],
        actuals: &[
            (0, "", "64", "Four courses: Lahore, Multan, Karachi, Quetta", "bilal.ahmed", "approved"),
            (0, "sex=female", "27", "", "bilal.ahmed", "approved"),
            (0, "sex=male", "37", "", "bilal.ahmed", "approved"),
            (1, "", "41", "Two courses so far: Peshawar, Sukkur", "bilal.ahmed", "submitted"),
        ],
    },
    DemoIndicator {
        code: "PK-3.1.2",
        country: "PK",
        activity: 0,
        level: "output",
        title: "Share of women among the practitioners trained",
        definition: "Women trained over all practitioners trained in the period (PK-3.1.1), in per cent.",
        unit: "%",
        measure: "percentage",
        direction: "increase",
        verification: "Attendance sheets, disaggregated by sex",
        frequency: "semi_annual",
        source: "entered",
        model: false,
        baseline: "25",
        tags: "capacity_building gender_human_rights",
        periods: &[("2026-01-01", "2026-07-01", "35"), ("2026-07-01", "2027-01-01", "40")],
        actuals: &[
            (0, "", "42.2", "27 of 64", "bilal.ahmed", "approved"),
            (1, "", "38", "Estimate from registrations", "bilal.ahmed", "returned"),
        ],
    },
    DemoIndicator {
        code: "PK-4.1.1",
        country: "PK",
        activity: 0,
        level: "outcome",
        title: "Cross-border cooperation requests executed",
        definition: "Cooperation requests sent by or to Pakistan whose status became executed in the period, counted from the requests recorded in Praxis.",
        unit: "requests",
        measure: "count",
        direction: "increase",
        verification: "Computed live from the cooperation requests in Praxis (date of the executed step)",
        frequency: "semi_annual",
        source: "cooperation_executed",
        model: false,
        baseline: "0",
        tags: "cooperation",
        periods: HALVES,
        actuals: &[],
    },
    DemoIndicator {
        code: "PK-4.2.1",
        country: "PK",
        activity: 0,
        level: "outcome",
        title: "Cases with evidence beyond testimony",
        definition: "Of the cases of Pakistan opened in the period with subjects or offences to prove, the percentage with at least one supported by evidence other than testimony (financial, documentary, digital, forensic…), as recorded today.",
        unit: "%",
        measure: "percentage",
        direction: "increase",
        verification: "Computed live from the evidence registers of the cases in Praxis",
        frequency: "semi_annual",
        source: "evidence_beyond_testimony",
        model: false,
        baseline: "20",
        tags: "cooperation capacity_building",
        periods: &[("2026-01-01", "2026-07-01", "30"), ("2026-07-01", "2027-01-01", "40")],
        actuals: &[],
    },
    DemoIndicator {
        code: "BD-5.1.1",
        country: "BD",
        activity: 1,
        level: "outcome",
        title: "Identified victims referred to assistance",
        definition: "Victims of trafficking identified by the authorities and referred to a shelter or an assistance provider, counted at referral.",
        unit: "persons",
        measure: "count",
        direction: "increase",
        verification: "Referral forms of the Counter-Trafficking Committee secretariat",
        frequency: "quarterly",
        source: "entered",
        model: true,
        baseline: "10",
        tags: "protection gender_human_rights",
        periods: &[
            ("2026-01-01", "2026-04-01", "12"),
            ("2026-04-01", "2026-07-01", "15"),
            ("2026-07-01", "2026-10-01", "15"),
        ],
        actuals: &[
            (0, "", "18", "", "karim.hossain", "approved"),
            (0, "sex=female", "15", "", "karim.hossain", "approved"),
            (0, "sex=male", "3", "", "karim.hossain", "approved"),
            (1, "", "22", "", "karim.hossain", "approved"),
            (1, "sex=female", "14", "", "karim.hossain", "approved"),
            (1, "sex=male", "8", "", "karim.hossain", "approved"),
            (2, "", "9", "Jashore shelter closed for repairs in August", "karim.hossain", "draft"),
        ],
    },
];

impl App {
    /// Enters the demo's activities, model and indicators through the ordinary services.
    /// Returns the ids of the indicators, in the order above.
    pub(crate) async fn seed_demo_indicators(&self, password: &str) -> Result<Vec<i64>, AppError> {
        let mut callers = std::collections::HashMap::new();
        for who in ["tariq.mahmood", "bilal.ahmed", "karim.hossain"] {
            let login = self.login(who, password, "demo").await?;
            let caller = Caller::User(self.session(&login.session_token).await?.actor);
            self.logout(&login.session_token).await?;
            callers.insert(who, caller);
        }
        let officer = &callers["tariq.mahmood"];
        let mut activities = Vec::new();
        for (country, iso3, title, budget) in [
            ("PK", "PAK", "Pakistan: a criminal justice response to trafficking and smuggling", "250000.00"),
            ("BD", "BGD", "Bangladesh: protection and referral of victims of trafficking", "180000.00"),
        ] {
            let input = NewActivityInput {
                identifier: format!("XX-DEMO-{iso3}-2026"),
                reporting_org: "XX-DEMO".into(),
                title: title.into(),
                description: "Country component of the regional programme against trafficking in persons and the smuggling of migrants, 2026.".into(),
                country: Some(country.into()),
                start_on: "2026-01-01".into(),
                end_on: Some("2026-12-31".into()),
                status: Some("implementation".into()),
                budget: Some(budget.into()),
                currency: Some("USD".into()),
                tags: "capacity_building cooperation protection gender_human_rights going_local".into(),
                plan: Default::default(),
            };
            activities.push(self.create_programme_activity(officer, &input).await?);
        }
        let model = self
            .create_disaggregation_model(
                officer,
                &ModelInput {
                    name: "Programme standard".into(),
                    spec: "sex: female male unknown\nage_band: 0-17 18-59 60+".into(),
                },
            )
            .await?;
        let mut ids = Vec::new();
        for d in INDICATORS {
            let input = NewIndicatorInput {
                code: d.code.into(),
                title: d.title.into(),
                definition: d.definition.into(),
                unit: d.unit.into(),
                measure: d.measure.into(),
                direction: d.direction.into(),
                means_of_verification: d.verification.into(),
                frequency: d.frequency.into(),
                owner: "UN Office, Country Office Pakistan (Islamabad)".into(),
                tags: d.tags.into(),
                country: Some(d.country.into()),
                activity: Some(activities[d.activity]),
                level: Some(d.level.into()),
                source: Some(d.source.into()),
                model: d.model.then_some(model),
                baseline_on: "2025-12-31".into(),
                baseline: Some(d.baseline.into()),
            };
            let id = self.create_indicator(officer, &input).await?;
            let mut periods = Vec::new();
            for (start, end, target) in d.periods {
                let input = PeriodInput {
                    start_on: (*start).into(),
                    end_on: (*end).into(),
                    target: (!target.is_empty()).then(|| (*target).into()),
                    comment: String::new(),
                };
                periods.push(self.add_indicator_period(officer, id, &input).await?);
            }
            for (period, categories, value, comment, who, fate) in d.actuals {
                let reporter = &callers[who];
                let input = ActualInput {
                    period: periods[*period],
                    categories: (*categories).into(),
                    value: Some((*value).into()),
                    comment: (*comment).into(),
                };
                let actual = self.add_indicator_actual(reporter, id, &input).await?;
                let step =
                    |action: &str, note: &str| WorkflowInput { action: action.into(), note: note.into() };
                if *fate == "draft" {
                    continue;
                }
                self.move_indicator_actual(reporter, id, actual, &step("submit", "")).await?;
                match *fate {
                    "approved" => {
                        self.move_indicator_actual(officer, id, actual, &step("approve", "")).await?;
                    }
                    "returned" => {
                        let reason = "Registrations are not attendance: enter the share from the attendance sheets of the Peshawar and Sukkur courses.";
                        self.move_indicator_actual(officer, id, actual, &step("return", reason)).await?;
                    }
                    _ => {}
                }
            }
            ids.push(id);
        }
        Ok(ids)
    }
}
