use super::*;
use crate::{Account, Collections, Error, HoldReason, Items, RetiredTags, TagOf, UnbindReason};
use frame_support::assert_noop;

fn gift(from: u64, collection: CollectionId, item: u32, to: u64) -> sp_runtime::DispatchResult {
	Collectibles::gift(RuntimeOrigin::signed(from), collection, item, to)
}

#[test]
fn gift_works_under_free_policy() {
	build_and_execute(|| {
		let collection = collection_with(TransferPolicy::Free);
		let item = mint_one(collection, BOB);
		System::set_block_number(5);
		assert_ok!(gift(BOB, collection, item, CAROL));
		let held = Items::<Test>::get(collection, item).unwrap();
		assert_eq!((held.owner, held.nonce, held.acquired_at), (CAROL, 1, 5));
		assert!(Account::<Test>::contains_key((CAROL, collection, item)));
		assert!(!Account::<Test>::contains_key((BOB, collection, item)));
		assert_eq!(
			last_event(),
			collectibles_event(Event::Gifted { collection, item, from: BOB, to: CAROL })
		);
	});
}

#[test]
fn gift_fails_under_settlement_only_and_soulbound() {
	build_and_execute(|| {
		let settlement = collection_with(TransferPolicy::SettlementOnly);
		let item = mint_one(settlement, BOB);
		assert_noop!(gift(BOB, settlement, item, CAROL), Error::<Test>::GiftNotAllowed);

		let work = WorksHelper::register(ALICE, 2);
		let soulbound = create(
			ALICE,
			work,
			CollectionKind::DigitalCollectible,
			10,
			0,
			TransferPolicy::Soulbound,
			0,
		);
		let item = mint_one(soulbound, BOB);
		assert_noop!(gift(BOB, soulbound, item, CAROL), Error::<Test>::ItemSoulbound);
	});
}

#[test]
fn gift_only_enforces_the_hold_period_to_the_block() {
	build_and_execute(|| {
		let collection =
			collection_with(TransferPolicy::GiftOnly { min_hold: 10, recipient_kyc: 1 });
		WorksHelper::attest(CAROL, 1);
		let item = mint_one(collection, BOB);
		System::set_block_number(10);
		assert_noop!(gift(BOB, collection, item, CAROL), Error::<Test>::HoldPeriodNotOver);
		System::set_block_number(11);
		assert_ok!(gift(BOB, collection, item, CAROL));
		// The new holder's hold period starts again.
		WorksHelper::attest(DAVE, 1);
		System::set_block_number(20);
		assert_noop!(gift(CAROL, collection, item, DAVE), Error::<Test>::HoldPeriodNotOver);
		System::set_block_number(21);
		assert_ok!(gift(CAROL, collection, item, DAVE));
	});
}

#[test]
fn gift_only_requires_an_attested_recipient() {
	build_and_execute(|| {
		let collection =
			collection_with(TransferPolicy::GiftOnly { min_hold: 0, recipient_kyc: 2 });
		let item = mint_one(collection, BOB);
		assert_noop!(gift(BOB, collection, item, CAROL), Error::<Test>::RecipientKycTooLow);
		WorksHelper::attest(CAROL, 1);
		assert_noop!(gift(BOB, collection, item, CAROL), Error::<Test>::RecipientKycTooLow);
		WorksHelper::attest(CAROL, 2);
		assert_ok!(gift(BOB, collection, item, CAROL));
	});
}

#[test]
fn gift_fails_when_the_recipient_lacks_the_holder_kyc_level() {
	build_and_execute(|| {
		let collection = collection_with(TransferPolicy::Free);
		WorksHelper::attest(BOB, 1);
		let item = mint_one(collection, BOB);
		assert_ok!(Collectibles::tighten_policy(
			RuntimeOrigin::signed(ALICE),
			collection,
			TransferPolicy::Free,
			1
		));
		assert_noop!(gift(BOB, collection, item, CAROL), Error::<Test>::RecipientKycTooLow);
	});
}

#[test]
fn gift_fails_for_a_non_owner_self_or_unknown_item() {
	build_and_execute(|| {
		let collection = collection_with(TransferPolicy::Free);
		let item = mint_one(collection, BOB);
		assert_noop!(gift(CAROL, collection, item, DAVE), Error::<Test>::NotOwner);
		assert_noop!(gift(BOB, collection, item, BOB), Error::<Test>::SelfTransfer);
		assert_noop!(gift(BOB, collection, 99, CAROL), Error::<Test>::UnknownItem);
		assert_noop!(gift(BOB, 42, item, CAROL), Error::<Test>::UnknownCollection);
	});
}

#[test]
fn gift_fails_while_frozen() {
	build_and_execute(|| {
		let collection = collection_with(TransferPolicy::Free);
		let item = mint_one(collection, BOB);
		assert_ok!(Collectibles::set_item_frozen(RuntimeOrigin::root(), collection, item, true));
		assert_noop!(gift(BOB, collection, item, CAROL), Error::<Test>::ItemFrozen);
		assert_ok!(Collectibles::set_item_frozen(RuntimeOrigin::root(), collection, item, false));
		assert_ok!(Collectibles::set_collection_frozen(RuntimeOrigin::root(), collection, true));
		assert_noop!(gift(BOB, collection, item, CAROL), Error::<Test>::CollectionFrozen);
		assert_ok!(Collectibles::set_collection_frozen(RuntimeOrigin::root(), collection, false));
		dispute_work(Collections::<Test>::get(collection).unwrap().work);
		assert_noop!(gift(BOB, collection, item, CAROL), Error::<Test>::WorkNotUsable);
	});
}

#[test]
fn burn_works_and_retires_the_tag() {
	build_and_execute(|| {
		let (collection, item) = physical_item();
		assert_ok!(Collectibles::bind_tag(
			RuntimeOrigin::signed(ALICE),
			collection,
			item,
			tag(1),
			yinji_primitives::TagKind::Ntag424,
			0
		));
		assert_eq!(held(HoldReason::Item, ALICE), ITEM_DEPOSIT);
		assert_ok!(Collectibles::burn(RuntimeOrigin::signed(BOB), collection, item));
		assert!(Items::<Test>::get(collection, item).is_none());
		assert!(!Account::<Test>::contains_key((BOB, collection, item)));
		assert_eq!(held(HoldReason::Item, ALICE), 0);
		assert_eq!(Collections::<Test>::get(collection).unwrap().burned, 1);
		assert!(TagOf::<Test>::get(tag(1)).is_none());
		assert!(RetiredTags::<Test>::contains_key(tag(1)));
		assert!(System::events().iter().any(|r| r.event
			== collectibles_event(Event::TagUnbound {
				collection,
				item,
				tag: tag(1),
				reason: UnbindReason::ItemBurned
			})));
		assert_eq!(
			last_event(),
			collectibles_event(Event::Burned { collection, item, owner: BOB })
		);
	});
}

#[test]
fn burn_fails_for_a_non_owner_or_while_frozen() {
	build_and_execute(|| {
		let collection = collection_with(TransferPolicy::SettlementOnly);
		let item = mint_one(collection, BOB);
		assert_noop!(
			Collectibles::burn(RuntimeOrigin::signed(ALICE), collection, item),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Collectibles::burn(RuntimeOrigin::signed(BOB), collection, 9),
			Error::<Test>::UnknownItem
		);
		assert_ok!(Collectibles::set_item_frozen(RuntimeOrigin::root(), collection, item, true));
		assert_noop!(
			Collectibles::burn(RuntimeOrigin::signed(BOB), collection, item),
			Error::<Test>::ItemFrozen
		);
		assert_ok!(Collectibles::set_item_frozen(RuntimeOrigin::root(), collection, item, false));
		assert_ok!(Collectibles::set_collection_frozen(RuntimeOrigin::root(), collection, true));
		assert_noop!(
			Collectibles::burn(RuntimeOrigin::signed(BOB), collection, item),
			Error::<Test>::CollectionFrozen
		);
	});
}

#[test]
fn gift_fails_when_the_nonce_would_overflow() {
	build_and_execute(|| {
		let collection = collection_with(TransferPolicy::Free);
		let item = mint_one(collection, BOB);
		Items::<Test>::mutate(collection, item, |held| held.as_mut().unwrap().nonce = u32::MAX);
		assert_noop!(gift(BOB, collection, item, CAROL), Error::<Test>::Overflow);
	});
}

#[test]
fn a_locked_item_cannot_be_gifted_exported_or_burned() {
	build_and_execute(|| {
		let collection = collection_with(TransferPolicy::Free);
		let item = mint_one(collection, BOB);
		crate::mock::LOCKED.with(|locked| locked.borrow_mut().insert((collection, item)));
		assert_noop!(gift(BOB, collection, item, CAROL), Error::<Test>::ItemLocked);
		assert_noop!(
			Collectibles::burn(RuntimeOrigin::signed(BOB), collection, item),
			Error::<Test>::ItemLocked
		);
		assert_noop!(
			Collectibles::export_item(RuntimeOrigin::signed(BOB), collection, item, [0xab; 20]),
			Error::<Test>::ItemLocked
		);
		// Once the money no longer waits, the owner may gift it again.
		crate::mock::LOCKED.with(|locked| locked.borrow_mut().clear());
		assert_ok!(gift(BOB, collection, item, CAROL));
	});
}
