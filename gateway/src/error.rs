//! The one error type of the API: a status and a JSON body `{code, message}`; internal causes
//! are logged, never sent.

use axum::{
	extract::{
		rejection::{BytesRejection, JsonRejection},
		FromRequest,
	},
	http::StatusCode,
	response::{IntoResponse, Response},
	Json,
};

/// The body of every error answer.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
	/// Stable, machine-readable (`csrf`, `throttled`, `quota_exceeded`, …).
	pub code: String,
	/// For people.
	pub message: String,
}

/// An API error.
#[derive(Debug)]
pub struct ApiError {
	status: StatusCode,
	code: &'static str,
	message: String,
}

impl ApiError {
	/// An error with `status`, a stable machine-readable `code` and a human `message`.
	pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
		ApiError { status, code, message: message.into() }
	}

	/// The message for people.
	pub fn message(&self) -> &str {
		&self.message
	}

	/// 400: the request is malformed.
	pub fn bad_request(code: &'static str, message: impl Into<String>) -> ApiError {
		ApiError::new(StatusCode::BAD_REQUEST, code, message)
	}

	/// 404.
	pub fn not_found(message: impl Into<String>) -> ApiError {
		ApiError::new(StatusCode::NOT_FOUND, "not_found", message)
	}

	/// 500: logs `cause` and answers without it.
	pub fn internal(cause: impl std::fmt::Display) -> ApiError {
		tracing::error!(%cause, "internal error");
		ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "internal error")
	}

	/// The status.
	pub fn status(&self) -> StatusCode {
		self.status
	}
}

impl IntoResponse for ApiError {
	fn into_response(self) -> Response {
		let body = serde_json::json!({ "code": self.code, "message": self.message });
		(self.status, Json(body)).into_response()
	}
}

impl From<JsonRejection> for ApiError {
	fn from(rejection: JsonRejection) -> Self {
		ApiError::new(rejection.status(), "bad_json", rejection.body_text())
	}
}

impl From<BytesRejection> for ApiError {
	fn from(rejection: BytesRejection) -> Self {
		let code = if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
			"too_large"
		} else {
			"bad_body"
		};
		ApiError::new(rejection.status(), code, rejection.body_text())
	}
}

/// `axum::Json` whose rejections answer in the API's error shape.
#[derive(FromRequest)]
#[from_request(via(Json), rejection(ApiError))]
pub struct ApiJson<T>(pub T);
