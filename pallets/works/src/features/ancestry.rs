//! Derivative ancestry: depth, the ancestor bound, and how a royalty divides over ancestors.
//!
//! A royalty owed to a work is passed up its parent links: each parent receives its share (in
//! basis points) of what reaches the child, and each work keeps what it does not pass on for
//! its own rights holders. Shares reaching a work by several paths add up.
//!
//! Parents are always registered before their children, so a parent's id is smaller than any
//! child's. Visiting works from the highest id down therefore handles a work only after every
//! descendant that can pass it anything, and each ancestor is read from storage once.
//!
//! Fractions are kept in parts of 10^18 ([`Perquintill`]). A path of `n` links multiplies `n`
//! basis-point shares (10^4 each); with at most four links below the one being divided, every
//! product divides 10^18 exactly, so no part is ever rounded and the fractions sum to one.

use crate::{Config, Error, Pallet, Works};
use alloc::{collections::BTreeMap, vec::Vec};
use sp_runtime::{traits::Get, ArithmeticError, DispatchError};
use yinji_primitives::{BasisPoints, Perquintill, WorkId, WHOLE};

/// The deepest ancestry for which royalty fractions are exact in parts of 10^18.
pub(crate) const MAX_EXACT_DEPTH: u8 = 4;

/// One in parts of 10^18.
const ONE: u128 = 1_000_000_000_000_000_000;

/// How a royalty owed to a work divides over it and its ancestors.
pub(crate) struct Distribution {
	/// The work itself first, then its ancestors from the youngest (highest id) down.
	pub shares: Vec<(WorkId, Perquintill)>,
}

impl Distribution {
	/// How many distinct ancestors were visited (the work itself not counted).
	pub fn ancestors(&self) -> u32 {
		self.shares.len().saturating_sub(1) as u32
	}
}

/// `amount * share / WHOLE`, exact when `amount` is a multiple of `WHOLE` (see module docs).
fn part_of(amount: u128, share: BasisPoints) -> Result<u128, DispatchError> {
	amount
		.checked_mul(u128::from(share))
		.map(|scaled| scaled / u128::from(WHOLE))
		.ok_or_else(|| ArithmeticError::Overflow.into())
}

/// Passes each parent its share of `amount` (adding to what already reaches it in `pending`)
/// and returns what is kept.
fn pass_up(
	amount: u128,
	parents: &[(WorkId, BasisPoints)],
	pending: &mut BTreeMap<WorkId, u128>,
) -> Result<u128, DispatchError> {
	let mut passed: u128 = 0;
	for (parent, share) in parents {
		let part = part_of(amount, *share)?;
		let entry = pending.entry(*parent).or_insert(0);
		*entry = entry.checked_add(part).ok_or(ArithmeticError::Overflow)?;
		passed = passed.checked_add(part).ok_or(ArithmeticError::Overflow)?;
	}
	amount.checked_sub(passed).ok_or_else(|| ArithmeticError::Underflow.into())
}

impl<T: Config> Pallet<T> {
	/// Divides a royalty owed to `work`, whose parents are `parents`, over the work and its
	/// ancestors, reading each ancestor once. Fails with [`Error::TooManyAncestors`] past
	/// `MaxAncestors` and [`Error::UnknownWork`] if a parent is missing.
	pub(crate) fn distribute_over_ancestry(
		work: WorkId,
		parents: &[(WorkId, BasisPoints)],
	) -> Result<Distribution, DispatchError> {
		let max_ancestors = T::MaxAncestors::get() as usize;
		let mut pending: BTreeMap<WorkId, u128> = BTreeMap::new();
		let mut shares = Vec::new();

		let kept = pass_up(ONE, parents, &mut pending)?;
		shares.push((work, Self::perquintill(kept)?));

		while let Some((ancestor, amount)) = pending.pop_last() {
			if shares.len() > max_ancestors {
				return Err(Error::<T>::TooManyAncestors.into());
			}
			let record = Works::<T>::get(ancestor).ok_or(Error::<T>::UnknownWork)?;
			let kept = pass_up(amount, &record.parents, &mut pending)?;
			shares.push((ancestor, Self::perquintill(kept)?));
		}
		Ok(Distribution { shares })
	}

	/// Converts parts of 10^18 to a [`Perquintill`]; a part above one is an arithmetic error.
	fn perquintill(parts: u128) -> Result<Perquintill, DispatchError> {
		u64::try_from(parts)
			.ok()
			.filter(|parts| u128::from(*parts) <= ONE)
			.map(Perquintill::from_parts)
			.ok_or_else(|| ArithmeticError::Overflow.into())
	}
}
