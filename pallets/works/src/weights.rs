//! Weights for `pallet_works`.
//!
//! Laid out as `frame-benchmarking-cli` writes them. Until the runtime exists to run the
//! benchmarks on (`yinji-node benchmark pallet --pallet pallet_works`, see docs/benchmarks.md),
//! the figures are estimates from the storage each call touches and the cost of comparable
//! pallet-nfts calls; the benchmarks in `benchmarking.rs` are the ones that will regenerate them.

#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed for `pallet_works`.
pub trait WeightInfo {
	fn attest_creator() -> Weight;
	fn revoke_attestation() -> Weight;
	fn register_work(h: u32, a: u32) -> Weight;
	fn propose_split() -> Weight;
	fn propose_withdrawal(p: u32) -> Weight;
	fn approve_proposal(p: u32) -> Weight;
	fn cancel_proposal() -> Weight;
	fn open_dispute() -> Weight;
	fn rule_dispute() -> Weight;
}

macro_rules! weights {
	($db:expr) => {
		/// Storage: `Works::AttestationOf` (r:0 w:1)
		fn attest_creator() -> Weight {
			Weight::from_parts(12_000_000, 0).saturating_add($db.writes(1_u64))
		}
		/// Storage: `Works::AttestationOf` (r:1 w:1)
		fn revoke_attestation() -> Weight {
			Weight::from_parts(15_000_000, 3_600)
				.saturating_add($db.reads(1_u64))
				.saturating_add($db.writes(1_u64))
		}
		/// Storage: `Works::AttestationOf` (r:1 w:0), `Works::WorkIdOf` (r:1 w:1),
		/// `Works::NextWorkId` (r:1 w:1), `Works::Works` (r:1+a w:1+p), `Balances::Holds` (r:1 w:1)
		/// The range of component `h` is `[1, 16]`.
		/// The range of component `a` is `[0, 16]`.
		fn register_work(h: u32, a: u32) -> Weight {
			Weight::from_parts(48_000_000, 8_000)
				.saturating_add(Weight::from_parts(350_000, 0).saturating_mul(h.into()))
				.saturating_add(Weight::from_parts(6_000_000, 1_200).saturating_mul(a.into()))
				.saturating_add($db.reads(5_u64))
				.saturating_add($db.reads((1_u64).saturating_mul(a.into())))
				.saturating_add($db.writes(5_u64))
				.saturating_add($db.writes((1_u64).saturating_mul(a.into())))
		}
		/// Storage: `Works::Works` (r:1 w:1), `Works::ProposalOf` (r:1 w:1)
		fn propose_split() -> Weight {
			Weight::from_parts(30_000_000, 6_000)
				.saturating_add($db.reads(2_u64))
				.saturating_add($db.writes(2_u64))
		}
		/// Storage: `Works::Works` (r:1+p w:1+p), `Works::ProposalOf` (r:1 w:1),
		/// `Works::WorkIdOf` (r:0 w:1), `Balances::Holds` (r:1 w:1)
		/// The range of component `p` is `[0, 4]`.
		fn propose_withdrawal(p: u32) -> Weight {
			Weight::from_parts(45_000_000, 6_000)
				.saturating_add(Weight::from_parts(4_000_000, 1_200).saturating_mul(p.into()))
				.saturating_add($db.reads(3_u64))
				.saturating_add($db.reads((1_u64).saturating_mul(p.into())))
				.saturating_add($db.writes(4_u64))
				.saturating_add($db.writes((1_u64).saturating_mul(p.into())))
		}
		/// Storage: `Works::Works` (r:1+p w:1+p), `Works::ProposalOf` (r:1 w:1),
		/// `Works::WorkIdOf` (r:0 w:1), `Balances::Holds` (r:1 w:1)
		/// The range of component `p` is `[0, 4]`.
		fn approve_proposal(p: u32) -> Weight {
			Weight::from_parts(48_000_000, 6_000)
				.saturating_add(Weight::from_parts(4_000_000, 1_200).saturating_mul(p.into()))
				.saturating_add($db.reads(3_u64))
				.saturating_add($db.reads((1_u64).saturating_mul(p.into())))
				.saturating_add($db.writes(4_u64))
				.saturating_add($db.writes((1_u64).saturating_mul(p.into())))
		}
		/// Storage: `Works::ProposalOf` (r:1 w:1)
		fn cancel_proposal() -> Weight {
			Weight::from_parts(18_000_000, 3_600)
				.saturating_add($db.reads(1_u64))
				.saturating_add($db.writes(1_u64))
		}
		/// Storage: `Works::Works` (r:1 w:1), `Works::DisputeOf` (r:0 w:1), `Balances::Holds` (r:1 w:1)
		fn open_dispute() -> Weight {
			Weight::from_parts(40_000_000, 6_000)
				.saturating_add($db.reads(2_u64))
				.saturating_add($db.writes(3_u64))
		}
		/// Storage: `Works::DisputeOf` (r:1 w:1), `Works::Works` (r:1 w:1),
		/// `Works::ProposalOf` (r:0 w:1), `Balances::Holds` (r:2 w:2), `System::Account` (r:1 w:1)
		fn rule_dispute() -> Weight {
			Weight::from_parts(55_000_000, 8_000)
				.saturating_add($db.reads(5_u64))
				.saturating_add($db.writes(6_u64))
		}
	};
}

/// Weights for `pallet_works` using the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	weights!(T::DbWeight::get());
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	weights!(RocksDbWeight::get());
}
