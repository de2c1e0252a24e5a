//! How the index stores values (exact amounts as padded text, counters as integers), and reading
//! them back from a row.

use crate::Result;
use sqlx::{any::AnyRow, Row};

/// An exact amount as the index stores it: 39-digit zero-padded decimal text (the width of
/// `u128::MAX`), so that text order is numeric order.
pub fn amount(value: u128) -> String {
	format!("{value:039}")
}

/// An amount read back from the index.
pub fn parse_amount(text: &str) -> Result<u128> {
	text.parse().map_err(|e| sqlx::Error::Decode(format!("amount {text:?}: {e}").into()))
}

/// A block number or other counter for an `INTEGER`/`BIGINT` column.
pub fn int(value: impl Into<u64>) -> i64 {
	// Block numbers, ids and counters stay far below 2^63 on any chain that exists.
	i64::try_from(value.into()).unwrap_or(i64::MAX)
}

/// The counter in `column` (0 if the column holds a negative number, which the index never
/// writes).
pub(crate) fn u(row: &AnyRow, column: &str) -> Result<u64> {
	Ok(u64::try_from(row.try_get::<i64, _>(column)?).unwrap_or_default())
}

/// The counter in `column`, if any.
pub(crate) fn opt_u(row: &AnyRow, column: &str) -> Result<Option<u64>> {
	Ok(row.try_get::<Option<i64>, _>(column)?.and_then(|v| u64::try_from(v).ok()))
}

/// The exact amount in `column`.
pub(crate) fn a(row: &AnyRow, column: &str) -> Result<u128> {
	parse_amount(&row.try_get::<String, _>(column)?)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn amounts_sort_as_numbers_and_round_trip() {
		let values = [0u128, 9, 10, 1_000_000_000_000, u128::MAX];
		let texts: Vec<String> = values.iter().map(|v| amount(*v)).collect();
		let mut sorted = texts.clone();
		sorted.sort();
		assert_eq!(sorted, texts, "text order is numeric order");
		for (value, text) in values.iter().zip(&texts) {
			assert_eq!(text.len(), 39);
			assert_eq!(parse_amount(text).unwrap(), *value);
		}
		assert!(parse_amount("12x").is_err());
	}
}
