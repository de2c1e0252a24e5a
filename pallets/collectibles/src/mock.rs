//! A test runtime: frame-system, balances, the works pallet (the real registry) and the
//! collectibles pallet.

use crate as pallet_collectibles;
use frame_support::{
	assert_ok, derive_impl, parameter_types,
	traits::{ConstU16, ConstU32, ConstU64, ConstU8, SortedMembers},
};
use frame_system::{EnsureRoot, EnsureSignedBy};
use sp_runtime::BuildStorage;
use yinji_primitives::{KycLevel, WorkId};

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
	pub type Works = pallet_works;
	#[runtime::pallet_index(3)]
	pub type Collectibles = pallet_collectibles;
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

/// The member institution attesting creators and collectors.
pub const MUSEUM: u64 = 100;
/// The tag-verifier service account.
pub const VERIFIER: u64 = 200;
pub const ALICE: u64 = 1;
pub const BOB: u64 = 2;
pub const CAROL: u64 = 3;
pub const DAVE: u64 = 4;
/// The bridge custodian, which holds exported items.
pub const BRIDGE: u64 = 50;
/// An account with no funds.
pub const PAUPER: u64 = 9;

pub const COLLECTION_DEPOSIT: u64 = 300;
pub const ITEM_DEPOSIT: u64 = 10;
pub const MAX_MINT_BATCH: u32 = 5;
pub const MAX_ROYALTY: u16 = 5_000;
pub const INITIAL_BALANCE: u64 = 100_000;

pub struct Institutions;
impl SortedMembers<u64> for Institutions {
	fn sorted_members() -> Vec<u64> {
		vec![MUSEUM]
	}
}

pub struct Verifiers;
impl SortedMembers<u64> for Verifiers {
	fn sorted_members() -> Vec<u64> {
		vec![VERIFIER]
	}
}

parameter_types! {
	pub const ProposalLifetime: u64 = 20;
}

impl pallet_works::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type InstitutionOrigin = EnsureSignedBy<Institutions, u64>;
	type ArbitrationOrigin = EnsureRoot<u64>;
	type RegistrationDepositBase = ConstU64<100>;
	type DepositPerByte = ConstU64<1>;
	type DisputeDeposit = ConstU64<500>;
	type MaxRightsHolders = ConstU32<16>;
	type MaxParents = ConstU32<4>;
	type MaxAncestors = ConstU32<16>;
	type MaxAncestryDepth = ConstU8<4>;
	type MaxCidLength = ConstU32<64>;
	type MaxFingerprintLength = ConstU32<32>;
	type ProposalLifetime = ProposalLifetime;
	type WeightInfo = ();
}

std::thread_local! {
	/// Items a test marks as locked (money waiting on them, as the marketplace would report).
	pub static LOCKED: core::cell::RefCell<std::collections::BTreeSet<(u32, u32)>> =
		Default::default();
}

/// Reports the items in [`LOCKED`] as locked.
pub struct TestLocks;
impl yinji_primitives::ItemLocks for TestLocks {
	fn is_locked(collection: u32, item: u32) -> bool {
		LOCKED.with(|locked| locked.borrow().contains(&(collection, item)))
	}
}

impl pallet_collectibles::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Works = Works;
	type Attestations = Works;
	type ArbitrationOrigin = EnsureRoot<u64>;
	type TagVerifierOrigin = EnsureSignedBy<Verifiers, u64>;
	type BridgeOrigin = EnsureRoot<u64>;
	type BridgeCustodian = ConstU64<BRIDGE>;
	type Locks = TestLocks;
	type CollectionDeposit = ConstU64<COLLECTION_DEPOSIT>;
	type ItemDeposit = ConstU64<ITEM_DEPOSIT>;
	type MaxMintBatch = ConstU32<MAX_MINT_BATCH>;
	type MaxRoyalty = ConstU16<MAX_ROYALTY>;
	type MaxCidLength = ConstU32<64>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = WorksHelper;
}

/// Registers works and attests accounts through the real works pallet.
pub struct WorksHelper;
impl WorksHelper {
	/// Attests `who` by the museum at `level`, until block 1 000 000.
	pub fn attest(who: u64, level: KycLevel) {
		assert_ok!(Works::attest_creator(RuntimeOrigin::signed(MUSEUM), who, level, 1_000_000));
	}

	/// Registers a new work (content `n`, made unique by the next work id) wholly held by
	/// `holder`, attesting it first.
	pub fn register(holder: u64, n: u32) -> WorkId {
		Self::attest(holder, 1);
		let work = pallet_works::NextWorkId::<Test>::get();
		let mut content = [0u8; 32];
		content[..4].copy_from_slice(&n.to_le_bytes());
		content[4..12].copy_from_slice(&work.to_le_bytes());
		assert_ok!(Works::register_work(
			RuntimeOrigin::signed(holder),
			content,
			None,
			b"bafkreiwork".to_vec().try_into().unwrap(),
			yinji_primitives::WorkKind::Design,
			yinji_primitives::Licence::AllRightsReserved,
			vec![(holder, yinji_primitives::WHOLE)].try_into().unwrap(),
			Default::default(),
		));
		work
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for WorksHelper {
	fn registered_work(holder: &u64) -> WorkId {
		Self::register(*holder, pallet_works::NextWorkId::<Test>::get() as u32)
	}
	fn attest(who: &u64, level: KycLevel) {
		WorksHelper::attest(*who, level)
	}
}

/// Externalities with the named accounts funded, at block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [ALICE, BOB, CAROL, DAVE, MUSEUM, VERIFIER]
			.into_iter()
			.map(|who| (who, INITIAL_BALANCE))
			.collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` in fresh externalities and checks both pallets' invariants afterwards.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Collectibles::do_try_state().expect("collectibles invariants hold after the test");
		Works::do_try_state().expect("works invariants hold after the test");
	});
}
