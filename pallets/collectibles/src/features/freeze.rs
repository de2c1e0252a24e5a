//! Freezing and thawing by the arbitration origin.

use crate::{Collections, Config, Error, Event, Items, Pallet};
use frame_support::{ensure, pallet_prelude::DispatchResult};
use yinji_primitives::{CollectionId, ItemId};

impl<T: Config> Pallet<T> {
	/// Sets the collection's frozen flag, failing if it already has that value.
	pub(crate) fn do_set_collection_frozen(
		collection: CollectionId,
		frozen: bool,
	) -> DispatchResult {
		let mut record = Self::collection_record(collection)?;
		Self::ensure_flag_changes(record.frozen, frozen)?;
		record.frozen = frozen;
		Collections::<T>::insert(collection, record);
		Self::deposit_event(Event::CollectionFrozenSet { collection, frozen });
		Ok(())
	}

	/// Sets the item's frozen flag, failing if it already has that value.
	pub(crate) fn do_set_item_frozen(
		collection: CollectionId,
		item: ItemId,
		frozen: bool,
	) -> DispatchResult {
		let mut held = Self::item_record(collection, item)?;
		Self::ensure_flag_changes(held.frozen, frozen)?;
		held.frozen = frozen;
		Items::<T>::insert(collection, item, held);
		Self::deposit_event(Event::ItemFrozenSet { collection, item, frozen });
		Ok(())
	}

	/// [`Error::AlreadyFrozen`] or [`Error::NotFrozen`] when `new` equals `current`.
	fn ensure_flag_changes(current: bool, new: bool) -> Result<(), Error<T>> {
		ensure!(!(current && new), Error::<T>::AlreadyFrozen);
		ensure!(current || new, Error::<T>::NotFrozen);
		Ok(())
	}
}
