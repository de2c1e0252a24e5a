//! The pallet's calls, one feature per file, each an `impl Pallet<T>` block.

mod campaign;
mod points;
mod tiers;

use crate::{Config, Error, Event, Pallet, PointsRate, Rates};
use frame_support::{ensure, pallet_prelude::DispatchResult};
use sp_runtime::traits::Zero;

impl<T: Config> Pallet<T> {
	/// Sets or removes the rate of `asset`.
	pub(crate) fn do_set_rate(
		asset: T::AssetKind,
		rate: Option<PointsRate<T::Balance>>,
	) -> DispatchResult {
		match &rate {
			Some(rate) => {
				ensure!(
					!rate.price_per_point.is_zero() && !rate.point_value.is_zero(),
					Error::<T>::InvalidRate
				);
				Rates::<T>::insert(&asset, rate);
			}
			None => Rates::<T>::remove(&asset),
		}
		Self::deposit_event(Event::RateSet { asset, rate });
		Ok(())
	}

	/// The current block number.
	pub(crate) fn now() -> frame_system::pallet_prelude::BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number()
	}
}
