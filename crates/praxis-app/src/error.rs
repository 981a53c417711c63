use praxis_model::InvalidValue;
use praxis_store::StoreError;
use thiserror::Error;

/// Errors of the application layer. The first group is the user's business and is shown to them;
/// `Internal` is logged in full and shown only as a generic failure.
#[derive(Debug, Error)]
pub enum AppError {
    #[error("{0}")]
    Invalid(#[from] InvalidValue),
    #[error("not allowed: {0}")]
    Denied(String),
    #[error("not signed in")]
    Unauthenticated,
    /// Wrong login name or password. Deliberately says nothing about which.
    #[error("the login name or password is not correct")]
    BadCredentials,
    #[error("the code is not correct")]
    BadCode,
    #[error("too many failed attempts; try again in {retry_after_secs} seconds")]
    Throttled { retry_after_secs: i64 },
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{0} already exists")]
    Conflict(&'static str),
    /// An import refused whole: every unreadable row, as `file:line: field: message`.
    #[error("the import was refused: {} unreadable row(s); nothing was written", .0.len())]
    ImportRefused(Vec<String>),
    #[error("internal error: {0}")]
    Internal(#[source] StoreError),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict(what) => AppError::Conflict(what),
            StoreError::NotFound(what) => AppError::NotFound(what),
            other => AppError::Internal(other),
        }
    }
}

impl AppError {
    /// A stable machine-readable code for the API.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Invalid(_) => "invalid_input",
            AppError::Denied(_) => "forbidden",
            AppError::Unauthenticated => "unauthenticated",
            AppError::BadCredentials => "bad_credentials",
            AppError::BadCode => "bad_code",
            AppError::Throttled { .. } => "too_many_attempts",
            AppError::NotFound(_) => "not_found",
            AppError::Conflict(_) => "conflict",
            AppError::ImportRefused(_) => "import_refused",
            AppError::Internal(_) => "internal",
        }
    }

    pub fn invalid(field: &'static str, code: &'static str, message: impl Into<String>) -> AppError {
        AppError::Invalid(InvalidValue::new(field, code, message))
    }
}
