//! One builder for each call the services submit, in the services' terms: every call of the
//! gateway, the indexer's tests, the EVM relayer and the load generator is made here, once, as a
//! typed [`Call`] of the generated runtime interface. A runtime change to one of these calls
//! breaks this file's build, and only this file's.
//!
//! Nested calls (`batch_all`, `sudo`, council motions) take [`Call`]s; [`crate::Chain::motion`]
//! turns one into a council motion with the threshold and length bound filled in.

use crate::runtime::{
	runtime_types::{
		frame_support::traits::tokens::fungible::union_of::NativeOrWithId, pallet_balances,
		pallet_collectibles, pallet_collective, pallet_loyalty, pallet_marketplace,
		pallet_membership, pallet_node_authorization, pallet_session, pallet_utility,
		pallet_validator_set, pallet_works, sp_core::OpaquePeerId, sp_weights::weight_v2::Weight,
	},
	Call,
};
use subxt::utils::{AccountId32, MultiAddress, H256};

pub use crate::runtime::runtime_types::{
	pallet_collectibles::types::{EvmBurn, UnbindReason},
	pallet_loyalty::types::PointsRate,
	pallet_works::types::Ruling,
	yinji_primitives::{
		collectible::{CollectionKind, TagKind, TransferPolicy},
		work::{CcVariant, Licence, WorkKind},
	},
};

/// The currency of a price: the native token, or an asset of `pallet-assets` by id.
pub type Asset = NativeOrWithId<u32>;

/// The settlement asset's id in `pallet-assets` (the runtime's `SETTLEMENT_ASSET`).
pub const SETTLEMENT_ASSET: u32 = 1;

/// One yuan of the settlement asset in its smallest unit (the fen: the asset has 2 decimals).
pub const SETTLEMENT_UNIT: u128 = 100;

/// The consortium's settlement asset: the fiat-backed token the issuer institution mints.
pub fn settlement() -> Asset {
	NativeOrWithId::WithId(SETTLEMENT_ASSET)
}

/// A block number of the runtime.
pub type BlockNumber = u32;

/// The native token.
pub fn native() -> Asset {
	NativeOrWithId::Native
}

/// Every call of `calls`, or none: `Utility.batch_all`.
pub fn batch_all(calls: Vec<Call>) -> Call {
	Call::Utility(pallet_utility::pallet::Call::batch_all { calls })
}

/// `Balances.transfer_keep_alive`.
pub fn transfer(to: AccountId32, value: u128) -> Call {
	Call::Balances(pallet_balances::pallet::Call::transfer_keep_alive {
		dest: MultiAddress::Id(to),
		value,
	})
}

/// Copyright registration (`pallet-works`).
pub mod works {
	use super::*;

	fn call(call: pallet_works::pallet::Call) -> Call {
		Call::Works(call)
	}

	/// What a registration says of its work.
	#[derive(Clone, Debug)]
	pub struct Registration {
		/// sha2-256 of the content bytes.
		pub content_hash: [u8; 32],
		/// The metadata document's CID, as text bytes.
		pub metadata: Vec<u8>,
		/// What kind of work it is.
		pub kind: WorkKind,
		/// Its terms of use.
		pub licence: Licence<u128>,
		/// The rights holders and their shares in basis points (summing to 10 000).
		pub split: Vec<(AccountId32, u16)>,
		/// The works it derives from, with the basis points of royalties owed to each.
		pub parents: Vec<(u64, u16)>,
	}

	impl Registration {
		/// An original work, all rights reserved, held wholly by `holder`.
		pub fn original(
			content_hash: [u8; 32],
			metadata: Vec<u8>,
			kind: WorkKind,
			holder: AccountId32,
		) -> Registration {
			Registration {
				content_hash,
				metadata,
				kind,
				licence: Licence::AllRightsReserved,
				split: vec![(holder, 10_000)],
				parents: Vec::new(),
			}
		}
	}

	/// `Works.register_work`, without a similarity fingerprint.
	pub fn register(registration: Registration) -> Call {
		let Registration { content_hash, metadata, kind, licence, split, parents } = registration;
		call(pallet_works::pallet::Call::register_work {
			content_hash,
			fingerprint: None,
			metadata,
			kind,
			licence,
			split,
			parents,
		})
	}

	/// `Works.attest_creator`: an institution vouches for `who` at `kyc_level` until a block.
	pub fn attest_creator(who: AccountId32, kyc_level: u8, expires_at: BlockNumber) -> Call {
		call(pallet_works::pallet::Call::attest_creator { who, kyc_level, expires_at })
	}

	/// `Works.open_dispute` of `work` with the CID of the evidence.
	pub fn open_dispute(work: u64, evidence: Vec<u8>) -> Call {
		call(pallet_works::pallet::Call::open_dispute { work, evidence })
	}

	/// `Works.rule_dispute` (a council motion).
	pub fn rule_dispute(work: u64, ruling: Ruling) -> Call {
		call(pallet_works::pallet::Call::rule_dispute { work, ruling })
	}

	/// `Works.propose_withdrawal` of `work` by one of its holders, whose approval counts at
	/// once (so a sole holder's proposal withdraws the work).
	pub fn propose_withdrawal(work: u64) -> Call {
		call(pallet_works::pallet::Call::propose_withdrawal { work })
	}
}

/// Collections, editions and tags (`pallet-collectibles`).
pub mod collectibles {
	use super::*;

	fn call(call: pallet_collectibles::pallet::Call) -> Call {
		Call::Collectibles(call)
	}

	/// The terms of a new collection.
	#[derive(Clone, Debug)]
	pub struct NewCollection {
		/// The registered work it is of.
		pub work: u64,
		/// Digital collectibles or physical twins.
		pub kind: CollectionKind,
		/// Its maximum supply.
		pub max_supply: u32,
		/// The metadata document's CID, as text bytes.
		pub metadata: Vec<u8>,
		/// The royalty on resales, in basis points.
		pub royalty: u16,
		/// How its items may change hands.
		pub policy: TransferPolicy<BlockNumber>,
		/// The KYC level a holder needs.
		pub min_holder_kyc: u8,
	}

	/// `Collectibles.create_collection`.
	pub fn create_collection(terms: NewCollection) -> Call {
		let NewCollection { work, kind, max_supply, metadata, royalty, policy, min_holder_kyc } =
			terms;
		call(pallet_collectibles::pallet::Call::create_collection {
			work,
			kind,
			max_supply,
			metadata,
			royalty,
			policy,
			min_holder_kyc,
		})
	}

	/// `Collectibles.mint`: the next `count` editions of `collection` to `to`.
	pub fn mint(collection: u32, to: AccountId32, count: u32) -> Call {
		call(pallet_collectibles::pallet::Call::mint { collection, to, count })
	}

	/// `Collectibles.gift` of an item to `to` (where the collection's policy allows it).
	pub fn gift(collection: u32, item: u32, to: AccountId32) -> Call {
		call(pallet_collectibles::pallet::Call::gift { collection, item, to })
	}

	/// `Collectibles.export_item` into bridge custody for `evm_owner` on the EVM mirror.
	pub fn export_item(collection: u32, item: u32, evm_owner: [u8; 20]) -> Call {
		call(pallet_collectibles::pallet::Call::export_item { collection, item, evm_owner })
	}

	/// `Collectibles.import_item` of an item burned on the EVM mirror (a council motion).
	pub fn import_item(collection: u32, item: u32, to: AccountId32, burn: EvmBurn) -> Call {
		call(pallet_collectibles::pallet::Call::import_item { collection, item, to, burn })
	}

	/// `Collectibles.bind_tag`: a physical tag (the hash of its UID) on an item.
	pub fn bind_tag(collection: u32, item: u32, tag: [u8; 32], kind: TagKind, epoch: u32) -> Call {
		call(pallet_collectibles::pallet::Call::bind_tag {
			collection,
			item,
			tag,
			kind,
			key_epoch: epoch,
		})
	}

	/// `Collectibles.unbind_tag`.
	pub fn unbind_tag(collection: u32, item: u32, reason: UnbindReason) -> Call {
		call(pallet_collectibles::pallet::Call::unbind_tag { collection, item, reason })
	}
}

/// Listings, offers, auctions and drops (`pallet-marketplace`).
pub mod marketplace {
	use super::*;

	fn call(call: pallet_marketplace::pallet::Call) -> Call {
		Call::Marketplace(call)
	}

	/// `Marketplace.list` at a fixed `price` until `expires_at`, reserved for `buyer` if given.
	pub fn list(
		(collection, item): (u32, u32),
		asset: Asset,
		price: u128,
		expires_at: BlockNumber,
		buyer: Option<AccountId32>,
	) -> Call {
		call(pallet_marketplace::pallet::Call::list {
			collection,
			item,
			asset,
			price,
			expires_at,
			buyer,
		})
	}

	/// `Marketplace.list_dutch`: from `start` down by `decay_per_block` to `floor`.
	pub fn list_dutch(
		(collection, item): (u32, u32),
		asset: Asset,
		(start, floor, decay_per_block): (u128, u128, u128),
		expires_at: BlockNumber,
	) -> Call {
		call(pallet_marketplace::pallet::Call::list_dutch {
			collection,
			item,
			asset,
			start,
			floor,
			decay_per_block,
			expires_at,
		})
	}

	/// `Marketplace.cancel_listing`.
	pub fn cancel_listing((collection, item): (u32, u32)) -> Call {
		call(pallet_marketplace::pallet::Call::cancel_listing { collection, item })
	}

	/// `Marketplace.buy` at no more than `max_price`, spending `redeem_points` for a discount.
	pub fn buy(
		(collection, item): (u32, u32),
		asset: Asset,
		max_price: u128,
		redeem_points: u128,
	) -> Call {
		call(pallet_marketplace::pallet::Call::buy {
			collection,
			item,
			asset,
			max_price,
			redeem_points,
		})
	}

	/// `Marketplace.buy_from_drop`.
	pub fn buy_from_drop(collection: u32, max_price: u128, redeem_points: u128) -> Call {
		call(pallet_marketplace::pallet::Call::buy_from_drop {
			collection,
			max_price,
			redeem_points,
		})
	}

	/// `Marketplace.make_offer`: `amount` is held until the offer closes.
	pub fn make_offer(
		(collection, item): (u32, u32),
		asset: Asset,
		amount: u128,
		expires_at: BlockNumber,
	) -> Call {
		call(pallet_marketplace::pallet::Call::make_offer {
			collection,
			item,
			asset,
			amount,
			expires_at,
		})
	}

	/// `Marketplace.withdraw_offer`.
	pub fn withdraw_offer(offer: u64) -> Call {
		call(pallet_marketplace::pallet::Call::withdraw_offer { offer })
	}

	/// `Marketplace.accept_offer`.
	pub fn accept_offer(offer: u64) -> Call {
		call(pallet_marketplace::pallet::Call::accept_offer { offer })
	}

	/// The terms of an English auction.
	#[derive(Clone, Copy, Debug)]
	pub struct AuctionTerms {
		/// The lowest first bid.
		pub start_price: u128,
		/// The lowest winning bid.
		pub reserve: u128,
		/// Each bid's least raise over the last, in basis points.
		pub min_increment: u16,
		/// The block it ends at (late bids extend it).
		pub ends_at: BlockNumber,
	}

	/// `Marketplace.create_auction`.
	pub fn create_auction(
		(collection, item): (u32, u32),
		asset: Asset,
		terms: AuctionTerms,
	) -> Call {
		let AuctionTerms { start_price, reserve, min_increment, ends_at } = terms;
		call(pallet_marketplace::pallet::Call::create_auction {
			collection,
			item,
			asset,
			start_price,
			reserve,
			min_increment,
			ends_at,
		})
	}

	/// `Marketplace.bid`.
	pub fn bid((collection, item): (u32, u32), amount: u128) -> Call {
		call(pallet_marketplace::pallet::Call::bid { collection, item, amount })
	}

	/// `Marketplace.settle_auction`.
	pub fn settle_auction((collection, item): (u32, u32)) -> Call {
		call(pallet_marketplace::pallet::Call::settle_auction { collection, item })
	}

	/// `Marketplace.cancel_auction`.
	pub fn cancel_auction((collection, item): (u32, u32)) -> Call {
		call(pallet_marketplace::pallet::Call::cancel_auction { collection, item })
	}

	/// `Marketplace.claim_by_tap`: a member institution settles `offer` on the buyer's tap.
	pub fn claim_by_tap(offer: u64, tag: [u8; 32], counter: u32) -> Call {
		call(pallet_marketplace::pallet::Call::claim_by_tap { offer, tag, counter })
	}

	/// `Marketplace.place_order`: the listed physical item's price, at most `max_price`, goes
	/// into the order's escrow until the order closes.
	pub fn place_order((collection, item): (u32, u32), asset: Asset, max_price: u128) -> Call {
		call(pallet_marketplace::pallet::Call::place_order { collection, item, asset, max_price })
	}

	/// `Marketplace.ship_order` (the seller).
	pub fn ship_order(order: u64) -> Call {
		call(pallet_marketplace::pallet::Call::ship_order { order })
	}

	/// `Marketplace.confirm_order`: the buyer accepts the goods; the order settles.
	pub fn confirm_order(order: u64) -> Call {
		call(pallet_marketplace::pallet::Call::confirm_order { order })
	}

	/// `Marketplace.claim_order_by_tap`: a member institution settles `order` on the buyer's
	/// tap of the item's tag.
	pub fn claim_order_by_tap(order: u64, tag: [u8; 32], counter: u32) -> Call {
		call(pallet_marketplace::pallet::Call::claim_order_by_tap { order, tag, counter })
	}

	/// `Marketplace.request_return` (the buyer).
	pub fn request_return(order: u64) -> Call {
		call(pallet_marketplace::pallet::Call::request_return { order })
	}

	/// `Marketplace.confirm_return`: the seller received the returned parcel; the buyer is
	/// refunded.
	pub fn confirm_return(order: u64) -> Call {
		call(pallet_marketplace::pallet::Call::confirm_return { order })
	}

	/// `Marketplace.dispute_order` (the buyer or the seller).
	pub fn dispute_order(order: u64) -> Call {
		call(pallet_marketplace::pallet::Call::dispute_order { order })
	}

	/// `Marketplace.resolve_dispute`: the arbiter gives `to_buyer` back, the rest to the seller.
	pub fn resolve_dispute(order: u64, to_buyer: u128) -> Call {
		call(pallet_marketplace::pallet::Call::resolve_dispute { order, to_buyer })
	}

	/// `Marketplace.advance_order`: applies the order's passed deadline (anyone).
	pub fn advance_order(order: u64) -> Call {
		call(pallet_marketplace::pallet::Call::advance_order { order })
	}

	/// `Marketplace.set_arbiter` (governance).
	pub fn set_arbiter(arbiter: Option<AccountId32>) -> Call {
		call(pallet_marketplace::pallet::Call::set_arbiter { arbiter })
	}

	/// `Marketplace.set_made_to_order` (the collection's issuer).
	pub fn set_made_to_order(collection: u32, made_to_order: bool) -> Call {
		call(pallet_marketplace::pallet::Call::set_made_to_order { collection, made_to_order })
	}

	/// `Marketplace.set_settlement_issuer` (governance).
	pub fn set_settlement_issuer(issuer: Option<AccountId32>) -> Call {
		call(pallet_marketplace::pallet::Call::set_settlement_issuer { issuer })
	}

	/// `Marketplace.issue_settlement`: the issuer mints `amount` of the settlement asset to
	/// `to` against the fiat payment whose reference hashes to `reference`.
	pub fn issue_settlement(to: AccountId32, amount: u128, reference: [u8; 32]) -> Call {
		call(pallet_marketplace::pallet::Call::issue_settlement { to, amount, reference })
	}

	/// `Marketplace.redeem_settlement`: burns `amount` of the holder's settlement asset.
	pub fn redeem_settlement(amount: u128, reference: [u8; 32]) -> Call {
		call(pallet_marketplace::pallet::Call::redeem_settlement { amount, reference })
	}
}

/// Loyalty points (`pallet-loyalty`).
pub mod loyalty {
	use super::*;

	/// `Loyalty.set_rate` of `asset` (governance): `None` stops points in it.
	pub fn set_rate(asset: Asset, rate: Option<PointsRate<u128>>) -> Call {
		Call::Loyalty(pallet_loyalty::pallet::Call::set_rate { asset, rate })
	}

	/// `Loyalty.set_tier_thresholds` (governance): the lifetime points tiers 1, 2, … need,
	/// strictly rising.
	pub fn set_tier_thresholds(thresholds: Vec<u128>) -> Call {
		Call::Loyalty(pallet_loyalty::pallet::Call::set_tier_thresholds { thresholds })
	}
}

/// The consortium: council motions and what they decide.
pub mod consortium {
	use super::*;

	/// The weight bound a closing member offers for a motion's proposal (ref time, proof
	/// size): a tenth of a second, far above any call a motion proposes, and charged only up to
	/// use.
	pub const MOTION_WEIGHT: (u64, u64) = (100_000_000_000, 100_000);
	/// The longest encoded proposal a closing motion accepts (every motion the services
	/// propose is far shorter; the bound only caps the weight charged).
	pub const MOTION_LENGTH_BOUND: u32 = 1024;

	/// `Council.propose`: `proposal` passes with `threshold` ayes; `length_bound` is at least
	/// its encoded length ([`crate::Chain::motion`] fills both in).
	pub fn propose(threshold: u32, proposal: Call, length_bound: u32) -> Call {
		Call::Council(pallet_collective::pallet::Call::propose {
			threshold,
			proposal: Box::new(proposal),
			length_bound,
		})
	}

	/// `Council.vote` on the motion with `proposal` hash and `index`.
	pub fn vote(proposal: H256, index: u32, approve: bool) -> Call {
		Call::Council(pallet_collective::pallet::Call::vote { proposal, index, approve })
	}

	/// `Council.close` of a motion whose votes are in (or whose time is up).
	pub fn close(proposal_hash: H256, index: u32) -> Call {
		Call::Council(pallet_collective::pallet::Call::close {
			proposal_hash,
			index,
			proposal_weight_bound: Weight {
				ref_time: MOTION_WEIGHT.0,
				proof_size: MOTION_WEIGHT.1,
			},
			length_bound: MOTION_LENGTH_BOUND,
		})
	}

	/// `ValidatorSet.add_validator` (a council motion).
	pub fn add_validator(who: AccountId32) -> Call {
		Call::ValidatorSet(pallet_validator_set::pallet::Call::add_validator { who })
	}

	/// `ValidatorSet.remove_validator` (a council motion).
	pub fn remove_validator(who: AccountId32) -> Call {
		Call::ValidatorSet(pallet_validator_set::pallet::Call::remove_validator { who })
	}

	/// `Institutions.add_member` (a council motion).
	pub fn add_institution(who: AccountId32) -> Call {
		Call::Institutions(pallet_membership::pallet::Call::add_member {
			who: MultiAddress::Id(who),
		})
	}

	/// `Institutions.remove_member` (a council motion).
	pub fn remove_institution(who: AccountId32) -> Call {
		Call::Institutions(pallet_membership::pallet::Call::remove_member {
			who: MultiAddress::Id(who),
		})
	}

	/// `NodeAuthorization.add_well_known_node`: the node with `peer_id` bytes, owned by `owner`
	/// (a council motion).
	pub fn add_node(peer_id: Vec<u8>, owner: AccountId32) -> Call {
		Call::NodeAuthorization(pallet_node_authorization::pallet::Call::add_well_known_node {
			node: OpaquePeerId(peer_id),
			owner: MultiAddress::Id(owner),
		})
	}

	/// `NodeAuthorization.remove_well_known_node` (a council motion).
	pub fn remove_node(peer_id: Vec<u8>) -> Call {
		Call::NodeAuthorization(pallet_node_authorization::pallet::Call::remove_well_known_node {
			node: OpaquePeerId(peer_id),
		})
	}
}

/// A validator's session keys (`pallet-session`).
pub mod session {
	use super::*;
	use crate::runtime::runtime_types::{
		sp_consensus_aura::sr25519::app_sr25519, sp_consensus_grandpa::app,
		yinji_runtime::SessionKeys,
	};

	/// `Session.set_keys`: the caller's Aura (sr25519) and GRANDPA (ed25519) public keys from
	/// the next session on, with the proof that the caller holds their private keys (what the
	/// node's `author_rotateKeysWithOwner` returns with them).
	pub fn set_keys(aura: [u8; 32], grandpa: [u8; 32], proof: Vec<u8>) -> Call {
		let keys = SessionKeys { aura: app_sr25519::Public(aura), grandpa: app::Public(grandpa) };
		Call::Session(pallet_session::pallet::Call::set_keys { keys, proof })
	}
}
