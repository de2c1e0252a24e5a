//! Minting editions in order, never past the maximum supply.

use crate::{Account, Collections, Config, Error, Event, HoldReason, Item, Items, Pallet};
use frame_support::{ensure, traits::fungible::MutateHold};
use sp_runtime::{
	traits::{CheckedMul, Get},
	DispatchError,
};
use yinji_primitives::{CollectionId, ItemId};

impl<T: Config> Pallet<T> {
	/// Mints the next `count` editions of `collection` to `to` and returns the first edition
	/// number. With `issuer`, fails unless it is the collection's issuer (a primary sale by the
	/// marketplace passes `None`). The item deposits are held from the issuer.
	pub(crate) fn do_mint(
		issuer: Option<&T::AccountId>,
		collection: CollectionId,
		to: &T::AccountId,
		count: u32,
	) -> Result<ItemId, DispatchError> {
		let mut record = Self::collection_record(collection)?;
		if let Some(issuer) = issuer {
			Self::ensure_issuer(&record, issuer)?;
		}
		ensure!((1..=T::MaxMintBatch::get()).contains(&count), Error::<T>::InvalidMintCount);
		Self::ensure_collection_usable(&record)?;
		Self::ensure_may_hold(&record, to)?;
		let minted = record.minted.checked_add(count).ok_or(Error::<T>::Overflow)?;
		ensure!(minted <= record.max_supply, Error::<T>::MaxSupplyReached);

		// One hold for the whole batch: a hold writes the issuer's account and its holds, so
		// holding per item would cost a balance write per edition. Each item still records its
		// own deposit, released when it is burned.
		let deposit = T::ItemDeposit::get();
		let total = deposit.checked_mul(&count.into()).ok_or(Error::<T>::Overflow)?;
		T::Currency::hold(&HoldReason::Item.into(), &record.issuer, total)?;
		let first = record.minted.saturating_add(1);
		for item in first..=minted {
			Items::<T>::insert(
				collection,
				item,
				Item {
					owner: to.clone(),
					acquired_at: Self::now(),
					nonce: 0,
					frozen: false,
					tag: None,
					deposit,
				},
			);
			Account::<T>::insert((to, collection, item), ());
			Self::deposit_event(Event::Minted { collection, item, owner: to.clone() });
		}
		record.minted = minted;
		Collections::<T>::insert(collection, record);
		Ok(first)
	}
}
