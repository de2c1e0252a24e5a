//! The creator, buyer and institution flows: each request becomes one extrinsic signed with the
//! user's custodial key, submitted in the background; `GET /api/tx/{id}` reports it until it is
//! finalized (or failed, with the chain's reason).
//!
//! Personal data never goes on chain: an attestation request's details stay in the gateway's
//! database; only the institution's attestation (account, level, expiry) is submitted.

use crate::{
	accounts::{Role, Session},
	content::ContentStore,
	error::ApiJson,
	keys, now_ms, ApiError, AppState,
};
use axum::{
	extract::{Path, State},
	http::StatusCode,
	Json,
};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use sqlx::Row;
use yinji_client::Value;

/// Blocks an attestation lasts (about a year of 3 s blocks).
const ATTESTATION_BLOCKS: u128 = 365 * 24 * 1200;
/// Blocks a listing or offer lasts unless the request says otherwise (about 30 days).
const DEFAULT_EXPIRY_BLOCKS: u64 = 30 * 24 * 1200;

/// An account named in a request: `0x`-hex of 32 bytes.
fn account(hex_text: &str) -> Result<Value, ApiError> {
	let bytes = hex::decode(hex_text.trim_start_matches("0x"))
		.ok()
		.filter(|bytes| bytes.len() == 32)
		.ok_or_else(|| {
			ApiError::bad_request("bad_account", format!("{hex_text:?} is not an account"))
		})?;
	Ok(Value::from_bytes(bytes))
}

fn native() -> Value {
	Value::unnamed_variant("Native", [])
}

fn unit_variant(name: &str, allowed: &[&str]) -> Result<Value, ApiError> {
	if allowed.contains(&name) {
		Ok(Value::unnamed_variant(name, []))
	} else {
		Err(ApiError::bad_request("bad_value", format!("{name:?} is not one of {allowed:?}")))
	}
}

/// The body of `POST /api/flows/{flow}`; which fields are needed depends on the flow.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FlowRequest {
	/// A work id.
	pub work: Option<u64>,
	/// A collection id.
	pub collection: Option<u32>,
	/// An item id.
	pub item: Option<u32>,
	/// CID of uploaded content (register: the work's bytes; dispute: the evidence).
	pub cid: Option<String>,
	/// CID of a metadata document.
	pub metadata_cid: Option<String>,
	/// Work kind (`Image`, `Craft`, …) or collection kind (`DigitalCollectible`, `PhysicalTwin`).
	pub kind: Option<String>,
	/// Editions of a collection.
	pub max_supply: Option<u32>,
	/// Resale royalty in basis points.
	pub royalty_bp: Option<u16>,
	/// `SettlementOnly` (default), `Soulbound`, or `GiftOnly`.
	pub policy: Option<String>,
	/// Items to mint.
	pub count: Option<u32>,
	/// A recipient (`0x`-hex account).
	pub to: Option<String>,
	/// A price, offer or bid in the smallest unit.
	pub amount: Option<u128>,
	/// Loyalty points to redeem in a purchase.
	pub redeem_points: Option<u128>,
	/// The last block a listing or offer is valid.
	pub expires_at: Option<u64>,
	/// An attestation request's id (institutions approve it).
	pub request: Option<String>,
	/// KYC level an institution grants.
	pub kyc_level: Option<u8>,
}

/// Who may trade: buyers and creators.
const TRADERS: &[Role] = &[Role::Buyer, Role::Creator];

/// The `collection, item` arguments most trading calls start with.
fn item(r: &FlowRequest) -> Result<Vec<Value>, ApiError> {
	Ok(vec![
		Value::u128(need(&r.collection, "collection")?.into()),
		Value::u128(need(&r.item, "item")?.into()),
	])
}

fn need<T: Clone>(value: &Option<T>, name: &str) -> Result<T, ApiError> {
	value
		.clone()
		.ok_or_else(|| ApiError::bad_request("missing_field", format!("{name} is required")))
}

#[utoipa::path(post, path = "/api/flows/{flow}", request_body = FlowRequest, tag = "flows",
	params(("flow" = String, Path, description = "register_work, create_collection, mint, list, buy, offer, bid, gift, dispute, approve_attestation")),
	responses(
		(status = 202, description = "Submitted; poll /api/tx/{tx}"),
		(status = 400, description = "A field is missing or malformed", body = crate::error::ErrorBody),
		(status = 401, description = "No session", body = crate::error::ErrorBody),
		(status = 403, description = "Wrong role or missing CSRF token", body = crate::error::ErrorBody),
		(status = 404, description = "No such flow", body = crate::error::ErrorBody),
		(status = 503, description = "No node configured", body = crate::error::ErrorBody)))]
/// `POST /api/flows/{flow}`: checks the role and the request, then submits the extrinsic in the
/// background. Answers 202 with the transaction's id.
pub async fn submit_flow(
	State(state): State<AppState>,
	session: Session,
	Path(flow): Path<String>,
	ApiJson(request): ApiJson<FlowRequest>,
) -> Result<(StatusCode, Json<serde_json::Value>), ApiError> {
	let r = &request;
	let (roles, pallet, call, args): (&[Role], &str, &str, Vec<Value>) = match flow.as_str() {
		"register_work" => {
			let cid = need(&r.cid, "cid")?;
			// The content hash is computed here from the stored bytes, never taken from the client.
			let bytes = state
				.store
				.get(&cid)
				.await
				.map_err(|e| ApiError::bad_request("bad_cid", e.to_string()))?
				.ok_or_else(|| {
					ApiError::bad_request("unknown_content", format!("upload {cid} first"))
				})?;
			let kinds = ["Image", "Model3d", "Text", "Audio", "Video", "Design", "Craft"];
			let me = account(&session.user.address)?;
			(
				&[Role::Creator],
				"Works",
				"register_work",
				vec![
					Value::from_bytes(Sha256::digest(&bytes)),
					Value::unnamed_variant("None", []),
					Value::from_bytes(need(&r.metadata_cid, "metadata_cid")?.into_bytes()),
					unit_variant(&need(&r.kind, "kind")?, &kinds)?,
					Value::unnamed_variant("AllRightsReserved", []),
					Value::unnamed_composite([Value::unnamed_composite([me, Value::u128(10_000)])]),
					Value::unnamed_composite([]),
				],
			)
		}
		"create_collection" => {
			let policy = match r.policy.as_deref().unwrap_or("SettlementOnly") {
				"GiftOnly" => Value::named_variant(
					"GiftOnly",
					[("min_hold", Value::u128(0)), ("recipient_kyc", Value::u128(0))],
				),
				other => unit_variant(other, &["SettlementOnly", "Soulbound"])?,
			};
			(
				&[Role::Creator],
				"Collectibles",
				"create_collection",
				vec![
					Value::u128(need(&r.work, "work")?.into()),
					unit_variant(
						r.kind.as_deref().unwrap_or("DigitalCollectible"),
						&["DigitalCollectible", "PhysicalTwin"],
					)?,
					Value::u128(need(&r.max_supply, "max_supply")?.into()),
					Value::from_bytes(need(&r.metadata_cid, "metadata_cid")?.into_bytes()),
					Value::u128(r.royalty_bp.unwrap_or(0).into()),
					policy,
					Value::u128(0),
				],
			)
		}
		"mint" => {
			let to = account(r.to.as_deref().unwrap_or(&session.user.address))?;
			(
				&[Role::Creator],
				"Collectibles",
				"mint",
				vec![
					Value::u128(need(&r.collection, "collection")?.into()),
					to,
					Value::u128(r.count.unwrap_or(1).into()),
				],
			)
		}
		"list" => (
			TRADERS,
			"Marketplace",
			"list",
			[
				item(r)?,
				vec![
					native(),
					Value::u128(need(&r.amount, "amount")?),
					Value::u128(r.expires_at.unwrap_or(DEFAULT_EXPIRY_BLOCKS).into()),
					Value::unnamed_variant("None", []),
				],
			]
			.concat(),
		),
		"buy" => (
			TRADERS,
			"Marketplace",
			"buy",
			[
				item(r)?,
				vec![
					native(),
					Value::u128(need(&r.amount, "amount")?),
					Value::u128(r.redeem_points.unwrap_or(0)),
				],
			]
			.concat(),
		),
		"offer" => (
			TRADERS,
			"Marketplace",
			"make_offer",
			[
				item(r)?,
				vec![
					native(),
					Value::u128(need(&r.amount, "amount")?),
					Value::u128(r.expires_at.unwrap_or(DEFAULT_EXPIRY_BLOCKS).into()),
				],
			]
			.concat(),
		),
		"bid" => (
			TRADERS,
			"Marketplace",
			"bid",
			[item(r)?, vec![Value::u128(need(&r.amount, "amount")?)]].concat(),
		),
		"gift" => (
			TRADERS,
			"Collectibles",
			"gift",
			[item(r)?, vec![account(&need(&r.to, "to")?)?]].concat(),
		),
		"dispute" => (
			TRADERS,
			"Works",
			"open_dispute",
			vec![
				Value::u128(need(&r.work, "work")?.into()),
				Value::from_bytes(need(&r.cid, "cid")?.into_bytes()),
			],
		),
		"approve_attestation" => {
			session.require(&[Role::Institution])?;
			let creator = attestation_subject(&state, &need(&r.request, "request")?).await?;
			(
				&[Role::Institution],
				"Works",
				"attest_creator",
				vec![
					account(&creator)?,
					Value::u128(r.kyc_level.unwrap_or(1).into()),
					Value::u128(ATTESTATION_BLOCKS),
				],
			)
		}
		other => return Err(ApiError::not_found(format!("no flow {other:?}"))),
	};
	session.require(roles)?;
	let (_, answer) = start(&state, &session, &flow, pallet, call, args).await?;
	Ok((StatusCode::ACCEPTED, Json(answer)))
}

/// Signs with the user's custodial key and submits in the background; or, for a user who
/// linked their own key, prepares the transaction for them to sign.
async fn start(
	state: &AppState,
	session: &Session,
	flow: &str,
	pallet: &str,
	call: &str,
	args: Vec<Value>,
) -> Result<(String, serde_json::Value), ApiError> {
	let Some(chain) = state.chain.clone() else {
		return Err(ApiError::new(
			StatusCode::SERVICE_UNAVAILABLE,
			"no_chain",
			"the gateway is not connected to a node",
		));
	};
	if session.user.custody == "self" {
		let account: [u8; 32] = hex::decode(session.user.address.trim_start_matches("0x"))
			.ok()
			.and_then(|bytes| bytes.try_into().ok())
			.ok_or_else(|| ApiError::internal("a linked address is not 32 bytes"))?;
		let prepared = chain.prepare(pallet, call, args, account).await.map_err(|e| {
			ApiError::new(StatusCode::BAD_GATEWAY, "chain", format!("cannot prepare: {e}"))
		})?;
		let id = crate::custody::record_prepared(state, &session.user.id, flow, &prepared).await?;
		let answer = serde_json::json!({
			"tx": id,
			"status": "awaiting_signature",
			"signer_payload": format!("0x{}", hex::encode(&prepared.signer_payload)),
		});
		return Ok((id, answer));
	}
	let row = sqlx::query("SELECT sealed_data_key, sealed_seed FROM users WHERE id = $1")
		.bind(session.user.id.clone())
		.fetch_one(&state.db)
		.await
		.map_err(ApiError::internal)?;
	let seed = keys::open_custodial(
		&state.master,
		&session.user.id,
		&row.try_get::<String, _>(0).map_err(ApiError::internal)?,
		&row.try_get::<String, _>(1).map_err(ApiError::internal)?,
	)
	.map_err(ApiError::internal)?;
	let signer = seed.keypair().map_err(ApiError::internal)?;
	let id = hex::encode(&keys::random32().map_err(ApiError::internal)?[..16]);
	sqlx::query(
		"INSERT INTO transactions (id, user_id, flow, status, detail, created_ms, updated_ms) \
		 VALUES ($1, $2, $3, 'submitted', '', $4, $4)",
	)
	.bind(id.clone())
	.bind(session.user.id.clone())
	.bind(flow.to_string())
	.bind(now_ms())
	.execute(&state.db)
	.await
	.map_err(ApiError::internal)?;
	tracing::info!(tx = %id, user = %session.user.id, %flow, "submitting");
	let (db, tx, pallet, call) =
		(state.db.clone(), id.clone(), pallet.to_string(), call.to_string());
	tokio::spawn(async move {
		let outcome = chain.submit(&pallet, &call, args, &signer).await;
		record_outcome(&db, &tx, outcome.map(|s| crate::custody::events_json(&s))).await;
	});
	Ok((id.clone(), serde_json::json!({ "tx": id, "status": "submitted" })))
}

/// Records how a submitted transaction ended: finalized with its events (JSON), or failed.
pub async fn record_outcome(
	db: &sqlx::AnyPool,
	tx: &str,
	outcome: Result<String, yinji_client::Error>,
) {
	let (status, detail) = match outcome {
		Ok(events) => ("finalized", events),
		Err(error) => ("failed", error.to_string()),
	};
	let updated = sqlx::query(
		"UPDATE transactions SET status = $1, detail = $2, updated_ms = $3 WHERE id = $4",
	)
	.bind(status)
	.bind(detail)
	.bind(now_ms())
	.bind(tx.to_string())
	.execute(db)
	.await;
	if let Err(error) = updated {
		tracing::error!(%tx, %error, "could not record the outcome");
	}
}

#[utoipa::path(get, path = "/api/tx/{id}", tag = "flows",
	params(("id" = String, Path, description = "The transaction id a flow answered")),
	responses(
		(status = 200, description = "submitted, finalized (with events) or failed (with the reason)"),
		(status = 404, description = "No such transaction of this user", body = crate::error::ErrorBody)))]
/// `GET /api/tx/{id}`: the transaction's status, to its owner only (anyone else gets 404, as if
/// it did not exist).
pub async fn transaction(
	State(state): State<AppState>,
	session: Session,
	Path(id): Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
	let row =
		sqlx::query("SELECT flow, status, detail FROM transactions WHERE id = $1 AND user_id = $2")
			.bind(id.clone())
			.bind(session.user.id)
			.fetch_optional(&state.db)
			.await
			.map_err(ApiError::internal)?
			.ok_or_else(|| ApiError::not_found(format!("no transaction {id}")))?;
	let status: String = row.try_get(1).map_err(ApiError::internal)?;
	let detail: String = row.try_get(2).map_err(ApiError::internal)?;
	let detail = match status.as_str() {
		"finalized" => {
			serde_json::json!({ "events": serde_json::from_str::<serde_json::Value>(&detail).unwrap_or_default() })
		}
		"failed" => serde_json::json!({ "error": detail }),
		"awaiting_signature" => {
			let prepared: yinji_client::Prepared =
				serde_json::from_str(&detail).map_err(ApiError::internal)?;
			serde_json::json!({ "signer_payload": format!("0x{}", hex::encode(prepared.signer_payload)) })
		}
		_ => serde_json::json!({}),
	};
	Ok(Json(serde_json::json!({
		"tx": id,
		"flow": row.try_get::<String, _>(0).map_err(ApiError::internal)?,
		"status": status,
		"detail": detail,
	})))
}

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
) -> Result<(StatusCode, Json<serde_json::Value>), ApiError> {
	session.require(&[Role::Creator])?;
	if request.real_name.trim().is_empty() || request.id_number.trim().is_empty() {
		return Err(ApiError::bad_request("missing_field", "real_name and id_number are required"));
	}
	let id = hex::encode(&keys::random32().map_err(ApiError::internal)?[..16]);
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
	.await
	.map_err(ApiError::internal)?;
	Ok((StatusCode::CREATED, Json(serde_json::json!({ "request": id }))))
}

#[utoipa::path(get, path = "/api/attestations", tag = "flows",
	responses(
		(status = 200, description = "Pending requests with their details"),
		(status = 403, description = "Not an institution", body = crate::error::ErrorBody)))]
/// `GET /api/attestations`: pending requests, for institution operators.
pub async fn pending_attestations(
	State(state): State<AppState>,
	session: Session,
) -> Result<Json<serde_json::Value>, ApiError> {
	session.require(&[Role::Institution])?;
	let rows = sqlx::query(
		"SELECT r.id, r.real_name, r.id_number, u.address FROM attestation_requests r \
		 JOIN users u ON u.id = r.user_id ORDER BY r.created_ms",
	)
	.fetch_all(&state.db)
	.await
	.map_err(ApiError::internal)?;
	let requests = rows
		.iter()
		.map(|row| {
			Ok(serde_json::json!({
				"request": row.try_get::<String, _>(0)?,
				"real_name": row.try_get::<String, _>(1)?,
				"id_number": row.try_get::<String, _>(2)?,
				"address": row.try_get::<String, _>(3)?,
			}))
		})
		.collect::<Result<Vec<_>, sqlx::Error>>()
		.map_err(ApiError::internal)?;
	Ok(Json(serde_json::json!({ "requests": requests })))
}

async fn attestation_subject(state: &AppState, request: &str) -> Result<String, ApiError> {
	sqlx::query_scalar(
		"SELECT u.address FROM attestation_requests r JOIN users u ON u.id = r.user_id \
		 WHERE r.id = $1",
	)
	.bind(request.to_string())
	.fetch_optional(&state.db)
	.await
	.map_err(ApiError::internal)?
	.ok_or_else(|| ApiError::not_found(format!("no attestation request {request}")))
}
