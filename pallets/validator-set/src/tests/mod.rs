//! Unit tests of the validator-set pallet.

use crate::{mock::*, Changed, Error, Event, Validators};
use frame_support::{assert_noop, assert_ok};
use pallet_session::SessionManager;
use sp_runtime::DispatchError;

fn validators() -> Vec<u64> {
	Validators::<Test>::get().into_inner()
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event was emitted").event
}

#[test]
fn genesis_hands_the_first_validators_to_the_session() {
	new_test_ext().execute_with(|| {
		assert_eq!(ValidatorSet::new_session_genesis(0), Some(vec![1, 2]));
		assert_eq!(ValidatorSet::new_session(1), None);
	});
}

#[test]
fn add_validator_applies_at_the_next_rotation() {
	new_test_ext().execute_with(|| {
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 3));
		assert_eq!(last_event(), RuntimeEvent::ValidatorSet(Event::ValidatorAdded { who: 3 }));
		assert_eq!(validators(), vec![1, 2, 3]);
		assert!(Changed::<Test>::get());
		assert_eq!(ValidatorSet::new_session(5), Some(vec![1, 2, 3]));
		assert_eq!(
			last_event(),
			RuntimeEvent::ValidatorSet(Event::ValidatorsQueued { session: 5, count: 3 })
		);
		// Handed over once.
		assert_eq!(ValidatorSet::new_session(6), None);
	});
}

#[test]
fn remove_validator_applies_at_the_next_rotation() {
	new_test_ext().execute_with(|| {
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 1));
		assert_eq!(last_event(), RuntimeEvent::ValidatorSet(Event::ValidatorRemoved { who: 1 }));
		assert_eq!(ValidatorSet::new_session(2), Some(vec![2]));
	});
}

#[test]
fn add_validator_fails_for_a_member_a_full_set_or_a_wrong_origin() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 1),
			Error::<Test>::AlreadyValidator
		);
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::signed(1), 3),
			DispatchError::BadOrigin
		);
		for who in 3..=MAX_VALIDATORS as u64 {
			assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), who));
		}
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 99),
			Error::<Test>::TooManyValidators
		);
	});
}

#[test]
fn remove_validator_fails_for_a_stranger_the_last_one_or_a_wrong_origin() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::root(), 9),
			Error::<Test>::NotValidator
		);
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::signed(1), 1),
			DispatchError::BadOrigin
		);
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 1));
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::root(), 2),
			Error::<Test>::TooFewValidators
		);
	});
}
