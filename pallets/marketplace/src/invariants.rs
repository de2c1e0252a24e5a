//! The pallet's invariants, checked by `try_state` (and after every unit test).

// Compiled in every build, so that the tests of other pallets can check these invariants too.

use crate::{
	Auctions, BalanceOf, Config, HoldReason, Listings, NextOfferId, NextOrderId, Offers,
	OpenOffersOf, OrderOf, Orders, Pallet,
};
use alloc::collections::BTreeMap;
use frame_support::traits::fungibles::InspectHold;
use sp_runtime::{
	traits::{Saturating, Zero},
	TryRuntimeError,
};
use yinji_primitives::CollectibleSettlement;

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
		// Escrow: what is held for offers and bids equals the open offers and highest bids.
		let mut offers: BTreeMap<(T::AccountId, T::AssetKind), BalanceOf<T>> = BTreeMap::new();
		let mut offer_counts: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		let next = NextOfferId::<T>::get();
		for (id, offer) in Offers::<T>::iter() {
			check(id < next, "an offer id is not below NextOfferId")?;
			let total = offers.entry((offer.offerer.clone(), offer.asset.clone())).or_default();
			*total = total.saturating_add(offer.amount);
			offer_counts.entry(offer.offerer).or_default().saturating_inc();
		}
		for (who, count) in OpenOffersOf::<T>::iter() {
			check(
				offer_counts.get(&who).copied().unwrap_or_default() == count,
				"an open-offer count is wrong",
			)?;
		}
		let mut bids: BTreeMap<(T::AccountId, T::AssetKind), BalanceOf<T>> = BTreeMap::new();
		for (collection, item, auction) in Auctions::<T>::iter() {
			if Self::still_owned(collection, item, &auction.seller, auction.nonce) {
				check(
					T::Collectibles::item(collection, item).is_some(),
					"an auction's item is gone",
				)?;
			}
			if let Some((bidder, amount)) = auction.highest {
				check(amount >= auction.start_price, "a bid is below the start price")?;
				let total = bids.entry((bidder, auction.asset)).or_default();
				*total = total.saturating_add(amount);
			}
		}
		for ((who, asset), total) in offers {
			check(
				T::Funds::balance_on_hold(asset, &HoldReason::Offer.into(), &who) == total,
				"funds held for offers differ from the open offers",
			)?;
		}
		for ((who, asset), total) in bids {
			check(
				T::Funds::balance_on_hold(asset.clone(), &HoldReason::Bid.into(), &who) == total,
				"funds held for bids differ from the highest bids",
			)?;
			check(
				T::Funds::balance_on_hold(asset, &HoldReason::Purchase.into(), &who).is_zero(),
				"purchase funds stayed held after an extrinsic",
			)?;
		}
		// Escrow of orders: what is held equals the open orders, one per item, each item still
		// its seller's and listed nowhere.
		let mut escrow: BTreeMap<(T::AccountId, T::AssetKind), BalanceOf<T>> = BTreeMap::new();
		let next = NextOrderId::<T>::get();
		for (id, order) in Orders::<T>::iter() {
			check(id < next, "an order id is not below NextOrderId")?;
			check(
				OrderOf::<T>::get(order.collection, order.item) == Some(id),
				"an open order does not lock its item",
			)?;
			check(
				T::Collectibles::item(order.collection, order.item)
					.is_some_and(|info| info.owner == order.seller),
				"an open order's item left its seller",
			)?;
			check(
				!Listings::<T>::contains_key(order.collection, order.item),
				"an item in an order is listed",
			)?;
			let total = escrow.entry((order.buyer, order.asset)).or_default();
			*total = total.saturating_add(order.price);
		}
		for (_, _, id) in OrderOf::<T>::iter() {
			check(Orders::<T>::contains_key(id), "an item is locked by a closed order")?;
		}
		for ((who, asset), total) in escrow {
			check(
				T::Funds::balance_on_hold(asset, &HoldReason::Order.into(), &who) == total,
				"funds held for orders differ from the open orders",
			)?;
		}
		// A listing whose item nonce still matches points at an item its seller owns.
		for (collection, item, listing) in Listings::<T>::iter() {
			if let Some(info) = T::Collectibles::item(collection, item) {
				if info.nonce == listing.nonce {
					check(
						info.owner == listing.seller,
						"a current listing's seller does not own the item",
					)?;
				}
			}
		}
		Ok(())
	}
}
