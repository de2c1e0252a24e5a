//! Weights for `pallet_marketplace`.
//!
//! Laid out as `frame-benchmarking-cli` writes them. Until the runtime exists to run the
//! benchmarks on, the figures are estimates from the storage each call touches and the cost of
//! comparable pallet-nfts calls; the benchmarks in `benchmarking.rs` will regenerate them.
//! `b` is the number of rights holders a settlement pays; each costs a hold transfer (two
//! account writes).

#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed for `pallet_marketplace`.
pub trait WeightInfo {
	fn set_platform_fee() -> Weight;
	fn list() -> Weight;
	fn list_dutch() -> Weight;
	fn cancel_listing() -> Weight;
	fn buy(b: u32) -> Weight;
	fn make_offer() -> Weight;
	fn withdraw_offer() -> Weight;
	fn accept_offer(b: u32) -> Weight;
	fn claim_by_tap(b: u32) -> Weight;
	fn create_auction() -> Weight;
	fn bid() -> Weight;
	fn settle_auction(b: u32) -> Weight;
	fn cancel_auction() -> Weight;
	fn create_drop() -> Weight;
	fn buy_from_drop(b: u32) -> Weight;
	fn close_drop() -> Weight;
	fn on_initialize(n: u32) -> Weight;
}

macro_rules! weights {
	($db:expr) => {
		/// Storage: `Marketplace::PlatformFee` (w:1)
		fn set_platform_fee() -> Weight {
			Weight::from_parts(8_000_000, 0).saturating_add($db.writes(1_u64))
		}
		/// Storage: `Collectibles::Items` (r:1), `Collectibles::Collections` (r:1),
		/// `Works::Works` (r:1), `Marketplace::Auctions` (r:1), `Marketplace::Listings` (w:1),
		/// `Marketplace::ExpiryQueue` (r:1 w:1)
		fn list() -> Weight {
			Weight::from_parts(35_000_000, 6_000)
				.saturating_add($db.reads(5_u64))
				.saturating_add($db.writes(2_u64))
		}
		/// Storage: as `list`.
		fn list_dutch() -> Weight {
			Weight::from_parts(36_000_000, 6_000)
				.saturating_add($db.reads(5_u64))
				.saturating_add($db.writes(2_u64))
		}
		/// Storage: `Marketplace::Listings` (r:1 w:1), `Collectibles::Items` (r:1)
		fn cancel_listing() -> Weight {
			Weight::from_parts(20_000_000, 4_000)
				.saturating_add($db.reads(2_u64))
				.saturating_add($db.writes(1_u64))
		}
		/// Storage: listing, item, collection, work and its ancestors' splits (r:6+),
		/// item move (w:4), purchase hold (r:1 w:1), fee and seller accounts (r:2 w:2),
		/// each beneficiary's account (r:b w:b).
		/// The range of component `b` is `[1, 272]`.
		fn buy(b: u32) -> Weight {
			Weight::from_parts(120_000_000, 12_000)
				.saturating_add(Weight::from_parts(18_000_000, 2_600).saturating_mul(b.into()))
				.saturating_add($db.reads(12_u64))
				.saturating_add($db.reads((1_u64).saturating_mul(b.into())))
				.saturating_add($db.writes(9_u64))
				.saturating_add($db.writes((1_u64).saturating_mul(b.into())))
		}
		/// Storage: `Collectibles::Items` (r:1), `Collectibles::Collections` (r:1),
		/// `Marketplace::OpenOffersOf` (r:1 w:1), `Marketplace::NextOfferId` (r:1 w:1),
		/// `Marketplace::Offers` (w:1), hold (r:1 w:1), `Marketplace::ExpiryQueue` (r:1 w:1)
		fn make_offer() -> Weight {
			Weight::from_parts(45_000_000, 6_000)
				.saturating_add($db.reads(6_u64))
				.saturating_add($db.writes(5_u64))
		}
		/// Storage: `Marketplace::Offers` (r:1 w:1), `Collectibles::Items` (r:1),
		/// `Marketplace::OpenOffersOf` (r:1 w:1), hold (r:1 w:1)
		fn withdraw_offer() -> Weight {
			Weight::from_parts(35_000_000, 6_000)
				.saturating_add($db.reads(4_u64))
				.saturating_add($db.writes(3_u64))
		}
		/// As `buy`, from an offer's hold.
		/// The range of component `b` is `[1, 272]`.
		fn accept_offer(b: u32) -> Weight {
			<Self as WeightInfo>::buy(b)
		}
		/// An accepted offer, plus `Marketplace::Listings` (r:1 w:1) and
		/// `Collectibles::TagOf` (r:1 w:1).
		fn claim_by_tap(b: u32) -> Weight {
			<Self as WeightInfo>::buy(b)
				.saturating_add(Weight::from_parts(12_000_000, 600))
				.saturating_add($db.reads(2_u64))
				.saturating_add($db.writes(2_u64))
		}
		/// Storage: item, collection and work (r:3), `Marketplace::Auctions` (r:1 w:1),
		/// `Marketplace::Listings` (r:1)
		fn create_auction() -> Weight {
			Weight::from_parts(35_000_000, 6_000)
				.saturating_add($db.reads(5_u64))
				.saturating_add($db.writes(1_u64))
		}
		/// Storage: `Marketplace::Auctions` (r:1 w:1), `Collectibles::Items` (r:1),
		/// holds and accounts of the new and previous bidders (r:4 w:4)
		fn bid() -> Weight {
			Weight::from_parts(55_000_000, 8_000)
				.saturating_add($db.reads(6_u64))
				.saturating_add($db.writes(5_u64))
		}
		/// As `buy`, from the winning bid's hold.
		/// The range of component `b` is `[1, 272]`.
		fn settle_auction(b: u32) -> Weight {
			<Self as WeightInfo>::buy(b)
		}
		/// Storage: `Marketplace::Auctions` (r:1 w:1)
		fn cancel_auction() -> Weight {
			Weight::from_parts(18_000_000, 4_000)
				.saturating_add($db.reads(1_u64))
				.saturating_add($db.writes(1_u64))
		}
		/// Storage: `Collectibles::Collections` (r:1), `Marketplace::Drops` (r:1 w:1)
		fn create_drop() -> Weight {
			Weight::from_parts(22_000_000, 4_000)
				.saturating_add($db.reads(2_u64))
				.saturating_add($db.writes(1_u64))
		}
		/// As `buy`, minting the edition, plus `Marketplace::DropPurchases` (r:1 w:1) and the
		/// tier (r:1).
		/// The range of component `b` is `[1, 272]`.
		fn buy_from_drop(b: u32) -> Weight {
			Weight::from_parts(140_000_000, 12_000)
				.saturating_add(Weight::from_parts(18_000_000, 2_600).saturating_mul(b.into()))
				.saturating_add($db.reads(14_u64))
				.saturating_add($db.reads((1_u64).saturating_mul(b.into())))
				.saturating_add($db.writes(11_u64))
				.saturating_add($db.writes((1_u64).saturating_mul(b.into())))
		}
		/// Storage: `Marketplace::Drops` (r:1 w:1)
		fn close_drop() -> Weight {
			Weight::from_parts(16_000_000, 4_000)
				.saturating_add($db.reads(1_u64))
				.saturating_add($db.writes(1_u64))
		}
		/// Storage: `Marketplace::ExpiryQueue` (r:1 w:1), per entry the listing or offer, its
		/// hold and count (r:3 w:3).
		/// The range of component `n` is `[0, 64]`.
		fn on_initialize(n: u32) -> Weight {
			Weight::from_parts(4_000_000, 2_000)
				.saturating_add(Weight::from_parts(25_000_000, 4_000).saturating_mul(n.into()))
				.saturating_add($db.reads(1_u64))
				.saturating_add($db.reads((3_u64).saturating_mul(n.into())))
				.saturating_add($db.writes(1_u64))
				.saturating_add($db.writes((3_u64).saturating_mul(n.into())))
		}
	};
}

/// Weights for `pallet_marketplace` using the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	weights!(T::DbWeight::get());
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	weights!(RocksDbWeight::get());
}
