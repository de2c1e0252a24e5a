//! Tags on physical twins: one tag per item and one item per tag, retired for good once
//! unbound, with a tap-counter watermark that only the tag-verifier origin raises.

use crate::{
	types::MAX_TAG_COUNTER, Config, Error, Event, Items, Pallet, RetiredTags, TagBinding, TagOf,
	UnbindReason,
};
use frame_support::{ensure, pallet_prelude::DispatchResult};
use yinji_primitives::{CollectionId, CollectionKind, ItemId, TagHash, TagKind};

impl<T: Config> Pallet<T> {
	/// Binds `tag` to an untagged physical-twin item of `issuer`'s collection.
	pub(crate) fn do_bind_tag(
		issuer: &T::AccountId,
		collection: CollectionId,
		item: ItemId,
		tag: TagHash,
		kind: TagKind,
		key_epoch: u32,
	) -> DispatchResult {
		let record = Self::collection_record(collection)?;
		Self::ensure_issuer(&record, issuer)?;
		ensure!(record.kind == CollectionKind::PhysicalTwin, Error::<T>::NotPhysical);
		let mut held = Self::item_record(collection, item)?;
		ensure!(held.tag.is_none(), Error::<T>::ItemAlreadyTagged);
		ensure!(!RetiredTags::<T>::contains_key(tag), Error::<T>::TagRetired);
		ensure!(!TagOf::<T>::contains_key(tag), Error::<T>::TagAlreadyBound);
		held.tag = Some(tag);
		Items::<T>::insert(collection, item, held);
		TagOf::<T>::insert(
			tag,
			TagBinding { collection, item, kind, key_epoch, watermark: 0, bound_at: Self::now() },
		);
		Self::deposit_event(Event::TagBound { collection, item, tag, kind, key_epoch });
		Ok(())
	}

	/// Unbinds and retires the tag of an item of `issuer`'s collection.
	pub(crate) fn do_unbind_tag(
		issuer: &T::AccountId,
		collection: CollectionId,
		item: ItemId,
		reason: UnbindReason,
	) -> DispatchResult {
		let record = Self::collection_record(collection)?;
		Self::ensure_issuer(&record, issuer)?;
		let mut held = Self::item_record(collection, item)?;
		let tag = held.tag.take().ok_or(Error::<T>::ItemNotTagged)?;
		Items::<T>::insert(collection, item, held);
		Self::retire_tag(collection, item, tag, reason);
		Ok(())
	}

	/// Removes `tag`'s binding and retires it (the item's record is the caller's to update).
	pub(crate) fn retire_tag(
		collection: CollectionId,
		item: ItemId,
		tag: TagHash,
		reason: UnbindReason,
	) {
		TagOf::<T>::remove(tag);
		RetiredTags::<T>::insert(tag, Self::now());
		Self::deposit_event(Event::TagUnbound { collection, item, tag, reason });
	}

	/// Raises the watermark of `tag`, which must be the tag of `item`, to `counter`.
	pub(crate) fn do_accept_tap(
		collection: CollectionId,
		item: ItemId,
		tag: TagHash,
		counter: u32,
	) -> DispatchResult {
		let binding = TagOf::<T>::get(tag).ok_or(Error::<T>::UnknownTag)?;
		ensure!(
			(binding.collection, binding.item) == (collection, item),
			Error::<T>::TagOfAnotherItem
		);
		Self::do_raise_watermark(tag, counter)
	}

	/// Raises `tag`'s watermark to `counter`.
	pub(crate) fn do_raise_watermark(tag: TagHash, counter: u32) -> DispatchResult {
		ensure!(counter <= MAX_TAG_COUNTER, Error::<T>::CounterOutOfRange);
		TagOf::<T>::try_mutate(tag, |binding| {
			let binding = binding.as_mut().ok_or(Error::<T>::UnknownTag)?;
			ensure!(counter > binding.watermark, Error::<T>::CounterNotAbove);
			binding.watermark = counter;
			Ok::<_, Error<T>>(())
		})?;
		Self::deposit_event(Event::WatermarkRaised { tag, counter });
		Ok(())
	}
}
