//! The pallet's invariants, checked by `try_state` (and after every unit test).

// Compiled in every build, so that the tests of other pallets can check these invariants too.

use crate::{
	BalanceOf, Config, DisputeOf, HoldReason, NextWorkId, Pallet, ProposalOf, WorkIdOf, Works,
};
use alloc::collections::BTreeMap;
use frame_support::traits::fungible::InspectHold;
use sp_runtime::{
	traits::{Get, Saturating},
	TryRuntimeError,
};
use yinji_primitives::{validate_split, WorkId, WorkStatus};

/// Fails with `message` unless `condition` holds.
fn check(condition: bool, message: &'static str) -> Result<(), TryRuntimeError> {
	if condition {
		Ok(())
	} else {
		Err(message.into())
	}
}

impl<T: Config> Pallet<T> {
	/// Checks every invariant of the pallet's storage.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let next = NextWorkId::<T>::get();
		let mut derivatives: BTreeMap<WorkId, u32> = BTreeMap::new();
		let mut registration_held: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();

		for (id, work) in Works::<T>::iter() {
			check(id < next, "a work id is not below NextWorkId")?;
			check(
				WorkIdOf::<T>::get(work.content_hash) == Some(id),
				"a work is not indexed by its content hash",
			)?;
			check(validate_split(&work.holders).is_ok(), "a stored split is invalid")?;
			let mut depth = 0u8;
			for (parent, _) in &work.parents {
				check(*parent < id, "a parent is younger than its child")?;
				let parent = Works::<T>::get(parent).ok_or("a parent is missing")?;
				depth = depth.max(parent.depth.saturating_add(1));
			}
			for (parent, _) in &work.parents {
				derivatives.entry(*parent).or_default().saturating_inc();
			}
			check(work.depth == depth, "a stored depth is wrong")?;
			check(work.depth <= T::MaxAncestryDepth::get(), "a work is too deep")?;
			check(
				(work.status == WorkStatus::Disputed) == DisputeOf::<T>::contains_key(id),
				"a work is disputed without a dispute, or the reverse",
			)?;
			let held = registration_held.entry(work.registrant.clone()).or_default();
			*held = held.saturating_add(work.deposit);
		}
		for (id, work) in Works::<T>::iter() {
			check(
				work.derivatives == derivatives.get(&id).copied().unwrap_or_default(),
				"a derivative count is wrong",
			)?;
		}
		for (hash, id) in WorkIdOf::<T>::iter() {
			let work = Works::<T>::get(id).ok_or("a content hash points at no work")?;
			check(work.content_hash == hash, "a content hash points at another work")?;
		}
		for (id, proposal) in ProposalOf::<T>::iter() {
			let work = Works::<T>::get(id).ok_or("a proposal is for no work")?;
			check(
				proposal.approvals.iter().all(|who| work.holders.iter().any(|(h, _)| h == who)),
				"a proposal is approved by a non-holder",
			)?;
		}
		let mut dispute_held: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (_, dispute) in DisputeOf::<T>::iter() {
			let held = dispute_held.entry(dispute.claimant).or_default();
			*held = held.saturating_add(dispute.deposit);
		}
		for (who, total) in registration_held {
			check(
				T::Currency::balance_on_hold(&HoldReason::WorkRegistration.into(), &who) == total,
				"registration deposits held differ from the works' deposits",
			)?;
		}
		for (who, total) in dispute_held {
			check(
				T::Currency::balance_on_hold(&HoldReason::Dispute.into(), &who) == total,
				"dispute deposits held differ from the disputes' deposits",
			)?;
		}
		Ok(())
	}
}
