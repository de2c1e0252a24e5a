//! Orders after checkout, as the buyer and the seller see them. A physical line's money is the
//! chain's (an order in escrow, see [`super::steps`]), so its status is read from there: while
//! the on-chain order is open, from its state (with the deadline that moves it on by itself);
//! once it closed, from how it closed, as the index recorded it. The gateway's stored status
//! only remembers the last of these it saw, and a step it submitted that is not final yet.

use crate::{
	accounts::Session,
	stored::{LineStatus, OrderStatus, ProductKind},
	tags::ledger::{Ledger, OrderState},
	ApiError, AppState, Result,
};
use axum::{
	extract::{Path, State},
	Json,
};
use serde::Serialize;
// The SQL built at run time joins fixed fragments only; every value is bound.
use sqlx::{AssertSqlSafe, Row};

/// An order line as its buyer or seller sees it.
#[derive(Debug, Serialize)]
pub struct Line {
	/// The order.
	pub order: String,
	/// The product and its title.
	pub product: String,
	/// The title.
	pub title: String,
	/// The collection and item bought.
	pub collection: i64,
	/// The item.
	pub item: i64,
	/// `physical` or `collectible`.
	pub kind: ProductKind,
	/// The price paid.
	pub price: i64,
	/// `pending`, `paid`, `shipping`, `shipped`, `claimed`, `settled`, `returning`,
	/// `disputed`, `refunded`, `delivered` or `failed`.
	pub status: LineStatus,
	/// The on-chain order escrowing the price (physical products).
	pub chain_order: Option<i64>,
	/// The parcel's tracking number.
	pub tracking: Option<String>,
	/// The on-chain order while it is open: its state and deadline.
	pub escrow: Option<OrderState>,
}

/// An order as its buyer sees it.
#[derive(Debug, Serialize)]
pub struct Order {
	/// Its id.
	pub id: String,
	/// `pending`, `paid` or `failed`.
	pub status: OrderStatus,
	/// The total.
	pub total: i64,
	/// Who receives the parcel.
	pub ship_name: Option<String>,
	/// Where.
	pub ship_address: Option<String>,
	/// Why the payment failed.
	pub failure: Option<String>,
	/// The payment's transaction (`GET /api/tx/{id}`).
	pub payment_tx: Option<String>,
	/// When it was placed (ms since the Unix epoch).
	pub created_ms: i64,
	/// Its lines.
	pub lines: Vec<Line>,
}

const LINE_COLUMNS: &str = "l.order_id, l.product, p.title, l.collection, l.item, l.kind, \
	l.price, l.status, l.chain_order, l.tracking";

fn line(row: &sqlx::any::AnyRow) -> Result<Line> {
	Ok(Line {
		order: row.try_get(0)?,
		product: row.try_get(1)?,
		title: row.try_get(2)?,
		collection: row.try_get(3)?,
		item: row.try_get(4)?,
		kind: row.try_get::<String, _>(5)?.parse()?,
		price: row.try_get(6)?,
		status: row.try_get::<String, _>(7)?.parse()?,
		chain_order: row.try_get(8)?,
		tracking: row.try_get(9)?,
		escrow: None,
	})
}

/// Reads each physical line's on-chain order, when the gateway has a node: the open order's
/// state goes in [`Line::escrow`] and decides the line's status; a closed one's outcome comes
/// from the index. A status that changed is stored, so that the next reader starts from it.
async fn with_escrow<'a>(
	state: &AppState,
	lines: impl IntoIterator<Item = &'a mut Line>,
) -> Result<()> {
	let Some(ledger) = Ledger::if_connected(state).await? else { return Ok(()) };
	for line in lines {
		let Some(order) = line.chain_order.and_then(|order| u64::try_from(order).ok()) else {
			continue;
		};
		if line.status.is_final() {
			continue;
		}
		line.escrow = ledger.order(order).await?;
		let now = match &line.escrow {
			Some(escrow) => open_status(escrow.state, line.status),
			None => closed_status(state, order).await?,
		};
		if let Some(now) = now.filter(|now| *now != line.status) {
			sqlx::query(
				"UPDATE order_lines SET status = $1 WHERE chain_order = $2 AND status = $3",
			)
			.bind(now.as_str())
			.bind(i64::try_from(order)?)
			.bind(line.status.as_str())
			.execute(&state.db)
			.await?;
			line.status = now;
		}
	}
	Ok(())
}

/// The status of a line whose on-chain order is open in `state` (a step the gateway submitted
/// and that is not final yet keeps its line where it is).
fn open_status(state: &str, stored: LineStatus) -> Option<LineStatus> {
	Some(match state {
		"paid" if stored == LineStatus::Shipping => return None,
		"paid" => LineStatus::Paid,
		"shipped" | "delivered" => LineStatus::Shipped,
		"return_requested" => LineStatus::Returning,
		"disputed" => LineStatus::Disputed,
		_ => return None,
	})
}

/// The status of a line whose on-chain order closed, from the index's record of how; `None`
/// while the gateway has no index or the index has not reached the block.
async fn closed_status(state: &AppState, order: u64) -> Result<Option<LineStatus>> {
	let Some(index) = &state.index else { return Ok(None) };
	let Some(row) = yinji_index_query::order(index, order).await? else { return Ok(None) };
	Ok(row.outcome.map(|outcome| match outcome.as_str() {
		"tapped" => LineStatus::Claimed,
		"not_shipped" | "returned" => LineStatus::Refunded,
		"arbitrated" if row.refunded == row.price => LineStatus::Refunded,
		_ => LineStatus::Settled,
	}))
}

/// The orders `buyer` placed, newest first (or only `only`).
pub async fn orders_of(state: &AppState, buyer: &str, only: Option<&str>) -> Result<Vec<Order>> {
	let rows = sqlx::query(
		"SELECT id, status, total, ship_name, ship_address, failure, payment_tx, created_ms \
		 FROM orders WHERE buyer_id = $1 AND ($2 = '' OR id = $2) ORDER BY created_ms DESC",
	)
	.bind(buyer.to_string())
	.bind(only.unwrap_or_default().to_string())
	.fetch_all(&state.db)
	.await?;
	let mut orders = Vec::new();
	for row in rows {
		let id: String = row.try_get(0)?;
		let select = format!(
			"SELECT {LINE_COLUMNS} FROM order_lines l JOIN products p ON p.id = l.product \
			 WHERE l.order_id = $1 ORDER BY l.collection, l.item"
		);
		let mut lines = sqlx::query(AssertSqlSafe(select))
			.bind(id.clone())
			.fetch_all(&state.db)
			.await?
			.iter()
			.map(line)
			.collect::<Result<Vec<_>>>()?;
		with_escrow(state, &mut lines).await?;
		orders.push(Order {
			id,
			status: row.try_get::<String, _>(1)?.parse()?,
			total: row.try_get(2)?,
			ship_name: row.try_get(3)?,
			ship_address: row.try_get(4)?,
			failure: row.try_get(5)?,
			payment_tx: row.try_get(6)?,
			created_ms: row.try_get(7)?,
			lines,
		});
	}
	Ok(orders)
}

#[utoipa::path(get, path = "/api/shop/orders", tag = "shop",
	responses((status = 200, description = "The buyer's orders, newest first")))]
/// `GET /api/shop/orders`.
pub async fn my_orders(
	State(state): State<AppState>,
	session: Session,
) -> Result<Json<serde_json::Value>> {
	let orders = orders_of(&state, &session.user.id, None).await?;
	Ok(Json(serde_json::json!({ "orders": orders })))
}

#[utoipa::path(get, path = "/api/shop/orders/{id}", tag = "shop",
	params(("id" = String, Path, description = "The order")),
	responses((status = 200, description = "The order"),
		(status = 404, description = "No such order of this buyer", body = crate::error::ErrorBody)))]
/// `GET /api/shop/orders/{id}`: one of the buyer's orders (anyone else gets 404).
pub async fn order(
	State(state): State<AppState>,
	session: Session,
	Path(id): Path<String>,
) -> Result<Json<Order>> {
	orders_of(&state, &session.user.id, Some(&id))
		.await?
		.pop()
		.map(Json)
		.ok_or_else(|| ApiError::not_found(format!("no order {id}")))
}

/// A line the seller fulfils, with where to ship it.
#[derive(Debug, Serialize)]
pub struct Sale {
	/// The line.
	#[serde(flatten)]
	pub line: Line,
	/// Who receives the parcel.
	pub ship_name: Option<String>,
	/// Where.
	pub ship_address: Option<String>,
}

/// The lines `seller` sold, newest order first.
pub async fn sales_of(state: &AppState, seller: &str) -> Result<Vec<Sale>> {
	let select = format!(
		"SELECT {LINE_COLUMNS}, o.ship_name, o.ship_address FROM order_lines l \
		 JOIN products p ON p.id = l.product JOIN orders o ON o.id = l.order_id \
		 WHERE l.seller_id = $1 ORDER BY o.created_ms DESC, l.collection, l.item"
	);
	let rows =
		sqlx::query(AssertSqlSafe(select)).bind(seller.to_string()).fetch_all(&state.db).await?;
	let mut sales = rows
		.iter()
		.map(|row| {
			Ok(Sale {
				line: line(row)?,
				ship_name: row.try_get(10)?,
				ship_address: row.try_get(11)?,
			})
		})
		.collect::<Result<Vec<_>>>()?;
	// Collected first: a closure held across the await would not be `Send` for every lifetime.
	let lines: Vec<&mut Line> = sales.iter_mut().map(|sale| &mut sale.line).collect();
	with_escrow(state, lines).await?;
	Ok(sales)
}

#[utoipa::path(get, path = "/api/shop/sales", tag = "shop",
	responses((status = 200, description = "The seller's order lines, with shipping addresses")))]
/// `GET /api/shop/sales`: the seller's fulfilment view.
pub async fn my_sales(
	State(state): State<AppState>,
	session: Session,
) -> Result<Json<serde_json::Value>> {
	Ok(Json(serde_json::json!({ "sales": sales_of(&state, &session.user.id).await? })))
}
