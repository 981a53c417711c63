//! Consultative missions to a partner country: dates and place (in the capital or not), the
//! stakeholder groups met, findings, and the prioritised needs found. A need can be turned into
//! a workplan activity (through the checks of `create_programme_activity`); the activity and
//! the link need → activity are written in one transaction, and the link is shown both ways.
//!
//! A mission is part of its country's engagement data (see `engagement.rs`): the same people
//! read and write it; turning a need into an activity also needs the right to create activities.

use praxis_model::{Jurisdiction, UserId};
use praxis_programme::pillars::Pillar;
use praxis_store::{AuditEvent, MissionRow, NewMission, NewNeed};
use serde::{Deserialize, Serialize};

use crate::engagement::{country_code, day, lines, number_or_text};
use crate::indicators::NewActivityInput;
use crate::policy::{authorize, decide, Action, Caller};
use crate::validate::{date, invalid, text};
use crate::{App, AppError};

/// The record type under which missions are audited.
pub const MISSION: &str = "consultative_mission";

/// The stakeholder groups a mission meets.
pub const GROUPS: [&str; 8] = [
    "senior_officials",
    "law_enforcement",
    "prosecution",
    "judiciary",
    "military",
    "parliamentarians",
    "civil_society",
    "international_partners",
];

/// The pillar codes a need may name, in the programme document's order.
pub fn pillar_codes() -> Vec<&'static str> {
    Pillar::ALL.iter().map(|p| p.code()).collect()
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct MissionInput {
    /// ISO 3166-1 alpha-2 of a partner country.
    pub country: String,
    pub title: String,
    /// YYYY-MM-DD
    pub start_on: String,
    /// YYYY-MM-DD, not before the start.
    pub end_on: String,
    pub place: String,
    #[serde(default)]
    pub in_capital: bool,
    /// Codes of the stakeholder groups met (at least one).
    #[serde(default)]
    pub groups: Vec<String>,
    #[serde(default)]
    pub findings: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct NeedInput {
    /// 1 (highest) to 9.
    #[serde(deserialize_with = "number_or_text")]
    pub priority: String,
    /// A pillar code.
    pub pillar: String,
    pub need: String,
}

/// The activity a need becomes: what is not given is taken from the need and its mission (title,
/// description, the country, the pillar as tag).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct NeedActivityInput {
    pub identifier: String,
    pub reporting_org: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// YYYY-MM-DD
    pub start_on: String,
    #[serde(default)]
    pub end_on: Option<String>,
    #[serde(default)]
    pub budget: Option<String>,
    #[serde(default)]
    pub currency: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActivityLink {
    pub id: i64,
    pub identifier: String,
    pub title: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NeedView {
    pub id: i64,
    pub priority: i64,
    pub pillar: String,
    pub need: String,
    /// The activity the need became.
    pub activity: Option<ActivityLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MissionPermissions {
    pub write: bool,
    /// May turn a need into an activity.
    pub make_activity: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct MissionView {
    pub id: i64,
    pub country: String,
    pub country_name: String,
    pub title: String,
    pub start_on: String,
    pub end_on: String,
    pub place: String,
    pub in_capital: bool,
    pub groups: Vec<String>,
    pub findings: String,
    /// By priority.
    pub needs: Vec<NeedView>,
    pub permissions: MissionPermissions,
}

/// Where an activity came from: a need found by a mission.
#[derive(Debug, Clone, Serialize)]
pub struct NeedOrigin {
    pub mission_id: i64,
    pub mission_title: String,
    pub country: String,
    pub need_id: i64,
    pub need: String,
}

fn groups(codes: &[String]) -> Result<String, AppError> {
    let mut out: Vec<&str> = Vec::new();
    for c in codes.iter().flat_map(|c| c.split([' ', ','])).map(str::trim).filter(|c| !c.is_empty()) {
        let Some(g) = GROUPS.iter().find(|g| **g == c) else {
            return Err(invalid("groups", format!("{c:?} is not one of {}", GROUPS.join(", "))));
        };
        if !out.contains(g) {
            out.push(g);
        }
    }
    if out.is_empty() {
        return Err(invalid("groups", "name at least one stakeholder group met"));
    }
    out.sort_by_key(|g| GROUPS.iter().position(|x| x == g));
    Ok(out.join(" "))
}

impl App {
    async fn mission_for(
        &self,
        caller: &Caller,
        id: i64,
        action: Action,
    ) -> Result<(MissionRow, praxis_store::PartnerCountryRow), AppError> {
        let m = self.store.get_mission(id).await?.ok_or(AppError::NotFound("mission"))?;
        let c = self
            .store
            .partner_country_by_id(m.country_id)
            .await?
            .ok_or(AppError::NotFound("partner country"))?;
        authorize(caller, action, &Self::country_record(&c))?;
        Ok((m, c))
    }

    /// Records a consultative mission to a partner country (it appears in the country's log).
    pub async fn create_mission(&self, caller: &Caller, input: &MissionInput) -> Result<i64, AppError> {
        let j = country_code("country", &input.country)?;
        let c = self.country_for(caller, j.code(), Action::Write).await?;
        let title = text("title", &input.title, 3, 200, false)?;
        let start = date("start_on", &input.start_on)?;
        let end = date("end_on", &input.end_on)?;
        if end < start {
            return Err(invalid("end_on", "the end is before the start"));
        }
        let new = NewMission {
            title,
            start_on: day(start),
            end_on: day(end),
            place: text("place", &input.place, 2, 200, false)?,
            in_capital: input.in_capital,
            groups_met: groups(&input.groups)?,
            findings: text("findings", &input.findings, 0, 20000, true)?,
            created_by: caller.user_id().map(UserId),
        };
        let mut tx = self.store.begin_write().await?;
        let id = tx.insert_mission(c.id, &new).await?;
        tx.audit(
            AuditEvent::new("mission.create", MISSION, id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "country": c.country, "start_on": new.start_on })),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// A mission with its needs and the activities they became.
    pub async fn mission(&self, caller: &Caller, id: i64) -> Result<MissionView, AppError> {
        let (m, c) = self.mission_for(caller, id, Action::Read).await?;
        let mut needs = Vec::new();
        for n in self.store.mission_needs(m.id).await? {
            let activity = match n.activity_id {
                Some(a) => self.store.get_programme_activity(a).await?.map(|a| ActivityLink {
                    id: a.id,
                    identifier: a.identifier,
                    title: a.title,
                }),
                None => None,
            };
            needs.push(NeedView { id: n.id, priority: n.priority, pillar: n.pillar, need: n.need, activity });
        }
        let record = Self::country_record(&c);
        let write = decide(caller, Action::Write, &record).allowed;
        let mut create = record.clone();
        if let Caller::User(a) = caller {
            create.owner_org = Some(a.org.id);
        }
        Ok(MissionView {
            id: m.id,
            country: c.country.clone(),
            country_name: Jurisdiction::parse(&c.country).map(|j| j.name()).unwrap_or_default(),
            title: m.title,
            start_on: m.start_on,
            end_on: m.end_on,
            place: m.place,
            in_capital: m.in_capital,
            groups: m.groups_met.split_whitespace().map(str::to_owned).collect(),
            findings: m.findings,
            needs,
            permissions: MissionPermissions {
                write,
                make_activity: write && decide(caller, Action::Create, &create).allowed,
            },
        })
    }

    /// Adds a prioritised need found by the mission.
    pub async fn add_mission_need(
        &self,
        caller: &Caller,
        id: i64,
        input: &NeedInput,
    ) -> Result<i64, AppError> {
        let (m, c) = self.mission_for(caller, id, Action::Write).await?;
        let priority = match input.priority.trim().parse::<i64>() {
            Ok(n @ 1..=9) => n,
            _ => {
                return Err(invalid(
                    "priority",
                    format!("{:?} is not a whole number from 1 to 9", input.priority.trim()),
                ))
            }
        };
        let pillar = Pillar::parse(input.pillar.trim()).ok_or_else(|| {
            invalid(
                "pillar",
                format!(
                    "{:?} is not one of {}",
                    input.pillar.trim(),
                    Pillar::ALL.iter().map(|p| p.code()).collect::<Vec<_>>().join(", ")
                ),
            )
        })?;
        let new = NewNeed {
            priority,
            pillar: pillar.code().to_owned(),
            need: text("need", &input.need, 3, 2000, true)?,
            created_by: caller.user_id().map(UserId),
        };
        let mut tx = self.store.begin_write().await?;
        let nid = tx.insert_mission_need(m.id, &new).await?;
        tx.audit(
            AuditEvent::new("mission.need", MISSION, m.id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "country": c.country, "need": nid, "priority": priority, "pillar": new.pillar })),
        )
        .await?;
        tx.commit().await?;
        Ok(nid)
    }

    /// Turns a need into a programme activity of the mission's country, and links them. Refused
    /// when the need already became an activity.
    pub async fn make_activity_from_need(
        &self,
        caller: &Caller,
        mission_id: i64,
        need_id: i64,
        input: &NeedActivityInput,
    ) -> Result<i64, AppError> {
        let (m, c) = self.mission_for(caller, mission_id, Action::Write).await?;
        let need = self
            .store
            .get_mission_need(need_id)
            .await?
            .filter(|n| n.mission_id == m.id)
            .ok_or(AppError::NotFound("need"))?;
        if need.activity_id.is_some() {
            return Err(AppError::Conflict("an activity made of this need"));
        }
        let first_line = lines(&need.need).into_iter().next().unwrap_or_default();
        let title = if input.title.trim().is_empty() {
            first_line.chars().take(200).collect::<String>()
        } else {
            input.title.clone()
        };
        let description = if input.description.trim().is_empty() {
            format!(
                "Need found by the mission \"{}\" ({} to {}): {}",
                m.title, m.start_on, m.end_on, need.need
            )
        } else {
            input.description.clone()
        };
        let activity = NewActivityInput {
            identifier: input.identifier.clone(),
            reporting_org: input.reporting_org.clone(),
            title,
            description,
            country: Some(c.country.clone()),
            start_on: input.start_on.clone(),
            end_on: input.end_on.clone(),
            status: Some("pipeline".into()),
            budget: input.budget.clone(),
            currency: input.currency.clone(),
            tags: need.pillar.clone(),
            ..Default::default()
        };
        let new = self.programme_activity_input(caller, &activity).await?;
        let mut tx = self.store.begin_write().await?;
        let aid = Self::insert_programme_activity_audited(&mut tx, caller, &new).await?;
        if !tx.link_need_activity(need.id, aid).await? {
            return Err(AppError::Conflict("an activity made of this need"));
        }
        tx.audit(
            AuditEvent::new("mission.need_activity", MISSION, m.id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "country": c.country, "need": need.id, "activity": aid })),
        )
        .await?;
        tx.commit().await?;
        Ok(aid)
    }

    /// The needs an activity was made from, with their missions (those the caller may read).
    pub async fn activity_origins(
        &self,
        caller: &Caller,
        activity_id: i64,
    ) -> Result<Vec<NeedOrigin>, AppError> {
        let mut out = Vec::new();
        for n in self.store.needs_of_activity(activity_id).await? {
            let Ok((m, c)) = self.mission_for(caller, n.mission_id, Action::Read).await else { continue };
            out.push(NeedOrigin {
                mission_id: m.id,
                mission_title: m.title,
                country: c.country,
                need_id: n.id,
                need: n.need,
            });
        }
        Ok(out)
    }
}
