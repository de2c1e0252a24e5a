//! The pallet's calls, one feature per file, each an `impl Pallet<T>` block.

mod bridge;
mod collection;
mod freeze;
mod mint;
mod tags;
mod transfer;

use crate::{Collection, Collections, Config, Error, Item, Items, Pallet};
use frame_support::ensure;
use frame_system::pallet_prelude::BlockNumberFor;
use yinji_primitives::{CollectionId, CreatorAttestations, ItemId, WorkRegistry};

impl<T: Config> Pallet<T> {
	/// Reads a collection or fails with [`Error::UnknownCollection`].
	pub(crate) fn collection_record(collection: CollectionId) -> Result<Collection<T>, Error<T>> {
		Collections::<T>::get(collection).ok_or(Error::<T>::UnknownCollection)
	}

	/// Reads an item or fails with [`Error::UnknownItem`].
	pub(crate) fn item_record(collection: CollectionId, item: ItemId) -> Result<Item<T>, Error<T>> {
		Items::<T>::get(collection, item).ok_or(Error::<T>::UnknownItem)
	}

	/// Fails unless `who` is the collection's issuer.
	pub(crate) fn ensure_issuer(
		record: &Collection<T>,
		who: &T::AccountId,
	) -> Result<(), Error<T>> {
		ensure!(record.issuer == *who, Error::<T>::NotIssuer);
		Ok(())
	}

	/// Fails unless new items of the collection may be minted now: the collection is not
	/// frozen and its work is active.
	pub(crate) fn ensure_collection_usable(record: &Collection<T>) -> Result<(), Error<T>> {
		ensure!(!record.frozen, Error::<T>::CollectionFrozen);
		ensure!(T::Works::is_usable(record.work), Error::<T>::WorkNotUsable);
		Ok(())
	}

	/// Fails unless the item may move now: neither it, its collection nor its work is frozen.
	pub(crate) fn ensure_tradable(record: &Collection<T>, item: &Item<T>) -> Result<(), Error<T>> {
		Self::ensure_collection_usable(record)?;
		ensure!(!item.frozen, Error::<T>::ItemFrozen);
		Ok(())
	}

	/// Fails unless `who` meets the collection's KYC level for holders (0: anyone).
	pub(crate) fn ensure_may_hold(
		record: &Collection<T>,
		who: &T::AccountId,
	) -> Result<(), Error<T>> {
		ensure!(
			record.min_holder_kyc == 0 || T::Attestations::is_attested(who, record.min_holder_kyc),
			Error::<T>::RecipientKycTooLow
		);
		Ok(())
	}

	/// The current block number.
	pub(crate) fn now() -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number()
	}
}
