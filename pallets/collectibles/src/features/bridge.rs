//! The EVM mirror's chain side: exports into bridge custody and imports out of it.

use crate::{
	Config, Error, Event, EvmAddress, EvmBurn, Export, Exports, ImportedBurns, NextExportId, Pallet,
};
use frame_support::{ensure, pallet_prelude::DispatchResult, traits::Get};
use yinji_primitives::{CollectionId, CollectionKind, ItemId, ItemLocks};

impl<T: Config> Pallet<T> {
	/// Moves `item` from `owner` into bridge custody, to be minted to `evm_owner`.
	pub(crate) fn do_export(
		owner: T::AccountId,
		collection: CollectionId,
		item: ItemId,
		evm_owner: EvmAddress,
	) -> DispatchResult {
		ensure!(!Exports::<T>::contains_key(collection, item), Error::<T>::AlreadyExported);
		let record = Self::collection_record(collection)?;
		let mut held = Self::item_record(collection, item)?;
		ensure!(held.owner == owner, Error::<T>::NotOwner);
		ensure!(
			record.kind == CollectionKind::DigitalCollectible
				&& record.policy.allows_sale()
				&& record.min_holder_kyc == 0,
			Error::<T>::NotExportable
		);
		Self::ensure_tradable(&record, &held)?;
		ensure!(!T::Locks::is_locked(collection, item), Error::<T>::ItemLocked);
		let custodian = T::BridgeCustodian::get();
		let id = NextExportId::<T>::get();
		NextExportId::<T>::put(id.checked_add(1).ok_or(Error::<T>::Overflow)?);
		Self::move_item(collection, item, &mut held, &custodian)?;
		Exports::<T>::insert(
			collection,
			item,
			Export { id, from: owner.clone(), evm_owner, at: Self::now() },
		);
		Self::deposit_event(Event::Exported {
			collection,
			item,
			from: owner,
			custodian,
			evm_owner,
			export: id,
		});
		Ok(())
	}

	/// Releases an exported `item` from custody to `to` for the EVM burn `burn`.
	pub(crate) fn do_import(
		collection: CollectionId,
		item: ItemId,
		to: T::AccountId,
		burn: EvmBurn,
	) -> DispatchResult {
		ensure!(!ImportedBurns::<T>::contains_key(burn), Error::<T>::BurnAlreadyImported);
		let export = Exports::<T>::get(collection, item).ok_or(Error::<T>::NotExported)?;
		let record = Self::collection_record(collection)?;
		let mut held = Self::item_record(collection, item)?;
		Self::ensure_tradable(&record, &held)?;
		Self::ensure_may_hold(&record, &to)?;
		let custodian = held.owner.clone();
		Self::move_item(collection, item, &mut held, &to)?;
		Exports::<T>::remove(collection, item);
		ImportedBurns::<T>::insert(burn, (collection, item, export.id));
		Self::deposit_event(Event::Imported {
			collection,
			item,
			custodian,
			to,
			export: export.id,
			burn,
		});
		Ok(())
	}
}
