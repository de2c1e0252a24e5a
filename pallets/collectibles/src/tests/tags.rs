use super::*;
use crate::{types::MAX_TAG_COUNTER, Error, Items, RetiredTags, TagOf, UnbindReason};
use frame_support::assert_noop;
use sp_runtime::DispatchError;
use yinji_primitives::TagKind;

fn bind(collection: CollectionId, item: u32, n: u8) -> sp_runtime::DispatchResult {
	Collectibles::bind_tag(
		RuntimeOrigin::signed(ALICE),
		collection,
		item,
		tag(n),
		TagKind::Ntag424,
		3,
	)
}

#[test]
fn bind_tag_works() {
	build_and_execute(|| {
		let (collection, item) = physical_item();
		System::set_block_number(4);
		assert_ok!(bind(collection, item, 1));
		let binding = TagOf::<Test>::get(tag(1)).unwrap();
		assert_eq!(
			(binding.collection, binding.item, binding.key_epoch, binding.watermark),
			(collection, item, 3, 0)
		);
		assert_eq!(binding.bound_at, 4);
		assert_eq!(Items::<Test>::get(collection, item).unwrap().tag, Some(tag(1)));
		assert_eq!(
			last_event(),
			collectibles_event(Event::TagBound {
				collection,
				item,
				tag: tag(1),
				kind: TagKind::Ntag424,
				key_epoch: 3
			})
		);
	});
}

#[test]
fn bind_tag_keeps_tags_and_items_one_to_one() {
	build_and_execute(|| {
		let (collection, item) = physical_item();
		let other = mint_one(collection, CAROL);
		assert_ok!(bind(collection, item, 1));
		assert_noop!(bind(collection, item, 2), Error::<Test>::ItemAlreadyTagged);
		assert_noop!(bind(collection, other, 1), Error::<Test>::TagAlreadyBound);
	});
}

#[test]
fn bind_tag_fails_for_a_non_issuer_a_digital_item_or_unknown_item() {
	build_and_execute(|| {
		let (collection, item) = physical_item();
		assert_noop!(
			Collectibles::bind_tag(
				RuntimeOrigin::signed(BOB),
				collection,
				item,
				tag(1),
				TagKind::SignedQr,
				0
			),
			Error::<Test>::NotIssuer
		);
		assert_noop!(bind(collection, 9, 1), Error::<Test>::UnknownItem);
		let digital = collection_with(TransferPolicy::SettlementOnly);
		let item = mint_one(digital, BOB);
		assert_noop!(bind(digital, item, 1), Error::<Test>::NotPhysical);
	});
}

#[test]
fn unbind_tag_retires_it_for_good() {
	build_and_execute(|| {
		let (collection, item) = physical_item();
		assert_ok!(bind(collection, item, 1));
		assert_ok!(Collectibles::unbind_tag(
			RuntimeOrigin::signed(ALICE),
			collection,
			item,
			UnbindReason::Damaged
		));
		assert!(TagOf::<Test>::get(tag(1)).is_none());
		assert_eq!(Items::<Test>::get(collection, item).unwrap().tag, None);
		assert!(RetiredTags::<Test>::contains_key(tag(1)));
		assert_eq!(
			last_event(),
			collectibles_event(Event::TagUnbound {
				collection,
				item,
				tag: tag(1),
				reason: UnbindReason::Damaged
			})
		);
		// A retired tag never comes back, on this item or another.
		assert_noop!(bind(collection, item, 1), Error::<Test>::TagRetired);
		assert_ok!(bind(collection, item, 2));
	});
}

#[test]
fn unbind_tag_fails_without_a_tag_or_for_a_non_issuer() {
	build_and_execute(|| {
		let (collection, item) = physical_item();
		assert_noop!(
			Collectibles::unbind_tag(
				RuntimeOrigin::signed(ALICE),
				collection,
				item,
				UnbindReason::Lost
			),
			Error::<Test>::ItemNotTagged
		);
		assert_ok!(bind(collection, item, 1));
		assert_noop!(
			Collectibles::unbind_tag(
				RuntimeOrigin::signed(BOB),
				collection,
				item,
				UnbindReason::Lost
			),
			Error::<Test>::NotIssuer
		);
	});
}

#[test]
fn rebind_tag_replaces_the_tag() {
	build_and_execute(|| {
		let (collection, item) = physical_item();
		assert_ok!(bind(collection, item, 1));
		assert_ok!(Collectibles::rebind_tag(
			RuntimeOrigin::signed(ALICE),
			collection,
			item,
			UnbindReason::Compromised,
			tag(2),
			TagKind::Ntag424,
			4
		));
		assert_eq!(Items::<Test>::get(collection, item).unwrap().tag, Some(tag(2)));
		assert_eq!(TagOf::<Test>::get(tag(2)).unwrap().key_epoch, 4);
		assert!(RetiredTags::<Test>::contains_key(tag(1)));
	});
}

#[test]
fn rebind_tag_fails_as_a_whole() {
	build_and_execute(|| {
		let (collection, item) = physical_item();
		let other = mint_one(collection, CAROL);
		assert_ok!(bind(collection, item, 1));
		assert_ok!(bind(collection, other, 2));
		// The new tag is taken: the old one must stay bound.
		assert_noop!(
			Collectibles::rebind_tag(
				RuntimeOrigin::signed(ALICE),
				collection,
				item,
				UnbindReason::Damaged,
				tag(2),
				TagKind::Ntag424,
				0
			),
			Error::<Test>::TagAlreadyBound
		);
	});
}

#[test]
fn raise_watermark_works_only_upwards() {
	build_and_execute(|| {
		let (collection, item) = physical_item();
		assert_ok!(bind(collection, item, 1));
		let raise = |counter| {
			Collectibles::raise_watermark(RuntimeOrigin::signed(VERIFIER), tag(1), counter)
		};
		assert_ok!(raise(61));
		assert_eq!(TagOf::<Test>::get(tag(1)).unwrap().watermark, 61);
		assert_eq!(
			last_event(),
			collectibles_event(Event::WatermarkRaised { tag: tag(1), counter: 61 })
		);
		assert_noop!(raise(61), Error::<Test>::CounterNotAbove);
		assert_noop!(raise(60), Error::<Test>::CounterNotAbove);
		assert_noop!(raise(MAX_TAG_COUNTER + 1), Error::<Test>::CounterOutOfRange);
		assert_ok!(raise(MAX_TAG_COUNTER));
		assert_noop!(
			Collectibles::raise_watermark(RuntimeOrigin::signed(VERIFIER), tag(9), 1),
			Error::<Test>::UnknownTag
		);
	});
}

#[test]
fn raise_watermark_fails_for_anyone_but_the_verifier() {
	build_and_execute(|| {
		let (collection, item) = physical_item();
		assert_ok!(bind(collection, item, 1));
		for who in [ALICE, BOB, MUSEUM] {
			assert_noop!(
				Collectibles::raise_watermark(RuntimeOrigin::signed(who), tag(1), 5),
				DispatchError::BadOrigin
			);
		}
	});
}
