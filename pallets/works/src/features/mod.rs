//! The pallet's calls, one feature per file, each an `impl Pallet<T>` block.

pub(crate) mod ancestry;
mod attestation;
mod dispute;
mod register;
mod rights;

use crate::{Config, Error, Pallet, Work};
use sp_runtime::DispatchError;
use yinji_primitives::{validate_split, BasisPoints, SplitError, WorkId, WorkStatus};

impl<T: Config> Pallet<T> {
	/// Reads a work or fails with [`Error::UnknownWork`].
	pub(crate) fn work(work: WorkId) -> Result<Work<T>, Error<T>> {
		crate::Works::<T>::get(work).ok_or(Error::<T>::UnknownWork)
	}

	/// Fails unless the work is active (neither disputed nor revoked).
	pub(crate) fn ensure_active(record: &Work<T>) -> Result<(), Error<T>> {
		match record.status {
			WorkStatus::Active => Ok(()),
			WorkStatus::Disputed => Err(Error::<T>::WorkFrozen),
			WorkStatus::Revoked => Err(Error::<T>::WorkRevoked),
		}
	}

	/// Checks a split against the rule of [`validate_split`], naming the failed condition.
	pub(crate) fn ensure_valid_split(
		split: &[(T::AccountId, BasisPoints)],
	) -> Result<(), DispatchError> {
		validate_split(split).map_err(|error| {
			match error {
				SplitError::Empty => Error::<T>::EmptySplit,
				SplitError::ZeroShare => Error::<T>::ZeroShare,
				SplitError::DuplicateHolder => Error::<T>::DuplicateHolder,
				SplitError::DoesNotSumToWhole => Error::<T>::SplitDoesNotSumToWhole,
			}
			.into()
		})
	}

	/// The shares `who` holds in `record`, or [`Error::NotRightsHolder`].
	pub(crate) fn shares_of(record: &Work<T>, who: &T::AccountId) -> Result<BasisPoints, Error<T>> {
		record
			.holders
			.iter()
			.find(|(holder, _)| holder == who)
			.map(|(_, share)| *share)
			.ok_or(Error::<T>::NotRightsHolder)
	}

	/// The number of direct parents of a work (0 if it does not exist), for weight refunds.
	pub(crate) fn parent_count(work: WorkId) -> u32 {
		crate::Works::<T>::get(work).map_or(0, |record| record.parents.len() as u32)
	}

	/// The current block number.
	pub(crate) fn now() -> frame_system::pallet_prelude::BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number()
	}
}
