//! The legislative review: a country's law scored provision by provision against the checklist
//! catalogue (`praxis_programme::checklist`, versioned data kept apart from the answers), with
//! evidence, gap notes, recommendations and the history of every answer; and the regional
//! harmonisation matrix (countries × provisions at two dates).
//!
//! A review is programme data ([`RecordKind::ProgrammeData`]) whose jurisdiction is the country
//! reviewed: programme staff of that country and of international organisations read it;
//! programme officers (of the owning or an international organisation) and the country's focal
//! points write it. Guidance items (non-punishment of victims, model-law offences…) are kept apart
//! from treaty obligations in the view and in the score. Every write is audited.

use std::collections::HashMap;

use praxis_model::{InvalidValue, Jurisdiction, OrgId, UserId};
use praxis_programme::checklist::matrix::HarmonisationMatrix;
use praxis_programme::checklist::review::{
    Answer, AnswerRecord, CountryReview, Evidence, ReviewError, ReviewScore, Tally,
};
use praxis_programme::checklist::{Catalogue, Kind, Provision, ProvisionId, Section};
use praxis_store::{AuditEvent, LegalAnswerRow, LegalReviewRow, NewLegalAnswer, NewLegalReview};
use serde::{Deserialize, Serialize};
use time::Date;

use crate::policy::{authorize, decide, Action, Caller, RecordKind, RecordRef};
use crate::{App, AppError};

/// The record type under which reviews are audited.
pub const LEGAL_REVIEW: &str = "legal_review";

/// The stages of a review, in order.
pub const STATUSES: [&str; 3] = ["in_progress", "under_validation", "validated"];

/// How far back the matrix looks when no earlier date is given.
pub const DEFAULT_MATRIX_DAYS: i64 = 180;

#[derive(Debug, Clone, Default, Deserialize)]
pub struct NewReviewInput {
    /// ISO 3166-1 alpha-2 code of the country reviewed.
    pub country: String,
    pub title: String,
    /// in_progress (default), under_validation, validated.
    #[serde(default)]
    pub status: Option<String>,
    /// The catalogue version; default: the newest shipped.
    #[serde(default)]
    pub checklist_version: Option<u32>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct StatusInput {
    pub status: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct AnswerInput {
    /// The provision id in the review's catalogue, e.g. TIP-06.
    pub provision: String,
    /// compliant, partially_compliant, not_compliant, not_applicable, unknown.
    pub answer: String,
    /// The law cited, e.g. "Prevention of Trafficking in Persons Act 2018, s. 3".
    #[serde(default)]
    pub citation: String,
    /// An http(s) link to the text (a SHERLOC extract, the official gazette).
    #[serde(default)]
    pub link: String,
    #[serde(default)]
    pub gap_note: String,
    #[serde(default)]
    pub recommendation: String,
    /// Stakeholders consulted, one per line (or separated by `;`).
    #[serde(default)]
    pub stakeholders: String,
    /// YYYY-MM-DD; default today. Not before the provision's latest answer, not in the future.
    #[serde(default)]
    pub assessed_on: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct MatrixQuery {
    /// YYYY-MM-DD; default: `DEFAULT_MATRIX_DAYS` before `to`.
    #[serde(default)]
    pub from: Option<String>,
    /// YYYY-MM-DD; default today.
    #[serde(default)]
    pub to: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReviewSummary {
    pub id: i64,
    pub country: String,
    pub country_name: String,
    pub checklist_version: u32,
    pub title: String,
    pub status: String,
    pub owner_org: i64,
    pub owner_org_name: String,
    pub created_at: i64,
    pub updated_at: i64,
    /// Provisions with a current answer, of all provisions in the catalogue.
    pub answered: u32,
    pub provisions: u32,
    /// Score over the treaty obligations (`(compliant + ½ partial) / assessed`).
    pub score: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TallyView {
    pub compliant: u32,
    pub partially_compliant: u32,
    pub not_compliant: u32,
    pub not_applicable: u32,
    pub unknown: u32,
    pub unanswered: u32,
    pub total: u32,
    pub assessed: u32,
    pub score: Option<f64>,
    pub coverage: Option<f64>,
    pub share_compliant: Option<f64>,
}

impl From<Tally> for TallyView {
    fn from(t: Tally) -> Self {
        TallyView {
            compliant: t.compliant,
            partially_compliant: t.partially_compliant,
            not_compliant: t.not_compliant,
            not_applicable: t.not_applicable,
            unknown: t.unknown,
            unanswered: t.unanswered,
            total: t.total(),
            assessed: t.assessed(),
            score: t.score(),
            coverage: t.coverage(),
            share_compliant: t.share_compliant(),
        }
    }
}

/// Obligations, the plainly mandatory ones (`M`), and guidance scored apart.
#[derive(Debug, Clone, Serialize)]
pub struct ScoreView {
    pub obligations: TallyView,
    pub mandatory: TallyView,
    pub guidance: TallyView,
}

impl From<ReviewScore> for ScoreView {
    fn from(s: ReviewScore) -> Self {
        ScoreView {
            obligations: s.obligations.into(),
            mandatory: s.mandatory.into(),
            guidance: s.guidance.into(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct AnswerView {
    pub id: i64,
    pub provision: String,
    /// compliant, partially_compliant, not_compliant, not_applicable, unknown.
    pub answer: String,
    pub citation: String,
    pub link: String,
    pub gap_note: String,
    pub recommendation: String,
    pub stakeholders: Vec<String>,
    /// YYYY-MM-DD
    pub assessed_on: String,
    pub answered_by: Option<String>,
    pub answered_at: i64,
}

/// A provision of the catalogue as faces show it. `key` is the Fluent id prefix of its texts
/// (`checklist-tip-06`, then `-title`, `-question`, `-checks`); the English text is the fallback.
#[derive(Debug, Clone, Serialize)]
pub struct ProvisionView {
    pub id: String,
    pub key: String,
    pub section: String,
    pub instrument: String,
    pub article: String,
    /// "TIP Protocol art. 3(a)".
    pub citation: String,
    /// M, Mq, C, G, mixes such as M/C, or "-".
    pub level: String,
    /// obligation, guidance, information.
    pub kind: String,
    pub mandatory: bool,
    /// The article or a related citation is not verified yet.
    pub unverified: bool,
    pub refs: Vec<String>,
    pub title: String,
    pub question: String,
    pub checks: String,
    pub current: Option<AnswerView>,
    /// How many answers the provision has had.
    pub answers: usize,
}

/// One section of the checklist, obligations and guidance apart.
#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    pub section: String,
    pub obligations: Vec<ProvisionView>,
    pub guidance: Vec<ProvisionView>,
    /// Facts recorded without a score (ratification).
    pub information: Vec<ProvisionView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReviewPermissions {
    pub write: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReviewView {
    #[serde(flatten)]
    pub review: ReviewSummary,
    pub catalogue_title: String,
    pub score: ScoreView,
    pub sections: Vec<SectionView>,
    pub permissions: ReviewPermissions,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProvisionHistory {
    pub review: ReviewSummary,
    pub provision: ProvisionView,
    /// Oldest first.
    pub answers: Vec<AnswerView>,
    pub permissions: ReviewPermissions,
}

#[derive(Debug, Clone, Serialize)]
pub struct MatrixColumn {
    pub country: String,
    pub country_name: String,
    pub review_id: i64,
    pub title: String,
    /// Score over the obligations at the earlier and the later date.
    pub score_from: Option<f64>,
    pub score_to: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MatrixCell {
    pub before: Option<String>,
    pub after: Option<String>,
    /// unchanged, new, improved, regressed, changed.
    pub change: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct MatrixRow {
    pub provision: String,
    pub key: String,
    pub title: String,
    pub section: String,
    pub kind: String,
    pub level: String,
    /// Every country that answered gave the same answer.
    pub harmonised: bool,
    pub cells: Vec<MatrixCell>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MatrixView {
    pub catalogue_version: u32,
    /// YYYY-MM-DD
    pub from: String,
    pub to: String,
    pub countries: Vec<MatrixColumn>,
    pub rows: Vec<MatrixRow>,
    /// Cells that changed between the two dates.
    pub changes: usize,
}

fn invalid(field: &'static str, message: impl Into<String>) -> AppError {
    AppError::Invalid(InvalidValue::new(field, "invalid", message))
}

/// Trimmed text of at most `max` characters without control characters (newlines allowed when
/// `multiline`).
fn text(field: &'static str, s: &str, min: usize, max: usize, multiline: bool) -> Result<String, AppError> {
    let s = s.trim();
    let n = s.chars().count();
    if n < min {
        return Err(invalid(
            field,
            if min == 1 { "is required".into() } else { format!("needs at least {min} characters") },
        ));
    }
    if n > max {
        return Err(invalid(field, format!("must be at most {max} characters")));
    }
    if s.chars().any(|c| c.is_control() && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) {
        return Err(invalid(field, "must not contain control characters"));
    }
    Ok(s.to_owned())
}

const DAY: &[time::format_description::FormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

fn parse_date(field: &'static str, s: &str) -> Result<Date, AppError> {
    let s = s.trim();
    Date::parse(s, DAY).map_err(|_| invalid(field, format!("{s:?} is not a date written YYYY-MM-DD")))
}

fn day(d: Date) -> String {
    d.format(DAY).unwrap_or_default()
}

fn today() -> Date {
    time::OffsetDateTime::now_utc().date()
}

fn status(s: &str) -> Result<String, AppError> {
    let s = s.trim();
    if STATUSES.contains(&s) {
        Ok(s.to_owned())
    } else {
        Err(invalid("status", format!("{s:?} is not one of {}", STATUSES.join(", "))))
    }
}

fn catalogue(version: u32) -> Result<Catalogue, AppError> {
    Catalogue::shipped(version)
        .map_err(|_| invalid("checklist_version", format!("no checklist version {version} is shipped")))
}

/// Stakeholders as one per line, whether given on lines or separated by `;`.
fn stakeholder_lines(s: &str) -> Vec<String> {
    s.split(['\n', ';']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

fn provision_view(p: &Provision, current: Option<AnswerView>, answers: usize) -> ProvisionView {
    ProvisionView {
        id: p.id.to_string(),
        key: format!("checklist-{}", p.id.as_str().to_ascii_lowercase()),
        section: p.section.code().into(),
        instrument: p.instrument.code().into(),
        article: p.article.clone(),
        citation: p.citation(),
        level: p.level_code(),
        kind: p.kind.code().into(),
        mandatory: p.is_mandatory(),
        unverified: p.has_unverified_citation(),
        refs: p.refs.iter().map(|r| r.cite.clone()).collect(),
        title: p.title.clone(),
        question: p.question.clone(),
        checks: p.checks.clone(),
        current,
        answers,
    }
}

fn answer_view(a: &LegalAnswerRow) -> AnswerView {
    AnswerView {
        id: a.id,
        provision: a.provision.clone(),
        answer: a.answer.clone(),
        citation: a.citation.clone(),
        link: a.link.clone(),
        gap_note: a.gap_note.clone(),
        recommendation: a.recommendation.clone(),
        stakeholders: stakeholder_lines(&a.stakeholders),
        assessed_on: a.assessed_on.clone(),
        answered_by: a.answered_by_name.clone(),
        answered_at: a.answered_at,
    }
}

/// The engine's record of a stored answer (`None` if the row no longer parses, which only a newer
/// build's data could cause).
fn record_of(a: &LegalAnswerRow) -> Option<AnswerRecord> {
    Some(AnswerRecord {
        provision: ProvisionId::parse(&a.provision).ok()?,
        answer: Answer::parse(&a.answer)?,
        evidence: if a.citation.is_empty() {
            vec![]
        } else {
            vec![Evidence { law: a.citation.clone(), url: (!a.link.is_empty()).then(|| a.link.clone()) }]
        },
        gap_note: a.gap_note.clone(),
        recommendation: a.recommendation.clone(),
        stakeholders_consulted: stakeholder_lines(&a.stakeholders),
        assessed_on: Date::parse(&a.assessed_on, DAY).ok()?,
        assessed_by: a
            .answered_by_username
            .clone()
            .or_else(|| a.answered_by.map(|u| format!("user {}", u.0)))
            .unwrap_or_else(|| "operator".into()),
    })
}

/// The engine's review, rebuilt from the stored answers in the order recorded.
fn country_review(review: &LegalReviewRow, cat: &Catalogue, answers: &[LegalAnswerRow]) -> CountryReview {
    let country = Jurisdiction::parse(&review.country).unwrap_or_else(|_| Jurisdiction::parse("AQ").unwrap());
    let mut r = CountryReview::new(country, cat);
    for a in answers {
        match record_of(a) {
            Some(rec) => {
                if let Err(e) = r.record(cat, rec) {
                    tracing::warn!(review = review.id, answer = a.id, error = %e, "stored answer skipped");
                }
            }
            None => tracing::warn!(review = review.id, answer = a.id, "stored answer unreadable"),
        }
    }
    r
}

/// Maps the engine's refusal to the field of the input it concerns.
fn review_error(e: ReviewError) -> AppError {
    match e {
        ReviewError::UnknownProvision(..) => invalid("provision", e.to_string()),
        ReviewError::CatalogueMismatch { .. } => invalid("checklist_version", e.to_string()),
        ReviewError::OutOfOrder { .. } => invalid("assessed_on", e.to_string()),
        ReviewError::Field { field, ref message, .. } => {
            let field = match field {
                "evidence" if message.contains("link") => "link",
                "evidence" => "citation",
                "gap_note" => "gap_note",
                "recommendation" => "recommendation",
                _ => "answer",
            };
            invalid(field, message.clone())
        }
    }
}

impl App {
    fn review_record(review: &LegalReviewRow) -> RecordRef {
        let mut r = RecordRef::new(RecordKind::ProgrammeData, Some(review.owner_org));
        r.jurisdiction = Jurisdiction::parse(&review.country).ok();
        r
    }

    async fn review_for(
        &self,
        caller: &Caller,
        id: i64,
        action: Action,
    ) -> Result<(LegalReviewRow, RecordRef), AppError> {
        let review = self.store.get_legal_review(id).await?.ok_or(AppError::NotFound("legal review"))?;
        let record = Self::review_record(&review);
        authorize(caller, action, &record)?;
        Ok((review, record))
    }

    async fn org_name_map(&self) -> Result<HashMap<OrgId, String>, AppError> {
        Ok(self.store.list_orgs().await?.into_iter().map(|o| (o.id, o.name)).collect())
    }

    fn review_summary(
        review: &LegalReviewRow,
        cat: &Catalogue,
        engine: &CountryReview,
        orgs: &HashMap<OrgId, String>,
    ) -> ReviewSummary {
        let score = engine.score_as_of(cat, Date::MAX);
        ReviewSummary {
            id: review.id,
            country: review.country.clone(),
            country_name: Jurisdiction::parse(&review.country).map(|j| j.name()).unwrap_or_default(),
            checklist_version: review.checklist_version,
            title: review.title.clone(),
            status: review.status.clone(),
            owner_org: review.owner_org.0,
            owner_org_name: orgs.get(&review.owner_org).cloned().unwrap_or_default(),
            created_at: review.created_at,
            updated_at: review.updated_at,
            answered: engine.current().len() as u32,
            provisions: cat.provisions().len() as u32,
            score: score.obligations.score(),
        }
    }

    /// The reviews the caller may read, by country.
    pub async fn legal_reviews(&self, caller: &Caller) -> Result<Vec<ReviewSummary>, AppError> {
        let orgs = self.org_name_map().await?;
        let mut out = Vec::new();
        for review in self.store.list_legal_reviews().await? {
            if !decide(caller, Action::Read, &Self::review_record(&review)).allowed {
                continue;
            }
            let cat = catalogue(review.checklist_version)?;
            let answers = self.store.legal_review_answers(review.id).await?;
            let engine = country_review(&review, &cat, &answers);
            out.push(Self::review_summary(&review, &cat, &engine, &orgs));
        }
        Ok(out)
    }

    /// Whether the caller may start a review (of any country: the policy decides per country).
    pub fn may_create_legal_review(&self, caller: &Caller) -> bool {
        match caller {
            Caller::Cli => false,
            Caller::User(actor) => {
                let mut r = RecordRef::new(RecordKind::ProgrammeData, Some(actor.org.id));
                r.jurisdiction = Some(actor.org.jurisdiction.country());
                decide(caller, Action::Create, &r).allowed
            }
        }
    }

    /// Starts the review of a country against a catalogue version, owned by the caller's
    /// organisation.
    pub async fn create_legal_review(
        &self,
        caller: &Caller,
        input: &NewReviewInput,
    ) -> Result<i64, AppError> {
        let Caller::User(actor) = caller else {
            return Err(AppError::Denied(
                "reviews are started by a person signed in to an organisation".into(),
            ));
        };
        let country = input.country.trim();
        let j = Jurisdiction::parse(country).map_err(|e| invalid("country", e.to_string()))?;
        if j.country() != j {
            return Err(invalid(
                "country",
                format!("{country} is a subdivision; give the country ({})", j.country()),
            ));
        }
        let mut record = RecordRef::new(RecordKind::ProgrammeData, Some(actor.org.id));
        record.jurisdiction = Some(j.clone());
        authorize(caller, Action::Create, &record)?;
        let title = text("title", &input.title, 3, 200, false)?;
        let status = match input.status.as_deref().filter(|s| !s.trim().is_empty()) {
            Some(s) => status(s)?,
            None => STATUSES[0].to_owned(),
        };
        let version = input.checklist_version.unwrap_or_else(|| Catalogue::latest().version());
        catalogue(version)?;
        let new = NewLegalReview {
            country: j.code().to_owned(),
            checklist_version: version,
            title,
            status,
            owner_org: actor.org.id,
            created_by: Some(actor.user_id),
        };
        let mut tx = self.store.begin_write().await?;
        let id = tx.insert_legal_review(&new).await?;
        tx.audit(
            AuditEvent::new("legal_review.create", LEGAL_REVIEW, id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "country": new.country, "checklist_version": version })),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The review provision by provision, grouped by section with obligations and guidance apart,
    /// each with its current answer; and the score.
    pub async fn legal_review(&self, caller: &Caller, id: i64) -> Result<ReviewView, AppError> {
        let (review, record) = self.review_for(caller, id, Action::Read).await?;
        let cat = catalogue(review.checklist_version)?;
        let answers = self.store.legal_review_answers(id).await?;
        let engine = country_review(&review, &cat, &answers);
        // Rows are in the order recorded: the last one per provision is its current answer.
        let mut latest: HashMap<&str, &LegalAnswerRow> = HashMap::new();
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for a in &answers {
            *counts.entry(a.provision.as_str()).or_default() += 1;
            latest.insert(a.provision.as_str(), a);
        }
        let sections = Section::ALL
            .iter()
            .map(|s| {
                let mut view = SectionView {
                    section: s.code().into(),
                    obligations: vec![],
                    guidance: vec![],
                    information: vec![],
                };
                for p in cat.provisions().iter().filter(|p| p.section == *s) {
                    let id = p.id.as_str();
                    let pv = provision_view(
                        p,
                        latest.get(id).map(|a| answer_view(a)),
                        counts.get(id).copied().unwrap_or(0),
                    );
                    match p.kind {
                        Kind::Obligation => view.obligations.push(pv),
                        Kind::Guidance => view.guidance.push(pv),
                        Kind::Information => view.information.push(pv),
                    }
                }
                view
            })
            .collect();
        let orgs = self.org_name_map().await?;
        Ok(ReviewView {
            review: Self::review_summary(&review, &cat, &engine, &orgs),
            catalogue_title: cat.title().to_owned(),
            score: engine.score_as_of(&cat, Date::MAX).into(),
            sections,
            permissions: ReviewPermissions { write: decide(caller, Action::Write, &record).allowed },
        })
    }

    /// Every answer one provision has had, oldest first.
    pub async fn legal_provision_history(
        &self,
        caller: &Caller,
        id: i64,
        provision: &str,
    ) -> Result<ProvisionHistory, AppError> {
        let (review, record) = self.review_for(caller, id, Action::Read).await?;
        let cat = catalogue(review.checklist_version)?;
        let p = cat.get(provision.trim()).ok_or(AppError::NotFound("provision"))?;
        let answers = self.store.legal_review_answers(id).await?;
        let engine = country_review(&review, &cat, &answers);
        let history: Vec<AnswerView> =
            answers.iter().filter(|a| a.provision == p.id.as_str()).map(answer_view).collect();
        let orgs = self.org_name_map().await?;
        Ok(ProvisionHistory {
            review: Self::review_summary(&review, &cat, &engine, &orgs),
            provision: provision_view(p, history.last().cloned(), history.len()),
            answers: history,
            permissions: ReviewPermissions { write: decide(caller, Action::Write, &record).allowed },
        })
    }

    /// Records an answer to a provision; the earlier ones stay in its history.
    pub async fn record_legal_answer(
        &self,
        caller: &Caller,
        id: i64,
        input: &AnswerInput,
    ) -> Result<i64, AppError> {
        let (review, _) = self.review_for(caller, id, Action::Write).await?;
        let cat = catalogue(review.checklist_version)?;
        let provision = input.provision.trim();
        let provision_id = ProvisionId::parse(provision).map_err(|e| invalid("provision", e.to_string()))?;
        if cat.provision(&provision_id).is_none() {
            return Err(invalid(
                "provision",
                format!("{provision} is not in checklist version {}", cat.version()),
            ));
        }
        let answer = Answer::parse(input.answer.trim()).ok_or_else(|| {
            invalid(
                "answer",
                format!(
                    "{:?} is not one of {}",
                    input.answer.trim(),
                    Answer::ALL.iter().map(|a| a.code()).collect::<Vec<_>>().join(", ")
                ),
            )
        })?;
        let citation = text("citation", &input.citation, 0, 500, false)?;
        let link = text("link", &input.link, 0, 1000, false)?;
        if !link.is_empty() && citation.is_empty() {
            return Err(invalid("citation", "a link needs the citation of the law it points to"));
        }
        let gap_note = text("gap_note", &input.gap_note, 0, 5000, true)?;
        let recommendation = text("recommendation", &input.recommendation, 0, 5000, true)?;
        let stakeholders = text("stakeholders", &input.stakeholders, 0, 2000, true)?;
        let assessed_on = match input.assessed_on.as_deref().filter(|s| !s.trim().is_empty()) {
            Some(s) => parse_date("assessed_on", s)?,
            None => today(),
        };
        if assessed_on > today() {
            return Err(invalid("assessed_on", "an assessment cannot be dated in the future"));
        }
        let by = match caller {
            Caller::User(a) => a.username.clone(),
            Caller::Cli => "operator".into(),
        };
        let rec = AnswerRecord {
            provision: provision_id,
            answer,
            evidence: if citation.is_empty() {
                vec![]
            } else {
                vec![Evidence { law: citation.clone(), url: (!link.is_empty()).then(|| link.clone()) }]
            },
            gap_note: gap_note.clone(),
            recommendation: recommendation.clone(),
            stakeholders_consulted: stakeholder_lines(&stakeholders),
            assessed_on,
            assessed_by: by,
        };
        // The engine checks the rules and the order of dates against the history.
        let answers = self.store.legal_review_answers(id).await?;
        let mut engine = country_review(&review, &cat, &answers);
        engine.record(&cat, rec).map_err(review_error)?;
        let new = NewLegalAnswer {
            provision: provision.to_owned(),
            answer: answer.code().to_owned(),
            citation,
            link,
            gap_note,
            recommendation,
            stakeholders: stakeholder_lines(&stakeholders).join("\n"),
            assessed_on: day(assessed_on),
            answered_by: caller.user_id().map(UserId),
        };
        let mut tx = self.store.begin_write().await?;
        let aid = tx.insert_legal_answer(id, &new).await?;
        tx.audit(
            AuditEvent::new("legal_review.answer", LEGAL_REVIEW, id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({
                    "answer": aid,
                    "provision": new.provision,
                    "value": new.answer,
                    "assessed_on": new.assessed_on,
                })),
        )
        .await?;
        tx.commit().await?;
        Ok(aid)
    }

    /// Moves the review to another stage (in progress, under validation, validated).
    pub async fn set_legal_review_status(
        &self,
        caller: &Caller,
        id: i64,
        input: &StatusInput,
    ) -> Result<(), AppError> {
        let (review, _) = self.review_for(caller, id, Action::Write).await?;
        let new = status(&input.status)?;
        if review.status == new {
            return Err(AppError::invalid("status", "unchanged", format!("the review is already {new}")));
        }
        let mut tx = self.store.begin_write().await?;
        tx.set_legal_review_status(id, &new).await?;
        tx.audit(
            AuditEvent::new("legal_review.status", LEGAL_REVIEW, id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "from": review.status, "to": new })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The review with its whole history as CSV (`praxis_programme::tables::review_csv`).
    pub async fn legal_review_csv(&self, caller: &Caller, id: i64) -> Result<(String, Vec<u8>), AppError> {
        let (review, _) = self.review_for(caller, id, Action::Read).await?;
        let cat = catalogue(review.checklist_version)?;
        let answers = self.store.legal_review_answers(id).await?;
        let engine = country_review(&review, &cat, &answers);
        let mut out = Vec::new();
        praxis_programme::tables::review_csv(&engine, &mut out)
            .map_err(|e| AppError::invalid("review", "export", e.to_string()))?;
        let name = format!("legal-review-{}-v{}.csv", review.country, review.checklist_version);
        Ok((name, out))
    }

    /// The regional harmonisation matrix over the reviews the caller may read against the newest
    /// catalogue: rows are provisions, columns countries, each cell the answer at both dates.
    pub async fn legal_matrix(&self, caller: &Caller, q: &MatrixQuery) -> Result<MatrixView, AppError> {
        let (cat, reviews, m) = self.matrix_of(caller, q).await?;
        let code = |a: Option<Answer>| a.map(|a| a.code().to_owned());
        Ok(MatrixView {
            catalogue_version: m.catalogue_version,
            from: day(m.earlier),
            to: day(m.later),
            countries: reviews
                .iter()
                .zip(&m.scores)
                .map(|(r, (before, after))| MatrixColumn {
                    country: r.country.clone(),
                    country_name: Jurisdiction::parse(&r.country).map(|j| j.name()).unwrap_or_default(),
                    review_id: r.id,
                    title: r.title.clone(),
                    score_from: before.obligations.score(),
                    score_to: after.obligations.score(),
                })
                .collect(),
            changes: m.changes().len(),
            rows: m
                .rows
                .iter()
                .map(|row| {
                    let p = cat.provision(&row.provision).expect("rows come from the catalogue");
                    MatrixRow {
                        provision: row.provision.to_string(),
                        key: format!("checklist-{}", row.provision.as_str().to_ascii_lowercase()),
                        title: p.title.clone(),
                        section: p.section.code().into(),
                        kind: row.kind.code().into(),
                        level: p.level_code(),
                        harmonised: row.is_harmonised(),
                        cells: row
                            .cells
                            .iter()
                            .map(|c| MatrixCell {
                                before: code(c.before),
                                after: code(c.after),
                                change: c.change().code().into(),
                            })
                            .collect(),
                    }
                })
                .collect(),
        })
    }

    /// The matrix as CSV (`praxis_programme::tables::matrix_csv`): per country the answer at
    /// each date and the change.
    pub async fn legal_matrix_csv(
        &self,
        caller: &Caller,
        q: &MatrixQuery,
    ) -> Result<(String, Vec<u8>), AppError> {
        let (_, _, m) = self.matrix_of(caller, q).await?;
        let mut out = Vec::new();
        praxis_programme::tables::matrix_csv(&m, &mut out)
            .map_err(|e| AppError::invalid("matrix", "export", e.to_string()))?;
        Ok((format!("harmonisation-matrix-{}-{}.csv", day(m.earlier), day(m.later)), out))
    }

    /// The matrix over the reviews the caller may read (anyone signed in may ask; the columns
    /// are those reviews), with the reviews in column order.
    async fn matrix_of(
        &self,
        caller: &Caller,
        q: &MatrixQuery,
    ) -> Result<(Catalogue, Vec<LegalReviewRow>, HarmonisationMatrix), AppError> {
        let to = match q.to.as_deref().filter(|s| !s.trim().is_empty()) {
            Some(s) => parse_date("to", s)?,
            None => today(),
        };
        let from = match q.from.as_deref().filter(|s| !s.trim().is_empty()) {
            Some(s) => parse_date("from", s)?,
            None => to - time::Duration::days(DEFAULT_MATRIX_DAYS),
        };
        let cat = Catalogue::latest();
        let mut reviews = Vec::new();
        for review in self.store.list_legal_reviews().await? {
            if review.checklist_version != cat.version()
                || !decide(caller, Action::Read, &Self::review_record(&review)).allowed
            {
                continue;
            }
            let answers = self.store.legal_review_answers(review.id).await?;
            let engine = country_review(&review, &cat, &answers);
            reviews.push((review, engine));
        }
        reviews.sort_by(|a, b| a.0.country.cmp(&b.0.country));
        let engines: Vec<&CountryReview> = reviews.iter().map(|(_, e)| e).collect();
        let m = HarmonisationMatrix::compute(&cat, &engines, from, to).map_err(review_error)?;
        Ok((cat, reviews.into_iter().map(|(r, _)| r).collect(), m))
    }
}
