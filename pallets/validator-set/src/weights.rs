//! Weights for `pallet_validator_set`.
//!
//! Laid out as `frame-benchmarking-cli` writes them; estimates until issue 11/11 regenerates
//! them on the compiled runtime from `benchmarking.rs`.

#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed for `pallet_validator_set`.
pub trait WeightInfo {
	fn add_validator() -> Weight;
	fn remove_validator() -> Weight;
}

macro_rules! weights {
	($db:expr) => {
		/// Storage: `ValidatorSet::Validators` (r:1 w:1), `ValidatorSet::Changed` (w:1)
		fn add_validator() -> Weight {
			Weight::from_parts(14_000_000, 2_000)
				.saturating_add($db.reads(1_u64))
				.saturating_add($db.writes(2_u64))
		}
		/// Storage: `ValidatorSet::Validators` (r:1 w:1), `ValidatorSet::Changed` (w:1)
		fn remove_validator() -> Weight {
			Weight::from_parts(14_000_000, 2_000)
				.saturating_add($db.reads(1_u64))
				.saturating_add($db.writes(2_u64))
		}
	};
}

/// Weights for `pallet_validator_set` using the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	weights!(T::DbWeight::get());
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	weights!(RocksDbWeight::get());
}
