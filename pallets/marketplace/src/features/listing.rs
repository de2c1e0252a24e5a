//! Fixed-price and Dutch listings, and buying them.

use super::{Funding, Sale};
use crate::SaleKind;
use crate::{
	Auctions, BalanceOf, Config, Error, Event, Expiring, Listing, Listings, Pallet, PriceSchedule,
};
use frame_support::{ensure, pallet_prelude::DispatchResult};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{traits::Zero, DispatchError};
use yinji_primitives::{CollectionId, ItemId, Points};

impl<T: Config> Pallet<T> {
	/// Lists an item of `seller`, replacing its earlier listing.
	pub(crate) fn do_list(
		seller: T::AccountId,
		collection: CollectionId,
		item: ItemId,
		asset: T::AssetKind,
		price: PriceSchedule<BalanceOf<T>, BlockNumberFor<T>>,
		expires_at: BlockNumberFor<T>,
		buyer: Option<T::AccountId>,
	) -> DispatchResult {
		let lowest = match price {
			PriceSchedule::Fixed(price) => price,
			PriceSchedule::Dutch { start, floor, decay_per_block, .. } => {
				ensure!(
					floor < start && !decay_per_block.is_zero(),
					Error::<T>::InvalidDutchSchedule
				);
				floor
			}
		};
		Self::ensure_terms(&asset, lowest, expires_at)?;
		let info = Self::sellable_item(&seller, collection, item)?;
		ensure!(!Auctions::<T>::contains_key(collection, item), Error::<T>::AlreadyListed);
		Listings::<T>::insert(
			collection,
			item,
			Listing {
				seller: seller.clone(),
				asset: asset.clone(),
				price,
				buyer,
				nonce: info.nonce,
				expires_at,
			},
		);
		Self::schedule_expiry(expires_at, Expiring::Listing(collection, item));
		Self::deposit_event(Event::Listed { collection, item, seller, asset, price, expires_at });
		Ok(())
	}

	/// Removes a listing: the seller's at any time, anyone's once it is void.
	pub(crate) fn do_cancel_listing(
		who: T::AccountId,
		collection: CollectionId,
		item: ItemId,
	) -> DispatchResult {
		let listing = Listings::<T>::get(collection, item).ok_or(Error::<T>::NotListed)?;
		ensure!(
			who == listing.seller || !Self::listing_valid(collection, item, &listing),
			Error::<T>::NotOwner
		);
		Listings::<T>::remove(collection, item);
		Self::deposit_event(Event::ListingRemoved { collection, item });
		Ok(())
	}

	/// Buys a listed item at its current price and returns how many rights holders were paid.
	pub(crate) fn do_buy(
		buyer: T::AccountId,
		collection: CollectionId,
		item: ItemId,
		asset: T::AssetKind,
		max_price: BalanceOf<T>,
		redeem_points: Points,
	) -> Result<u32, DispatchError> {
		let (listing, price) = Self::buyable(&buyer, collection, item, &asset, max_price)?;
		Self::settle(Sale {
			collection,
			item: Some(item),
			seller: listing.seller,
			buyer,
			asset,
			price,
			funding: Funding::Free { redeem_points },
			kind: SaleKind::Listing,
		})
	}

	/// The item's listing and its current price, if `buyer` may buy it now in `asset` for at
	/// most `max_price`: what a purchase and a physical order both check.
	pub(crate) fn buyable(
		buyer: &T::AccountId,
		collection: CollectionId,
		item: ItemId,
		asset: &T::AssetKind,
		max_price: BalanceOf<T>,
	) -> Result<(Listing<T>, BalanceOf<T>), Error<T>> {
		let listing = Listings::<T>::get(collection, item).ok_or(Error::<T>::NotListed)?;
		ensure!(Self::now() < listing.expires_at, Error::<T>::ListingExpired);
		ensure!(
			Self::still_owned(collection, item, &listing.seller, listing.nonce),
			Error::<T>::ListingStale
		);
		ensure!(*buyer != listing.seller, Error::<T>::CannotBuyOwnItem);
		ensure!(
			listing.buyer.as_ref().is_none_or(|allowed| allowed == buyer),
			Error::<T>::NotAllowedBuyer
		);
		ensure!(*asset == listing.asset, Error::<T>::WrongAsset);
		let price = listing.price.price_at(Self::now());
		ensure!(price <= max_price, Error::<T>::PriceAboveMax);
		Ok((listing, price))
	}

	/// Whether a listing can still be bought: unexpired, and the seller still owns the item
	/// under the same nonce.
	pub(crate) fn listing_valid(
		collection: CollectionId,
		item: ItemId,
		listing: &Listing<T>,
	) -> bool {
		Self::now() < listing.expires_at
			&& Self::still_owned(collection, item, &listing.seller, listing.nonce)
	}
}
