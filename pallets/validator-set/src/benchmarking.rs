//! Benchmarks of the validator-set pallet (FRAME benchmarks v2), each with a full set.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{EnsureOrigin, Get},
	BoundedVec,
};

/// A set of `MaxValidators - 1` validators.
fn nearly_full<T: Config>() {
	let validators: Vec<T::AccountId> = (0..T::MaxValidators::get().saturating_sub(1))
		.map(|i| account("validator", i, 0))
		.collect();
	Validators::<T>::put(BoundedVec::truncate_from(validators));
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn add_validator() -> Result<(), BenchmarkError> {
		let origin =
			T::AddRemoveOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		nearly_full::<T>();
		let who: T::AccountId = account("new", 0, 0);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());
		assert!(Validators::<T>::get().contains(&who));
		Ok(())
	}

	#[benchmark]
	fn remove_validator() -> Result<(), BenchmarkError> {
		let origin =
			T::AddRemoveOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		nearly_full::<T>();
		let who: T::AccountId = account("validator", 0, 0);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());
		assert!(!Validators::<T>::get().contains(&who));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
