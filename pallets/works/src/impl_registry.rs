//! The read traits other pallets use: [`WorkRegistry`] and [`CreatorAttestations`].

use crate::{AttestationOf, BalanceOf, Config, Pallet, Works};
use alloc::vec::Vec;
use yinji_primitives::{
	BasisPoints, CreatorAttestations, KycLevel, Licence, Perquintill, WorkId, WorkRegistry,
	WorkStatus,
};

impl<T: Config> WorkRegistry<T::AccountId> for Pallet<T> {
	type Balance = BalanceOf<T>;

	fn status(work: WorkId) -> Option<WorkStatus> {
		Works::<T>::get(work).map(|record| record.status)
	}

	fn rights_holders(work: WorkId) -> Option<Vec<(T::AccountId, BasisPoints)>> {
		Works::<T>::get(work).map(|record| record.holders.into_inner())
	}

	fn is_rights_holder(work: WorkId, who: &T::AccountId) -> bool {
		Works::<T>::get(work).is_some_and(|record| Self::shares_of(&record, who).is_ok())
	}

	fn licence(work: WorkId) -> Option<Licence<BalanceOf<T>>> {
		Works::<T>::get(work).map(|record| record.licence)
	}

	fn parents(work: WorkId) -> Vec<(WorkId, BasisPoints)> {
		Works::<T>::get(work).map(|record| record.parents.into_inner()).unwrap_or_default()
	}

	fn royalty_distribution(work: WorkId) -> Option<Vec<(WorkId, Perquintill)>> {
		let record = Works::<T>::get(work)?;
		// The bound and the parents were checked at registration and parents cannot be removed
		// while they have derivatives, so this only fails on a corrupted state.
		Self::distribute_over_ancestry(work, &record.parents).ok().map(|d| d.shares)
	}
}

impl<T: Config> CreatorAttestations<T::AccountId> for Pallet<T> {
	fn kyc_level(who: &T::AccountId) -> Option<KycLevel> {
		AttestationOf::<T>::get(who)
			.filter(|attestation| attestation.expires_at > Self::now())
			.map(|attestation| attestation.kyc_level)
	}
}
