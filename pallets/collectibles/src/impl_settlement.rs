//! [`CollectibleSettlement`]: how the marketplace reads and moves items.

use crate::{Collections, Config, Items, Pallet};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{DispatchError, DispatchResult};
use yinji_primitives::{
	CollectibleSettlement, CollectionId, CollectionInfo, ItemId, ItemInfo, TagHash,
};

impl<T: Config> CollectibleSettlement<T::AccountId, BlockNumberFor<T>> for Pallet<T> {
	fn collection(
		collection: CollectionId,
	) -> Option<CollectionInfo<T::AccountId, BlockNumberFor<T>>> {
		Collections::<T>::get(collection).map(|record| CollectionInfo {
			work: record.work,
			issuer: record.issuer,
			royalty: record.royalty,
			policy: record.policy,
			min_holder_kyc: record.min_holder_kyc,
			minted: record.minted,
			max_supply: record.max_supply,
		})
	}

	fn item(collection: CollectionId, item: ItemId) -> Option<ItemInfo<T::AccountId>> {
		let record = Collections::<T>::get(collection)?;
		let held = Items::<T>::get(collection, item)?;
		let tradable = Self::ensure_tradable(&record, &held).is_ok();
		Some(ItemInfo { owner: held.owner, nonce: held.nonce, tradable })
	}

	fn settle_transfer(
		collection: CollectionId,
		item: ItemId,
		seller: &T::AccountId,
		buyer: &T::AccountId,
	) -> DispatchResult {
		Self::do_settle_transfer(collection, item, seller, buyer)
	}

	fn mint_sold(collection: CollectionId, buyer: &T::AccountId) -> Result<ItemId, DispatchError> {
		Self::do_mint(None, collection, buyer, 1)
	}

	fn accept_tap(
		collection: CollectionId,
		item: ItemId,
		tag: TagHash,
		counter: u32,
	) -> DispatchResult {
		Self::do_accept_tap(collection, item, tag, counter)
	}
}
