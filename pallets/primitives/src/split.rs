//! The rule every rights-holder split obeys.

use crate::{BasisPoints, WHOLE};

/// Why a rights-holder split is not acceptable.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SplitError {
	/// The split names nobody.
	Empty,
	/// A holder has a share of zero.
	ZeroShare,
	/// The same account appears twice.
	DuplicateHolder,
	/// The shares do not add up to exactly [`WHOLE`].
	DoesNotSumToWhole,
}

/// Checks that `split` names at least one holder, each once, each with a positive share, and
/// that the shares sum to exactly [`WHOLE`] (10 000 basis points).
///
/// The length bound is the caller's (a `BoundedVec`); this is quadratic in the length, which the
/// caller keeps small (at most 16 holders in the runtime).
pub fn validate_split<AccountId: PartialEq>(
	split: &[(AccountId, BasisPoints)],
) -> Result<(), SplitError> {
	if split.is_empty() {
		return Err(SplitError::Empty);
	}
	let mut total: u32 = 0;
	for (index, (who, share)) in split.iter().enumerate() {
		if *share == 0 {
			return Err(SplitError::ZeroShare);
		}
		if split[..index].iter().any(|(earlier, _)| earlier == who) {
			return Err(SplitError::DuplicateHolder);
		}
		// At most 2^16 holders of at most 2^16 bp each cannot overflow a u32: no checked add needed.
		total += u32::from(*share);
	}
	if total == u32::from(WHOLE) {
		Ok(())
	} else {
		Err(SplitError::DoesNotSumToWhole)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn validate_split_accepts_a_whole_split() {
		assert_eq!(validate_split(&[(1u8, 2_500), (2, 7_500)]), Ok(()));
		assert_eq!(validate_split(&[(1u8, WHOLE)]), Ok(()));
	}

	#[test]
	fn validate_split_names_the_failed_condition() {
		assert_eq!(validate_split::<u8>(&[]), Err(SplitError::Empty));
		assert_eq!(validate_split(&[(1u8, 0), (2, WHOLE)]), Err(SplitError::ZeroShare));
		assert_eq!(validate_split(&[(1u8, 5_000), (1, 5_000)]), Err(SplitError::DuplicateHolder));
		assert_eq!(validate_split(&[(1u8, 5_000), (2, 4_999)]), Err(SplitError::DoesNotSumToWhole));
		assert_eq!(validate_split(&[(1u8, 5_000), (2, 5_001)]), Err(SplitError::DoesNotSumToWhole));
	}
}
