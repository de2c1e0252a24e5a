//! Ownership changes: gifts where the policy allows, settlement for sales, burning.

use crate::{
	Account, Collections, Config, Error, Event, HoldReason, Item, Items, Pallet, UnbindReason,
};
use frame_support::{
	ensure,
	pallet_prelude::DispatchResult,
	traits::{fungible::MutateHold, tokens::Precision},
};
use sp_runtime::traits::Saturating;
use yinji_primitives::{CollectionId, CreatorAttestations, ItemId, ItemLocks, TransferPolicy};

impl<T: Config> Pallet<T> {
	/// Gives `item` from `owner` to `to`, where the collection's policy allows gifts.
	pub(crate) fn do_gift(
		owner: T::AccountId,
		collection: CollectionId,
		item: ItemId,
		to: T::AccountId,
	) -> DispatchResult {
		let record = Self::collection_record(collection)?;
		let mut held = Self::item_record(collection, item)?;
		ensure!(held.owner == owner, Error::<T>::NotOwner);
		ensure!(owner != to, Error::<T>::SelfTransfer);
		ensure!(!T::Locks::is_locked(collection, item), Error::<T>::ItemLocked);
		Self::ensure_tradable(&record, &held)?;
		match record.policy {
			TransferPolicy::Free => {}
			TransferPolicy::SettlementOnly => return Err(Error::<T>::GiftNotAllowed.into()),
			TransferPolicy::Soulbound => return Err(Error::<T>::ItemSoulbound.into()),
			TransferPolicy::GiftOnly { min_hold, recipient_kyc } => {
				ensure!(
					Self::now() >= held.acquired_at.saturating_add(min_hold),
					Error::<T>::HoldPeriodNotOver
				);
				ensure!(
					T::Attestations::is_attested(&to, recipient_kyc),
					Error::<T>::RecipientKycTooLow
				);
			}
		}
		Self::ensure_may_hold(&record, &to)?;
		Self::move_item(collection, item, &mut held, &to)?;
		Self::deposit_event(Event::Gifted { collection, item, from: owner, to });
		Ok(())
	}

	/// Moves a sold item from `seller` to `buyer` for the marketplace's settlement.
	pub(crate) fn do_settle_transfer(
		collection: CollectionId,
		item: ItemId,
		seller: &T::AccountId,
		buyer: &T::AccountId,
	) -> DispatchResult {
		let record = Self::collection_record(collection)?;
		let mut held = Self::item_record(collection, item)?;
		ensure!(held.owner == *seller, Error::<T>::NotOwner);
		ensure!(seller != buyer, Error::<T>::SelfTransfer);
		Self::ensure_tradable(&record, &held)?;
		ensure!(record.policy.allows_sale(), Error::<T>::SaleNotAllowed);
		Self::ensure_may_hold(&record, buyer)?;
		Self::move_item(collection, item, &mut held, buyer)?;
		Self::deposit_event(Event::SoldTransferred {
			collection,
			item,
			from: seller.clone(),
			to: buyer.clone(),
		});
		Ok(())
	}

	/// Burns `item` of `owner`: releases its deposit to the issuer and retires its tag.
	pub(crate) fn do_burn(
		owner: T::AccountId,
		collection: CollectionId,
		item: ItemId,
	) -> DispatchResult {
		let mut record = Self::collection_record(collection)?;
		let held = Self::item_record(collection, item)?;
		ensure!(held.owner == owner, Error::<T>::NotOwner);
		ensure!(!record.frozen, Error::<T>::CollectionFrozen);
		ensure!(!held.frozen, Error::<T>::ItemFrozen);
		ensure!(!T::Locks::is_locked(collection, item), Error::<T>::ItemLocked);
		T::Currency::release(
			&HoldReason::Item.into(),
			&record.issuer,
			held.deposit,
			Precision::BestEffort,
		)?;
		if let Some(tag) = held.tag {
			Self::retire_tag(collection, item, tag, UnbindReason::ItemBurned);
		}
		record.burned = record.burned.checked_add(1).ok_or(Error::<T>::Overflow)?;
		Collections::<T>::insert(collection, record);
		Items::<T>::remove(collection, item);
		Account::<T>::remove((&owner, collection, item));
		Self::deposit_event(Event::Burned { collection, item, owner });
		Ok(())
	}

	/// Gives `held` a new owner: updates the owner index, restarts the hold period and
	/// increments the nonce, which voids the item's listings.
	pub(crate) fn move_item(
		collection: CollectionId,
		item: ItemId,
		held: &mut Item<T>,
		to: &T::AccountId,
	) -> DispatchResult {
		held.nonce = held.nonce.checked_add(1).ok_or(Error::<T>::Overflow)?;
		Account::<T>::remove((&held.owner, collection, item));
		Account::<T>::insert((to, collection, item), ());
		held.owner = to.clone();
		held.acquired_at = Self::now();
		Items::<T>::insert(collection, item, held.clone());
		Ok(())
	}
}
