//! Trainings and capacity building: training events of an activity, their participants (with
//! pre- and post-test scores), trainers, follow-ups at the job (Kirkpatrick levels 3 and 4) and
//! mentoring relationships.
//!
//! This crate stores codes, dates and scores as given: the application checks them.

use praxis_model::{OrgId, UserId};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::db::now_ms;
use crate::{Store, StoreError, WriteTx};

#[derive(Debug, Clone)]
pub struct TrainingRow {
    pub id: i64,
    pub activity_id: i64,
    pub title: String,
    /// YYYY-MM-DD
    pub start_on: String,
    /// The last day of the training (inclusive).
    pub last_day: String,
    pub place: String,
    /// ISO 3166-2 subdivision.
    pub area: Option<String>,
    pub capital: bool,
    /// in_person, online, hybrid
    pub modality: String,
    pub created_by: Option<UserId>,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewTraining {
    pub activity_id: i64,
    pub title: String,
    pub start_on: String,
    pub last_day: String,
    pub place: String,
    pub area: Option<String>,
    pub capital: bool,
    pub modality: String,
    pub created_by: Option<UserId>,
}

#[derive(Debug, Clone)]
pub struct ParticipantRow {
    pub id: i64,
    pub training_id: i64,
    /// May be empty: names are optional.
    pub name: String,
    /// female, male, unknown
    pub sex: String,
    pub age_band: String,
    pub institution: String,
    pub sector: String,
    pub role: String,
    pub area: Option<String>,
    /// Percent, 0 to 100.
    pub pre_score: Option<i64>,
    pub post_score: Option<i64>,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewParticipant {
    pub name: String,
    pub sex: String,
    pub age_band: String,
    pub institution: String,
    pub sector: String,
    pub role: String,
    pub area: Option<String>,
    pub pre_score: Option<i64>,
    pub post_score: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct TrainerRow {
    pub id: i64,
    pub training_id: i64,
    pub name: String,
    pub sex: String,
    pub institution: String,
    pub national_expert: bool,
}

#[derive(Debug, Clone)]
pub struct NewTrainer {
    pub name: String,
    pub sex: String,
    pub institution: String,
    pub national_expert: bool,
}

#[derive(Debug, Clone)]
pub struct FollowupRow {
    pub id: i64,
    pub training_id: i64,
    /// `None`: about the event as a whole.
    pub participant_id: Option<i64>,
    /// Kirkpatrick level: 3 behaviour, 4 results.
    pub level: u8,
    pub observed_on: String,
    pub note: String,
    pub recorded_by: Option<UserId>,
    pub recorded_by_name: Option<String>,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewFollowup {
    pub participant_id: Option<i64>,
    pub level: u8,
    pub observed_on: String,
    pub note: String,
    pub recorded_by: Option<UserId>,
}

#[derive(Debug, Clone)]
pub struct MentoringRow {
    pub id: i64,
    pub mentor: String,
    pub mentee: String,
    pub institution: String,
    pub country: Option<String>,
    pub start_on: String,
    pub end_on: Option<String>,
    pub notes: String,
    pub owner_org: OrgId,
    pub created_by: Option<UserId>,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewMentoring {
    pub mentor: String,
    pub mentee: String,
    pub institution: String,
    pub country: Option<String>,
    pub start_on: String,
    pub end_on: Option<String>,
    pub notes: String,
    pub owner_org: OrgId,
    pub created_by: Option<UserId>,
}

const TRAINING_COLUMNS: &str =
    "id, activity_id, title, start_on, last_day, place, area, capital, modality, created_by, created_at";

fn training_from_row(r: &AnyRow) -> Result<TrainingRow, StoreError> {
    Ok(TrainingRow {
        id: r.try_get(0)?,
        activity_id: r.try_get(1)?,
        title: r.try_get(2)?,
        start_on: r.try_get(3)?,
        last_day: r.try_get(4)?,
        place: r.try_get(5)?,
        area: r.try_get(6)?,
        capital: r.try_get::<i64, _>(7)? != 0,
        modality: r.try_get(8)?,
        created_by: r.try_get::<Option<i64>, _>(9)?.map(UserId),
        created_at: r.try_get(10)?,
    })
}

const PARTICIPANT_COLUMNS: &str = "id, training_id, name, sex, age_band, institution, sector, role, area, \
     pre_score, post_score, created_at";

fn participant_from_row(r: &AnyRow) -> Result<ParticipantRow, StoreError> {
    Ok(ParticipantRow {
        id: r.try_get(0)?,
        training_id: r.try_get(1)?,
        name: r.try_get(2)?,
        sex: r.try_get(3)?,
        age_band: r.try_get(4)?,
        institution: r.try_get(5)?,
        sector: r.try_get(6)?,
        role: r.try_get(7)?,
        area: r.try_get(8)?,
        pre_score: r.try_get(9)?,
        post_score: r.try_get(10)?,
        created_at: r.try_get(11)?,
    })
}

fn trainer_from_row(r: &AnyRow) -> Result<TrainerRow, StoreError> {
    Ok(TrainerRow {
        id: r.try_get(0)?,
        training_id: r.try_get(1)?,
        name: r.try_get(2)?,
        sex: r.try_get(3)?,
        institution: r.try_get(4)?,
        national_expert: r.try_get::<i64, _>(5)? != 0,
    })
}

fn followup_from_row(r: &AnyRow) -> Result<FollowupRow, StoreError> {
    Ok(FollowupRow {
        id: r.try_get(0)?,
        training_id: r.try_get(1)?,
        participant_id: r.try_get(2)?,
        level: u8::try_from(r.try_get::<i64, _>(3)?).unwrap_or(0),
        observed_on: r.try_get(4)?,
        note: r.try_get(5)?,
        recorded_by: r.try_get::<Option<i64>, _>(6)?.map(UserId),
        recorded_by_name: r.try_get(7)?,
        created_at: r.try_get(8)?,
    })
}

const MENTORING_COLUMNS: &str =
    "id, mentor, mentee, institution, country, start_on, end_on, notes, owner_org_id, created_by, created_at";

fn mentoring_from_row(r: &AnyRow) -> Result<MentoringRow, StoreError> {
    Ok(MentoringRow {
        id: r.try_get(0)?,
        mentor: r.try_get(1)?,
        mentee: r.try_get(2)?,
        institution: r.try_get(3)?,
        country: r.try_get(4)?,
        start_on: r.try_get(5)?,
        end_on: r.try_get(6)?,
        notes: r.try_get(7)?,
        owner_org: OrgId(r.try_get(8)?),
        created_by: r.try_get::<Option<i64>, _>(9)?.map(UserId),
        created_at: r.try_get(10)?,
    })
}

impl Store {
    /// Every training, by start. The application filters by policy (through the activity).
    #[tracing::instrument(skip_all)]
    pub async fn list_trainings(&self) -> Result<Vec<TrainingRow>, StoreError> {
        let rows = sqlx::query(&format!("SELECT {TRAINING_COLUMNS} FROM training ORDER BY start_on, id"))
            .fetch_all(&mut *self.conn().await?)
            .await?;
        rows.iter().map(training_from_row).collect()
    }

    #[tracing::instrument(skip_all)]
    pub async fn get_training(&self, id: i64) -> Result<Option<TrainingRow>, StoreError> {
        let row = sqlx::query(&format!("SELECT {TRAINING_COLUMNS} FROM training WHERE id = $1"))
            .bind(id)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.as_ref().map(training_from_row).transpose()
    }

    /// Every participant of every training (for totals), by training then entry.
    #[tracing::instrument(skip_all)]
    pub async fn list_training_participants(&self) -> Result<Vec<ParticipantRow>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {PARTICIPANT_COLUMNS} FROM training_participant ORDER BY training_id, id"
        ))
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter().map(participant_from_row).collect()
    }

    #[tracing::instrument(skip_all)]
    pub async fn training_participants(&self, training_id: i64) -> Result<Vec<ParticipantRow>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {PARTICIPANT_COLUMNS} FROM training_participant WHERE training_id = $1 ORDER BY id"
        ))
        .bind(training_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter().map(participant_from_row).collect()
    }

    /// Every trainer of every training, by training then entry.
    #[tracing::instrument(skip_all)]
    pub async fn list_training_trainers(&self) -> Result<Vec<TrainerRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, training_id, name, sex, institution, national_expert FROM training_trainer \
             ORDER BY training_id, id",
        )
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter().map(trainer_from_row).collect()
    }

    #[tracing::instrument(skip_all)]
    pub async fn training_followups(&self, training_id: i64) -> Result<Vec<FollowupRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT f.id, f.training_id, f.participant_id, f.level, f.observed_on, f.note, f.recorded_by, \
             u.display_name, f.created_at FROM training_followup f LEFT JOIN user_account u ON u.id = f.recorded_by \
             WHERE f.training_id = $1 ORDER BY f.observed_on, f.id",
        )
        .bind(training_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter().map(followup_from_row).collect()
    }

    /// Every mentoring relationship, by start. The application filters by policy.
    #[tracing::instrument(skip_all)]
    pub async fn list_mentoring(&self) -> Result<Vec<MentoringRow>, StoreError> {
        let rows = sqlx::query(&format!("SELECT {MENTORING_COLUMNS} FROM mentoring ORDER BY start_on, id"))
            .fetch_all(&mut *self.conn().await?)
            .await?;
        rows.iter().map(mentoring_from_row).collect()
    }
}

impl WriteTx {
    pub async fn insert_training(&mut self, t: &NewTraining) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO training (activity_id, title, start_on, last_day, place, area, capital, modality, \
             created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(t.activity_id)
        .bind(&t.title)
        .bind(&t.start_on)
        .bind(&t.last_day)
        .bind(&t.place)
        .bind(&t.area)
        .bind(i64::from(t.capital))
        .bind(&t.modality)
        .bind(t.created_by.map(|u| u.0))
        .bind(now_ms())
        .fetch_one(self.conn())
        .await?;
        Ok(row.try_get(0)?)
    }

    pub async fn insert_training_participant(
        &mut self,
        training_id: i64,
        p: &NewParticipant,
    ) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO training_participant (training_id, name, sex, age_band, institution, sector, role, area, \
             pre_score, post_score, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        )
        .bind(training_id)
        .bind(&p.name)
        .bind(&p.sex)
        .bind(&p.age_band)
        .bind(&p.institution)
        .bind(&p.sector)
        .bind(&p.role)
        .bind(&p.area)
        .bind(p.pre_score)
        .bind(p.post_score)
        .bind(now_ms())
        .fetch_one(self.conn())
        .await?;
        Ok(row.try_get(0)?)
    }

    pub async fn insert_training_trainer(
        &mut self,
        training_id: i64,
        t: &NewTrainer,
    ) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO training_trainer (training_id, name, sex, institution, national_expert, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(training_id)
        .bind(&t.name)
        .bind(&t.sex)
        .bind(&t.institution)
        .bind(i64::from(t.national_expert))
        .bind(now_ms())
        .fetch_one(self.conn())
        .await?;
        Ok(row.try_get(0)?)
    }

    pub async fn insert_training_followup(
        &mut self,
        training_id: i64,
        f: &NewFollowup,
    ) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO training_followup (training_id, participant_id, level, observed_on, note, recorded_by, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(training_id)
        .bind(f.participant_id)
        .bind(i64::from(f.level))
        .bind(&f.observed_on)
        .bind(&f.note)
        .bind(f.recorded_by.map(|u| u.0))
        .bind(now_ms())
        .fetch_one(self.conn())
        .await?;
        Ok(row.try_get(0)?)
    }

    pub async fn insert_mentoring(&mut self, m: &NewMentoring) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO mentoring (mentor, mentee, institution, country, start_on, end_on, notes, owner_org_id, \
             created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(&m.mentor)
        .bind(&m.mentee)
        .bind(&m.institution)
        .bind(&m.country)
        .bind(&m.start_on)
        .bind(&m.end_on)
        .bind(&m.notes)
        .bind(m.owner_org.0)
        .bind(m.created_by.map(|u| u.0))
        .bind(now_ms())
        .fetch_one(self.conn())
        .await?;
        Ok(row.try_get(0)?)
    }
}
