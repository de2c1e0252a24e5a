//! Offers on any item, held until accepted, withdrawn or expired.

use super::{Funding, Sale};
use crate::SaleKind;
use crate::{
	Auctions, BalanceOf, Config, Error, Event, Expiring, HoldReason, Listings, NextOfferId, Offer,
	OfferId, Offers, OpenOffersOf, Pallet,
};
use frame_support::{
	ensure,
	pallet_prelude::DispatchResult,
	traits::{fungibles::MutateHold, tokens::Precision},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{traits::Get, DispatchError};
use yinji_primitives::{CollectibleSettlement, CollectionId, ItemId, TagHash};

impl<T: Config> Pallet<T> {
	/// Makes an offer, holding its amount from `offerer`.
	pub(crate) fn do_make_offer(
		offerer: T::AccountId,
		collection: CollectionId,
		item: ItemId,
		asset: T::AssetKind,
		amount: BalanceOf<T>,
		expires_at: BlockNumberFor<T>,
	) -> DispatchResult {
		Self::ensure_terms(&asset, amount, expires_at)?;
		let info = T::Collectibles::item(collection, item).ok_or(Error::<T>::UnknownItem)?;
		ensure!(info.owner != offerer, Error::<T>::CannotBuyOwnItem);
		Self::ensure_sale_allowed(collection)?;
		let open = OpenOffersOf::<T>::get(&offerer);
		ensure!(open < T::MaxOffersPerAccount::get(), Error::<T>::TooManyOffers);
		let offer = NextOfferId::<T>::get();
		let next = offer.checked_add(1).ok_or(Error::<T>::Overflow)?;
		T::Funds::hold(asset.clone(), &HoldReason::Offer.into(), &offerer, amount)?;
		Offers::<T>::insert(
			offer,
			Offer {
				offerer: offerer.clone(),
				collection,
				item,
				asset: asset.clone(),
				amount,
				nonce: info.nonce,
				expires_at,
			},
		);
		OpenOffersOf::<T>::insert(&offerer, open.saturating_add(1));
		NextOfferId::<T>::put(next);
		Self::schedule_expiry(expires_at, Expiring::Offer(offer));
		Self::deposit_event(Event::OfferMade { offer, collection, item, offerer, asset, amount });
		Ok(())
	}

	/// Withdraws an offer: the offerer's at any time, anyone's once it is void.
	pub(crate) fn do_withdraw_offer(who: T::AccountId, offer: OfferId) -> DispatchResult {
		let record = Offers::<T>::get(offer).ok_or(Error::<T>::UnknownOffer)?;
		let void = Self::now() >= record.expires_at
			|| T::Collectibles::item(record.collection, record.item)
				.is_none_or(|info| info.nonce != record.nonce);
		ensure!(who == record.offerer || void, Error::<T>::NotOfferer);
		Self::close_offer(offer, &record)
	}

	/// Accepts an offer on an item `owner` owns; the sale settles from the held amount.
	pub(crate) fn do_accept_offer(
		owner: T::AccountId,
		offer: OfferId,
	) -> Result<u32, DispatchError> {
		let record = Offers::<T>::get(offer).ok_or(Error::<T>::UnknownOffer)?;
		ensure!(Self::now() < record.expires_at, Error::<T>::OfferExpired);
		let info =
			T::Collectibles::item(record.collection, record.item).ok_or(Error::<T>::UnknownItem)?;
		ensure!(info.owner == owner, Error::<T>::NotOwner);
		ensure!(info.nonce == record.nonce, Error::<T>::ListingStale);
		ensure!(
			!Auctions::<T>::contains_key(record.collection, record.item),
			Error::<T>::AlreadyListed
		);
		ensure!(!Self::in_order(record.collection, record.item), Error::<T>::InOrder);
		Offers::<T>::remove(offer);
		OpenOffersOf::<T>::mutate(&record.offerer, |open| *open = open.saturating_sub(1));
		Self::settle(Sale {
			collection: record.collection,
			item: Some(record.item),
			seller: owner,
			buyer: record.offerer,
			asset: record.asset,
			price: record.amount,
			funding: Funding::Held(HoldReason::Offer),
			kind: SaleKind::Offer(offer),
		})
	}

	/// Settles `offer` against the seller's listing reserved for the offerer, once the item's
	/// `tag` was tapped at `counter` (above its watermark) on delivery.
	pub(crate) fn do_claim_by_tap(
		offer: OfferId,
		tag: TagHash,
		counter: u32,
	) -> Result<u32, DispatchError> {
		let record = Offers::<T>::get(offer).ok_or(Error::<T>::UnknownOffer)?;
		let (collection, item) = (record.collection, record.item);
		ensure!(Self::now() < record.expires_at, Error::<T>::OfferExpired);
		let listing = Listings::<T>::get(collection, item).ok_or(Error::<T>::NotListed)?;
		ensure!(listing.buyer.as_ref() == Some(&record.offerer), Error::<T>::NotReservedForOfferer);
		ensure!(Self::now() < listing.expires_at, Error::<T>::ListingExpired);
		ensure!(
			Self::still_owned(collection, item, &listing.seller, listing.nonce)
				&& listing.nonce == record.nonce,
			Error::<T>::ListingStale
		);
		ensure!(listing.asset == record.asset, Error::<T>::WrongAsset);
		ensure!(listing.price.price_at(Self::now()) == record.amount, Error::<T>::TermsMismatch);
		T::Collectibles::accept_tap(collection, item, tag, counter)?;
		Offers::<T>::remove(offer);
		OpenOffersOf::<T>::mutate(&record.offerer, |open| *open = open.saturating_sub(1));
		let paid = Self::settle(Sale {
			collection,
			item: Some(item),
			seller: listing.seller,
			buyer: record.offerer,
			asset: record.asset,
			price: record.amount,
			funding: Funding::Held(HoldReason::Offer),
			kind: SaleKind::Claim(offer),
		})?;
		Self::deposit_event(Event::ClaimedByTap { offer, collection, item, tag, counter });
		Ok(paid)
	}

	/// Releases an offer's amount and removes it.
	pub(crate) fn close_offer(offer: OfferId, record: &Offer<T>) -> DispatchResult {
		T::Funds::release(
			record.asset.clone(),
			&HoldReason::Offer.into(),
			&record.offerer,
			record.amount,
			Precision::Exact,
		)?;
		Offers::<T>::remove(offer);
		OpenOffersOf::<T>::mutate(&record.offerer, |open| *open = open.saturating_sub(1));
		Self::deposit_event(Event::OfferWithdrawn { offer });
		Ok(())
	}
}
