//! Cases: the case file, its jurisdictions, stage history, offences, subjects, protected persons
//! (pseudonyms only: identities are protected values), the case team and the timeline.
//!
//! Vocabulary columns hold the codes of `praxis_model::case`; this crate stores them as text and
//! does not interpret them.

use praxis_model::{OrgId, UserId};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::db::now_ms;
use crate::{Store, StoreError, WriteTx};

#[derive(Debug, Clone)]
pub struct CaseRow {
    pub id: i64,
    pub owner_org: OrgId,
    pub reference: String,
    pub title: String,
    pub crime_type: String,
    pub stage: String,
    pub summary: String,
    pub created_by: Option<UserId>,
    pub created_at: i64,
    pub updated_at: i64,
    /// Sorted codes.
    pub jurisdictions: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct NewCase {
    pub owner_org: OrgId,
    pub reference: String,
    pub title: String,
    pub crime_type: String,
    pub stage: String,
    pub summary: String,
    pub created_by: Option<UserId>,
    pub jurisdictions: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct StageChangeRow {
    pub stage: String,
    pub note: String,
    pub changed_by: Option<UserId>,
    pub changed_at: i64,
}

#[derive(Debug, Clone)]
pub struct OffenceRow {
    pub id: i64,
    pub offence: String,
    pub provision: String,
    pub jurisdiction: String,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct SubjectRow {
    pub id: i64,
    pub case_id: i64,
    pub name: String,
    pub aliases: String,
    pub network_role: String,
    pub status: String,
    pub nationality: String,
    pub notes: String,
    pub created_at: i64,
    pub updated_at: i64,
    /// Accounts held or controlled, comma-separated.
    pub accounts: String,
}

#[derive(Debug, Clone)]
pub struct NewSubject {
    pub name: String,
    pub aliases: String,
    pub network_role: String,
    pub status: String,
    pub nationality: String,
    pub notes: String,
    pub accounts: String,
}

#[derive(Debug, Clone)]
pub struct PersonRow {
    pub id: i64,
    pub case_id: i64,
    pub kind: String,
    pub pseudonym: String,
    pub sex: String,
    pub age_band: String,
    pub nationality: String,
    pub exploitation: String,
    pub violence: bool,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewPerson {
    pub kind: String,
    /// The pseudonym's letter; the number is the next free one in the owning organisation.
    pub prefix: String,
    pub sex: String,
    pub age_band: String,
    pub nationality: String,
    pub exploitation: String,
    pub violence: bool,
}

#[derive(Debug, Clone)]
pub struct MemberRow {
    pub user_id: UserId,
    pub username: String,
    pub display_name: String,
    pub added_at: i64,
}

#[derive(Debug, Clone)]
pub struct EventRow {
    pub id: i64,
    pub occurred_on: String,
    pub title: String,
    pub detail: String,
    pub created_by: Option<UserId>,
    pub created_at: i64,
}

const CASE_COLUMNS: &str =
    "id, owner_org_id, reference, title, crime_type, stage, summary, created_by, created_at, updated_at";

fn case_from_row(r: &AnyRow) -> Result<CaseRow, StoreError> {
    Ok(CaseRow {
        id: r.try_get(0)?,
        owner_org: OrgId(r.try_get(1)?),
        reference: r.try_get(2)?,
        title: r.try_get(3)?,
        crime_type: r.try_get(4)?,
        stage: r.try_get(5)?,
        summary: r.try_get(6)?,
        created_by: r.try_get::<Option<i64>, _>(7)?.map(UserId),
        created_at: r.try_get(8)?,
        updated_at: r.try_get(9)?,
        jurisdictions: vec![],
    })
}

const SUBJECT_COLUMNS: &str =
    "id, case_id, name, aliases, network_role, status, nationality, notes, created_at, updated_at, accounts";

fn subject_from_row(r: &AnyRow) -> Result<SubjectRow, StoreError> {
    Ok(SubjectRow {
        id: r.try_get(0)?,
        case_id: r.try_get(1)?,
        name: r.try_get(2)?,
        aliases: r.try_get(3)?,
        network_role: r.try_get(4)?,
        status: r.try_get(5)?,
        nationality: r.try_get(6)?,
        notes: r.try_get(7)?,
        created_at: r.try_get(8)?,
        updated_at: r.try_get(9)?,
        accounts: r.try_get(10)?,
    })
}

const PERSON_COLUMNS: &str =
    "id, case_id, kind, pseudonym, sex, age_band, nationality, exploitation, violence, created_at";

fn person_from_row(r: &AnyRow) -> Result<PersonRow, StoreError> {
    Ok(PersonRow {
        id: r.try_get(0)?,
        case_id: r.try_get(1)?,
        kind: r.try_get(2)?,
        pseudonym: r.try_get(3)?,
        sex: r.try_get(4)?,
        age_band: r.try_get(5)?,
        nationality: r.try_get(6)?,
        exploitation: r.try_get(7)?,
        violence: r.try_get::<i64, _>(8)? != 0,
        created_at: r.try_get(9)?,
    })
}

impl Store {
    /// Every case with its jurisdictions, newest first. The application filters by policy.
    pub async fn list_cases(&self) -> Result<Vec<CaseRow>, StoreError> {
        let mut conn = self.conn().await?;
        let rows =
            sqlx::query(&format!("SELECT {CASE_COLUMNS} FROM case_file ORDER BY updated_at DESC, id DESC"))
                .fetch_all(&mut *conn)
                .await?;
        let mut cases: Vec<CaseRow> = rows.iter().map(case_from_row).collect::<Result<_, _>>()?;
        let jur =
            sqlx::query("SELECT case_id, jurisdiction FROM case_jurisdiction ORDER BY case_id, jurisdiction")
                .fetch_all(&mut *conn)
                .await?;
        let mut by_case: std::collections::HashMap<i64, Vec<String>> = Default::default();
        for r in &jur {
            by_case.entry(r.try_get(0)?).or_default().push(r.try_get(1)?);
        }
        for c in &mut cases {
            c.jurisdictions = by_case.remove(&c.id).unwrap_or_default();
        }
        Ok(cases)
    }

    pub async fn get_case(&self, id: i64) -> Result<Option<CaseRow>, StoreError> {
        let mut conn = self.conn().await?;
        let row = sqlx::query(&format!("SELECT {CASE_COLUMNS} FROM case_file WHERE id = $1"))
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
        let Some(mut case) = row.as_ref().map(case_from_row).transpose()? else { return Ok(None) };
        let jur = sqlx::query(
            "SELECT jurisdiction FROM case_jurisdiction WHERE case_id = $1 ORDER BY jurisdiction",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
        case.jurisdictions = jur.iter().map(|r| r.try_get(0)).collect::<Result<_, _>>()?;
        Ok(Some(case))
    }

    pub async fn case_stage_history(&self, case_id: i64) -> Result<Vec<StageChangeRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT stage, note, changed_by, changed_at FROM case_stage_change WHERE case_id = $1 ORDER BY id",
        )
        .bind(case_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(StageChangeRow {
                    stage: r.try_get(0)?,
                    note: r.try_get(1)?,
                    changed_by: r.try_get::<Option<i64>, _>(2)?.map(UserId),
                    changed_at: r.try_get(3)?,
                })
            })
            .collect()
    }

    pub async fn case_offences(&self, case_id: i64) -> Result<Vec<OffenceRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, offence, provision, jurisdiction, created_at FROM case_offence WHERE case_id = $1 ORDER BY id",
        )
        .bind(case_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(OffenceRow {
                    id: r.try_get(0)?,
                    offence: r.try_get(1)?,
                    provision: r.try_get(2)?,
                    jurisdiction: r.try_get(3)?,
                    created_at: r.try_get(4)?,
                })
            })
            .collect()
    }

    pub async fn case_subjects(&self, case_id: i64) -> Result<Vec<SubjectRow>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {SUBJECT_COLUMNS} FROM case_subject WHERE case_id = $1 ORDER BY id"
        ))
        .bind(case_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter().map(subject_from_row).collect()
    }

    pub async fn get_subject(&self, id: i64) -> Result<Option<SubjectRow>, StoreError> {
        let row = sqlx::query(&format!("SELECT {SUBJECT_COLUMNS} FROM case_subject WHERE id = $1"))
            .bind(id)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.as_ref().map(subject_from_row).transpose()
    }

    pub async fn case_persons(&self, case_id: i64) -> Result<Vec<PersonRow>, StoreError> {
        let rows =
            sqlx::query(&format!("SELECT {PERSON_COLUMNS} FROM case_person WHERE case_id = $1 ORDER BY id"))
                .bind(case_id)
                .fetch_all(&mut *self.conn().await?)
                .await?;
        rows.iter().map(person_from_row).collect()
    }

    pub async fn get_person(&self, id: i64) -> Result<Option<PersonRow>, StoreError> {
        let row = sqlx::query(&format!("SELECT {PERSON_COLUMNS} FROM case_person WHERE id = $1"))
            .bind(id)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.as_ref().map(person_from_row).transpose()
    }

    pub async fn case_members(&self, case_id: i64) -> Result<Vec<MemberRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT m.user_id, u.username, u.display_name, m.added_at FROM case_member m \
             JOIN user_account u ON u.id = m.user_id WHERE m.case_id = $1 ORDER BY u.username",
        )
        .bind(case_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(MemberRow {
                    user_id: UserId(r.try_get(0)?),
                    username: r.try_get(1)?,
                    display_name: r.try_get(2)?,
                    added_at: r.try_get(3)?,
                })
            })
            .collect()
    }

    pub async fn case_events(&self, case_id: i64) -> Result<Vec<EventRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, occurred_on, title, detail, created_by, created_at FROM case_event \
             WHERE case_id = $1 ORDER BY occurred_on, id",
        )
        .bind(case_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(EventRow {
                    id: r.try_get(0)?,
                    occurred_on: r.try_get(1)?,
                    title: r.try_get(2)?,
                    detail: r.try_get(3)?,
                    created_by: r.try_get::<Option<i64>, _>(4)?.map(UserId),
                    created_at: r.try_get(5)?,
                })
            })
            .collect()
    }
}

impl WriteTx {
    /// Creates the case, its jurisdictions and the first entry of its stage history.
    pub async fn insert_case(&mut self, c: &NewCase) -> Result<i64, StoreError> {
        let now = now_ms();
        let row = sqlx::query(
            "INSERT INTO case_file (owner_org_id, reference, title, crime_type, stage, summary, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
        )
        .bind(c.owner_org.0)
        .bind(&c.reference)
        .bind(&c.title)
        .bind(&c.crime_type)
        .bind(&c.stage)
        .bind(&c.summary)
        .bind(c.created_by.map(|u| u.0))
        .bind(now)
        .fetch_one(self.conn())
        .await
        .map_err(crate::error::conflict_or("a case with this reference in your organisation"))?;
        let id: i64 = row.try_get(0)?;
        for j in &c.jurisdictions {
            sqlx::query("INSERT INTO case_jurisdiction (case_id, jurisdiction) VALUES ($1, $2)")
                .bind(id)
                .bind(j)
                .execute(self.conn())
                .await?;
        }
        self.insert_stage_change(id, &c.stage, "", c.created_by).await?;
        Ok(id)
    }

    async fn insert_stage_change(
        &mut self,
        case_id: i64,
        stage: &str,
        note: &str,
        by: Option<UserId>,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO case_stage_change (case_id, stage, note, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(case_id)
        .bind(stage)
        .bind(note)
        .bind(by.map(|u| u.0))
        .bind(now_ms())
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// Moves the case to `stage` and records the change in its history.
    pub async fn set_case_stage(
        &mut self,
        case_id: i64,
        stage: &str,
        note: &str,
        by: Option<UserId>,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE case_file SET stage = $1, updated_at = $2 WHERE id = $3")
            .bind(stage)
            .bind(now_ms())
            .bind(case_id)
            .execute(self.conn())
            .await?;
        self.insert_stage_change(case_id, stage, note, by).await
    }

    pub async fn touch_case(&mut self, case_id: i64) -> Result<(), StoreError> {
        sqlx::query("UPDATE case_file SET updated_at = $1 WHERE id = $2")
            .bind(now_ms())
            .bind(case_id)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    pub async fn insert_offence(
        &mut self,
        case_id: i64,
        offence: &str,
        provision: &str,
        jurisdiction: &str,
    ) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO case_offence (case_id, offence, provision, jurisdiction, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(case_id)
        .bind(offence)
        .bind(provision)
        .bind(jurisdiction)
        .bind(now_ms())
        .fetch_one(self.conn())
        .await?;
        self.touch_case(case_id).await?;
        Ok(row.try_get(0)?)
    }

    pub async fn insert_subject(&mut self, case_id: i64, s: &NewSubject) -> Result<i64, StoreError> {
        let now = now_ms();
        let row = sqlx::query(
            "INSERT INTO case_subject (case_id, name, aliases, network_role, status, nationality, notes, created_at, updated_at, accounts) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9) RETURNING id",
        )
        .bind(case_id)
        .bind(&s.name)
        .bind(&s.aliases)
        .bind(&s.network_role)
        .bind(&s.status)
        .bind(&s.nationality)
        .bind(&s.notes)
        .bind(now)
        .bind(&s.accounts)
        .fetch_one(self.conn())
        .await?;
        self.touch_case(case_id).await?;
        Ok(row.try_get(0)?)
    }

    pub async fn update_subject(
        &mut self,
        subject_id: i64,
        network_role: &str,
        status: &str,
        accounts: &str,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE case_subject SET network_role = $1, status = $2, updated_at = $3, accounts = $4 WHERE id = $5",
        )
        .bind(network_role)
        .bind(status)
        .bind(now_ms())
        .bind(accounts)
        .bind(subject_id)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    /// Adds a protected person under the next free pseudonym of the owning organisation
    /// (`V-001`, `V-002` … per letter). Numbers run across the organisation's cases, so that a
    /// pseudonym names one person wherever it is quoted; writers queue on the audit head, so two
    /// never take the same number.
    pub async fn insert_person(
        &mut self,
        case_id: i64,
        owner_org: OrgId,
        p: &NewPerson,
    ) -> Result<(i64, String), StoreError> {
        let pattern = format!("{}-%", p.prefix);
        let taken = sqlx::query(
            "SELECT p.pseudonym FROM case_person p JOIN case_file c ON c.id = p.case_id \
             WHERE c.owner_org_id = $1 AND p.pseudonym LIKE $2",
        )
        .bind(owner_org.0)
        .bind(&pattern)
        .fetch_all(self.conn())
        .await?;
        let mut next = 1;
        for r in &taken {
            let name: String = r.try_get(0)?;
            if let Some(n) = name.split_once('-').and_then(|(_, n)| n.parse::<i64>().ok()) {
                next = next.max(n + 1);
            }
        }
        let pseudonym = format!("{}-{next:03}", p.prefix);
        let row = sqlx::query(
            "INSERT INTO case_person (case_id, kind, pseudonym, sex, age_band, nationality, exploitation, violence, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(case_id)
        .bind(&p.kind)
        .bind(&pseudonym)
        .bind(&p.sex)
        .bind(&p.age_band)
        .bind(&p.nationality)
        .bind(&p.exploitation)
        .bind(i64::from(p.violence))
        .bind(now_ms())
        .fetch_one(self.conn())
        .await?;
        self.touch_case(case_id).await?;
        Ok((row.try_get(0)?, pseudonym))
    }

    /// Adds a member to the case team; false when they already were.
    pub async fn insert_member(
        &mut self,
        case_id: i64,
        user: UserId,
        by: Option<UserId>,
    ) -> Result<bool, StoreError> {
        let exists = sqlx::query("SELECT 1 FROM case_member WHERE case_id = $1 AND user_id = $2")
            .bind(case_id)
            .bind(user.0)
            .fetch_optional(self.conn())
            .await?;
        if exists.is_some() {
            return Ok(false);
        }
        sqlx::query("INSERT INTO case_member (case_id, user_id, added_by, added_at) VALUES ($1, $2, $3, $4)")
            .bind(case_id)
            .bind(user.0)
            .bind(by.map(|u| u.0))
            .bind(now_ms())
            .execute(self.conn())
            .await?;
        Ok(true)
    }

    pub async fn delete_member(&mut self, case_id: i64, user: UserId) -> Result<bool, StoreError> {
        let done = sqlx::query("DELETE FROM case_member WHERE case_id = $1 AND user_id = $2")
            .bind(case_id)
            .bind(user.0)
            .execute(self.conn())
            .await?;
        Ok(done.rows_affected() > 0)
    }

    pub async fn insert_event(
        &mut self,
        case_id: i64,
        occurred_on: &str,
        title: &str,
        detail: &str,
        by: Option<UserId>,
    ) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO case_event (case_id, occurred_on, title, detail, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(case_id)
        .bind(occurred_on)
        .bind(title)
        .bind(detail)
        .bind(by.map(|u| u.0))
        .bind(now_ms())
        .fetch_one(self.conn())
        .await?;
        self.touch_case(case_id).await?;
        Ok(row.try_get(0)?)
    }
}

/// A financial-flows dataset linked to a case.
#[derive(Debug, Clone)]
pub struct CaseDatasetRow {
    pub case_id: i64,
    pub dataset_id: i64,
    pub seeds: String,
    pub linked_at: i64,
}

impl Store {
    /// Datasets linked to a case (or to every case, for `None`).
    pub async fn case_datasets(&self, case_id: Option<i64>) -> Result<Vec<CaseDatasetRow>, StoreError> {
        let mut conn = self.conn().await?;
        let rows = match case_id {
            Some(id) => {
                sqlx::query(
                    "SELECT case_id, dataset_id, seeds, linked_at FROM case_dataset WHERE case_id = $1 ORDER BY linked_at",
                )
                .bind(id)
                .fetch_all(&mut *conn)
                .await?
            }
            None => {
                sqlx::query("SELECT case_id, dataset_id, seeds, linked_at FROM case_dataset ORDER BY case_id, linked_at")
                    .fetch_all(&mut *conn)
                    .await?
            }
        };
        rows.iter()
            .map(|r| {
                Ok(CaseDatasetRow {
                    case_id: r.try_get(0)?,
                    dataset_id: r.try_get(1)?,
                    seeds: r.try_get(2)?,
                    linked_at: r.try_get(3)?,
                })
            })
            .collect()
    }

    /// An organisation's score weights (JSON), if it set its own.
    pub async fn score_weights(&self, org: OrgId) -> Result<Option<String>, StoreError> {
        let row = sqlx::query("SELECT weights FROM score_weights WHERE org_id = $1")
            .bind(org.0)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        Ok(row.map(|r| r.try_get(0)).transpose()?)
    }
}

impl WriteTx {
    /// Links a dataset to a case, or changes its seeds when already linked.
    pub async fn link_case_dataset(
        &mut self,
        case_id: i64,
        dataset_id: i64,
        seeds: &str,
        by: Option<UserId>,
    ) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM case_dataset WHERE case_id = $1 AND dataset_id = $2")
            .bind(case_id)
            .bind(dataset_id)
            .execute(self.conn())
            .await?;
        sqlx::query(
            "INSERT INTO case_dataset (case_id, dataset_id, seeds, linked_by, linked_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(case_id)
        .bind(dataset_id)
        .bind(seeds)
        .bind(by.map(|u| u.0))
        .bind(now_ms())
        .execute(self.conn())
        .await?;
        self.touch_case(case_id).await
    }

    pub async fn set_score_weights(
        &mut self,
        org: OrgId,
        weights: &str,
        by: Option<UserId>,
    ) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM score_weights WHERE org_id = $1").bind(org.0).execute(self.conn()).await?;
        sqlx::query(
            "INSERT INTO score_weights (org_id, weights, updated_by, updated_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(org.0)
        .bind(weights)
        .bind(by.map(|u| u.0))
        .bind(now_ms())
        .execute(self.conn())
        .await?;
        Ok(())
    }
}

/// An advice or mentoring note on a case file.
#[derive(Debug, Clone)]
pub struct NoteRow {
    pub id: i64,
    pub kind: String,
    pub body: String,
    pub author: Option<UserId>,
    pub created_at: i64,
}

impl Store {
    pub async fn case_notes(&self, case_id: i64) -> Result<Vec<NoteRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, kind, body, author_id, created_at FROM case_note WHERE case_id = $1 ORDER BY id",
        )
        .bind(case_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(NoteRow {
                    id: r.try_get(0)?,
                    kind: r.try_get(1)?,
                    body: r.try_get(2)?,
                    author: r.try_get::<Option<i64>, _>(3)?.map(UserId),
                    created_at: r.try_get(4)?,
                })
            })
            .collect()
    }
}

impl WriteTx {
    pub async fn insert_note(
        &mut self,
        case_id: i64,
        kind: &str,
        body: &str,
        author: Option<UserId>,
    ) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO case_note (case_id, kind, body, author_id, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(case_id)
        .bind(kind)
        .bind(body)
        .bind(author.map(|u| u.0))
        .bind(now_ms())
        .fetch_one(self.conn())
        .await?;
        Ok(row.try_get(0)?)
    }
}
