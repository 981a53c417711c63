//! Theories of change: a theory (national or regional) with numbered versions; each version's
//! nodes and causal links, reviewers' comments (append-only) and the history of who changed what
//! (append-only).
//!
//! Levels, statuses and tags are stored as text and not interpreted here: the application checks
//! them with `praxis_programme::toc`. Whether a version may still change is the application's
//! decision, read inside the write transaction with [`WriteTx::toc_version_status`].

use praxis_model::{OrgId, UserId};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::db::now_ms;
use crate::{Store, StoreError, WriteTx};

#[derive(Debug, Clone)]
pub struct TocRow {
    pub id: i64,
    pub title: String,
    /// ISO 3166-1 alpha-2 for a national theory.
    pub country: Option<String>,
    /// The region's name for a regional theory.
    pub region: Option<String>,
    pub owner_org: OrgId,
    pub created_by: Option<UserId>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewToc {
    pub title: String,
    pub country: Option<String>,
    pub region: Option<String>,
    pub owner_org: OrgId,
    pub created_by: Option<UserId>,
}

#[derive(Debug, Clone)]
pub struct TocVersionRow {
    pub id: i64,
    pub toc_id: i64,
    pub version: u32,
    pub status: String,
    pub created_by: Option<UserId>,
    pub created_by_name: Option<String>,
    pub created_at: i64,
    pub submitted_by: Option<UserId>,
    pub submitted_by_name: Option<String>,
    pub submitted_at: Option<i64>,
    pub decided_by: Option<UserId>,
    pub decided_by_name: Option<String>,
    pub decided_at: Option<i64>,
}

/// A node or its new content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocNodeRow {
    pub key: String,
    pub level: String,
    pub title: String,
    pub description: String,
    /// Space-separated pillar and theme codes.
    pub tags: String,
}

/// A link or its new content; assumptions and risks one per line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocLinkRow {
    pub from: String,
    pub to: String,
    pub rationale: String,
    pub assumptions: String,
    pub risks: String,
}

#[derive(Debug, Clone)]
pub struct TocCommentRow {
    pub id: i64,
    pub version_id: i64,
    pub node: Option<String>,
    pub link_from: Option<String>,
    pub link_to: Option<String>,
    pub body: String,
    pub author: Option<UserId>,
    pub author_name: Option<String>,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewTocComment {
    pub node: Option<String>,
    pub link: Option<(String, String)>,
    pub body: String,
    pub author: Option<UserId>,
}

#[derive(Debug, Clone)]
pub struct TocEventRow {
    pub id: i64,
    pub toc_id: i64,
    pub version: u32,
    pub action: String,
    /// What the action was on: a node id, `A1→O1` for a link, empty for the version.
    pub target: String,
    pub note: String,
    pub actor: Option<UserId>,
    pub actor_name: Option<String>,
    pub at: i64,
}

const TOC_COLUMNS: &str = "id, title, country, region, owner_org_id, created_by, created_at, updated_at";

fn toc_from_row(r: &AnyRow) -> Result<TocRow, StoreError> {
    Ok(TocRow {
        id: r.try_get(0)?,
        title: r.try_get(1)?,
        country: r.try_get(2)?,
        region: r.try_get(3)?,
        owner_org: OrgId(r.try_get(4)?),
        created_by: r.try_get::<Option<i64>, _>(5)?.map(UserId),
        created_at: r.try_get(6)?,
        updated_at: r.try_get(7)?,
    })
}

const VERSION_SELECT: &str =
    "SELECT v.id, v.toc_id, v.version, v.status, v.created_by, c.display_name, v.created_at, \
     v.submitted_by, s.display_name, v.submitted_at, v.decided_by, d.display_name, v.decided_at \
     FROM toc_version v LEFT JOIN user_account c ON c.id = v.created_by \
     LEFT JOIN user_account s ON s.id = v.submitted_by LEFT JOIN user_account d ON d.id = v.decided_by";

fn version_from_row(r: &AnyRow) -> Result<TocVersionRow, StoreError> {
    Ok(TocVersionRow {
        id: r.try_get(0)?,
        toc_id: r.try_get(1)?,
        version: u32::try_from(r.try_get::<i64, _>(2)?).unwrap_or(0),
        status: r.try_get(3)?,
        created_by: r.try_get::<Option<i64>, _>(4)?.map(UserId),
        created_by_name: r.try_get(5)?,
        created_at: r.try_get(6)?,
        submitted_by: r.try_get::<Option<i64>, _>(7)?.map(UserId),
        submitted_by_name: r.try_get(8)?,
        submitted_at: r.try_get(9)?,
        decided_by: r.try_get::<Option<i64>, _>(10)?.map(UserId),
        decided_by_name: r.try_get(11)?,
        decided_at: r.try_get(12)?,
    })
}

impl Store {
    /// Every theory of change, by title. The application filters by policy.
    #[tracing::instrument(skip_all)]
    pub async fn list_tocs(&self) -> Result<Vec<TocRow>, StoreError> {
        let rows = sqlx::query(&format!("SELECT {TOC_COLUMNS} FROM toc ORDER BY title, id"))
            .fetch_all(&mut *self.conn().await?)
            .await?;
        rows.iter().map(toc_from_row).collect()
    }

    #[tracing::instrument(skip_all)]
    pub async fn get_toc(&self, id: i64) -> Result<Option<TocRow>, StoreError> {
        let row = sqlx::query(&format!("SELECT {TOC_COLUMNS} FROM toc WHERE id = $1"))
            .bind(id)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.as_ref().map(toc_from_row).transpose()
    }

    /// The versions of a theory, oldest first.
    #[tracing::instrument(skip_all)]
    pub async fn toc_versions(&self, toc_id: i64) -> Result<Vec<TocVersionRow>, StoreError> {
        let rows = sqlx::query(&format!("{VERSION_SELECT} WHERE v.toc_id = $1 ORDER BY v.version"))
            .bind(toc_id)
            .fetch_all(&mut *self.conn().await?)
            .await?;
        rows.iter().map(version_from_row).collect()
    }

    /// The nodes and links of a version, by id.
    #[tracing::instrument(skip_all)]
    pub async fn toc_content(
        &self,
        version_id: i64,
    ) -> Result<(Vec<TocNodeRow>, Vec<TocLinkRow>), StoreError> {
        let mut conn = self.conn().await?;
        let nodes = sqlx::query(
            "SELECT node_key, level, title, description, tags FROM toc_node WHERE version_id = $1 ORDER BY node_key",
        )
        .bind(version_id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| {
            Ok(TocNodeRow {
                key: r.try_get(0)?,
                level: r.try_get(1)?,
                title: r.try_get(2)?,
                description: r.try_get(3)?,
                tags: r.try_get(4)?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
        let links = sqlx::query(
            "SELECT from_key, to_key, rationale, assumptions, risks FROM toc_link WHERE version_id = $1 \
             ORDER BY from_key, to_key",
        )
        .bind(version_id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| {
            Ok(TocLinkRow {
                from: r.try_get(0)?,
                to: r.try_get(1)?,
                rationale: r.try_get(2)?,
                assumptions: r.try_get(3)?,
                risks: r.try_get(4)?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
        Ok((nodes, links))
    }

    /// The comments on a version, oldest first.
    #[tracing::instrument(skip_all)]
    pub async fn toc_comments(&self, version_id: i64) -> Result<Vec<TocCommentRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT c.id, c.version_id, c.node_key, c.from_key, c.to_key, c.body, c.author, u.display_name, c.created_at \
             FROM toc_comment c LEFT JOIN user_account u ON u.id = c.author WHERE c.version_id = $1 ORDER BY c.id",
        )
        .bind(version_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(TocCommentRow {
                    id: r.try_get(0)?,
                    version_id: r.try_get(1)?,
                    node: r.try_get(2)?,
                    link_from: r.try_get(3)?,
                    link_to: r.try_get(4)?,
                    body: r.try_get(5)?,
                    author: r.try_get::<Option<i64>, _>(6)?.map(UserId),
                    author_name: r.try_get(7)?,
                    created_at: r.try_get(8)?,
                })
            })
            .collect()
    }

    /// The history of a theory, oldest first.
    #[tracing::instrument(skip_all)]
    pub async fn toc_events(&self, toc_id: i64) -> Result<Vec<TocEventRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT e.id, e.toc_id, e.version, e.action, e.target, e.note, e.actor, u.display_name, e.acted_at \
             FROM toc_event e LEFT JOIN user_account u ON u.id = e.actor WHERE e.toc_id = $1 ORDER BY e.id",
        )
        .bind(toc_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(TocEventRow {
                    id: r.try_get(0)?,
                    toc_id: r.try_get(1)?,
                    version: u32::try_from(r.try_get::<i64, _>(2)?).unwrap_or(0),
                    action: r.try_get(3)?,
                    target: r.try_get(4)?,
                    note: r.try_get(5)?,
                    actor: r.try_get::<Option<i64>, _>(6)?.map(UserId),
                    actor_name: r.try_get(7)?,
                    at: r.try_get(8)?,
                })
            })
            .collect()
    }
}

impl WriteTx {
    pub async fn insert_toc(&mut self, t: &NewToc) -> Result<i64, StoreError> {
        let now = now_ms();
        let row = sqlx::query(
            "INSERT INTO toc (title, country, region, owner_org_id, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
        )
        .bind(&t.title)
        .bind(&t.country)
        .bind(&t.region)
        .bind(t.owner_org.0)
        .bind(t.created_by.map(|u| u.0))
        .bind(now)
        .fetch_one(self.conn())
        .await?;
        Ok(row.try_get(0)?)
    }

    /// A new version (one number per theory), with its status.
    pub async fn insert_toc_version(
        &mut self,
        toc_id: i64,
        version: u32,
        status: &str,
        by: Option<UserId>,
    ) -> Result<i64, StoreError> {
        let now = now_ms();
        let row = sqlx::query(
            "INSERT INTO toc_version (toc_id, version, status, created_by, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(toc_id)
        .bind(i64::from(version))
        .bind(status)
        .bind(by.map(|u| u.0))
        .bind(now)
        .fetch_one(self.conn())
        .await
        .map_err(crate::error::conflict_or("this version of the theory of change"))?;
        self.touch_toc(toc_id, now).await?;
        Ok(row.try_get(0)?)
    }

    async fn touch_toc(&mut self, toc_id: i64, now: i64) -> Result<(), StoreError> {
        sqlx::query("UPDATE toc SET updated_at = $1 WHERE id = $2")
            .bind(now)
            .bind(toc_id)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    /// The status of a version as it stands in this transaction (writers queue, so it cannot
    /// change before the commit).
    pub async fn toc_version_status(&mut self, version_id: i64) -> Result<Option<String>, StoreError> {
        let row = sqlx::query("SELECT status FROM toc_version WHERE id = $1")
            .bind(version_id)
            .fetch_optional(self.conn())
            .await?;
        Ok(row.map(|r| r.try_get(0)).transpose()?)
    }

    /// Replaces the whole content of a version by these nodes and links.
    pub async fn replace_toc_content(
        &mut self,
        version_id: i64,
        nodes: &[TocNodeRow],
        links: &[TocLinkRow],
    ) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM toc_link WHERE version_id = $1")
            .bind(version_id)
            .execute(self.conn())
            .await?;
        sqlx::query("DELETE FROM toc_node WHERE version_id = $1")
            .bind(version_id)
            .execute(self.conn())
            .await?;
        for n in nodes {
            sqlx::query(
                "INSERT INTO toc_node (version_id, node_key, level, title, description, tags) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(version_id)
            .bind(&n.key)
            .bind(&n.level)
            .bind(&n.title)
            .bind(&n.description)
            .bind(&n.tags)
            .execute(self.conn())
            .await?;
        }
        for l in links {
            sqlx::query(
                "INSERT INTO toc_link (version_id, from_key, to_key, rationale, assumptions, risks) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(version_id)
            .bind(&l.from)
            .bind(&l.to)
            .bind(&l.rationale)
            .bind(&l.assumptions)
            .bind(&l.risks)
            .execute(self.conn())
            .await?;
        }
        Ok(())
    }

    /// Moves a version to `status`; `submitted` records the submitter, any other decision the
    /// decider (both with the time).
    pub async fn set_toc_version_status(
        &mut self,
        toc_id: i64,
        version_id: i64,
        status: &str,
        by: Option<UserId>,
    ) -> Result<(), StoreError> {
        let now = now_ms();
        let sql = if status == "in_review" {
            "UPDATE toc_version SET status = $1, submitted_by = $2, submitted_at = $3, decided_by = NULL, decided_at = NULL WHERE id = $4"
        } else {
            "UPDATE toc_version SET status = $1, decided_by = $2, decided_at = $3 WHERE id = $4"
        };
        sqlx::query(sql)
            .bind(status)
            .bind(by.map(|u| u.0))
            .bind(now)
            .bind(version_id)
            .execute(self.conn())
            .await?;
        self.touch_toc(toc_id, now).await
    }

    pub async fn insert_toc_comment(
        &mut self,
        version_id: i64,
        c: &NewTocComment,
    ) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO toc_comment (version_id, node_key, from_key, to_key, body, author, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(version_id)
        .bind(&c.node)
        .bind(c.link.as_ref().map(|l| l.0.clone()))
        .bind(c.link.as_ref().map(|l| l.1.clone()))
        .bind(&c.body)
        .bind(c.author.map(|u| u.0))
        .bind(now_ms())
        .fetch_one(self.conn())
        .await?;
        Ok(row.try_get(0)?)
    }

    /// Appends to the history of a theory.
    pub async fn insert_toc_event(
        &mut self,
        toc_id: i64,
        version: u32,
        action: &str,
        target: &str,
        note: &str,
        actor: Option<UserId>,
    ) -> Result<(), StoreError> {
        let now = now_ms();
        sqlx::query(
            "INSERT INTO toc_event (toc_id, version, action, target, note, actor, acted_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(toc_id)
        .bind(i64::from(version))
        .bind(action)
        .bind(target)
        .bind(note)
        .bind(actor.map(|u| u.0))
        .bind(now)
        .execute(self.conn())
        .await?;
        self.touch_toc(toc_id, now).await
    }
}
