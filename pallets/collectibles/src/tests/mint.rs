use super::*;
use crate::{Account, Collections, Error, HoldReason, Items};
use frame_support::assert_noop;
use sp_runtime::TokenError;

#[test]
fn mint_works_in_edition_order() {
	build_and_execute(|| {
		let collection = collection_with(TransferPolicy::SettlementOnly);
		assert_ok!(Collectibles::mint(RuntimeOrigin::signed(ALICE), collection, BOB, 3));
		assert_ok!(Collectibles::mint(RuntimeOrigin::signed(ALICE), collection, CAROL, 1));
		assert_eq!(
			(1..=4).map(|i| owner_of(collection, i)).collect::<Vec<_>>(),
			vec![Some(BOB), Some(BOB), Some(BOB), Some(CAROL)]
		);
		assert_eq!(Collections::<Test>::get(collection).unwrap().minted, 4);
		assert!(Account::<Test>::contains_key((BOB, collection, 2)));
		let item = Items::<Test>::get(collection, 4).unwrap();
		assert_eq!((item.nonce, item.acquired_at, item.deposit), (0, 1, ITEM_DEPOSIT));
		assert_eq!(held(HoldReason::Item, ALICE), 4 * ITEM_DEPOSIT);
		assert_eq!(
			last_event(),
			collectibles_event(Event::Minted { collection, item: 4, owner: CAROL })
		);
	});
}

#[test]
fn mint_fails_past_the_maximum_supply() {
	build_and_execute(|| {
		let collection = collection_with(TransferPolicy::SettlementOnly);
		assert_ok!(Collectibles::mint(RuntimeOrigin::signed(ALICE), collection, BOB, 5));
		assert_ok!(Collectibles::mint(RuntimeOrigin::signed(ALICE), collection, BOB, 4));
		assert_noop!(
			Collectibles::mint(RuntimeOrigin::signed(ALICE), collection, BOB, 2),
			Error::<Test>::MaxSupplyReached
		);
		assert_ok!(Collectibles::mint(RuntimeOrigin::signed(ALICE), collection, BOB, 1));
		assert_noop!(
			Collectibles::mint(RuntimeOrigin::signed(ALICE), collection, BOB, 1),
			Error::<Test>::MaxSupplyReached
		);
	});
}

#[test]
fn mint_fails_for_a_bad_count_caller_or_collection() {
	build_and_execute(|| {
		let collection = collection_with(TransferPolicy::SettlementOnly);
		let mint =
			|who, count| Collectibles::mint(RuntimeOrigin::signed(who), collection, BOB, count);
		assert_noop!(mint(ALICE, 0), Error::<Test>::InvalidMintCount);
		assert_noop!(mint(ALICE, MAX_MINT_BATCH + 1), Error::<Test>::InvalidMintCount);
		assert_noop!(mint(BOB, 1), Error::<Test>::NotIssuer);
		assert_noop!(
			Collectibles::mint(RuntimeOrigin::signed(ALICE), 42, BOB, 1),
			Error::<Test>::UnknownCollection
		);
	});
}

#[test]
fn mint_fails_while_the_work_is_disputed_or_the_collection_frozen() {
	build_and_execute(|| {
		let work = alice_work();
		let collection =
			create(ALICE, work, CollectionKind::DigitalCollectible, 10, 0, TransferPolicy::Free, 0);
		assert_ok!(Collectibles::set_collection_frozen(RuntimeOrigin::root(), collection, true));
		assert_noop!(
			Collectibles::mint(RuntimeOrigin::signed(ALICE), collection, BOB, 1),
			Error::<Test>::CollectionFrozen
		);
		assert_ok!(Collectibles::set_collection_frozen(RuntimeOrigin::root(), collection, false));
		dispute_work(work);
		assert_noop!(
			Collectibles::mint(RuntimeOrigin::signed(ALICE), collection, BOB, 1),
			Error::<Test>::WorkNotUsable
		);
	});
}

#[test]
fn mint_fails_when_the_recipient_lacks_the_kyc_level() {
	build_and_execute(|| {
		let work = alice_work();
		let collection =
			create(ALICE, work, CollectionKind::DigitalCollectible, 10, 0, TransferPolicy::Free, 2);
		WorksHelper::attest(BOB, 1);
		assert_noop!(
			Collectibles::mint(RuntimeOrigin::signed(ALICE), collection, BOB, 1),
			Error::<Test>::RecipientKycTooLow
		);
		WorksHelper::attest(BOB, 2);
		assert_ok!(Collectibles::mint(RuntimeOrigin::signed(ALICE), collection, BOB, 1));
	});
}

#[test]
fn mint_fails_when_the_item_deposit_cannot_be_held() {
	build_and_execute(|| {
		let collection = collection_with(TransferPolicy::SettlementOnly);
		let free = pallet_balances::Pallet::<Test>::free_balance(ALICE);
		// Leave ALICE just the existential deposit: no item deposit can be held.
		assert_ok!(Balances::transfer_allow_death(RuntimeOrigin::signed(ALICE), DAVE, free - 1));
		assert_noop!(
			Collectibles::mint(RuntimeOrigin::signed(ALICE), collection, BOB, 1),
			TokenError::FundsUnavailable
		);
	});
}

#[test]
fn a_batch_whose_deposits_cannot_all_be_held_mints_nothing() {
	build_and_execute(|| {
		let collection = collection_with(TransferPolicy::SettlementOnly);
		let free = pallet_balances::Pallet::<Test>::free_balance(ALICE);
		// Leave ALICE two item deposits above the existential deposit: a batch of three fails
		// as a whole, with nothing held and no edition minted.
		assert_ok!(Balances::transfer_allow_death(
			RuntimeOrigin::signed(ALICE),
			DAVE,
			free - 1 - 2 * ITEM_DEPOSIT
		));
		assert_noop!(
			Collectibles::mint(RuntimeOrigin::signed(ALICE), collection, BOB, 3),
			TokenError::FundsUnavailable
		);
		assert_ok!(Collectibles::mint(RuntimeOrigin::signed(ALICE), collection, BOB, 2));
		assert_eq!(held(HoldReason::Item, ALICE), 2 * ITEM_DEPOSIT);
	});
}
