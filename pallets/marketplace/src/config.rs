//! The marketplace's configuration and hold reasons, imported into the pallet by
//! `#[import_section(config)]`; and what its benchmarks need from the runtime.

use frame_support::pallet_macros::pallet_section;

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

/// The marketplace's configuration and hold reasons.
#[pallet_section]
mod config {
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

		/// Mints and burns the settlement asset (for its named issuer only).
		type Issuance: fungibles::Mutate<
			Self::AccountId,
			AssetId = Self::AssetKind,
			Balance = BalanceOf<Self>,
		>;

		/// The settlement asset: the fiat-backed token shop prices are in.
		#[pallet::constant]
		type SettlementAsset: Get<Self::AssetKind>;

		/// The order windows until the council sets its own.
		#[pallet::constant]
		type DefaultOrderWindows: Get<OrderWindows<BlockNumberFor<Self>>>;

		/// The longest order window the council may set.
		#[pallet::constant]
		type MaxOrderWindow: Get<BlockNumberFor<Self>>;

		/// Most orders whose deadline `on_initialize` applies at one block (each may settle);
		/// the rest wait for `advance_order`.
		#[pallet::constant]
		type MaxOrdersDuePerBlock: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Sets up collections, items and funds for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: super::BenchmarkHelper<
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
		/// A physical order's escrow, until delivery (or a refund).
		Order,
	}
}
