//! The demo's kept screening: the FIA investigator screened Operation Silk Corridor's people and
//! organisations against a small extract of a watch list. The organiser is on it (born 1979, a
//! Pakistani national, the same phone): confirmed as a true match. The hawaladar has a namesake
//! on it, born 1958 in Afghanistan: rejected as a false positive, with a note. Any later
//! screening of the case against a list holding those entities shows both judgements.

use crate::policy::Caller;
use crate::screening::ScreenInput;
use crate::screening_review::ScreeningJudgementInput;
use crate::{App, AppError};

pub(crate) const WATCH_LIST: &str = r#"{"id": "demo-wl-101", "schema": "Person", "properties": {"name": ["Mohammad Ali Khan"], "alias": ["Haji Sahib"], "birthDate": ["1979"], "nationality": ["PK"], "phone": ["+92 300 1234567"], "topics": ["crime.traffick"]}}
{"id": "demo-wl-102", "schema": "Person", "properties": {"name": ["Abdul Rahman Baloch"], "birthDate": ["1958-04-11"], "nationality": ["AF"], "topics": ["sanction"]}}
{"id": "demo-wl-103", "schema": "Company", "properties": {"name": ["Silk Route Logistics FZE"], "jurisdiction": ["AE"]}}
{"id": "demo-wl-104", "schema": "Person", "properties": {"name": ["Karim Dad Notezai"], "birthDate": ["1971"], "nationality": ["PK"]}}
{"id": "demo-wl-s1", "schema": "Sanction", "properties": {"entity": ["demo-wl-102"], "authority": ["Demo sanctions authority"]}}
"#;

pub(crate) const LIST_NAME: &str = "Regional watch list extract (demo).ftm.json";

impl App {
    /// Screens the case's entities as the FIA investigator, confirms the organiser and rejects
    /// the hawaladar's namesake. Returns the run's id.
    pub(crate) async fn seed_demo_screening(&self, password: &str, case: i64) -> Result<i64, AppError> {
        let login = self.login("imran.shah", password, "demo").await?;
        let caller = Caller::User(self.session(&login.session_token).await?.actor);
        self.logout(&login.session_token).await?;
        let input = ScreenInput {
            list: WATCH_LIST.into(),
            list_name: Some(LIST_NAME.into()),
            case: Some(case),
            top: Some(3),
            threshold: Some(0.85),
            phone_region: Some("PK".into()),
            ..ScreenInput::default()
        };
        let report = self.screen_watch_list(&caller, &input).await?;
        let find = |caption: &str, entity: &str| {
            report
                .queries
                .iter()
                .find(|q| q.caption == caption && q.candidates.iter().any(|c| c.entity_id == entity))
                .map(|q| q.query_id.clone())
                .ok_or_else(|| {
                    AppError::invalid(
                        "demo",
                        "screening",
                        format!("the demo screening found no {entity} for {caption}"),
                    )
                })
        };
        let organiser = find("Mohammad Ali Khan", "demo-wl-101")?;
        let hawaladar = find("Abdul Rahman Baloch", "demo-wl-102")?;
        self.judge_screening(
            &caller,
            report.run,
            &ScreeningJudgementInput {
                query_id: organiser,
                list_entity_id: "demo-wl-101".into(),
                verdict: "confirmed".into(),
                note: "Same phone and year of birth as the organiser; alias Haji Sahib in the FIR.".into(),
            },
        )
        .await?;
        self.judge_screening(
            &caller,
            report.run,
            &ScreeningJudgementInput {
                query_id: hawaladar,
                list_entity_id: "demo-wl-102".into(),
                verdict: "rejected".into(),
                note: "A namesake: the listed man was born in 1958 in Afghanistan; ours is a Quetta hawaladar in his thirties."
                    .into(),
            },
        )
        .await?;
        Ok(report.run)
    }
}
