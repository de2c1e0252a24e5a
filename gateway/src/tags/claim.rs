//! Claim by tap: the buyer of a delivered physical product taps its tag and asks to claim it.
//! The gateway checks the tap's MAC (which the chain cannot), that its counter is above the
//! chain's watermark and is the tag's latest read here, and that the named order is the
//! buyer's own open order of the tagged item; then its institution key submits
//! `Marketplace.claim_order_by_tap`. The chain settles the order's escrow, pays the seller and
//! the rights holders, and raises the watermark to the tap's counter, so that a copied URL can
//! never claim.

use super::{
	ledger::Ledger,
	verify::{accept_counter, hex32, last_counter},
};
use crate::{
	accounts::Session,
	chain::{
		call::{ItemId, Named, TagKind},
		submission::submit_in_background,
	},
	error::ApiJson,
	stored::LineStatus,
	ApiError, AppState, Result,
};
use axum::{extract::State, http::StatusCode, Json};
use serde::Deserialize;
use yinji_client::calls::marketplace;
use yinji_tags::{personalize::tag_hash, tap};

/// The body of `POST /api/tags/claim`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClaimRequest {
	/// The tap's URL as the phone opened it (`https://…/t/1?e=…&c=…`), or its path and query.
	pub tap: String,
	/// The buyer's on-chain order of the item, placed at checkout (default: the order of the
	/// buyer's shipped order line of the tapped item).
	pub order: Option<u64>,
}

/// The key epoch and the query of a tap URL.
fn split_tap(url: &str) -> Result<(u32, &str)> {
	let bad = || ApiError::bad_request("bad_tap", "tap is a tag URL: …/t/{epoch}?e=…&c=…");
	let at = url.find("/t/").ok_or_else(bad)?;
	let (epoch, query) = url[at + 3..].split_once('?').ok_or_else(bad)?;
	Ok((epoch.parse().map_err(|_| bad())?, query))
}

fn conflict(code: &'static str, message: String) -> ApiError {
	ApiError::new(StatusCode::CONFLICT, code, message)
}

/// The tap at `/t/{epoch}?{query}`, checked as a claim needs it: genuine, of a bound NFC tag
/// of that epoch, above the chain's watermark and the tag's latest read here. Its tag hash,
/// counter and item, and the chain it was checked against.
async fn fresh_tap(
	state: &AppState,
	epoch: u32,
	query: &str,
) -> Result<(Ledger, [u8; 32], u32, ItemId)> {
	if epoch == 0 || epoch > state.tags.epoch {
		return Err(ApiError::bad_request(
			"unknown_epoch",
			format!("key epoch {epoch} has not been issued"),
		));
	}
	let read = tap::verify(&state.tags.root.epoch(epoch), query).map_err(|error| match error {
		yinji_tags::Error::BadPiccData(_) | yinji_tags::Error::MacMismatch => ApiError::new(
			StatusCode::FORBIDDEN,
			"forged",
			format!("not a genuine read of a yinji tag: {error}"),
		),
		other => ApiError::bad_request("bad_tap", other.to_string()),
	})?;
	let hash = tag_hash(&read.uid);
	let ledger = Ledger::at_head(state).await?;
	let binding = ledger.binding(&hash).await?.ok_or_else(|| {
		conflict("unknown_tag", "this tag is not bound to any item on the chain".into())
	})?;
	if binding.kind != TagKind::Ntag424 || binding.key_epoch != epoch {
		return Err(conflict(
			"wrong_epoch",
			format!(
				"the tag is bound as {} of key epoch {}, not an NFC tag of epoch {epoch}",
				binding.kind.name(),
				binding.key_epoch
			),
		));
	}
	if read.counter <= binding.watermark {
		return Err(conflict(
			"below_watermark",
			format!(
				"counter {} is not above {}, the counter accepted at the item's last sale or \
				 claim: this URL is a copy of an earlier tap; tap the tag again",
				read.counter, binding.watermark
			),
		));
	}
	// The claim must carry the tag's latest read here: the one the buyer just opened, or a
	// newer one.
	let tag = hex32(&hash);
	let item = (binding.collection, binding.item);
	let counter = i64::from(read.counter);
	if last_counter(state, &tag, item, epoch).await? != counter {
		if let Err(last) = accept_counter(state, &tag, counter).await? {
			if last > counter {
				return Err(conflict(
					"lower_counter",
					format!(
						"counter {} is below {last}, already read: this URL is older than the \
						 tag's last tap; tap the tag again",
						read.counter
					),
				));
			}
		}
	}
	Ok((ledger, hash, read.counter, item))
}

#[utoipa::path(post, path = "/api/tags/claim", request_body = ClaimRequest, tag = "tags",
	responses(
		(status = 202, description = "Submitted; poll /api/tx/{tx}"),
		(status = 400, description = "Not a tap URL, or an unknown key epoch", body = crate::error::ErrorBody),
		(status = 401, description = "No session", body = crate::error::ErrorBody),
		(status = 403, description = "A forged tap, or another buyer's order", body = crate::error::ErrorBody),
		(status = 404, description = "No such open order", body = crate::error::ErrorBody),
		(status = 409, description = "A copied or older URL, an unbound tag, a tag of another kind or epoch, an order of another item, or an order not shipped", body = crate::error::ErrorBody),
		(status = 503, description = "No node, or no institution key for claims", body = crate::error::ErrorBody)))]
/// `POST /api/tags/claim`: the buyer claims the delivered item by a fresh tap of its tag.
pub async fn claim(
	State(state): State<AppState>,
	session: Session,
	ApiJson(request): ApiJson<ClaimRequest>,
) -> Result<(StatusCode, Json<serde_json::Value>)> {
	let verifier = state.verifier.clone().ok_or_else(|| {
		ApiError::new(
			StatusCode::SERVICE_UNAVAILABLE,
			"no_verifier",
			"this gateway has no institution key to submit claims with",
		)
	})?;
	let (epoch, query) = split_tap(&request.tap)?;
	let (ledger, hash, counter, item) = fresh_tap(&state, epoch, query).await?;
	let order_id = match request.order {
		Some(order) => order,
		None => crate::shop::steps::shipped_order(&state, &session.user.id, item)
			.await?
			.and_then(|order| u64::try_from(order).ok())
			.ok_or_else(|| {
				ApiError::not_found(format!(
					"no shipped order of yours for item {}/{}",
					item.0, item.1
				))
			})?,
	};
	let order = ledger.order(order_id).await?.ok_or_else(|| {
		ApiError::not_found(format!("no open order {order_id} (settled or refunded)"))
	})?;
	if !order.buyer.eq_ignore_ascii_case(&session.user.address) {
		return Err(ApiError::new(
			StatusCode::FORBIDDEN,
			"not_your_order",
			"this order is not yours",
		));
	}
	if (order.collection, order.item) != item {
		return Err(conflict(
			"order_for_another_item",
			format!(
				"the order is for item {}/{}, the tag belongs to item {}/{}",
				order.collection, order.item, item.0, item.1
			),
		));
	}
	if !matches!(order.state, "shipped" | "delivered") {
		return Err(conflict(
			"not_shipped",
			format!("the order is {}: only a shipped order is claimed by tap", order.state),
		));
	}
	let call = marketplace::claim_order_by_tap(order_id, hash, counter);
	// The institution key is one signer for every claim: one lock keeps its nonces in order.
	let lock = state.signers.of("institution-verifier");
	let (done, outcome) = tokio::sync::oneshot::channel();
	let answer = submit_in_background(
		&state,
		&session.user.id,
		"claim_order_by_tap",
		vec![call],
		verifier,
		lock,
		Some(done),
	)
	.await?;
	let db = state.db.clone();
	tokio::spawn(async move {
		if let Ok(Ok(_)) = outcome.await {
			crate::shop::steps::move_lines(
				&db,
				&[order_id],
				LineStatus::Shipped,
				LineStatus::Claimed,
			)
			.await;
		}
	});
	Ok((StatusCode::ACCEPTED, Json(answer)))
}

#[cfg(test)]
mod tests {
	use super::split_tap;

	#[test]
	fn tap_urls_split_into_epoch_and_query() {
		assert_eq!(split_tap("https://shop.example/t/3?e=AA&c=BB").unwrap(), (3, "e=AA&c=BB"));
		assert_eq!(split_tap("/t/1?e=AA").unwrap(), (1, "e=AA"));
		assert!(split_tap("/t/x?e=AA").is_err());
		assert!(split_tap("/t/1").is_err());
		assert!(split_tap("/01/123/21/1.1?k=1").is_err());
	}
}
