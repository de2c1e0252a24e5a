//! The creator, buyer and institution flows: each request becomes an extrinsic (a large mint,
//! several) signed with the user's custodial key and submitted in the background;
//! `GET /api/tx/{id}` reports it until it is finalized (or failed, with the chain's reason), with
//! the progress of a mint of many chunks.
//!
//! - [`calls`]: which roles may start each flow and which extrinsics it becomes.
//! - [`attestation`]: creator verification requests, whose personal details stay here.
//!
//! Personal data never goes on chain: an attestation request's details stay in the gateway's
//! database; only the institution's attestation (account, level, expiry) is submitted.

pub mod attestation;
pub mod calls;

use crate::{accounts::Session, error::ApiJson, keys, now_ms, ApiError, AppState, Result};
use axum::{
	extract::{Path, State},
	http::StatusCode,
	Json,
};
use calls::Call;
use serde::Deserialize;
use sqlx::Row;
use std::{
	collections::HashMap,
	sync::{Arc, Mutex},
};

/// The lock of each custodial signer (by user id); see [`AppState::signers`].
#[derive(Clone, Default)]
pub struct SignerLocks(Arc<Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>>);

impl SignerLocks {
	/// The lock of `user`'s key (or of another signer, by a name no user id takes).
	pub(crate) fn of(&self, user: &str) -> Arc<tokio::sync::Mutex<()>> {
		// A poisoned map only means another request panicked while inserting; its entries
		// are still whole.
		let mut locks = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
		locks.entry(user.to_string()).or_default().clone()
	}
}

/// The body of `POST /api/flows/{flow}`; which fields are needed depends on the flow (see
/// `docs/gateway.md`).
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
	/// CID of a metadata document (default: a work's content; a collection's work's metadata).
	pub metadata_cid: Option<String>,
	/// Work kind (`Image`, `Craft`, …) or collection kind (`DigitalCollectible`, `PhysicalTwin`).
	pub kind: Option<String>,
	/// Editions of a collection.
	pub max_supply: Option<u32>,
	/// Resale royalty in basis points.
	pub royalty_bp: Option<u16>,
	/// `SettlementOnly` (default), `Soulbound`, or `GiftOnly`.
	pub policy: Option<String>,
	/// Items to mint (default 1, at most 10 000; more than 50 are minted in several extrinsics).
	pub count: Option<u32>,
	/// A recipient, a listing's only buyer, or an account a motion names (`0x`-hex account).
	pub to: Option<String>,
	/// A price, offer, bid, or an auction's starting price, in the smallest unit (amounts are
	/// JSON numbers or decimal strings).
	#[serde(default, deserialize_with = "crate::amount::optional")]
	#[schema(value_type = Option<String>)]
	pub amount: Option<u128>,
	/// A Dutch auction's lowest price.
	#[serde(default, deserialize_with = "crate::amount::optional")]
	#[schema(value_type = Option<String>)]
	pub floor: Option<u128>,
	/// How much a Dutch auction's price falls each block.
	#[serde(default, deserialize_with = "crate::amount::optional")]
	#[schema(value_type = Option<String>)]
	pub decay_per_block: Option<u128>,
	/// An English auction's reserve (default: its starting price).
	#[serde(default, deserialize_with = "crate::amount::optional")]
	#[schema(value_type = Option<String>)]
	pub reserve: Option<u128>,
	/// The least raise over the best bid, in basis points (default 500).
	pub min_increment_bp: Option<u16>,
	/// Loyalty points to redeem in a purchase.
	#[serde(default, deserialize_with = "crate::amount::optional")]
	#[schema(value_type = Option<String>)]
	pub redeem_points: Option<u128>,
	/// The last block a listing, offer or auction is open.
	pub expires_at: Option<u64>,
	/// Or: how many blocks after the finalized head it stays open (default about 30 days).
	pub expires_in: Option<u64>,
	/// An offer's id.
	pub offer: Option<u64>,
	/// An attestation request's id (institutions approve it).
	pub request: Option<String>,
	/// KYC level an institution grants.
	pub kyc_level: Option<u8>,
	/// What a council motion proposes: `rule_dispute`, `add_validator`, `remove_validator`,
	/// `add_institution`, `remove_institution`, `add_node`, `remove_node`.
	pub motion: Option<String>,
	/// A dispute's ruling: `TransferToClaimant`, `Revoke`, `DismissAndReturn`, `DismissAndSlash`.
	pub ruling: Option<String>,
	/// A node's peer id, as the hex of its bytes.
	pub peer_id: Option<String>,
	/// The EVM address (`0x` and 40 hex digits) an exported item is minted to.
	pub evm_address: Option<String>,
	/// A council motion's hash (`0x`-hex), from its `Council.Proposed` event.
	pub proposal: Option<String>,
	/// A council motion's index, from its `Council.Proposed` event.
	pub index: Option<u32>,
	/// A vote: aye (`true`) or nay.
	pub approve: Option<bool>,
	/// A tag's hash (`0x`-hex), as `POST /api/tags/nfc` or `/api/tags/qr` answered it.
	pub tag: Option<String>,
	/// `Ntag424` or `SignedQr`.
	pub tag_kind: Option<String>,
	/// The key epoch a tag was issued under.
	pub key_epoch: Option<u32>,
	/// Why a tag is unbound: `Damaged`, `Lost` or `Compromised`.
	pub reason: Option<String>,
}

#[utoipa::path(post, path = "/api/flows/{flow}", request_body = FlowRequest, tag = "flows",
	params(("flow" = String, Path, description = "register_work, create_collection, mint, list, list_dutch, cancel_listing, buy, buy_from_drop, offer, withdraw_offer, accept_offer, create_auction, bid, settle_auction, cancel_auction, gift, bind_tag, unbind_tag, dispute, approve_attestation, propose_motion, vote, close_motion")),
	responses(
		(status = 202, description = "Submitted; poll /api/tx/{tx}"),
		(status = 400, description = "A field is missing or malformed", body = crate::error::ErrorBody),
		(status = 401, description = "No session", body = crate::error::ErrorBody),
		(status = 403, description = "Wrong role or missing CSRF token", body = crate::error::ErrorBody),
		(status = 404, description = "No such flow", body = crate::error::ErrorBody),
		(status = 502, description = "The node failed to answer", body = crate::error::ErrorBody),
		(status = 503, description = "No node configured", body = crate::error::ErrorBody)))]
/// `POST /api/flows/{flow}`: checks the role and the request, then submits the extrinsics in the
/// background. Answers 202 with the transaction's id.
pub async fn submit_flow(
	State(state): State<AppState>,
	session: Session,
	Path(flow): Path<String>,
	ApiJson(request): ApiJson<FlowRequest>,
) -> Result<(StatusCode, Json<serde_json::Value>)> {
	session.require(calls::roles(&flow)?)?;
	let calls = calls::build(&state, &session, &flow, &request).await?;
	let answer = start(&state, &session, &flow, calls).await?;
	if flow == "approve_attestation" {
		if let (Some(request), Some(tx)) = (&request.request, answer["tx"].as_str()) {
			attestation::mark_approved(&state, request, tx).await?;
		}
	}
	Ok((StatusCode::ACCEPTED, Json(answer)))
}

/// Signs with the user's custodial key and submits in the background, one extrinsic after the
/// other; or, for a user who linked their own key, prepares the transaction for them to sign.
async fn start(
	state: &AppState,
	session: &Session,
	flow: &str,
	calls: Vec<Call>,
) -> Result<serde_json::Value> {
	let chain = calls::chain(state)?.clone();
	if session.user.custody == "self" {
		let [Call { pallet, call, args }] = <[Call; 1]>::try_from(calls).map_err(|calls| {
			ApiError::bad_request(
				"too_many_for_self_custody",
				format!(
					"this request needs {} transactions; with your own key, mint at most {} items \
					 per request",
					calls.len(),
					calls::MINT_CHUNK
				),
			)
		})?;
		let account: [u8; 32] = hex::decode(session.user.address.trim_start_matches("0x"))
			.ok()
			.and_then(|bytes| bytes.try_into().ok())
			.ok_or_else(|| ApiError::internal("a linked address is not 32 bytes"))?;
		let prepared = chain.prepare(pallet, call, args, account).await.map_err(|e| {
			ApiError::new(StatusCode::BAD_GATEWAY, "chain", format!("cannot prepare: {e}"))
		})?;
		let id = crate::custody::record_prepared(state, &session.user.id, flow, &prepared).await?;
		return Ok(serde_json::json!({
			"tx": id,
			"status": "awaiting_signature",
			"signer_payload": format!("0x{}", hex::encode(&prepared.signer_payload)),
		}));
	}
	let signer = custodial_keypair(state, &session.user.id).await?;
	let lock = state.signers.of(&session.user.id);
	submit_in_background(state, &session.user.id, flow, calls, signer, lock, None).await
}

/// The custodial key of `user`, unsealed for signing.
pub(crate) async fn custodial_keypair(
	state: &AppState,
	user: &str,
) -> Result<yinji_client::Keypair> {
	let row = sqlx::query("SELECT sealed_data_key, sealed_seed FROM users WHERE id = $1")
		.bind(user.to_string())
		.fetch_one(&state.db)
		.await?;
	let seed = keys::open_custodial(
		&state.master,
		user,
		&row.try_get::<String, _>(0)?,
		&row.try_get::<String, _>(1)?,
	)?;
	Ok(seed.keypair()?)
}

/// How a transaction submitted in the background ended: its events (JSON) or the reason.
pub type Outcome = Result<String, String>;

/// Records a transaction of `user` and submits `calls` signed by `signer` in the background,
/// one after the other while holding `lock` (the signer's: each takes the next nonce). When it
/// ends, its [`Outcome`] is recorded and also sent to `done`, if given.
pub(crate) async fn submit_in_background(
	state: &AppState,
	user: &str,
	flow: &str,
	calls: Vec<Call>,
	signer: yinji_client::Keypair,
	lock: Arc<tokio::sync::Mutex<()>>,
	done: Option<tokio::sync::oneshot::Sender<Outcome>>,
) -> Result<serde_json::Value> {
	let chain = calls::chain(state)?.clone();
	let id = hex::encode(&keys::random32()?[..16]);
	let total = calls.len();
	sqlx::query(
		"INSERT INTO transactions (id, user_id, flow, status, detail, created_ms, updated_ms) \
		 VALUES ($1, $2, $3, 'submitted', $4, $5, $5)",
	)
	.bind(id.clone())
	.bind(user.to_string())
	.bind(flow.to_string())
	.bind(progress(0, total))
	.bind(now_ms())
	.execute(&state.db)
	.await?;
	tracing::info!(tx = %id, %user, %flow, extrinsics = total, "submitting");
	let (db, tx, outcome) = (state.db.clone(), id.clone(), done);
	tokio::spawn(async move {
		// Until this user's earlier extrinsics are in, this one waits: each takes the next nonce.
		let _signing = lock.lock().await;
		let mut events = Vec::new();
		for (done, Call { pallet, call, args }) in calls.into_iter().enumerate() {
			match chain.submit(pallet, call, args, &signer).await {
				Ok(submitted) => {
					let json = crate::custody::events_json(&submitted);
					if let Ok(serde_json::Value::Array(more)) = serde_json::from_str(&json) {
						events.extend(more);
					}
					if done + 1 < total {
						record_progress(&db, &tx, progress(done + 1, total)).await;
					}
				}
				Err(error) => {
					let reason = format!("{error} (after {done} of {total} extrinsics)");
					finish(&db, &tx, Err(reason), outcome).await;
					return;
				}
			}
		}
		finish(&db, &tx, Ok(serde_json::Value::from(events).to_string()), outcome).await;
	});
	Ok(serde_json::json!({ "tx": id, "status": "submitted", "extrinsics": total }))
}

/// Records the outcome, then hands it to whoever waits for it (who may have gone: a closed
/// channel is not an error).
async fn finish(
	db: &sqlx::AnyPool,
	tx: &str,
	result: Outcome,
	waiting: Option<tokio::sync::oneshot::Sender<Outcome>>,
) {
	record_outcome(db, tx, result.clone()).await;
	if let Some(waiting) = waiting {
		let _ = waiting.send(result);
	}
}

/// A submitted transaction's detail while its extrinsics finalize: `{"done": n, "of": total}`.
fn progress(done: usize, total: usize) -> String {
	serde_json::json!({ "done": done, "of": total }).to_string()
}

async fn record_progress(db: &sqlx::AnyPool, tx: &str, detail: String) {
	update(db, tx, "submitted", detail).await;
}

/// Records how a submitted transaction ended: finalized with its events (JSON), or failed.
pub async fn record_outcome(db: &sqlx::AnyPool, tx: &str, outcome: Result<String, String>) {
	let (status, detail) = match outcome {
		Ok(events) => ("finalized", events),
		Err(error) => ("failed", error),
	};
	update(db, tx, status, detail).await;
}

/// Sets a transaction's status and detail; a failure to record is logged (the background task
/// that calls this has nobody to answer).
async fn update(db: &sqlx::AnyPool, tx: &str, status: &str, detail: String) {
	let updated = sqlx::query(
		"UPDATE transactions SET status = $1, detail = $2, updated_ms = $3 WHERE id = $4",
	)
	.bind(status.to_string())
	.bind(detail)
	.bind(now_ms())
	.bind(tx.to_string())
	.execute(db)
	.await;
	if let Err(error) = updated {
		tracing::error!(%tx, %error, status, "could not record the transaction's state");
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
) -> Result<Json<serde_json::Value>> {
	let row =
		sqlx::query("SELECT flow, status, detail FROM transactions WHERE id = $1 AND user_id = $2")
			.bind(id.clone())
			.bind(session.user.id)
			.fetch_optional(&state.db)
			.await?
			.ok_or_else(|| ApiError::not_found(format!("no transaction {id}")))?;
	let status: String = row.try_get(1)?;
	let detail: String = row.try_get(2)?;
	let detail = match status.as_str() {
		"finalized" => {
			serde_json::json!({ "events": serde_json::from_str::<serde_json::Value>(&detail).unwrap_or_default() })
		}
		"failed" => serde_json::json!({ "error": detail }),
		"awaiting_signature" => {
			let prepared: yinji_client::Prepared = serde_json::from_str(&detail)?;
			serde_json::json!({ "signer_payload": format!("0x{}", hex::encode(prepared.signer_payload)) })
		}
		// Submitted: how many of its extrinsics are finalized.
		_ => serde_json::from_str(&detail).unwrap_or_default(),
	};
	Ok(Json(serde_json::json!({
		"tx": id,
		"flow": row.try_get::<String, _>(0)?,
		"status": status,
		"detail": detail,
	})))
}
