//! The settlement asset and the yinji pallets.

use super::{ConsortiumOrigin, InstitutionAccount};
use crate::{
	AccountId, AssetsHolder, Balance, Balances, BlockNumber, Collectibles, Loyalty, Runtime,
	RuntimeEvent, RuntimeHoldReason, Works, DAYS, MILLI_UNIT, UNIT,
};
use frame_support::{
	parameter_types,
	traits::{
		fungible::{NativeFromLeft, NativeOrWithId, UnionOf},
		AsEnsureOriginWithArg, ConstU128, ConstU16, ConstU32, ConstU8, Contains,
	},
};
use frame_system::EnsureRoot;
use pallet_marketplace::OrderWindows;

/// What the sponsor account holds at genesis, to pay points discounts.
pub const SETTLEMENT_SPONSOR_ENDOWMENT: Balance = 100_000 * UNIT;

/// The asset id a member bank's fiat-backed settlement token has on every yinji network.
pub const SETTLEMENT_ASSET: u32 = 1;

/// The settlement asset's decimals: its smallest unit is the fen, a hundredth of a yuan.
pub const SETTLEMENT_DECIMALS: u8 = 2;

impl pallet_assets::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type RemoveItemsLimit = ConstU32<1000>;
	type AssetId = u32;
	type AssetIdParameter = codec::Compact<u32>;
	type ReserveData = ();
	type Currency = Balances;
	/// Nobody creates an asset alone: the settlement asset exists from genesis, and any other
	/// needs the consortium's vote (`force_create`).
	type CreateOrigin = AsEnsureOriginWithArg<frame_system::EnsureNever<AccountId>>;
	type ForceOrigin = ConsortiumOrigin;
	type AssetDeposit = ConstU128<{ 10 * UNIT }>;
	type AssetAccountDeposit = ConstU128<{ MILLI_UNIT }>;
	type MetadataDepositBase = ConstU128<{ MILLI_UNIT }>;
	type MetadataDepositPerByte = ConstU128<{ MILLI_UNIT / 100 }>;
	type ApprovalDeposit = ConstU128<{ MILLI_UNIT }>;
	type StringLimit = ConstU32<50>;
	type Freezer = ();
	type Holder = AssetsHolder;
	type Extra = ();
	type CallbackHandle = ();
	type AssetIdAllocator = ();
	type WeightInfo = pallet_assets::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

impl pallet_assets_holder::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
}

parameter_types! {
	pub const ProposalLifetime: BlockNumber = 7 * DAYS;
}

impl pallet_works::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type InstitutionOrigin = InstitutionAccount;
	type ArbitrationOrigin = ConsortiumOrigin;
	type RegistrationDepositBase = ConstU128<{ 10 * MILLI_UNIT }>;
	type DepositPerByte = ConstU128<{ MILLI_UNIT / 100 }>;
	type DisputeDeposit = ConstU128<{ 100 * MILLI_UNIT }>;
	type MaxRightsHolders = ConstU32<16>;
	type MaxParents = ConstU32<4>;
	type MaxAncestors = ConstU32<16>;
	type MaxAncestryDepth = ConstU8<4>;
	type MaxCidLength = ConstU32<128>;
	type MaxFingerprintLength = ConstU32<64>;
	type ProposalLifetime = ProposalLifetime;
	type WeightInfo = pallet_works::weights::SubstrateWeight<Runtime>;
}

impl pallet_collectibles::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Works = Works;
	type Attestations = Works;
	type ArbitrationOrigin = ConsortiumOrigin;
	type TagVerifierOrigin =
		frame_support::traits::EitherOfDiverse<EnsureRoot<AccountId>, InstitutionAccount>;
	/// Two thirds of the member institutions attest each burn on the EVM chain.
	type BridgeOrigin = ConsortiumOrigin;
	type BridgeCustodian = BridgeCustodian;
	type Locks = crate::Marketplace;
	type CollectionDeposit = ConstU128<{ 10 * MILLI_UNIT }>;
	type ItemDeposit = ConstU128<{ MILLI_UNIT }>;
	type MaxMintBatch = ConstU32<50>;
	type MaxRoyalty = ConstU16<5_000>;
	type MaxCidLength = ConstU32<128>;
	type WeightInfo = pallet_collectibles::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::Helper;
}

/// Native balance and assets through one `fungibles` interface, with holds on both.
pub type Funds = UnionOf<Balances, AssetsHolder, NativeFromLeft, NativeOrWithId<u32>, AccountId>;

/// The marketplace takes the native token and the settlement asset.
pub struct AcceptedAssets;
impl Contains<NativeOrWithId<u32>> for AcceptedAssets {
	fn contains(asset: &NativeOrWithId<u32>) -> bool {
		matches!(asset, NativeOrWithId::Native)
			|| *asset == NativeOrWithId::WithId(SETTLEMENT_ASSET)
	}
}

parameter_types! {
	/// Where platform fees go: an account without a known key, spent by the consortium's vote.
	pub FeeDestination: AccountId = sp_runtime::traits::AccountIdConversion::into_account_truncating(
		&frame_support::PalletId(*b"yj/feess"),
	);
	/// Who holds items exported to the EVM chain: an account without a known key.
	pub BridgeCustodian: AccountId = sp_runtime::traits::AccountIdConversion::into_account_truncating(
		&frame_support::PalletId(*b"yj/brdge"),
	);
	/// Who pays points discounts: funded by the platform.
	pub Sponsor: AccountId = sp_runtime::traits::AccountIdConversion::into_account_truncating(
		&frame_support::PalletId(*b"yj/spnsr"),
	);
	/// The owner and issuer of the settlement asset in `pallet-assets`: an account without a
	/// known key, so that only the marketplace's `issue_settlement`, by the issuer the
	/// consortium names, mints it.
	pub SettlementAssetOwner: AccountId =
		sp_runtime::traits::AccountIdConversion::into_account_truncating(
			&frame_support::PalletId(*b"yj/settl"),
		);
	pub const SettlementAssetKind: NativeOrWithId<u32> = NativeOrWithId::WithId(SETTLEMENT_ASSET);
	/// Ship within 72 hours of payment; a shipped parcel counts as delivered after 10 days
	/// (the automatic confirmation of receipt of the large marketplaces); 7 days from delivery
	/// to return without a reason (Consumer Rights Protection Law, Art. 25); 10 days for the
	/// seller to confirm a returned parcel or dispute.
	pub const DefaultOrderWindows: OrderWindows<BlockNumber> = OrderWindows {
		ship: 3 * DAYS,
		deliver: 10 * DAYS,
		returns: 7 * DAYS,
		return_receipt: 10 * DAYS,
	};
}

/// Native balance and assets, for minting and burning the settlement asset.
pub type Issuance =
	UnionOf<Balances, crate::Assets, NativeFromLeft, NativeOrWithId<u32>, AccountId>;

impl pallet_marketplace::Config for Runtime {
	type AssetKind = NativeOrWithId<u32>;
	type Funds = Funds;
	type AcceptedAssets = AcceptedAssets;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Collectibles = Collectibles;
	type Works = Works;
	type Tiers = Loyalty;
	type Loyalty = Loyalty;
	type GovernanceOrigin = ConsortiumOrigin;
	type TagVerifierOrigin =
		frame_support::traits::EitherOfDiverse<EnsureRoot<AccountId>, InstitutionAccount>;
	type FeeDestination = FeeDestination;
	type Sponsor = Sponsor;
	type MaxPlatformFee = ConstU16<1_000>;
	/// (16 ancestors + the work) × 16 holders.
	type MaxBeneficiaries = ConstU32<272>;
	type MaxOffersPerAccount = ConstU32<20>;
	type MaxExpiriesPerBlock = ConstU32<64>;
	type AuctionExtension = ConstU32<{ 5 * crate::MINUTES }>;
	type MaxAuctionDuration = ConstU32<{ 30 * DAYS }>;
	type Issuance = Issuance;
	type SettlementAsset = SettlementAssetKind;
	type DefaultOrderWindows = DefaultOrderWindows;
	type MaxOrderWindow = ConstU32<{ 60 * DAYS }>;
	/// Each may settle with the most beneficiaries.
	type MaxOrdersDuePerBlock = ConstU32<8>;
	type WeightInfo = pallet_marketplace::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::Helper;
}

impl pallet_loyalty::Config for Runtime {
	type AssetKind = NativeOrWithId<u32>;
	type Balance = Balance;
	type GovernanceOrigin = ConsortiumOrigin;
	/// Points last a year.
	type ExpiryPeriod = ConstU32<{ 365 * DAYS }>;
	/// One bucket a month: at most 13 buckets a member.
	type BucketPeriod = ConstU32<{ 30 * DAYS }>;
	type MaxBuckets = ConstU32<14>;
	type MaxTiers = ConstU32<8>;
	type WeightInfo = pallet_loyalty::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::Helper;
}
