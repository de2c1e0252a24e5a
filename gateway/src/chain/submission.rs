//! The submission engine: a transaction is recorded, its extrinsics signed one after the other
//! under the signer's lock (each takes the next nonce), submitted and followed to finality in
//! the background, and its outcome recorded for `GET /api/tx/{id}`. A transaction for a
//! self-custody user is recorded as prepared instead, awaiting the user's signature.

use super::call::Call;
use crate::{
	accounts::Session,
	keys, now_ms,
	stored::{Custody, TxStatus},
	ApiError, AppState, Result,
};
use axum::{
	extract::{Path, State},
	http::StatusCode,
	Json,
};
use sqlx::Row;
use std::{
	collections::HashMap,
	sync::{Arc, Mutex},
};
use yinji_client::{fields::to_json, Event, Prepared};

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
pub type Outcome = std::result::Result<String, String>;

/// A new transaction's id.
fn new_id() -> Result<String> {
	Ok(hex::encode(&keys::random32()?[..16]))
}

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
	let chain = state.chain()?.clone();
	let id = new_id()?;
	let total = calls.len();
	sqlx::query(
		"INSERT INTO transactions (id, user_id, flow, status, detail, created_ms, updated_ms) \
		 VALUES ($1, $2, $3, $4, $5, $6, $6)",
	)
	.bind(id.clone())
	.bind(user.to_string())
	.bind(flow.to_string())
	.bind(TxStatus::Submitted.as_str())
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
		for (done, call) in calls.iter().enumerate() {
			match chain.submit_call(call, &signer).await {
				Ok(submitted) => {
					let json = events_json(&submitted);
					if let Ok(serde_json::Value::Array(more)) = serde_json::from_str(&json) {
						events.extend(more);
					}
					if done + 1 < total {
						update(&db, &tx, TxStatus::Submitted, progress(done + 1, total)).await;
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
	Ok(serde_json::json!({ "tx": id, "status": TxStatus::Submitted.as_str(), "extrinsics": total }))
}

/// Submits `calls` as `session`'s user: signed with the user's custodial key and submitted in
/// the background, one extrinsic after the other, the outcome also sent to `done`; or, for a
/// user who linked their own key, prepared for them to sign (`POST /api/tx/{id}/signature`),
/// and `done` dropped: what follows a self-custody transaction reads its effect from the chain.
pub(crate) async fn submit_as_user(
	state: &AppState,
	session: &Session,
	flow: &str,
	calls: Vec<Call>,
	done: Option<tokio::sync::oneshot::Sender<Outcome>>,
) -> Result<serde_json::Value> {
	if session.user.custody == Custody::SelfCustody {
		return prepare(state, session, flow, calls).await;
	}
	let signer = custodial_keypair(state, &session.user.id).await?;
	let lock = state.signers.of(&session.user.id);
	submit_in_background(state, &session.user.id, flow, calls, signer, lock, done).await
}

/// Prepares the one extrinsic of a self-custody user's transaction for them to sign.
async fn prepare(
	state: &AppState,
	session: &Session,
	flow: &str,
	calls: Vec<Call>,
) -> Result<serde_json::Value> {
	let chain = state.chain()?;
	let [call] = <[Call; 1]>::try_from(calls).map_err(|calls| {
		ApiError::bad_request(
			"too_many_for_self_custody",
			format!(
				"this request needs {} transactions; with your own key, mint at most {} items \
				 per request",
				calls.len(),
				crate::flows::calls::MINT_CHUNK
			),
		)
	})?;
	let account = crate::bytes::from_hex(&session.user.address)
		.ok_or_else(|| ApiError::internal("a linked address is not 32 bytes"))?;
	let prepared = chain.prepare_call(&call, account).await.map_err(|e| {
		ApiError::new(StatusCode::BAD_GATEWAY, "chain", format!("cannot prepare: {e}"))
	})?;
	let id = record_prepared(state, &session.user.id, flow, &prepared).await?;
	Ok(serde_json::json!({
		"tx": id,
		"status": TxStatus::AwaitingSignature.as_str(),
		"signer_payload": crate::bytes::to_hex(&prepared.signer_payload),
	}))
}

/// Records a prepared transaction awaiting the user's signature; returns its id.
pub async fn record_prepared(
	state: &AppState,
	user: &str,
	flow: &str,
	prepared: &Prepared,
) -> Result<String> {
	let id = new_id()?;
	let detail = serde_json::to_string(prepared)?;
	sqlx::query(
		"INSERT INTO transactions (id, user_id, flow, status, detail, created_ms, updated_ms) \
		 VALUES ($1, $2, $3, $4, $5, $6, $6)",
	)
	.bind(id.clone())
	.bind(user.to_string())
	.bind(flow.to_string())
	.bind(TxStatus::AwaitingSignature.as_str())
	.bind(detail)
	.bind(now_ms())
	.execute(&state.db)
	.await?;
	Ok(id)
}

/// The events of a finalized extrinsic as the API reports them (fee and system events left out).
pub fn events_json(submitted: &yinji_client::Submitted) -> String {
	// `decoded` holds the same events as `events`, in the same order, typed.
	let events: Vec<_> = submitted
		.events
		.iter()
		.zip(&submitted.decoded)
		.filter(|(_, event)| !is_fee_or_system(event))
		.map(|((p, n, fields), _)| {
			serde_json::json!({ "event": format!("{p}.{n}"), "fields": to_json(fields) })
		})
		.collect();
	serde_json::Value::from(events).to_string()
}

/// Whether `event` is of the system or of fees and balances, which every extrinsic emits.
fn is_fee_or_system(event: &Event) -> bool {
	matches!(event, Event::System(_) | Event::TransactionPayment(_) | Event::Balances(_))
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

/// Records how a submitted transaction ended: finalized with its events (JSON), or failed.
pub async fn record_outcome(db: &sqlx::AnyPool, tx: &str, outcome: Outcome) {
	let (status, detail) = match outcome {
		Ok(events) => (TxStatus::Finalized, events),
		Err(error) => (TxStatus::Failed, error),
	};
	update(db, tx, status, detail).await;
}

/// Sets a transaction's status and detail; a failure to record is logged (the background task
/// that calls this has nobody to answer).
async fn update(db: &sqlx::AnyPool, tx: &str, status: TxStatus, detail: String) {
	let updated = sqlx::query(
		"UPDATE transactions SET status = $1, detail = $2, updated_ms = $3 WHERE id = $4",
	)
	.bind(status.as_str())
	.bind(detail)
	.bind(now_ms())
	.bind(tx.to_string())
	.execute(db)
	.await;
	if let Err(error) = updated {
		let status = status.as_str();
		tracing::error!(%tx, %error, status, "could not record the transaction's state");
	}
}

/// The transaction routes: `GET /api/tx/{id}`.
pub fn router() -> axum::Router<AppState> {
	axum::Router::new().route("/api/tx/{id}", axum::routing::get(transaction))
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
	let detail = match status.parse() {
		Ok(TxStatus::Finalized) => {
			serde_json::json!({ "events": serde_json::from_str::<serde_json::Value>(&detail).unwrap_or_default() })
		}
		Ok(TxStatus::Failed) => serde_json::json!({ "error": detail }),
		Ok(TxStatus::AwaitingSignature) => {
			let prepared: Prepared = serde_json::from_str(&detail)?;
			serde_json::json!({ "signer_payload": crate::bytes::to_hex(&prepared.signer_payload) })
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
