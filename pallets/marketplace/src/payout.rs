//! The settlement rule: how a price divides between the platform, the rights holders of a
//! work and its ancestors, and the seller — exactly, with nothing lost or made up.
//!
//! 1. **Fee**: `fee = ⌊price × fee_bps / 10 000⌋`, to the platform.
//! 2. **Pool**: for a primary sale, everything after the fee (`price − fee`); for a resale, the
//!    royalty `⌊price × royalty_bps / 10 000⌋`, never more than `price − fee`.
//! 3. **Works**: the pool divides over the work and its ancestors by the registry's royalty
//!    distribution: each work gets `⌊pool × fraction⌋`.
//! 4. **Holders**: each work's amount divides by its split: each holder gets
//!    `⌊amount × bps / 10 000⌋`. An account that appears several times is paid the sum.
//! 5. **Seller**: everything else, `price − fee − Σ parts`, rounding dust included (for a
//!    primary sale, the seller is the collection's issuer).
//!
//! So `seller + fee + Σ parts == price` for every price and split, and the dust the seller
//! receives is smaller than the number of (work, holder) terms.

use alloc::{collections::BTreeMap, vec::Vec};
use sp_runtime::{traits::AtLeast32BitUnsigned, Perquintill, SaturatedConversion};
use yinji_primitives::{BasisPoints, WHOLE};

/// What a sale's pool is made of.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Pool {
	/// A primary sale: the whole price after the fee goes to the rights holders.
	Primary,
	/// A resale: the collection's royalty, in basis points of the price.
	Royalty(BasisPoints),
}

/// How one price divides.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Breakdown<AccountId, Balance> {
	/// The platform fee.
	pub fee: Balance,
	/// What each rights holder receives, one entry per account, in account order.
	pub parts: Vec<(AccountId, Balance)>,
	/// What the seller receives.
	pub seller: Balance,
}

/// `⌊amount × bps / 10 000⌋` without overflow for any amount.
pub fn bps_of<Balance: AtLeast32BitUnsigned + Copy>(amount: Balance, bps: BasisPoints) -> Balance {
	let bps = bps.min(WHOLE);
	let whole = Balance::from(WHOLE);
	let bps = Balance::from(bps);
	// amount = q × 10 000 + r, so amount × bps / 10 000 = q × bps + r × bps / 10 000.
	let (q, r) = (amount / whole, amount % whole);
	q * bps + r * bps / whole
}

/// `⌊amount × fraction⌋` without overflow for any amount (the result never exceeds `amount`,
/// so converting back is exact).
pub fn fraction_of<Balance: AtLeast32BitUnsigned + Copy>(
	amount: Balance,
	fraction: Perquintill,
) -> Balance {
	const ONE: u128 = 1_000_000_000_000_000_000;
	let amount: u128 = amount.saturated_into();
	let parts = u128::from(fraction.deconstruct());
	// amount = q × 10^18 + r; r × parts < 10^36 fits in u128.
	let (q, r) = (amount / ONE, amount % ONE);
	Balance::saturated_from(q * parts + r * parts / ONE)
}

/// Divides `price` by the rule in the module docs. `works` lists, for each work of the
/// distribution, its fraction of the pool and its split. Returns `None` only if the inputs break
/// their own rules (fractions summing above one, splits above the whole), never for a valid
/// sale.
pub fn breakdown<AccountId: Ord + Clone, Balance: AtLeast32BitUnsigned + Copy>(
	price: Balance,
	fee_bps: BasisPoints,
	pool: Pool,
	works: &[(Perquintill, Vec<(AccountId, BasisPoints)>)],
) -> Option<Breakdown<AccountId, Balance>> {
	let fee = bps_of(price, fee_bps);
	let after_fee = price.checked_sub(&fee)?;
	let pool = match pool {
		Pool::Primary => after_fee,
		Pool::Royalty(bps) => bps_of(price, bps).min(after_fee),
	};
	let mut owed: BTreeMap<AccountId, Balance> = BTreeMap::new();
	let mut paid = Balance::zero();
	for (fraction, split) in works {
		let to_work = fraction_of(pool, *fraction);
		for (holder, bps) in split {
			let part = bps_of(to_work, *bps);
			if part.is_zero() {
				continue;
			}
			let entry = owed.entry(holder.clone()).or_insert_with(Balance::zero);
			*entry = entry.checked_add(&part)?;
			paid = paid.checked_add(&part)?;
		}
	}
	if paid > pool {
		return None;
	}
	let seller = after_fee.checked_sub(&paid)?;
	Some(Breakdown { fee, parts: owed.into_iter().collect(), seller })
}
