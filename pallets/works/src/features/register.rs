//! Registering a work: first to file, valid split, valid parents, deposit held.

use crate::{
	BalanceOf, Cid, Config, Error, Event, Fingerprint, HoldReason, NextWorkId, Pallet, Parents,
	Split, Work, WorkIdOf, Works,
};
use frame_support::{ensure, traits::fungible::MutateHold};
use sp_runtime::{
	traits::{Get, Saturating},
	DispatchError,
};
use yinji_primitives::{ContentHash, Licence, WorkId, WorkKind, WorkStatus, WHOLE};

impl<T: Config> Pallet<T> {
	/// Registers a work and returns how many ancestors it has (for the weight refund).
	pub(crate) fn do_register_work(
		registrant: T::AccountId,
		content_hash: ContentHash,
		fingerprint: Option<Fingerprint<T>>,
		metadata: Cid<T>,
		kind: WorkKind,
		licence: Licence<BalanceOf<T>>,
		holders: Split<T>,
		parents: Parents<T>,
	) -> Result<u32, DispatchError> {
		Self::ensure_attested(&registrant)?;
		ensure!(!WorkIdOf::<T>::contains_key(content_hash), Error::<T>::AlreadyRegistered);
		Self::ensure_valid_split(&holders)?;
		let depth = Self::check_parents(&parents)?;

		let work = NextWorkId::<T>::get();
		let next = work.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let ancestry = Self::distribute_over_ancestry(work, &parents)?;

		let bytes = metadata.len().saturating_add(fingerprint.as_ref().map_or(0, |f| f.len()));
		let deposit = T::DepositPerByte::get()
			.saturating_mul((bytes as u32).into())
			.saturating_add(T::RegistrationDepositBase::get());
		T::Currency::hold(&HoldReason::WorkRegistration.into(), &registrant, deposit)?;

		for (parent, _) in &parents {
			Works::<T>::try_mutate(parent, |record| -> Result<(), Error<T>> {
				let record = record.as_mut().ok_or(Error::<T>::UnknownWork)?;
				record.derivatives =
					record.derivatives.checked_add(1).ok_or(Error::<T>::Overflow)?;
				Ok(())
			})?;
		}
		Self::deposit_event(Event::WorkRegistered {
			work,
			registrant: registrant.clone(),
			content_hash,
			metadata: metadata.clone(),
			kind,
			licence,
			holders: holders.clone(),
			parents: parents.clone(),
		});
		Works::<T>::insert(
			work,
			Work {
				content_hash,
				fingerprint,
				metadata,
				kind,
				licence,
				registrant,
				holders,
				parents,
				depth,
				derivatives: 0,
				registered_at: Self::now(),
				deposit,
				status: WorkStatus::Active,
			},
		);
		WorkIdOf::<T>::insert(content_hash, work);
		NextWorkId::<T>::put(next);
		Ok(ancestry.ancestors())
	}

	/// Checks the parents of a new derivative and returns the new work's depth.
	///
	/// Each parent must exist, be active, allow derivatives and appear once; each upstream
	/// share must be above zero and together they may not exceed the whole.
	fn check_parents(parents: &[(WorkId, u16)]) -> Result<u8, DispatchError> {
		let mut depth: u8 = 0;
		let mut upstream: u32 = 0;
		for (index, (parent, share)) in parents.iter().enumerate() {
			ensure!(
				!parents[..index].iter().any(|(earlier, _)| earlier == parent),
				Error::<T>::DuplicateParent
			);
			ensure!(*share > 0, Error::<T>::ZeroShare);
			let record = Self::work(*parent)?;
			Self::ensure_active(&record)?;
			ensure!(record.licence.allows_derivatives(), Error::<T>::DerivativesNotAllowed);
			depth = depth.max(record.depth.saturating_add(1));
			upstream = upstream.saturating_add(u32::from(*share));
		}
		ensure!(upstream <= u32::from(WHOLE), Error::<T>::UpstreamSharesExceedWhole);
		ensure!(depth <= T::MaxAncestryDepth::get(), Error::<T>::AncestryTooDeep);
		Ok(depth)
	}
}
