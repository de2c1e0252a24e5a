//! Changing a work's rights by consent: a proposal from a holder, approvals from holders, and
//! application once holders of more than half the shares (strictly above 5 000 bp) agree.

use crate::{
	Config, Error, Event, HoldReason, Pallet, ProposalOf, RightsChange, RightsProposal, Work,
	WorkIdOf, Works,
};
use frame_support::{
	ensure,
	pallet_prelude::DispatchResult,
	traits::{fungible::MutateHold, tokens::Precision},
	BoundedVec,
};
use sp_runtime::{
	traits::{Get, Saturating, Zero},
	DispatchError,
};
use yinji_primitives::{BasisPoints, WorkId, WHOLE};

impl<T: Config> Pallet<T> {
	/// Opens a proposal from `who` (counting its approval) and applies it if that is enough.
	pub(crate) fn do_propose(
		who: T::AccountId,
		work: WorkId,
		change: RightsChange<T>,
	) -> DispatchResult {
		let record = Self::work(work)?;
		Self::ensure_active(&record)?;
		Self::shares_of(&record, &who)?;
		if let Some(open) = ProposalOf::<T>::get(work) {
			ensure!(open.expires_at <= Self::now(), Error::<T>::ProposalPending);
		}
		match &change {
			RightsChange::NewSplit(split) => {
				Self::ensure_valid_split(split)?;
				Self::deposit_event(Event::SplitProposed {
					work,
					proposer: who.clone(),
					holders: split.clone(),
				});
			}
			RightsChange::Withdraw => {
				ensure!(record.derivatives == 0, Error::<T>::HasDerivatives);
				Self::deposit_event(Event::WithdrawalProposed { work, proposer: who.clone() });
			}
		}
		let expires_at = Self::now().saturating_add(T::ProposalLifetime::get());
		let proposal = RightsProposal {
			proposer: who.clone(),
			change,
			approvals: BoundedVec::new(),
			expires_at,
		};
		Self::record_approval(work, record, proposal, who)
	}

	/// Adds `who`'s approval to the open proposal and applies it if that is enough.
	pub(crate) fn do_approve(who: T::AccountId, work: WorkId) -> DispatchResult {
		let record = Self::work(work)?;
		Self::ensure_active(&record)?;
		let proposal = ProposalOf::<T>::get(work).ok_or(Error::<T>::NoProposal)?;
		ensure!(proposal.expires_at > Self::now(), Error::<T>::ProposalExpired);
		Self::shares_of(&record, &who)?;
		ensure!(!proposal.approvals.contains(&who), Error::<T>::AlreadyApproved);
		Self::record_approval(work, record, proposal, who)
	}

	/// Cancels the open proposal: by its proposer, or by anyone once it has expired.
	pub(crate) fn do_cancel_proposal(who: T::AccountId, work: WorkId) -> DispatchResult {
		let proposal = ProposalOf::<T>::get(work).ok_or(Error::<T>::NoProposal)?;
		ensure!(
			proposal.proposer == who || proposal.expires_at <= Self::now(),
			Error::<T>::NotProposer
		);
		ProposalOf::<T>::remove(work);
		Self::deposit_event(Event::ProposalCancelled { work });
		Ok(())
	}

	/// Adds `approver` (a holder not yet approving) to `proposal`, then stores the proposal or
	/// applies it once holders of more than half the shares agree.
	fn record_approval(
		work: WorkId,
		record: Work<T>,
		mut proposal: RightsProposal<T>,
		approver: T::AccountId,
	) -> DispatchResult {
		// Approvers are distinct holders and a split has at most `MaxRightsHolders` holders, so
		// the list always has room; a full list would mean an inconsistent state.
		proposal.approvals.try_push(approver.clone()).map_err(|_| Error::<T>::Overflow)?;
		let approved = Self::approved_shares(&record, &proposal.approvals);
		Self::deposit_event(Event::ProposalApproved { work, who: approver, approved });
		if u32::from(approved) * 2 > u32::from(WHOLE) {
			ProposalOf::<T>::remove(work);
			Self::apply_change(work, record, proposal.change)
		} else {
			ProposalOf::<T>::insert(work, proposal);
			Ok(())
		}
	}

	/// The shares of `record` held by the accounts in `approvals`.
	fn approved_shares(record: &Work<T>, approvals: &[T::AccountId]) -> BasisPoints {
		record
			.holders
			.iter()
			.filter(|(holder, _)| approvals.contains(holder))
			.fold(0, |total: BasisPoints, (_, share)| total.saturating_add(*share))
	}

	/// Applies an agreed change to `work`.
	fn apply_change(work: WorkId, mut record: Work<T>, change: RightsChange<T>) -> DispatchResult {
		match change {
			RightsChange::NewSplit(holders) => {
				record.holders = holders.clone();
				Works::<T>::insert(work, record);
				Self::deposit_event(Event::SplitChanged { work, holders });
			}
			RightsChange::Withdraw => {
				// A derivative may have been registered since the proposal was opened.
				ensure!(record.derivatives == 0, Error::<T>::HasDerivatives);
				Self::release_registration_deposit(&mut record)?;
				for (parent, _) in &record.parents {
					Works::<T>::mutate(parent, |parent| {
						if let Some(parent) = parent {
							parent.derivatives = parent.derivatives.saturating_sub(1);
						}
					});
				}
				Works::<T>::remove(work);
				WorkIdOf::<T>::remove(record.content_hash);
				Self::deposit_event(Event::WorkWithdrawn { work });
			}
		}
		Ok(())
	}

	/// Releases the registrant's deposit for `record` and zeroes it in the record.
	pub(crate) fn release_registration_deposit(record: &mut Work<T>) -> Result<(), DispatchError> {
		if !record.deposit.is_zero() {
			T::Currency::release(
				&HoldReason::WorkRegistration.into(),
				&record.registrant,
				record.deposit,
				Precision::BestEffort,
			)?;
			record.deposit = Zero::zero();
		}
		Ok(())
	}
}
