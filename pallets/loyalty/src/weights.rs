//! Weights for `pallet_loyalty`.
//!
//! Laid out as `frame-benchmarking-cli` writes them. Until the runtime exists to run the
//! benchmarks on, the figures are estimates from the storage each call touches; the benchmarks
//! in `benchmarking.rs` will regenerate them.

#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed for `pallet_loyalty`.
pub trait WeightInfo {
	fn set_rate() -> Weight;
	fn set_tier_thresholds(t: u32) -> Weight;
	fn create_campaign() -> Weight;
	fn close_campaign() -> Weight;
	fn award() -> Weight;
	fn purge_expired() -> Weight;
	fn refresh_tier() -> Weight;
}

macro_rules! weights {
	($db:expr) => {
		/// Storage: `Loyalty::Rates` (w:1)
		fn set_rate() -> Weight {
			Weight::from_parts(10_000_000, 0).saturating_add($db.writes(1_u64))
		}
		/// Storage: `Loyalty::TierThresholds` (w:1)
		/// The range of component `t` is `[0, 8]`.
		fn set_tier_thresholds(t: u32) -> Weight {
			Weight::from_parts(9_000_000, 0)
				.saturating_add(Weight::from_parts(150_000, 0).saturating_mul(t.into()))
				.saturating_add($db.writes(1_u64))
		}
		/// Storage: `Loyalty::NextCampaignId` (r:1 w:1), `Loyalty::Campaigns` (w:1)
		fn create_campaign() -> Weight {
			Weight::from_parts(14_000_000, 1_500)
				.saturating_add($db.reads(1_u64))
				.saturating_add($db.writes(2_u64))
		}
		/// Storage: `Loyalty::Campaigns` (r:1 w:1)
		fn close_campaign() -> Weight {
			Weight::from_parts(13_000_000, 3_500)
				.saturating_add($db.reads(1_u64))
				.saturating_add($db.writes(1_u64))
		}
		/// Storage: `Loyalty::Campaigns` (r:1 w:1), `Loyalty::Buckets` (r:1 w:1),
		/// `Loyalty::Members` (r:1 w:1), `Loyalty::Issuance` (r:1 w:1),
		/// `Loyalty::TierThresholds` (r:1)
		fn award() -> Weight {
			Weight::from_parts(40_000_000, 8_000)
				.saturating_add($db.reads(5_u64))
				.saturating_add($db.writes(4_u64))
		}
		/// Storage: `Loyalty::Buckets` (r:1 w:1), `Loyalty::Members` (r:1 w:1),
		/// `Loyalty::Issuance` (r:1 w:1)
		fn purge_expired() -> Weight {
			Weight::from_parts(25_000_000, 6_000)
				.saturating_add($db.reads(3_u64))
				.saturating_add($db.writes(3_u64))
		}
		/// Storage: `Loyalty::Members` (r:1 w:1), `Loyalty::TierThresholds` (r:1)
		fn refresh_tier() -> Weight {
			Weight::from_parts(15_000_000, 3_500)
				.saturating_add($db.reads(2_u64))
				.saturating_add($db.writes(1_u64))
		}
	};
}

/// Weights for `pallet_loyalty` using the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	weights!(T::DbWeight::get());
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	weights!(RocksDbWeight::get());
}
