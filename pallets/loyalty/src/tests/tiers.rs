use super::*;
use crate::{Error, Members, TierThresholds};
use frame_support::{assert_noop, BoundedVec};
use sp_runtime::DispatchError;
use yinji_primitives::MemberTiers;

fn thresholds(values: &[Points]) -> BoundedVec<Points, ConstU32<MAX_TIERS>> {
	values.to_vec().try_into().unwrap()
}

use frame_support::traits::ConstU32;

#[test]
fn tiers_follow_lifetime_points_and_announce_changes() {
	build_and_execute(|| {
		assert_ok!(Loyalty::set_tier_thresholds(
			RuntimeOrigin::root(),
			thresholds(&[100, 500, 2_000])
		));
		give(ALICE, 99);
		assert_eq!(Loyalty::tier_of(&ALICE), 0);
		give(ALICE, 1);
		assert_eq!(Loyalty::tier_of(&ALICE), 1);
		assert_eq!(last_event(), Event::TierChanged { who: ALICE, from: 0, to: 1 });
		give(ALICE, 5_000);
		assert_eq!(Loyalty::tier_of(&ALICE), 3);
		assert_eq!(last_event(), Event::TierChanged { who: ALICE, from: 1, to: 3 });
	});
}

#[test]
fn spending_and_expiry_do_not_lower_the_tier() {
	build_and_execute(|| {
		assert_ok!(Loyalty::set_tier_thresholds(RuntimeOrigin::root(), thresholds(&[100])));
		give(ALICE, 150);
		System::set_block_number(500);
		assert_eq!(Loyalty::spendable(&ALICE), 0);
		assert_eq!(Loyalty::tier_of(&ALICE), 1);
	});
}

#[test]
fn moving_a_threshold_re_evaluates_tiers() {
	build_and_execute(|| {
		assert_ok!(Loyalty::set_tier_thresholds(RuntimeOrigin::root(), thresholds(&[100, 500])));
		give(ALICE, 300);
		assert_eq!(Members::<Test>::get(ALICE).tier, 1);
		assert_ok!(Loyalty::set_tier_thresholds(RuntimeOrigin::root(), thresholds(&[50, 250])));
		assert_eq!(last_event(), Event::TierThresholdsSet { thresholds: thresholds(&[50, 250]) });
		// The tier the marketplace reads follows at once …
		assert_eq!(Loyalty::tier_of(&ALICE), 2);
		// … and anyone may have the change announced.
		assert_ok!(Loyalty::refresh_tier(RuntimeOrigin::signed(BOB), ALICE));
		assert_eq!(last_event(), Event::TierChanged { who: ALICE, from: 1, to: 2 });
		assert_noop!(
			Loyalty::refresh_tier(RuntimeOrigin::signed(BOB), ALICE),
			Error::<Test>::TierUnchanged
		);
		// Raising the thresholds lowers the tier the same way.
		assert_ok!(Loyalty::set_tier_thresholds(RuntimeOrigin::root(), thresholds(&[1_000])));
		assert_eq!(Loyalty::tier_of(&ALICE), 0);
		assert_ok!(Loyalty::refresh_tier(RuntimeOrigin::signed(BOB), ALICE));
		assert_eq!(last_event(), Event::TierChanged { who: ALICE, from: 2, to: 0 });
	});
}

#[test]
fn set_tier_thresholds_fails_unless_rising_and_from_governance() {
	build_and_execute(|| {
		assert_noop!(
			Loyalty::set_tier_thresholds(RuntimeOrigin::root(), thresholds(&[100, 100])),
			Error::<Test>::ThresholdsNotRising
		);
		assert_noop!(
			Loyalty::set_tier_thresholds(RuntimeOrigin::root(), thresholds(&[0, 100])),
			Error::<Test>::ThresholdsNotRising
		);
		assert_noop!(
			Loyalty::set_tier_thresholds(RuntimeOrigin::signed(ALICE), thresholds(&[100])),
			DispatchError::BadOrigin
		);
		assert_ok!(Loyalty::set_tier_thresholds(RuntimeOrigin::root(), thresholds(&[])));
		assert!(TierThresholds::<Test>::get().is_empty());
	});
}
