//! The pallet's invariants, checked by `try_state` (and after every unit test).

// Compiled in every build, so that the tests of other pallets can check these invariants too.

use crate::{
	types::MAX_TAG_COUNTER, Account, BalanceOf, Collections, Config, Exports, HoldReason, Items,
	NextCollectionId, NextExportId, Pallet, RetiredTags, TagOf,
};
use alloc::collections::BTreeMap;
use frame_support::traits::fungible::InspectHold;
use frame_support::traits::Get;
use sp_runtime::{traits::Saturating, TryRuntimeError};

/// Fails with `message` unless `condition` holds.
fn check(condition: bool, message: &'static str) -> Result<(), TryRuntimeError> {
	if condition {
		Ok(())
	} else {
		Err(message.into())
	}
}

impl<T: Config> Pallet<T> {
	/// Checks every invariant of the pallet's storage.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let next = NextCollectionId::<T>::get();
		let mut collection_held: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut item_held: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();

		for (id, collection) in Collections::<T>::iter() {
			check(id < next, "a collection id is not below NextCollectionId")?;
			check(collection.minted <= collection.max_supply, "a collection is over its supply")?;
			check(collection.burned <= collection.minted, "more items burned than minted")?;
			let mut live: u32 = 0;
			for (item, held) in Items::<T>::iter_prefix(id) {
				live.saturating_inc();
				check(item >= 1 && item <= collection.minted, "an item id was never minted")?;
				check(
					Account::<T>::contains_key((&held.owner, id, item)),
					"an item is missing from its owner's index",
				)?;
				if let Some(tag) = held.tag {
					let binding = TagOf::<T>::get(tag).ok_or("an item's tag is not bound")?;
					check(
						(binding.collection, binding.item) == (id, item),
						"an item's tag is bound to another item",
					)?;
				}
				let total = item_held.entry(collection.issuer.clone()).or_default();
				*total = total.saturating_add(held.deposit);
			}
			check(
				live == collection.minted - collection.burned,
				"live items differ from minted minus burned",
			)?;
			let total = collection_held.entry(collection.issuer.clone()).or_default();
			*total = total.saturating_add(collection.deposit);
		}
		for (who, collection, item) in Account::<T>::iter_keys() {
			let held = Items::<T>::get(collection, item).ok_or("the owner index names no item")?;
			check(held.owner == who, "the owner index names the wrong owner")?;
		}
		for (tag, binding) in TagOf::<T>::iter() {
			let held = Items::<T>::get(binding.collection, binding.item)
				.ok_or("a tag is bound to no item")?;
			check(held.tag == Some(tag), "a bound tag's item names another tag")?;
			check(!RetiredTags::<T>::contains_key(tag), "a retired tag is bound")?;
			check(binding.watermark <= MAX_TAG_COUNTER, "a watermark is past 24 bits")?;
		}
		let custodian = T::BridgeCustodian::get();
		let next_export = NextExportId::<T>::get();
		for (collection, item, export) in Exports::<T>::iter() {
			let held = Items::<T>::get(collection, item).ok_or("an export names no item")?;
			check(held.owner == custodian, "an exported item is not in bridge custody")?;
			check(export.id < next_export, "an export id is not below NextExportId")?;
		}
		for ((collection, item), ()) in Account::<T>::iter_prefix((custodian.clone(),)) {
			check(
				Exports::<T>::contains_key(collection, item),
				"the bridge custodian holds an item that was not exported",
			)?;
		}
		for (who, total) in collection_held {
			check(
				T::Currency::balance_on_hold(&HoldReason::Collection.into(), &who) == total,
				"collection deposits held differ from the collections' deposits",
			)?;
		}
		for (who, total) in item_held {
			check(
				T::Currency::balance_on_hold(&HoldReason::Item.into(), &who) == total,
				"item deposits held differ from the items' deposits",
			)?;
		}
		Ok(())
	}
}
