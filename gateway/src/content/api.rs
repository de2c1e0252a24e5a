//! The content API: `POST /api/content` stores an upload, checked by its bytes and counted
//! against the uploader's quota; `GET /api/content/{cid}` serves it back as a download.

use super::{sniff::sniff, ContentStore, Stored};
use crate::{accounts::Session, now_ms, ApiError, AppState, Result};
use axum::{
	body::Bytes,
	extract::{DefaultBodyLimit, Path, State},
	http::{header, HeaderMap, StatusCode},
	response::{IntoResponse, Response},
	routing::{get, post},
	Json, Router,
};

/// The content routes; an upload may be `max_upload` bytes.
pub fn router(max_upload: usize) -> Router<AppState> {
	Router::new()
		.route("/api/content", post(upload).layer(DefaultBodyLimit::max(max_upload)))
		.route("/api/content/{cid}", get(download))
}

#[utoipa::path(post, path = "/api/content", tag = "content",
	request_body(content = Vec<u8>, description = "The file's bytes", content_type = "application/octet-stream"),
	responses(
		(status = 201, description = "Stored: cid_v0, cid_v1, size, media_type"),
		(status = 400, description = "Empty", body = crate::error::ErrorBody),
		(status = 401, description = "No session", body = crate::error::ErrorBody),
		(status = 403, description = "Missing CSRF token, foreign origin or quota exceeded", body = crate::error::ErrorBody),
		(status = 413, description = "Too large", body = crate::error::ErrorBody),
		(status = 415, description = "Not an accepted media type, or not what it is declared as", body = crate::error::ErrorBody)))]
/// `POST /api/content`: the body is the file. Its type is taken from its bytes and must match
/// the declared `Content-Type`; it counts against the uploader's quota. Answers the file's two
/// CIDs and its type.
pub async fn upload(
	State(state): State<AppState>,
	session: Session,
	headers: HeaderMap,
	body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<(StatusCode, Json<serde_json::Value>)> {
	let body = body?;
	if body.is_empty() {
		return Err(ApiError::bad_request("empty", "the upload is empty"));
	}
	let declared = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
	let media_type = sniff(&body, declared).map_err(|e| {
		ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", e.to_string())
	})?;
	let used: Option<i64> = sqlx::query_scalar(
		// Postgres sums BIGINT as NUMERIC, which the Any driver cannot read: cast it back.
		"SELECT CAST(SUM(size) AS BIGINT) FROM uploads WHERE user_id = $1",
	)
	.bind(session.user.id.clone())
	.fetch_one(&state.db)
	.await?;
	let used = u64::try_from(used.unwrap_or(0)).unwrap_or(0);
	if used.saturating_add(body.len() as u64) > state.config.upload_quota {
		return Err(ApiError::new(
			StatusCode::FORBIDDEN,
			"quota_exceeded",
			format!("this upload would exceed your quota of {} bytes", state.config.upload_quota),
		));
	}
	let Stored { cid_v0, cid_v1, size } = state.store.put(&body).await?;
	sqlx::query(
		"INSERT INTO uploads (user_id, cid, size, media_type, created_ms) 		 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id, cid) DO NOTHING",
	)
	.bind(session.user.id)
	.bind(cid_v1.clone())
	.bind(i64::try_from(size).unwrap_or(i64::MAX))
	.bind(media_type)
	.bind(now_ms())
	.execute(&state.db)
	.await?;
	let answer = serde_json::json!({
		"cid_v0": cid_v0, "cid_v1": cid_v1, "size": size, "media_type": media_type,
	});
	Ok((StatusCode::CREATED, Json(answer)))
}

#[utoipa::path(get, path = "/api/content/{cid}", tag = "content",
	params(("cid" = String, Path, description = "CIDv0 or CIDv1")),
	responses(
		(status = 200, description = "The bytes, as an attachment"),
		(status = 400, description = "Not a CID", body = crate::error::ErrorBody),
		(status = 404, description = "Unknown", body = crate::error::ErrorBody)))]
/// `GET /api/content/{cid}`: the bytes, as a download that no browser renders as a page.
pub async fn download(State(state): State<AppState>, Path(cid): Path<String>) -> Result<Response> {
	let bytes = state
		.store
		.get(&cid)
		.await?
		.ok_or_else(|| ApiError::not_found(format!("no content {cid}")))?;
	let media_type = sniff(&bytes, None).unwrap_or("application/octet-stream");
	Ok((
		[
			(header::CONTENT_TYPE, media_type.to_string()),
			(header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
			(header::CONTENT_SECURITY_POLICY, "default-src 'none'; sandbox".to_string()),
			(header::CONTENT_DISPOSITION, format!("attachment; filename=\"{cid}\"")),
			(header::CACHE_CONTROL, "public, max-age=31536000, immutable".to_string()),
		],
		bytes,
	)
		.into_response())
}
