//! Physical tags: issuing NFC tags and printed codes for physical-twin items, and judging every
//! tap and scan on a page anyone can open without an account.
//!
//! - [`issue`]: NFC personalization files and signed QR codes (SVG, PNG) for an item's issuer;
//!   binding a tag on chain is the `bind_tag` flow.
//! - [`verify`]: the verdict on a read, with the counter accepted at most once, and its signed
//!   receipt.
//! - [`page`]: the verify page.
//! - [`ledger`]: the chain's state of a tag and its item at the finalized head.
//! - [`claim`]: a buyer claims a delivered item by tapping its tag.
//!
//! The cryptography is the `yinji-tags` crate's.

pub mod claim;
pub mod issue;
pub mod ledger;
pub mod page;
pub mod verify;

use crate::{
	accounts::Session,
	pages::{short, utc},
	ApiError, AppState, Result,
};
use axum::{
	extract::{Path, RawQuery, State},
	http::{header, HeaderMap, StatusCode, Uri},
	response::{IntoResponse, Response},
	routing::{get, post},
	Json, Router,
};
use ledger::Ledger;
use page::{ItemContext, WorkContext};
use sqlx::Row;
use verify::Verdict;
use yinji_tags::keys::TagRoot;

/// The gateway's tag secrets and the key epoch it issues under. Derived from the master key
/// (so there is one secret to keep); neither is ever logged.
#[derive(Clone)]
pub struct TagKeys {
	/// The root of every NFC key.
	pub root: TagRoot,
	/// Signs printed codes and receipts; its public half is published.
	pub signing: ed25519_dalek::SigningKey,
	/// The key epoch new tags are issued under.
	pub epoch: u32,
}

impl std::fmt::Debug for TagKeys {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		write!(f, "TagKeys(epoch {}, [redacted])", self.epoch)
	}
}

impl TagKeys {
	/// The keys derived from the gateway's master key, issuing under `epoch`.
	pub fn derive(master: &crate::keys::MasterKey, epoch: u32) -> TagKeys {
		let root = master.derive("tag-root");
		let mut root16 = [0u8; 16];
		root16.copy_from_slice(&root[..16]);
		TagKeys {
			root: TagRoot::new(root16),
			signing: ed25519_dalek::SigningKey::from_bytes(&master.derive("signing-key")),
			epoch,
		}
	}

	/// The published key (`0x`-hex).
	pub fn public_key(&self) -> String {
		crate::bytes::to_hex(self.signing.verifying_key().as_bytes())
	}
}

/// The tag routes: reads (`/t/{epoch}`, `/01/…`, `/21/…`), receipts, keys and issuance.
pub fn router() -> Router<AppState> {
	Router::new()
		.route("/t/{epoch}", get(nfc_read))
		.route("/01/{gtin}/21/{serial}", get(code_read))
		.route("/21/{serial}", get(code_read))
		.route("/api/receipts/{id}", get(receipt))
		.route("/api/tags/keys", get(published_keys))
		.route("/api/tags/nfc", post(issue::nfc))
		.route("/api/tags/qr", post(issue::qr))
		.route("/api/tags/claim", post(claim::claim))
		.route("/api/tags/qr/{collection}/{item}", get(issue::qr_image))
}

/// Whether the client asked for JSON rather than the page.
fn wants_json(headers: &HeaderMap) -> bool {
	headers
		.get(header::ACCEPT)
		.and_then(|v| v.to_str().ok())
		.is_some_and(|accept| accept.contains("application/json"))
}

#[utoipa::path(get, path = "/t/{epoch}", tag = "tags",
	params(("epoch" = u32, Path, description = "The key epoch of the tag"),
		("e" = String, Query, description = "Encrypted PICCData (32 hex)"),
		("enc" = Option<String>, Query, description = "Encrypted file data with the tamper status"),
		("c" = String, Query, description = "SDM MAC (16 hex)")),
	responses(
		(status = 200, description = "The verdict (a page, or JSON with `Accept: application/json`): genuine, warning or rejected, with the findings and a signed receipt"),
		(status = 400, description = "Not a tap URL", body = crate::error::ErrorBody),
		(status = 503, description = "No node configured", body = crate::error::ErrorBody)))]
/// `GET /t/{epoch}?e=…&enc=…&c=…`: an NFC tap, judged.
pub async fn nfc_read(
	State(state): State<AppState>,
	Path(epoch): Path<u32>,
	RawQuery(query): RawQuery,
	headers: HeaderMap,
) -> Result<Response> {
	let ledger = Ledger::at_head(&state).await?;
	let query = query.unwrap_or_default();
	let verdict = verify::judge_tap(&state, &ledger, epoch, &query).await?;
	let claim = crate::pages::claim_link(&format!("/t/{epoch}?{query}"));
	answer(&state, &ledger, verdict, &headers, Some(claim)).await
}

#[utoipa::path(get, path = "/01/{gtin}/21/{serial}", tag = "tags",
	params(("gtin" = String, Path, description = "GTIN-8/12/13/14"),
		("serial" = String, Path, description = "{collection}.{item}"),
		("k" = u32, Query, description = "Key epoch"),
		("s" = String, Query, description = "ed25519 signature (128 hex)")),
	responses(
		(status = 200, description = "The verdict, as for a tap"),
		(status = 400, description = "Not a code of this gateway", body = crate::error::ErrorBody)))]
/// `GET /01/{gtin}/21/{collection}.{item}?k=…&s=…` (or `/21/…` without a GTIN): a printed code,
/// judged.
pub async fn code_read(
	State(state): State<AppState>,
	uri: Uri,
	headers: HeaderMap,
) -> Result<Response> {
	let ledger = Ledger::at_head(&state).await?;
	let verdict =
		verify::judge_code(&state, &ledger, uri.path(), uri.query().unwrap_or("")).await?;
	answer(&state, &ledger, verdict, &headers, None).await
}

/// The verdict as JSON or as the page, with what the chain and the index say about its item.
async fn answer(
	state: &AppState,
	ledger: &Ledger,
	verdict: Verdict,
	headers: &HeaderMap,
	claim: Option<String>,
) -> Result<Response> {
	let context = match verdict.item {
		Some((collection, item)) => context(state, ledger, collection, item).await?,
		None => ItemContext::default(),
	};
	if wants_json(headers) {
		let body = serde_json::json!({ "verdict": verdict, "context": context });
		return Ok(Json(body).into_response());
	}
	// A genuine tap may be a delivery: offer its buyer the claim.
	let claim = claim.filter(|_| verdict.verdict != "rejected");
	let page = page::render(&verdict, &context, claim.as_deref());
	Ok(([(header::CACHE_CONTROL, "no-store")], page).into_response())
}

/// What the chain and (when configured) the index say about an item.
pub(crate) async fn context(
	state: &AppState,
	ledger: &Ledger,
	collection: u32,
	item: u32,
) -> Result<ItemContext> {
	let Some(held) = ledger.item(collection, item).await? else {
		return Ok(ItemContext::default());
	};
	let policy = match &held.policy {
		serde_json::Value::String(name) => name.clone(),
		other => other.to_string(),
	};
	let mut context = ItemContext {
		edition: Some(format!("#{item} of {}", held.max_supply)),
		owner: Some(short(&held.owner)),
		policy: Some(policy),
		work_id: Some(held.work),
		work: None,
		provenance: Vec::new(),
	};
	if let Some(index) = &state.index {
		if let Some(work) = yinji_index_query::work(index, held.work).await? {
			context.work = Some(WorkContext {
				id: work.id,
				creator: short(&work.registrant),
				block: work.registered_block,
				registered: utc(work.registered_ms),
				status: work.status,
			});
		}
		let history =
			yinji_index_query::item_provenance(index, collection.into(), item.into()).await?;
		context.provenance =
			history.into_iter().map(|e| (e.block_number, e.kind, e.from, e.to)).collect();
	}
	Ok(context)
}

#[utoipa::path(get, path = "/api/receipts/{id}", tag = "tags",
	params(("id" = String, Path, description = "The receipt id a verdict gave")),
	responses((status = 200, description = "The signed receipt"),
		(status = 404, description = "Unknown", body = crate::error::ErrorBody)))]
/// `GET /api/receipts/{id}`: a verdict's signed receipt, as a file to keep.
pub async fn receipt(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response> {
	let row = sqlx::query("SELECT receipt FROM tag_reads WHERE id = $1")
		.bind(id.clone())
		.fetch_optional(&state.db)
		.await?
		.ok_or_else(|| ApiError::not_found(format!("no receipt {id}")))?;
	let body: String = row.try_get(0)?;
	Ok((
		StatusCode::OK,
		[
			(header::CONTENT_TYPE, "application/json".to_string()),
			(header::CONTENT_DISPOSITION, format!("attachment; filename=\"receipt-{id}.json\"")),
		],
		body,
	)
		.into_response())
}

#[utoipa::path(get, path = "/api/tags/keys", tag = "tags",
	responses((status = 200, description = "The key that signs codes and receipts, and the current key epoch")))]
/// `GET /api/tags/keys`: the published key and the current key epoch.
pub async fn published_keys(State(state): State<AppState>) -> Json<serde_json::Value> {
	Json(serde_json::json!({
		"signing_key": state.tags.public_key(),
		"key_epoch": state.tags.epoch,
	}))
}

/// The caller must be the collection's issuer (or an institution operator).
pub(crate) fn ensure_issuer(session: &Session, issuer: &str) -> Result<()> {
	if session.user.address == issuer || session.user.role == crate::accounts::Role::Institution {
		Ok(())
	} else {
		Err(ApiError::new(
			StatusCode::FORBIDDEN,
			"not_issuer",
			"only the collection's issuer issues tags for its items",
		))
	}
}
