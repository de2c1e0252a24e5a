use super::*;
use yinji_primitives::{Perquintill, WorkRegistry, WorkStatus};

fn sum(shares: &[(WorkId, Perquintill)]) -> u128 {
	shares.iter().map(|(_, share)| u128::from(share.deconstruct())).sum()
}

#[test]
fn registry_reads_a_work() {
	build_and_execute(|| {
		attest(ALICE);
		let parent = register_as(ALICE, 1, &[(ALICE, 10_000)], &[]);
		let work = register_as(ALICE, 2, &[(ALICE, 4_000), (BOB, 6_000)], &[(parent, 1_500)]);
		assert_eq!(Works::status(work), Some(WorkStatus::Active));
		assert!(Works::is_usable(work));
		assert_eq!(Works::rights_holders(work), Some(vec![(ALICE, 4_000), (BOB, 6_000)]));
		assert!(Works::is_rights_holder(work, &BOB));
		assert!(!Works::is_rights_holder(work, &CAROL));
		assert_eq!(Works::licence(work), Some(OPEN_LICENCE));
		assert_eq!(Works::parents(work), vec![(parent, 1_500)]);

		assert_ok!(Works::open_dispute(RuntimeOrigin::signed(CAROL), work, cid("e")));
		assert!(!Works::is_usable(work));
		assert_eq!(Works::status(99), None);
		assert!(!Works::is_usable(99));
		assert_eq!(Works::rights_holders(99), None);
		assert!(Works::parents(99).is_empty());
		assert_eq!(Works::royalty_distribution(99), None);
	});
}

#[test]
fn royalty_distribution_of_an_original_is_all_its_own() {
	build_and_execute(|| {
		let work = original(1);
		assert_eq!(Works::royalty_distribution(work), Some(vec![(work, Perquintill::one())]));
	});
}

#[test]
fn royalty_distribution_passes_shares_up_a_chain() {
	build_and_execute(|| {
		attest(ALICE);
		let root = register_as(ALICE, 1, &[(ALICE, 10_000)], &[]);
		let middle = register_as(ALICE, 2, &[(ALICE, 10_000)], &[(root, 2_000)]);
		let leaf = register_as(ALICE, 3, &[(ALICE, 10_000)], &[(middle, 1_000)]);
		// leaf keeps 90 %; middle gets 10 % and passes 20 % of it (2 %) to root.
		assert_eq!(
			Works::royalty_distribution(leaf),
			Some(vec![
				(leaf, Perquintill::from_percent(90)),
				(middle, Perquintill::from_percent(8)),
				(root, Perquintill::from_percent(2)),
			])
		);
	});
}

#[test]
fn royalty_distribution_adds_up_a_diamond() {
	build_and_execute(|| {
		attest(ALICE);
		let root = register_as(ALICE, 1, &[(ALICE, 10_000)], &[]);
		let left = register_as(ALICE, 2, &[(ALICE, 10_000)], &[(root, 5_000)]);
		let right = register_as(ALICE, 3, &[(ALICE, 10_000)], &[(root, 1)]);
		let leaf = register_as(ALICE, 4, &[(ALICE, 10_000)], &[(left, 3_333), (right, 1)]);
		let shares = Works::royalty_distribution(leaf).unwrap();
		assert_eq!(sum(&shares), u128::from(Perquintill::one().deconstruct()));
		let root_share = shares.iter().find(|(w, _)| *w == root).unwrap().1;
		// 0.3333 × 0.5 + 0.0001 × 0.0001, exactly.
		assert_eq!(root_share, Perquintill::from_parts(166_650_000_000_000_000 + 10_000_000_000));
		assert_eq!(shares.len(), 4);
	});
}

#[test]
fn royalty_distribution_is_exact_at_full_depth() {
	build_and_execute(|| {
		attest(ALICE);
		let mut top = register_as(ALICE, 0, &[(ALICE, 10_000)], &[]);
		for n in 1..5 {
			top = register_as(ALICE, n, &[(ALICE, 10_000)], &[(top, 1)]);
		}
		let shares = Works::royalty_distribution(top).unwrap();
		assert_eq!(sum(&shares), u128::from(Perquintill::one().deconstruct()));
		// The root receives 0.0001^4 = 10^-16 of the royalty, which is 100 parts of 10^18.
		assert_eq!(shares.last().unwrap().1, Perquintill::from_parts(100));
	});
}
