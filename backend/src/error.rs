//! The one error type of the API. Every failure a client can see is answered with
//! `{"error": {"code", "message", "fields"?}}`; internal errors are logged and answered
//! with a generic 500 so nothing about the server leaks.

use axum::{
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use sea_orm::DbErr;
use shared::{ApiError, ApiErrorBody, FieldErrors};

pub type AppResult<T> = Result<T, AppError>;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// A client mistake with a specific status and a stable code.
    #[error("{code}: {message}")]
    Client {
        status: StatusCode,
        code: &'static str,
        message: String,
    },
    /// Input that failed validation, field by field (422).
    #[error("validation failed: {0:?}")]
    Validation(FieldErrors),
    /// Too many attempts; retry after this many seconds (429).
    #[error("rate limited for {retry_after_secs}s")]
    RateLimited { retry_after_secs: u64 },
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    pub fn client(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self::Client {
            status,
            code,
            message: message.into(),
        }
    }

    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        Self::client(StatusCode::BAD_REQUEST, code, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::client(StatusCode::NOT_FOUND, "not_found", message)
    }

    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        Self::client(StatusCode::CONFLICT, code, message)
    }

    pub fn unauthorized() -> Self {
        Self::client(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "Please sign in to continue.",
        )
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::client(StatusCode::FORBIDDEN, "forbidden", message)
    }

    /// A 422 with one problem on one field.
    pub fn invalid_field(field: &str, problem: impl Into<String>) -> Self {
        let mut fields = FieldErrors::new();
        fields.insert(field.to_owned(), vec![problem.into()]);
        Self::Validation(fields)
    }

    pub fn status(&self) -> StatusCode {
        match self {
            Self::Client { status, .. } => *status,
            Self::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn body(&self) -> ApiError {
        let (code, message, fields) = match self {
            Self::Client { code, message, .. } => (*code, message.clone(), None),
            Self::Validation(fields) => (
                "validation_failed",
                "Some details need another look.".to_owned(),
                Some(fields.clone()),
            ),
            Self::RateLimited { .. } => (
                "too_many_attempts",
                "Too many attempts. Please wait a little and try again.".to_owned(),
                None,
            ),
            Self::Internal(_) => (
                "internal_error",
                "Something went wrong on our side. Please try again soon.".to_owned(),
                None,
            ),
        };
        ApiError {
            code: code.to_owned(),
            message,
            fields,
        }
    }
}

impl From<DbErr> for AppError {
    fn from(error: DbErr) -> Self {
        Self::Internal(error.into())
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let Self::Internal(error) = &self {
            tracing::error!(error = ?error, "internal error");
        }
        let status = self.status();
        let mut response = (status, Json(ApiErrorBody { error: self.body() })).into_response();
        if let Self::RateLimited { retry_after_secs } = self {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_errors_do_not_leak_their_cause() {
        let error = AppError::Internal(anyhow::anyhow!("password=hunter2 at db.internal"));
        let body = error.body();
        assert_eq!(body.code, "internal_error");
        assert!(!body.message.contains("hunter2"));
        assert_eq!(error.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }

    #[test]
    fn validation_errors_carry_their_fields() {
        let error = AppError::invalid_field("name", "Please tell us a name or nickname.");
        assert_eq!(error.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let fields = error.body().fields.unwrap();
        assert_eq!(fields["name"], ["Please tell us a name or nickname."]);
    }
}
