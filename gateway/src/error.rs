//! The one error type of the API: a status and a JSON body `{code, message}`; internal causes
//! are logged, never sent.
//!
//! Internal causes convert with `?`: each `From` impl below logs its cause and answers 500
//! `internal` without it, as [`ApiError::internal`] does. Two causes answer otherwise: a node
//! that fails to answer is a 502 `chain` with its reason, and a content address that is not a
//! CID is a 400 `bad_cid`.

use axum::{
	extract::{
		rejection::{BytesRejection, JsonRejection},
		FromRequest,
	},
	http::StatusCode,
	response::{IntoResponse, Response},
	Json,
};

/// The gateway's results: an [`ApiError`] unless said otherwise.
pub type Result<T, E = ApiError> = std::result::Result<T, E>;

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

/// Internal causes: logged, answered as a 500 without them.
macro_rules! internal_causes {
	($($cause:ty),* $(,)?) => {
		$(
			impl From<$cause> for ApiError {
				fn from(cause: $cause) -> Self {
					ApiError::internal(cause)
				}
			}
		)*
	};
}

internal_causes!(
	sqlx::Error,
	serde_json::Error,
	std::io::Error,
	std::num::TryFromIntError,
	tokio::task::JoinError,
	axum::http::header::InvalidHeaderValue,
	argon2::password_hash::Error,
	hex::FromHexError,
	crate::keys::KeyError,
	yinji_tags::Error,
	crate::stored::UnknownText,
);

/// The node failed to answer, or answered something that does not decode: 502 with its reason.
impl From<yinji_client::Error> for ApiError {
	fn from(error: yinji_client::Error) -> Self {
		ApiError::new(StatusCode::BAD_GATEWAY, "chain", error.to_string())
	}
}

/// Not a CID: 400 `bad_cid`; anything else the store met is internal.
impl From<crate::content::StoreError> for ApiError {
	fn from(error: crate::content::StoreError) -> Self {
		match error {
			crate::content::StoreError::BadCid(_) => {
				ApiError::bad_request("bad_cid", error.to_string())
			}
			other => ApiError::internal(other),
		}
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
