//! A test runtime with the real neighbours: balances, assets (with holds), the works registry,
//! collectibles and the marketplace. Prices may be native or in the settlement asset.

use crate as pallet_marketplace;
use frame_support::{
	assert_ok, derive_impl, parameter_types,
	traits::{
		fungible::{NativeFromLeft, NativeOrWithId, UnionOf},
		ConstU16, ConstU32, ConstU64, ConstU8, Contains, SortedMembers,
	},
};
use frame_system::{EnsureRoot, EnsureSignedBy};
use pallet_marketplace::OrderWindows;
use sp_runtime::BuildStorage;
use yinji_primitives::{
	BasisPoints, CollectionId, CollectionKind, ItemId, KycLevel, Licence, TagHash, TagKind,
	TransferPolicy, WorkId, WorkKind,
};

type Block = frame_system::mocking::MockBlock<Test>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeHoldReason,
		RuntimeFreezeReason,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(2)]
	pub type Assets = pallet_assets;
	#[runtime::pallet_index(3)]
	pub type AssetsHolder = pallet_assets_holder;
	#[runtime::pallet_index(4)]
	pub type Works = pallet_works;
	#[runtime::pallet_index(5)]
	pub type Collectibles = pallet_collectibles;
	#[runtime::pallet_index(6)]
	pub type Marketplace = pallet_marketplace;
	#[runtime::pallet_index(7)]
	pub type Loyalty = pallet_loyalty;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

#[derive_impl(pallet_assets::config_preludes::TestDefaultConfig)]
impl pallet_assets::Config for Test {
	type Currency = Balances;
	type CreateOrigin =
		frame_support::traits::AsEnsureOriginWithArg<frame_system::EnsureSigned<u64>>;
	type ForceOrigin = EnsureRoot<u64>;
	type Holder = AssetsHolder;
}

impl pallet_assets_holder::Config for Test {
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeEvent = RuntimeEvent;
}

pub const MUSEUM: u64 = 100;
pub const PLATFORM: u64 = 900;
pub const SPONSOR: u64 = 901;
pub const ALICE: u64 = 1;
pub const BOB: u64 = 2;
pub const CAROL: u64 = 3;
pub const DAVE: u64 = 4;
pub const EVE: u64 = 5;
/// An account with no funds.
pub const PAUPER: u64 = 9;

/// The settlement asset a member bank issues.
pub const YUAN: u32 = 1;
/// The marketplace's currency type in this runtime.
pub type AssetKindOf = NativeOrWithId<u32>;
pub const NATIVE: NativeOrWithId<u32> = NativeOrWithId::Native;
pub const SETTLEMENT: NativeOrWithId<u32> = NativeOrWithId::WithId(YUAN);

pub const INITIAL_BALANCE: u64 = 1_000_000;
pub const MAX_FEE: BasisPoints = 1_000;
pub const MAX_BENEFICIARIES: u32 = 12;
pub const MAX_OFFERS: u32 = 3;
pub const MAX_EXPIRIES: u32 = 4;
pub const EXTENSION: u64 = 5;
pub const MAX_AUCTION: u64 = 100;

pub struct Institutions;
impl SortedMembers<u64> for Institutions {
	fn sorted_members() -> Vec<u64> {
		vec![MUSEUM]
	}
}

parameter_types! {
	pub const ProposalLifetime: u64 = 20;
	pub const FeeDestination: u64 = PLATFORM;
	pub const Sponsor: u64 = SPONSOR;
}

impl pallet_works::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type InstitutionOrigin = EnsureSignedBy<Institutions, u64>;
	type ArbitrationOrigin = EnsureRoot<u64>;
	type RegistrationDepositBase = ConstU64<10>;
	type DepositPerByte = ConstU64<0>;
	type DisputeDeposit = ConstU64<50>;
	type MaxRightsHolders = ConstU32<16>;
	type MaxParents = ConstU32<4>;
	type MaxAncestors = ConstU32<16>;
	type MaxAncestryDepth = ConstU8<4>;
	type MaxCidLength = ConstU32<64>;
	type MaxFingerprintLength = ConstU32<32>;
	type ProposalLifetime = ProposalLifetime;
	type WeightInfo = ();
}

impl pallet_collectibles::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Works = Works;
	type Attestations = Works;
	type ArbitrationOrigin = EnsureRoot<u64>;
	type TagVerifierOrigin = EnsureRoot<u64>;
	type BridgeOrigin = EnsureRoot<u64>;
	/// An account no test uses.
	type BridgeCustodian = ConstU64<999_999>;
	type Locks = Marketplace;
	type CollectionDeposit = ConstU64<10>;
	type ItemDeposit = ConstU64<1>;
	type MaxMintBatch = ConstU32<10>;
	type MaxRoyalty = ConstU16<5_000>;
	type MaxCidLength = ConstU32<64>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Helper;
}

/// The marketplace takes the native balance and the settlement asset.
pub struct Accepted;
impl Contains<NativeOrWithId<u32>> for Accepted {
	fn contains(asset: &NativeOrWithId<u32>) -> bool {
		*asset == NATIVE || *asset == SETTLEMENT
	}
}

impl pallet_loyalty::Config for Test {
	type AssetKind = NativeOrWithId<u32>;
	type Balance = u64;
	type GovernanceOrigin = EnsureRoot<u64>;
	type ExpiryPeriod = ConstU64<1_000>;
	type BucketPeriod = ConstU64<100>;
	type MaxBuckets = ConstU32<11>;
	type MaxTiers = ConstU32<4>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Helper;
}

#[cfg(feature = "runtime-benchmarks")]
impl pallet_loyalty::BenchmarkHelper<NativeOrWithId<u32>> for Helper {
	fn asset() -> NativeOrWithId<u32> {
		NATIVE
	}
}

/// Native balance and assets through one `fungibles` interface, with holds on both.
pub type Funds = UnionOf<Balances, AssetsHolder, NativeFromLeft, NativeOrWithId<u32>, u64>;

/// Native balance and assets, for minting and burning.
pub type Issuance = UnionOf<Balances, Assets, NativeFromLeft, NativeOrWithId<u32>, u64>;

/// The longest order window governance may set.
pub const MAX_ORDER_WINDOW: u64 = 1_000;
/// Most order deadlines applied at one block.
pub const MAX_ORDERS_DUE: u32 = 2;
/// The default windows: ship within 10 blocks, delivered 20 after, 7 to return, 10 for the
/// seller to confirm a return.
pub const WINDOWS: OrderWindows<u64> =
	OrderWindows { ship: 10, deliver: 20, returns: 7, return_receipt: 10 };

parameter_types! {
	pub const SettlementAsset: NativeOrWithId<u32> = NativeOrWithId::WithId(YUAN);
	pub const DefaultOrderWindows: OrderWindows<u64> = WINDOWS;
}

impl pallet_marketplace::Config for Test {
	type AssetKind = NativeOrWithId<u32>;
	type Funds = Funds;
	type AcceptedAssets = Accepted;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Collectibles = Collectibles;
	type Works = Works;
	type Tiers = Loyalty;
	type Loyalty = Loyalty;
	type GovernanceOrigin = EnsureRoot<u64>;
	type TagVerifierOrigin = EnsureSignedBy<Institutions, u64>;
	type FeeDestination = FeeDestination;
	type Sponsor = Sponsor;
	type MaxPlatformFee = ConstU16<MAX_FEE>;
	type MaxBeneficiaries = ConstU32<MAX_BENEFICIARIES>;
	type MaxOffersPerAccount = ConstU32<MAX_OFFERS>;
	type MaxExpiriesPerBlock = ConstU32<MAX_EXPIRIES>;
	type AuctionExtension = ConstU64<EXTENSION>;
	type MaxAuctionDuration = ConstU64<MAX_AUCTION>;
	type Issuance = Issuance;
	type SettlementAsset = SettlementAsset;
	type DefaultOrderWindows = DefaultOrderWindows;
	type MaxOrderWindow = ConstU64<MAX_ORDER_WINDOW>;
	type MaxOrdersDuePerBlock = ConstU32<MAX_ORDERS_DUE>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Helper;
}

/// Sets up works, collections and items through the real pallets.
pub struct Helper;
impl Helper {
	pub fn attest(who: u64, level: KycLevel) {
		assert_ok!(Works::attest_creator(RuntimeOrigin::signed(MUSEUM), who, level, 1_000_000));
	}

	/// Registers a new work by `registrant` with `split` and `parents`.
	pub fn work(
		registrant: u64,
		split: &[(u64, BasisPoints)],
		parents: &[(WorkId, BasisPoints)],
	) -> WorkId {
		Self::attest(registrant, 1);
		let work = pallet_works::NextWorkId::<Test>::get();
		let mut content = [7u8; 32];
		content[..8].copy_from_slice(&work.to_le_bytes());
		assert_ok!(Works::register_work(
			RuntimeOrigin::signed(registrant),
			content,
			None,
			b"bafkreiwork".to_vec().try_into().unwrap(),
			WorkKind::Image,
			Licence::Commercial { fee: 0, derivatives: true },
			split.to_vec().try_into().unwrap(),
			parents.to_vec().try_into().unwrap(),
		));
		work
	}

	/// Creates a digital collection of `work` by `issuer` (a rights holder).
	pub fn collection(
		issuer: u64,
		work: WorkId,
		royalty: BasisPoints,
		policy: TransferPolicy<u64>,
		min_holder_kyc: KycLevel,
	) -> CollectionId {
		Self::collection_of(
			CollectionKind::DigitalCollectible,
			issuer,
			work,
			royalty,
			policy,
			min_holder_kyc,
		)
	}

	/// Creates a collection of `kind` of `work` by `issuer` (a rights holder).
	pub fn collection_of(
		kind: CollectionKind,
		issuer: u64,
		work: WorkId,
		royalty: BasisPoints,
		policy: TransferPolicy<u64>,
		min_holder_kyc: KycLevel,
	) -> CollectionId {
		let collection = pallet_collectibles::NextCollectionId::<Test>::get();
		assert_ok!(Collectibles::create_collection(
			RuntimeOrigin::signed(issuer),
			work,
			kind,
			1_000,
			b"bafkreicollection".to_vec().try_into().unwrap(),
			royalty,
			policy,
			min_holder_kyc,
		));
		collection
	}

	/// Gives `who` `points` loyalty points through a campaign of the museum's.
	pub fn points(who: u64, points: yinji_primitives::Points) {
		let campaign = pallet_loyalty::NextCampaignId::<Test>::get();
		assert_ok!(Loyalty::create_campaign(RuntimeOrigin::root(), MUSEUM, points, 1_000_000));
		assert_ok!(Loyalty::award(
			RuntimeOrigin::signed(MUSEUM),
			campaign,
			who,
			points,
			pallet_loyalty::AwardReason::Event
		));
	}

	/// Binds an NFC tag with hash `tag` to `item` of `collection` (issued by `issuer`).
	pub fn bind_tag(issuer: u64, collection: CollectionId, item: ItemId, tag: TagHash) {
		assert_ok!(Collectibles::bind_tag(
			RuntimeOrigin::signed(issuer),
			collection,
			item,
			tag,
			TagKind::Ntag424,
			1
		));
	}

	/// Mints the next edition of `collection` (issued by `issuer`) to `owner`.
	pub fn mint(issuer: u64, collection: CollectionId, owner: u64) -> ItemId {
		let item = pallet_collectibles::Collections::<Test>::get(collection).unwrap().minted + 1;
		assert_ok!(Collectibles::mint(RuntimeOrigin::signed(issuer), collection, owner, 1));
		item
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl pallet_collectibles::BenchmarkHelper<u64> for Helper {
	fn registered_work(holder: &u64) -> WorkId {
		Self::work(*holder, &[(*holder, yinji_primitives::WHOLE)], &[])
	}
	fn attest(who: &u64, level: KycLevel) {
		Helper::attest(*who, level)
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64, NativeOrWithId<u32>, u64> for Helper {
	fn asset() -> NativeOrWithId<u32> {
		NATIVE
	}
	fn fund(who: &u64, _asset: &NativeOrWithId<u32>, amount: u64) {
		use frame_support::traits::fungible::Mutate;
		let _ = Balances::mint_into(who, amount);
	}
	fn collection(issuer: &u64, beneficiaries: u32) -> CollectionId {
		let count = beneficiaries.max(1) as u64;
		let share = (yinji_primitives::WHOLE as u64 / count) as BasisPoints;
		let mut split: Vec<(u64, BasisPoints)> =
			(0..count).map(|i| (if i == 0 { *issuer } else { 2_000 + i }, share)).collect();
		split[0].1 += yinji_primitives::WHOLE - share * count as BasisPoints;
		let work = Self::work(*issuer, &split, &[]);
		let kind = CollectionKind::PhysicalTwin;
		Self::collection_of(kind, *issuer, work, 1_000, TransferPolicy::SettlementOnly, 0)
	}
	fn tag(issuer: &u64, collection: CollectionId, item: ItemId) -> TagHash {
		let tag = [0x7A; 32];
		Helper::bind_tag(*issuer, collection, item, tag);
		tag
	}
	fn mint(issuer: &u64, collection: CollectionId, owner: &u64) -> ItemId {
		Helper::mint(*issuer, collection, *owner)
	}
}

/// Externalities at block 1: named accounts funded in both currencies, the platform fee at
/// 2.5 %, and ALICE attested.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let funded = [ALICE, BOB, CAROL, DAVE, EVE, MUSEUM, PLATFORM, SPONSOR];
	pallet_balances::GenesisConfig::<Test> {
		balances: funded.iter().map(|who| (*who, INITIAL_BALANCE)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_assets::GenesisConfig::<Test> {
		assets: vec![(YUAN, MUSEUM, true, 1)],
		metadata: vec![],
		accounts: funded.iter().map(|who| (YUAN, *who, INITIAL_BALANCE)).collect(),
		next_asset_id: None,
		reserves: vec![],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		pallet_marketplace::PlatformFee::<Test>::put(250);
	});
	ext
}

/// Runs `test` in fresh externalities and checks the invariants of every yinji pallet
/// afterwards.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Marketplace::do_try_state().expect("marketplace invariants hold after the test");
		Loyalty::do_try_state().expect("loyalty invariants hold after the test");
		Collectibles::do_try_state().expect("collectibles invariants hold after the test");
		Works::do_try_state().expect("works invariants hold after the test");
	});
}
