//! Self-custody: a user links an address of their own by signing a challenge, and from then on
//! signs what the gateway prepares (the gateway never sees that key).
//!
//! 1. `POST /api/keys/challenge` answers a random challenge and the exact message to sign:
//!    `yinji: link this account to <challenge>` (valid ten minutes).
//! 2. `POST /api/keys/link {address, signature}` checks the sr25519 signature of that message
//!    by `address`; the user's flows are then prepared for that address instead of signed with
//!    the custodial key (which stays sealed: what it holds stays where it is).
//! 3. A flow answers `awaiting_signature` with the `signer_payload` (hex); the user signs those
//!    bytes and sends `POST /api/tx/{id}/signature {signature}`; the gateway checks the signature
//!    and submits. A prepared transaction is valid for 64 blocks.

use crate::{
	accounts::Session,
	bytes,
	chain::submission,
	error::ApiJson,
	keys, now_ms,
	stored::{Custody, TxStatus},
	ApiError, AppState, Result,
};
use axum::{
	extract::{Path, State},
	http::StatusCode,
	Json,
};
use serde::Deserialize;
use sqlx::Row;
use yinji_client::{
	subxt_signer::sr25519::{verify, PublicKey, Signature},
	Prepared,
};

/// The self-custody routes: linking a key, and signing a prepared transaction.
pub fn router() -> axum::Router<AppState> {
	use axum::routing::post;
	axum::Router::new()
		.route("/api/tx/{id}/signature", post(sign))
		.route("/api/keys/challenge", post(challenge))
		.route("/api/keys/link", post(link))
}

const CHALLENGE_MS: i64 = 10 * 60 * 1000;

fn message(challenge: &str) -> String {
	format!("yinji: link this account to {challenge}")
}

fn hex_field<const N: usize>(hex_text: &str, what: &'static str) -> Result<[u8; N]> {
	bytes::from_hex(hex_text)
		.ok_or_else(|| ApiError::bad_request(what, format!("expected {N} bytes of hex")))
}

fn bad_signature() -> ApiError {
	ApiError::bad_request("bad_signature", "the signature does not verify for this account")
}

/// `POST /api/keys/challenge`.
#[utoipa::path(post, path = "/api/keys/challenge", tag = "keys",
	responses((status = 200, description = "The challenge and the message to sign"),
		(status = 401, description = "No session", body = crate::error::ErrorBody)))]
pub async fn challenge(
	State(state): State<AppState>,
	session: Session,
) -> Result<Json<serde_json::Value>> {
	let challenge = hex::encode(keys::random32()?);
	sqlx::query(
		"INSERT INTO key_challenges (user_id, challenge, expires_ms) VALUES ($1, $2, $3) \
		 ON CONFLICT (user_id) DO UPDATE SET challenge = excluded.challenge, \
		 expires_ms = excluded.expires_ms",
	)
	.bind(session.user.id)
	.bind(challenge.clone())
	.bind(now_ms() + CHALLENGE_MS)
	.execute(&state.db)
	.await?;
	Ok(Json(serde_json::json!({ "challenge": challenge, "message": message(&challenge) })))
}

/// `POST /api/keys/link` body.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Link {
	/// The account (`0x`-hex sr25519 public key).
	pub address: String,
	/// Its sr25519 signature of the challenge's message (`0x`-hex, 64 bytes).
	pub signature: String,
}

/// `POST /api/keys/link`.
#[utoipa::path(post, path = "/api/keys/link", request_body = Link, tag = "keys",
	responses((status = 200, description = "Linked; flows are now prepared for this address"),
		(status = 400, description = "No open challenge, or the signature does not verify", body = crate::error::ErrorBody),
		(status = 409, description = "Another user linked this address", body = crate::error::ErrorBody)))]
pub async fn link(
	State(state): State<AppState>,
	session: Session,
	ApiJson(request): ApiJson<Link>,
) -> Result<Json<serde_json::Value>> {
	let address = hex_field::<32>(&request.address, "bad_account")?;
	let signature = hex_field::<64>(&request.signature, "bad_signature")?;
	let challenge: Option<String> = sqlx::query_scalar(
		"SELECT challenge FROM key_challenges WHERE user_id = $1 AND expires_ms > $2",
	)
	.bind(session.user.id.clone())
	.bind(now_ms())
	.fetch_optional(&state.db)
	.await?;
	let challenge = challenge
		.ok_or_else(|| ApiError::bad_request("no_challenge", "ask for a challenge first"))?;
	if !verify(&Signature(signature), message(&challenge), &PublicKey(address)) {
		return Err(bad_signature());
	}
	let address = bytes::to_hex(&address);
	let taken: Option<String> =
		sqlx::query_scalar("SELECT id FROM users WHERE address = $1 AND id <> $2")
			.bind(address.clone())
			.bind(session.user.id.clone())
			.fetch_optional(&state.db)
			.await?;
	if taken.is_some() {
		return Err(ApiError::new(StatusCode::CONFLICT, "address_taken", "another user linked it"));
	}
	sqlx::query("UPDATE users SET address = $1, custody = $2 WHERE id = $3")
		.bind(address.clone())
		.bind(Custody::SelfCustody.as_str())
		.bind(session.user.id.clone())
		.execute(&state.db)
		.await?;
	sqlx::query("DELETE FROM key_challenges WHERE user_id = $1")
		.bind(session.user.id.clone())
		.execute(&state.db)
		.await?;
	tracing::info!(user = %session.user.id, %address, "self-custody address linked");
	Ok(Json(serde_json::json!({ "address": address, "custody": Custody::SelfCustody })))
}

/// `POST /api/tx/{id}/signature` body.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignatureRequest {
	/// The sr25519 signature of the transaction's `signer_payload` (`0x`-hex, 64 bytes).
	pub signature: String,
}

/// `POST /api/tx/{id}/signature`: checks the signature and submits.
#[utoipa::path(post, path = "/api/tx/{id}/signature", request_body = SignatureRequest, tag = "keys",
	params(("id" = String, Path, description = "A transaction awaiting its signature")),
	responses((status = 202, description = "Submitted; poll /api/tx/{id}"),
		(status = 400, description = "The signature does not verify", body = crate::error::ErrorBody),
		(status = 404, description = "No such transaction of this user awaiting a signature", body = crate::error::ErrorBody)))]
pub async fn sign(
	State(state): State<AppState>,
	session: Session,
	Path(id): Path<String>,
	ApiJson(request): ApiJson<SignatureRequest>,
) -> Result<(StatusCode, Json<serde_json::Value>)> {
	let signature = hex_field::<64>(&request.signature, "bad_signature")?;
	let row = sqlx::query(
		"SELECT detail FROM transactions WHERE id = $1 AND user_id = $2 AND status = $3",
	)
	.bind(id.clone())
	.bind(session.user.id.clone())
	.bind(TxStatus::AwaitingSignature.as_str())
	.fetch_optional(&state.db)
	.await?
	.ok_or_else(|| ApiError::not_found(format!("no transaction {id} awaiting a signature")))?;
	let detail: String = row.try_get(0)?;
	let prepared: Prepared = serde_json::from_str(&detail)?;
	if !verify(&Signature(signature), &prepared.signer_payload, &PublicKey(prepared.account)) {
		return Err(bad_signature());
	}
	let chain = state.chain()?.clone();
	// Only one signature is taken per transaction, even if two arrive at once.
	let claimed = sqlx::query(
		"UPDATE transactions SET status = $1, updated_ms = $2 WHERE id = $3 AND status = $4",
	)
	.bind(TxStatus::Submitted.as_str())
	.bind(now_ms())
	.bind(id.clone())
	.bind(TxStatus::AwaitingSignature.as_str())
	.execute(&state.db)
	.await?;
	if claimed.rows_affected() == 0 {
		return Err(ApiError::not_found(format!("no transaction {id} awaiting a signature")));
	}
	let (db, tx) = (state.db.clone(), id.clone());
	tokio::spawn(async move {
		let outcome = chain.submit_prepared(&prepared, signature).await;
		let outcome = outcome.map(|s| submission::events_json(&s)).map_err(|e| e.to_string());
		submission::record_outcome(&db, &tx, outcome.clone()).await;
		// A checkout's payment, signed by the buyer: its order records how it ended.
		crate::shop::payment::after_signed(&db, &tx, outcome).await;
	});
	Ok((
		StatusCode::ACCEPTED,
		Json(serde_json::json!({ "tx": id, "status": TxStatus::Submitted.as_str() })),
	))
}
