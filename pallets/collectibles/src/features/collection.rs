//! Creating collections and tightening their rules.

use crate::{
	Cid, Collection, Collections, Config, Error, Event, HoldReason, NextCollectionId, Pallet,
	PolicyOf,
};
use frame_support::{ensure, pallet_prelude::DispatchResult, traits::fungible::MutateHold};
use sp_runtime::traits::Get;
use yinji_primitives::{
	BasisPoints, CollectionId, CollectionKind, KycLevel, TransferPolicy, WorkId, WorkRegistry,
};

impl<T: Config> Pallet<T> {
	/// Creates a collection of `work` issued by `issuer`, holding the collection deposit.
	pub(crate) fn do_create_collection(
		issuer: T::AccountId,
		work: WorkId,
		kind: CollectionKind,
		max_supply: u32,
		metadata: Cid<T>,
		royalty: BasisPoints,
		policy: PolicyOf<T>,
		min_holder_kyc: KycLevel,
	) -> DispatchResult {
		ensure!(T::Works::is_usable(work), Error::<T>::WorkNotUsable);
		ensure!(T::Works::is_rights_holder(work, &issuer), Error::<T>::NotRightsHolder);
		ensure!(max_supply > 0, Error::<T>::ZeroSupply);
		ensure!(royalty <= T::MaxRoyalty::get(), Error::<T>::RoyaltyTooHigh);
		ensure!(
			royalty == 0 || policy != TransferPolicy::Free,
			Error::<T>::RoyaltyRequiresSettlement
		);
		let collection: CollectionId = NextCollectionId::<T>::get();
		let next = collection.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let deposit = T::CollectionDeposit::get();
		T::Currency::hold(&HoldReason::Collection.into(), &issuer, deposit)?;
		Self::deposit_event(Event::CollectionCreated {
			collection,
			work,
			issuer: issuer.clone(),
			kind,
			max_supply,
			royalty,
			policy,
			min_holder_kyc,
			metadata: metadata.clone(),
		});
		Collections::<T>::insert(
			collection,
			Collection {
				work,
				issuer,
				kind,
				max_supply,
				minted: 0,
				burned: 0,
				metadata,
				royalty,
				policy,
				min_holder_kyc,
				frozen: false,
				deposit,
			},
		);
		NextCollectionId::<T>::put(next);
		Ok(())
	}

	/// Replaces the collection's rules by rules at least as strict.
	pub(crate) fn do_tighten_policy(
		issuer: T::AccountId,
		collection: CollectionId,
		policy: PolicyOf<T>,
		min_holder_kyc: KycLevel,
	) -> DispatchResult {
		let mut record = Self::collection_record(collection)?;
		Self::ensure_issuer(&record, &issuer)?;
		ensure!(
			policy.is_at_least_as_strict_as(&record.policy)
				&& min_holder_kyc >= record.min_holder_kyc,
			Error::<T>::PolicyNotTighter
		);
		record.policy = policy;
		record.min_holder_kyc = min_holder_kyc;
		Collections::<T>::insert(collection, record);
		Self::deposit_event(Event::PolicyTightened { collection, policy, min_holder_kyc });
		Ok(())
	}
}
