//! Partner countries and engagement: the country's stage history (append-only), focal points,
//! stakeholders, the engagement log, consultative missions with the needs they found (and the
//! activity a need became), and the ownership criteria's history (append-only).
//!
//! Codes (stages, modalities, prongs, groups, pillars, statuses) are stored as text and not
//! interpreted here; the application checks them.

use praxis_model::{OrgId, UserId};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::db::now_ms;
use crate::{Store, StoreError, WriteTx};

#[derive(Debug, Clone)]
pub struct PartnerCountryRow {
    pub id: i64,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub modality: String,
    pub protocol: String,
    pub owner_org: OrgId,
    pub created_by: Option<UserId>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewPartnerCountry {
    pub country: String,
    pub modality: String,
    pub protocol: String,
    pub owner_org: OrgId,
    pub created_by: Option<UserId>,
}

#[derive(Debug, Clone)]
pub struct EngagementStepRow {
    pub id: i64,
    pub country_id: i64,
    pub stage: String,
    /// YYYY-MM-DD
    pub step_on: String,
    /// One item per line.
    pub evidence: String,
    pub note: String,
    pub recorded_by: Option<UserId>,
    pub recorded_by_username: Option<String>,
    pub recorded_by_name: Option<String>,
    pub recorded_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewEngagementStep {
    pub stage: String,
    pub step_on: String,
    pub evidence: String,
    pub note: String,
    pub recorded_by: Option<UserId>,
}

#[derive(Debug, Clone)]
pub struct FocalPointRow {
    pub id: i64,
    pub country_id: i64,
    pub person: String,
    pub institution: String,
    pub role: String,
    pub nominated_on: String,
    pub contact_protocol: String,
    pub user_id: Option<UserId>,
    /// The Praxis user's login name, when the focal point is one.
    pub username: Option<String>,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewFocalPoint {
    pub person: String,
    pub institution: String,
    pub role: String,
    pub nominated_on: String,
    pub contact_protocol: String,
    pub user_id: Option<UserId>,
    pub created_by: Option<UserId>,
}

#[derive(Debug, Clone)]
pub struct StakeholderRow {
    pub id: i64,
    pub country_id: i64,
    pub name: String,
    pub institution: String,
    pub prong: String,
    pub influence: i64,
    pub interest: i64,
    pub note: String,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewStakeholder {
    pub name: String,
    pub institution: String,
    pub prong: String,
    pub influence: i64,
    pub interest: i64,
    pub note: String,
    pub created_by: Option<UserId>,
}

#[derive(Debug, Clone)]
pub struct LogRow {
    pub id: i64,
    pub country_id: i64,
    pub kind: String,
    pub occurred_on: String,
    pub who: String,
    pub summary: String,
    pub decided: String,
    pub created_by_name: Option<String>,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewLogEntry {
    pub kind: String,
    pub occurred_on: String,
    pub who: String,
    pub summary: String,
    pub decided: String,
    pub created_by: Option<UserId>,
}

#[derive(Debug, Clone)]
pub struct MissionRow {
    pub id: i64,
    pub country_id: i64,
    pub title: String,
    pub start_on: String,
    pub end_on: String,
    pub place: String,
    pub in_capital: bool,
    /// Space-separated codes.
    pub groups_met: String,
    pub findings: String,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewMission {
    pub title: String,
    pub start_on: String,
    pub end_on: String,
    pub place: String,
    pub in_capital: bool,
    pub groups_met: String,
    pub findings: String,
    pub created_by: Option<UserId>,
}

#[derive(Debug, Clone)]
pub struct NeedRow {
    pub id: i64,
    pub mission_id: i64,
    pub priority: i64,
    pub pillar: String,
    pub need: String,
    pub activity_id: Option<i64>,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewNeed {
    pub priority: i64,
    pub pillar: String,
    pub need: String,
    pub created_by: Option<UserId>,
}

#[derive(Debug, Clone)]
pub struct OwnershipRow {
    pub id: i64,
    pub country_id: i64,
    pub criterion: String,
    pub status: String,
    pub status_on: String,
    pub evidence: String,
    pub recorded_by_name: Option<String>,
    pub recorded_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewOwnership {
    pub criterion: String,
    pub status: String,
    pub status_on: String,
    pub evidence: String,
    pub recorded_by: Option<UserId>,
}

const COUNTRY_COLUMNS: &str =
    "id, country, modality, protocol, owner_org_id, created_by, created_at, updated_at";

fn country_from_row(r: &AnyRow) -> Result<PartnerCountryRow, StoreError> {
    Ok(PartnerCountryRow {
        id: r.try_get(0)?,
        country: r.try_get(1)?,
        modality: r.try_get(2)?,
        protocol: r.try_get(3)?,
        owner_org: OrgId(r.try_get(4)?),
        created_by: r.try_get::<Option<i64>, _>(5)?.map(UserId),
        created_at: r.try_get(6)?,
        updated_at: r.try_get(7)?,
    })
}

const MISSION_COLUMNS: &str =
    "id, country_id, title, start_on, end_on, place, in_capital, groups_met, findings, created_at";

fn mission_from_row(r: &AnyRow) -> Result<MissionRow, StoreError> {
    Ok(MissionRow {
        id: r.try_get(0)?,
        country_id: r.try_get(1)?,
        title: r.try_get(2)?,
        start_on: r.try_get(3)?,
        end_on: r.try_get(4)?,
        place: r.try_get(5)?,
        in_capital: r.try_get::<i64, _>(6)? != 0,
        groups_met: r.try_get(7)?,
        findings: r.try_get(8)?,
        created_at: r.try_get(9)?,
    })
}

fn need_from_row(r: &AnyRow) -> Result<NeedRow, StoreError> {
    Ok(NeedRow {
        id: r.try_get(0)?,
        mission_id: r.try_get(1)?,
        priority: r.try_get(2)?,
        pillar: r.try_get(3)?,
        need: r.try_get(4)?,
        activity_id: r.try_get(5)?,
        created_at: r.try_get(6)?,
    })
}

const NEED_COLUMNS: &str = "id, mission_id, priority, pillar, need, activity_id, created_at";

impl Store {
    /// Every partner country, by code. The application filters by policy.
    #[tracing::instrument(skip_all)]
    pub async fn list_partner_countries(&self) -> Result<Vec<PartnerCountryRow>, StoreError> {
        let rows = sqlx::query(&format!("SELECT {COUNTRY_COLUMNS} FROM partner_country ORDER BY country"))
            .fetch_all(&mut *self.conn().await?)
            .await?;
        rows.iter().map(country_from_row).collect()
    }

    #[tracing::instrument(skip_all)]
    pub async fn partner_country(&self, code: &str) -> Result<Option<PartnerCountryRow>, StoreError> {
        let row = sqlx::query(&format!("SELECT {COUNTRY_COLUMNS} FROM partner_country WHERE country = $1"))
            .bind(code)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.as_ref().map(country_from_row).transpose()
    }

    #[tracing::instrument(skip_all)]
    pub async fn partner_country_by_id(&self, id: i64) -> Result<Option<PartnerCountryRow>, StoreError> {
        let row = sqlx::query(&format!("SELECT {COUNTRY_COLUMNS} FROM partner_country WHERE id = $1"))
            .bind(id)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.as_ref().map(country_from_row).transpose()
    }

    /// The stage history, in the order recorded.
    #[tracing::instrument(skip_all)]
    pub async fn engagement_steps(&self, country_id: i64) -> Result<Vec<EngagementStepRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT s.id, s.country_id, s.stage, s.step_on, s.evidence, s.note, s.recorded_by, u.username, \
             u.display_name, s.recorded_at FROM engagement_step s LEFT JOIN user_account u ON u.id = s.recorded_by \
             WHERE s.country_id = $1 ORDER BY s.id",
        )
        .bind(country_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(EngagementStepRow {
                    id: r.try_get(0)?,
                    country_id: r.try_get(1)?,
                    stage: r.try_get(2)?,
                    step_on: r.try_get(3)?,
                    evidence: r.try_get(4)?,
                    note: r.try_get(5)?,
                    recorded_by: r.try_get::<Option<i64>, _>(6)?.map(UserId),
                    recorded_by_username: r.try_get(7)?,
                    recorded_by_name: r.try_get(8)?,
                    recorded_at: r.try_get(9)?,
                })
            })
            .collect()
    }

    #[tracing::instrument(skip_all)]
    pub async fn focal_points(&self, country_id: i64) -> Result<Vec<FocalPointRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT f.id, f.country_id, f.person, f.institution, f.role, f.nominated_on, f.contact_protocol, \
             f.user_id, u.username, f.created_at FROM focal_point f LEFT JOIN user_account u ON u.id = f.user_id \
             WHERE f.country_id = $1 ORDER BY f.nominated_on, f.id",
        )
        .bind(country_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(FocalPointRow {
                    id: r.try_get(0)?,
                    country_id: r.try_get(1)?,
                    person: r.try_get(2)?,
                    institution: r.try_get(3)?,
                    role: r.try_get(4)?,
                    nominated_on: r.try_get(5)?,
                    contact_protocol: r.try_get(6)?,
                    user_id: r.try_get::<Option<i64>, _>(7)?.map(UserId),
                    username: r.try_get(8)?,
                    created_at: r.try_get(9)?,
                })
            })
            .collect()
    }

    #[tracing::instrument(skip_all)]
    pub async fn engagement_stakeholders(&self, country_id: i64) -> Result<Vec<StakeholderRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, country_id, name, institution, prong, influence, interest, note, created_at \
             FROM engagement_stakeholder WHERE country_id = $1 ORDER BY prong, influence DESC, id",
        )
        .bind(country_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(StakeholderRow {
                    id: r.try_get(0)?,
                    country_id: r.try_get(1)?,
                    name: r.try_get(2)?,
                    institution: r.try_get(3)?,
                    prong: r.try_get(4)?,
                    influence: r.try_get(5)?,
                    interest: r.try_get(6)?,
                    note: r.try_get(7)?,
                    created_at: r.try_get(8)?,
                })
            })
            .collect()
    }

    /// The log, oldest first.
    #[tracing::instrument(skip_all)]
    pub async fn engagement_log(&self, country_id: i64) -> Result<Vec<LogRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT l.id, l.country_id, l.kind, l.occurred_on, l.who, l.summary, l.decided, u.display_name, \
             l.created_at FROM engagement_log l LEFT JOIN user_account u ON u.id = l.created_by \
             WHERE l.country_id = $1 ORDER BY l.occurred_on, l.id",
        )
        .bind(country_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(LogRow {
                    id: r.try_get(0)?,
                    country_id: r.try_get(1)?,
                    kind: r.try_get(2)?,
                    occurred_on: r.try_get(3)?,
                    who: r.try_get(4)?,
                    summary: r.try_get(5)?,
                    decided: r.try_get(6)?,
                    created_by_name: r.try_get(7)?,
                    created_at: r.try_get(8)?,
                })
            })
            .collect()
    }

    /// A country's missions, oldest first.
    #[tracing::instrument(skip_all)]
    pub async fn country_missions(&self, country_id: i64) -> Result<Vec<MissionRow>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {MISSION_COLUMNS} FROM consultative_mission WHERE country_id = $1 ORDER BY start_on, id"
        ))
        .bind(country_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter().map(mission_from_row).collect()
    }

    #[tracing::instrument(skip_all)]
    pub async fn get_mission(&self, id: i64) -> Result<Option<MissionRow>, StoreError> {
        let row = sqlx::query(&format!("SELECT {MISSION_COLUMNS} FROM consultative_mission WHERE id = $1"))
            .bind(id)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.as_ref().map(mission_from_row).transpose()
    }

    /// A mission's needs, by priority.
    #[tracing::instrument(skip_all)]
    pub async fn mission_needs(&self, mission_id: i64) -> Result<Vec<NeedRow>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {NEED_COLUMNS} FROM mission_need WHERE mission_id = $1 ORDER BY priority, id"
        ))
        .bind(mission_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter().map(need_from_row).collect()
    }

    #[tracing::instrument(skip_all)]
    pub async fn get_mission_need(&self, id: i64) -> Result<Option<NeedRow>, StoreError> {
        let row = sqlx::query(&format!("SELECT {NEED_COLUMNS} FROM mission_need WHERE id = $1"))
            .bind(id)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.as_ref().map(need_from_row).transpose()
    }

    /// The needs that became an activity.
    #[tracing::instrument(skip_all)]
    pub async fn needs_of_activity(&self, activity_id: i64) -> Result<Vec<NeedRow>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {NEED_COLUMNS} FROM mission_need WHERE activity_id = $1 ORDER BY id"
        ))
        .bind(activity_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter().map(need_from_row).collect()
    }

    /// The ownership history, in the order recorded.
    #[tracing::instrument(skip_all)]
    pub async fn ownership_history(&self, country_id: i64) -> Result<Vec<OwnershipRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT o.id, o.country_id, o.criterion, o.status, o.status_on, o.evidence, u.display_name, \
             o.recorded_at FROM ownership_status o LEFT JOIN user_account u ON u.id = o.recorded_by \
             WHERE o.country_id = $1 ORDER BY o.id",
        )
        .bind(country_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(OwnershipRow {
                    id: r.try_get(0)?,
                    country_id: r.try_get(1)?,
                    criterion: r.try_get(2)?,
                    status: r.try_get(3)?,
                    status_on: r.try_get(4)?,
                    evidence: r.try_get(5)?,
                    recorded_by_name: r.try_get(6)?,
                    recorded_at: r.try_get(7)?,
                })
            })
            .collect()
    }
}

impl WriteTx {
    /// Opens a partner country. One row per country.
    pub async fn insert_partner_country(&mut self, c: &NewPartnerCountry) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO partner_country (country, modality, protocol, owner_org_id, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
        )
        .bind(&c.country)
        .bind(&c.modality)
        .bind(&c.protocol)
        .bind(c.owner_org.0)
        .bind(c.created_by.map(|u| u.0))
        .bind(now_ms())
        .fetch_one(self.conn())
        .await
        .map_err(crate::error::conflict_or("a partner country with this code"))?;
        Ok(row.try_get(0)?)
    }

    /// Changes the implementation modality and the communication protocol.
    pub async fn update_partner_country(
        &mut self,
        id: i64,
        modality: &str,
        protocol: &str,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE partner_country SET modality = $1, protocol = $2, updated_at = $3 WHERE id = $4")
            .bind(modality)
            .bind(protocol)
            .bind(now_ms())
            .bind(id)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    async fn touch_country(&mut self, id: i64) -> Result<(), StoreError> {
        sqlx::query("UPDATE partner_country SET updated_at = $1 WHERE id = $2")
            .bind(now_ms())
            .bind(id)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    /// Appends a stage step (earlier steps stay).
    pub async fn insert_engagement_step(
        &mut self,
        country_id: i64,
        s: &NewEngagementStep,
    ) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO engagement_step (country_id, stage, step_on, evidence, note, recorded_by, recorded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(country_id)
        .bind(&s.stage)
        .bind(&s.step_on)
        .bind(&s.evidence)
        .bind(&s.note)
        .bind(s.recorded_by.map(|u| u.0))
        .bind(now_ms())
        .fetch_one(self.conn())
        .await?;
        self.touch_country(country_id).await?;
        Ok(row.try_get(0)?)
    }

    pub async fn insert_focal_point(
        &mut self,
        country_id: i64,
        f: &NewFocalPoint,
    ) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO focal_point (country_id, person, institution, role, nominated_on, contact_protocol, user_id, \
             created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(country_id)
        .bind(&f.person)
        .bind(&f.institution)
        .bind(&f.role)
        .bind(&f.nominated_on)
        .bind(&f.contact_protocol)
        .bind(f.user_id.map(|u| u.0))
        .bind(f.created_by.map(|u| u.0))
        .bind(now_ms())
        .fetch_one(self.conn())
        .await?;
        self.touch_country(country_id).await?;
        Ok(row.try_get(0)?)
    }

    pub async fn insert_engagement_stakeholder(
        &mut self,
        country_id: i64,
        s: &NewStakeholder,
    ) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO engagement_stakeholder (country_id, name, institution, prong, influence, interest, note, \
             created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(country_id)
        .bind(&s.name)
        .bind(&s.institution)
        .bind(&s.prong)
        .bind(s.influence)
        .bind(s.interest)
        .bind(&s.note)
        .bind(s.created_by.map(|u| u.0))
        .bind(now_ms())
        .fetch_one(self.conn())
        .await?;
        self.touch_country(country_id).await?;
        Ok(row.try_get(0)?)
    }

    pub async fn insert_engagement_log(
        &mut self,
        country_id: i64,
        l: &NewLogEntry,
    ) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO engagement_log (country_id, kind, occurred_on, who, summary, decided, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(country_id)
        .bind(&l.kind)
        .bind(&l.occurred_on)
        .bind(&l.who)
        .bind(&l.summary)
        .bind(&l.decided)
        .bind(l.created_by.map(|u| u.0))
        .bind(now_ms())
        .fetch_one(self.conn())
        .await?;
        self.touch_country(country_id).await?;
        Ok(row.try_get(0)?)
    }

    pub async fn insert_mission(&mut self, country_id: i64, m: &NewMission) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO consultative_mission (country_id, title, start_on, end_on, place, in_capital, groups_met, \
             findings, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(country_id)
        .bind(&m.title)
        .bind(&m.start_on)
        .bind(&m.end_on)
        .bind(&m.place)
        .bind(i64::from(m.in_capital))
        .bind(&m.groups_met)
        .bind(&m.findings)
        .bind(m.created_by.map(|u| u.0))
        .bind(now_ms())
        .fetch_one(self.conn())
        .await?;
        self.touch_country(country_id).await?;
        Ok(row.try_get(0)?)
    }

    pub async fn insert_mission_need(&mut self, mission_id: i64, n: &NewNeed) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO mission_need (mission_id, priority, pillar, need, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(mission_id)
        .bind(n.priority)
        .bind(&n.pillar)
        .bind(&n.need)
        .bind(n.created_by.map(|u| u.0))
        .bind(now_ms())
        .fetch_one(self.conn())
        .await?;
        Ok(row.try_get(0)?)
    }

    /// Links a need to the activity made of it; `false` if the need already has one (it is set
    /// once).
    pub async fn link_need_activity(&mut self, need_id: i64, activity_id: i64) -> Result<bool, StoreError> {
        let r = sqlx::query("UPDATE mission_need SET activity_id = $1 WHERE id = $2 AND activity_id IS NULL")
            .bind(activity_id)
            .bind(need_id)
            .execute(self.conn())
            .await?;
        Ok(r.rows_affected() == 1)
    }

    /// Appends a status of an ownership criterion.
    pub async fn insert_ownership_status(
        &mut self,
        country_id: i64,
        o: &NewOwnership,
    ) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO ownership_status (country_id, criterion, status, status_on, evidence, recorded_by, recorded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(country_id)
        .bind(&o.criterion)
        .bind(&o.status)
        .bind(&o.status_on)
        .bind(&o.evidence)
        .bind(o.recorded_by.map(|u| u.0))
        .bind(now_ms())
        .fetch_one(self.conn())
        .await?;
        self.touch_country(country_id).await?;
        Ok(row.try_get(0)?)
    }
}
