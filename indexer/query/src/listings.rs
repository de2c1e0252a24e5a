//! Listings and auctions, filtered.

use crate::{
	builder,
	columns::{a, amount, int, u},
	Db, Result,
};
use serde::Serialize;
use sqlx::{Any, QueryBuilder, Row};

/// A listing or an auction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ListingRow {
	/// The collection.
	pub collection: u64,
	/// The item.
	pub item: u64,
	/// `fixed`, `dutch` or `auction`.
	pub kind: String,
	/// The seller.
	pub seller: String,
	/// `native` or `asset:ID`.
	pub asset: String,
	/// Fixed price, Dutch start price or auction start price.
	pub price: u128,
	/// The block it was listed in.
	pub listed_block: u64,
	/// Last block of validity (auctions: end, extended by late bids).
	pub expires_at: u64,
	/// Why it closed (`sold`, `removed`, `void`, `replaced`, `unsold`); `None` while open.
	pub close_reason: Option<String>,
}

/// Filters for [`listings`]; `None` fields do not filter.
#[derive(Clone, Debug, Default)]
pub struct ListingFilter {
	/// Only this collection.
	pub collection: Option<u64>,
	/// Only this seller.
	pub seller: Option<String>,
	/// Only this kind.
	pub kind: Option<String>,
	/// Price at least.
	pub min_price: Option<u128>,
	/// Price at most.
	pub max_price: Option<u128>,
	/// Only open listings.
	pub open_only: bool,
	/// Page size (default 50).
	pub limit: Option<u32>,
	/// Rows to skip.
	pub offset: Option<u32>,
}

/// Listings matching `filter`, cheapest first.
pub async fn listings(db: &Db, filter: &ListingFilter) -> Result<Vec<ListingRow>> {
	let mut query = QueryBuilder::<Any>::new(
		"SELECT collection, item, kind, seller, asset, price, block_number, expires_at, \
		 close_reason FROM listings WHERE ",
	);
	let mut conditions = query.separated(" AND ");
	// Always true: the clause stands when nothing filters.
	conditions.push("1 = 1");
	if let Some(collection) = filter.collection {
		conditions.push("collection = ").push_bind_unseparated(int(collection));
	}
	if let Some(seller) = &filter.seller {
		conditions.push("seller = ").push_bind_unseparated(seller.clone());
	}
	if let Some(kind) = &filter.kind {
		conditions.push("kind = ").push_bind_unseparated(kind.clone());
	}
	// Amounts are padded text, so text order is numeric order.
	if let Some(min) = filter.min_price {
		conditions.push("price >= ").push_bind_unseparated(amount(min));
	}
	if let Some(max) = filter.max_price {
		conditions.push("price <= ").push_bind_unseparated(amount(max));
	}
	if filter.open_only {
		conditions.push("closed_block IS NULL");
	}
	query.push(" ORDER BY price, block_number, event_index LIMIT ");
	query.push_bind(i64::from(filter.limit.unwrap_or(50)));
	query.push(" OFFSET ").push_bind(i64::from(filter.offset.unwrap_or(0)));
	let rows = builder::fetch_all(db, query).await?;
	rows.iter()
		.map(|row| {
			Ok(ListingRow {
				collection: u(row, "collection")?,
				item: u(row, "item")?,
				kind: row.try_get("kind")?,
				seller: row.try_get("seller")?,
				asset: row.try_get("asset")?,
				price: a(row, "price")?,
				listed_block: u(row, "block_number")?,
				expires_at: u(row, "expires_at")?,
				close_reason: row.try_get("close_reason")?,
			})
		})
		.collect()
}
