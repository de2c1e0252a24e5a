//! The settlement rule, case by case.

use super::*;
use crate::{
	payout::{bps_of, breakdown, fraction_of, Pool},
	Error,
};
use frame_support::assert_noop;
use sp_runtime::Perquintill;

#[test]
fn breakdown_of_the_worked_example() {
	let works = vec![
		(Perquintill::from_percent(80), vec![(ALICE, 6_000), (CAROL, 4_000)]),
		(Perquintill::from_percent(20), vec![(EVE, 10_000)]),
	];
	let b = breakdown(10_000u64, 250, Pool::Royalty(1_000), &works).unwrap();
	assert_eq!((b.fee, b.seller), (250, 8_750));
	assert_eq!(b.parts, vec![(ALICE, 480), (CAROL, 320), (EVE, 200)]);
}

#[test]
fn breakdown_gives_the_dust_to_the_seller() {
	let works = vec![
		(Perquintill::from_percent(80), vec![(ALICE, 6_000), (CAROL, 4_000)]),
		(Perquintill::from_percent(20), vec![(EVE, 10_000)]),
	];
	let b = breakdown(9_999u64, 250, Pool::Royalty(1_000), &works).unwrap();
	assert_eq!((b.fee, b.seller), (249, 8_753));
	assert_eq!(b.parts, vec![(ALICE, 479), (CAROL, 319), (EVE, 199)]);
}

#[test]
fn breakdown_of_one_unit() {
	let works = vec![(Perquintill::one(), vec![(ALICE, 10_000)])];
	let b = breakdown(1u64, 250, Pool::Royalty(1_000), &works).unwrap();
	assert_eq!((b.fee, b.parts.len(), b.seller), (0, 0, 1));
	let b = breakdown(1u64, 0, Pool::Primary, &works).unwrap();
	assert_eq!((b.fee, b.parts, b.seller), (0, vec![(ALICE, 1)], 0));
}

#[test]
fn breakdown_merges_an_account_paid_by_several_works() {
	let works = vec![
		(Perquintill::from_percent(50), vec![(ALICE, 10_000)]),
		(Perquintill::from_percent(50), vec![(ALICE, 5_000), (EVE, 5_000)]),
	];
	let b = breakdown(1_000u64, 0, Pool::Primary, &works).unwrap();
	assert_eq!(b.parts, vec![(ALICE, 750), (EVE, 250)]);
}

#[test]
fn royalty_never_exceeds_what_the_fee_leaves() {
	let works = vec![(Perquintill::one(), vec![(ALICE, 10_000)])];
	let b = breakdown(100u64, 9_000, Pool::Royalty(5_000), &works).unwrap();
	assert_eq!((b.fee, b.parts, b.seller), (90, vec![(ALICE, 10)], 0));
}

#[test]
fn arithmetic_helpers_do_not_overflow() {
	assert_eq!(bps_of(u64::MAX, 10_000), u64::MAX);
	assert_eq!(bps_of(u128::MAX, 5_000), u128::MAX / 2);
	assert_eq!(fraction_of(u128::MAX, Perquintill::one()), u128::MAX);
	assert_eq!(fraction_of(u64::MAX, Perquintill::from_percent(50)), u64::MAX / 2);
}

#[test]
fn settlement_fails_when_it_would_pay_too_many_accounts() {
	build_and_execute(|| {
		let holders: Vec<(u64, u16)> = (1_000..1_000 + MAX_BENEFICIARIES as u64 + 1)
			.map(|who| (who, 0))
			.enumerate()
			.map(|(i, (who, _))| (who, if i == 0 { 10_000 - MAX_BENEFICIARIES as u16 } else { 1 }))
			.collect();
		let work = Helper::work(ALICE, &holders, &[]);
		// ALICE holds no share: hand the issuer role to a holder who is funded.
		let issuer = holders[0].0;
		use frame_support::traits::fungible::Mutate;
		assert_ok!(Balances::mint_into(&issuer, 1_000));
		let collection = Helper::collection(issuer, work, 1_000, TransferPolicy::SettlementOnly, 0);
		let item = Helper::mint(issuer, collection, BOB);
		list_fixed(collection, item, BOB, 1_000);
		assert_noop!(
			Marketplace::buy(RuntimeOrigin::signed(DAVE), collection, item, NATIVE, 1_000, 0),
			Error::<Test>::TooManyBeneficiaries
		);
	});
}
