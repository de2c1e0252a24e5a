//! Creator verification (实名): a creator's request with their personal details, which stay in
//! the gateway's database, and the institution's approval, of which only the attestation goes on
//! chain.

use crate::{
	accounts::{Role, Session},
	error::ApiJson,
	keys, now_ms, ApiError, AppState, Result,
};
use axum::{extract::State, http::StatusCode, Json};
use serde::Deserialize;
use sqlx::{AssertSqlSafe, Row};

/// `POST /api/attestations` body: the creator's personal details, kept in the gateway only.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttestationRequest {
	/// Legal name.
	pub real_name: String,
	/// Identity document number.
	pub id_number: String,
}

#[utoipa::path(post, path = "/api/attestations", request_body = AttestationRequest, tag = "flows",
	responses(
		(status = 201, description = "Requested"),
		(status = 400, description = "A detail is missing", body = crate::error::ErrorBody),
		(status = 403, description = "Not a creator", body = crate::error::ErrorBody)))]
/// `POST /api/attestations`: a creator asks to be verified; the details stay here.
pub async fn request_attestation(
	State(state): State<AppState>,
	session: Session,
	ApiJson(request): ApiJson<AttestationRequest>,
) -> Result<(StatusCode, Json<serde_json::Value>)> {
	session.require(&[Role::Creator])?;
	if request.real_name.trim().is_empty() || request.id_number.trim().is_empty() {
		return Err(ApiError::bad_request("missing_field", "real_name and id_number are required"));
	}
	let id = hex::encode(&keys::random32()?[..16]);
	sqlx::query(
		"INSERT INTO attestation_requests (id, user_id, real_name, id_number, created_ms) \
		 VALUES ($1, $2, $3, $4, $5)",
	)
	.bind(id.clone())
	.bind(session.user.id)
	.bind(request.real_name)
	.bind(request.id_number)
	.bind(now_ms())
	.execute(&state.db)
	.await?;
	Ok((StatusCode::CREATED, Json(serde_json::json!({ "request": id }))))
}

#[utoipa::path(get, path = "/api/attestations", tag = "flows",
	responses(
		(status = 200, description = "Pending requests with their details"),
		(status = 403, description = "Not an institution", body = crate::error::ErrorBody)))]
/// `GET /api/attestations`: pending requests (not approved, or approved by a transaction that
/// failed), for institution operators.
pub async fn pending_attestations(
	State(state): State<AppState>,
	session: Session,
) -> Result<Json<serde_json::Value>> {
	session.require(&[Role::Institution])?;
	Ok(Json(serde_json::json!({ "requests": pending(&state).await? })))
}

/// A creator's request waiting for an institution.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Pending {
	/// The request's id.
	pub request: String,
	/// Legal name.
	pub real_name: String,
	/// Identity document number.
	pub id_number: String,
	/// The creator's account (`0x`-hex).
	pub address: String,
}

/// The pending requests, oldest first.
pub async fn pending(state: &AppState) -> Result<Vec<Pending>> {
	let rows = sqlx::query(AssertSqlSafe(format!(
		"SELECT r.id, r.real_name, r.id_number, u.address FROM attestation_requests r \
		 JOIN users u ON u.id = r.user_id WHERE {PENDING} ORDER BY r.created_ms"
	)))
	.fetch_all(&state.db)
	.await?;
	Ok(rows
		.iter()
		.map(|row| {
			Ok(Pending {
				request: row.try_get(0)?,
				real_name: row.try_get(1)?,
				id_number: row.try_get(2)?,
				address: row.try_get(3)?,
			})
		})
		.collect::<Result<Vec<_>, sqlx::Error>>()?)
}

/// Whether `user` has a request waiting.
pub async fn waiting(state: &AppState, user: &str) -> Result<bool> {
	let count: i64 = sqlx::query_scalar(AssertSqlSafe(format!(
		"SELECT COUNT(*) FROM attestation_requests r WHERE r.user_id = $1 AND {PENDING}"
	)))
	.bind(user.to_string())
	.fetch_one(&state.db)
	.await?;
	Ok(count > 0)
}

/// Requests still waiting: never approved, or approved by a transaction that failed.
const PENDING: &str = "(r.approved_tx IS NULL OR r.approved_tx IN \
	(SELECT id FROM transactions WHERE status = 'failed'))";

/// The address of the creator whose pending request `request` is; 404 for an unknown request
/// or one already approved.
pub async fn pending_subject(state: &AppState, request: &str) -> Result<String> {
	sqlx::query_scalar(AssertSqlSafe(format!(
		"SELECT u.address FROM attestation_requests r JOIN users u ON u.id = r.user_id \
		 WHERE r.id = $1 AND {PENDING}"
	)))
	.bind(request.to_string())
	.fetch_optional(&state.db)
	.await?
	.ok_or_else(|| ApiError::not_found(format!("no pending attestation request {request}")))
}

/// Records that transaction `tx` approves `request`, which then leaves the pending list (and
/// returns to it if `tx` fails).
pub async fn mark_approved(state: &AppState, request: &str, tx: &str) -> Result<()> {
	sqlx::query("UPDATE attestation_requests SET approved_tx = $1 WHERE id = $2")
		.bind(tx.to_string())
		.bind(request.to_string())
		.execute(&state.db)
		.await?;
	Ok(())
}
