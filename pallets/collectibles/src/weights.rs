//! Weights for `pallet_collectibles`.
//!
//! Laid out as `frame-benchmarking-cli` writes them. Until the runtime exists to run the
//! benchmarks on, the figures are estimates from the storage each call touches and the cost of
//! comparable pallet-nfts calls; the benchmarks in `benchmarking.rs` will regenerate them.

#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed for `pallet_collectibles`.
pub trait WeightInfo {
	fn create_collection() -> Weight;
	fn mint(n: u32) -> Weight;
	fn gift() -> Weight;
	fn burn() -> Weight;
	fn tighten_policy() -> Weight;
	fn bind_tag() -> Weight;
	fn unbind_tag() -> Weight;
	fn rebind_tag() -> Weight;
	fn raise_watermark() -> Weight;
	fn set_collection_frozen() -> Weight;
	fn set_item_frozen() -> Weight;
	fn export_item() -> Weight;
	fn import_item() -> Weight;
}

macro_rules! weights {
	($db:expr) => {
		/// Storage: `Works::Works` (r:1), `Collectibles::NextCollectionId` (r:1 w:1),
		/// `Collectibles::Collections` (w:1), `Balances::Holds` (r:1 w:1)
		fn create_collection() -> Weight {
			Weight::from_parts(38_000_000, 6_000)
				.saturating_add($db.reads(3_u64))
				.saturating_add($db.writes(3_u64))
		}
		/// Storage: `Collectibles::Collections` (r:1 w:1), `Works::Works` (r:1),
		/// `Works::AttestationOf` (r:1), `Collectibles::Items` (w:n), `Collectibles::Account`
		/// (w:n), `Balances::Holds` (r:1 w:1)
		/// The range of component `n` is `[1, 50]`.
		fn mint(n: u32) -> Weight {
			Weight::from_parts(30_000_000, 6_000)
				.saturating_add(Weight::from_parts(22_000_000, 2_600).saturating_mul(n.into()))
				.saturating_add($db.reads(4_u64))
				.saturating_add($db.writes(2_u64))
				.saturating_add($db.writes((2_u64).saturating_mul(n.into())))
		}
		/// Storage: `Collectibles::Collections` (r:1), `Collectibles::Items` (r:1 w:1),
		/// `Works::Works` (r:1), `Works::AttestationOf` (r:1), `Collectibles::Account` (w:2)
		fn gift() -> Weight {
			Weight::from_parts(42_000_000, 6_000)
				.saturating_add($db.reads(4_u64))
				.saturating_add($db.writes(3_u64))
		}
		/// Storage: `Collectibles::Collections` (r:1 w:1), `Collectibles::Items` (r:1 w:1),
		/// `Collectibles::TagOf` (w:1), `Collectibles::RetiredTags` (w:1),
		/// `Collectibles::Account` (w:1), `Balances::Holds` (r:1 w:1)
		fn burn() -> Weight {
			Weight::from_parts(45_000_000, 6_000)
				.saturating_add($db.reads(3_u64))
				.saturating_add($db.writes(6_u64))
		}
		/// Storage: `Collectibles::Collections` (r:1 w:1)
		fn tighten_policy() -> Weight {
			Weight::from_parts(16_000_000, 3_600)
				.saturating_add($db.reads(1_u64))
				.saturating_add($db.writes(1_u64))
		}
		/// Storage: `Collectibles::Collections` (r:1), `Collectibles::Items` (r:1 w:1),
		/// `Collectibles::RetiredTags` (r:1), `Collectibles::TagOf` (r:1 w:1)
		fn bind_tag() -> Weight {
			Weight::from_parts(28_000_000, 6_000)
				.saturating_add($db.reads(4_u64))
				.saturating_add($db.writes(2_u64))
		}
		/// Storage: `Collectibles::Collections` (r:1), `Collectibles::Items` (r:1 w:1),
		/// `Collectibles::TagOf` (w:1), `Collectibles::RetiredTags` (w:1)
		fn unbind_tag() -> Weight {
			Weight::from_parts(26_000_000, 6_000)
				.saturating_add($db.reads(2_u64))
				.saturating_add($db.writes(3_u64))
		}
		/// Storage: as `unbind_tag` then `bind_tag`.
		fn rebind_tag() -> Weight {
			Weight::from_parts(50_000_000, 6_000)
				.saturating_add($db.reads(6_u64))
				.saturating_add($db.writes(5_u64))
		}
		/// Storage: `Collectibles::TagOf` (r:1 w:1)
		fn raise_watermark() -> Weight {
			Weight::from_parts(14_000_000, 3_600)
				.saturating_add($db.reads(1_u64))
				.saturating_add($db.writes(1_u64))
		}
		/// Storage: `Collectibles::Collections` (r:1 w:1)
		fn set_collection_frozen() -> Weight {
			Weight::from_parts(14_000_000, 3_600)
				.saturating_add($db.reads(1_u64))
				.saturating_add($db.writes(1_u64))
		}
		/// Storage: `Collectibles::Items` (r:1 w:1)
		fn set_item_frozen() -> Weight {
			Weight::from_parts(14_000_000, 3_600)
				.saturating_add($db.reads(1_u64))
				.saturating_add($db.writes(1_u64))
		}
		/// Storage: `Collectibles::Exports` (r:1 w:1), `Collectibles::Collections` (r:1),
		/// `Collectibles::Items` (r:1 w:1), `Works::Works` (r:1),
		/// `Collectibles::NextExportId` (r:1 w:1), `Collectibles::Account` (w:2)
		fn export_item() -> Weight {
			Weight::from_parts(40_000_000, 6_000)
				.saturating_add($db.reads(5_u64))
				.saturating_add($db.writes(5_u64))
		}
		/// Storage: `Collectibles::ImportedBurns` (r:1 w:1), `Collectibles::Exports` (r:1 w:1),
		/// `Collectibles::Collections` (r:1), `Collectibles::Items` (r:1 w:1), `Works::Works`
		/// (r:1), `Works::AttestationOf` (r:1), `Collectibles::Account` (w:2)
		fn import_item() -> Weight {
			Weight::from_parts(44_000_000, 6_000)
				.saturating_add($db.reads(6_u64))
				.saturating_add($db.writes(5_u64))
		}
	};
}

/// Weights for `pallet_collectibles` using the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	weights!(T::DbWeight::get());
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	weights!(RocksDbWeight::get());
}
