//! What each flow asks of the chain: the roles that may start it and the extrinsics it becomes.
//! Fields are checked here, before anything is signed; a missing or malformed one is a 400.

use super::FlowRequest;
use crate::{
	accounts::{Role, Session},
	content::ContentStore,
	ApiError, AppState, Result,
};
use axum::http::StatusCode;
use sha2::{Digest, Sha256};
use yinji_client::{Chain, Value};

/// Milliseconds per block of the yinji runtime (`MILLI_SECS_PER_BLOCK`).
pub const BLOCK_MS: u64 = 3_000;
/// Blocks in a day.
pub const BLOCKS_PER_DAY: u64 = 86_400_000 / BLOCK_MS;
/// Blocks an attestation lasts (about a year).
const ATTESTATION_BLOCKS: u64 = 365 * BLOCKS_PER_DAY;
/// Blocks a listing, offer or auction lasts unless the request says otherwise (about 30 days).
const DEFAULT_EXPIRY_BLOCKS: u64 = 30 * BLOCKS_PER_DAY;
/// Items one `Collectibles.mint` may create (the runtime's `MaxMintBatch`); a larger mint is
/// split into several extrinsics.
pub const MINT_CHUNK: u32 = 50;
/// The most items one mint request may ask for.
pub const MAX_MINT: u32 = 10_000;
/// The longest encoded proposal a closing motion accepts (every motion the gateway proposes is
/// far shorter; the bound only caps the weight charged).
const MOTION_LENGTH_BOUND: u32 = 1024;
/// The weight bound of a closing motion's proposal (ref time, proof size): a tenth of a second,
/// far above any call a motion proposes, and charged to the closing member only up to use.
const MOTION_WEIGHT: (u128, u128) = (100_000_000_000, 100_000);

/// One extrinsic.
#[derive(Debug)]
pub struct Call {
	/// The pallet.
	pub pallet: &'static str,
	/// The call.
	pub call: &'static str,
	/// Its arguments, in order.
	pub args: Vec<Value>,
}

/// The flows, with who may start each. The names are the `{flow}` of `POST /api/flows/{flow}`.
pub const FLOWS: &[(&str, &[Role])] = &[
	("register_work", CREATORS),
	("create_collection", CREATORS),
	("mint", CREATORS),
	("list", TRADERS),
	("list_dutch", TRADERS),
	("cancel_listing", TRADERS),
	("buy", TRADERS),
	("buy_from_drop", TRADERS),
	("offer", TRADERS),
	("withdraw_offer", TRADERS),
	("accept_offer", TRADERS),
	("create_auction", TRADERS),
	("bid", TRADERS),
	("settle_auction", TRADERS),
	("cancel_auction", TRADERS),
	("gift", TRADERS),
	("export_item", TRADERS),
	("bind_tag", CREATORS),
	("unbind_tag", CREATORS),
	("dispute", TRADERS),
	("approve_attestation", INSTITUTIONS),
	("propose_motion", INSTITUTIONS),
	("vote", INSTITUTIONS),
	("close_motion", INSTITUTIONS),
];

const CREATORS: &[Role] = &[Role::Creator];
const TRADERS: &[Role] = &[Role::Buyer, Role::Creator];
const INSTITUTIONS: &[Role] = &[Role::Institution];

/// The roles that may start `flow`, or 404 for a flow that does not exist.
pub fn roles(flow: &str) -> Result<&'static [Role]> {
	FLOWS
		.iter()
		.find(|(name, _)| *name == flow)
		.map(|(_, roles)| *roles)
		.ok_or_else(|| ApiError::not_found(format!("no flow {flow:?}")))
}

/// The extrinsics `flow` becomes for `session`'s user. Every flow is one extrinsic but `mint`,
/// which is one per [`MINT_CHUNK`] items.
pub async fn build(
	state: &AppState,
	session: &Session,
	flow: &str,
	r: &FlowRequest,
) -> Result<Vec<Call>> {
	let one = |pallet, call, args| Ok(vec![Call { pallet, call, args }]);
	match flow {
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
			one(
				"Works",
				"register_work",
				vec![
					Value::from_bytes(Sha256::digest(&bytes)),
					Value::unnamed_variant("None", []),
					// Without a metadata document, the content itself describes the work.
					Value::from_bytes(r.metadata_cid.clone().unwrap_or(cid).into_bytes()),
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
			let work = need(&r.work, "work")?;
			let metadata = match &r.metadata_cid {
				Some(cid) => cid.clone(),
				None => work_metadata(state, work).await?,
			};
			one(
				"Collectibles",
				"create_collection",
				vec![
					Value::u128(work.into()),
					unit_variant(
						r.kind.as_deref().unwrap_or("DigitalCollectible"),
						&["DigitalCollectible", "PhysicalTwin"],
					)?,
					Value::u128(need(&r.max_supply, "max_supply")?.into()),
					Value::from_bytes(metadata.into_bytes()),
					Value::u128(r.royalty_bp.unwrap_or(0).into()),
					policy,
					Value::u128(0),
				],
			)
		}
		"mint" => {
			let collection = need(&r.collection, "collection")?;
			let count = r.count.unwrap_or(1);
			if count == 0 || count > MAX_MINT {
				return Err(ApiError::bad_request(
					"bad_count",
					format!("count must be 1 to {MAX_MINT}, not {count}"),
				));
			}
			let to = r.to.as_deref().unwrap_or(&session.user.address);
			let to = account(to)?;
			let chunks = (0..count.div_ceil(MINT_CHUNK)).map(|chunk| {
				let size = (count - chunk * MINT_CHUNK).min(MINT_CHUNK);
				Call {
					pallet: "Collectibles",
					call: "mint",
					args: vec![
						Value::u128(collection.into()),
						to.clone(),
						Value::u128(size.into()),
					],
				}
			});
			Ok(chunks.collect())
		}
		"list" => one(
			"Marketplace",
			"list",
			[
				item(r)?,
				vec![
					native(),
					Value::u128(need(&r.amount, "amount")?),
					expiry(state, r).await?,
					// `to`: the only buyer (an order's buyer, who then claims by tap).
					match &r.to {
						Some(to) => Value::unnamed_variant("Some", [account(to)?]),
						None => Value::unnamed_variant("None", []),
					},
				],
			]
			.concat(),
		),
		"list_dutch" => {
			let (start, floor) = (need(&r.amount, "amount")?, need(&r.floor, "floor")?);
			if floor > start {
				return Err(ApiError::bad_request(
					"bad_value",
					"a Dutch auction's floor is at most its starting price",
				));
			}
			one(
				"Marketplace",
				"list_dutch",
				[
					item(r)?,
					vec![
						native(),
						Value::u128(start),
						Value::u128(floor),
						Value::u128(need(&r.decay_per_block, "decay_per_block")?),
						expiry(state, r).await?,
					],
				]
				.concat(),
			)
		}
		"cancel_listing" => one("Marketplace", "cancel_listing", item(r)?),
		"buy" => one(
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
		"buy_from_drop" => one(
			"Marketplace",
			"buy_from_drop",
			vec![
				Value::u128(need(&r.collection, "collection")?.into()),
				Value::u128(need(&r.amount, "amount")?),
				Value::u128(r.redeem_points.unwrap_or(0)),
			],
		),
		"offer" => one(
			"Marketplace",
			"make_offer",
			[
				item(r)?,
				vec![native(), Value::u128(need(&r.amount, "amount")?), expiry(state, r).await?],
			]
			.concat(),
		),
		"withdraw_offer" => {
			one("Marketplace", "withdraw_offer", vec![Value::u128(need(&r.offer, "offer")?.into())])
		}
		"accept_offer" => {
			one("Marketplace", "accept_offer", vec![Value::u128(need(&r.offer, "offer")?.into())])
		}
		"create_auction" => {
			let start = need(&r.amount, "amount")?;
			one(
				"Marketplace",
				"create_auction",
				[
					item(r)?,
					vec![
						native(),
						Value::u128(start),
						Value::u128(r.reserve.unwrap_or(start)),
						Value::u128(r.min_increment_bp.unwrap_or(500).into()),
						expiry(state, r).await?,
					],
				]
				.concat(),
			)
		}
		"bid" => one(
			"Marketplace",
			"bid",
			[item(r)?, vec![Value::u128(need(&r.amount, "amount")?)]].concat(),
		),
		"settle_auction" => one("Marketplace", "settle_auction", item(r)?),
		"cancel_auction" => one("Marketplace", "cancel_auction", item(r)?),
		"gift" => {
			one("Collectibles", "gift", [item(r)?, vec![account(&need(&r.to, "to")?)?]].concat())
		}
		"export_item" => {
			let address =
				hex::decode(need(&r.evm_address, "evm_address")?.trim_start_matches("0x"))
					.ok()
					.filter(|bytes| bytes.len() == 20)
					.ok_or_else(|| {
						ApiError::bad_request(
							"bad_evm_address",
							"evm_address is an EVM address: 0x and 40 hex digits",
						)
					})?;
			one(
				"Collectibles",
				"export_item",
				[item(r)?, vec![Value::from_bytes(address)]].concat(),
			)
		}
		"bind_tag" => {
			let tag = hex::decode(need(&r.tag, "tag")?.trim_start_matches("0x"))
				.ok()
				.filter(|bytes| bytes.len() == 32)
				.ok_or_else(|| ApiError::bad_request("bad_tag", "tag is a 32-byte hash in hex"))?;
			one(
				"Collectibles",
				"bind_tag",
				[
					item(r)?,
					vec![
						Value::from_bytes(tag),
						unit_variant(&need(&r.tag_kind, "tag_kind")?, &["Ntag424", "SignedQr"])?,
						Value::u128(need(&r.key_epoch, "key_epoch")?.into()),
					],
				]
				.concat(),
			)
		}
		"unbind_tag" => {
			let reasons = ["Damaged", "Lost", "Compromised"];
			one(
				"Collectibles",
				"unbind_tag",
				[item(r)?, vec![unit_variant(&need(&r.reason, "reason")?, &reasons)?]].concat(),
			)
		}
		"dispute" => one(
			"Works",
			"open_dispute",
			vec![
				Value::u128(need(&r.work, "work")?.into()),
				Value::from_bytes(need(&r.cid, "cid")?.into_bytes()),
			],
		),
		"approve_attestation" => {
			let request = need(&r.request, "request")?;
			let creator = super::attestation::pending_subject(state, &request).await?;
			let until = head(state).await?.saturating_add(ATTESTATION_BLOCKS);
			one(
				"Works",
				"attest_creator",
				vec![
					account(&creator)?,
					Value::u128(r.kyc_level.unwrap_or(1).into()),
					Value::u128(until.into()),
				],
			)
		}
		"propose_motion" => {
			let (pallet, call, args) = motion(r)?;
			let chain = chain(state)?;
			let (proposal, length) = chain.nested_call(pallet, call, args).await?;
			one(
				"Council",
				"propose",
				vec![
					Value::u128(chain.council_threshold().await?.into()),
					proposal,
					Value::u128(length.into()),
				],
			)
		}
		"vote" => one(
			"Council",
			"vote",
			vec![
				proposal_hash(r)?,
				Value::u128(need(&r.index, "index")?.into()),
				Value::bool(need(&r.approve, "approve")?),
			],
		),
		"close_motion" => one(
			"Council",
			"close",
			vec![
				proposal_hash(r)?,
				Value::u128(need(&r.index, "index")?.into()),
				Value::named_composite([
					("ref_time", Value::u128(MOTION_WEIGHT.0)),
					("proof_size", Value::u128(MOTION_WEIGHT.1)),
				]),
				Value::u128(MOTION_LENGTH_BOUND.into()),
			],
		),
		other => Err(ApiError::not_found(format!("no flow {other:?}"))),
	}
}

/// The call a council motion proposes: `{motion, …}` with `motion` one of `rule_dispute`
/// (`work`, `ruling`), `add_validator`/`remove_validator` (`to`), `add_institution`/
/// `remove_institution` (`to`), `add_node` (`peer_id`, `to` as the owner) or `remove_node`
/// (`peer_id`).
fn motion(r: &FlowRequest) -> Result<(&'static str, &'static str, Vec<Value>)> {
	let to = || account(&need(&r.to, "to")?);
	let peer = || {
		hex::decode(need(&r.peer_id, "peer_id")?.trim_start_matches("0x"))
			.ok()
			.filter(|bytes| !bytes.is_empty() && bytes.len() <= 128)
			.map(Value::from_bytes)
			.ok_or_else(|| {
				ApiError::bad_request("bad_peer_id", "peer_id is the peer id's hex bytes")
			})
	};
	Ok(match need(&r.motion, "motion")?.as_str() {
		"rule_dispute" => {
			let rulings = ["TransferToClaimant", "Revoke", "DismissAndReturn", "DismissAndSlash"];
			let ruling = unit_variant(&need(&r.ruling, "ruling")?, &rulings)?;
			("Works", "rule_dispute", vec![Value::u128(need(&r.work, "work")?.into()), ruling])
		}
		"add_validator" => ("ValidatorSet", "add_validator", vec![to()?]),
		"remove_validator" => ("ValidatorSet", "remove_validator", vec![to()?]),
		"add_institution" => {
			("Institutions", "add_member", vec![Value::unnamed_variant("Id", [to()?])])
		}
		"remove_institution" => {
			("Institutions", "remove_member", vec![Value::unnamed_variant("Id", [to()?])])
		}
		"add_node" => (
			"NodeAuthorization",
			"add_well_known_node",
			vec![peer()?, Value::unnamed_variant("Id", [to()?])],
		),
		"remove_node" => ("NodeAuthorization", "remove_well_known_node", vec![peer()?]),
		other => {
			return Err(ApiError::bad_request("bad_value", format!("no motion {other:?}")));
		}
	})
}

/// The metadata CID of indexed work `work`: a collection's default, so that a studio form needs
/// not ask for it again.
async fn work_metadata(state: &AppState, work: u64) -> Result<String> {
	let index = state.index.as_ref().ok_or_else(|| {
		ApiError::bad_request(
			"missing_field",
			"metadata_cid is required (the gateway has no index)",
		)
	})?;
	yinji_indexer::queries::work(index, work).await?.map(|work| work.metadata_cid).ok_or_else(
		|| ApiError::bad_request("unknown_work", format!("work {work} is not indexed yet")),
	)
}

/// The ayes a motion needs: two thirds of the council, rounded up (the consortium's origin).
fn proposal_hash(r: &FlowRequest) -> Result<Value> {
	hex::decode(need(&r.proposal, "proposal")?.trim_start_matches("0x"))
		.ok()
		.filter(|bytes| bytes.len() == 32)
		.map(Value::from_bytes)
		.ok_or_else(|| ApiError::bad_request("bad_proposal", "proposal is a 32-byte hash in hex"))
}

/// The connected node, or 503.
pub fn chain(state: &AppState) -> Result<&Chain> {
	state.chain.as_ref().ok_or_else(|| {
		ApiError::new(
			StatusCode::SERVICE_UNAVAILABLE,
			"no_chain",
			"the gateway is not connected to a node",
		)
	})
}

async fn head(state: &AppState) -> Result<u64> {
	Ok(chain(state)?.finalized_number().await?)
}

/// The last block a listing, offer or auction is open: `expires_at` as given, or `expires_in`
/// blocks (default about 30 days) after the finalized head.
async fn expiry(state: &AppState, r: &FlowRequest) -> Result<Value> {
	let at = match (r.expires_at, r.expires_in) {
		(Some(_), Some(_)) => {
			return Err(ApiError::bad_request(
				"bad_value",
				"give expires_at or expires_in, not both",
			))
		}
		(Some(at), None) => at,
		(None, blocks) => {
			head(state).await?.saturating_add(blocks.unwrap_or(DEFAULT_EXPIRY_BLOCKS))
		}
	};
	Ok(Value::u128(at.into()))
}

/// The default expiry (about 30 days after the finalized head), as a call argument.
pub async fn default_expiry(state: &AppState) -> Result<Value> {
	Ok(Value::u128(head(state).await?.saturating_add(DEFAULT_EXPIRY_BLOCKS).into()))
}

/// An account named in a request: `0x`-hex of 32 bytes.
pub fn account(hex_text: &str) -> Result<Value> {
	let bytes = hex::decode(hex_text.trim_start_matches("0x"))
		.ok()
		.filter(|bytes| bytes.len() == 32)
		.ok_or_else(|| {
			ApiError::bad_request("bad_account", format!("{hex_text:?} is not an account"))
		})?;
	Ok(Value::from_bytes(bytes))
}

/// The native currency, as a call argument.
pub fn native() -> Value {
	Value::unnamed_variant("Native", [])
}

fn unit_variant(name: &str, allowed: &[&str]) -> Result<Value> {
	if allowed.contains(&name) {
		Ok(Value::unnamed_variant(name, []))
	} else {
		Err(ApiError::bad_request("bad_value", format!("{name:?} is not one of {allowed:?}")))
	}
}

/// The `collection, item` arguments most trading calls start with.
fn item(r: &FlowRequest) -> Result<Vec<Value>> {
	Ok(vec![
		Value::u128(need(&r.collection, "collection")?.into()),
		Value::u128(need(&r.item, "item")?.into()),
	])
}

fn need<T: Clone>(value: &Option<T>, name: &str) -> Result<T> {
	value
		.clone()
		.ok_or_else(|| ApiError::bad_request("missing_field", format!("{name} is required")))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn every_flow_has_roles_and_unknown_ones_are_404() {
		assert!(FLOWS.iter().all(|(_, roles)| !roles.is_empty()));
		assert_eq!(roles("mint").unwrap(), CREATORS);
		assert_eq!(roles("nothing").unwrap_err().status(), StatusCode::NOT_FOUND);
	}
}
