//! Creator attestations granted and revoked by institutions.

use crate::{Attestation, AttestationOf, Config, Error, Event, Pallet};
use frame_support::{ensure, pallet_prelude::DispatchResult};
use frame_system::pallet_prelude::BlockNumberFor;
use yinji_primitives::KycLevel;

impl<T: Config> Pallet<T> {
	/// Records `institution`'s attestation of `who`, replacing any earlier one.
	pub(crate) fn do_attest_creator(
		institution: T::AccountId,
		who: T::AccountId,
		kyc_level: KycLevel,
		expires_at: BlockNumberFor<T>,
	) -> DispatchResult {
		ensure!(expires_at > Self::now(), Error::<T>::ExpiryNotInFuture);
		AttestationOf::<T>::insert(
			&who,
			Attestation { institution: institution.clone(), kyc_level, expires_at },
		);
		Self::deposit_event(Event::CreatorAttested { who, institution, kyc_level, expires_at });
		Ok(())
	}

	/// Removes the attestation of `who`, if `institution` made it.
	pub(crate) fn do_revoke_attestation(
		institution: T::AccountId,
		who: T::AccountId,
	) -> DispatchResult {
		let attestation = AttestationOf::<T>::get(&who).ok_or(Error::<T>::NotAttested)?;
		ensure!(attestation.institution == institution, Error::<T>::NotAttester);
		AttestationOf::<T>::remove(&who);
		Self::deposit_event(Event::AttestationRevoked { who, institution });
		Ok(())
	}

	/// Fails unless `who` holds an unexpired attestation.
	pub(crate) fn ensure_attested(who: &T::AccountId) -> DispatchResult {
		let attestation = AttestationOf::<T>::get(who).ok_or(Error::<T>::NotAttested)?;
		ensure!(attestation.expires_at > Self::now(), Error::<T>::AttestationExpired);
		Ok(())
	}
}
