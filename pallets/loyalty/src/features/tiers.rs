//! Tiers from lifetime points against governance's thresholds.

use crate::{Config, Error, Event, Members, Pallet, TierThresholds};
use frame_support::{ensure, pallet_prelude::DispatchResult, BoundedVec};
use yinji_primitives::{Points, Tier};

impl<T: Config> Pallet<T> {
	/// Sets the tier thresholds: above zero and strictly rising.
	pub(crate) fn do_set_tier_thresholds(
		thresholds: BoundedVec<Points, T::MaxTiers>,
	) -> DispatchResult {
		let rising = thresholds.first().is_none_or(|first| *first > 0)
			&& thresholds.windows(2).all(|pair| pair[0] < pair[1]);
		ensure!(rising, Error::<T>::ThresholdsNotRising);
		TierThresholds::<T>::put(&thresholds);
		Self::deposit_event(Event::TierThresholdsSet { thresholds });
		Ok(())
	}

	/// The tier `lifetime` points reach under the current thresholds.
	pub(crate) fn tier_for(lifetime: Points) -> Tier {
		let reached =
			TierThresholds::<T>::get().iter().filter(|needed| lifetime >= **needed).count();
		Tier::try_from(reached).unwrap_or(Tier::MAX)
	}

	/// Announces `who`'s tier if it differs from the one last announced; returns whether it did.
	pub(crate) fn announce_tier(who: &T::AccountId) -> bool {
		let mut member = Members::<T>::get(who);
		let tier = Self::tier_for(member.lifetime);
		if tier == member.tier {
			return false;
		}
		let from = member.tier;
		member.tier = tier;
		Members::<T>::insert(who, member);
		Self::deposit_event(Event::TierChanged { who: who.clone(), from, to: tier });
		true
	}
}
