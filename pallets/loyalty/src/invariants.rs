//! The pallet's invariants, checked by `try_state` (and after every unit test).

// Compiled in every build, so that the tests of other pallets can check these invariants too.

use crate::{Buckets, Config, Issuance, Members, Pallet};
use sp_runtime::{traits::Get, TryRuntimeError};
use yinji_primitives::Points;

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
		let mut issuance: Points = 0;
		for (who, member) in Members::<T>::iter() {
			let buckets = Buckets::<T>::get(&who);
			let held =
				buckets.iter().fold(0, |total: Points, bucket| total.saturating_add(bucket.points));
			check(
				held == member.balance,
				"a member's balance differs from the sum of their buckets",
			)?;
			check(member.balance <= member.lifetime, "a member holds more than they ever earned")?;
			check(buckets.iter().all(|bucket| bucket.points > 0), "an empty bucket is kept")?;
			check(
				buckets.windows(2).all(|pair| pair[0].expires_at < pair[1].expires_at),
				"buckets are not oldest first",
			)?;
			check(u32::from(member.tier) <= T::MaxTiers::get(), "a tier is past MaxTiers")?;
			issuance = issuance.saturating_add(member.balance);
		}
		for (who, _) in Buckets::<T>::iter() {
			check(Members::<T>::contains_key(&who), "buckets of an account with no member record")?;
		}
		check(issuance == Issuance::<T>::get(), "the issuance differs from the sum of balances")
	}
}
