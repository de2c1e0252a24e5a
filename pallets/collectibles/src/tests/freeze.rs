use super::*;
use crate::{Collections, Error, Items};
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn set_collection_frozen_works() {
	build_and_execute(|| {
		let collection = collection_with(TransferPolicy::Free);
		assert_ok!(Collectibles::set_collection_frozen(RuntimeOrigin::root(), collection, true));
		assert!(Collections::<Test>::get(collection).unwrap().frozen);
		assert_eq!(
			last_event(),
			collectibles_event(Event::CollectionFrozenSet { collection, frozen: true })
		);
		assert_noop!(
			Collectibles::set_collection_frozen(RuntimeOrigin::root(), collection, true),
			Error::<Test>::AlreadyFrozen
		);
		assert_ok!(Collectibles::set_collection_frozen(RuntimeOrigin::root(), collection, false));
		assert_noop!(
			Collectibles::set_collection_frozen(RuntimeOrigin::root(), collection, false),
			Error::<Test>::NotFrozen
		);
		assert_noop!(
			Collectibles::set_collection_frozen(RuntimeOrigin::root(), 42, true),
			Error::<Test>::UnknownCollection
		);
	});
}

#[test]
fn set_item_frozen_works() {
	build_and_execute(|| {
		let collection = collection_with(TransferPolicy::Free);
		let item = mint_one(collection, BOB);
		assert_ok!(Collectibles::set_item_frozen(RuntimeOrigin::root(), collection, item, true));
		assert!(Items::<Test>::get(collection, item).unwrap().frozen);
		assert_eq!(
			last_event(),
			collectibles_event(Event::ItemFrozenSet { collection, item, frozen: true })
		);
		assert_noop!(
			Collectibles::set_item_frozen(RuntimeOrigin::root(), collection, item, true),
			Error::<Test>::AlreadyFrozen
		);
		assert_ok!(Collectibles::set_item_frozen(RuntimeOrigin::root(), collection, item, false));
		assert_noop!(
			Collectibles::set_item_frozen(RuntimeOrigin::root(), collection, item, false),
			Error::<Test>::NotFrozen
		);
		assert_noop!(
			Collectibles::set_item_frozen(RuntimeOrigin::root(), collection, 9, true),
			Error::<Test>::UnknownItem
		);
	});
}

#[test]
fn freezing_fails_from_a_wrong_origin() {
	build_and_execute(|| {
		let collection = collection_with(TransferPolicy::Free);
		let item = mint_one(collection, BOB);
		assert_noop!(
			Collectibles::set_collection_frozen(RuntimeOrigin::signed(ALICE), collection, true),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Collectibles::set_item_frozen(RuntimeOrigin::signed(MUSEUM), collection, item, true),
			DispatchError::BadOrigin
		);
	});
}
