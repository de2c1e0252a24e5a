//! A test runtime: frame-system and the loyalty pallet, with prices in a `u32`-named currency.
//! The marketplace's tests run the loyalty pallet inside real sales.

use crate as pallet_loyalty;
use frame_support::{
	derive_impl,
	traits::{ConstU32, ConstU64},
};
use frame_system::EnsureRoot;
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
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Loyalty = pallet_loyalty;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

/// Points expire 100 blocks after the 10-block bucket period they were earned in ends.
pub const EXPIRY: u64 = 100;
pub const BUCKET: u64 = 10;
pub const MAX_TIERS: u32 = 4;
/// The currency the tests price in.
pub const YUAN: u32 = 1;

pub const ALICE: u64 = 1;
pub const BOB: u64 = 2;
pub const GATEWAY: u64 = 50;

impl pallet_loyalty::Config for Test {
	type AssetKind = u32;
	type Balance = u64;
	type GovernanceOrigin = EnsureRoot<u64>;
	type ExpiryPeriod = ConstU64<EXPIRY>;
	type BucketPeriod = ConstU64<BUCKET>;
	type MaxBuckets = ConstU32<11>;
	type MaxTiers = ConstU32<MAX_TIERS>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Yuan;
}

#[cfg(feature = "runtime-benchmarks")]
pub struct Yuan;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u32> for Yuan {
	fn asset() -> u32 {
		YUAN
	}
}

/// Externalities at block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` in fresh externalities and checks the pallet's invariants afterwards.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Loyalty::do_try_state().expect("loyalty invariants hold after the test");
	});
}
