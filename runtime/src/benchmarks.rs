//! The runtime's benchmarks: which pallets are benchmarked, and the setup the yinji pallets'
//! benchmarks need from their neighbours.

use crate::{AccountId, Balance, Balances, Collectibles, Runtime, RuntimeOrigin, Works, UNIT};
use alloc::vec;
use frame_support::traits::fungible::{Mutate, NativeOrWithId};
use yinji_primitives::{
	BasisPoints, CollectionId, CollectionKind, ItemId, KycLevel, Licence, TagHash, TagKind,
	TransferPolicy, WorkId, WorkKind, WHOLE,
};

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_sudo, Sudo]
	[pallet_validator_set, ValidatorSet]
	[pallet_works, Works]
	[pallet_collectibles, Collectibles]
	[pallet_marketplace, Marketplace]
	[pallet_loyalty, Loyalty]
);

/// Sets up works, collections and funds through the real pallets.
pub struct Helper;

impl Helper {
	/// Registers a work by `registrant` (attested here) with `split` and `parents`.
	fn work(
		registrant: &AccountId,
		split: vec::Vec<(AccountId, BasisPoints)>,
		parents: vec::Vec<(WorkId, BasisPoints)>,
	) -> WorkId {
		pallet_works::AttestationOf::<Runtime>::insert(
			registrant,
			pallet_works::Attestation {
				institution: registrant.clone(),
				kyc_level: 1,
				expires_at: u32::MAX,
			},
		);
		let work = pallet_works::NextWorkId::<Runtime>::get();
		let mut content = [0xB5u8; 32];
		content[..8].copy_from_slice(&work.to_le_bytes());
		let registered = Works::register_work(
			RuntimeOrigin::signed(registrant.clone()),
			content,
			None,
			vec![b'c'; 59].try_into().unwrap_or_default(),
			WorkKind::Image,
			Licence::Commercial { fee: 0, derivatives: true },
			split.try_into().unwrap_or_default(),
			parents.try_into().unwrap_or_default(),
		);
		assert!(registered.is_ok(), "benchmark setup registers a work");
		work
	}

	/// An equal split of a work between `issuer` and `count - 1` funded holders numbered from
	/// `*next`; the issuer takes the rounding.
	fn split(issuer: &AccountId, count: u32, next: &mut u32) -> vec::Vec<(AccountId, BasisPoints)> {
		let count = count.max(1);
		let share = WHOLE / count as BasisPoints;
		let mut split: vec::Vec<(AccountId, BasisPoints)> = (0..count)
			.map(|i| {
				let holder = if i == 0 {
					issuer.clone()
				} else {
					*next += 1;
					frame_benchmarking::account("holder", *next, 0)
				};
				let _ = Balances::mint_into(&holder, UNIT);
				(holder, share)
			})
			.collect();
		split[0].1 += WHOLE - share * count as BasisPoints;
		split
	}

	/// A work of `issuer` whose royalties are divided among `beneficiaries` holder shares: the
	/// work and as many ancestors as it takes, each with at most `MaxRightsHolders` holders. Up
	/// to four ancestors are parents of the work and the rest (up to three each) their parents,
	/// so neither `MaxParents` nor the depth bound stops the registration; with
	/// `MaxAncestors` of 16 this reaches the marketplace's `MaxBeneficiaries` of 17 × 16.
	fn work_with_beneficiaries(issuer: &AccountId, beneficiaries: u32) -> WorkId {
		use frame_support::traits::Get;
		let per_work: u32 = <Runtime as pallet_works::Config>::MaxRightsHolders::get();
		let ancestors: u32 = <Runtime as pallet_works::Config>::MaxAncestors::get();
		let most = ancestors.saturating_add(1);
		let works = beneficiaries.max(1).div_ceil(per_work).min(most);
		let mut left = beneficiaries.max(works);
		let mut next = 0;
		let mut take = |works_left: u32| {
			let count = left.saturating_sub(works_left.saturating_sub(1)).min(per_work);
			left = left.saturating_sub(count);
			count
		};
		let ancestors = works - 1;
		let parents = ancestors.min(4);
		let mut remaining = works;
		let grandparents: vec::Vec<WorkId> = (0..ancestors - parents)
			.map(|_| {
				let count = take(remaining);
				remaining -= 1;
				Self::work(issuer, Self::split(issuer, count, &mut next), vec![])
			})
			.collect();
		let parents: vec::Vec<WorkId> = (0..parents as usize)
			.map(|p| {
				let own = grandparents.iter().skip(p * 3).take(3).map(|g| (*g, 500)).collect();
				let count = take(remaining);
				remaining -= 1;
				Self::work(issuer, Self::split(issuer, count, &mut next), own)
			})
			.collect();
		let count = take(remaining);
		let parents = parents.iter().map(|p| (*p, 500)).collect();
		Self::work(issuer, Self::split(issuer, count, &mut next), parents)
	}
}

impl pallet_collectibles::BenchmarkHelper<AccountId> for Helper {
	fn registered_work(holder: &AccountId) -> WorkId {
		Self::work(holder, vec![(holder.clone(), WHOLE)], vec![])
	}

	fn attest(who: &AccountId, level: KycLevel) {
		pallet_works::AttestationOf::<Runtime>::insert(
			who,
			pallet_works::Attestation {
				institution: who.clone(),
				kyc_level: level,
				expires_at: u32::MAX,
			},
		);
	}
}

impl pallet_marketplace::BenchmarkHelper<AccountId, NativeOrWithId<u32>, Balance> for Helper {
	fn asset() -> NativeOrWithId<u32> {
		NativeOrWithId::Native
	}

	fn fund(who: &AccountId, _asset: &NativeOrWithId<u32>, amount: Balance) {
		let _ = Balances::mint_into(who, amount.saturating_mul(UNIT));
	}

	fn collection(issuer: &AccountId, beneficiaries: u32) -> CollectionId {
		let work = Self::work_with_beneficiaries(issuer, beneficiaries);
		let collection = pallet_collectibles::NextCollectionId::<Runtime>::get();
		let created = Collectibles::create_collection(
			RuntimeOrigin::signed(issuer.clone()),
			work,
			CollectionKind::PhysicalTwin,
			u32::MAX,
			vec![b'c'; 59].try_into().unwrap_or_default(),
			1_000,
			TransferPolicy::SettlementOnly,
			0,
		);
		assert!(created.is_ok(), "benchmark setup creates a collection");
		collection
	}

	fn mint(issuer: &AccountId, collection: CollectionId, owner: &AccountId) -> ItemId {
		let item = pallet_collectibles::Collections::<Runtime>::get(collection)
			.map_or(1, |c| c.minted + 1);
		let minted =
			Collectibles::mint(RuntimeOrigin::signed(issuer.clone()), collection, owner.clone(), 1);
		assert!(minted.is_ok(), "benchmark setup mints an item");
		item
	}

	fn tag(issuer: &AccountId, collection: CollectionId, item: ItemId) -> TagHash {
		let mut tag = [0x7A; 32];
		tag[..4].copy_from_slice(&collection.to_le_bytes());
		tag[4..8].copy_from_slice(&item.to_le_bytes());
		let bound = Collectibles::bind_tag(
			RuntimeOrigin::signed(issuer.clone()),
			collection,
			item,
			tag,
			TagKind::Ntag424,
			1,
		);
		assert!(bound.is_ok(), "benchmark setup binds a tag");
		tag
	}
}

impl pallet_loyalty::BenchmarkHelper<NativeOrWithId<u32>> for Helper {
	fn asset() -> NativeOrWithId<u32> {
		NativeOrWithId::Native
	}
}
