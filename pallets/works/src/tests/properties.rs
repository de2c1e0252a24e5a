//! Property tests of the invariants the pallet promises.

use super::*;
use crate::Error;
use frame_support::{assert_noop, storage::with_storage_layer};
use proptest::prelude::*;
use yinji_primitives::{Perquintill, WorkRegistry, WHOLE};

/// 1..=16 holders with distinct accounts and positive shares; when `whole` is set, the last
/// share is adjusted (if it can stay positive) so that they sum to exactly 10 000.
fn splits() -> impl Strategy<Value = Vec<(u64, BasisPoints)>> {
	(prop::collection::vec(1u16..=WHOLE, 1..=16), any::<bool>()).prop_map(|(shares, whole)| {
		let mut pairs: Vec<(u64, BasisPoints)> =
			shares.into_iter().enumerate().map(|(i, share)| (1_000 + i as u64, share)).collect();
		if whole {
			let others: u32 = pairs[..pairs.len() - 1].iter().map(|(_, s)| u32::from(*s)).sum();
			if others < u32::from(WHOLE) {
				pairs.last_mut().unwrap().1 = (u32::from(WHOLE) - others) as BasisPoints;
			}
		}
		pairs
	})
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(512))]

	/// A split of distinct, positive shares is accepted exactly when it sums to 10 000, and a
	/// rejected registration changes no storage.
	#[test]
	fn split_is_accepted_exactly_when_it_sums_to_whole(holders in splits()) {
		new_test_ext().execute_with(|| {
			attest(ALICE);
			let total: u32 = holders.iter().map(|(_, s)| u32::from(*s)).sum();
			let call = || Works::register_work(
				RuntimeOrigin::signed(ALICE),
				content(1),
				None,
				cid(METADATA),
				WorkKind::Image,
				OPEN_LICENCE,
				split(&holders),
				parents(&[]),
			);
			if total == u32::from(WHOLE) {
				assert_ok!(call());
				assert_eq!(Works::rights_holders(0), Some(holders.clone()));
			} else {
				assert_noop!(call(), Error::<Test>::SplitDoesNotSumToWhole);
			}
			Works::do_try_state().unwrap();
		});
	}

	/// For any ancestry the pallet accepts, the royalty fractions are exact and sum to one.
	#[test]
	fn royalty_distribution_sums_to_exactly_one(
		links in prop::collection::vec((prop::collection::vec(any::<prop::sample::Index>(), 0..=4), 1u16..=2_500), 1..24)
	) {
		new_test_ext().execute_with(|| {
			attest(ALICE);
			let mut registered: Vec<WorkId> = Vec::new();
			for (n, (picks, share)) in links.iter().enumerate() {
				let mut upstream: Vec<(WorkId, BasisPoints)> = Vec::new();
				for pick in picks {
					if registered.is_empty() { break; }
					let parent = registered[pick.index(registered.len())];
					if !upstream.iter().any(|(p, _)| *p == parent) {
						upstream.push((parent, *share));
					}
				}
				let work = crate::NextWorkId::<Test>::get();
				// Rejected shapes (too deep, too many ancestors) must leave storage untouched.
				let accepted = with_storage_layer(|| Works::register_work(
					RuntimeOrigin::signed(ALICE),
					content(n as u32),
					None,
					cid(METADATA),
					WorkKind::Image,
					OPEN_LICENCE,
					split(&[(ALICE, WHOLE)]),
					parents(&upstream),
				)).is_ok();
				if accepted {
					registered.push(work);
					let shares = Works::royalty_distribution(work).unwrap();
					let total: u128 = shares.iter().map(|(_, s)| u128::from(s.deconstruct())).sum();
					assert_eq!(total, u128::from(Perquintill::one().deconstruct()));
				}
			}
			Works::do_try_state().unwrap();
		});
	}
}
