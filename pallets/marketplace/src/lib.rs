//! # Marketplace pallet: every sale pays every rights holder, exactly
//!
//! Fixed-price listings, Dutch auctions (a listing whose price falls each block), offers on any
//! item, English auctions with held bids and anti-sniping, and primary drops. Every sale of
//! every kind ends in one settlement function (`features/settlement.rs`) that, atomically, pays
//! the platform fee, the rights holders of the work and its ancestors, and the seller — exactly,
//! by the rule in [`payout`] — moves or mints the item through
//! [`yinji_primitives::CollectibleSettlement`], and lets the loyalty programme mint points and
//! apply a points discount ([`yinji_primitives::OnSettlement`]).
//!
//! Prices are in any currency [`Config::AcceptedAssets`] admits (the native balance or the
//! settlement asset a member bank issues), through one `fungibles` interface.
//!
//! This file is the index of the calls; the configuration, storage, hooks, events and errors
//! are pallet sections of their own files (`config.rs`, `storage.rs`, `hooks.rs`, `events.rs`,
//! `errors.rs`). Each call checks its origin and hands off to a `do_*` function in
//! `features/`. See `docs/pallets/marketplace.md`.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod config;
mod errors;
mod events;
mod features;
mod hooks;
mod invariants;
pub mod payout;
mod storage;
pub mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

#[cfg(feature = "runtime-benchmarks")]
pub use config::BenchmarkHelper;
use frame_support::pallet_macros::import_section;
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

// FRAME's macros expand to `expect` calls with their own proofs; our code lives in `features/`,
// where the lints stay on.
#[allow(clippy::expect_used, clippy::unwrap_used)]
#[import_section(config::config)]
#[import_section(storage::storage)]
#[import_section(hooks::hooks)]
#[import_section(events::events)]
#[import_section(errors::errors)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::{fungibles, Contains, StorageVersion},
	};
	use frame_system::pallet_prelude::*;
	use yinji_primitives::{
		BasisPoints, CollectibleSettlement, CollectionId, ItemId, MemberTiers, OnSettlement,
		Points, TagHash, Tier, WorkRegistry,
	};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Set the platform fee taken from every sale.
		///
		/// - Origin: [`Config::GovernanceOrigin`].
		/// - `fee`: basis points of the price, at most [`Config::MaxPlatformFee`].
		/// - Emits [`Event::PlatformFeeSet`].
		/// - Weight: [`WeightInfo::set_platform_fee`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::set_platform_fee())]
		pub fn set_platform_fee(origin: OriginFor<T>, fee: BasisPoints) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_platform_fee(fee)
		}

		/// List an item at a fixed price until `expires_at`, optionally for one buyer only.
		///
		/// - Origin: signed by the item's owner. Replaces the item's earlier listing.
		/// - Emits [`Event::Listed`].
		/// - Weight: [`WeightInfo::list`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::list())]
		pub fn list(
			origin: OriginFor<T>,
			collection: CollectionId,
			item: ItemId,
			asset: T::AssetKind,
			price: BalanceOf<T>,
			expires_at: BlockNumberFor<T>,
			buyer: Option<T::AccountId>,
		) -> DispatchResult {
			let seller = ensure_signed(origin)?;
			Self::do_list(
				seller,
				collection,
				item,
				asset,
				PriceSchedule::Fixed(price),
				expires_at,
				buyer,
			)
		}

		/// List an item as a Dutch auction: `start` now, falling by `decay_per_block` each
		/// block to `floor`; the first buyer wins at the current price.
		///
		/// - Origin: signed by the item's owner. Replaces the item's earlier listing.
		/// - Emits [`Event::Listed`].
		/// - Weight: [`WeightInfo::list_dutch`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::list_dutch())]
		pub fn list_dutch(
			origin: OriginFor<T>,
			collection: CollectionId,
			item: ItemId,
			asset: T::AssetKind,
			start: BalanceOf<T>,
			floor: BalanceOf<T>,
			decay_per_block: BalanceOf<T>,
			expires_at: BlockNumberFor<T>,
		) -> DispatchResult {
			let seller = ensure_signed(origin)?;
			let schedule =
				PriceSchedule::Dutch { start, floor, decay_per_block, from: Self::now() };
			Self::do_list(seller, collection, item, asset, schedule, expires_at, None)
		}

		/// Remove a listing: by the seller at any time, by anyone once it has expired or the
		/// item has changed owner.
		///
		/// - Emits [`Event::ListingRemoved`].
		/// - Weight: [`WeightInfo::cancel_listing`].
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::cancel_listing())]
		pub fn cancel_listing(
			origin: OriginFor<T>,
			collection: CollectionId,
			item: ItemId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_cancel_listing(who, collection, item)
		}

		/// Buy a listed item at its current price, if that is at most `max_price` in `asset`,
		/// spending `redeem_points` loyalty points for a discount (0 for none).
		///
		/// - Origin: signed by the buyer (the listing's reserved buyer, if any).
		/// - Settles the sale (see the pallet docs) and removes the listing.
		/// - Emits [`Event::Settled`].
		/// - Weight: [`WeightInfo::buy`] for the most beneficiaries, refunded to those paid.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::buy(T::MaxBeneficiaries::get()))]
		pub fn buy(
			origin: OriginFor<T>,
			collection: CollectionId,
			item: ItemId,
			asset: T::AssetKind,
			max_price: BalanceOf<T>,
			redeem_points: Points,
		) -> DispatchResultWithPostInfo {
			let buyer = ensure_signed(origin)?;
			let paid = Self::do_buy(buyer, collection, item, asset, max_price, redeem_points)?;
			Ok(Some(T::WeightInfo::buy(paid)).into())
		}

		/// Offer `amount` of `asset` for an item until `expires_at`; the amount is held.
		///
		/// - Origin: signed by anyone but the owner, with fewer than `MaxOffersPerAccount` open
		///   offers.
		/// - Emits [`Event::OfferMade`].
		/// - Weight: [`WeightInfo::make_offer`].
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::make_offer())]
		pub fn make_offer(
			origin: OriginFor<T>,
			collection: CollectionId,
			item: ItemId,
			asset: T::AssetKind,
			amount: BalanceOf<T>,
			expires_at: BlockNumberFor<T>,
		) -> DispatchResult {
			let offerer = ensure_signed(origin)?;
			Self::do_make_offer(offerer, collection, item, asset, amount, expires_at)
		}

		/// Withdraw an offer and release its amount: by the offerer at any time, by anyone once
		/// it has expired or the item has changed owner.
		///
		/// - Emits [`Event::OfferWithdrawn`].
		/// - Weight: [`WeightInfo::withdraw_offer`].
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::withdraw_offer())]
		pub fn withdraw_offer(origin: OriginFor<T>, offer: OfferId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw_offer(who, offer)
		}

		/// Accept an offer on an item you own: the sale settles from the held amount.
		///
		/// - Origin: signed by the item's owner.
		/// - Emits [`Event::Settled`].
		/// - Weight: [`WeightInfo::accept_offer`] for the most beneficiaries, refunded.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::accept_offer(T::MaxBeneficiaries::get()))]
		pub fn accept_offer(origin: OriginFor<T>, offer: OfferId) -> DispatchResultWithPostInfo {
			let owner = ensure_signed(origin)?;
			let paid = Self::do_accept_offer(owner, offer)?;
			Ok(Some(T::WeightInfo::accept_offer(paid)).into())
		}

		/// Open an English auction of an item until `ends_at`.
		///
		/// - Origin: signed by the item's owner; the item must not be listed.
		/// - `min_increment`: basis points each bid must add to the last (at least one unit).
		/// - Emits [`Event::AuctionCreated`].
		/// - Weight: [`WeightInfo::create_auction`].
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::create_auction())]
		pub fn create_auction(
			origin: OriginFor<T>,
			collection: CollectionId,
			item: ItemId,
			asset: T::AssetKind,
			start_price: BalanceOf<T>,
			reserve: BalanceOf<T>,
			min_increment: BasisPoints,
			ends_at: BlockNumberFor<T>,
		) -> DispatchResult {
			let seller = ensure_signed(origin)?;
			Self::do_create_auction(
				seller,
				collection,
				item,
				asset,
				start_price,
				reserve,
				min_increment,
				ends_at,
			)
		}

		/// Bid `amount` on an auction; it is held and the previous highest bid released. A bid
		/// within `AuctionExtension` blocks of the end pushes the end back.
		///
		/// - Origin: signed by anyone but the seller.
		/// - Emits [`Event::BidPlaced`].
		/// - Weight: [`WeightInfo::bid`].
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::bid())]
		pub fn bid(
			origin: OriginFor<T>,
			collection: CollectionId,
			item: ItemId,
			amount: BalanceOf<T>,
		) -> DispatchResult {
			let bidder = ensure_signed(origin)?;
			Self::do_bid(bidder, collection, item, amount)
		}

		/// Close an ended auction: settle to the highest bidder if the reserve is met,
		/// otherwise release the bid.
		///
		/// - Origin: signed by anyone.
		/// - Emits [`Event::Settled`] or [`Event::AuctionClosedUnsold`].
		/// - Weight: [`WeightInfo::settle_auction`] for the most beneficiaries, refunded.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::settle_auction(T::MaxBeneficiaries::get()))]
		pub fn settle_auction(
			origin: OriginFor<T>,
			collection: CollectionId,
			item: ItemId,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let paid = Self::do_settle_auction(collection, item)?;
			Ok(Some(T::WeightInfo::settle_auction(paid)).into())
		}

		/// Cancel an auction without bids.
		///
		/// - Origin: signed by the seller.
		/// - Emits [`Event::AuctionClosedUnsold`].
		/// - Weight: [`WeightInfo::cancel_auction`].
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::cancel_auction())]
		pub fn cancel_auction(
			origin: OriginFor<T>,
			collection: CollectionId,
			item: ItemId,
		) -> DispatchResult {
			let seller = ensure_signed(origin)?;
			Self::do_cancel_auction(seller, collection, item)
		}

		/// Open a primary drop: new editions of `collection` sold at `price`, at most
		/// `per_account_cap` per account, to members of tier `min_tier` or above, until
		/// `ends_at`.
		///
		/// - Origin: signed by the collection's issuer.
		/// - Emits [`Event::DropCreated`].
		/// - Weight: [`WeightInfo::create_drop`].
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::create_drop())]
		pub fn create_drop(
			origin: OriginFor<T>,
			collection: CollectionId,
			asset: T::AssetKind,
			price: BalanceOf<T>,
			per_account_cap: u32,
			min_tier: Tier,
			ends_at: BlockNumberFor<T>,
		) -> DispatchResult {
			let issuer = ensure_signed(origin)?;
			Self::do_create_drop(
				issuer,
				collection,
				asset,
				price,
				per_account_cap,
				min_tier,
				ends_at,
			)
		}

		/// Buy the next edition from a drop at its price, if at most `max_price`, spending
		/// `redeem_points` loyalty points for a discount (0 for none).
		///
		/// - Origin: signed by the buyer.
		/// - Emits [`Event::Settled`].
		/// - Weight: [`WeightInfo::buy_from_drop`] for the most beneficiaries, refunded.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::buy_from_drop(T::MaxBeneficiaries::get()))]
		pub fn buy_from_drop(
			origin: OriginFor<T>,
			collection: CollectionId,
			max_price: BalanceOf<T>,
			redeem_points: Points,
		) -> DispatchResultWithPostInfo {
			let buyer = ensure_signed(origin)?;
			let paid = Self::do_buy_from_drop(buyer, collection, max_price, redeem_points)?;
			Ok(Some(T::WeightInfo::buy_from_drop(paid)).into())
		}

		/// Close a drop: by the issuer at any time, by anyone once it has ended.
		///
		/// - Emits [`Event::DropClosed`].
		/// - Weight: [`WeightInfo::close_drop`].
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::close_drop())]
		pub fn close_drop(origin: OriginFor<T>, collection: CollectionId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_close_drop(who, collection)
		}

		/// Settle a delivered item on the buyer's tap of its tag: the buyer's held `offer` pays
		/// the seller's listing reserved for the buyer, at the same price and currency, and the
		/// tag's watermark rises to `counter`. A copied URL carries a counter at or below the
		/// watermark, so it cannot claim.
		///
		/// - Origin: [`Config::TagVerifierOrigin`], after checking the tap's MAC off chain.
		/// - `tag` must be the item's tag and `counter` above its watermark.
		/// - Emits [`Event::Settled`] and [`Event::ClaimedByTap`].
		/// - Weight: [`WeightInfo::claim_by_tap`] for the most beneficiaries, refunded.
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::claim_by_tap(T::MaxBeneficiaries::get()))]
		pub fn claim_by_tap(
			origin: OriginFor<T>,
			offer: OfferId,
			tag: TagHash,
			counter: u32,
		) -> DispatchResultWithPostInfo {
			T::TagVerifierOrigin::ensure_origin(origin)?;
			let paid = Self::do_claim_by_tap(offer, tag, counter)?;
			Ok(Some(T::WeightInfo::claim_by_tap(paid)).into())
		}

		/// Pay a listed item into a physical order's escrow: the price is held from the buyer
		/// and the listing removed; the item cannot move until the order closes.
		///
		/// - Origin: signed by the buyer (the listing's reserved buyer, if any).
		/// - Emits [`Event::OrderPlaced`].
		/// - Weight: [`WeightInfo::place_order`].
		#[pallet::call_index(16)]
		#[pallet::weight(T::WeightInfo::place_order())]
		pub fn place_order(
			origin: OriginFor<T>,
			collection: CollectionId,
			item: ItemId,
			asset: T::AssetKind,
			max_price: BalanceOf<T>,
		) -> DispatchResult {
			let buyer = ensure_signed(origin)?;
			Self::do_place_order(buyer, collection, item, asset, max_price).map(|_| ())
		}

		/// Ship a paid order, before its ship-by deadline.
		///
		/// - Origin: signed by the order's seller.
		/// - Emits [`Event::OrderMoved`].
		/// - Weight: [`WeightInfo::ship_order`].
		#[pallet::call_index(17)]
		#[pallet::weight(T::WeightInfo::ship_order())]
		pub fn ship_order(origin: OriginFor<T>, order: OrderId) -> DispatchResult {
			let seller = ensure_signed(origin)?;
			Self::do_ship_order(seller, order)
		}

		/// Confirm a shipped order's goods arrived and are accepted: it settles now.
		///
		/// - Origin: signed by the order's buyer.
		/// - Emits [`Event::Settled`] and [`Event::OrderClosed`].
		/// - Weight: [`WeightInfo::confirm_order`] for the most beneficiaries, refunded.
		#[pallet::call_index(18)]
		#[pallet::weight(T::WeightInfo::confirm_order(T::MaxBeneficiaries::get()))]
		pub fn confirm_order(origin: OriginFor<T>, order: OrderId) -> DispatchResultWithPostInfo {
			let buyer = ensure_signed(origin)?;
			let paid = Self::do_confirm_order(buyer, order)?;
			Ok(Some(T::WeightInfo::confirm_order(paid)).into())
		}

		/// Settle a shipped order on the buyer's tap of the item's tag; the tag's watermark
		/// rises to `counter`, so a copied URL cannot claim.
		///
		/// - Origin: [`Config::TagVerifierOrigin`], after checking the tap's MAC off chain.
		/// - Emits [`Event::Settled`], [`Event::OrderClosed`] and [`Event::OrderTapped`].
		/// - Weight: [`WeightInfo::claim_order_by_tap`] for the most beneficiaries, refunded.
		#[pallet::call_index(19)]
		#[pallet::weight(T::WeightInfo::claim_order_by_tap(T::MaxBeneficiaries::get()))]
		pub fn claim_order_by_tap(
			origin: OriginFor<T>,
			order: OrderId,
			tag: TagHash,
			counter: u32,
		) -> DispatchResultWithPostInfo {
			T::TagVerifierOrigin::ensure_origin(origin)?;
			let paid = Self::do_claim_order_by_tap(order, tag, counter)?;
			Ok(Some(T::WeightInfo::claim_order_by_tap(paid)).into())
		}

		/// Ask for a return of a shipped or delivered order before it settles (not for goods
		/// made to order).
		///
		/// - Origin: signed by the order's buyer.
		/// - Emits [`Event::OrderMoved`].
		/// - Weight: [`WeightInfo::request_return`].
		#[pallet::call_index(20)]
		#[pallet::weight(T::WeightInfo::request_return())]
		pub fn request_return(origin: OriginFor<T>, order: OrderId) -> DispatchResult {
			let buyer = ensure_signed(origin)?;
			Self::do_request_return(buyer, order)
		}

		/// Confirm a returned parcel arrived: the buyer is refunded in full.
		///
		/// - Origin: signed by the order's seller.
		/// - Emits [`Event::OrderRefunded`] and [`Event::OrderClosed`].
		/// - Weight: [`WeightInfo::confirm_return`].
		#[pallet::call_index(21)]
		#[pallet::weight(T::WeightInfo::confirm_return())]
		pub fn confirm_return(origin: OriginFor<T>, order: OrderId) -> DispatchResult {
			let seller = ensure_signed(origin)?;
			Self::do_confirm_return(seller, order)
		}

		/// Dispute a shipped order that is still open; the arbiter then decides.
		///
		/// - Origin: signed by the order's buyer or seller.
		/// - Emits [`Event::OrderDisputed`].
		/// - Weight: [`WeightInfo::dispute_order`].
		#[pallet::call_index(22)]
		#[pallet::weight(T::WeightInfo::dispute_order())]
		pub fn dispute_order(origin: OriginFor<T>, order: OrderId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_dispute_order(who, order)
		}

		/// Split a disputed order's escrow: `to_buyer` back to the buyer, the rest to the
		/// seller through the settlement (the item then goes to the buyer).
		///
		/// - Origin: signed by the [`Arbiter`] the council named.
		/// - Emits [`Event::DisputeResolved`] and [`Event::Settled`], or [`Event::OrderRefunded`]
		///   for a whole refund; then [`Event::OrderClosed`].
		/// - Weight: [`WeightInfo::resolve_dispute`] for the most beneficiaries, refunded.
		#[pallet::call_index(23)]
		#[pallet::weight(T::WeightInfo::resolve_dispute(T::MaxBeneficiaries::get()))]
		pub fn resolve_dispute(
			origin: OriginFor<T>,
			order: OrderId,
			to_buyer: BalanceOf<T>,
		) -> DispatchResultWithPostInfo {
			let arbiter = ensure_signed(origin)?;
			let paid = Self::do_resolve_dispute(arbiter, order, to_buyer)?;
			Ok(Some(T::WeightInfo::resolve_dispute(paid)).into())
		}

		/// Apply an order's passed deadline (what `on_initialize` does when its queue has room):
		/// refund an unshipped order, deliver a shipped one, settle a delivered one, refund a
		/// return.
		///
		/// - Origin: signed by anyone.
		/// - Weight: [`WeightInfo::advance_order`] for the most beneficiaries, refunded.
		#[pallet::call_index(24)]
		#[pallet::weight(T::WeightInfo::advance_order(T::MaxBeneficiaries::get()))]
		pub fn advance_order(origin: OriginFor<T>, order: OrderId) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let paid = Self::do_advance_order(order)?;
			Ok(Some(T::WeightInfo::advance_order(paid)).into())
		}

		/// Set the order windows.
		///
		/// - Origin: [`Config::GovernanceOrigin`].
		/// - Emits [`Event::OrderWindowsSet`].
		/// - Weight: [`WeightInfo::set_order_windows`].
		#[pallet::call_index(25)]
		#[pallet::weight(T::WeightInfo::set_order_windows())]
		pub fn set_order_windows(
			origin: OriginFor<T>,
			windows: OrderWindows<BlockNumberFor<T>>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_order_windows(windows)
		}

		/// Name (or remove) the arbiter of disputed orders.
		///
		/// - Origin: [`Config::GovernanceOrigin`].
		/// - Emits [`Event::ArbiterSet`].
		/// - Weight: [`WeightInfo::set_arbiter`].
		#[pallet::call_index(26)]
		#[pallet::weight(T::WeightInfo::set_arbiter())]
		pub fn set_arbiter(origin: OriginFor<T>, arbiter: Option<T::AccountId>) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_arbiter(arbiter)
		}

		/// Mark a collection's products made to order (no return without a reason), or not.
		///
		/// - Origin: signed by the collection's issuer.
		/// - Emits [`Event::MadeToOrderSet`].
		/// - Weight: [`WeightInfo::set_made_to_order`].
		#[pallet::call_index(27)]
		#[pallet::weight(T::WeightInfo::set_made_to_order())]
		pub fn set_made_to_order(
			origin: OriginFor<T>,
			collection: CollectionId,
			made_to_order: bool,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_made_to_order(who, collection, made_to_order)
		}

		/// Name (or remove) the institution that mints the settlement asset.
		///
		/// - Origin: [`Config::GovernanceOrigin`].
		/// - Emits [`Event::SettlementIssuerSet`].
		/// - Weight: [`WeightInfo::set_arbiter`] (the same one write).
		#[pallet::call_index(28)]
		#[pallet::weight(T::WeightInfo::set_arbiter())]
		pub fn set_settlement_issuer(
			origin: OriginFor<T>,
			issuer: Option<T::AccountId>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_settlement_issuer(issuer)
		}

		/// Mint `amount` of the settlement asset to `to` against the fiat payment whose
		/// reference hashes to `reference`.
		///
		/// - Origin: signed by the [`SettlementIssuer`].
		/// - Emits [`Event::SettlementIssued`].
		/// - Weight: [`WeightInfo::issue_settlement`].
		#[pallet::call_index(29)]
		#[pallet::weight(T::WeightInfo::issue_settlement())]
		pub fn issue_settlement(
			origin: OriginFor<T>,
			to: T::AccountId,
			amount: BalanceOf<T>,
			reference: [u8; 32],
		) -> DispatchResult {
			let issuer = ensure_signed(origin)?;
			Self::do_issue_settlement(issuer, to, amount, reference)
		}

		/// Redeem `amount` of the settlement asset for fiat paid out under `reference`: burned.
		///
		/// - Origin: signed by the holder.
		/// - Emits [`Event::SettlementRedeemed`].
		/// - Weight: [`WeightInfo::redeem_settlement`].
		#[pallet::call_index(30)]
		#[pallet::weight(T::WeightInfo::redeem_settlement())]
		pub fn redeem_settlement(
			origin: OriginFor<T>,
			amount: BalanceOf<T>,
			reference: [u8; 32],
		) -> DispatchResult {
			let holder = ensure_signed(origin)?;
			Self::do_redeem_settlement(holder, amount, reference)
		}
	}
}
