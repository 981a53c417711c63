//! Trainings and capacity building: training events of a programme activity, participants
//! (sex, age band, institution, sector, role, sub-national area; names optional) entered one by
//! one or imported from CSV (all or nothing, every bad row named by line and field), trainers
//! (national experts marked), pre- and post-test scores with the knowledge gain, follow-ups at
//! the job (Kirkpatrick level 3 behaviour, level 4 results) and mentoring relationships. Female
//! representation is given wherever people are counted.
//!
//! **Knowledge gain.** Scores are percentages (0 to 100). A participant's *gain* is post − pre
//! in percentage points; their *normalised gain* is (post − pre) / (100 − pre) (Hake), undefined
//! when pre is 100. The event's *mean gain* is the mean of the gains of the participants with
//! both scores; its *normalised gain* is Hake's class gain from the means:
//! (mean post − mean pre) / (100 − mean pre), over the same participants.
//!
//! A training is programme data of its activity: whoever may read (write) the activity may read
//! (write) its trainings. A mentoring relationship is programme data of its country, owned by
//! the organisation that recorded it. Every write is audited.

use std::collections::HashMap;

use praxis_model::Jurisdiction;
use praxis_store::{
    ActivityRow, AuditEvent, FollowupRow, MentoringRow, NewFollowup, NewMentoring, NewParticipant,
    NewTrainer, NewTraining, ParticipantRow, TrainerRow, TrainingRow,
};
use serde::{Deserialize, Serialize};

use crate::indicators::{country, country_name, day, invalid, nonempty, parse_date, stored_date, text};
use crate::policy::{authorize, decide, Action, Caller, RecordRef};
use crate::{App, AppError};

pub const TRAINING: &str = "training";
pub const MENTORING: &str = "mentoring";
pub const MODALITIES: [&str; 3] = ["in_person", "online", "hybrid"];
pub const SEXES: [&str; 3] = ["female", "male", "unknown"];
pub const AGE_BANDS: [&str; 5] = ["18-29", "30-39", "40-49", "50-59", "60+"];
pub const SECTORS: [&str; 9] = [
    "police",
    "border",
    "prosecution",
    "judiciary",
    "labour",
    "social_services",
    "civil_society",
    "government",
    "other",
];
/// The columns of a participant CSV, in any order; `sex`, `age_band`, `institution` and `sector`
/// are required.
pub const CSV_COLUMNS: [&str; 9] =
    ["name", "sex", "age_band", "institution", "sector", "role", "area", "pre_score", "post_score"];

#[derive(Debug, Clone, Default, Deserialize)]
pub struct NewTrainingInput {
    pub activity: i64,
    pub title: String,
    /// YYYY-MM-DD
    pub start_on: String,
    /// YYYY-MM-DD, the last day (inclusive).
    pub last_day: String,
    pub place: String,
    /// ISO 3166-2 subdivision of the activity's country.
    #[serde(default)]
    pub area: Option<String>,
    #[serde(default)]
    pub capital: bool,
    /// in_person, online, hybrid.
    pub modality: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ParticipantInput {
    #[serde(default)]
    pub name: String,
    pub sex: String,
    pub age_band: String,
    pub institution: String,
    pub sector: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub area: Option<String>,
    /// Percent, 0 to 100.
    #[serde(default)]
    pub pre_score: Option<i64>,
    #[serde(default)]
    pub post_score: Option<i64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct TrainerInput {
    pub name: String,
    pub sex: String,
    pub institution: String,
    #[serde(default)]
    pub national_expert: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct FollowupInput {
    /// A participant of the training; none: about the event.
    #[serde(default)]
    pub participant: Option<i64>,
    /// 3 (behaviour) or 4 (results).
    pub level: u8,
    /// YYYY-MM-DD
    pub observed_on: String,
    pub note: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct MentoringInput {
    pub mentor: String,
    pub mentee: String,
    pub institution: String,
    /// ISO 3166-1 alpha-2; empty: regional.
    #[serde(default)]
    pub country: Option<String>,
    pub start_on: String,
    #[serde(default)]
    pub end_on: Option<String>,
    #[serde(default)]
    pub notes: String,
}

/// People counted, with the women among them.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Headcount {
    pub total: u64,
    pub female: u64,
    /// Percentage of women, one decimal; none when nobody is counted.
    pub female_share: Option<String>,
}

impl Headcount {
    fn of<'a>(sexes: impl Iterator<Item = &'a str>) -> Headcount {
        let (mut total, mut female) = (0u64, 0u64);
        for s in sexes {
            total += 1;
            if s == "female" {
                female += 1;
            }
        }
        let female_share = (total > 0).then(|| format!("{:.1}", female as f64 * 100.0 / total as f64));
        Headcount { total, female, female_share }
    }
}

/// The knowledge gain of an event; see the module documentation for how it is computed.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GainView {
    /// Participants with both scores.
    pub tested: u64,
    pub mean_pre: String,
    pub mean_post: String,
    /// Percentage points.
    pub mean_gain: String,
    /// Hake's class gain, 0 to 1 (two decimals); none when the mean pre-test is 100.
    pub normalised_gain: Option<String>,
}

/// The gain of a participant with both scores: (gain in points, normalised gain).
pub fn participant_gain(pre: i64, post: i64) -> (i64, Option<f64>) {
    let g = post - pre;
    let n = (pre < 100).then(|| g as f64 / (100 - pre) as f64);
    (g, n)
}

/// The event's gain over the pairs of (pre, post) scores.
pub fn event_gain(pairs: &[(i64, i64)]) -> Option<GainView> {
    if pairs.is_empty() {
        return None;
    }
    let n = pairs.len() as f64;
    let pre = pairs.iter().map(|p| p.0 as f64).sum::<f64>() / n;
    let post = pairs.iter().map(|p| p.1 as f64).sum::<f64>() / n;
    Some(GainView {
        tested: pairs.len() as u64,
        mean_pre: format!("{pre:.1}"),
        mean_post: format!("{post:.1}"),
        mean_gain: format!("{:.1}", post - pre),
        normalised_gain: (pre < 100.0).then(|| format!("{:.2}", (post - pre) / (100.0 - pre))),
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct TrainingSummary {
    pub id: i64,
    pub activity: i64,
    pub activity_identifier: String,
    pub activity_title: String,
    pub country: Option<String>,
    pub country_name: Option<String>,
    pub title: String,
    pub start_on: String,
    pub last_day: String,
    pub place: String,
    pub area: Option<String>,
    pub area_name: Option<String>,
    pub capital: bool,
    pub modality: String,
    pub participants: Headcount,
    pub trainers: Headcount,
    pub national_experts: u64,
    pub gain: Option<GainView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ParticipantView {
    pub id: i64,
    pub name: String,
    pub sex: String,
    pub age_band: String,
    pub institution: String,
    pub sector: String,
    pub role: String,
    pub area: Option<String>,
    pub pre_score: Option<i64>,
    pub post_score: Option<i64>,
    /// Percentage points, when both scores are known.
    pub gain: Option<i64>,
    /// Two decimals.
    pub normalised_gain: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TrainerView {
    pub id: i64,
    pub name: String,
    pub sex: String,
    pub institution: String,
    pub national_expert: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct FollowupView {
    pub id: i64,
    pub participant: Option<i64>,
    /// The participant's name, or their number in the list when unnamed.
    pub participant_label: Option<String>,
    pub level: u8,
    pub observed_on: String,
    pub note: String,
    pub recorded_by: Option<String>,
}

/// A count by a category (sector, age band), with the women among them.
#[derive(Debug, Clone, Serialize)]
pub struct Breakdown {
    pub category: String,
    pub count: Headcount,
}

#[derive(Debug, Clone, Serialize)]
pub struct TrainingView {
    pub summary: TrainingSummary,
    pub participants: Vec<ParticipantView>,
    pub by_sector: Vec<Breakdown>,
    pub by_age_band: Vec<Breakdown>,
    pub trainers: Vec<TrainerView>,
    pub followups: Vec<FollowupView>,
    pub may_write: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct TrainingList {
    pub trainings: Vec<TrainingSummary>,
    /// Across the trainings listed.
    pub participants: Headcount,
    pub trainers: Headcount,
    pub national_experts: u64,
    /// Activities the caller may add a training to.
    pub activities: Vec<(i64, String)>,
    pub may_create: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct MentoringView {
    pub id: i64,
    pub mentor: String,
    pub mentee: String,
    pub institution: String,
    pub country: Option<String>,
    pub country_name: Option<String>,
    pub start_on: String,
    pub end_on: Option<String>,
    pub notes: String,
    pub owner_org_name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct MentoringList {
    pub pairs: Vec<MentoringView>,
    pub may_create: bool,
}

fn one_of(field: &'static str, v: &str, allowed: &[&str]) -> Result<String, AppError> {
    let v = v.trim();
    if allowed.contains(&v) {
        Ok(v.to_owned())
    } else {
        Err(invalid(field, format!("{v:?} is not one of {}", allowed.join(", "))))
    }
}

fn score(field: &'static str, s: Option<i64>) -> Result<Option<i64>, AppError> {
    match s {
        Some(v) if !(0..=100).contains(&v) => {
            Err(invalid(field, format!("{v} is not a percentage from 0 to 100")))
        }
        other => Ok(other),
    }
}

fn optional_text(field: &'static str, s: &str, max: usize) -> Result<String, AppError> {
    if s.trim().is_empty() {
        Ok(String::new())
    } else {
        text(field, s, 1, max, false)
    }
}

/// The area of a training or participant: an ISO 3166-2 subdivision of the activity's country.
fn area_in(field: &'static str, area: Option<&str>, of: Option<&str>) -> Result<Option<String>, AppError> {
    let Some(a) = area else { return Ok(None) };
    let j = Jurisdiction::parse(a).map_err(|e| invalid(field, e.to_string()))?;
    if j.country() == j {
        return Err(invalid(field, format!("{a} is a country; give a subdivision such as PK-PB")));
    }
    if let Some(c) = of {
        if j.country().code() != c {
            return Err(invalid(field, format!("{a} is not in {c}")));
        }
    }
    Ok(Some(j.code().to_owned()))
}

fn check_participant(p: &ParticipantInput, country: Option<&str>) -> Result<NewParticipant, AppError> {
    Ok(NewParticipant {
        name: optional_text("name", &p.name, 200)?,
        sex: one_of("sex", &p.sex, &SEXES)?,
        age_band: one_of("age_band", &p.age_band, &AGE_BANDS)?,
        institution: text("institution", &p.institution, 2, 200, false)?,
        sector: one_of("sector", &p.sector, &SECTORS)?,
        role: optional_text("role", &p.role, 200)?,
        area: area_in("area", nonempty(&p.area), country)?,
        pre_score: score("pre_score", p.pre_score)?,
        post_score: score("post_score", p.post_score)?,
    })
}

/// Splits one CSV line into fields (commas; double quotes around a field, `""` inside).
fn csv_fields(line: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => cur.push(c),
            (false, '"') if cur.is_empty() => quoted = true,
            (false, ',') => out.push(std::mem::take(&mut cur)),
            (false, c) => cur.push(c),
        }
    }
    if quoted {
        return Err("a quoted field is not closed".into());
    }
    out.push(cur);
    Ok(out)
}

/// Reads a participant CSV: every row checked; the rows, or every problem as
/// `line N: field: message`.
pub fn read_participants_csv(csv: &str, country: Option<&str>) -> Result<Vec<NewParticipant>, Vec<String>> {
    let mut lines = csv.lines().enumerate().filter(|(_, l)| !l.trim().is_empty());
    let Some((hn, header)) = lines.next() else {
        return Err(vec!["line 1: the file is empty; the first line names the columns".into()]);
    };
    let header = match csv_fields(header.trim_start_matches('\u{feff}')) {
        Ok(h) => h.into_iter().map(|h| h.trim().to_ascii_lowercase()).collect::<Vec<_>>(),
        Err(e) => return Err(vec![format!("line {}: {e}", hn + 1)]),
    };
    let mut errors = Vec::new();
    for h in &header {
        if !CSV_COLUMNS.contains(&h.as_str()) {
            errors.push(format!("line {}: {h}: not a column (use {})", hn + 1, CSV_COLUMNS.join(", ")));
        }
    }
    for required in ["sex", "age_band", "institution", "sector"] {
        if !header.iter().any(|h| h == required) {
            errors.push(format!("line {}: {required}: the column is missing", hn + 1));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut rows = Vec::new();
    for (n, line) in lines {
        let n = n + 1;
        let fields = match csv_fields(line) {
            Ok(f) => f,
            Err(e) => {
                errors.push(format!("line {n}: {e}"));
                continue;
            }
        };
        if fields.len() != header.len() {
            errors.push(format!("line {n}: {} fields where the header has {}", fields.len(), header.len()));
            continue;
        }
        let get = |k: &str| {
            header.iter().position(|h| h == k).map(|i| fields[i].trim().to_owned()).unwrap_or_default()
        };
        let mut bad_score = false;
        let mut num = |k: &'static str| -> Option<i64> {
            let v = get(k);
            if v.is_empty() {
                return None;
            }
            match v.parse::<i64>() {
                Ok(x) => Some(x),
                Err(_) => {
                    errors.push(format!("line {n}: {k}: {v:?} is not a whole number from 0 to 100"));
                    bad_score = true;
                    None
                }
            }
        };
        let (pre, post) = (num("pre_score"), num("post_score"));
        let input = ParticipantInput {
            name: get("name"),
            sex: get("sex"),
            age_band: get("age_band"),
            institution: get("institution"),
            sector: get("sector"),
            role: get("role"),
            area: Some(get("area")),
            pre_score: pre,
            post_score: post,
        };
        // Every field of the row is checked, so that each problem is named at once.
        let checks: [(&str, Result<(), AppError>); 7] = [
            ("name", optional_text("name", &input.name, 200).map(|_| ())),
            ("sex", one_of("sex", &input.sex, &SEXES).map(|_| ())),
            ("age_band", one_of("age_band", &input.age_band, &AGE_BANDS).map(|_| ())),
            ("institution", text("institution", &input.institution, 2, 200, false).map(|_| ())),
            ("sector", one_of("sector", &input.sector, &SECTORS).map(|_| ())),
            ("area", area_in("area", nonempty(&input.area), country).map(|_| ())),
            ("scores", score("pre_score", pre).and(score("post_score", post)).map(|_| ())),
        ];
        let mut row_ok = !bad_score;
        for (_, r) in checks {
            if let Err(AppError::Invalid(v)) = r {
                errors.push(format!("line {n}: {}: {}", v.field, v.message));
                row_ok = false;
            }
        }
        if row_ok {
            match check_participant(&input, country) {
                Ok(p) => rows.push(p),
                Err(e) => errors.push(format!("line {n}: {e}")),
            }
        }
    }
    if rows.is_empty() && errors.is_empty() {
        errors.push(format!("line {}: no participant below the header", hn + 1));
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

struct Loaded {
    training: TrainingRow,
    activity: ActivityRow,
    record: RecordRef,
}

impl App {
    async fn load_training(&self, caller: &Caller, id: i64, action: Action) -> Result<Loaded, AppError> {
        let training = self.store.get_training(id).await?.ok_or(AppError::NotFound("training"))?;
        let activity = self
            .store
            .get_programme_activity(training.activity_id)
            .await?
            .ok_or(AppError::NotFound("programme activity"))?;
        let record = Self::programme_record(activity.owner_org, activity.country.as_deref());
        authorize(caller, Action::Read, &record)?;
        if action != Action::Read {
            authorize(caller, action, &record)?;
        }
        Ok(Loaded { training, activity, record })
    }

    fn training_summary(
        t: &TrainingRow,
        a: &ActivityRow,
        participants: &[&ParticipantRow],
        trainers: &[&TrainerRow],
    ) -> TrainingSummary {
        let pairs: Vec<(i64, i64)> =
            participants.iter().filter_map(|p| Some((p.pre_score?, p.post_score?))).collect();
        TrainingSummary {
            id: t.id,
            activity: a.id,
            activity_identifier: a.identifier.clone(),
            activity_title: a.title.clone(),
            country: a.country.clone(),
            country_name: country_name(&a.country),
            title: t.title.clone(),
            start_on: t.start_on.clone(),
            last_day: t.last_day.clone(),
            place: t.place.clone(),
            area: t.area.clone(),
            area_name: country_name(&t.area),
            capital: t.capital,
            modality: t.modality.clone(),
            participants: Headcount::of(participants.iter().map(|p| p.sex.as_str())),
            trainers: Headcount::of(trainers.iter().map(|p| p.sex.as_str())),
            national_experts: trainers.iter().filter(|t| t.national_expert).count() as u64,
            gain: event_gain(&pairs),
        }
    }

    /// The trainings of an activity (the caller may read the activity).
    pub(crate) async fn trainings_of_activity(
        &self,
        _caller: &Caller,
        a: &ActivityRow,
    ) -> Result<Vec<TrainingSummary>, AppError> {
        let participants = self.store.list_training_participants().await?;
        let trainers = self.store.list_training_trainers().await?;
        Ok(self
            .store
            .list_trainings()
            .await?
            .iter()
            .filter(|t| t.activity_id == a.id)
            .map(|t| {
                let ps: Vec<_> = participants.iter().filter(|p| p.training_id == t.id).collect();
                let ts: Vec<_> = trainers.iter().filter(|p| p.training_id == t.id).collect();
                Self::training_summary(t, a, &ps, &ts)
            })
            .collect())
    }

    /// The trainings the caller may read, with totals across them, filtered by country.
    pub async fn trainings(
        &self,
        caller: &Caller,
        country_filter: Option<&str>,
    ) -> Result<TrainingList, AppError> {
        let wanted = match country_filter.map(str::trim).filter(|s| !s.is_empty()) {
            Some("regional") => Some(None),
            Some(c) => Some(country("country", Some(c))?.map(|j| j.code().to_owned())),
            None => None,
        };
        let activities: HashMap<i64, ActivityRow> =
            self.store.list_programme_activities().await?.into_iter().map(|a| (a.id, a)).collect();
        let participants = self.store.list_training_participants().await?;
        let trainers = self.store.list_training_trainers().await?;
        let mut trainings = Vec::new();
        let (mut all_p, mut all_t) = (Vec::new(), Vec::new());
        for t in self.store.list_trainings().await? {
            let Some(a) = activities.get(&t.activity_id) else { continue };
            if !decide(caller, Action::Read, &Self::programme_record(a.owner_org, a.country.as_deref()))
                .allowed
            {
                continue;
            }
            if wanted.as_ref().is_some_and(|c| *c != a.country) {
                continue;
            }
            let ps: Vec<_> = participants.iter().filter(|p| p.training_id == t.id).collect();
            let ts: Vec<_> = trainers.iter().filter(|p| p.training_id == t.id).collect();
            all_p.extend(ps.iter().map(|p| p.sex.as_str()));
            all_t.extend(ts.iter().map(|p| (p.sex.as_str(), p.national_expert)));
            trainings.push(Self::training_summary(&t, a, &ps, &ts));
        }
        let mut writable: Vec<(i64, String)> = activities
            .values()
            .filter(|a| {
                matches!(caller, Caller::User(_))
                    && decide(
                        caller,
                        Action::Write,
                        &Self::programme_record(a.owner_org, a.country.as_deref()),
                    )
                    .allowed
            })
            .map(|a| (a.id, format!("{} — {}", a.identifier, a.title)))
            .collect();
        writable.sort_by(|a, b| a.1.cmp(&b.1));
        Ok(TrainingList {
            trainings,
            participants: Headcount::of(all_p.into_iter()),
            trainers: Headcount::of(all_t.iter().map(|t| t.0)),
            national_experts: all_t.iter().filter(|t| t.1).count() as u64,
            may_create: !writable.is_empty(),
            activities: writable,
        })
    }

    /// One training: participants with their scores and gain, the breakdowns with the female
    /// share, trainers, follow-ups.
    pub async fn training(&self, caller: &Caller, id: i64) -> Result<TrainingView, AppError> {
        let l = self.load_training(caller, id, Action::Read).await?;
        let participants = self.store.training_participants(id).await?;
        let trainers: Vec<TrainerRow> =
            self.store.list_training_trainers().await?.into_iter().filter(|t| t.training_id == id).collect();
        let followups: Vec<FollowupRow> = self.store.training_followups(id).await?;
        let prefs: Vec<&ParticipantRow> = participants.iter().collect();
        let trefs: Vec<&TrainerRow> = trainers.iter().collect();
        let summary = Self::training_summary(&l.training, &l.activity, &prefs, &trefs);
        let breakdown = |key: fn(&ParticipantRow) -> &str, order: &[&str]| -> Vec<Breakdown> {
            order
                .iter()
                .map(|c| Breakdown {
                    category: (*c).to_owned(),
                    count: Headcount::of(
                        participants.iter().filter(|p| key(p) == *c).map(|p| p.sex.as_str()),
                    ),
                })
                .filter(|b| b.count.total > 0)
                .collect()
        };
        let label = |pid: i64| {
            participants.iter().position(|p| p.id == pid).map(|i| {
                let p = &participants[i];
                if p.name.is_empty() {
                    format!("#{}", i + 1)
                } else {
                    p.name.clone()
                }
            })
        };
        Ok(TrainingView {
            by_sector: breakdown(|p| p.sector.as_str(), &SECTORS),
            by_age_band: breakdown(|p| p.age_band.as_str(), &AGE_BANDS),
            participants: participants
                .iter()
                .map(|p| {
                    let (gain, norm) = match (p.pre_score, p.post_score) {
                        (Some(a), Some(b)) => {
                            let (g, n) = participant_gain(a, b);
                            (Some(g), n.map(|n| format!("{n:.2}")))
                        }
                        _ => (None, None),
                    };
                    ParticipantView {
                        id: p.id,
                        name: p.name.clone(),
                        sex: p.sex.clone(),
                        age_band: p.age_band.clone(),
                        institution: p.institution.clone(),
                        sector: p.sector.clone(),
                        role: p.role.clone(),
                        area: p.area.clone(),
                        pre_score: p.pre_score,
                        post_score: p.post_score,
                        gain,
                        normalised_gain: norm,
                    }
                })
                .collect(),
            trainers: trainers
                .iter()
                .map(|t| TrainerView {
                    id: t.id,
                    name: t.name.clone(),
                    sex: t.sex.clone(),
                    institution: t.institution.clone(),
                    national_expert: t.national_expert,
                })
                .collect(),
            followups: followups
                .iter()
                .map(|f| FollowupView {
                    id: f.id,
                    participant: f.participant_id,
                    participant_label: f.participant_id.and_then(label),
                    level: f.level,
                    observed_on: f.observed_on.clone(),
                    note: f.note.clone(),
                    recorded_by: f.recorded_by_name.clone(),
                })
                .collect(),
            may_write: matches!(caller, Caller::User(_)) && decide(caller, Action::Write, &l.record).allowed,
            summary,
        })
    }

    /// Records a training of an activity the caller may write.
    pub async fn create_training(&self, caller: &Caller, input: &NewTrainingInput) -> Result<i64, AppError> {
        if !matches!(caller, Caller::User(_)) {
            return Err(AppError::Denied("trainings are recorded by a person signed in".into()));
        }
        let a = self
            .store
            .get_programme_activity(input.activity)
            .await?
            .ok_or_else(|| invalid("activity", "no such activity"))?;
        let record = Self::programme_record(a.owner_org, a.country.as_deref());
        authorize(caller, Action::Write, &record)?;
        let title = text("title", &input.title, 3, 200, false)?;
        let start = parse_date("start_on", &input.start_on)?;
        let last = parse_date("last_day", &input.last_day)?;
        if last < start {
            return Err(invalid("last_day", "the last day is before the first"));
        }
        let place = text("place", &input.place, 2, 200, false)?;
        let area = area_in("area", nonempty(&input.area), a.country.as_deref())?;
        let modality = one_of("modality", &input.modality, &MODALITIES)?;
        let new = NewTraining {
            activity_id: a.id,
            title,
            start_on: day(start),
            last_day: day(last),
            place,
            area,
            capital: input.capital,
            modality,
            created_by: caller.user_id().map(praxis_model::UserId),
        };
        let mut tx = self.store.begin_write().await?;
        let id = tx.insert_training(&new).await?;
        tx.audit(
            AuditEvent::new("training.create", TRAINING, id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "activity": a.id, "start_on": new.start_on })),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Adds one participant.
    pub async fn add_participant(
        &self,
        caller: &Caller,
        training: i64,
        input: &ParticipantInput,
    ) -> Result<i64, AppError> {
        let l = self.load_training(caller, training, Action::Write).await?;
        let p = check_participant(input, l.activity.country.as_deref())?;
        let mut tx = self.store.begin_write().await?;
        let id = tx.insert_training_participant(training, &p).await?;
        tx.audit(
            AuditEvent::new("training.participant", TRAINING, training)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "participant": id })),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Imports participants from CSV: all rows or none; a refusal names every bad line and field.
    pub async fn import_participants(
        &self,
        caller: &Caller,
        training: i64,
        csv: &str,
    ) -> Result<usize, AppError> {
        let l = self.load_training(caller, training, Action::Write).await?;
        let rows =
            read_participants_csv(csv, l.activity.country.as_deref()).map_err(AppError::ImportRefused)?;
        let mut tx = self.store.begin_write().await?;
        for p in &rows {
            tx.insert_training_participant(training, p).await?;
        }
        tx.audit(
            AuditEvent::new("training.import", TRAINING, training)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "participants": rows.len() })),
        )
        .await?;
        tx.commit().await?;
        Ok(rows.len())
    }

    pub async fn add_trainer(
        &self,
        caller: &Caller,
        training: i64,
        input: &TrainerInput,
    ) -> Result<i64, AppError> {
        self.load_training(caller, training, Action::Write).await?;
        let t = NewTrainer {
            name: text("name", &input.name, 2, 200, false)?,
            sex: one_of("sex", &input.sex, &SEXES)?,
            institution: text("institution", &input.institution, 2, 200, false)?,
            national_expert: input.national_expert,
        };
        let mut tx = self.store.begin_write().await?;
        let id = tx.insert_training_trainer(training, &t).await?;
        tx.audit(
            AuditEvent::new("training.trainer", TRAINING, training)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "trainer": id, "national_expert": t.national_expert })),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Records a follow-up observation (Kirkpatrick level 3 or 4) after the training.
    pub async fn add_followup(
        &self,
        caller: &Caller,
        training: i64,
        input: &FollowupInput,
    ) -> Result<i64, AppError> {
        let l = self.load_training(caller, training, Action::Write).await?;
        if !matches!(input.level, 3 | 4) {
            return Err(invalid("level", "3 (behaviour at the job) or 4 (results)"));
        }
        let on = parse_date("observed_on", &input.observed_on)?;
        if on < stored_date(&l.training.last_day) {
            return Err(invalid("observed_on", "a follow-up is observed after the training"));
        }
        if let Some(p) = input.participant {
            let ps = self.store.training_participants(training).await?;
            if !ps.iter().any(|x| x.id == p) {
                return Err(invalid("participant", "not a participant of this training"));
            }
        }
        let f = NewFollowup {
            participant_id: input.participant,
            level: input.level,
            observed_on: day(on),
            note: text("note", &input.note, 3, 4000, true)?,
            recorded_by: caller.user_id().map(praxis_model::UserId),
        };
        let mut tx = self.store.begin_write().await?;
        let id = tx.insert_training_followup(training, &f).await?;
        tx.audit(
            AuditEvent::new("training.followup", TRAINING, training)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "followup": id, "level": f.level })),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The mentoring relationships the caller may read.
    pub async fn mentoring(&self, caller: &Caller) -> Result<MentoringList, AppError> {
        Self::programme_gate(caller, Action::Read)?;
        let orgs = self.names_of_orgs().await?;
        let pairs = self
            .store
            .list_mentoring()
            .await?
            .into_iter()
            .filter(|m: &MentoringRow| {
                decide(caller, Action::Read, &Self::programme_record(m.owner_org, m.country.as_deref()))
                    .allowed
            })
            .map(|m| MentoringView {
                id: m.id,
                country_name: country_name(&m.country),
                owner_org_name: orgs.get(&m.owner_org).cloned().unwrap_or_default(),
                mentor: m.mentor,
                mentee: m.mentee,
                institution: m.institution,
                country: m.country,
                start_on: m.start_on,
                end_on: m.end_on,
                notes: m.notes,
            })
            .collect();
        Ok(MentoringList { pairs, may_create: self.may_create_indicator(caller) })
    }

    /// Records a mentoring relationship owned by the caller's organisation.
    pub async fn create_mentoring(&self, caller: &Caller, input: &MentoringInput) -> Result<i64, AppError> {
        let Caller::User(actor) = caller else {
            return Err(AppError::Denied("mentoring is recorded by a person signed in".into()));
        };
        let c = country("country", nonempty(&input.country))?;
        let record = Self::programme_record(actor.org.id, c.as_ref().map(|c| c.code()));
        authorize(caller, Action::Create, &record)?;
        let start = parse_date("start_on", &input.start_on)?;
        let end = nonempty(&input.end_on).map(|e| parse_date("end_on", e)).transpose()?;
        if end.is_some_and(|e| e < start) {
            return Err(invalid("end_on", "the end is before the start"));
        }
        let m = NewMentoring {
            mentor: text("mentor", &input.mentor, 2, 200, false)?,
            mentee: text("mentee", &input.mentee, 2, 200, false)?,
            institution: text("institution", &input.institution, 2, 200, false)?,
            country: c.map(|c| c.code().to_owned()),
            start_on: day(start),
            end_on: end.map(day),
            notes: if input.notes.trim().is_empty() {
                String::new()
            } else {
                text("notes", &input.notes, 1, 4000, true)?
            },
            owner_org: actor.org.id,
            created_by: Some(actor.user_id),
        };
        let mut tx = self.store.begin_write().await?;
        let id = tx.insert_mentoring(&m).await?;
        tx.audit(
            AuditEvent::new("mentoring.create", MENTORING, id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "country": m.country, "start_on": m.start_on })),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// `women_trained_share`: of the participants of the trainings of `country` (all for the
    /// region) whose last day falls in `[from, to)`, (women, all).
    pub(crate) async fn women_trained(
        &self,
        country: Option<&str>,
        from: time::Date,
        to: time::Date,
    ) -> Result<(u64, u64), AppError> {
        let activities: HashMap<i64, ActivityRow> =
            self.store.list_programme_activities().await?.into_iter().map(|a| (a.id, a)).collect();
        let trainings: HashMap<i64, TrainingRow> = self
            .store
            .list_trainings()
            .await?
            .into_iter()
            .filter(|t| {
                let last = stored_date(&t.last_day);
                let of_country = activities
                    .get(&t.activity_id)
                    .is_some_and(|a| country.is_none() || a.country.as_deref() == country);
                of_country && from <= last && last < to
            })
            .map(|t| (t.id, t))
            .collect();
        let h = Headcount::of(
            self.store
                .list_training_participants()
                .await?
                .iter()
                .filter(|p| trainings.contains_key(&p.training_id))
                .map(|p| p.sex.as_str()),
        );
        Ok((h.female, h.total))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gain_per_participant_and_event() {
        assert_eq!(participant_gain(40, 70), (30, Some(0.5)));
        assert_eq!(participant_gain(100, 90).1, None);
        let g = event_gain(&[(40, 70), (60, 80)]).unwrap();
        assert_eq!(
            (g.mean_pre.as_str(), g.mean_post.as_str(), g.mean_gain.as_str()),
            ("50.0", "75.0", "25.0")
        );
        assert_eq!(g.normalised_gain.as_deref(), Some("0.50"));
        assert_eq!(event_gain(&[]), None);
    }

    #[test]
    fn csv_names_every_bad_line_and_field() {
        let csv = "name,sex,age_band,institution,sector,pre_score,post_score\n\
                   \"Khan, Ayesha\",female,30-39,FIA Lahore,police,40,75\n\
                   ,woman,30-39,FIA,police,40,75\n\
                   ,male,12-15,FIA,army,40,175\n";
        let errs = read_participants_csv(csv, Some("PK")).unwrap_err();
        assert!(errs.iter().any(|e| e.starts_with("line 3: sex:")), "{errs:?}");
        assert!(errs.iter().any(|e| e.starts_with("line 4: age_band:")), "{errs:?}");
        assert!(errs.iter().any(|e| e.starts_with("line 4: sector:")), "{errs:?}");
        assert!(errs.iter().any(|e| e.starts_with("line 4: post_score:")), "{errs:?}");
        let ok =
            read_participants_csv(&csv.lines().take(2).collect::<Vec<_>>().join("\n"), Some("PK")).unwrap();
        assert_eq!(ok[0].name, "Khan, Ayesha");
        assert_eq!(ok[0].post_score, Some(75));
    }
}
