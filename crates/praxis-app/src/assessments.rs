//! National assessments of a partner country: trafficking in persons (`tip`) or smuggling of
//! migrants (`som`), the period covered, the methods used (desk review, interviews, field
//! visits), a status moving planned → in progress → validated with its dated history, key
//! findings and recommendations under the programme's pillars, and the stakeholder analysis: the
//! country's stakeholders consulted, each scored for influence and interest *in this assessment*
//! (the scores may differ from the country's current ones), drawn on the same grid as the country.
//!
//! An assessment is programme data of its country ([`RecordKind::ProgrammeData`], owned by the
//! organisation that owns the partner country, with the country as jurisdiction): programme staff
//! of the country and of international organisations read it; programme officers (of the owning
//! or an international organisation) and the country's focal points write it; only programme
//! officers create one (the policy's `Create`). Validation is refused to the person who created
//! the assessment (a second pair of eyes); a validated assessment no longer changes. Every write
//! is audited.

use praxis_model::UserId;
use praxis_programme::pillars::Pillar;
use praxis_store::{AssessmentRow, AuditEvent, NewAssessment, NewConsulted, PartnerCountryRow};
use serde::{Deserialize, Serialize};

use crate::engagement::{day, number_or_text, past_date, today};
use crate::policy::{authorize, decide, Action, Caller};
use crate::validate::{date, invalid, text};
use crate::{App, AppError};

/// The record type under which assessments are audited.
pub const ASSESSMENT: &str = "assessment";
/// Trafficking in persons, smuggling of migrants.
pub const KINDS: [&str; 2] = ["tip", "som"];
/// The methods an assessment may use (several).
pub const METHODS: [&str; 3] = ["desk_review", "interviews", "field_visits"];
/// The statuses, in order.
pub const STATUSES: [&str; 3] = ["planned", "in_progress", "validated"];

#[derive(Debug, Clone, Default, Deserialize)]
pub struct AssessmentInput {
    /// ISO 3166-1 alpha-2 of a partner country.
    pub country: String,
    /// tip, som.
    pub kind: String,
    pub title: String,
    /// YYYY-MM-DD: the first day of the period covered.
    pub period_start: String,
    /// YYYY-MM-DD: the last day, not before the first.
    pub period_end: String,
    /// Codes of the methods used (at least one): desk_review, interviews, field_visits.
    #[serde(default)]
    pub methods: Vec<String>,
    /// YYYY-MM-DD the assessment was planned; default today; not in the future.
    #[serde(default)]
    pub planned_on: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct FindingInput {
    /// A pillar code.
    pub pillar: String,
    pub finding: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct RecommendationInput {
    /// 1 (highest) to 3.
    #[serde(deserialize_with = "number_or_text")]
    pub priority: String,
    /// A pillar code.
    pub pillar: String,
    pub recommendation: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ConsultedInput {
    /// The id of one of the country's stakeholders.
    #[serde(deserialize_with = "number_or_text")]
    pub stakeholder: String,
    /// 1 to 5, as scored in this assessment.
    #[serde(deserialize_with = "number_or_text")]
    pub influence: String,
    /// 1 to 5, as scored in this assessment.
    #[serde(deserialize_with = "number_or_text")]
    pub interest: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct StatusInput {
    /// The next status: in_progress, validated.
    pub status: String,
    /// YYYY-MM-DD; default today. Not before the latest status, not in the future.
    #[serde(default)]
    pub on: Option<String>,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AssessmentSummary {
    pub id: i64,
    pub country: String,
    pub country_name: String,
    pub kind: String,
    pub title: String,
    pub period_start: String,
    pub period_end: String,
    pub status: String,
    /// YYYY-MM-DD of the current status.
    pub status_on: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusView {
    pub status: String,
    pub on: String,
    pub note: String,
    pub recorded_by: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FindingView {
    pub id: i64,
    pub pillar: String,
    pub finding: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RecommendationView {
    pub id: i64,
    pub priority: i64,
    pub pillar: String,
    pub recommendation: String,
}

/// A stakeholder consulted, scored in this assessment, with the country's current scores beside.
#[derive(Debug, Clone, Serialize)]
pub struct ConsultedView {
    pub id: i64,
    pub stakeholder: i64,
    pub name: String,
    pub institution: String,
    pub prong: String,
    pub influence: u8,
    pub interest: u8,
    pub note: String,
    /// The country's current scores for this stakeholder.
    pub current_influence: Option<u8>,
    pub current_interest: Option<u8>,
}

/// One of the country's stakeholders not consulted yet (for the form).
#[derive(Debug, Clone, Serialize)]
pub struct StakeholderChoice {
    pub id: i64,
    pub name: String,
    pub institution: String,
    pub influence: u8,
    pub interest: u8,
}

#[derive(Debug, Clone, Serialize)]
pub struct AssessmentPermissions {
    /// May add findings, recommendations, stakeholders (false once validated).
    pub write: bool,
    /// The statuses the caller may move the assessment to now.
    pub next_status: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AssessmentView {
    #[serde(flatten)]
    pub summary: AssessmentSummary,
    pub methods: Vec<String>,
    pub created_by: Option<String>,
    /// Oldest first.
    pub history: Vec<StatusView>,
    pub findings: Vec<FindingView>,
    /// By priority.
    pub recommendations: Vec<RecommendationView>,
    pub stakeholders: Vec<ConsultedView>,
    pub not_consulted: Vec<StakeholderChoice>,
    pub permissions: AssessmentPermissions,
}

fn one_of(field: &'static str, s: &str, allowed: &[&str]) -> Result<String, AppError> {
    let s = s.trim();
    if allowed.contains(&s) {
        Ok(s.to_owned())
    } else {
        Err(invalid(field, format!("{s:?} is not one of {}", allowed.join(", "))))
    }
}

fn pillar(s: &str) -> Result<String, AppError> {
    Pillar::parse(s.trim()).map(|p| p.code().to_owned()).ok_or_else(|| {
        invalid(
            "pillar",
            format!(
                "{:?} is not one of {}",
                s.trim(),
                Pillar::ALL.iter().map(|p| p.code()).collect::<Vec<_>>().join(", ")
            ),
        )
    })
}

fn whole(field: &'static str, s: &str, lo: i64, hi: i64) -> Result<i64, AppError> {
    match s.trim().parse::<i64>() {
        Ok(n) if (lo..=hi).contains(&n) => Ok(n),
        _ => Err(invalid(field, format!("{:?} is not a whole number from {lo} to {hi}", s.trim()))),
    }
}

/// The methods, in the vocabulary's order, each once; at least one.
fn methods(codes: &[String]) -> Result<String, AppError> {
    for c in codes {
        if !METHODS.contains(&c.trim()) {
            return Err(invalid("methods", format!("{:?} is not one of {}", c.trim(), METHODS.join(", "))));
        }
    }
    let chosen: Vec<&str> =
        METHODS.iter().copied().filter(|m| codes.iter().any(|c| c.trim() == *m)).collect();
    if chosen.is_empty() {
        return Err(invalid("methods", "name at least one method"));
    }
    Ok(chosen.join(" "))
}

impl App {
    /// The assessment `id` and its country if the caller may do `action` on it.
    async fn assessment_for(
        &self,
        caller: &Caller,
        id: i64,
        action: Action,
    ) -> Result<(AssessmentRow, PartnerCountryRow), AppError> {
        let a = self.store.get_assessment(id).await?.ok_or(AppError::NotFound("assessment"))?;
        let c = self
            .store
            .partner_country_by_id(a.country_id)
            .await?
            .ok_or(AppError::NotFound("partner country"))?;
        authorize(caller, action, &Self::country_record(&c))?;
        Ok((a, c))
    }

    async fn assessment_summary(
        &self,
        a: &AssessmentRow,
        c: &PartnerCountryRow,
    ) -> Result<AssessmentSummary, AppError> {
        let history = self.store.assessment_statuses(a.id).await?;
        let last = history.last();
        Ok(AssessmentSummary {
            id: a.id,
            country: c.country.clone(),
            country_name: praxis_model::Jurisdiction::parse(&c.country).map(|j| j.name()).unwrap_or_default(),
            kind: a.kind.clone(),
            title: a.title.clone(),
            period_start: a.period_start.clone(),
            period_end: a.period_end.clone(),
            status: last.map(|s| s.status.clone()).unwrap_or_else(|| "planned".into()),
            status_on: last.map(|s| s.status_on.clone()).unwrap_or_default(),
        })
    }

    /// The assessments the caller may read, newest period first; of one country when `country`
    /// is given.
    pub async fn assessments(
        &self,
        caller: &Caller,
        country: Option<&str>,
    ) -> Result<Vec<AssessmentSummary>, AppError> {
        let countries: std::collections::HashMap<i64, PartnerCountryRow> =
            self.store.list_partner_countries().await?.into_iter().map(|c| (c.id, c)).collect();
        let wanted = country.map(|c| c.trim().to_ascii_uppercase());
        let mut out = Vec::new();
        for a in self.store.list_assessments().await? {
            let Some(c) = countries.get(&a.country_id) else { continue };
            if wanted.as_ref().is_some_and(|w| *w != c.country) {
                continue;
            }
            if decide(caller, Action::Read, &Self::country_record(c)).allowed {
                out.push(self.assessment_summary(&a, c).await?);
            }
        }
        Ok(out)
    }

    /// Whether the caller may create an assessment of the partner country `code`.
    pub async fn may_create_assessment(&self, caller: &Caller, code: &str) -> Result<bool, AppError> {
        Ok(match self.store.partner_country(&code.trim().to_ascii_uppercase()).await? {
            Some(c) => decide(caller, Action::Create, &Self::country_record(&c)).allowed,
            None => false,
        })
    }

    /// Creates an assessment of a partner country, planned as of today (programme officers).
    pub async fn create_assessment(&self, caller: &Caller, input: &AssessmentInput) -> Result<i64, AppError> {
        let Caller::User(actor) = caller else {
            return Err(AppError::Denied("assessments are created by a person signed in".into()));
        };
        let code = input.country.trim().to_ascii_uppercase();
        if code.is_empty() {
            return Err(invalid("country", "is required"));
        }
        let c = match self.country_for(caller, &code, Action::Create).await {
            Err(AppError::NotFound(_)) => {
                return Err(invalid("country", format!("{code} is not a partner country")));
            }
            other => other?,
        };
        let kind = one_of("kind", &input.kind, &KINDS)?;
        let title = text("title", &input.title, 3, 200, false)?;
        let start = date("period_start", &input.period_start)?;
        let end = date("period_end", &input.period_end)?;
        if end < start {
            return Err(invalid("period_end", "the period ends before it starts"));
        }
        let planned_on = match input.planned_on.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) => past_date("planned_on", s)?,
            None => today(),
        };
        let new = NewAssessment {
            kind,
            title,
            period_start: day(start),
            period_end: day(end),
            methodology: methods(&input.methods)?,
            created_by: Some(actor.user_id),
        };
        let mut tx = self.store.begin_write().await?;
        let id = tx.insert_assessment(c.id, &new, "planned", &day(planned_on)).await?;
        tx.audit(
            AuditEvent::new("assessment.create", ASSESSMENT, id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "country": c.country, "kind": new.kind })),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The statuses the caller may move the assessment to now.
    fn next_statuses(
        caller: &Caller,
        a: &AssessmentRow,
        c: &PartnerCountryRow,
        current: &str,
    ) -> Vec<String> {
        if !decide(caller, Action::Write, &Self::country_record(c)).allowed {
            return Vec::new();
        }
        match current {
            "planned" => vec!["in_progress".into()],
            "in_progress" if a.created_by.map(|u| u.0) != caller.user_id() => vec!["validated".into()],
            _ => Vec::new(),
        }
    }

    /// The assessment: everything, with the stakeholder analysis and what the caller may do.
    pub async fn assessment(&self, caller: &Caller, id: i64) -> Result<AssessmentView, AppError> {
        let (a, c) = self.assessment_for(caller, id, Action::Read).await?;
        let summary = self.assessment_summary(&a, &c).await?;
        let history = self
            .store
            .assessment_statuses(a.id)
            .await?
            .into_iter()
            .map(|s| StatusView {
                status: s.status,
                on: s.status_on,
                note: s.note,
                recorded_by: s.recorded_by_name,
            })
            .collect();
        let findings = self
            .store
            .assessment_findings(a.id)
            .await?
            .into_iter()
            .map(|f| FindingView { id: f.id, pillar: f.pillar, finding: f.finding })
            .collect();
        let recommendations = self
            .store
            .assessment_recommendations(a.id)
            .await?
            .into_iter()
            .map(|r| RecommendationView {
                id: r.id,
                priority: r.priority,
                pillar: r.pillar,
                recommendation: r.recommendation,
            })
            .collect();
        let current = self.store.engagement_stakeholders(c.id).await?;
        let consulted = self.store.assessment_consulted(a.id).await?;
        let score = |n: i64| n.clamp(1, 5) as u8;
        let stakeholders: Vec<ConsultedView> = consulted
            .into_iter()
            .map(|k| {
                let now = current.iter().find(|s| s.id == k.stakeholder_id);
                ConsultedView {
                    id: k.id,
                    stakeholder: k.stakeholder_id,
                    name: k.name,
                    institution: k.institution,
                    prong: k.prong,
                    influence: score(k.influence),
                    interest: score(k.interest),
                    note: k.note,
                    current_influence: now.map(|s| score(s.influence)),
                    current_interest: now.map(|s| score(s.interest)),
                }
            })
            .collect();
        let not_consulted = current
            .iter()
            .filter(|s| !stakeholders.iter().any(|k| k.stakeholder == s.id))
            .map(|s| StakeholderChoice {
                id: s.id,
                name: s.name.clone(),
                institution: s.institution.clone(),
                influence: score(s.influence),
                interest: score(s.interest),
            })
            .collect();
        let validated = summary.status == "validated";
        let permissions = AssessmentPermissions {
            write: !validated && decide(caller, Action::Write, &Self::country_record(&c)).allowed,
            next_status: Self::next_statuses(caller, &a, &c, &summary.status),
        };
        Ok(AssessmentView {
            summary,
            methods: a.methodology.split_whitespace().map(str::to_owned).collect(),
            created_by: a.created_by_name.clone(),
            history,
            findings,
            recommendations,
            stakeholders,
            not_consulted,
            permissions,
        })
    }

    /// A writable assessment not validated yet.
    async fn open_assessment(
        &self,
        caller: &Caller,
        id: i64,
    ) -> Result<(AssessmentRow, PartnerCountryRow), AppError> {
        let (a, c) = self.assessment_for(caller, id, Action::Write).await?;
        let status = self.store.assessment_statuses(a.id).await?.last().map(|s| s.status.clone());
        if status.as_deref() == Some("validated") {
            return Err(invalid("status", "the assessment is validated and no longer changes"));
        }
        Ok((a, c))
    }

    async fn audit_assessment(
        tx: &mut praxis_store::WriteTx,
        caller: &Caller,
        action: &str,
        a: &AssessmentRow,
        c: &PartnerCountryRow,
        detail: serde_json::Value,
    ) -> Result<(), AppError> {
        let mut detail = detail;
        detail["country"] = serde_json::Value::String(c.country.clone());
        tx.audit(
            AuditEvent::new(action, ASSESSMENT, a.id).by(caller.user_id(), caller.org_id()).detail(detail),
        )
        .await?;
        Ok(())
    }

    /// Adds a key finding under a pillar.
    pub async fn add_assessment_finding(
        &self,
        caller: &Caller,
        id: i64,
        input: &FindingInput,
    ) -> Result<i64, AppError> {
        let (a, c) = self.open_assessment(caller, id).await?;
        let pillar = pillar(&input.pillar)?;
        let finding = text("finding", &input.finding, 3, 5000, true)?;
        let mut tx = self.store.begin_write().await?;
        let fid = tx.insert_assessment_finding(a.id, &pillar, &finding, caller.user_id().map(UserId)).await?;
        Self::audit_assessment(
            &mut tx,
            caller,
            "assessment.finding",
            &a,
            &c,
            serde_json::json!({ "finding": fid, "pillar": pillar }),
        )
        .await?;
        tx.commit().await?;
        Ok(fid)
    }

    /// Adds a recommendation with its priority (1 to 3) under a pillar.
    pub async fn add_assessment_recommendation(
        &self,
        caller: &Caller,
        id: i64,
        input: &RecommendationInput,
    ) -> Result<i64, AppError> {
        let (a, c) = self.open_assessment(caller, id).await?;
        let priority = whole("priority", &input.priority, 1, 3)?;
        let pillar = pillar(&input.pillar)?;
        let recommendation = text("recommendation", &input.recommendation, 3, 5000, true)?;
        let mut tx = self.store.begin_write().await?;
        let rid = tx
            .insert_assessment_recommendation(
                a.id,
                priority,
                &pillar,
                &recommendation,
                caller.user_id().map(UserId),
            )
            .await?;
        Self::audit_assessment(
            &mut tx,
            caller,
            "assessment.recommendation",
            &a,
            &c,
            serde_json::json!({ "recommendation": rid, "priority": priority, "pillar": pillar }),
        )
        .await?;
        tx.commit().await?;
        Ok(rid)
    }

    /// Adds one of the country's stakeholders as consulted, scored in this assessment.
    pub async fn add_assessment_stakeholder(
        &self,
        caller: &Caller,
        id: i64,
        input: &ConsultedInput,
    ) -> Result<i64, AppError> {
        let (a, c) = self.open_assessment(caller, id).await?;
        let sid = input
            .stakeholder
            .trim()
            .parse::<i64>()
            .map_err(|_| invalid("stakeholder", "choose one of the country's stakeholders"))?;
        let known = self.store.engagement_stakeholders(c.id).await?;
        if !known.iter().any(|s| s.id == sid) {
            return Err(invalid("stakeholder", format!("{sid} is not a stakeholder of {}", c.country)));
        }
        let new = NewConsulted {
            stakeholder_id: sid,
            influence: whole("influence", &input.influence, 1, 5)?,
            interest: whole("interest", &input.interest, 1, 5)?,
            note: text("note", &input.note, 0, 2000, true)?,
            created_by: caller.user_id().map(UserId),
        };
        if self.store.assessment_consulted(a.id).await?.iter().any(|k| k.stakeholder_id == sid) {
            return Err(invalid("stakeholder", "this stakeholder is already in the analysis"));
        }
        let mut tx = self.store.begin_write().await?;
        let kid = tx.insert_assessment_stakeholder(a.id, &new).await?;
        Self::audit_assessment(
            &mut tx,
            caller,
            "assessment.stakeholder",
            &a,
            &c,
            serde_json::json!({ "stakeholder": sid, "influence": new.influence, "interest": new.interest }),
        )
        .await?;
        tx.commit().await?;
        Ok(kid)
    }

    /// Moves the assessment to its next status (planned → in progress → validated), dated.
    /// Validation needs at least one finding and is refused to the person who created it.
    pub async fn move_assessment(
        &self,
        caller: &Caller,
        id: i64,
        input: &StatusInput,
    ) -> Result<i64, AppError> {
        let (a, c) = self.assessment_for(caller, id, Action::Write).await?;
        let status = one_of("status", &input.status, &STATUSES)?;
        let history = self.store.assessment_statuses(a.id).await?;
        let current = history.last().map(|s| s.status.as_str()).unwrap_or("planned");
        let expected = match current {
            "planned" => "in_progress",
            "in_progress" => "validated",
            _ => return Err(invalid("status", "the assessment is validated and no longer changes")),
        };
        if status != expected {
            return Err(invalid(
                "status",
                format!("the assessment is {current}; it can only move to {expected}"),
            ));
        }
        if status == "validated" {
            if a.created_by.map(|u| u.0) == caller.user_id() || caller.user_id().is_none() {
                return Err(AppError::Denied(
                    "an assessment is validated by someone other than the person who created it".into(),
                ));
            }
            if self.store.assessment_findings(a.id).await?.is_empty() {
                return Err(invalid("status", "an assessment is validated with at least one finding"));
            }
        }
        let on = match input.on.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) => past_date("on", s)?,
            None => today(),
        };
        if let Some(last) = history.last() {
            if date("on", &last.status_on).is_ok_and(|d| on < d) {
                return Err(invalid("on", format!("the latest status is dated {}", last.status_on)));
            }
        }
        let note = text("note", &input.note, 0, 2000, true)?;
        let mut tx = self.store.begin_write().await?;
        let sid =
            tx.insert_assessment_status(a.id, &status, &day(on), &note, caller.user_id().map(UserId)).await?;
        Self::audit_assessment(
            &mut tx,
            caller,
            "assessment.status",
            &a,
            &c,
            serde_json::json!({ "status": status, "on": day(on) }),
        )
        .await?;
        tx.commit().await?;
        Ok(sid)
    }
}
