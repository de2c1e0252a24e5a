//! Settlements, filtered.

use crate::{
	builder,
	columns::{a, int, u},
	Db, Result,
};
use serde::Serialize;
use sqlx::{Any, QueryBuilder, Row};

/// A settlement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SaleRow {
	/// The block.
	pub block_number: u64,
	/// The block's time.
	pub timestamp_ms: u64,
	/// The collection.
	pub collection: u64,
	/// The item.
	pub item: u64,
	/// The seller.
	pub seller: String,
	/// The buyer.
	pub buyer: String,
	/// `native` or `asset:ID`.
	pub asset: String,
	/// The price.
	pub gross: u128,
	/// The platform's fee.
	pub fee: u128,
	/// All royalties together.
	pub royalties: u128,
	/// What the seller received.
	pub seller_proceeds: u128,
	/// Discount bought with points.
	pub discount: u128,
}

/// Filters for [`sales`].
#[derive(Clone, Debug, Default)]
pub struct SaleFilter {
	/// Only this collection.
	pub collection: Option<u64>,
	/// Only sales where this account bought or sold.
	pub account: Option<String>,
	/// From this time (ms, inclusive).
	pub since_ms: Option<u64>,
	/// Until this time (ms, exclusive).
	pub until_ms: Option<u64>,
	/// Page size (default 50).
	pub limit: Option<u32>,
}

/// Sales matching `filter`, newest first.
pub async fn sales(db: &Db, filter: &SaleFilter) -> Result<Vec<SaleRow>> {
	let mut query = QueryBuilder::<Any>::new(
		"SELECT block_number, timestamp_ms, collection, item, seller, buyer, asset, gross, fee, \
		 royalties, seller_proceeds, discount FROM sales WHERE ",
	);
	let mut conditions = query.separated(" AND ");
	// Always true: the clause stands when nothing filters.
	conditions.push("1 = 1");
	if let Some(collection) = filter.collection {
		conditions.push("collection = ").push_bind_unseparated(int(collection));
	}
	if let Some(account) = &filter.account {
		conditions
			.push("(buyer = ")
			.push_bind_unseparated(account.clone())
			.push_unseparated(" OR seller = ")
			.push_bind_unseparated(account.clone())
			.push_unseparated(")");
	}
	if let Some(since) = filter.since_ms {
		conditions.push("timestamp_ms >= ").push_bind_unseparated(int(since));
	}
	if let Some(until) = filter.until_ms {
		conditions.push("timestamp_ms < ").push_bind_unseparated(int(until));
	}
	query.push(" ORDER BY block_number DESC, event_index DESC LIMIT ");
	query.push_bind(i64::from(filter.limit.unwrap_or(50)));
	let rows = builder::fetch_all(db, query).await?;
	rows.iter()
		.map(|row| {
			Ok(SaleRow {
				block_number: u(row, "block_number")?,
				timestamp_ms: u(row, "timestamp_ms")?,
				collection: u(row, "collection")?,
				item: u(row, "item")?,
				seller: row.try_get("seller")?,
				buyer: row.try_get("buyer")?,
				asset: row.try_get("asset")?,
				gross: a(row, "gross")?,
				fee: a(row, "fee")?,
				royalties: a(row, "royalties")?,
				seller_proceeds: a(row, "seller_proceeds")?,
				discount: a(row, "discount")?,
			})
		})
		.collect()
}
