//! The marketplace's view of loyalty: points minted and redeemed inside a sale
//! ([`OnSettlement`]) and tiers for drop gating ([`MemberTiers`]).

use crate::{Config, Error, Event, Members, Pallet, Rates, Source};
use frame_support::storage::with_storage_layer;
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchError, SaturatedConversion,
};
use yinji_primitives::{MemberTiers, OnSettlement, Points, Tier};

impl<T: Config> OnSettlement<T::AccountId, T::AssetKind, T::Balance> for Pallet<T> {
	/// Spends as many of the named points as fit in `max_discount` (whole points only), and
	/// returns their value.
	fn redeem(
		buyer: &T::AccountId,
		asset: &T::AssetKind,
		points: Points,
		max_discount: T::Balance,
	) -> Result<T::Balance, DispatchError> {
		if points == 0 {
			return Ok(Zero::zero());
		}
		// Atomic on its own too, not only inside the sale's extrinsic.
		with_storage_layer(|| Self::do_redeem(buyer, asset, points, max_discount))
	}

	/// Earns `⌊price / price_per_point⌋` points, if the currency has a rate.
	fn settled(
		buyer: &T::AccountId,
		asset: &T::AssetKind,
		price: T::Balance,
	) -> Result<Points, DispatchError> {
		let Some(rate) = Rates::<T>::get(asset) else { return Ok(0) };
		let points: Points = (price / rate.price_per_point).saturated_into();
		with_storage_layer(|| Self::earn(buyer, points, Source::Purchase))?;
		Ok(points)
	}
}

impl<T: Config> Pallet<T> {
	/// Spends what fits of `points` in `max_discount` and returns the discount.
	fn do_redeem(
		buyer: &T::AccountId,
		asset: &T::AssetKind,
		points: Points,
		max_discount: T::Balance,
	) -> Result<T::Balance, DispatchError> {
		let rate = Rates::<T>::get(asset).ok_or(Error::<T>::NoRateForAsset)?;
		let affordable: Points = (max_discount / rate.point_value).saturated_into();
		let spent = points.min(affordable);
		if spent == 0 {
			return Ok(Zero::zero());
		}
		Self::spend(buyer, spent)?;
		let discount = rate.point_value.saturating_mul(T::Balance::saturated_from(spent));
		Self::deposit_event(Event::PointsRedeemed {
			who: buyer.clone(),
			points: spent,
			asset: asset.clone(),
			discount,
		});
		Ok(discount)
	}
}

impl<T: Config> MemberTiers<T::AccountId> for Pallet<T> {
	/// The tier the member's lifetime points reach under the current thresholds.
	fn tier_of(who: &T::AccountId) -> Tier {
		Self::tier_for(Members::<T>::get(who).lifetime)
	}
}
