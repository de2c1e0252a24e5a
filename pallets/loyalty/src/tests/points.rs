use super::*;
use crate::{Buckets, Error, Issuance, Members, Source};
use frame_support::assert_noop;
use sp_runtime::DispatchError;
use yinji_primitives::OnSettlement;

#[test]
fn settlement_earns_points_at_the_currency_rate() {
	build_and_execute(|| {
		assert_ok!(Loyalty::set_rate(RuntimeOrigin::root(), YUAN, Some(RATE)));
		assert_eq!(Loyalty::settled(&ALICE, &YUAN, 1_099), Ok(10));
		assert_eq!(Loyalty::spendable(&ALICE), 10);
		assert_eq!(Members::<Test>::get(ALICE).lifetime, 10);
		assert_eq!(Issuance::<Test>::get(), 10);
		assert_eq!(
			last_event(),
			Event::PointsEarned {
				who: ALICE,
				points: 10,
				source: Source::Purchase,
				expires_at: 110
			}
		);
		// No rate, no points.
		assert_eq!(Loyalty::settled(&ALICE, &7, 1_000_000), Ok(0));
	});
}

#[test]
fn set_rate_works_for_governance_only() {
	build_and_execute(|| {
		assert_noop!(
			Loyalty::set_rate(RuntimeOrigin::signed(ALICE), YUAN, Some(RATE)),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Loyalty::set_rate(
				RuntimeOrigin::root(),
				YUAN,
				Some(PointsRate { price_per_point: 0, point_value: 1 })
			),
			Error::<Test>::InvalidRate
		);
		assert_noop!(
			Loyalty::set_rate(
				RuntimeOrigin::root(),
				YUAN,
				Some(PointsRate { price_per_point: 1, point_value: 0 })
			),
			Error::<Test>::InvalidRate
		);
		assert_ok!(Loyalty::set_rate(RuntimeOrigin::root(), YUAN, Some(RATE)));
		assert_eq!(last_event(), Event::RateSet { asset: YUAN, rate: Some(RATE) });
		assert_ok!(Loyalty::set_rate(RuntimeOrigin::root(), YUAN, None));
		assert!(crate::Rates::<Test>::get(YUAN).is_none());
	});
}

#[test]
fn points_expire_at_the_exact_block() {
	build_and_execute(|| {
		// Earned at block 1, in the bucket period 0..10: they expire at 10 + 100.
		give(ALICE, 50);
		System::set_block_number(109);
		assert_eq!(Loyalty::spendable(&ALICE), 50);
		System::set_block_number(110);
		assert_eq!(Loyalty::spendable(&ALICE), 0);
		assert_noop!(Loyalty::redeem(&ALICE, &YUAN, 1, 1_000), Error::<Test>::NoRateForAsset);
		assert_ok!(Loyalty::set_rate(RuntimeOrigin::root(), YUAN, Some(RATE)));
		assert_noop!(Loyalty::redeem(&ALICE, &YUAN, 1, 1_000), Error::<Test>::InsufficientPoints);
	});
}

#[test]
fn points_earned_later_in_a_period_share_its_expiry() {
	build_and_execute(|| {
		give(ALICE, 5);
		System::set_block_number(9);
		give(ALICE, 7);
		System::set_block_number(10);
		give(ALICE, 11);
		let buckets: Vec<(u64, Points)> =
			Buckets::<Test>::get(ALICE).iter().map(|b| (b.expires_at, b.points)).collect();
		assert_eq!(buckets, vec![(110, 12), (120, 11)]);
	});
}

#[test]
fn spending_takes_the_oldest_points_first() {
	build_and_execute(|| {
		assert_ok!(Loyalty::set_rate(RuntimeOrigin::root(), YUAN, Some(RATE)));
		give(ALICE, 10); // expires 110
		System::set_block_number(25);
		give(ALICE, 20); // expires 130
		System::set_block_number(45);
		give(ALICE, 30); // expires 150
		assert_eq!(Loyalty::redeem(&ALICE, &YUAN, 25, 1_000), Ok(50));
		let buckets: Vec<(u64, Points)> =
			Buckets::<Test>::get(ALICE).iter().map(|b| (b.expires_at, b.points)).collect();
		assert_eq!(buckets, vec![(130, 5), (150, 30)]);
		assert_eq!(
			last_event(),
			Event::PointsRedeemed { who: ALICE, points: 25, asset: YUAN, discount: 50 }
		);
		// The oldest remaining points expire first.
		System::set_block_number(130);
		assert_eq!(Loyalty::spendable(&ALICE), 30);
	});
}

#[test]
fn redeem_spends_only_what_fits_in_the_maximum_discount() {
	build_and_execute(|| {
		assert_ok!(Loyalty::set_rate(RuntimeOrigin::root(), YUAN, Some(RATE)));
		give(ALICE, 100);
		// 100 points would be worth 200; only 75 fits, so 37 whole points (74) are spent.
		assert_eq!(Loyalty::redeem(&ALICE, &YUAN, 100, 75), Ok(74));
		assert_eq!(Loyalty::spendable(&ALICE), 63);
		assert_eq!(Loyalty::redeem(&ALICE, &YUAN, 10, 1), Ok(0));
		assert_eq!(Loyalty::redeem(&ALICE, &YUAN, 0, 1_000), Ok(0));
		assert_eq!(Loyalty::spendable(&ALICE), 63);
	});
}

#[test]
fn purge_expired_removes_them_and_lowers_the_issuance() {
	build_and_execute(|| {
		give(ALICE, 10);
		System::set_block_number(50);
		give(ALICE, 20);
		assert_noop!(
			Loyalty::purge_expired(RuntimeOrigin::signed(BOB), ALICE),
			Error::<Test>::NothingExpired
		);
		System::set_block_number(110);
		assert_ok!(Loyalty::purge_expired(RuntimeOrigin::signed(BOB), ALICE));
		assert_eq!(last_event(), Event::PointsExpired { who: ALICE, points: 10 });
		assert_eq!(Members::<Test>::get(ALICE).balance, 20);
		assert_eq!(Members::<Test>::get(ALICE).lifetime, 30);
		assert_eq!(Issuance::<Test>::get(), 20);
	});
}

#[test]
fn earning_never_needs_more_than_max_buckets() {
	build_and_execute(|| {
		// One award per bucket period for far longer than the expiry: old buckets make room.
		for block in (1..1_000).step_by(BUCKET as usize) {
			System::set_block_number(block);
			give(ALICE, 1);
		}
		assert!(Buckets::<Test>::get(ALICE).len() <= 11);
		assert_eq!(Loyalty::spendable(&ALICE), 11);
	});
}

#[test]
fn earning_fails_cleanly_when_the_buckets_are_full() {
	build_and_execute(|| {
		// A state the configuration rules out: 11 unexpired buckets, all later than now.
		let full: Vec<crate::Bucket<u64>> =
			(0..11).map(|i| crate::Bucket { expires_at: 200 + i, points: 1 }).collect();
		Buckets::<Test>::insert(ALICE, frame_support::BoundedVec::truncate_from(full));
		Members::<Test>::insert(ALICE, crate::PointsAccount { balance: 11, lifetime: 11, tier: 0 });
		Issuance::<Test>::put(11);
		let id = campaign(5);
		assert_noop!(
			Loyalty::award(RuntimeOrigin::signed(GATEWAY), id, ALICE, 5, AwardReason::Review),
			Error::<Test>::TooManyBuckets
		);
	});
}
