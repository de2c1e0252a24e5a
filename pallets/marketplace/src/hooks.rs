//! The marketplace's hooks, imported into the pallet by `#[import_section(hooks)]`.

use frame_support::pallet_macros::pallet_section;

/// The marketplace's hooks, imported into the pallet by `#[import_section(hooks)]`.
#[pallet_section]
mod hooks {
	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Closes the listings and offers that expire at `now` (at most `MaxExpiriesPerBlock`)
		/// and applies the order deadlines due (at most `MaxOrdersDuePerBlock`).
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			Self::close_expired(now).saturating_add(Self::close_due_orders(now))
		}

		fn integrity_test() {
			assert!(T::MaxPlatformFee::get() <= yinji_primitives::WHOLE, "a fee is at most 100 %");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}
}
