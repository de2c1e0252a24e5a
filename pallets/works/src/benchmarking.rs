//! Benchmarks of every call of the works pallet (FRAME benchmarks v2), each in its worst case.

use super::*;
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::traits::{fungible::Mutate, EnsureOrigin, Get};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_runtime::traits::Bounded;
use yinji_primitives::{BasisPoints, CcVariant, ContentHash, Licence, WorkId, WorkKind, WHOLE};

/// A distinct content hash per `n`.
fn content(n: u32) -> ContentHash {
	let mut hash = [0u8; 32];
	hash[..4].copy_from_slice(&n.to_le_bytes());
	hash[31] = 0xB0;
	hash
}

/// A funded account with an unexpired attestation.
fn creator<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(&who, BalanceOf::<T>::max_value() / 4u32.into());
	AttestationOf::<T>::insert(
		&who,
		Attestation {
			institution: who.clone(),
			kyc_level: 1,
			expires_at: BlockNumberFor::<T>::max_value(),
		},
	);
	who
}

/// A split over `holders` accounts, the first of them `first`, summing to the whole.
fn split_of<T: Config>(first: &T::AccountId, holders: u32) -> Split<T> {
	let holders = holders.max(1);
	let share = WHOLE / holders as BasisPoints;
	let mut pairs: Vec<(T::AccountId, BasisPoints)> = (0..holders)
		.map(|i| if i == 0 { (first.clone(), share) } else { (account("holder", i, 0), share) })
		.collect();
	pairs[0].1 += WHOLE - share * holders as BasisPoints;
	Split::<T>::truncate_from(pairs)
}

fn max_cid<T: Config>() -> Cid<T> {
	Cid::<T>::truncate_from(vec![b'b'; T::MaxCidLength::get() as usize])
}

/// Registers a work of `who` with the given parents and returns its id.
fn register<T: Config>(who: &T::AccountId, n: u32, parents: Vec<(WorkId, BasisPoints)>) -> WorkId {
	let work = NextWorkId::<T>::get();
	let registered = Pallet::<T>::register_work(
		RawOrigin::Signed(who.clone()).into(),
		content(n),
		None,
		max_cid::<T>(),
		WorkKind::Image,
		Licence::CreativeCommons(CcVariant::By),
		Split::<T>::truncate_from(vec![(who.clone(), WHOLE)]),
		Parents::<T>::truncate_from(parents),
	);
	assert!(registered.is_ok(), "benchmark setup registers a work");
	work
}

/// Builds `ancestors` works as chains of at most `MaxAncestryDepth` works and returns the top
/// of each chain, to be the parents of the work under test.
fn ancestry<T: Config>(who: &T::AccountId, ancestors: u32) -> Vec<(WorkId, BasisPoints)> {
	let chain_length = u32::from(T::MaxAncestryDepth::get()).max(1);
	let mut tops = Vec::new();
	let mut built = 0;
	while built < ancestors && (tops.len() as u32) < T::MaxParents::get() {
		let mut top = register::<T>(who, 1_000 + built, vec![]);
		built += 1;
		for _ in 1..chain_length.min(ancestors - built + 1) {
			top = register::<T>(who, 1_000 + built, vec![(top, 100)]);
			built += 1;
		}
		tops.push((top, 100));
	}
	tops
}

/// A work of `who` with `parents` direct parents (each an original) and `holders` holders.
fn derivative<T: Config>(who: &T::AccountId, parents: u32, holders: u32) -> WorkId {
	let upstream: Vec<_> =
		(0..parents).map(|i| (register::<T>(who, 2_000 + i, vec![]), 100)).collect();
	let work = NextWorkId::<T>::get();
	let registered = Pallet::<T>::register_work(
		RawOrigin::Signed(who.clone()).into(),
		content(1),
		None,
		max_cid::<T>(),
		WorkKind::Image,
		Licence::CreativeCommons(CcVariant::By),
		split_of::<T>(who, holders),
		Parents::<T>::truncate_from(upstream),
	);
	assert!(registered.is_ok(), "benchmark setup registers a derivative");
	work
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn attest_creator() -> Result<(), BenchmarkError> {
		let origin = T::InstitutionOrigin::try_successful_origin()
			.map_err(|_| BenchmarkError::Weightless)?;
		let who: T::AccountId = account("creator", 0, 0);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone(), 3, BlockNumberFor::<T>::max_value());
		assert!(AttestationOf::<T>::contains_key(&who));
		Ok(())
	}

	#[benchmark]
	fn revoke_attestation() -> Result<(), BenchmarkError> {
		let origin = T::InstitutionOrigin::try_successful_origin()
			.map_err(|_| BenchmarkError::Weightless)?;
		let institution = T::InstitutionOrigin::ensure_origin(origin.clone())
			.map_err(|_| BenchmarkError::Weightless)?;
		let who: T::AccountId = account("creator", 0, 0);
		AttestationOf::<T>::insert(
			&who,
			Attestation { institution, kyc_level: 1, expires_at: BlockNumberFor::<T>::max_value() },
		);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());
		assert!(!AttestationOf::<T>::contains_key(&who));
		Ok(())
	}

	#[benchmark]
	fn register_work(
		h: Linear<1, { T::MaxRightsHolders::get() }>,
		a: Linear<0, { T::MaxAncestors::get() }>,
	) {
		let who = creator::<T>("creator", 0);
		let parents = ancestry::<T>(&who, a);
		let fingerprint =
			Fingerprint::<T>::truncate_from(vec![7u8; T::MaxFingerprintLength::get() as usize]);
		let work = NextWorkId::<T>::get();
		#[extrinsic_call]
		_(
			RawOrigin::Signed(who.clone()),
			content(0),
			Some(fingerprint),
			max_cid::<T>(),
			WorkKind::Model3d,
			Licence::CreativeCommons(CcVariant::BySa),
			split_of::<T>(&who, h),
			Parents::<T>::truncate_from(parents),
		);
		assert!(Works::<T>::contains_key(work));
	}

	#[benchmark]
	fn propose_split() {
		let who = creator::<T>("creator", 0);
		// The proposer holds a minority, so the proposal is stored rather than applied.
		let work = derivative::<T>(&who, 0, T::MaxRightsHolders::get().max(3));
		let new = split_of::<T>(&who, T::MaxRightsHolders::get());
		#[extrinsic_call]
		_(RawOrigin::Signed(who), work, new);
		assert!(ProposalOf::<T>::contains_key(work));
	}

	#[benchmark]
	fn propose_withdrawal(p: Linear<0, { T::MaxParents::get() }>) {
		let who = creator::<T>("creator", 0);
		// A sole holder: the withdrawal applies at once, touching every parent.
		let work = derivative::<T>(&who, p, 1);
		#[extrinsic_call]
		_(RawOrigin::Signed(who), work);
		assert!(!Works::<T>::contains_key(work));
	}

	#[benchmark]
	fn approve_proposal(p: Linear<0, { T::MaxParents::get() }>) {
		let who = creator::<T>("creator", 0);
		let work = derivative::<T>(&who, p, 2);
		let holders = Works::<T>::get(work).map(|w| w.holders).unwrap_or_default();
		let second = holders.get(1).map(|(h, _)| h.clone()).unwrap_or_else(|| who.clone());
		// Two equal holders: the proposer alone has half, the approval makes it a majority.
		let proposed = Pallet::<T>::propose_withdrawal(RawOrigin::Signed(who).into(), work);
		assert!(proposed.is_ok(), "benchmark setup proposes a withdrawal");
		#[extrinsic_call]
		_(RawOrigin::Signed(second), work);
		assert!(!Works::<T>::contains_key(work));
	}

	#[benchmark]
	fn cancel_proposal() {
		let who = creator::<T>("creator", 0);
		let work = derivative::<T>(&who, 0, 2);
		let proposed = Pallet::<T>::propose_withdrawal(RawOrigin::Signed(who.clone()).into(), work);
		assert!(proposed.is_ok(), "benchmark setup proposes a withdrawal");
		#[extrinsic_call]
		_(RawOrigin::Signed(who), work);
		assert!(!ProposalOf::<T>::contains_key(work));
	}

	#[benchmark]
	fn open_dispute() {
		let who = creator::<T>("creator", 0);
		let claimant = creator::<T>("claimant", 0);
		let work = derivative::<T>(&who, 0, 1);
		#[extrinsic_call]
		_(RawOrigin::Signed(claimant), work, max_cid::<T>());
		assert!(DisputeOf::<T>::contains_key(work));
	}

	#[benchmark]
	fn rule_dispute() -> Result<(), BenchmarkError> {
		let origin = T::ArbitrationOrigin::try_successful_origin()
			.map_err(|_| BenchmarkError::Weightless)?;
		let who = creator::<T>("creator", 0);
		let claimant = creator::<T>("claimant", 0);
		let work = derivative::<T>(&who, 0, T::MaxRightsHolders::get());
		let opened =
			Pallet::<T>::open_dispute(RawOrigin::Signed(claimant).into(), work, max_cid::<T>());
		assert!(opened.is_ok(), "benchmark setup opens a dispute");
		// Moving the claimant's deposit to the registrant touches both accounts: the worst case.
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, work, Ruling::DismissAndSlash);
		assert!(!DisputeOf::<T>::contains_key(work));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
