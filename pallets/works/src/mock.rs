//! A test runtime: frame-system, balances and the works pallet.

use crate as pallet_works;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64, ConstU8, SortedMembers},
};
use frame_system::{EnsureRoot, EnsureSignedBy};
use sp_runtime::BuildStorage;

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

/// Institution accounts in the test runtime.
pub const MUSEUM: u64 = 100;
pub const SCHOOL: u64 = 101;
/// Creators and others, funded at genesis.
pub const ALICE: u64 = 1;
pub const BOB: u64 = 2;
pub const CAROL: u64 = 3;
pub const DAVE: u64 = 4;
/// An account with no funds.
pub const PAUPER: u64 = 9;

pub const REGISTRATION_BASE: u64 = 100;
pub const PER_BYTE: u64 = 1;
pub const DISPUTE_DEPOSIT: u64 = 500;
pub const PROPOSAL_LIFETIME: u64 = 20;
pub const INITIAL_BALANCE: u64 = 100_000;

/// The member institutions.
pub struct Institutions;
impl SortedMembers<u64> for Institutions {
	fn sorted_members() -> Vec<u64> {
		vec![MUSEUM, SCHOOL]
	}
}

parameter_types! {
	pub const ProposalLifetime: u64 = PROPOSAL_LIFETIME;
}

impl pallet_works::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type InstitutionOrigin = EnsureSignedBy<Institutions, u64>;
	type ArbitrationOrigin = EnsureRoot<u64>;
	type RegistrationDepositBase = ConstU64<REGISTRATION_BASE>;
	type DepositPerByte = ConstU64<PER_BYTE>;
	type DisputeDeposit = ConstU64<DISPUTE_DEPOSIT>;
	type MaxRightsHolders = ConstU32<16>;
	type MaxParents = ConstU32<4>;
	type MaxAncestors = ConstU32<16>;
	type MaxAncestryDepth = ConstU8<4>;
	type MaxCidLength = ConstU32<64>;
	type MaxFingerprintLength = ConstU32<32>;
	type ProposalLifetime = ProposalLifetime;
	type WeightInfo = ();
}

/// Externalities with the named accounts funded, at block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [ALICE, BOB, CAROL, DAVE, MUSEUM, SCHOOL]
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

/// Runs `test` in fresh externalities and checks the pallet's invariants afterwards.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Works::do_try_state().expect("invariants hold after the test");
	});
}
