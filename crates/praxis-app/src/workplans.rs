//! Workplans: a country's (or the region's) programme activities for a period, each linked to a
//! theory-of-change output (the node id as text, `O3.1`: the theories of change are kept
//! elsewhere) and to pillars, with the responsible organisation, dates, an exact budget, a status
//! and a location (country, ISO 3166-2 area, place; capital or not; conflict-affected or not).
//! The activity is the `programme_activity` of the indicators (IATI), extended; its location is
//! checked by the engine (`praxis_programme::workplan::Location`).
//!
//! Also the gender and human-rights mainstreaming checklist: the programme's toolkit questions
//! as a versioned list (programme officers of an international organisation publish a new
//! version; a version is never changed), and the answers per activity (yes, no, partly, with a
//! note), each keeping the version it answered.
//!
//! Workplans are programme data ([`RecordKind::ProgrammeData`]) of their country (none for the
//! region): read by programme staff of the country and of international organisations, written
//! by programme officers (owning or international organisation) and the country's focal points.
//! Every write is audited; validation happens before the write transaction opens.

use std::collections::{BTreeMap, HashMap};

use praxis_model::{Jurisdiction, OrgId};
use praxis_programme::money::{Currency, Money};
use praxis_programme::toc::NodeId;
use praxis_programme::workplan::Location;
use praxis_store::{ActivityRow, AuditEvent, NewChecklistAnswer, NewWorkplan, WorkplanRow};
use serde::{Deserialize, Serialize};

use crate::indicators::{
    country, country_name, day, invalid, nonempty, parse_date, stored_date, text, today, ActivityView,
};
use crate::policy::{authorize, decide, Action, Caller, RecordKind, RecordRef};
use crate::{App, AppError};

/// The record types under which writes are audited.
pub const WORKPLAN: &str = "workplan";
pub const CHECKLIST: &str = "mainstreaming_checklist";
/// The answers to a checklist question.
pub const ANSWERS: [&str; 3] = ["yes", "partly", "no"];

/// The workplan part of an activity: where it belongs and where it happens.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct LocationInput {
    /// The workplan it belongs to.
    #[serde(default)]
    pub workplan: Option<i64>,
    /// The theory-of-change output it delivers, as the node id (`O3.1`).
    #[serde(default)]
    pub output: String,
    #[serde(default)]
    pub responsible_org: String,
    /// ISO 3166-2 subdivision of the activity's country (`PK-KP`).
    #[serde(default)]
    pub area: Option<String>,
    /// A place below the subdivision (district, town).
    #[serde(default)]
    pub place: String,
    /// In the capital or not; `None`: not recorded.
    #[serde(default)]
    pub capital: Option<bool>,
    #[serde(default)]
    pub conflict_affected: bool,
}

/// The checked workplan part of an activity, ready to store.
pub(crate) struct Plan {
    pub workplan: Option<i64>,
    pub output: String,
    pub responsible_org: String,
    pub area: Option<String>,
    pub place: String,
    pub capital: Option<bool>,
    pub conflict_affected: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct NewWorkplanInput {
    /// ISO 3166-1 alpha-2; empty for the regional workplan.
    #[serde(default)]
    pub country: Option<String>,
    pub title: String,
    /// YYYY-MM-DD, first day.
    pub start_on: String,
    /// YYYY-MM-DD, the day after the last (`[start_on, end_on)`).
    pub end_on: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ChecklistInput {
    /// One question per line.
    pub questions: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ChecklistAnswerInput {
    /// 1-based number of the question in `version`.
    pub question: u32,
    /// yes, partly, no.
    pub answer: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ChecklistAnswersInput {
    /// The checklist version the answers are given against.
    pub version: u32,
    pub answers: Vec<ChecklistAnswerInput>,
}

/// A total per currency, exact: decimal text and minor units.
#[derive(Debug, Clone, Serialize)]
pub struct MoneyView {
    pub currency: String,
    pub amount: String,
    pub minor: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct WorkplanSummary {
    pub id: i64,
    pub country: Option<String>,
    pub country_name: Option<String>,
    pub title: String,
    pub start_on: String,
    pub end_on: String,
    pub last_day: String,
    pub owner_org_name: String,
    pub activities: usize,
    /// The budget of the activities not cancelled, per currency.
    pub budget: Vec<MoneyView>,
    /// Of it, outside capitals and in conflict-affected areas.
    pub budget_outside_capital: Vec<MoneyView>,
    pub budget_in_conflict_areas: Vec<MoneyView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct WorkplanView {
    pub summary: WorkplanSummary,
    /// Its activities the caller may read, by start.
    pub activities: Vec<ActivityView>,
    /// The caller may add activities to it.
    pub may_write: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct WorkplanList {
    pub workplans: Vec<WorkplanSummary>,
    /// Every activity of those workplans the caller may read (for the Gantt view).
    pub activities: Vec<ActivityView>,
    pub may_create: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChecklistVersionView {
    pub version: u32,
    pub questions: Vec<String>,
    pub created_by: Option<String>,
    pub created_at: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct MainstreamingView {
    /// Every version, newest first.
    pub versions: Vec<ChecklistVersionView>,
    /// The caller may publish a new version.
    pub may_edit: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct AnsweredQuestion {
    pub number: u32,
    pub question: String,
    /// The latest answer to it under this version.
    pub answer: Option<String>,
    pub note: String,
    pub answered_by: Option<String>,
    pub answered_at: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AnsweredChecklist {
    pub version: u32,
    /// The version officers now answer.
    pub current: bool,
    pub questions: Vec<AnsweredQuestion>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActivityDetail {
    pub activity: ActivityView,
    pub workplan: Option<WorkplanSummary>,
    /// The current checklist with this activity's answers, then any older version it was
    /// answered against.
    pub checklist: Vec<AnsweredChecklist>,
    pub trainings: Vec<crate::trainings::TrainingSummary>,
    pub may_write: bool,
}

/// Totals per currency of activities not cancelled.
fn totals<'a>(items: impl Iterator<Item = &'a ActivityRow>) -> Vec<MoneyView> {
    let mut t: BTreeMap<String, i64> = BTreeMap::new();
    for a in items.filter(|a| a.status != "cancelled") {
        if let (Some(m), Some(c)) = (a.budget_minor, &a.currency) {
            *t.entry(c.clone()).or_default() += m;
        }
    }
    t.into_iter()
        .map(|(c, minor)| MoneyView {
            amount: Currency::parse(&c).map(|cur| Money::new(minor, cur).decimal()).unwrap_or_default(),
            currency: c,
            minor,
        })
        .collect()
}

fn questions_of(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

impl App {
    fn workplan_record(w: &WorkplanRow) -> RecordRef {
        Self::programme_record(w.owner_org, w.country.as_deref())
    }

    /// Checks the workplan part of a new activity of `country` (none: regional): the workplan
    /// exists, the caller may write it and it is of the same country (a regional workplan takes
    /// any); the output is a node id; the location passes the engine's checks.
    pub(crate) async fn activity_plan(
        &self,
        caller: &Caller,
        country: Option<&Jurisdiction>,
        input: &LocationInput,
    ) -> Result<Plan, AppError> {
        if let Some(wid) = input.workplan {
            let w =
                self.store.get_workplan(wid).await?.ok_or_else(|| invalid("workplan", "no such workplan"))?;
            authorize(caller, Action::Write, &Self::workplan_record(&w))?;
            if let Some(wc) = &w.country {
                if country.map(|c| c.code()) != Some(wc.as_str()) {
                    return Err(invalid("country", format!("the workplan is for {wc}: give that country")));
                }
            }
        }
        let output = input.output.trim();
        if !output.is_empty() {
            NodeId::parse(output).map_err(|e| invalid("output", e.to_string()))?;
        }
        let responsible_org = if input.responsible_org.trim().is_empty() {
            String::new()
        } else {
            text("responsible_org", &input.responsible_org, 2, 200, false)?
        };
        let place = if input.place.trim().is_empty() {
            String::new()
        } else {
            text("place", &input.place, 2, 200, false)?
        };
        let area = match nonempty(&input.area) {
            None => None,
            Some(a) => Some(Jurisdiction::parse(a).map_err(|e| invalid("area", e.to_string()))?),
        };
        match country {
            Some(c) => {
                Location::new(
                    c.clone(),
                    area.clone(),
                    Some(&place),
                    input.capital.unwrap_or(false),
                    input.conflict_affected,
                )
                .map_err(|e| invalid("area", e.to_string()))?;
            }
            None if area.is_some() => {
                return Err(invalid("area", "a regional activity has no sub-national area; give its country"))
            }
            None => {}
        }
        Ok(Plan {
            workplan: input.workplan,
            output: output.to_owned(),
            responsible_org,
            area: area.map(|a| a.code().to_owned()),
            place,
            capital: input.capital,
            conflict_affected: input.conflict_affected,
        })
    }

    fn workplan_summary(
        w: &WorkplanRow,
        acts: &[&ActivityRow],
        orgs: &HashMap<OrgId, String>,
    ) -> WorkplanSummary {
        WorkplanSummary {
            id: w.id,
            country: w.country.clone(),
            country_name: country_name(&w.country),
            title: w.title.clone(),
            start_on: w.start_on.clone(),
            end_on: w.end_on.clone(),
            last_day: stored_date(&w.end_on).previous_day().map(day).unwrap_or_default(),
            owner_org_name: orgs.get(&w.owner_org).cloned().unwrap_or_default(),
            activities: acts.len(),
            budget: totals(acts.iter().copied()),
            budget_outside_capital: totals(acts.iter().copied().filter(|a| a.capital == Some(false))),
            budget_in_conflict_areas: totals(acts.iter().copied().filter(|a| a.conflict_affected)),
        }
    }

    /// Whether the caller may create workplans (a programme officer).
    pub fn may_create_workplan(&self, caller: &Caller) -> bool {
        self.may_create_indicator(caller)
    }

    /// The workplans the caller may read with their activities (for the Gantt view), filtered
    /// by country (`regional` for the region's).
    pub async fn workplans(
        &self,
        caller: &Caller,
        country_filter: Option<&str>,
    ) -> Result<WorkplanList, AppError> {
        let wanted = match country_filter.map(str::trim).filter(|s| !s.is_empty()) {
            Some("regional") => Some(None),
            Some(c) => Some(country("country", Some(c))?.map(|j| j.code().to_owned())),
            None => None,
        };
        let orgs = self.names_of_orgs().await?;
        let all = self.store.list_programme_activities().await?;
        let mut workplans = Vec::new();
        let mut activities = Vec::new();
        for w in self.store.list_workplans().await? {
            if !decide(caller, Action::Read, &Self::workplan_record(&w)).allowed {
                continue;
            }
            if wanted.as_ref().is_some_and(|c| *c != w.country) {
                continue;
            }
            let mut acts: Vec<&ActivityRow> = all
                .iter()
                .filter(|a| a.workplan_id == Some(w.id))
                .filter(|a| {
                    decide(caller, Action::Read, &Self::programme_record(a.owner_org, a.country.as_deref()))
                        .allowed
                })
                .collect();
            acts.sort_by(|a, b| a.start_on.cmp(&b.start_on).then(a.identifier.cmp(&b.identifier)));
            workplans.push(Self::workplan_summary(&w, &acts, &orgs));
            activities.extend(acts.iter().map(|a| Self::activity_view(a, &orgs, 0)));
        }
        Ok(WorkplanList { workplans, activities, may_create: self.may_create_workplan(caller) })
    }

    /// One workplan with its activities.
    pub async fn workplan(&self, caller: &Caller, id: i64) -> Result<WorkplanView, AppError> {
        let w = self.store.get_workplan(id).await?.ok_or(AppError::NotFound("workplan"))?;
        let record = Self::workplan_record(&w);
        authorize(caller, Action::Read, &record)?;
        let orgs = self.names_of_orgs().await?;
        let all = self.store.list_programme_activities().await?;
        let mut acts: Vec<&ActivityRow> = all
            .iter()
            .filter(|a| a.workplan_id == Some(w.id))
            .filter(|a| {
                decide(caller, Action::Read, &Self::programme_record(a.owner_org, a.country.as_deref()))
                    .allowed
            })
            .collect();
        acts.sort_by(|a, b| a.start_on.cmp(&b.start_on).then(a.identifier.cmp(&b.identifier)));
        Ok(WorkplanView {
            summary: Self::workplan_summary(&w, &acts, &orgs),
            activities: acts.iter().map(|a| Self::activity_view(a, &orgs, 0)).collect(),
            may_write: matches!(caller, Caller::User(_)) && decide(caller, Action::Write, &record).allowed,
        })
    }

    /// Creates a workplan owned by the caller's organisation.
    pub async fn create_workplan(&self, caller: &Caller, input: &NewWorkplanInput) -> Result<i64, AppError> {
        let Caller::User(actor) = caller else {
            return Err(AppError::Denied("workplans are created by a person signed in".into()));
        };
        let c = country("country", nonempty(&input.country))?;
        let record = Self::programme_record(actor.org.id, c.as_ref().map(|c| c.code()));
        authorize(caller, Action::Create, &record)?;
        let title = text("title", &input.title, 3, 200, false)?;
        let start = parse_date("start_on", &input.start_on)?;
        let end = parse_date("end_on", &input.end_on)?;
        if end <= start {
            return Err(invalid("end_on", "the end (the day after the last) must come after the start"));
        }
        let new = NewWorkplan {
            country: c.map(|c| c.code().to_owned()),
            title,
            start_on: day(start),
            end_on: day(end),
            owner_org: actor.org.id,
            created_by: Some(actor.user_id),
        };
        let mut tx = self.store.begin_write().await?;
        let id = tx.insert_workplan(&new).await?;
        tx.audit(
            AuditEvent::new("workplan.create", WORKPLAN, id).by(caller.user_id(), caller.org_id()).detail(
                serde_json::json!({ "country": new.country, "start_on": new.start_on, "end_on": new.end_on }),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// An activity with its workplan, its trainings and its mainstreaming checklist.
    pub async fn programme_activity(&self, caller: &Caller, id: i64) -> Result<ActivityDetail, AppError> {
        let a =
            self.store.get_programme_activity(id).await?.ok_or(AppError::NotFound("programme activity"))?;
        let record = Self::programme_record(a.owner_org, a.country.as_deref());
        authorize(caller, Action::Read, &record)?;
        let orgs = self.names_of_orgs().await?;
        let workplan = match a.workplan_id {
            Some(w) => self.store.get_workplan(w).await?.map(|w| {
                let summary = Self::workplan_summary(&w, &[], &orgs);
                WorkplanSummary { activities: 0, ..summary }
            }),
            None => None,
        };
        let checklist = self.answered_checklists(a.id).await?;
        let trainings = self.trainings_of_activity(caller, &a).await?;
        Ok(ActivityDetail {
            activity: Self::activity_view(&a, &orgs, 0),
            workplan,
            checklist,
            trainings,
            may_write: matches!(caller, Caller::User(_)) && decide(caller, Action::Write, &record).allowed,
        })
    }

    async fn answered_checklists(&self, activity: i64) -> Result<Vec<AnsweredChecklist>, AppError> {
        let versions = self.store.mainstreaming_checklists().await?;
        let answers = self.store.mainstreaming_answers(activity).await?;
        let current = versions.last().map(|v| v.version);
        let mut out = Vec::new();
        for v in versions.iter().rev() {
            let mine: Vec<_> = answers.iter().filter(|a| a.version == v.version).collect();
            if Some(v.version) != current && mine.is_empty() {
                continue;
            }
            let questions = questions_of(&v.questions)
                .into_iter()
                .enumerate()
                .map(|(i, q)| {
                    let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
                    let latest = mine.iter().rev().find(|a| a.question == number);
                    AnsweredQuestion {
                        number,
                        question: q,
                        answer: latest.map(|a| a.answer.clone()),
                        note: latest.map(|a| a.note.clone()).unwrap_or_default(),
                        answered_by: latest.and_then(|a| a.answered_by_name.clone()),
                        answered_at: latest.map(|a| a.answered_at),
                    }
                })
                .collect();
            out.push(AnsweredChecklist {
                version: v.version,
                current: Some(v.version) == current,
                questions,
            });
        }
        Ok(out)
    }

    /// Records answers to the checklist for an activity (those who may write the activity).
    pub async fn answer_mainstreaming(
        &self,
        caller: &Caller,
        activity: i64,
        input: &ChecklistAnswersInput,
    ) -> Result<usize, AppError> {
        let a = self
            .store
            .get_programme_activity(activity)
            .await?
            .ok_or(AppError::NotFound("programme activity"))?;
        let record = Self::programme_record(a.owner_org, a.country.as_deref());
        authorize(caller, Action::Read, &record)?;
        authorize(caller, Action::Write, &record)?;
        let versions = self.store.mainstreaming_checklists().await?;
        let v = versions
            .iter()
            .find(|v| v.version == input.version)
            .ok_or_else(|| invalid("version", format!("there is no checklist version {}", input.version)))?;
        let n = questions_of(&v.questions).len();
        if input.answers.is_empty() {
            return Err(invalid("answers", "answer at least one question"));
        }
        let mut rows = Vec::new();
        for ans in &input.answers {
            if ans.question == 0 || ans.question as usize > n {
                return Err(invalid(
                    "question",
                    format!("question {} is not in version {} (1 to {n})", ans.question, v.version),
                ));
            }
            let answer = ans.answer.trim();
            if !ANSWERS.contains(&answer) {
                return Err(invalid("answer", format!("{answer:?} is not one of yes, partly, no")));
            }
            let note = if ans.note.trim().is_empty() {
                String::new()
            } else {
                text("note", &ans.note, 1, 2000, true)?
            };
            rows.push(NewChecklistAnswer {
                activity_id: a.id,
                version: v.version,
                question: ans.question,
                answer: answer.to_owned(),
                note,
                answered_by: caller.user_id().map(praxis_model::UserId),
            });
        }
        let mut tx = self.store.begin_write().await?;
        for r in &rows {
            tx.insert_mainstreaming_answer(r).await?;
        }
        tx.audit(
            AuditEvent::new("mainstreaming.answer", crate::indicators::ACTIVITY, a.id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "version": v.version, "answers": rows.len() })),
        )
        .await?;
        tx.commit().await?;
        Ok(rows.len())
    }

    /// Whether the caller may publish the checklist: a programme officer of an international
    /// organisation (the checklist is the programme's, for every country).
    pub fn may_edit_mainstreaming(&self, caller: &Caller) -> bool {
        matches!(caller, Caller::User(_))
            && decide(caller, Action::Create, &RecordRef::new(RecordKind::ProgrammeData, None)).allowed
    }

    /// The checklist's versions, for programme staff.
    pub async fn mainstreaming(&self, caller: &Caller) -> Result<MainstreamingView, AppError> {
        Self::programme_gate(caller, Action::Read)?;
        let mut versions: Vec<ChecklistVersionView> = self
            .store
            .mainstreaming_checklists()
            .await?
            .into_iter()
            .map(|v| ChecklistVersionView {
                version: v.version,
                questions: questions_of(&v.questions),
                created_by: v.created_by_name,
                created_at: v.created_at,
            })
            .collect();
        versions.reverse();
        Ok(MainstreamingView { versions, may_edit: self.may_edit_mainstreaming(caller) })
    }

    /// Publishes the next version of the checklist (earlier answers keep their version).
    pub async fn publish_mainstreaming(
        &self,
        caller: &Caller,
        input: &ChecklistInput,
    ) -> Result<u32, AppError> {
        if !matches!(caller, Caller::User(_)) {
            return Err(AppError::Denied("the checklist is edited by a person signed in".into()));
        }
        authorize(caller, Action::Create, &RecordRef::new(RecordKind::ProgrammeData, None))?;
        let mut questions = Vec::new();
        for (i, line) in input.questions.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let q = text("questions", line, 5, 500, false).map_err(|_| {
                invalid("questions", format!("line {}: a question has 5 to 500 characters", i + 1))
            })?;
            questions.push(q);
        }
        if questions.is_empty() {
            return Err(invalid("questions", "write at least one question, one per line"));
        }
        let versions = self.store.mainstreaming_checklists().await?;
        if versions.last().is_some_and(|v| questions_of(&v.questions) == questions) {
            return Err(invalid("questions", "nothing changed from the current version"));
        }
        let next = versions.last().map(|v| v.version + 1).unwrap_or(1);
        let joined = questions.join("\n");
        let mut tx = self.store.begin_write().await?;
        let id = tx
            .insert_mainstreaming_checklist(next, &joined, caller.user_id().map(praxis_model::UserId))
            .await?;
        tx.audit(
            AuditEvent::new("mainstreaming.publish", CHECKLIST, id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "version": next, "questions": questions.len() })),
        )
        .await?;
        tx.commit().await?;
        Ok(next)
    }

    /// `activities_outside_capital_share`: of the activities of `country` (all for the region)
    /// running in `[from, to)` whose location is recorded, the percentage not in the capital.
    /// Returns (outside, with a location).
    pub(crate) async fn activities_outside_capital(
        &self,
        country: Option<&str>,
        from: time::Date,
        to: time::Date,
    ) -> Result<(u64, u64), AppError> {
        let (mut num, mut den) = (0u64, 0u64);
        for a in self.store.list_programme_activities().await? {
            if country.is_some_and(|c| a.country.as_deref() != Some(c)) {
                continue;
            }
            let start = stored_date(&a.start_on);
            let end = a.end_on.as_deref().map(stored_date);
            let running = start < to && end.is_none_or(|e| e >= from) && a.status != "cancelled";
            let Some(capital) = a.capital else { continue };
            if !running {
                continue;
            }
            den += 1;
            if !capital {
                num += 1;
            }
        }
        Ok((num, den))
    }
}

/// Today, for the Gantt view's line.
pub fn today_text() -> String {
    day(today())
}
