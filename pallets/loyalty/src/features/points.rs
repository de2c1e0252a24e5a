//! Earning, spending and expiring points, in a bounded list of buckets per member.
//!
//! Points earned in bucket period `k` (blocks `k·P` to `(k+1)·P − 1`) go into one bucket that
//! expires at block `(k+1)·P + E`, where `P` is `BucketPeriod` and `E` is `ExpiryPeriod`: every
//! point stays spendable at least `E` blocks, at most `E + P`. Buckets are kept oldest first, so
//! spending takes from the front and expiry removes from the front.

use crate::{Bucket, Buckets, Config, Error, Event, Issuance, Members, Pallet, Source};
use frame_support::ensure;
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{Get, One, Saturating},
	DispatchError,
};
use yinji_primitives::Points;

impl<T: Config> Pallet<T> {
	/// When points earned at block `now` expire.
	pub(crate) fn expiry_of(now: BlockNumberFor<T>) -> BlockNumberFor<T> {
		let period = T::BucketPeriod::get();
		let next_period_start = (now / period).saturating_add(One::one()).saturating_mul(period);
		next_period_start.saturating_add(T::ExpiryPeriod::get())
	}

	/// The points `who` can spend now.
	pub fn spendable(who: &T::AccountId) -> Points {
		let now = Self::now();
		Buckets::<T>::get(who)
			.iter()
			.filter(|bucket| bucket.expires_at > now)
			.fold(0, |total: Points, bucket| total.saturating_add(bucket.points))
	}

	/// Credits `points` to `who` from `source`, announcing a tier change.
	pub(crate) fn earn(
		who: &T::AccountId,
		points: Points,
		source: Source,
	) -> Result<(), DispatchError> {
		if points == 0 {
			return Ok(());
		}
		Self::purge(who)?;
		let expires_at = Self::expiry_of(Self::now());
		Buckets::<T>::try_mutate(who, |buckets| -> Result<(), DispatchError> {
			match buckets.last_mut() {
				Some(last) if last.expires_at == expires_at => {
					last.points = last.points.checked_add(points).ok_or(Error::<T>::Overflow)?;
				}
				_ => buckets
					.try_push(Bucket { expires_at, points })
					.map_err(|_| Error::<T>::TooManyBuckets)?,
			}
			Ok(())
		})?;
		Members::<T>::try_mutate(who, |member| -> Result<(), Error<T>> {
			member.balance = member.balance.checked_add(points).ok_or(Error::<T>::Overflow)?;
			member.lifetime = member.lifetime.checked_add(points).ok_or(Error::<T>::Overflow)?;
			Ok(())
		})?;
		Issuance::<T>::try_mutate(|issuance| -> Result<(), Error<T>> {
			*issuance = issuance.checked_add(points).ok_or(Error::<T>::Overflow)?;
			Ok(())
		})?;
		Self::deposit_event(Event::PointsEarned { who: who.clone(), points, source, expires_at });
		Self::announce_tier(who);
		Ok(())
	}

	/// Debits `points` from `who`'s unexpired buckets, oldest first.
	pub(crate) fn spend(who: &T::AccountId, points: Points) -> Result<(), DispatchError> {
		ensure!(Self::spendable(who) >= points, Error::<T>::InsufficientPoints);
		Self::purge(who)?;
		Buckets::<T>::mutate(who, |buckets| {
			let mut owed = points;
			for bucket in buckets.iter_mut() {
				let taken = owed.min(bucket.points);
				bucket.points -= taken;
				owed -= taken;
				if owed == 0 {
					break;
				}
			}
			buckets.retain(|bucket| bucket.points > 0);
		});
		Self::debit(who, points);
		Ok(())
	}

	/// Removes `who`'s expired buckets and returns how many points they held.
	pub(crate) fn purge(who: &T::AccountId) -> Result<Points, DispatchError> {
		let now = Self::now();
		let mut expired: Points = 0;
		Buckets::<T>::mutate(who, |buckets| {
			buckets.retain(|bucket| {
				let live = bucket.expires_at > now;
				if !live {
					expired = expired.saturating_add(bucket.points);
				}
				live
			});
		});
		if expired > 0 {
			Self::debit(who, expired);
			Self::deposit_event(Event::PointsExpired { who: who.clone(), points: expired });
		}
		Ok(expired)
	}

	/// Lowers `who`'s balance and the issuance by `points` taken out of their buckets.
	fn debit(who: &T::AccountId, points: Points) {
		// The points were in `who`'s buckets, which the balance and the issuance both count, so
		// neither can go below zero; saturating keeps that true even on a corrupted state.
		Members::<T>::mutate(who, |member| member.balance = member.balance.saturating_sub(points));
		Issuance::<T>::mutate(|issuance| *issuance = issuance.saturating_sub(points));
	}
}
