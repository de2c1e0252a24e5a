//! Disputes: anyone may challenge a registration with evidence and a deposit; the work is
//! frozen until the arbitration origin rules.

use crate::{
	Cid, Config, Dispute, DisputeOf, Error, Event, HoldReason, Pallet, ProposalOf, Ruling, Split,
	Works,
};
use frame_support::{
	pallet_prelude::DispatchResult,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
	},
};
use sp_runtime::traits::Get;
use yinji_primitives::{WorkId, WorkStatus, WHOLE};

impl<T: Config> Pallet<T> {
	/// Opens a dispute on an active work, holding the claimant's deposit and freezing the work.
	pub(crate) fn do_open_dispute(
		claimant: T::AccountId,
		work: WorkId,
		evidence: Cid<T>,
	) -> DispatchResult {
		let mut record = Self::work(work)?;
		match record.status {
			WorkStatus::Active => {}
			WorkStatus::Disputed => return Err(Error::<T>::AlreadyDisputed.into()),
			WorkStatus::Revoked => return Err(Error::<T>::WorkRevoked.into()),
		}
		let deposit = T::DisputeDeposit::get();
		T::Currency::hold(&HoldReason::Dispute.into(), &claimant, deposit)?;
		record.status = WorkStatus::Disputed;
		Works::<T>::insert(work, record);
		DisputeOf::<T>::insert(
			work,
			Dispute {
				claimant: claimant.clone(),
				evidence: evidence.clone(),
				deposit,
				opened_at: Self::now(),
			},
		);
		Self::deposit_event(Event::DisputeOpened { work, claimant, evidence });
		Ok(())
	}

	/// Carries out `ruling` on the open dispute of `work`.
	pub(crate) fn do_rule_dispute(work: WorkId, ruling: Ruling) -> DispatchResult {
		let dispute = DisputeOf::<T>::take(work).ok_or(Error::<T>::NoDispute)?;
		let mut record = Self::work(work)?;
		let reason = HoldReason::Dispute.into();
		if ruling == Ruling::DismissAndSlash {
			T::Currency::transfer_on_hold(
				&reason,
				&dispute.claimant,
				&record.registrant,
				dispute.deposit,
				Precision::BestEffort,
				Restriction::Free,
				Fortitude::Force,
			)?;
		} else {
			T::Currency::release(
				&reason,
				&dispute.claimant,
				dispute.deposit,
				Precision::BestEffort,
			)?;
		}
		match ruling {
			Ruling::TransferToClaimant => {
				// `MaxRightsHolders >= 1` (checked by `integrity_test`): nothing is truncated.
				let holders = Split::<T>::truncate_from(alloc::vec![(dispute.claimant, WHOLE)]);
				record.holders = holders.clone();
				record.status = WorkStatus::Active;
				ProposalOf::<T>::remove(work);
				Self::deposit_event(Event::SplitChanged { work, holders });
			}
			Ruling::Revoke => {
				record.status = WorkStatus::Revoked;
				ProposalOf::<T>::remove(work);
				Self::release_registration_deposit(&mut record)?;
			}
			Ruling::DismissAndReturn | Ruling::DismissAndSlash => {
				record.status = WorkStatus::Active;
			}
		}
		Works::<T>::insert(work, record);
		Self::deposit_event(Event::DisputeRuled { work, ruling });
		Ok(())
	}
}
