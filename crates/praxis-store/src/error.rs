use thiserror::Error;

/// What went wrong in the store. `Conflict` and `NotFound` are the caller's business;
/// everything else is an internal failure to be logged, never shown to a user in detail.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("the database could not be opened at {location}: {source}")]
    Open { location: String, source: sqlx::Error },
    #[error("the database schema could not be brought up to date: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("{0} already exists")]
    Conflict(&'static str),
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("protected-field keys: {0}")]
    Keys(String),
    #[error("a protected value could not be decrypted (wrong or missing key {0})")]
    Decrypt(String),
    #[error("backup or restore: {0}")]
    Backup(String),
    #[error("database error: {0}")]
    Database(#[source] sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        StoreError::Database(e)
    }
}

/// Maps a unique-constraint violation to `Conflict(what)`, any other error to `Database`.
pub(crate) fn conflict_or(what: &'static str) -> impl FnOnce(sqlx::Error) -> StoreError {
    move |e| match &e {
        sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Conflict(what),
        _ => StoreError::Database(e),
    }
}
