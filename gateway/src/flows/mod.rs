//! The creator, buyer and institution flows: each request becomes an extrinsic (a large mint,
//! several) signed with the user's custodial key and submitted in the background by the
//! [submission engine](crate::chain::submission); `GET /api/tx/{id}` reports it until it is
//! finalized (or failed, with the chain's reason), with the progress of a mint of many chunks.
//!
//! - [`request`]: the flow a request is read as, its fields checked.
//! - [`calls`]: which roles may start each flow and which extrinsics it becomes.
//! - [`attestation`]: creator verification requests, whose personal details stay here.
//!
//! Personal data never goes on chain: an attestation request's details stay in the gateway's
//! database; only the institution's attestation (account, level, expiry) is submitted.

pub mod attestation;
pub mod calls;
pub mod request;

use crate::{
	accounts::Session, chain::submission::submit_as_user, error::ApiJson, AppState, Result,
};
use axum::{
	extract::{Path, State},
	http::StatusCode,
	routing::post,
	Json, Router,
};
use request::Flow;
use serde::Deserialize;

/// The flow routes: `POST /api/flows/{flow}` and the attestation requests.
pub fn router() -> Router<AppState> {
	Router::new().route("/api/flows/{flow}", post(submit_flow)).route(
		"/api/attestations",
		post(attestation::request_attestation).get(attestation::pending_attestations),
	)
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
	/// A price, offer, bid, or an auction's starting price, in the smallest unit; the
	/// settlement asset issued or redeemed; an arbiter's refund to the buyer (amounts are JSON
	/// numbers or decimal strings).
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
	/// A physical order's id on chain (`Marketplace.OrderPlaced`).
	pub order: Option<u64>,
	/// Whether a collection's products are made to order (no return without a reason).
	pub made_to_order: Option<bool>,
	/// The off-chain payment reference of a settlement-asset issue or redemption (a bank
	/// transfer's number): only its sha2-256 goes on chain.
	pub reference: Option<String>,
	/// An attestation request's id (institutions approve it).
	pub request: Option<String>,
	/// KYC level an institution grants.
	pub kyc_level: Option<u8>,
	/// What a council motion proposes: `rule_dispute`, `add_validator`, `remove_validator`,
	/// `add_institution`, `remove_institution`, `add_node`, `remove_node`, `set_arbiter`,
	/// `set_settlement_issuer`.
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
	params(("flow" = String, Path, description = "register_work, create_collection, mint, list, list_dutch, cancel_listing, buy, buy_from_drop, offer, withdraw_offer, accept_offer, create_auction, bid, settle_auction, cancel_auction, gift, bind_tag, unbind_tag, dispute, dispute_order, redeem_settlement, set_made_to_order, approve_attestation, propose_motion, vote, close_motion, resolve_dispute, issue_settlement")),
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
	let parsed = Flow::parse(&flow, &request)?;
	let calls = calls::build(&state, &session, &parsed).await?;
	let answer = submit_as_user(&state, &session, &flow, calls, None).await?;
	if let (Flow::ApproveAttestation { request, .. }, Some(tx)) = (&parsed, answer["tx"].as_str()) {
		attestation::mark_approved(&state, request, tx).await?;
	}
	Ok((StatusCode::ACCEPTED, Json(answer)))
}
