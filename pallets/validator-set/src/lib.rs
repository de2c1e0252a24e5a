//! # Validator-set pallet: the consortium votes validators in and out
//!
//! The institutions of the consortium decide who produces blocks. A vote of the members
//! ([`Config::AddRemoveOrigin`], two thirds of the collective in the runtime) adds or removes a
//! validator; the change is handed to `pallet-session` at the next session rotation (as its
//! [`pallet_session::SessionManager`]), and takes effect for Aura and GRANDPA one session later,
//! as every session change does. A validator must also have set its session keys
//! (`session.set_keys`).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use pallet::*;
pub use weights::WeightInfo;

use alloc::vec::Vec;

// FRAME's macros expand to `expect` calls with their own proofs.
#[allow(clippy::expect_used, clippy::unwrap_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{pallet_prelude::*, traits::StorageVersion};
	use frame_system::pallet_prelude::*;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the validator-set pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Who adds and removes validators (the consortium's members by vote).
		type AddRemoveOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Most validators.
		#[pallet::constant]
		type MaxValidators: Get<u32>;

		/// Fewest validators: removing one below this fails.
		#[pallet::constant]
		type MinValidators: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// The validators, in the order they were added.
	#[pallet::storage]
	pub type Validators<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxValidators>, ValueQuery>;

	/// Whether the set changed since it was last handed to the session pallet.
	#[pallet::storage]
	pub type Changed<T> = StorageValue<_, bool, ValueQuery>;

	/// The validators at genesis.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The first validators.
		pub validators: Vec<T::AccountId>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let validators =
				BoundedVec::<T::AccountId, T::MaxValidators>::try_from(self.validators.clone())
					.expect("genesis names at most MaxValidators validators; qed");
			Validators::<T>::put(validators);
		}
	}

	/// Events of the validator-set pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A validator was voted in; it joins at the next session rotation.
		ValidatorAdded {
			/// The validator.
			who: T::AccountId,
		},
		/// A validator was voted out; it leaves at the next session rotation.
		ValidatorRemoved {
			/// The validator.
			who: T::AccountId,
		},
		/// The changed set was handed to the session pallet.
		ValidatorsQueued {
			/// The session the set was planned at.
			session: u32,
			/// How many validators it has.
			count: u32,
		},
	}

	/// Errors of the validator-set pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// The account is already a validator.
		AlreadyValidator,
		/// The account is not a validator.
		NotValidator,
		/// The set has `MaxValidators` validators.
		TooManyValidators,
		/// Removing the validator would leave fewer than `MinValidators`.
		TooFewValidators,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Add `who` to the validators from the next session rotation.
		///
		/// - Origin: [`Config::AddRemoveOrigin`].
		/// - Emits [`Event::ValidatorAdded`].
		/// - Weight: [`WeightInfo::add_validator`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::add_validator())]
		pub fn add_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::AddRemoveOrigin::ensure_origin(origin)?;
			Validators::<T>::try_mutate(|validators| -> DispatchResult {
				ensure!(!validators.contains(&who), Error::<T>::AlreadyValidator);
				validators.try_push(who.clone()).map_err(|_| Error::<T>::TooManyValidators)?;
				Ok(())
			})?;
			Changed::<T>::put(true);
			Self::deposit_event(Event::ValidatorAdded { who });
			Ok(())
		}

		/// Remove `who` from the validators from the next session rotation.
		///
		/// - Origin: [`Config::AddRemoveOrigin`].
		/// - Emits [`Event::ValidatorRemoved`].
		/// - Weight: [`WeightInfo::remove_validator`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_validator())]
		pub fn remove_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::AddRemoveOrigin::ensure_origin(origin)?;
			Validators::<T>::try_mutate(|validators| -> DispatchResult {
				let index =
					validators.iter().position(|v| *v == who).ok_or(Error::<T>::NotValidator)?;
				ensure!(
					validators.len() as u32 > T::MinValidators::get(),
					Error::<T>::TooFewValidators
				);
				validators.remove(index);
				Ok(())
			})?;
			Changed::<T>::put(true);
			Self::deposit_event(Event::ValidatorRemoved { who });
			Ok(())
		}
	}
}

impl<T: Config> pallet_session::SessionManager<T::AccountId> for Pallet<T> {
	/// Hands the set to the session pallet when it changed (it then applies from the session
	/// after `new_index`).
	fn new_session(new_index: u32) -> Option<Vec<T::AccountId>> {
		if !Changed::<T>::take() {
			return None;
		}
		let validators = Validators::<T>::get().into_inner();
		Self::deposit_event(Event::ValidatorsQueued {
			session: new_index,
			count: validators.len() as u32,
		});
		Some(validators)
	}

	/// At genesis the session pallet takes the genesis validators.
	fn new_session_genesis(_new_index: u32) -> Option<Vec<T::AccountId>> {
		Some(Validators::<T>::get().into_inner())
	}

	fn end_session(_end_index: u32) {}

	fn start_session(_start_index: u32) {}
}
