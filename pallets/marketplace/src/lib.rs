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
//! This file is the index: configuration, storage and calls (events and errors are in
//! `events.rs` and `errors.rs`, imported as pallet sections). Each call checks
//! its origin and hands off to a `do_*` function in `features/`. See
//! `docs/pallets/marketplace.md`.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod errors;
mod events;
mod features;
mod invariants;
pub mod payout;
pub mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

use frame_support::pallet_macros::import_section;
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

/// What the benchmarks need from the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, AssetKind, Balance> {
	/// A currency the marketplace accepts.
	fn asset() -> AssetKind;
	/// Gives `who` `amount` of `asset` (and what else an account needs to hold it).
	fn fund(who: &AccountId, asset: &AssetKind, amount: Balance);
	/// A settlement-only physical-twin collection with a resale royalty, issued by `issuer`
	/// (funded), whose sales pay `beneficiaries` distinct rights holders (the issuer among
	/// them).
	fn collection(issuer: &AccountId, beneficiaries: u32) -> yinji_primitives::CollectionId;
	/// Binds a tag to `item` of `collection` (issued by `issuer`) and returns its hash.
	fn tag(
		issuer: &AccountId,
		collection: yinji_primitives::CollectionId,
		item: yinji_primitives::ItemId,
	) -> yinji_primitives::TagHash;
	/// Mints one item of `collection` (issued by `issuer`) to `owner`.
	fn mint(
		issuer: &AccountId,
		collection: yinji_primitives::CollectionId,
		owner: &AccountId,
	) -> yinji_primitives::ItemId;
}

// FRAME's macros expand to `expect` calls with their own proofs; our code lives in `features/`,
// where the lints stay on. The events and errors are sections of their own files.
#[allow(clippy::expect_used, clippy::unwrap_used)]
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

	/// Configuration of the marketplace pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// A currency: the native balance or an asset id.
		type AssetKind: Parameter + MaxEncodedLen + Ord;

		/// Every currency, with holds for escrow.
		type Funds: fungibles::MutateHold<
			Self::AccountId,
			AssetId = Self::AssetKind,
			Reason = Self::RuntimeHoldReason,
		>;

		/// The currencies prices may be in.
		type AcceptedAssets: Contains<Self::AssetKind>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// The collectibles pallet, through its settlement trait.
		type Collectibles: CollectibleSettlement<Self::AccountId, BlockNumberFor<Self>>;

		/// The copyright registry.
		type Works: WorkRegistry<Self::AccountId>;

		/// Member tiers, for drop gating.
		type Tiers: MemberTiers<Self::AccountId>;

		/// The loyalty programme's part in each sale.
		type Loyalty: OnSettlement<Self::AccountId, Self::AssetKind, BalanceOf<Self>>;

		/// Who sets the platform fee (the consortium).
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Who submits claims by tap: the tag verifier of a member institution, which checked
		/// the tap's cryptography off chain.
		type TagVerifierOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Where platform fees go.
		type FeeDestination: Get<Self::AccountId>;

		/// Who pays points discounts, so that sellers and rights holders are paid the full price.
		type Sponsor: Get<Self::AccountId>;

		/// Highest platform fee governance may set, in basis points.
		#[pallet::constant]
		type MaxPlatformFee: Get<BasisPoints>;

		/// Most distinct accounts one settlement pays (rights holders of the work and its
		/// ancestors).
		#[pallet::constant]
		type MaxBeneficiaries: Get<u32>;

		/// Most open offers per account.
		#[pallet::constant]
		type MaxOffersPerAccount: Get<u32>;

		/// Most listings and offers closed automatically at one block; the rest close lazily.
		#[pallet::constant]
		type MaxExpiriesPerBlock: Get<u32>;

		/// A bid this close to an auction's end pushes the end back to this many blocks ahead.
		#[pallet::constant]
		type AuctionExtension: Get<BlockNumberFor<Self>>;

		/// Longest an auction may run.
		#[pallet::constant]
		type MaxAuctionDuration: Get<BlockNumberFor<Self>>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Sets up collections, items and funds for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: crate::BenchmarkHelper<
			Self::AccountId,
			Self::AssetKind,
			BalanceOf<Self>,
		>;
	}

	/// Why the pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// An open offer's amount.
		Offer,
		/// The highest bid of an auction.
		Bid,
		/// A purchase being paid out, within one extrinsic.
		Purchase,
	}

	/// The platform fee, in basis points of every price.
	#[pallet::storage]
	pub type PlatformFee<T> = StorageValue<_, BasisPoints, ValueQuery>;

	/// Fixed-price and Dutch listings, by item.
	#[pallet::storage]
	pub type Listings<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, CollectionId, Blake2_128Concat, ItemId, Listing<T>>;

	/// The id the next offer gets.
	#[pallet::storage]
	pub type NextOfferId<T> = StorageValue<_, OfferId, ValueQuery>;

	/// Open offers by id.
	#[pallet::storage]
	pub type Offers<T: Config> = StorageMap<_, Blake2_128Concat, OfferId, Offer<T>>;

	/// How many open offers each account has.
	#[pallet::storage]
	pub type OpenOffersOf<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// English auctions, by item.
	#[pallet::storage]
	pub type Auctions<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, CollectionId, Blake2_128Concat, ItemId, Auction<T>>;

	/// Primary drops, by collection.
	#[pallet::storage]
	pub type Drops<T: Config> = StorageMap<_, Blake2_128Concat, CollectionId, Drop<T>>;

	/// Editions each account bought from a collection's drop.
	#[pallet::storage]
	pub type DropPurchases<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		CollectionId,
		Blake2_128Concat,
		T::AccountId,
		u32,
		ValueQuery,
	>;

	/// Listings and offers to close at each block.
	#[pallet::storage]
	pub type ExpiryQueue<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<Expiring, T::MaxExpiriesPerBlock>,
		ValueQuery,
	>;

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Closes the listings and offers that expire at `now` (at most `MaxExpiriesPerBlock`).
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			Self::close_expired(now)
		}

		fn integrity_test() {
			assert!(T::MaxPlatformFee::get() <= yinji_primitives::WHOLE, "a fee is at most 100 %");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

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
	}
}
