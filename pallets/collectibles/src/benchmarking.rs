//! Benchmarks of every call of the collectibles pallet (FRAME benchmarks v2), each in its
//! worst case.

use super::*;
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_support::traits::{fungible::Mutate, EnsureOrigin, Get};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_runtime::traits::{Bounded, Zero};
use yinji_primitives::{CollectionId, CollectionKind, KycLevel, TagHash, TagKind, TransferPolicy};

/// A funded account.
fn funded<T: Config>(name: &'static str) -> T::AccountId {
	let who: T::AccountId = account(name, 0, 0);
	T::Currency::set_balance(&who, BalanceOf::<T>::max_value() / 4u32.into());
	who
}

/// A collection by a funded issuer: physical twins, holders need KYC level 1.
fn collection<T: Config>(policy: PolicyOf<T>) -> (T::AccountId, CollectionId) {
	collection_of::<T>(CollectionKind::PhysicalTwin, policy, 1)
}

/// A collection of `kind` by a funded issuer, without a royalty.
fn collection_of<T: Config>(
	kind: CollectionKind,
	policy: PolicyOf<T>,
	min_holder_kyc: KycLevel,
) -> (T::AccountId, CollectionId) {
	let issuer = funded::<T>("issuer");
	let work = T::BenchmarkHelper::registered_work(&issuer);
	let collection = NextCollectionId::<T>::get();
	let created = Pallet::<T>::create_collection(
		RawOrigin::Signed(issuer.clone()).into(),
		work,
		kind,
		u32::MAX,
		Cid::<T>::truncate_from(vec![b'c'; T::MaxCidLength::get() as usize]),
		0,
		policy,
		min_holder_kyc,
	);
	assert!(created.is_ok(), "benchmark setup creates a collection");
	(issuer, collection)
}

/// An attested holder of edition 1 of a new collection under `policy`.
fn item<T: Config>(policy: PolicyOf<T>) -> (T::AccountId, T::AccountId, CollectionId) {
	let (issuer, collection) = collection::<T>(policy);
	let holder = funded::<T>("holder");
	T::BenchmarkHelper::attest(&holder, 1);
	let minted =
		Pallet::<T>::mint(RawOrigin::Signed(issuer.clone()).into(), collection, holder.clone(), 1);
	assert!(minted.is_ok(), "benchmark setup mints an item");
	(issuer, holder, collection)
}

fn tagged<T: Config>() -> (T::AccountId, T::AccountId, CollectionId, TagHash) {
	let (issuer, holder, collection) = item::<T>(TransferPolicy::SettlementOnly);
	let tag = [1u8; 32];
	let bound = Pallet::<T>::bind_tag(
		RawOrigin::Signed(issuer.clone()).into(),
		collection,
		1,
		tag,
		TagKind::Ntag424,
		0,
	);
	assert!(bound.is_ok(), "benchmark setup binds a tag");
	(issuer, holder, collection, tag)
}

/// A holder of edition 1 of a new exportable collection (digital, sales allowed, no KYC).
fn exportable<T: Config>() -> (T::AccountId, CollectionId) {
	let (issuer, collection) =
		collection_of::<T>(CollectionKind::DigitalCollectible, TransferPolicy::SettlementOnly, 0);
	let holder = funded::<T>("holder");
	let minted = Pallet::<T>::mint(RawOrigin::Signed(issuer).into(), collection, holder.clone(), 1);
	assert!(minted.is_ok(), "benchmark setup mints an item");
	(holder, collection)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_collection() {
		let issuer = funded::<T>("issuer");
		let work = T::BenchmarkHelper::registered_work(&issuer);
		let policy = TransferPolicy::GiftOnly {
			min_hold: BlockNumberFor::<T>::max_value(),
			recipient_kyc: 1,
		};
		#[extrinsic_call]
		_(
			RawOrigin::Signed(issuer),
			work,
			CollectionKind::PhysicalTwin,
			u32::MAX,
			Cid::<T>::truncate_from(vec![b'c'; T::MaxCidLength::get() as usize]),
			T::MaxRoyalty::get(),
			policy,
			1,
		);
		assert!(Collections::<T>::contains_key(0));
	}

	#[benchmark]
	fn mint(n: Linear<1, { T::MaxMintBatch::get() }>) {
		let (issuer, collection) = collection::<T>(TransferPolicy::SettlementOnly);
		let to = funded::<T>("recipient");
		T::BenchmarkHelper::attest(&to, 1);
		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), collection, to, n);
		assert_eq!(Collections::<T>::get(collection).map(|c| c.minted), Some(n));
	}

	#[benchmark]
	fn gift() {
		let policy = TransferPolicy::GiftOnly { min_hold: Zero::zero(), recipient_kyc: 1 };
		let (_, holder, collection) = item::<T>(policy);
		let to = funded::<T>("recipient");
		T::BenchmarkHelper::attest(&to, 1);
		#[extrinsic_call]
		_(RawOrigin::Signed(holder), collection, 1, to.clone());
		assert_eq!(Items::<T>::get(collection, 1).map(|i| i.owner), Some(to));
	}

	#[benchmark]
	fn burn() {
		let (_, holder, collection, tag) = tagged::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(holder), collection, 1);
		assert!(!Items::<T>::contains_key(collection, 1));
		assert!(RetiredTags::<T>::contains_key(tag));
	}

	#[benchmark]
	fn tighten_policy() {
		let (issuer, collection) = collection::<T>(TransferPolicy::Free);
		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), collection, TransferPolicy::Soulbound, 2);
		assert_eq!(Collections::<T>::get(collection).map(|c| c.min_holder_kyc), Some(2));
	}

	#[benchmark]
	fn bind_tag() {
		let (issuer, _, collection) = item::<T>(TransferPolicy::SettlementOnly);
		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), collection, 1, [2u8; 32], TagKind::Ntag424, 1);
		assert!(TagOf::<T>::contains_key([2u8; 32]));
	}

	#[benchmark]
	fn unbind_tag() {
		let (issuer, _, collection, tag) = tagged::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), collection, 1, UnbindReason::Damaged);
		assert!(RetiredTags::<T>::contains_key(tag));
	}

	#[benchmark]
	fn rebind_tag() {
		let (issuer, _, collection, _) = tagged::<T>();
		#[extrinsic_call]
		_(
			RawOrigin::Signed(issuer),
			collection,
			1,
			UnbindReason::Damaged,
			[2u8; 32],
			TagKind::Ntag424,
			1,
		);
		assert!(TagOf::<T>::contains_key([2u8; 32]));
	}

	#[benchmark]
	fn raise_watermark() -> Result<(), BenchmarkError> {
		let origin = T::TagVerifierOrigin::try_successful_origin()
			.map_err(|_| BenchmarkError::Weightless)?;
		let (_, _, _, tag) = tagged::<T>();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, tag, 61);
		assert_eq!(TagOf::<T>::get(tag).map(|b| b.watermark), Some(61));
		Ok(())
	}

	#[benchmark]
	fn set_collection_frozen() -> Result<(), BenchmarkError> {
		let origin = T::ArbitrationOrigin::try_successful_origin()
			.map_err(|_| BenchmarkError::Weightless)?;
		let (_, collection) = collection::<T>(TransferPolicy::SettlementOnly);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, collection, true);
		assert_eq!(Collections::<T>::get(collection).map(|c| c.frozen), Some(true));
		Ok(())
	}

	#[benchmark]
	fn set_item_frozen() -> Result<(), BenchmarkError> {
		let origin = T::ArbitrationOrigin::try_successful_origin()
			.map_err(|_| BenchmarkError::Weightless)?;
		let (_, _, collection) = item::<T>(TransferPolicy::SettlementOnly);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, collection, 1, true);
		assert_eq!(Items::<T>::get(collection, 1).map(|i| i.frozen), Some(true));
		Ok(())
	}

	#[benchmark]
	fn export_item() {
		let (holder, collection) = exportable::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(holder), collection, 1, [7u8; 20]);
		assert_eq!(
			Items::<T>::get(collection, 1).map(|i| i.owner),
			Some(T::BridgeCustodian::get())
		);
	}

	#[benchmark]
	fn import_item() -> Result<(), BenchmarkError> {
		let origin =
			T::BridgeOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let (holder, collection) = exportable::<T>();
		let exported = Pallet::<T>::export_item(
			RawOrigin::Signed(holder.clone()).into(),
			collection,
			1,
			[7u8; 20],
		);
		assert!(exported.is_ok(), "benchmark setup exports the item");
		let evm_burn = EvmBurn { tx_hash: [9u8; 32], log_index: 3 };
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, collection, 1, holder.clone(), evm_burn);
		assert_eq!(Items::<T>::get(collection, 1).map(|i| i.owner), Some(holder));
		assert!(ImportedBurns::<T>::contains_key(evm_burn));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
