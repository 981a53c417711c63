//! Programme activities and indicators: reference sheets, periods with targets, disaggregation
//! category models (one row per version), actuals per period and category, and the append-only
//! workflow of each actual.
//!
//! This crate stores codes, dates and exact values as given and does not interpret them: the
//! engine (`praxis-programme`) checks the reference sheet, the model and the workflow.

use praxis_model::{OrgId, UserId};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::db::now_ms;
use crate::{Store, StoreError, WriteTx};

#[derive(Debug, Clone)]
pub struct ActivityRow {
    pub id: i64,
    pub identifier: String,
    pub reporting_org: String,
    pub title: String,
    pub description: String,
    /// ISO 3166-1 alpha-2; `None` for a regional activity.
    pub country: Option<String>,
    /// YYYY-MM-DD
    pub start_on: String,
    pub end_on: Option<String>,
    pub status: String,
    pub budget_minor: Option<i64>,
    pub currency: Option<String>,
    /// Space-separated pillar and theme codes.
    pub tags: String,
    pub owner_org: OrgId,
    pub created_by: Option<UserId>,
    pub created_at: i64,
    /// The workplan it belongs to (migration 0023).
    pub workplan_id: Option<i64>,
    /// The theory-of-change output it delivers, as the node id text (`O3.1`); may be empty.
    pub toc_output: String,
    pub responsible_org: String,
    /// ISO 3166-2 subdivision.
    pub area: Option<String>,
    /// A place below the subdivision, in plain words.
    pub place: String,
    /// `None`: the location is not recorded.
    pub capital: Option<bool>,
    pub conflict_affected: bool,
}

#[derive(Debug, Clone)]
pub struct NewActivity {
    pub identifier: String,
    pub reporting_org: String,
    pub title: String,
    pub description: String,
    pub country: Option<String>,
    pub start_on: String,
    pub end_on: Option<String>,
    pub status: String,
    pub budget_minor: Option<i64>,
    pub currency: Option<String>,
    pub tags: String,
    pub owner_org: OrgId,
    pub created_by: Option<UserId>,
    /// The workplan it belongs to (migration 0023).
    pub workplan_id: Option<i64>,
    /// The theory-of-change output it delivers, as the node id text (`O3.1`); may be empty.
    pub toc_output: String,
    pub responsible_org: String,
    /// ISO 3166-2 subdivision.
    pub area: Option<String>,
    /// A place below the subdivision, in plain words.
    pub place: String,
    /// `None`: the location is not recorded.
    pub capital: Option<bool>,
    pub conflict_affected: bool,
}

#[derive(Debug, Clone)]
pub struct ModelRow {
    pub id: i64,
    pub name: String,
    pub version: u32,
    /// One dimension per line: `sex: female male unknown`.
    pub spec: String,
    pub owner_org: OrgId,
    pub created_by: Option<UserId>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone)]
pub struct IndicatorRow {
    pub id: i64,
    pub code: String,
    pub activity_id: Option<i64>,
    /// output, outcome, impact
    pub result_level: String,
    pub title: String,
    pub definition: String,
    pub unit: String,
    pub measure: String,
    pub direction: String,
    pub means_of_verification: String,
    pub frequency: String,
    pub owner: String,
    pub tags: String,
    pub country: Option<String>,
    /// `entered`, or the code of a live computation.
    pub source: String,
    pub model_id: Option<i64>,
    pub baseline_on: String,
    pub baseline_milli: Option<i64>,
    pub owner_org: OrgId,
    pub created_by: Option<UserId>,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewIndicator {
    pub code: String,
    pub activity_id: Option<i64>,
    pub result_level: String,
    pub title: String,
    pub definition: String,
    pub unit: String,
    pub measure: String,
    pub direction: String,
    pub means_of_verification: String,
    pub frequency: String,
    pub owner: String,
    pub tags: String,
    pub country: Option<String>,
    pub source: String,
    pub model_id: Option<i64>,
    pub baseline_on: String,
    pub baseline_milli: Option<i64>,
    pub owner_org: OrgId,
    pub created_by: Option<UserId>,
}

#[derive(Debug, Clone)]
pub struct PeriodRow {
    pub id: i64,
    pub indicator_id: i64,
    pub start_on: String,
    /// Exclusive.
    pub end_on: String,
    pub target_milli: Option<i64>,
    pub target_comment: String,
}

#[derive(Debug, Clone)]
pub struct ActualRow {
    pub id: i64,
    pub period_id: i64,
    pub indicator_id: i64,
    pub model_id: Option<i64>,
    /// `''` for the total, else `dimension=category` pairs separated by spaces.
    pub category_key: String,
    pub value_milli: Option<i64>,
    pub comment: String,
    pub created_by: Option<UserId>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone)]
pub struct StepRow {
    pub id: i64,
    pub actual_id: i64,
    /// submit, return, approve
    pub action: String,
    pub note: String,
    /// YYYY-MM-DD
    pub acted_on: String,
    pub acted_by: Option<UserId>,
    pub acted_by_username: Option<String>,
    pub acted_by_name: Option<String>,
    pub acted_at: i64,
}

const ACTIVITY_COLUMNS: &str =
    "id, identifier, reporting_org, title, description, country, start_on, end_on, \
     status, budget_minor, currency, tags, owner_org_id, created_by, created_at, \
     workplan_id, toc_output, responsible_org, area, place, capital, conflict_affected";

fn activity_from_row(r: &AnyRow) -> Result<ActivityRow, StoreError> {
    Ok(ActivityRow {
        id: r.try_get(0)?,
        identifier: r.try_get(1)?,
        reporting_org: r.try_get(2)?,
        title: r.try_get(3)?,
        description: r.try_get(4)?,
        country: r.try_get(5)?,
        start_on: r.try_get(6)?,
        end_on: r.try_get(7)?,
        status: r.try_get(8)?,
        budget_minor: r.try_get(9)?,
        currency: r.try_get(10)?,
        tags: r.try_get(11)?,
        owner_org: OrgId(r.try_get(12)?),
        created_by: r.try_get::<Option<i64>, _>(13)?.map(UserId),
        created_at: r.try_get(14)?,
        workplan_id: r.try_get(15)?,
        toc_output: r.try_get(16)?,
        responsible_org: r.try_get(17)?,
        area: r.try_get(18)?,
        place: r.try_get(19)?,
        capital: r.try_get::<Option<i64>, _>(20)?.map(|c| c != 0),
        conflict_affected: r.try_get::<i64, _>(21)? != 0,
    })
}

const MODEL_COLUMNS: &str = "id, name, version, spec, owner_org_id, created_by, created_at, updated_at";

fn model_from_row(r: &AnyRow) -> Result<ModelRow, StoreError> {
    Ok(ModelRow {
        id: r.try_get(0)?,
        name: r.try_get(1)?,
        version: u32::try_from(r.try_get::<i64, _>(2)?).unwrap_or(0),
        spec: r.try_get(3)?,
        owner_org: OrgId(r.try_get(4)?),
        created_by: r.try_get::<Option<i64>, _>(5)?.map(UserId),
        created_at: r.try_get(6)?,
        updated_at: r.try_get(7)?,
    })
}

const INDICATOR_COLUMNS: &str =
    "id, code, activity_id, result_level, title, definition, unit, measure, direction, \
     means_of_verification, frequency, owner, tags, country, source, model_id, baseline_on, baseline_milli, \
     owner_org_id, created_by, created_at";

fn indicator_from_row(r: &AnyRow) -> Result<IndicatorRow, StoreError> {
    Ok(IndicatorRow {
        id: r.try_get(0)?,
        code: r.try_get(1)?,
        activity_id: r.try_get(2)?,
        result_level: r.try_get(3)?,
        title: r.try_get(4)?,
        definition: r.try_get(5)?,
        unit: r.try_get(6)?,
        measure: r.try_get(7)?,
        direction: r.try_get(8)?,
        means_of_verification: r.try_get(9)?,
        frequency: r.try_get(10)?,
        owner: r.try_get(11)?,
        tags: r.try_get(12)?,
        country: r.try_get(13)?,
        source: r.try_get(14)?,
        model_id: r.try_get(15)?,
        baseline_on: r.try_get(16)?,
        baseline_milli: r.try_get(17)?,
        owner_org: OrgId(r.try_get(18)?),
        created_by: r.try_get::<Option<i64>, _>(19)?.map(UserId),
        created_at: r.try_get(20)?,
    })
}

fn period_from_row(r: &AnyRow) -> Result<PeriodRow, StoreError> {
    Ok(PeriodRow {
        id: r.try_get(0)?,
        indicator_id: r.try_get(1)?,
        start_on: r.try_get(2)?,
        end_on: r.try_get(3)?,
        target_milli: r.try_get(4)?,
        target_comment: r.try_get(5)?,
    })
}

const ACTUAL_SELECT: &str =
    "SELECT a.id, a.period_id, p.indicator_id, a.model_id, a.category_key, a.value_milli, \
     a.comment, a.created_by, a.created_at, a.updated_at \
     FROM indicator_actual a JOIN indicator_period p ON p.id = a.period_id";

fn actual_from_row(r: &AnyRow) -> Result<ActualRow, StoreError> {
    Ok(ActualRow {
        id: r.try_get(0)?,
        period_id: r.try_get(1)?,
        indicator_id: r.try_get(2)?,
        model_id: r.try_get(3)?,
        category_key: r.try_get(4)?,
        value_milli: r.try_get(5)?,
        comment: r.try_get(6)?,
        created_by: r.try_get::<Option<i64>, _>(7)?.map(UserId),
        created_at: r.try_get(8)?,
        updated_at: r.try_get(9)?,
    })
}

const STEP_SELECT: &str = "SELECT s.id, s.actual_id, s.action, s.note, s.acted_on, s.acted_by, u.username, \
     u.display_name, s.acted_at FROM indicator_actual_step s LEFT JOIN user_account u ON u.id = s.acted_by";

fn step_from_row(r: &AnyRow) -> Result<StepRow, StoreError> {
    Ok(StepRow {
        id: r.try_get(0)?,
        actual_id: r.try_get(1)?,
        action: r.try_get(2)?,
        note: r.try_get(3)?,
        acted_on: r.try_get(4)?,
        acted_by: r.try_get::<Option<i64>, _>(5)?.map(UserId),
        acted_by_username: r.try_get(6)?,
        acted_by_name: r.try_get(7)?,
        acted_at: r.try_get(8)?,
    })
}

impl Store {
    /// Every activity, by identifier. The application filters by policy.
    #[tracing::instrument(skip_all)]
    pub async fn list_programme_activities(&self) -> Result<Vec<ActivityRow>, StoreError> {
        let rows =
            sqlx::query(&format!("SELECT {ACTIVITY_COLUMNS} FROM programme_activity ORDER BY identifier"))
                .fetch_all(&mut *self.conn().await?)
                .await?;
        rows.iter().map(activity_from_row).collect()
    }

    #[tracing::instrument(skip_all)]
    pub async fn get_programme_activity(&self, id: i64) -> Result<Option<ActivityRow>, StoreError> {
        let row = sqlx::query(&format!("SELECT {ACTIVITY_COLUMNS} FROM programme_activity WHERE id = $1"))
            .bind(id)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.as_ref().map(activity_from_row).transpose()
    }

    /// Every model version, by name then version.
    #[tracing::instrument(skip_all)]
    pub async fn list_disaggregation_models(&self) -> Result<Vec<ModelRow>, StoreError> {
        let rows =
            sqlx::query(&format!("SELECT {MODEL_COLUMNS} FROM disaggregation_model ORDER BY name, version"))
                .fetch_all(&mut *self.conn().await?)
                .await?;
        rows.iter().map(model_from_row).collect()
    }

    #[tracing::instrument(skip_all)]
    pub async fn get_disaggregation_model(&self, id: i64) -> Result<Option<ModelRow>, StoreError> {
        let row = sqlx::query(&format!("SELECT {MODEL_COLUMNS} FROM disaggregation_model WHERE id = $1"))
            .bind(id)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.as_ref().map(model_from_row).transpose()
    }

    /// How many actuals are stored under a model version.
    #[tracing::instrument(skip_all)]
    pub async fn count_values_under_model(&self, model_id: i64) -> Result<u64, StoreError> {
        let row = sqlx::query("SELECT COUNT(*) FROM indicator_actual WHERE model_id = $1")
            .bind(model_id)
            .fetch_one(&mut *self.conn().await?)
            .await?;
        Ok(u64::try_from(row.try_get::<i64, _>(0)?).unwrap_or(0))
    }

    /// Every indicator, by code. The application filters by policy.
    #[tracing::instrument(skip_all)]
    pub async fn list_indicators(&self) -> Result<Vec<IndicatorRow>, StoreError> {
        let rows = sqlx::query(&format!("SELECT {INDICATOR_COLUMNS} FROM indicator ORDER BY code"))
            .fetch_all(&mut *self.conn().await?)
            .await?;
        rows.iter().map(indicator_from_row).collect()
    }

    #[tracing::instrument(skip_all)]
    pub async fn get_indicator(&self, id: i64) -> Result<Option<IndicatorRow>, StoreError> {
        let row = sqlx::query(&format!("SELECT {INDICATOR_COLUMNS} FROM indicator WHERE id = $1"))
            .bind(id)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.as_ref().map(indicator_from_row).transpose()
    }

    /// The periods of an indicator, oldest first.
    #[tracing::instrument(skip_all)]
    pub async fn indicator_periods(&self, indicator_id: i64) -> Result<Vec<PeriodRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, indicator_id, start_on, end_on, target_milli, target_comment FROM indicator_period \
             WHERE indicator_id = $1 ORDER BY start_on",
        )
        .bind(indicator_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter().map(period_from_row).collect()
    }

    /// The actuals of an indicator, by period then category (the total first).
    #[tracing::instrument(skip_all)]
    pub async fn indicator_actuals(&self, indicator_id: i64) -> Result<Vec<ActualRow>, StoreError> {
        let rows = sqlx::query(&format!(
            "{ACTUAL_SELECT} WHERE p.indicator_id = $1 ORDER BY p.start_on, a.category_key, a.id"
        ))
        .bind(indicator_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter().map(actual_from_row).collect()
    }

    /// The workflow steps of every actual of an indicator, in the order taken.
    #[tracing::instrument(skip_all)]
    pub async fn indicator_steps(&self, indicator_id: i64) -> Result<Vec<StepRow>, StoreError> {
        let rows = sqlx::query(&format!(
            "{STEP_SELECT} WHERE s.actual_id IN (SELECT a.id FROM indicator_actual a \
             JOIN indicator_period p ON p.id = a.period_id WHERE p.indicator_id = $1) ORDER BY s.id"
        ))
        .bind(indicator_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter().map(step_from_row).collect()
    }
}

impl WriteTx {
    pub async fn insert_programme_activity(&mut self, a: &NewActivity) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO programme_activity (identifier, reporting_org, title, description, country, start_on, end_on, \
             status, budget_minor, currency, tags, owner_org_id, created_by, created_at, \
             workplan_id, toc_output, responsible_org, area, place, capital, conflict_affected) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, \
             $15, $16, $17, $18, $19, $20, $21) RETURNING id",
        )
        .bind(&a.identifier)
        .bind(&a.reporting_org)
        .bind(&a.title)
        .bind(&a.description)
        .bind(&a.country)
        .bind(&a.start_on)
        .bind(&a.end_on)
        .bind(&a.status)
        .bind(a.budget_minor)
        .bind(&a.currency)
        .bind(&a.tags)
        .bind(a.owner_org.0)
        .bind(a.created_by.map(|u| u.0))
        .bind(now_ms())
        .bind(a.workplan_id)
        .bind(&a.toc_output)
        .bind(&a.responsible_org)
        .bind(&a.area)
        .bind(&a.place)
        .bind(a.capital.map(i64::from))
        .bind(i64::from(a.conflict_affected))
        .fetch_one(self.conn())
        .await
        .map_err(crate::error::conflict_or("an activity with this identifier"))?;
        Ok(row.try_get(0)?)
    }

    pub async fn insert_disaggregation_model(
        &mut self,
        name: &str,
        version: u32,
        spec: &str,
        owner_org: OrgId,
        created_by: Option<UserId>,
    ) -> Result<i64, StoreError> {
        let now = now_ms();
        let row = sqlx::query(
            "INSERT INTO disaggregation_model (name, version, spec, owner_org_id, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
        )
        .bind(name)
        .bind(i64::from(version))
        .bind(spec)
        .bind(owner_org.0)
        .bind(created_by.map(|u| u.0))
        .bind(now)
        .fetch_one(self.conn())
        .await
        .map_err(crate::error::conflict_or("this version of the model"))?;
        Ok(row.try_get(0)?)
    }

    /// Replaces a version's categories. Only when no value is stored under it: the condition is
    /// part of the statement, so a value stored meanwhile makes it change nothing (`false`).
    pub async fn replace_disaggregation_model(&mut self, id: i64, spec: &str) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE disaggregation_model SET spec = $1, updated_at = $2 WHERE id = $3 \
             AND NOT EXISTS (SELECT 1 FROM indicator_actual WHERE model_id = $3)",
        )
        .bind(spec)
        .bind(now_ms())
        .bind(id)
        .execute(self.conn())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn insert_indicator(&mut self, i: &NewIndicator) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO indicator (code, activity_id, result_level, title, definition, unit, measure, direction, \
             means_of_verification, frequency, owner, tags, country, source, model_id, baseline_on, baseline_milli, \
             owner_org_id, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) \
             RETURNING id",
        )
        .bind(&i.code)
        .bind(i.activity_id)
        .bind(&i.result_level)
        .bind(&i.title)
        .bind(&i.definition)
        .bind(&i.unit)
        .bind(&i.measure)
        .bind(&i.direction)
        .bind(&i.means_of_verification)
        .bind(&i.frequency)
        .bind(&i.owner)
        .bind(&i.tags)
        .bind(&i.country)
        .bind(&i.source)
        .bind(i.model_id)
        .bind(&i.baseline_on)
        .bind(i.baseline_milli)
        .bind(i.owner_org.0)
        .bind(i.created_by.map(|u| u.0))
        .bind(now_ms())
        .fetch_one(self.conn())
        .await
        .map_err(crate::error::conflict_or("an indicator with this code"))?;
        Ok(row.try_get(0)?)
    }

    pub async fn insert_indicator_period(
        &mut self,
        indicator_id: i64,
        start_on: &str,
        end_on: &str,
        target_milli: Option<i64>,
        target_comment: &str,
    ) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO indicator_period (indicator_id, start_on, end_on, target_milli, target_comment) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(indicator_id)
        .bind(start_on)
        .bind(end_on)
        .bind(target_milli)
        .bind(target_comment)
        .fetch_one(self.conn())
        .await
        .map_err(crate::error::conflict_or("a period starting on this date"))?;
        Ok(row.try_get(0)?)
    }

    pub async fn insert_indicator_actual(
        &mut self,
        period_id: i64,
        model_id: Option<i64>,
        category_key: &str,
        value_milli: Option<i64>,
        comment: &str,
        created_by: Option<UserId>,
    ) -> Result<i64, StoreError> {
        let now = now_ms();
        let row = sqlx::query(
            "INSERT INTO indicator_actual (period_id, model_id, category_key, value_milli, comment, created_by, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
        )
        .bind(period_id)
        .bind(model_id)
        .bind(category_key)
        .bind(value_milli)
        .bind(comment)
        .bind(created_by.map(|u| u.0))
        .bind(now)
        .fetch_one(self.conn())
        .await
        .map_err(crate::error::conflict_or("an actual for this period and category"))?;
        Ok(row.try_get(0)?)
    }

    /// Changes the value of a draft or returned actual (the application checks the status).
    pub async fn update_indicator_actual(
        &mut self,
        id: i64,
        value_milli: Option<i64>,
        comment: &str,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE indicator_actual SET value_milli = $1, comment = $2, updated_at = $3 WHERE id = $4",
        )
        .bind(value_milli)
        .bind(comment)
        .bind(now_ms())
        .bind(id)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    pub async fn insert_indicator_step(
        &mut self,
        actual_id: i64,
        action: &str,
        note: &str,
        acted_on: &str,
        acted_by: Option<UserId>,
    ) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO indicator_actual_step (actual_id, action, note, acted_on, acted_by, acted_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(actual_id)
        .bind(action)
        .bind(note)
        .bind(acted_on)
        .bind(acted_by.map(|u| u.0))
        .bind(now_ms())
        .fetch_one(self.conn())
        .await?;
        Ok(row.try_get(0)?)
    }
}
