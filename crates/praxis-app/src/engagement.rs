//! Partner countries and engagement: each country's stage (consultation → partnership →
//! ownership) with its dated history and evidence, checked by `praxis_programme::engagement`;
//! the implementation modality; focal points; stakeholders at both prongs (the permanent mission
//! in Vienna, capitals at high and technical level) with influence and interest for the
//! stakeholder analysis grid; the engagement log (meetings and decisions, with the consultative
//! missions of `missions.rs`); the communication protocol; and ownership criteria with their
//! history, from which exit readiness is read.
//!
//! A partner country is programme data ([`RecordKind::ProgrammeData`]) owned by the organisation
//! that opened it, with the country as jurisdiction: programme staff of the country and of
//! international organisations read it; programme officers (of the owning or an international
//! organisation) and the country's focal points write it. Every write is audited.

use std::collections::HashMap;

use praxis_model::{Jurisdiction, OrgId, UserId};
use praxis_programme::engagement::{Engagement, EngagementError, Stage, StageChange};
use praxis_store::{
    AuditEvent, EngagementStepRow, NewEngagementStep, NewFocalPoint, NewLogEntry, NewOwnership,
    NewPartnerCountry, NewStakeholder, OwnershipRow, PartnerCountryRow,
};
use serde::{Deserialize, Deserializer, Serialize};
use time::Date;

use crate::policy::{authorize, decide, Action, Caller, RecordKind, RecordRef};
use crate::validate::{date, invalid, text};
use crate::{App, AppError};

/// The record type under which partner countries are audited.
pub const PARTNER_COUNTRY: &str = "partner_country";

/// Implementation modalities: direct implementation by the programme, joint implementation with
/// national institutions, nationally implemented with technical support.
pub const MODALITIES: [&str; 3] = ["direct", "joint", "national"];
/// The two prongs of engagement: the permanent mission to the UN in Vienna; the capital at high
/// level (ministerial, deputy) and at technical level (anti-trafficking committees).
pub const PRONGS: [&str; 3] = ["vienna_mission", "capital_high_level", "capital_technical"];
/// What a log entry records (missions come from their own records).
pub const LOG_KINDS: [&str; 2] = ["meeting", "decision"];
/// The ownership criteria of exit readiness.
pub const CRITERIA: [&str; 4] = ["budget_line", "curriculum", "national_trainers", "national_hosting"];
/// The status of an ownership criterion.
pub const OWNERSHIP_STATUSES: [&str; 3] = ["not_started", "in_progress", "achieved"];
/// The stages, in order.
pub const STAGES: [&str; 3] = ["consultation", "partnership", "ownership"];

/// A number given as a JSON number or as text (forms send text).
pub(crate) fn number_or_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::String(s) => s,
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    })
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct NewCountryInput {
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// direct, joint, national.
    pub modality: String,
    #[serde(default)]
    pub protocol: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ProfileInput {
    pub modality: String,
    #[serde(default)]
    pub protocol: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct StepInput {
    /// consultation, partnership, ownership.
    pub stage: String,
    /// YYYY-MM-DD; default today. Not before the latest step, not in the future.
    #[serde(default)]
    pub on: Option<String>,
    /// The evidence, one item per line (or separated by `;`).
    pub evidence: String,
    /// Why, when the stage goes back.
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct FocalPointInput {
    pub person: String,
    pub institution: String,
    pub role: String,
    /// YYYY-MM-DD
    pub nominated_on: String,
    #[serde(default)]
    pub contact_protocol: String,
    /// The login name, when the focal point is also a Praxis user.
    #[serde(default)]
    pub username: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct StakeholderInput {
    pub name: String,
    #[serde(default)]
    pub institution: String,
    /// vienna_mission, capital_high_level, capital_technical.
    pub prong: String,
    /// 1 to 5.
    #[serde(deserialize_with = "number_or_text")]
    pub influence: String,
    /// 1 to 5.
    #[serde(deserialize_with = "number_or_text")]
    pub interest: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct LogInput {
    /// meeting, decision.
    pub kind: String,
    /// YYYY-MM-DD
    pub occurred_on: String,
    /// Who took part.
    pub who: String,
    /// What happened.
    pub summary: String,
    /// What was decided.
    #[serde(default)]
    pub decided: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct OwnershipInput {
    /// budget_line, curriculum, national_trainers, national_hosting.
    pub criterion: String,
    /// not_started, in_progress, achieved.
    pub status: String,
    /// YYYY-MM-DD; default today; not in the future.
    #[serde(default)]
    pub status_on: Option<String>,
    /// Required for in_progress and achieved.
    #[serde(default)]
    pub evidence: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CriterionView {
    pub criterion: String,
    pub status: String,
    /// The date of the current status (for `achieved`: since when it has been met).
    pub since: Option<String>,
    pub evidence: String,
    pub met: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExitReadiness {
    pub met: usize,
    pub total: usize,
    /// Every criterion is met.
    pub ready: bool,
    /// The criteria not met yet.
    pub missing: Vec<String>,
    pub criteria: Vec<CriterionView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CountrySummary {
    pub id: i64,
    pub country: String,
    pub country_name: String,
    /// consultation, partnership, ownership; `None` before the first step.
    pub stage: Option<String>,
    /// YYYY-MM-DD of the current stage's step.
    pub stage_since: Option<String>,
    pub modality: String,
    pub focal_points: Vec<String>,
    /// The date of the latest meeting, decision, mission or step.
    pub last_engagement: Option<String>,
    pub exit: ExitReadiness,
    pub owner_org: i64,
    pub owner_org_name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct StepView {
    pub id: i64,
    pub stage: String,
    pub on: String,
    pub evidence: Vec<String>,
    pub note: String,
    pub recorded_by: Option<String>,
    pub recorded_at: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct FocalPointView {
    pub id: i64,
    pub person: String,
    pub institution: String,
    pub role: String,
    pub nominated_on: String,
    pub contact_protocol: String,
    pub username: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StakeholderView {
    pub id: i64,
    pub name: String,
    pub institution: String,
    pub prong: String,
    pub influence: u8,
    pub interest: u8,
    pub note: String,
}

/// One line of the engagement log: a meeting, a decision, or a consultative mission.
#[derive(Debug, Clone, Serialize)]
pub struct LogItemView {
    /// meeting, decision, mission.
    pub kind: String,
    pub occurred_on: String,
    pub who: String,
    pub summary: String,
    pub decided: String,
    /// For a mission: its id, and the codes of the stakeholder groups met.
    pub mission_id: Option<i64>,
    pub groups: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MissionSummary {
    pub id: i64,
    pub title: String,
    pub start_on: String,
    pub end_on: String,
    pub place: String,
    pub in_capital: bool,
    pub groups: Vec<String>,
    pub needs: usize,
    /// Needs already turned into activities.
    pub needs_in_workplan: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct OwnershipStepView {
    pub id: i64,
    pub criterion: String,
    pub status: String,
    pub status_on: String,
    pub evidence: String,
    pub recorded_by: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CountryPermissions {
    pub write: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct CountryView {
    #[serde(flatten)]
    pub summary: CountrySummary,
    pub protocol: String,
    /// Oldest first.
    pub steps: Vec<StepView>,
    pub focal_points: Vec<FocalPointView>,
    pub stakeholders: Vec<StakeholderView>,
    /// Oldest first.
    pub log: Vec<LogItemView>,
    pub missions: Vec<MissionSummary>,
    /// Oldest first.
    pub ownership_history: Vec<OwnershipStepView>,
    /// The national assessments of the country (see `assessments.rs`), newest period first.
    pub assessments: Vec<crate::assessments::AssessmentSummary>,
    pub permissions: CountryPermissions,
}

fn one_of(field: &'static str, s: &str, allowed: &[&str]) -> Result<String, AppError> {
    let s = s.trim();
    if allowed.contains(&s) {
        Ok(s.to_owned())
    } else {
        Err(invalid(field, format!("{s:?} is not one of {}", allowed.join(", "))))
    }
}

pub(crate) fn country_code(field: &'static str, s: &str) -> Result<Jurisdiction, AppError> {
    let s = s.trim();
    let j = Jurisdiction::parse(s).map_err(|e| invalid(field, e.to_string()))?;
    if j.country() != j {
        return Err(invalid(field, format!("{s} is a subdivision; give the country ({})", j.country())));
    }
    Ok(j)
}

pub(crate) fn day(d: Date) -> String {
    d.format(time::macros::format_description!("[year]-[month]-[day]")).unwrap_or_default()
}

pub(crate) fn today() -> Date {
    time::OffsetDateTime::now_utc().date()
}

/// A date YYYY-MM-DD not in the future.
pub(crate) fn past_date(field: &'static str, s: &str) -> Result<Date, AppError> {
    let d = date(field, s)?;
    if d > today() {
        return Err(invalid(field, "cannot be in the future"));
    }
    Ok(d)
}

fn optional_date(field: &'static str, s: &Option<String>) -> Result<Date, AppError> {
    match s.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => past_date(field, s),
        None => Ok(today()),
    }
}

/// Items one per line, whether given on lines or separated by `;`.
pub(crate) fn lines(s: &str) -> Vec<String> {
    s.split(['\n', ';']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

fn score(field: &'static str, s: &str) -> Result<i64, AppError> {
    match s.trim().parse::<i64>() {
        Ok(n @ 1..=5) => Ok(n),
        _ => Err(invalid(field, format!("{:?} is not a whole number from 1 to 5", s.trim()))),
    }
}

fn engagement_error(e: EngagementError) -> AppError {
    match e {
        EngagementError::NoEvidence => invalid("evidence", e.to_string()),
        EngagementError::SameStage(_) => invalid("stage", e.to_string()),
        EngagementError::RegressionWithoutNote { .. } => invalid("note", e.to_string()),
        EngagementError::OutOfOrder { .. } => invalid("on", e.to_string()),
        EngagementError::NoRecorder => invalid("stage", e.to_string()),
    }
}

/// The engine's history, rebuilt from the stored steps in the order recorded.
fn engagement_of(country: &PartnerCountryRow, steps: &[EngagementStepRow]) -> Engagement {
    let j = Jurisdiction::parse(&country.country).unwrap_or_else(|_| Jurisdiction::parse("AQ").unwrap());
    let mut e = Engagement::new(j);
    for s in steps {
        let (Some(stage), Ok(on)) = (Stage::parse(&s.stage), date("on", &s.step_on)) else {
            tracing::warn!(step = s.id, "stored engagement step unreadable");
            continue;
        };
        let change = StageChange {
            stage,
            on,
            evidence: lines(&s.evidence),
            note: s.note.clone(),
            recorded_by: s
                .recorded_by_username
                .clone()
                .or_else(|| s.recorded_by.map(|u| format!("user {}", u.0)))
                .unwrap_or_else(|| "operator".into()),
        };
        if let Err(err) = e.record(change) {
            tracing::warn!(step = s.id, error = %err, "stored engagement step skipped");
        }
    }
    e
}

/// Each criterion's current status (its latest row) and, when met, since when it has been met
/// without interruption.
pub(crate) fn exit_readiness(history: &[OwnershipRow]) -> ExitReadiness {
    let criteria: Vec<CriterionView> = CRITERIA
        .iter()
        .map(|c| {
            let rows: Vec<&OwnershipRow> = history.iter().filter(|r| r.criterion == *c).collect();
            match rows.last() {
                None => CriterionView {
                    criterion: (*c).into(),
                    status: "not_started".into(),
                    since: None,
                    evidence: String::new(),
                    met: false,
                },
                Some(last) => {
                    let met = last.status == "achieved";
                    let since = if met {
                        rows.iter()
                            .rev()
                            .take_while(|r| r.status == "achieved")
                            .last()
                            .map(|r| r.status_on.clone())
                    } else {
                        Some(last.status_on.clone())
                    };
                    CriterionView {
                        criterion: (*c).into(),
                        status: last.status.clone(),
                        since,
                        evidence: last.evidence.clone(),
                        met,
                    }
                }
            }
        })
        .collect();
    let met = criteria.iter().filter(|c| c.met).count();
    ExitReadiness {
        met,
        total: criteria.len(),
        ready: met == criteria.len(),
        missing: criteria.iter().filter(|c| !c.met).map(|c| c.criterion.clone()).collect(),
        criteria,
    }
}

impl App {
    pub(crate) fn country_record(country: &PartnerCountryRow) -> RecordRef {
        let mut r = RecordRef::new(RecordKind::ProgrammeData, Some(country.owner_org));
        r.jurisdiction = Jurisdiction::parse(&country.country).ok();
        r
    }

    /// The partner country `code` if the caller may do `action` on it.
    pub(crate) async fn country_for(
        &self,
        caller: &Caller,
        code: &str,
        action: Action,
    ) -> Result<PartnerCountryRow, AppError> {
        let code = code.trim().to_ascii_uppercase();
        let c = self.store.partner_country(&code).await?.ok_or(AppError::NotFound("partner country"))?;
        authorize(caller, action, &Self::country_record(&c))?;
        Ok(c)
    }

    async fn country_summary(
        &self,
        c: &PartnerCountryRow,
        orgs: &HashMap<OrgId, String>,
    ) -> Result<CountrySummary, AppError> {
        let steps = self.store.engagement_steps(c.id).await?;
        let engine = engagement_of(c, &steps);
        let last_step = engine.history().last();
        let focal = self.store.focal_points(c.id).await?;
        let log = self.store.engagement_log(c.id).await?;
        let missions = self.store.country_missions(c.id).await?;
        let ownership = self.store.ownership_history(c.id).await?;
        let last_engagement = log
            .iter()
            .map(|l| l.occurred_on.clone())
            .chain(missions.iter().map(|m| m.end_on.clone()))
            .chain(engine.history().iter().map(|s| day(s.on)))
            .max();
        Ok(CountrySummary {
            id: c.id,
            country: c.country.clone(),
            country_name: Jurisdiction::parse(&c.country).map(|j| j.name()).unwrap_or_default(),
            stage: last_step.map(|s| s.stage.code().to_owned()),
            stage_since: last_step.map(|s| day(s.on)),
            modality: c.modality.clone(),
            focal_points: focal.iter().map(|f| f.person.clone()).collect(),
            last_engagement,
            exit: exit_readiness(&ownership),
            owner_org: c.owner_org.0,
            owner_org_name: orgs.get(&c.owner_org).cloned().unwrap_or_default(),
        })
    }

    /// The partner countries the caller may read, with their current stage and since when, the
    /// modality, focal points, latest engagement and exit readiness (for the country table and
    /// the programme dashboard).
    pub async fn partner_countries(&self, caller: &Caller) -> Result<Vec<CountrySummary>, AppError> {
        let orgs: HashMap<OrgId, String> =
            self.store.list_orgs().await?.into_iter().map(|o| (o.id, o.name)).collect();
        let mut out = Vec::new();
        for c in self.store.list_partner_countries().await? {
            if decide(caller, Action::Read, &Self::country_record(&c)).allowed {
                out.push(self.country_summary(&c, &orgs).await?);
            }
        }
        Ok(out)
    }

    /// Whether the caller may open a partner country (the policy decides per country).
    pub fn may_open_partner_country(&self, caller: &Caller) -> bool {
        match caller {
            Caller::Cli => false,
            Caller::User(actor) => {
                let mut r = RecordRef::new(RecordKind::ProgrammeData, Some(actor.org.id));
                r.jurisdiction = Some(actor.org.jurisdiction.country());
                decide(caller, Action::Create, &r).allowed
            }
        }
    }

    /// Opens a partner country, owned by the caller's organisation.
    pub async fn open_partner_country(
        &self,
        caller: &Caller,
        input: &NewCountryInput,
    ) -> Result<i64, AppError> {
        let Caller::User(actor) = caller else {
            return Err(AppError::Denied("partner countries are opened by a person signed in".into()));
        };
        let j = country_code("country", &input.country)?;
        let mut record = RecordRef::new(RecordKind::ProgrammeData, Some(actor.org.id));
        record.jurisdiction = Some(j.clone());
        authorize(caller, Action::Create, &record)?;
        let new = NewPartnerCountry {
            country: j.code().to_owned(),
            modality: one_of("modality", &input.modality, &MODALITIES)?,
            protocol: text("protocol", &input.protocol, 0, 5000, true)?,
            owner_org: actor.org.id,
            created_by: Some(actor.user_id),
        };
        let mut tx = self.store.begin_write().await?;
        let id = tx.insert_partner_country(&new).await?;
        tx.audit(
            AuditEvent::new("partner_country.open", PARTNER_COUNTRY, id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "country": new.country, "modality": new.modality })),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The country page: stage history, focal points, stakeholders, log (with missions),
    /// protocol, missions, ownership and exit readiness.
    pub async fn partner_country(&self, caller: &Caller, code: &str) -> Result<CountryView, AppError> {
        let c = self.country_for(caller, code, Action::Read).await?;
        let orgs: HashMap<OrgId, String> =
            self.store.list_orgs().await?.into_iter().map(|o| (o.id, o.name)).collect();
        let summary = self.country_summary(&c, &orgs).await?;
        let steps = self
            .store
            .engagement_steps(c.id)
            .await?
            .into_iter()
            .map(|s| StepView {
                id: s.id,
                stage: s.stage,
                on: s.step_on,
                evidence: lines(&s.evidence),
                note: s.note,
                recorded_by: s.recorded_by_name,
                recorded_at: s.recorded_at,
            })
            .collect();
        let focal_points = self
            .store
            .focal_points(c.id)
            .await?
            .into_iter()
            .map(|f| FocalPointView {
                id: f.id,
                person: f.person,
                institution: f.institution,
                role: f.role,
                nominated_on: f.nominated_on,
                contact_protocol: f.contact_protocol,
                username: f.username,
            })
            .collect();
        let stakeholders = self
            .store
            .engagement_stakeholders(c.id)
            .await?
            .into_iter()
            .map(|s| StakeholderView {
                id: s.id,
                name: s.name,
                institution: s.institution,
                prong: s.prong,
                influence: s.influence.clamp(1, 5) as u8,
                interest: s.interest.clamp(1, 5) as u8,
                note: s.note,
            })
            .collect();
        let mission_rows = self.store.country_missions(c.id).await?;
        let mut missions = Vec::new();
        let mut log: Vec<LogItemView> = self
            .store
            .engagement_log(c.id)
            .await?
            .into_iter()
            .map(|l| LogItemView {
                kind: l.kind,
                occurred_on: l.occurred_on,
                who: l.who,
                summary: l.summary,
                decided: l.decided,
                mission_id: None,
                groups: Vec::new(),
            })
            .collect();
        for m in mission_rows {
            let needs = self.store.mission_needs(m.id).await?;
            log.push(LogItemView {
                kind: "mission".into(),
                occurred_on: m.start_on.clone(),
                who: m.place.clone(),
                summary: m.title.clone(),
                decided: String::new(),
                mission_id: Some(m.id),
                groups: m.groups_met.split_whitespace().map(str::to_owned).collect(),
            });
            missions.push(MissionSummary {
                id: m.id,
                title: m.title,
                start_on: m.start_on,
                end_on: m.end_on,
                place: m.place,
                in_capital: m.in_capital,
                groups: m.groups_met.split_whitespace().map(str::to_owned).collect(),
                needs: needs.len(),
                needs_in_workplan: needs.iter().filter(|n| n.activity_id.is_some()).count(),
            });
        }
        log.sort_by(|a, b| a.occurred_on.cmp(&b.occurred_on));
        let ownership_history = self
            .store
            .ownership_history(c.id)
            .await?
            .into_iter()
            .map(|o| OwnershipStepView {
                id: o.id,
                criterion: o.criterion,
                status: o.status,
                status_on: o.status_on,
                evidence: o.evidence,
                recorded_by: o.recorded_by_name,
            })
            .collect();
        Ok(CountryView {
            summary,
            protocol: c.protocol.clone(),
            steps,
            focal_points,
            stakeholders,
            log,
            missions,
            ownership_history,
            assessments: self.assessments(caller, Some(&c.country)).await?,
            permissions: CountryPermissions {
                write: decide(caller, Action::Write, &Self::country_record(&c)).allowed,
            },
        })
    }

    async fn audit_country(
        tx: &mut praxis_store::WriteTx,
        caller: &Caller,
        action: &str,
        c: &PartnerCountryRow,
        detail: serde_json::Value,
    ) -> Result<(), AppError> {
        let mut detail = detail;
        detail["country"] = serde_json::Value::String(c.country.clone());
        tx.audit(
            AuditEvent::new(action, PARTNER_COUNTRY, c.id)
                .by(caller.user_id(), caller.org_id())
                .detail(detail),
        )
        .await?;
        Ok(())
    }

    /// Changes the implementation modality and the communication protocol.
    pub async fn set_country_profile(
        &self,
        caller: &Caller,
        code: &str,
        input: &ProfileInput,
    ) -> Result<(), AppError> {
        let c = self.country_for(caller, code, Action::Write).await?;
        let modality = one_of("modality", &input.modality, &MODALITIES)?;
        let protocol = text("protocol", &input.protocol, 0, 5000, true)?;
        let mut tx = self.store.begin_write().await?;
        tx.update_partner_country(c.id, &modality, &protocol).await?;
        Self::audit_country(
            &mut tx,
            caller,
            "partner_country.profile",
            &c,
            serde_json::json!({ "modality": modality, "protocol_changed": protocol != c.protocol }),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records a step of the engagement stage; the engine refuses a step without evidence, the
    /// current stage again, a date before the latest step, or a step back without a note.
    pub async fn record_engagement_step(
        &self,
        caller: &Caller,
        code: &str,
        input: &StepInput,
    ) -> Result<i64, AppError> {
        let c = self.country_for(caller, code, Action::Write).await?;
        let stage = Stage::parse(input.stage.trim()).ok_or_else(|| {
            invalid("stage", format!("{:?} is not one of {}", input.stage.trim(), STAGES.join(", ")))
        })?;
        let on = optional_date("on", &input.on)?;
        let evidence_text = text("evidence", &input.evidence, 0, 5000, true)?;
        let evidence = lines(&evidence_text);
        let note = text("note", &input.note, 0, 2000, true)?;
        let by = match caller {
            Caller::User(a) => a.username.clone(),
            Caller::Cli => "operator".into(),
        };
        let steps = self.store.engagement_steps(c.id).await?;
        let mut engine = engagement_of(&c, &steps);
        engine
            .record(StageChange {
                stage,
                on,
                evidence: evidence.clone(),
                note: note.clone(),
                recorded_by: by,
            })
            .map_err(engagement_error)?;
        let new = NewEngagementStep {
            stage: stage.code().to_owned(),
            step_on: day(on),
            evidence: evidence.join("\n"),
            note,
            recorded_by: caller.user_id().map(UserId),
        };
        let mut tx = self.store.begin_write().await?;
        let id = tx.insert_engagement_step(c.id, &new).await?;
        Self::audit_country(
            &mut tx,
            caller,
            "partner_country.stage",
            &c,
            serde_json::json!({ "step": id, "stage": new.stage, "on": new.step_on }),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Adds a focal point nominated by the country.
    pub async fn add_focal_point(
        &self,
        caller: &Caller,
        code: &str,
        input: &FocalPointInput,
    ) -> Result<i64, AppError> {
        let c = self.country_for(caller, code, Action::Write).await?;
        let person = text("person", &input.person, 2, 200, false)?;
        let institution = text("institution", &input.institution, 2, 200, false)?;
        let role = text("role", &input.role, 2, 200, false)?;
        let nominated_on = day(past_date("nominated_on", &input.nominated_on)?);
        let contact_protocol = text("contact_protocol", &input.contact_protocol, 0, 2000, true)?;
        let user_id = match input.username.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(u) => {
                let user = self
                    .store
                    .get_user_by_username(u)
                    .await?
                    .ok_or_else(|| invalid("username", format!("no Praxis user is called {u:?}")))?;
                let org = self.store.get_org(user.org_id).await?;
                let same_country = org.is_some_and(|o| o.jurisdiction.country().code() == c.country);
                if !same_country {
                    return Err(invalid(
                        "username",
                        format!("{u} does not belong to an organisation of {}", c.country),
                    ));
                }
                Some(user.id)
            }
        };
        let new = NewFocalPoint {
            person,
            institution,
            role,
            nominated_on,
            contact_protocol,
            user_id,
            created_by: caller.user_id().map(UserId),
        };
        let mut tx = self.store.begin_write().await?;
        let id = tx.insert_focal_point(c.id, &new).await?;
        Self::audit_country(
            &mut tx,
            caller,
            "partner_country.focal_point",
            &c,
            serde_json::json!({ "focal_point": id, "user": new.user_id.map(|u| u.0) }),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Adds a stakeholder at one of the prongs, with influence and interest (1 to 5).
    pub async fn add_stakeholder(
        &self,
        caller: &Caller,
        code: &str,
        input: &StakeholderInput,
    ) -> Result<i64, AppError> {
        let c = self.country_for(caller, code, Action::Write).await?;
        let new = NewStakeholder {
            name: text("name", &input.name, 2, 200, false)?,
            institution: text("institution", &input.institution, 0, 200, false)?,
            prong: one_of("prong", &input.prong, &PRONGS)?,
            influence: score("influence", &input.influence)?,
            interest: score("interest", &input.interest)?,
            note: text("note", &input.note, 0, 2000, true)?,
            created_by: caller.user_id().map(UserId),
        };
        let mut tx = self.store.begin_write().await?;
        let id = tx.insert_engagement_stakeholder(c.id, &new).await?;
        Self::audit_country(
            &mut tx,
            caller,
            "partner_country.stakeholder",
            &c,
            serde_json::json!({ "stakeholder": id, "prong": new.prong }),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Adds a meeting or a decision to the engagement log.
    pub async fn add_engagement_log(
        &self,
        caller: &Caller,
        code: &str,
        input: &LogInput,
    ) -> Result<i64, AppError> {
        let c = self.country_for(caller, code, Action::Write).await?;
        let new = NewLogEntry {
            kind: one_of("kind", &input.kind, &LOG_KINDS)?,
            occurred_on: day(past_date("occurred_on", &input.occurred_on)?),
            who: text("who", &input.who, 2, 1000, true)?,
            summary: text("summary", &input.summary, 2, 5000, true)?,
            decided: text("decided", &input.decided, 0, 5000, true)?,
            created_by: caller.user_id().map(UserId),
        };
        if new.kind == "decision" && new.decided.is_empty() {
            return Err(invalid("decided", "a decision says what was decided"));
        }
        let mut tx = self.store.begin_write().await?;
        let id = tx.insert_engagement_log(c.id, &new).await?;
        Self::audit_country(
            &mut tx,
            caller,
            "partner_country.log",
            &c,
            serde_json::json!({ "entry": id, "kind": new.kind, "on": new.occurred_on }),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Records the status of an ownership criterion; earlier statuses stay in its history.
    pub async fn record_ownership(
        &self,
        caller: &Caller,
        code: &str,
        input: &OwnershipInput,
    ) -> Result<i64, AppError> {
        let c = self.country_for(caller, code, Action::Write).await?;
        let criterion = one_of("criterion", &input.criterion, &CRITERIA)?;
        let status = one_of("status", &input.status, &OWNERSHIP_STATUSES)?;
        let status_on = optional_date("status_on", &input.status_on)?;
        let evidence = text("evidence", &input.evidence, 0, 2000, true)?;
        if status != "not_started" && evidence.is_empty() {
            return Err(invalid("evidence", "a criterion in progress or achieved needs its evidence"));
        }
        let history = self.store.ownership_history(c.id).await?;
        if let Some(last) = history.iter().rev().find(|r| r.criterion == criterion) {
            if date("status_on", &last.status_on).is_ok_and(|d| status_on < d) {
                return Err(invalid(
                    "status_on",
                    format!("the latest status of this criterion is dated {}", last.status_on),
                ));
            }
        }
        let new = NewOwnership {
            criterion,
            status,
            status_on: day(status_on),
            evidence,
            recorded_by: caller.user_id().map(UserId),
        };
        let mut tx = self.store.begin_write().await?;
        let id = tx.insert_ownership_status(c.id, &new).await?;
        Self::audit_country(
            &mut tx,
            caller,
            "partner_country.ownership",
            &c,
            serde_json::json!({ "criterion": new.criterion, "status": new.status, "on": new.status_on }),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }
}
