//! Money is conserved: property tests of the settlement rule and of real settlements.

use super::*;
use crate::payout::{breakdown, Pool};
use proptest::prelude::*;
use sp_runtime::Perquintill;
use std::collections::BTreeMap;
use yinji_primitives::WHOLE;

const ONE: u128 = 1_000_000_000_000_000_000;

/// Splits `total` into `n` positive-or-zero parts at random cut points.
fn cut(total: u128, cuts: &[u128]) -> Vec<u128> {
	let mut points: Vec<u128> = cuts.iter().map(|c| c % (total + 1)).collect();
	points.sort();
	let mut parts = Vec::with_capacity(points.len() + 1);
	let mut last = 0;
	for point in points {
		parts.push(point - last);
		last = point;
	}
	parts.push(total - last);
	parts
}

/// A royalty distribution of 1..=17 works with fractions summing to exactly one, each with a
/// split of 1..=16 holders summing to exactly 10 000 bp (holders drawn from 40 accounts, so
/// some are paid by several works).
fn distributions() -> impl Strategy<Value = Vec<(Perquintill, Vec<(u64, u16)>)>> {
	prop::collection::vec(
		(any::<u128>(), prop::collection::vec((0u64..40, any::<u128>()), 1..=16)),
		1..=17,
	)
	.prop_map(|works| {
		let fractions = cut(ONE, &works[1..].iter().map(|(c, _)| *c).collect::<Vec<_>>());
		works
			.into_iter()
			.zip(fractions)
			.map(|((_, holders), fraction)| {
				let mut accounts: Vec<u64> = holders.iter().map(|(who, _)| *who).collect();
				accounts.sort();
				accounts.dedup();
				let shares = cut(
					u128::from(WHOLE),
					&holders[1..accounts.len()].iter().map(|(_, c)| *c).collect::<Vec<_>>(),
				);
				let split =
					accounts.into_iter().zip(shares).map(|(who, bps)| (who, bps as u16)).collect();
				(Perquintill::from_parts(fraction as u64), split)
			})
			.collect()
	})
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(100_000))]

	/// For any price (one unit included), fee, royalty and distribution over ancestors and
	/// splits: seller + fee + Σ parts == price; every account receives exactly the floored sum
	/// the rule gives it; and the dust left to the seller is less than one unit per term.
	#[test]
	fn settlement_conserves_money(
		price in prop_oneof![Just(1u64), 1u64..1_000, any::<u64>()],
		fee_bps in 0u16..=WHOLE,
		royalty in prop_oneof![Just(None), (0u16..=WHOLE).prop_map(Some)],
		works in distributions(),
	) {
		let pool_rule = royalty.map_or(Pool::Primary, Pool::Royalty);
		let b = breakdown(price, fee_bps, pool_rule, &works).expect("valid inputs always divide");
		let paid: u128 = b.parts.iter().map(|(_, amount)| u128::from(*amount)).sum();
		prop_assert_eq!(u128::from(b.seller) + u128::from(b.fee) + paid, u128::from(price));

		// The rule, recomputed independently in 128-bit arithmetic.
		let price = u128::from(price);
		let fee = price * u128::from(fee_bps) / 10_000;
		prop_assert_eq!(u128::from(b.fee), fee);
		let pool = match royalty {
			None => price - fee,
			Some(bps) => (price * u128::from(bps) / 10_000).min(price - fee),
		};
		let mut expected: BTreeMap<u64, u128> = BTreeMap::new();
		let mut terms = 0u128;
		for (fraction, split) in &works {
			let to_work = pool * u128::from(fraction.deconstruct()) / ONE;
			terms += 1;
			for (who, bps) in split {
				terms += 1;
				*expected.entry(*who).or_default() += to_work * u128::from(*bps) / 10_000;
			}
		}
		expected.retain(|_, amount| *amount > 0);
		let actual: BTreeMap<u64, u128> = b.parts.iter().map(|(who, a)| (*who, u128::from(*a))).collect();
		prop_assert_eq!(actual, expected);
		prop_assert!(paid <= pool && pool - paid < terms, "dust {} for {} terms", pool - paid, terms);
	}
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(200))]

	/// Real resales on the mock chain, some with points redeemed: the total issuance does not
	/// move, the buyer and the sponsor pay exactly the price between them, and every other
	/// account receives exactly its part of the breakdown.
	#[test]
	fn real_settlements_conserve_money(
		price in 1u64..200_000,
		fee_bps in 0u16..=MAX_FEE,
		royalty in 0u16..=5_000,
		upstream in 0u16..=WHOLE,
		shares in prop::collection::vec(1u16..100, 1..=4),
		redeem in prop_oneof![Just(0u128), 0u128..=1_000],
	) {
		new_test_ext().execute_with(|| {
			assert_ok!(Marketplace::set_platform_fee(RuntimeOrigin::root(), fee_bps));
			assert_ok!(Loyalty::set_rate(
				RuntimeOrigin::root(),
				NATIVE,
				Some(pallet_loyalty::PointsRate { price_per_point: 50, point_value: 3 })
			));
			Helper::points(DAVE, 1_000);
			let holders = [ALICE, CAROL, EVE, MUSEUM];
			let total: u32 = shares.iter().map(|s| u32::from(*s)).sum();
			let mut split: Vec<(u64, u16)> = shares
				.iter()
				.zip(holders)
				.map(|(s, who)| (who, (u32::from(*s) * 10_000 / total) as u16))
				.collect();
			let assigned: u16 = split.iter().map(|(_, s)| *s).sum();
			split[0].1 += WHOLE - assigned;
			let original = Helper::work(EVE, &[(EVE, WHOLE)], &[]);
			let upstream: Vec<(u64, u16)> = if upstream == 0 { vec![] } else { vec![(original, upstream)] };
			let work = Helper::work(ALICE, &split, &upstream);
			let collection = Helper::collection(ALICE, work, royalty, TransferPolicy::SettlementOnly, 0);
			let item = Helper::mint(ALICE, collection, BOB);
			list_fixed(collection, item, BOB, price);

			let everyone = [ALICE, BOB, CAROL, DAVE, EVE, MUSEUM, PLATFORM, SPONSOR];
			let issuance = Balances::total_issuance();
			let before: Vec<u64> = everyone.iter().map(|who| balance(NATIVE, *who)).collect();
			assert_ok!(Marketplace::buy(RuntimeOrigin::signed(DAVE), collection, item, NATIVE, price, redeem));
			let Event::Settled { fee, royalties, seller_proceeds, discount, .. } = last_settled() else { unreachable!() };
			assert!(discount <= seller_proceeds);

			let mut expected: BTreeMap<u64, i128> = BTreeMap::new();
			*expected.entry(PLATFORM).or_default() += i128::from(fee);
			*expected.entry(BOB).or_default() += i128::from(seller_proceeds);
			*expected.entry(DAVE).or_default() -= i128::from(price - discount);
			*expected.entry(SPONSOR).or_default() -= i128::from(discount);
			for (who, amount) in royalties {
				*expected.entry(who).or_default() += i128::from(amount);
			}
			for (who, before) in everyone.iter().zip(before) {
				let delta = i128::from(balance(NATIVE, *who)) - i128::from(before);
				assert_eq!(delta, expected.get(who).copied().unwrap_or_default(), "account {who}");
			}
			assert_eq!(Balances::total_issuance(), issuance);
			Marketplace::do_try_state().unwrap();
			Loyalty::do_try_state().unwrap();
		});
	}
}
