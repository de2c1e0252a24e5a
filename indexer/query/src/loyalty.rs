//! A member's points history and tier, and the recency, frequency and monetary value of their
//! purchases.

use crate::{
	columns::{a, opt_u, u},
	Db, Result,
};
use serde::Serialize;
use sqlx::Row;
use std::collections::BTreeMap;

/// One entry of a member's points history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LoyaltyEntry {
	/// The block.
	pub block_number: u64,
	/// The block's time.
	pub timestamp_ms: u64,
	/// `earned`, `redeemed` or `expired`.
	pub kind: String,
	/// Points.
	pub points: u128,
	/// Last block of validity of earned points.
	pub expires_at: Option<u64>,
}

/// Recency, frequency and monetary value of a member's purchases.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Rfm {
	/// Time of the latest purchase (ms), if any.
	pub last_purchase_ms: Option<u64>,
	/// Whole days from the latest purchase to `now`.
	pub recency_days: Option<u64>,
	/// Purchases in all.
	pub frequency: u64,
	/// Sum of prices paid (before discounts), per asset.
	pub monetary: BTreeMap<String, u128>,
}

/// A member's points history, newest first, and current tier (0 when never changed).
pub async fn loyalty_history(db: &Db, account: &str) -> Result<(Vec<LoyaltyEntry>, u8)> {
	let rows = sqlx::query(
		"SELECT l.block_number, l.timestamp_ms, l.kind, l.points, l.expires_at \
		 FROM loyalty_ledger l WHERE l.account = $1 \
		 ORDER BY l.block_number DESC, l.event_index DESC",
	)
	.bind(account.to_string())
	.fetch_all(db.pool())
	.await?;
	let entries = rows
		.iter()
		.map(|row| {
			Ok(LoyaltyEntry {
				block_number: u(row, "block_number")?,
				timestamp_ms: u(row, "timestamp_ms")?,
				kind: row.try_get("kind")?,
				points: a(row, "points")?,
				expires_at: opt_u(row, "expires_at")?,
			})
		})
		.collect::<Result<Vec<_>>>()?;
	let tier: Option<i64> = sqlx::query_scalar("SELECT tier FROM member_tiers WHERE account = $1")
		.bind(account.to_string())
		.fetch_optional(db.pool())
		.await?;
	Ok((entries, tier.and_then(|t| u8::try_from(t).ok()).unwrap_or(0)))
}

/// Recency, frequency and monetary value of `account`'s purchases as of `now_ms`.
pub async fn rfm(db: &Db, account: &str, now_ms: u64) -> Result<Rfm> {
	let rows = sqlx::query("SELECT timestamp_ms, asset, gross FROM sales WHERE buyer = $1")
		.bind(account.to_string())
		.fetch_all(db.pool())
		.await?;
	let mut monetary = BTreeMap::<String, u128>::new();
	let mut last = None;
	for row in &rows {
		let at = u(row, "timestamp_ms")?;
		last = last.max(Some(at));
		let total = monetary.entry(row.try_get("asset")?).or_default();
		*total = total.saturating_add(a(row, "gross")?);
	}
	Ok(Rfm {
		last_purchase_ms: last,
		recency_days: last.map(|at| now_ms.saturating_sub(at) / 86_400_000),
		frequency: rows.len() as u64,
		monetary,
	})
}
