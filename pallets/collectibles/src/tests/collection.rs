use super::*;
use crate::{Collections, Error, HoldReason};
use frame_support::assert_noop;
use sp_runtime::{DispatchError, TokenError};

#[test]
fn create_collection_works() {
	build_and_execute(|| {
		let work = alice_work();
		let collection = create(
			ALICE,
			work,
			CollectionKind::PhysicalTwin,
			100,
			800,
			TransferPolicy::SettlementOnly,
			2,
		);
		let record = Collections::<Test>::get(collection).unwrap();
		assert_eq!(
			(record.work, record.issuer, record.max_supply, record.minted),
			(work, ALICE, 100, 0)
		);
		assert_eq!(
			(record.royalty, record.policy, record.min_holder_kyc),
			(800, TransferPolicy::SettlementOnly, 2)
		);
		assert_eq!(held(HoldReason::Collection, ALICE), COLLECTION_DEPOSIT);
		assert_eq!(
			last_event(),
			collectibles_event(Event::CollectionCreated {
				collection,
				work,
				issuer: ALICE,
				kind: CollectionKind::PhysicalTwin,
				max_supply: 100,
				royalty: 800,
				policy: TransferPolicy::SettlementOnly,
				min_holder_kyc: 2,
				metadata: record.metadata.clone(),
			})
		);
	});
}

/// Tries to create a collection by ALICE of `work` with `royalty`, `policy` and `max_supply`.
fn try_create(
	who: u64,
	work: WorkId,
	max_supply: u32,
	royalty: BasisPoints,
	policy: PolicyOf<Test>,
) -> sp_runtime::DispatchResult {
	Collectibles::create_collection(
		RuntimeOrigin::signed(who),
		work,
		CollectionKind::DigitalCollectible,
		max_supply,
		cid("bafkreicollection"),
		royalty,
		policy,
		0,
	)
}

#[test]
fn create_collection_fails_for_a_bad_work_or_caller() {
	build_and_execute(|| {
		let work = alice_work();
		assert_noop!(
			try_create(ALICE, 42, 10, 0, TransferPolicy::Free),
			Error::<Test>::WorkNotUsable
		);
		assert_noop!(
			try_create(BOB, work, 10, 0, TransferPolicy::Free),
			Error::<Test>::NotRightsHolder
		);
		assert_noop!(
			Collectibles::create_collection(
				RuntimeOrigin::none(),
				work,
				CollectionKind::DigitalCollectible,
				10,
				cid("c"),
				0,
				TransferPolicy::Free,
				0
			),
			DispatchError::BadOrigin
		);
		dispute_work(work);
		assert_noop!(
			try_create(ALICE, work, 10, 0, TransferPolicy::Free),
			Error::<Test>::WorkNotUsable
		);
	});
}

#[test]
fn create_collection_fails_for_bad_terms() {
	build_and_execute(|| {
		let work = alice_work();
		assert_noop!(
			try_create(ALICE, work, 0, 0, TransferPolicy::Free),
			Error::<Test>::ZeroSupply
		);
		assert_noop!(
			try_create(ALICE, work, 10, MAX_ROYALTY + 1, TransferPolicy::SettlementOnly),
			Error::<Test>::RoyaltyTooHigh
		);
		assert_noop!(
			try_create(ALICE, work, 10, 1, TransferPolicy::Free),
			Error::<Test>::RoyaltyRequiresSettlement
		);
		assert_ok!(try_create(ALICE, work, 10, MAX_ROYALTY, TransferPolicy::SettlementOnly));
	});
}

#[test]
fn create_collection_fails_when_deposit_cannot_be_held() {
	build_and_execute(|| {
		let work = alice_work();
		// Hand the rights to an account with no funds, which then tries to issue.
		assert_ok!(Works::propose_split(
			RuntimeOrigin::signed(ALICE),
			work,
			vec![(PAUPER, 10_000)].try_into().unwrap()
		));
		assert_noop!(
			try_create(PAUPER, work, 10, 0, TransferPolicy::Free),
			TokenError::FundsUnavailable
		);
	});
}

#[test]
fn tighten_policy_works() {
	build_and_execute(|| {
		let collection = collection_with(TransferPolicy::Free);
		let policy = TransferPolicy::GiftOnly { min_hold: 10, recipient_kyc: 1 };
		assert_ok!(Collectibles::tighten_policy(
			RuntimeOrigin::signed(ALICE),
			collection,
			policy,
			1
		));
		let record = Collections::<Test>::get(collection).unwrap();
		assert_eq!((record.policy, record.min_holder_kyc), (policy, 1));
		assert_eq!(
			last_event(),
			collectibles_event(Event::PolicyTightened { collection, policy, min_holder_kyc: 1 })
		);
		let longer = TransferPolicy::GiftOnly { min_hold: 20, recipient_kyc: 2 };
		assert_ok!(Collectibles::tighten_policy(
			RuntimeOrigin::signed(ALICE),
			collection,
			longer,
			1
		));
		assert_ok!(Collectibles::tighten_policy(
			RuntimeOrigin::signed(ALICE),
			collection,
			TransferPolicy::Soulbound,
			3
		));
	});
}

#[test]
fn tighten_policy_fails_when_it_would_loosen() {
	build_and_execute(|| {
		let collection =
			collection_with(TransferPolicy::GiftOnly { min_hold: 10, recipient_kyc: 1 });
		let tighten = |policy, kyc| {
			Collectibles::tighten_policy(RuntimeOrigin::signed(ALICE), collection, policy, kyc)
		};
		assert_noop!(tighten(TransferPolicy::Free, 0), Error::<Test>::PolicyNotTighter);
		assert_noop!(tighten(TransferPolicy::SettlementOnly, 0), Error::<Test>::PolicyNotTighter);
		assert_noop!(
			tighten(TransferPolicy::GiftOnly { min_hold: 9, recipient_kyc: 1 }, 0),
			Error::<Test>::PolicyNotTighter
		);
		assert_noop!(
			tighten(TransferPolicy::GiftOnly { min_hold: 10, recipient_kyc: 0 }, 0),
			Error::<Test>::PolicyNotTighter
		);
		assert_ok!(tighten(TransferPolicy::GiftOnly { min_hold: 10, recipient_kyc: 1 }, 2));
		// The holder KYC level may not go down.
		assert_noop!(
			tighten(TransferPolicy::GiftOnly { min_hold: 10, recipient_kyc: 1 }, 1),
			Error::<Test>::PolicyNotTighter
		);
	});
}

#[test]
fn tighten_policy_fails_for_a_non_issuer_or_unknown_collection() {
	build_and_execute(|| {
		let collection = collection_with(TransferPolicy::Free);
		assert_noop!(
			Collectibles::tighten_policy(
				RuntimeOrigin::signed(BOB),
				collection,
				TransferPolicy::Soulbound,
				0
			),
			Error::<Test>::NotIssuer
		);
		assert_noop!(
			Collectibles::tighten_policy(
				RuntimeOrigin::signed(ALICE),
				42,
				TransferPolicy::Soulbound,
				0
			),
			Error::<Test>::UnknownCollection
		);
	});
}

#[test]
fn settlement_only_cannot_become_gift_only() {
	build_and_execute(|| {
		let collection = collection_with(TransferPolicy::SettlementOnly);
		assert_noop!(
			Collectibles::tighten_policy(
				RuntimeOrigin::signed(ALICE),
				collection,
				TransferPolicy::GiftOnly { min_hold: 100, recipient_kyc: 3 },
				0
			),
			Error::<Test>::PolicyNotTighter
		);
	});
}

#[test]
fn create_collection_fails_when_ids_run_out() {
	build_and_execute(|| {
		let work = alice_work();
		crate::NextCollectionId::<Test>::put(CollectionId::MAX);
		assert_noop!(try_create(ALICE, work, 10, 0, TransferPolicy::Free), Error::<Test>::Overflow);
	});
}
