//! Orders after checkout: the buyer's orders, the seller's fulfilment (shipping with a listing
//! reserved for the buyer), and the claim by tap that closes a physical line.

use super::custodial_signer;
use crate::{
	accounts::Session,
	chain::{account, call::Call, default_expiry, submission::submit_in_background},
	error::ApiJson,
	stored::{LineStatus, OrderStatus, ProductKind},
	ApiError, AppState, Result,
};
use axum::{
	extract::{Path, State},
	http::StatusCode,
	Json,
};
use serde::{Deserialize, Serialize};
// The SQL built at run time joins fixed fragments only; every value is bound.
use sqlx::{AssertSqlSafe, Row};
use yinji_client::calls::{batch_all, marketplace, native};

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
	/// `pending`, `paid`, `shipping`, `shipped`, `claimed`, `delivered` or `failed`.
	pub status: LineStatus,
	/// The buyer's held offer (physical products).
	pub offer: Option<i64>,
	/// The parcel's tracking number.
	pub tracking: Option<String>,
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
	l.price, l.status, l.offer, l.tracking";

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
		offer: row.try_get(8)?,
		tracking: row.try_get(9)?,
	})
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
		let lines = sqlx::query(AssertSqlSafe(select))
			.bind(id.clone())
			.fetch_all(&state.db)
			.await?
			.iter()
			.map(line)
			.collect::<Result<_>>()?;
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
	rows.iter()
		.map(|row| {
			Ok(Sale {
				line: line(row)?,
				ship_name: row.try_get(10)?,
				ship_address: row.try_get(11)?,
			})
		})
		.collect()
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

/// The body of `POST /api/shop/orders/{id}/ship`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ShipRequest {
	/// The parcel's tracking number.
	pub tracking: String,
}

#[utoipa::path(post, path = "/api/shop/orders/{id}/ship", request_body = ShipRequest, tag = "shop",
	params(("id" = String, Path, description = "The order")),
	responses(
		(status = 202, description = "Shipping: the reserved listings are submitted"),
		(status = 404, description = "Nothing of this seller's to ship in the order", body = crate::error::ErrorBody)))]
/// `POST /api/shop/orders/{id}/ship`: the seller ships their paid physical lines of an order.
/// Each item is listed on chain for the buyer only, at the price the buyer's offer holds, so
/// that the buyer's tap on delivery can settle it.
pub async fn ship(
	State(state): State<AppState>,
	session: Session,
	Path(id): Path<String>,
	ApiJson(request): ApiJson<ShipRequest>,
) -> Result<(StatusCode, Json<serde_json::Value>)> {
	let tracking = request.tracking.trim().to_string();
	if tracking.is_empty() || tracking.chars().count() > 64 {
		return Err(ApiError::bad_request("bad_value", "a tracking number of 1 to 64 characters"));
	}
	let signer = custodial_signer(&state, &session).await?;
	let seller = session.user.id.clone();
	let listings = reserved_listings(&state, &id, &seller).await?;
	let marked = sqlx::query(
		"UPDATE order_lines SET status = $1, tracking = $2 WHERE order_id = $3 \
		 AND seller_id = $4 AND status = $5 AND kind = $6",
	)
	.bind(LineStatus::Shipping.as_str())
	.bind(tracking)
	.bind(id.clone())
	.bind(seller.clone())
	.bind(LineStatus::Paid.as_str())
	.bind(ProductKind::Physical.as_str())
	.execute(&state.db)
	.await?
	.rows_affected();
	if marked as usize != listings.len() {
		return Err(ApiError::new(StatusCode::CONFLICT, "changed", "the order changed; try again"));
	}
	let (done, outcome) = tokio::sync::oneshot::channel();
	let lock = state.signers.of(&seller);
	let call = batch_all(listings);
	let answer =
		submit_in_background(&state, &seller, "ship", vec![call], signer, lock, Some(done)).await?;
	let db = state.db.clone();
	tokio::spawn(async move {
		// Shipped once the reserved listings are final; otherwise back to paid, to ship again.
		let status = match outcome.await {
			Ok(Ok(_)) => LineStatus::Shipped,
			_ => LineStatus::Paid,
		};
		record_shipment(&db, &id, &seller, status).await;
	});
	Ok((StatusCode::ACCEPTED, Json(answer)))
}

/// A listing reserved for the buyer of each of `seller`'s paid physical lines of `order`, at
/// the price the buyer's offer holds; 404 if there is none.
async fn reserved_listings(state: &AppState, order: &str, seller: &str) -> Result<Vec<Call>> {
	let rows = sqlx::query(
		"SELECT l.collection, l.item, l.price, u.address FROM order_lines l \
		 JOIN orders o ON o.id = l.order_id JOIN users u ON u.id = o.buyer_id \
		 WHERE l.order_id = $1 AND l.seller_id = $2 AND l.status = $3 AND l.kind = $4",
	)
	.bind(order.to_string())
	.bind(seller.to_string())
	.bind(LineStatus::Paid.as_str())
	.bind(ProductKind::Physical.as_str())
	.fetch_all(&state.db)
	.await?;
	if rows.is_empty() {
		return Err(ApiError::not_found(format!("nothing of yours to ship in order {order}")));
	}
	let expiry = default_expiry(state).await?;
	rows.iter()
		.map(|row| {
			let item = (
				u32::try_from(row.try_get::<i64, _>(0)?)?,
				u32::try_from(row.try_get::<i64, _>(1)?)?,
			);
			let price = u128::try_from(row.try_get::<i64, _>(2)?)?;
			let buyer = account(&row.try_get::<String, _>(3)?)?;
			Ok(marketplace::list(item, native(), price, expiry, Some(buyer)))
		})
		.collect()
}

/// Moves `seller`'s lines of `order` from shipping to `status`; a failure is logged (the
/// background task that calls this has nobody to answer).
async fn record_shipment(db: &sqlx::AnyPool, order: &str, seller: &str, status: LineStatus) {
	let updated = sqlx::query(
		"UPDATE order_lines SET status = $1 WHERE order_id = $2 AND seller_id = $3 \
		 AND status = $4",
	)
	.bind(status.as_str())
	.bind(order.to_string())
	.bind(seller.to_string())
	.bind(LineStatus::Shipping.as_str())
	.execute(db)
	.await;
	if let Err(error) = updated {
		tracing::error!(%order, %error, "could not record a shipment");
	}
}

/// The buyer's shipped order line for `item`, if any: its offer, for a claim by tap.
pub async fn shipped_offer(state: &AppState, buyer: &str, item: (u32, u32)) -> Result<Option<i64>> {
	let offer: Option<Option<i64>> = sqlx::query_scalar(
		"SELECT l.offer FROM order_lines l JOIN orders o ON o.id = l.order_id \
		 WHERE o.buyer_id = $1 AND l.collection = $2 AND l.item = $3 AND l.status = $4",
	)
	.bind(buyer.to_string())
	.bind(i64::from(item.0))
	.bind(i64::from(item.1))
	.bind(LineStatus::Shipped.as_str())
	.fetch_optional(&state.db)
	.await?;
	Ok(offer.flatten())
}

/// Marks the order line paid by `offer` as claimed.
pub async fn mark_claimed(db: &sqlx::AnyPool, offer: u64) {
	let updated = sqlx::query("UPDATE order_lines SET status = $1 WHERE offer = $2")
		.bind(LineStatus::Claimed.as_str())
		.bind(i64::try_from(offer).unwrap_or(-1))
		.execute(db)
		.await;
	if let Err(error) = updated {
		tracing::error!(%offer, %error, "could not record a claim");
	}
}
