//! Royalties an account earned, per period.

use crate::{
	columns::{a, int, u},
	Db, Result,
};
use serde::Serialize;
use sqlx::Row;
use std::collections::BTreeMap;

/// Royalties an account earned in one period and asset.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RoyaltyPeriod {
	/// Start of the period (ms since the Unix epoch, a multiple of the period length).
	pub period_start_ms: u64,
	/// `native` or `asset:ID`.
	pub asset: String,
	/// The sum, exact.
	pub total: u128,
	/// How many payouts.
	pub payouts: u64,
}

/// Royalties `account` earned between `from_ms` (inclusive) and `to_ms` (exclusive), summed per
/// period of `period_ms` (a day is 86 400 000) and asset, oldest first.
pub async fn royalties_per_period(
	db: &Db,
	account: &str,
	from_ms: u64,
	to_ms: u64,
	period_ms: u64,
) -> Result<Vec<RoyaltyPeriod>> {
	let rows = sqlx::query(
		"SELECT timestamp_ms, asset, amount FROM royalty_payouts WHERE account = $1 \
		 AND timestamp_ms >= $2 AND timestamp_ms < $3",
	)
	.bind(account.to_string())
	.bind(int(from_ms))
	.bind(int(to_ms))
	.fetch_all(db.pool())
	.await?;
	let period = period_ms.max(1);
	let mut periods = BTreeMap::<(u64, String), (u128, u64)>::new();
	for row in &rows {
		let start = u(row, "timestamp_ms")? / period * period;
		let entry = periods.entry((start, row.try_get("asset")?)).or_default();
		entry.0 = entry.0.saturating_add(a(row, "amount")?);
		entry.1 += 1;
	}
	Ok(periods
		.into_iter()
		.map(|((period_start_ms, asset), (total, payouts))| RoyaltyPeriod {
			period_start_ms,
			asset,
			total,
			payouts,
		})
		.collect())
}
