//! Physical orders: each escrow with its state, deadline and, once closed, how it ended.

use crate::{
	columns::{a, opt_u, u},
	Db, Result,
};
use serde::Serialize;
use sqlx::{any::AnyRow, Row};

/// A physical order as the index last saw it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OrderRow {
	/// The order's id on chain.
	pub id: u64,
	/// The block it was placed in.
	pub block_number: u64,
	/// The item's collection.
	pub collection: u64,
	/// The item.
	pub item: u64,
	/// Who paid.
	pub buyer: String,
	/// Who ships.
	pub seller: String,
	/// `native` or `asset:ID`.
	pub asset: String,
	/// The price held in escrow.
	pub price: u128,
	/// `paid`, `shipped`, `delivered`, `return_requested`, `disputed` or `closed`.
	pub state: String,
	/// The block its state's deadline passes at, if it has one.
	pub deadline: Option<u64>,
	/// Who disputed it, if anyone did.
	pub disputed_by: Option<String>,
	/// What went back to the buyer (all of it for a refund, the arbiter's part for a split).
	pub refunded: u128,
	/// How it ended: `tapped`, `confirmed`, `window_passed`, `not_shipped`, `returned` or
	/// `arbitrated`.
	pub outcome: Option<String>,
	/// The block it closed in.
	pub closed_block: Option<u64>,
}

const COLUMNS: &str = "id, block_number, collection, item, buyer, seller, asset, price, state, \
	deadline, disputed_by, refunded, outcome, closed_block";

fn order_row(row: &AnyRow) -> Result<OrderRow> {
	Ok(OrderRow {
		id: u(row, "id")?,
		block_number: u(row, "block_number")?,
		collection: u(row, "collection")?,
		item: u(row, "item")?,
		buyer: row.try_get("buyer")?,
		seller: row.try_get("seller")?,
		asset: row.try_get("asset")?,
		price: a(row, "price")?,
		state: row.try_get("state")?,
		deadline: opt_u(row, "deadline")?,
		disputed_by: row.try_get("disputed_by")?,
		refunded: a(row, "refunded")?,
		outcome: row.try_get("outcome")?,
		closed_block: opt_u(row, "closed_block")?,
	})
}

/// The order `id`, if the index has it.
pub async fn order(db: &Db, id: u64) -> Result<Option<OrderRow>> {
	let select = format!("SELECT {COLUMNS} FROM orders WHERE id = $1");
	let row = sqlx::query(sqlx::AssertSqlSafe(select))
		.bind(crate::int(id))
		.fetch_optional(db.pool())
		.await?;
	row.as_ref().map(order_row).transpose()
}

/// Orders in `state` (`disputed`: the arbiter's queue), oldest first.
pub async fn orders_in_state(db: &Db, state: &str) -> Result<Vec<OrderRow>> {
	let select = format!("SELECT {COLUMNS} FROM orders WHERE state = $1 ORDER BY id");
	let rows = sqlx::query(sqlx::AssertSqlSafe(select))
		.bind(state.to_string())
		.fetch_all(db.pool())
		.await?;
	rows.iter().map(order_row).collect()
}
