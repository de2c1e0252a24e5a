//! What each flow asks of the chain: the roles that may start it and the extrinsics it becomes.
//! Its fields were checked when the request was read ([`super::request`]); what is looked up
//! here (stored content, the index, the chain's head) may still answer a 4xx.

use super::{
	attestation,
	request::{Expiry, Flow, Motion},
};
use crate::{
	accounts::{Role, Session},
	chain::{
		account, block_number,
		call::{AccountId, BlockNumber, Call},
		head, BLOCKS_PER_DAY,
	},
	content::ContentStore,
	ApiError, AppState, Result,
};
use sha2::{Digest, Sha256};
use yinji_client::{
	calls::{
		collectibles::{self, NewCollection},
		consortium,
		marketplace::{self, AuctionTerms},
		native,
		works::{self, Registration},
	},
	H256,
};

/// Blocks an attestation lasts (about a year).
const ATTESTATION_BLOCKS: u64 = 365 * BLOCKS_PER_DAY;
/// Items one `Collectibles.mint` may create (the runtime's `MaxMintBatch`); a larger mint is
/// split into several extrinsics.
pub const MINT_CHUNK: u32 = 50;

/// The flows, with who may start each. The names are the `{flow}` of `POST /api/flows/{flow}`.
pub const FLOWS: &[(&str, &[Role])] = &[
	("register_work", CREATORS),
	("create_collection", CREATORS),
	("mint", CREATORS),
	("set_made_to_order", CREATORS),
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
	("dispute_order", TRADERS),
	("redeem_settlement", TRADERS),
	("resolve_dispute", INSTITUTIONS),
	("issue_settlement", INSTITUTIONS),
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
pub async fn build(state: &AppState, session: &Session, flow: &Flow) -> Result<Vec<Call>> {
	let call = match flow {
		Flow::RegisterWork { cid, metadata_cid, kind } => {
			let content_hash = content_hash(state, cid).await?;
			// Without a metadata document, the content itself describes the work.
			let metadata = metadata_cid.as_deref().unwrap_or(cid).as_bytes().to_vec();
			let holder = account(&session.user.address)?;
			works::register(Registration::original(content_hash, metadata, kind.clone(), holder))
		}
		Flow::CreateCollection { work, kind, max_supply, metadata_cid, royalty_bp, policy } => {
			collectibles::create_collection(NewCollection {
				work: *work,
				kind: kind.clone(),
				max_supply: *max_supply,
				metadata: collection_metadata(state, *work, metadata_cid.as_deref()).await?,
				royalty: *royalty_bp,
				policy: policy.clone(),
				min_holder_kyc: 0,
			})
		}
		Flow::Mint { collection, count, to } => {
			let to = match to {
				Some(to) => *to,
				None => account(&session.user.address)?,
			};
			return Ok(mint(*collection, to, *count));
		}
		Flow::List { item, amount, expiry, to } => {
			marketplace::list(*item, native(), *amount, block(state, *expiry).await?, *to)
		}
		Flow::ListDutch { item, start, floor, decay_per_block, expiry } => {
			let expires_at = block(state, *expiry).await?;
			marketplace::list_dutch(*item, native(), (*start, *floor, *decay_per_block), expires_at)
		}
		Flow::CancelListing { item } => marketplace::cancel_listing(*item),
		Flow::Buy { item, amount, redeem_points } => {
			marketplace::buy(*item, native(), *amount, *redeem_points)
		}
		Flow::BuyFromDrop { collection, amount, redeem_points } => {
			marketplace::buy_from_drop(*collection, *amount, *redeem_points)
		}
		Flow::Offer { item, amount, expiry } => {
			marketplace::make_offer(*item, native(), *amount, block(state, *expiry).await?)
		}
		Flow::WithdrawOffer { offer } => marketplace::withdraw_offer(*offer),
		Flow::AcceptOffer { offer } => marketplace::accept_offer(*offer),
		Flow::CreateAuction { item, start, reserve, min_increment_bp, expiry } => {
			let ends_at = block(state, *expiry).await?;
			let (start_price, reserve, min_increment) = (*start, *reserve, *min_increment_bp);
			let terms = AuctionTerms { start_price, reserve, min_increment, ends_at };
			marketplace::create_auction(*item, native(), terms)
		}
		Flow::Bid { item, amount } => marketplace::bid(*item, *amount),
		Flow::SettleAuction { item } => marketplace::settle_auction(*item),
		Flow::CancelAuction { item } => marketplace::cancel_auction(*item),
		Flow::Gift { item: (collection, item), to } => collectibles::gift(*collection, *item, *to),
		Flow::ExportItem { item: (collection, item), evm_address } => {
			collectibles::export_item(*collection, *item, *evm_address)
		}
		Flow::BindTag { item: (collection, item), tag, tag_kind, key_epoch } => {
			collectibles::bind_tag(*collection, *item, *tag, tag_kind.clone(), *key_epoch)
		}
		Flow::UnbindTag { item: (collection, item), reason } => {
			collectibles::unbind_tag(*collection, *item, reason.clone())
		}
		Flow::Dispute { work, cid } => works::open_dispute(*work, cid.as_bytes().to_vec()),
		Flow::SetMadeToOrder { collection, made_to_order } => {
			marketplace::set_made_to_order(*collection, *made_to_order)
		}
		Flow::DisputeOrder { order } => marketplace::dispute_order(*order),
		Flow::ResolveDispute { order, to_buyer } => marketplace::resolve_dispute(*order, *to_buyer),
		Flow::IssueSettlement { to, amount, reference } => {
			marketplace::issue_settlement(*to, *amount, *reference)
		}
		Flow::RedeemSettlement { amount, reference } => {
			marketplace::redeem_settlement(*amount, *reference)
		}
		Flow::ApproveAttestation { request, kyc_level } => {
			let creator = attestation::pending_subject(state, request).await?;
			let until = block_number(head(state).await?.saturating_add(ATTESTATION_BLOCKS))?;
			works::attest_creator(account(&creator)?, *kyc_level, until)
		}
		Flow::ProposeMotion(motion) => propose(state, motion).await?,
		Flow::Vote { proposal, index, approve } => {
			consortium::vote(H256(*proposal), *index, *approve)
		}
		Flow::CloseMotion { proposal, index } => consortium::close(H256(*proposal), *index),
	};
	Ok(vec![call])
}

/// The metadata of a new collection of `work`: the CID a request gave, or by default its work's.
async fn collection_metadata(
	state: &AppState,
	work: u64,
	metadata_cid: Option<&str>,
) -> Result<Vec<u8>> {
	let metadata = match metadata_cid {
		Some(cid) => cid.to_string(),
		None => work_metadata(state, work).await?,
	};
	Ok(metadata.into_bytes())
}

/// The sha2-256 of uploaded content `cid`: computed here from the stored bytes, never taken
/// from the client.
async fn content_hash(state: &AppState, cid: &str) -> Result<[u8; 32]> {
	let bytes = state
		.store
		.get(cid)
		.await
		.map_err(|e| ApiError::bad_request("bad_cid", e.to_string()))?
		.ok_or_else(|| ApiError::bad_request("unknown_content", format!("upload {cid} first")))?;
	Ok(Sha256::digest(&bytes).into())
}

/// `count` items of `collection` to `to`, in extrinsics of at most [`MINT_CHUNK`] items.
fn mint(collection: u32, to: AccountId, count: u32) -> Vec<Call> {
	(0..count.div_ceil(MINT_CHUNK))
		.map(|chunk| {
			collectibles::mint(collection, to, (count - chunk * MINT_CHUNK).min(MINT_CHUNK))
		})
		.collect()
}

/// The council motion of `motion`, passing as a consortium decision (two thirds of the
/// council).
async fn propose(state: &AppState, motion: &Motion) -> Result<Call> {
	let proposal = match motion {
		Motion::RuleDispute { work, ruling } => works::rule_dispute(*work, ruling.clone()),
		Motion::AddValidator(who) => consortium::add_validator(*who),
		Motion::RemoveValidator(who) => consortium::remove_validator(*who),
		Motion::AddInstitution(who) => consortium::add_institution(*who),
		Motion::RemoveInstitution(who) => consortium::remove_institution(*who),
		Motion::AddNode { peer_id, owner } => consortium::add_node(peer_id.clone(), *owner),
		Motion::RemoveNode { peer_id } => consortium::remove_node(peer_id.clone()),
		Motion::SetArbiter(who) => marketplace::set_arbiter(Some(*who)),
		Motion::SetSettlementIssuer(who) => marketplace::set_settlement_issuer(Some(*who)),
	};
	Ok(state.chain()?.motion(proposal).await?)
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
	yinji_index_query::work(index, work).await?.map(|work| work.metadata_cid).ok_or_else(|| {
		ApiError::bad_request("unknown_work", format!("work {work} is not indexed yet"))
	})
}

/// The block an [`Expiry`] names.
async fn block(state: &AppState, expiry: Expiry) -> Result<BlockNumber> {
	match expiry {
		Expiry::At(at) => block_number(at),
		Expiry::AfterHead(blocks) => block_number(head(state).await?.saturating_add(blocks)),
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use axum::http::StatusCode;

	#[test]
	fn every_flow_has_roles_and_unknown_ones_are_404() {
		assert!(FLOWS.iter().all(|(_, roles)| !roles.is_empty()));
		assert_eq!(roles("mint").unwrap(), CREATORS);
		assert_eq!(roles("nothing").unwrap_err().status(), StatusCode::NOT_FOUND);
	}

	#[test]
	fn a_large_mint_is_split_into_chunks() {
		let chunks = mint(3, AccountId::from([0; 32]), 120);
		assert_eq!(chunks.len(), 3);
		assert_eq!(chunks[2], collectibles::mint(3, AccountId::from([0; 32]), 20));
	}
}
