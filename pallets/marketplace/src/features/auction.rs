//! English auctions: held bids, the previous bid released at once, anti-sniping, and a close
//! that settles to the highest bidder when the reserve is met.

use super::{Funding, Sale};
use crate::SaleKind;
use crate::{
	payout::bps_of, Auction, Auctions, BalanceOf, Config, Error, Event, HoldReason, Listings,
	Pallet,
};
use frame_support::{
	ensure,
	pallet_prelude::DispatchResult,
	storage::with_storage_layer,
	traits::{fungibles::MutateHold, tokens::Precision},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{Get, One, Saturating},
	DispatchError,
};
use yinji_primitives::{BasisPoints, CollectionId, ItemId};

impl<T: Config> Pallet<T> {
	/// Opens an auction of an item of `seller`.
	pub(crate) fn do_create_auction(
		seller: T::AccountId,
		collection: CollectionId,
		item: ItemId,
		asset: T::AssetKind,
		start_price: BalanceOf<T>,
		reserve: BalanceOf<T>,
		min_increment: BasisPoints,
		ends_at: BlockNumberFor<T>,
	) -> DispatchResult {
		Self::ensure_terms(&asset, start_price, ends_at)?;
		ensure!(reserve >= start_price, Error::<T>::ReserveBelowStart);
		ensure!(
			ends_at.saturating_sub(Self::now()) <= T::MaxAuctionDuration::get(),
			Error::<T>::AuctionTooLong
		);
		let info = Self::sellable_item(&seller, collection, item)?;
		ensure!(
			!Auctions::<T>::contains_key(collection, item)
				&& !Listings::<T>::contains_key(collection, item),
			Error::<T>::AlreadyListed
		);
		Auctions::<T>::insert(
			collection,
			item,
			Auction {
				seller: seller.clone(),
				asset: asset.clone(),
				start_price,
				reserve,
				min_increment,
				ends_at,
				highest: None,
				nonce: info.nonce,
			},
		);
		Self::deposit_event(Event::AuctionCreated {
			collection,
			item,
			seller,
			asset,
			start_price,
			ends_at,
		});
		Ok(())
	}

	/// Places a bid, holding it and releasing the previous highest bid.
	pub(crate) fn do_bid(
		bidder: T::AccountId,
		collection: CollectionId,
		item: ItemId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		let mut auction = Auctions::<T>::get(collection, item).ok_or(Error::<T>::NoAuction)?;
		let now = Self::now();
		ensure!(now < auction.ends_at, Error::<T>::AuctionEnded);
		ensure!(bidder != auction.seller, Error::<T>::CannotBuyOwnItem);
		ensure!(
			Self::still_owned(collection, item, &auction.seller, auction.nonce),
			Error::<T>::ListingStale
		);
		let lowest = match &auction.highest {
			None => auction.start_price,
			Some((_, highest)) => {
				highest.saturating_add(bps_of(*highest, auction.min_increment).max(One::one()))
			}
		};
		ensure!(amount >= lowest, Error::<T>::BidTooLow);

		let reason = HoldReason::Bid.into();
		T::Funds::hold(auction.asset.clone(), &reason, &bidder, amount)?;
		if let Some((previous, held)) = auction.highest.take() {
			T::Funds::release(auction.asset.clone(), &reason, &previous, held, Precision::Exact)?;
		}
		let extension = T::AuctionExtension::get();
		if auction.ends_at.saturating_sub(now) < extension {
			auction.ends_at = now.saturating_add(extension);
		}
		auction.highest = Some((bidder.clone(), amount));
		let ends_at = auction.ends_at;
		Auctions::<T>::insert(collection, item, auction);
		Self::deposit_event(Event::BidPlaced { collection, item, bidder, amount, ends_at });
		Ok(())
	}

	/// Closes an ended auction and returns how many rights holders were paid.
	///
	/// Settles to the highest bidder if the reserve is met and the seller still owns the item.
	/// If settlement itself fails (the buyer lost the KYC level the collection needs, the work
	/// was frozen), the auction closes unsold and the bid is released, so that no bid is stuck.
	pub(crate) fn do_settle_auction(
		collection: CollectionId,
		item: ItemId,
	) -> Result<u32, DispatchError> {
		let auction = Auctions::<T>::get(collection, item).ok_or(Error::<T>::NoAuction)?;
		ensure!(Self::now() >= auction.ends_at, Error::<T>::AuctionNotEnded);
		Auctions::<T>::remove(collection, item);
		let Some((bidder, amount)) = auction.highest.clone() else {
			Self::deposit_event(Event::AuctionClosedUnsold { collection, item });
			return Ok(0);
		};
		let sellable = amount >= auction.reserve
			&& Self::still_owned(collection, item, &auction.seller, auction.nonce);
		if sellable {
			let settled = with_storage_layer(|| {
				Self::settle(Sale {
					collection,
					item: Some(item),
					seller: auction.seller.clone(),
					buyer: bidder.clone(),
					asset: auction.asset.clone(),
					price: amount,
					funding: Funding::Held(HoldReason::Bid),
					kind: SaleKind::Auction,
				})
			});
			if let Ok(paid) = settled {
				return Ok(paid);
			}
		}
		T::Funds::release(
			auction.asset,
			&HoldReason::Bid.into(),
			&bidder,
			amount,
			Precision::Exact,
		)?;
		Self::deposit_event(Event::AuctionClosedUnsold { collection, item });
		Ok(0)
	}

	/// Cancels an auction of `seller` that has no bids.
	pub(crate) fn do_cancel_auction(
		seller: T::AccountId,
		collection: CollectionId,
		item: ItemId,
	) -> DispatchResult {
		let auction = Auctions::<T>::get(collection, item).ok_or(Error::<T>::NoAuction)?;
		ensure!(auction.seller == seller, Error::<T>::NotOwner);
		ensure!(auction.highest.is_none(), Error::<T>::AuctionHasBids);
		Auctions::<T>::remove(collection, item);
		Self::deposit_event(Event::AuctionClosedUnsold { collection, item });
		Ok(())
	}
}
