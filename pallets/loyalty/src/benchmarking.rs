//! Benchmarks of every call of the loyalty pallet (FRAME benchmarks v2), each in its worst
//! case.

use super::*;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{EnsureOrigin, Get},
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_runtime::traits::{One, Saturating};
use yinji_primitives::Points;

fn governance<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

/// `MaxTiers` rising thresholds.
fn full_thresholds<T: Config>() -> BoundedVec<Points, T::MaxTiers> {
	let values: Vec<Points> =
		(1..=T::MaxTiers::get()).map(|tier| Points::from(tier) * 100).collect();
	BoundedVec::truncate_from(values)
}

/// A campaign of `issuer` with a large budget; returns its id.
fn campaign<T: Config>(issuer: &T::AccountId) -> CampaignId {
	let id = NextCampaignId::<T>::get();
	let ends_at = frame_system::Pallet::<T>::block_number().saturating_add(1_000u32.into());
	let _ = Pallet::<T>::do_create_campaign(issuer.clone(), Points::MAX / 2, ends_at);
	id
}

/// Gives `who` one bucket per bucket period for `MaxBuckets` periods, then moves past all of
/// their expiries: the most buckets a purge can meet.
fn expired_buckets<T: Config>(who: &T::AccountId) {
	let period = T::BucketPeriod::get();
	for _ in 0..T::MaxBuckets::get() {
		let _ = Pallet::<T>::earn(who, 10, Source::Purchase);
		let now = frame_system::Pallet::<T>::block_number();
		frame_system::Pallet::<T>::set_block_number(now.saturating_add(period));
	}
	let now = frame_system::Pallet::<T>::block_number();
	let past = now.saturating_add(T::ExpiryPeriod::get()).saturating_add(period);
	frame_system::Pallet::<T>::set_block_number(past.saturating_add(One::one()));
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn set_rate() -> Result<(), BenchmarkError> {
		let origin = governance::<T>()?;
		let rate = PointsRate { price_per_point: 100u32.into(), point_value: 1u32.into() };
		let asset = <T::BenchmarkHelper as crate::BenchmarkHelper<T::AssetKind>>::asset();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, asset.clone(), Some(rate));
		assert!(Rates::<T>::contains_key(asset));
		Ok(())
	}

	#[benchmark]
	fn set_tier_thresholds(t: Linear<0, { T::MaxTiers::get() }>) -> Result<(), BenchmarkError> {
		let origin = governance::<T>()?;
		let thresholds = BoundedVec::truncate_from(
			full_thresholds::<T>().into_iter().take(t as usize).collect(),
		);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, thresholds);
		assert_eq!(TierThresholds::<T>::get().len() as u32, t);
		Ok(())
	}

	#[benchmark]
	fn create_campaign() -> Result<(), BenchmarkError> {
		let origin = governance::<T>()?;
		let issuer: T::AccountId = account("issuer", 0, 0);
		let ends_at: BlockNumberFor<T> = 1_000u32.into();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, issuer, 1_000, ends_at);
		assert!(Campaigns::<T>::contains_key(0));
		Ok(())
	}

	#[benchmark]
	fn close_campaign() -> Result<(), BenchmarkError> {
		let origin = governance::<T>()?;
		let id = campaign::<T>(&account("issuer", 0, 0));
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id);
		assert!(!Campaigns::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn award() {
		TierThresholds::<T>::put(full_thresholds::<T>());
		let issuer: T::AccountId = account("issuer", 0, 0);
		let who: T::AccountId = account("member", 0, 0);
		// A member whose award also purges a full list of expired buckets and changes tier.
		expired_buckets::<T>(&who);
		let id = campaign::<T>(&issuer);
		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), id, who.clone(), 100_000, AwardReason::Review);
		assert_eq!(Pallet::<T>::spendable(&who), 100_000);
	}

	#[benchmark]
	fn purge_expired() {
		let who: T::AccountId = account("member", 0, 0);
		expired_buckets::<T>(&who);
		let caller: T::AccountId = account("caller", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), who.clone());
		assert!(Buckets::<T>::get(&who).is_empty());
	}

	#[benchmark]
	fn refresh_tier() {
		let who: T::AccountId = account("member", 0, 0);
		TierThresholds::<T>::put(BoundedVec::truncate_from(Vec::from([100])));
		let _ = Pallet::<T>::earn(&who, 1_000_000, Source::Purchase);
		// Governance raises the bar past the member: their announced tier 1 is now stale.
		TierThresholds::<T>::put(BoundedVec::truncate_from(Vec::from([Points::MAX])));
		let caller: T::AccountId = account("caller", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), who.clone());
		assert_eq!(Members::<T>::get(&who).tier, 0);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
