//! Checks on what people type, shared by the services: each refusal names the field and says why
//! in plain words (faces translate the field's name).

use praxis_model::InvalidValue;

use crate::AppError;

pub(crate) fn invalid(field: &'static str, message: impl Into<String>) -> AppError {
    AppError::Invalid(InvalidValue::new(field, "invalid", message))
}

/// Trimmed text of `min..=max` characters without control characters (line breaks and tabs
/// allowed when `multiline`).
pub(crate) fn text(
    field: &'static str,
    s: &str,
    min: usize,
    max: usize,
    multiline: bool,
) -> Result<String, AppError> {
    let s = s.trim();
    let n = s.chars().count();
    if n < min {
        return Err(invalid(
            field,
            if min <= 1 { "is required".to_owned() } else { format!("needs at least {min} characters") },
        ));
    }
    if n > max {
        return Err(invalid(field, format!("must be at most {max} characters")));
    }
    if s.chars().any(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t'))) {
        return Err(invalid(field, "must not contain control characters"));
    }
    Ok(s.to_owned())
}

/// A calendar date written YYYY-MM-DD.
pub(crate) fn date(field: &'static str, s: &str) -> Result<time::Date, AppError> {
    let s = s.trim();
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s, format)
        .map_err(|_| invalid(field, format!("{s:?} is not a date written YYYY-MM-DD")))
}
