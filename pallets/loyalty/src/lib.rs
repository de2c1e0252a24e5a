//! # Loyalty pallet: points (积分) and member tiers (会员等级)
//!
//! Members earn non-transferable points when a purchase settles (at a rate governance sets per
//! currency) and from governance-approved campaigns with a bounded budget (reviews, content,
//! referrals, events: the gateway reports, the campaign's issuer signs). Points expire a set
//! period after they are earned; they are kept in a bounded list of buckets per member, one per
//! bucket period, and spent oldest first. Tiers follow lifetime points against thresholds
//! governance sets, and gate drops in the marketplace ([`yinji_primitives::MemberTiers`]).
//! Points are spent as a discount inside a purchase ([`yinji_primitives::OnSettlement`]), in
//! the same transaction as the sale.
//!
//! This file is the index: configuration, storage, events, errors and calls. Each call checks
//! its origin and hands off to a `do_*` function in `features/`. See `docs/pallets/loyalty.md`.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod features;
mod impl_marketplace;
mod invariants;
pub mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

/// What the benchmarks need from the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AssetKind> {
	/// A currency to set rates for.
	fn asset() -> AssetKind;
}

// FRAME's macros expand to `expect` calls with their own proofs; our code lives in `features/`,
// where the lints stay on.
#[allow(clippy::expect_used, clippy::unwrap_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{pallet_prelude::*, traits::StorageVersion};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::AtLeast32BitUnsigned;
	use yinji_primitives::{Points, Tier};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the loyalty pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// A currency prices are paid in (as the marketplace names it).
		type AssetKind: Parameter + MaxEncodedLen;

		/// The balance type of prices.
		type Balance: Parameter + MaxEncodedLen + AtLeast32BitUnsigned + Copy + Default;

		/// Who sets rates and tier thresholds and approves campaigns (the consortium).
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// How long points stay spendable after the bucket period they were earned in ends.
		#[pallet::constant]
		type ExpiryPeriod: Get<BlockNumberFor<Self>>;

		/// The length of a bucket period: points earned within one expire together.
		#[pallet::constant]
		type BucketPeriod: Get<BlockNumberFor<Self>>;

		/// Most buckets a member holds; at least `ExpiryPeriod / BucketPeriod + 1`.
		#[pallet::constant]
		type MaxBuckets: Get<u32>;

		/// Most tiers above the base tier 0.
		#[pallet::constant]
		type MaxTiers: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Sets up the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: crate::BenchmarkHelper<Self::AssetKind>;
	}

	/// The earning and redemption rate of each currency; no rate, no points.
	#[pallet::storage]
	pub type Rates<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AssetKind, PointsRate<T::Balance>>;

	/// Members' points accounts.
	#[pallet::storage]
	pub type Members<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, PointsAccount, ValueQuery>;

	/// Members' points by expiry, oldest first.
	#[pallet::storage]
	pub type Buckets<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<Bucket<BlockNumberFor<T>>, T::MaxBuckets>,
		ValueQuery,
	>;

	/// All points in members' buckets.
	#[pallet::storage]
	pub type Issuance<T> = StorageValue<_, Points, ValueQuery>;

	/// Lifetime points needed for tiers 1, 2, …, strictly rising.
	#[pallet::storage]
	pub type TierThresholds<T: Config> =
		StorageValue<_, BoundedVec<Points, T::MaxTiers>, ValueQuery>;

	/// The id the next campaign gets.
	#[pallet::storage]
	pub type NextCampaignId<T> = StorageValue<_, CampaignId, ValueQuery>;

	/// Campaigns by id.
	#[pallet::storage]
	pub type Campaigns<T: Config> =
		StorageMap<_, Blake2_128Concat, CampaignId, Campaign<T::AccountId, BlockNumberFor<T>>>;

	/// Events of the loyalty pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Governance set (or removed) a currency's rate.
		RateSet {
			/// The currency.
			asset: T::AssetKind,
			/// The rate, or `None` for no points in this currency.
			rate: Option<PointsRate<T::Balance>>,
		},
		/// Governance set the tier thresholds.
		TierThresholdsSet {
			/// Lifetime points for tiers 1, 2, ….
			thresholds: BoundedVec<Points, T::MaxTiers>,
		},
		/// A member earned points.
		PointsEarned {
			/// The member.
			who: T::AccountId,
			/// The points.
			points: Points,
			/// Where from.
			source: Source,
			/// When they expire.
			expires_at: BlockNumberFor<T>,
		},
		/// A member spent points for a discount.
		PointsRedeemed {
			/// The member.
			who: T::AccountId,
			/// The points spent.
			points: Points,
			/// The currency of the purchase.
			asset: T::AssetKind,
			/// The discount.
			discount: T::Balance,
		},
		/// Expired points were removed from a member's buckets.
		PointsExpired {
			/// The member.
			who: T::AccountId,
			/// The points removed.
			points: Points,
		},
		/// A member's tier changed.
		TierChanged {
			/// The member.
			who: T::AccountId,
			/// The tier before.
			from: Tier,
			/// The tier now.
			to: Tier,
		},
		/// Governance approved a campaign.
		CampaignCreated {
			/// The campaign.
			campaign: CampaignId,
			/// Its issuer.
			issuer: T::AccountId,
			/// Its budget.
			budget: Points,
		},
		/// A campaign closed; its remaining budget is void.
		CampaignClosed {
			/// The campaign.
			campaign: CampaignId,
		},
	}

	/// Errors of the loyalty pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// A rate's price per point and point value must be above zero.
		InvalidRate,
		/// Points cannot be redeemed in a currency without a rate.
		NoRateForAsset,
		/// Tier thresholds must be above zero and strictly rising.
		ThresholdsNotRising,
		/// No such campaign.
		UnknownCampaign,
		/// Only the campaign's issuer may award its points.
		NotCampaignIssuer,
		/// The campaign has ended.
		CampaignEnded,
		/// The award is larger than what is left of the campaign's budget.
		BudgetExhausted,
		/// An award or budget must be above zero.
		ZeroPoints,
		/// The member has fewer spendable points than needed.
		InsufficientPoints,
		/// An end must come after the current block.
		EndNotInFuture,
		/// The member has no expired points to remove.
		NothingExpired,
		/// The member's announced tier is already current.
		TierUnchanged,
		/// The member has `MaxBuckets` unexpired buckets (the configuration is too tight).
		TooManyBuckets,
		/// A counter or id would overflow.
		Overflow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			let period = T::BucketPeriod::get();
			assert!(!period.is_zero(), "a bucket period lasts at least one block");
			let needed = T::ExpiryPeriod::get() / period + 1u32.into();
			assert!(
				needed <= T::MaxBuckets::get().into(),
				"MaxBuckets must hold every unexpired bucket"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Set what prices in `asset` earn and what a point is worth in it; `None` removes the
		/// rate (no points earned or redeemed in that currency).
		///
		/// - Origin: [`Config::GovernanceOrigin`].
		/// - Emits [`Event::RateSet`].
		/// - Weight: [`WeightInfo::set_rate`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::set_rate())]
		pub fn set_rate(
			origin: OriginFor<T>,
			asset: T::AssetKind,
			rate: Option<PointsRate<T::Balance>>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_rate(asset, rate)
		}

		/// Set the lifetime points needed for tiers 1, 2, …. Members' tiers follow at once
		/// ([`yinji_primitives::MemberTiers`]); their `TierChanged` events come as they next
		/// earn points or anyone calls [`Pallet::refresh_tier`].
		///
		/// - Origin: [`Config::GovernanceOrigin`].
		/// - Emits [`Event::TierThresholdsSet`].
		/// - Weight: [`WeightInfo::set_tier_thresholds`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::set_tier_thresholds(thresholds.len() as u32))]
		pub fn set_tier_thresholds(
			origin: OriginFor<T>,
			thresholds: BoundedVec<Points, T::MaxTiers>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_tier_thresholds(thresholds)
		}

		/// Approve a campaign: `issuer` may award up to `budget` points until `ends_at`.
		///
		/// - Origin: [`Config::GovernanceOrigin`].
		/// - Emits [`Event::CampaignCreated`].
		/// - Weight: [`WeightInfo::create_campaign`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::create_campaign())]
		pub fn create_campaign(
			origin: OriginFor<T>,
			issuer: T::AccountId,
			budget: Points,
			ends_at: BlockNumberFor<T>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_create_campaign(issuer, budget, ends_at)
		}

		/// Close a campaign; what is left of its budget is void.
		///
		/// - Origin: [`Config::GovernanceOrigin`].
		/// - Emits [`Event::CampaignClosed`].
		/// - Weight: [`WeightInfo::close_campaign`].
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::close_campaign())]
		pub fn close_campaign(origin: OriginFor<T>, campaign: CampaignId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_close_campaign(campaign)
		}

		/// Award `points` from a campaign's budget to `who`, for `reason`.
		///
		/// - Origin: signed by the campaign's issuer.
		/// - Emits [`Event::PointsEarned`] (and [`Event::TierChanged`] when the tier rises).
		/// - Weight: [`WeightInfo::award`].
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::award())]
		pub fn award(
			origin: OriginFor<T>,
			campaign: CampaignId,
			who: T::AccountId,
			points: Points,
			reason: AwardReason,
		) -> DispatchResult {
			let issuer = ensure_signed(origin)?;
			Self::do_award(issuer, campaign, who, points, reason)
		}

		/// Remove `who`'s expired points from their buckets.
		///
		/// - Origin: signed by anyone.
		/// - Emits [`Event::PointsExpired`].
		/// - Weight: [`WeightInfo::purge_expired`].
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::purge_expired())]
		pub fn purge_expired(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			ensure_signed(origin)?;
			let purged = Self::purge(&who)?;
			ensure!(purged > 0, Error::<T>::NothingExpired);
			Ok(())
		}

		/// Announce `who`'s current tier if it differs from the last one announced (after
		/// governance moved the thresholds).
		///
		/// - Origin: signed by anyone.
		/// - Emits [`Event::TierChanged`].
		/// - Weight: [`WeightInfo::refresh_tier`].
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::refresh_tier())]
		pub fn refresh_tier(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			ensure_signed(origin)?;
			ensure!(Self::announce_tier(&who), Error::<T>::TierUnchanged);
			Ok(())
		}
	}
}
