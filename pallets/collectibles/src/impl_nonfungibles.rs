//! FRAME's `nonfungibles_v2` read traits, so generic code can read yinji collectibles.

use crate::{Account, Collections, Config, Items, Pallet};
use frame_support::{
	storage::KeyPrefixIterator,
	traits::tokens::nonfungibles_v2::{Inspect, InspectEnumerable, InspectRole},
};
use yinji_primitives::{CollectionId, ItemId, TransferPolicy};

impl<T: Config> Inspect<T::AccountId> for Pallet<T> {
	type ItemId = ItemId;
	type CollectionId = CollectionId;

	fn owner(collection: &CollectionId, item: &ItemId) -> Option<T::AccountId> {
		Items::<T>::get(collection, item).map(|held| held.owner)
	}

	fn collection_owner(collection: &CollectionId) -> Option<T::AccountId> {
		Collections::<T>::get(collection).map(|record| record.issuer)
	}

	/// Whether the owner could gift the item right now (sales go through the marketplace).
	fn can_transfer(collection: &CollectionId, item: &ItemId) -> bool {
		let (Some(record), Some(held)) =
			(Collections::<T>::get(collection), Items::<T>::get(collection, item))
		else {
			return false;
		};
		if Self::ensure_tradable(&record, &held).is_err() {
			return false;
		}
		match record.policy {
			TransferPolicy::Free => true,
			TransferPolicy::GiftOnly { min_hold, .. } => {
				Self::now()
					>= sp_runtime::traits::Saturating::saturating_add(held.acquired_at, min_hold)
			}
			TransferPolicy::SettlementOnly | TransferPolicy::Soulbound => false,
		}
	}
}

impl<T: Config> InspectEnumerable<T::AccountId> for Pallet<T> {
	type CollectionsIterator = KeyPrefixIterator<CollectionId>;
	type ItemsIterator = KeyPrefixIterator<ItemId>;
	type OwnedIterator = KeyPrefixIterator<(CollectionId, ItemId)>;
	type OwnedInCollectionIterator = KeyPrefixIterator<ItemId>;

	fn collections() -> Self::CollectionsIterator {
		Collections::<T>::iter_keys()
	}

	fn items(collection: &CollectionId) -> Self::ItemsIterator {
		Items::<T>::iter_key_prefix(collection)
	}

	fn owned(who: &T::AccountId) -> Self::OwnedIterator {
		Account::<T>::iter_key_prefix((who,))
	}

	fn owned_in_collection(
		collection: &CollectionId,
		who: &T::AccountId,
	) -> Self::OwnedInCollectionIterator {
		Account::<T>::iter_key_prefix((who, collection))
	}
}

impl<T: Config> InspectRole<T::AccountId> for Pallet<T> {
	fn is_issuer(collection: &CollectionId, who: &T::AccountId) -> bool {
		Collections::<T>::get(collection).is_some_and(|record| record.issuer == *who)
	}

	fn is_admin(collection: &CollectionId, who: &T::AccountId) -> bool {
		Self::is_issuer(collection, who)
	}

	/// Freezing belongs to the arbitration origin, not to any account.
	fn is_freezer(_collection: &CollectionId, _who: &T::AccountId) -> bool {
		false
	}
}
