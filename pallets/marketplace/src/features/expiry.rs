//! Closing expired listings and offers, at most `MaxExpiriesPerBlock` a block.
//!
//! A listing or offer is queued under its expiry block when made. `on_initialize` takes that
//! block's queue and closes whatever in it is still open and expired. A full queue simply does
//! not take more: every call checks expiry itself, and anyone may close a void listing or offer,
//! so nothing depends on the queue for correctness — it only tidies up.

use crate::{Config, Event, Expiring, ExpiryQueue, Listings, Offers, Pallet, WeightInfo};
use frame_support::weights::Weight;
use frame_system::pallet_prelude::BlockNumberFor;

impl<T: Config> Pallet<T> {
	/// Queues `what` to be closed at block `at`, if that block's queue has room.
	pub(crate) fn schedule_expiry(at: BlockNumberFor<T>, what: Expiring) {
		ExpiryQueue::<T>::mutate(at, |queue| {
			// A full queue leaves `what` to be closed lazily (see the module docs).
			let _ = queue.try_push(what);
		});
	}

	/// Closes what was queued for `now` and is still open and expired; returns the weight used.
	pub(crate) fn close_expired(now: BlockNumberFor<T>) -> Weight {
		let queue = ExpiryQueue::<T>::take(now);
		let count = queue.len() as u32;
		for what in queue {
			match what {
				Expiring::Listing(collection, item) => {
					if Listings::<T>::get(collection, item).is_some_and(|l| l.expires_at <= now) {
						Listings::<T>::remove(collection, item);
						Self::deposit_event(Event::ListingRemoved { collection, item });
					}
				}
				Expiring::Offer(offer) => {
					if let Some(record) = Offers::<T>::get(offer).filter(|o| o.expires_at <= now) {
						// On failure the offer stays open; its offerer or anyone can withdraw it.
						let _ = Self::close_offer(offer, &record);
					}
				}
			}
		}
		T::WeightInfo::on_initialize(count)
	}
}
