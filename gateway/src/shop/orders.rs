//! The cart, checkout, orders and fulfilment.
//!
//! Checkout takes every unit in one database transaction: each product's stock is lowered by a
//! guarded update (`stock >= quantity`), so of two buyers of the last unit exactly one gets it,
//! on SQLite and on Postgres. Then the order is paid on chain in one `Utility.batch_all` signed
//! by the buyer: a held offer for each physical unit, a purchase for each collectible. If the
//! payment fails, the order fails and its units go back on sale.

use super::{catalog, custodial_signer};
use crate::{
	accounts::Session,
	error::ApiJson,
	flows::{calls, submit_in_background, Outcome},
	keys, now_ms, ApiError, AppState,
};
use axum::{
	extract::{Path, State},
	http::StatusCode,
	Json,
};
use serde::{Deserialize, Serialize};
// The SQL built at run time joins fixed fragments only; every value is bound.
use sqlx::{AssertSqlSafe, Row};
use yinji_client::Value;

/// Most units of one product in a cart.
pub const MAX_QUANTITY: i64 = 20;

/// The body of `POST /api/shop/cart`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CartRequest {
	/// The product.
	pub product: String,
	/// How many units (1 to 20); replaces the cart's quantity of this product.
	pub quantity: i64,
}

/// One line of the cart.
#[derive(Debug, Serialize)]
pub struct CartLine {
	/// The product.
	pub product: String,
	/// Its title.
	pub title: String,
	/// `physical` or `collectible`.
	pub kind: String,
	/// The unit price.
	pub price: i64,
	/// Units in the cart.
	pub quantity: i64,
	/// Units left in the shop.
	pub stock: i64,
}

/// The cart of `user`.
pub async fn cart_lines(state: &AppState, user: &str) -> Result<Vec<CartLine>, ApiError> {
	let rows = sqlx::query(
		"SELECT p.id, p.title, p.kind, p.price, c.quantity, p.stock FROM cart_lines c \
		 JOIN products p ON p.id = c.product WHERE c.user_id = $1 ORDER BY p.title",
	)
	.bind(user.to_string())
	.fetch_all(&state.db)
	.await
	.map_err(ApiError::internal)?;
	rows.iter()
		.map(|row| {
			Ok(CartLine {
				product: row.try_get(0)?,
				title: row.try_get(1)?,
				kind: row.try_get(2)?,
				price: row.try_get(3)?,
				quantity: row.try_get(4)?,
				stock: row.try_get(5)?,
			})
		})
		.collect::<Result<_, sqlx::Error>>()
		.map_err(ApiError::internal)
}

fn total(lines: &[CartLine]) -> Result<i64, ApiError> {
	lines
		.iter()
		.try_fold(0i64, |sum, line| sum.checked_add(line.price.checked_mul(line.quantity)?))
		.ok_or_else(|| ApiError::bad_request("bad_value", "the total is too large"))
}

#[utoipa::path(get, path = "/api/shop/cart", tag = "shop",
	responses((status = 200, description = "The cart's lines and total"),
		(status = 401, description = "No session", body = crate::error::ErrorBody)))]
/// `GET /api/shop/cart`.
pub async fn cart(
	State(state): State<AppState>,
	session: Session,
) -> Result<Json<serde_json::Value>, ApiError> {
	let lines = cart_lines(&state, &session.user.id).await?;
	let total = total(&lines)?;
	Ok(Json(serde_json::json!({ "lines": lines, "total": total })))
}

#[utoipa::path(post, path = "/api/shop/cart", request_body = CartRequest, tag = "shop",
	responses((status = 200, description = "The cart"),
		(status = 400, description = "A bad quantity", body = crate::error::ErrorBody),
		(status = 404, description = "No such product", body = crate::error::ErrorBody)))]
/// `POST /api/shop/cart`: put a product in the cart (or change its quantity).
pub async fn add_to_cart(
	State(state): State<AppState>,
	session: Session,
	ApiJson(request): ApiJson<CartRequest>,
) -> Result<Json<serde_json::Value>, ApiError> {
	if !(1..=MAX_QUANTITY).contains(&request.quantity) {
		return Err(ApiError::bad_request("bad_value", "quantity is 1 to 20"));
	}
	let product = catalog::product(&state, &request.product).await?;
	if product.seller_id == session.user.id {
		return Err(ApiError::bad_request("own_product", "you cannot buy your own product"));
	}
	sqlx::query(
		"INSERT INTO cart_lines (user_id, product, quantity) VALUES ($1, $2, $3) \
		 ON CONFLICT (user_id, product) DO UPDATE SET quantity = excluded.quantity",
	)
	.bind(session.user.id.clone())
	.bind(product.id)
	.bind(request.quantity)
	.execute(&state.db)
	.await
	.map_err(ApiError::internal)?;
	cart(State(state), session).await
}

#[utoipa::path(delete, path = "/api/shop/cart/{product}", tag = "shop",
	params(("product" = String, Path, description = "The product")),
	responses((status = 200, description = "The cart")))]
/// `DELETE /api/shop/cart/{product}`.
pub async fn remove_from_cart(
	State(state): State<AppState>,
	session: Session,
	Path(product): Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
	sqlx::query("DELETE FROM cart_lines WHERE user_id = $1 AND product = $2")
		.bind(session.user.id.clone())
		.bind(product)
		.execute(&state.db)
		.await
		.map_err(ApiError::internal)?;
	cart(State(state), session).await
}

/// The body of `POST /api/shop/checkout`.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckoutRequest {
	/// Who receives the parcel (needed for physical products).
	pub ship_name: Option<String>,
	/// Where (kept in the gateway's database only, never on chain).
	pub ship_address: Option<String>,
	/// Loyalty points to redeem on the first collectible (a purchase; offers take none).
	pub redeem_points: Option<u64>,
}

/// One unit taken by an order.
#[derive(Debug)]
pub struct Unit {
	/// The product.
	pub product: String,
	/// Its seller's user id.
	pub seller: String,
	/// The collection.
	pub collection: u32,
	/// The item.
	pub item: u32,
	/// `physical` or `collectible`.
	pub kind: String,
	/// The price.
	pub price: i64,
}

fn out_of_stock(title: &str) -> ApiError {
	ApiError::new(
		StatusCode::CONFLICT,
		"out_of_stock",
		format!("not enough of “{title}” is left; your cart is unchanged"),
	)
}

fn filled(text: &Option<String>) -> Option<String> {
	text.as_ref().map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

#[utoipa::path(post, path = "/api/shop/checkout", request_body = CheckoutRequest, tag = "shop",
	responses(
		(status = 201, description = "Ordered; the payment is submitted (poll /api/tx/{tx} or the order)"),
		(status = 400, description = "An empty cart, or no shipping address for a physical product", body = crate::error::ErrorBody),
		(status = 409, description = "Not enough stock left; nothing was taken", body = crate::error::ErrorBody)))]
/// `POST /api/shop/checkout`: order the cart and pay for it on chain.
pub async fn checkout(
	State(state): State<AppState>,
	session: Session,
	ApiJson(request): ApiJson<CheckoutRequest>,
) -> Result<(StatusCode, Json<serde_json::Value>), ApiError> {
	let signer = custodial_signer(&state, &session).await?;
	let lines = cart_lines(&state, &session.user.id).await?;
	if lines.is_empty() {
		return Err(ApiError::bad_request("empty_cart", "the cart is empty"));
	}
	let (ship_name, ship_address) = (filled(&request.ship_name), filled(&request.ship_address));
	if lines.iter().any(|line| line.kind == "physical")
		&& (ship_name.is_none() || ship_address.is_none())
	{
		return Err(ApiError::bad_request(
			"shipping_address",
			"a physical product needs a name and an address to ship to",
		));
	}
	if ship_address.as_ref().is_some_and(|a| a.chars().count() > 500) {
		return Err(ApiError::bad_request("bad_value", "an address of at most 500 characters"));
	}
	let total = total(&lines)?;
	let expiry = calls::default_expiry(&state).await?;
	let order = hex::encode(&keys::random32().map_err(ApiError::internal)?[..8]);
	let units =
		take_units(&state, &order, &session.user.id, &lines, (&ship_name, &ship_address), total)
			.await?;

	let mut points = request.redeem_points.unwrap_or(0);
	let payments = units.iter().map(|unit| {
		let (collection, item) =
			(Value::u128(unit.collection.into()), Value::u128(unit.item.into()));
		let price = Value::u128(u128::try_from(unit.price).unwrap_or(0));
		if unit.kind == "physical" {
			(
				"Marketplace",
				"make_offer",
				vec![collection, item, calls::native(), price, expiry.clone()],
			)
		} else {
			let redeem = Value::u128(std::mem::take(&mut points).into());
			("Marketplace", "buy", vec![collection, item, calls::native(), price.clone(), redeem])
		}
	});
	let call = super::batch(payments.collect::<Vec<_>>());
	let (done, outcome) = tokio::sync::oneshot::channel();
	let lock = state.signers.of(&session.user.id);
	let answer = submit_in_background(
		&state,
		&session.user.id,
		"checkout",
		vec![call],
		signer,
		lock,
		Some(done),
	)
	.await;
	let answer = match answer {
		Ok(answer) => answer,
		Err(error) => {
			settle_payment(&state.db, &order, Err(format!("not submitted: {}", error.message())))
				.await;
			return Err(error);
		}
	};
	sqlx::query("UPDATE orders SET payment_tx = $1 WHERE id = $2")
		.bind(answer["tx"].as_str().unwrap_or_default().to_string())
		.bind(order.clone())
		.execute(&state.db)
		.await
		.map_err(ApiError::internal)?;
	let (db, id) = (state.db.clone(), order.clone());
	tokio::spawn(async move {
		let result = outcome.await.unwrap_or_else(|_| Err("the payment was lost".into()));
		settle_payment(&db, &id, result).await;
	});
	Ok((
		StatusCode::CREATED,
		Json(serde_json::json!({ "order": order, "tx": answer["tx"], "total": total })),
	))
}

/// Takes the units of every cart line for `order`, records the order and empties the cart, in
/// one database transaction: all of it, or (out of stock) none of it. Returns the units taken.
pub async fn take_units(
	state: &AppState,
	order: &str,
	buyer: &str,
	lines: &[CartLine],
	(ship_name, ship_address): (&Option<String>, &Option<String>),
	total: i64,
) -> Result<Vec<Unit>, ApiError> {
	let mut tx = state.db.begin().await.map_err(ApiError::internal)?;
	let now = now_ms();
	sqlx::query(
		"INSERT INTO orders (id, buyer_id, status, total, ship_name, ship_address, created_ms, \
		 updated_ms) VALUES ($1, $2, 'pending', $3, $4, $5, $6, $6)",
	)
	.bind(order.to_string())
	.bind(buyer.to_string())
	.bind(total)
	.bind(ship_name.clone())
	.bind(ship_address.clone())
	.bind(now)
	.execute(&mut *tx)
	.await
	.map_err(ApiError::internal)?;
	let mut units = Vec::new();
	for line in lines {
		// The guard is the whole of the no-overselling rule: the update waits for any other
		// checkout's, then sees its result.
		let taken =
			sqlx::query("UPDATE products SET stock = stock - $1 WHERE id = $2 AND stock >= $1")
				.bind(line.quantity)
				.bind(line.product.clone())
				.execute(&mut *tx)
				.await
				.map_err(ApiError::internal)?
				.rows_affected();
		if taken != 1 {
			return Err(out_of_stock(&line.title));
		}
		let row = sqlx::query("SELECT seller_id, collection FROM products WHERE id = $1")
			.bind(line.product.clone())
			.fetch_one(&mut *tx)
			.await
			.map_err(ApiError::internal)?;
		let seller: String = row.try_get(0).map_err(ApiError::internal)?;
		let collection: i64 = row.try_get(1).map_err(ApiError::internal)?;
		let mut got = 0;
		// Another checkout may take a unit between our read and our update (Postgres): try the
		// next free ones.
		for _attempt in 0..4 {
			let free: Vec<i64> = sqlx::query_scalar(
				"SELECT item FROM product_units WHERE product = $1 AND order_id IS NULL \
				 ORDER BY item LIMIT $2",
			)
			.bind(line.product.clone())
			.bind(line.quantity - got)
			.fetch_all(&mut *tx)
			.await
			.map_err(ApiError::internal)?;
			for item in free {
				let claimed = sqlx::query(
					"UPDATE product_units SET order_id = $1 WHERE product = $2 AND item = $3 \
					 AND order_id IS NULL",
				)
				.bind(order.to_string())
				.bind(line.product.clone())
				.bind(item)
				.execute(&mut *tx)
				.await
				.map_err(ApiError::internal)?
				.rows_affected();
				if claimed == 1 {
					got += 1;
					let unit = Unit {
						product: line.product.clone(),
						seller: seller.clone(),
						collection: u32::try_from(collection).map_err(ApiError::internal)?,
						item: u32::try_from(item).map_err(ApiError::internal)?,
						kind: line.kind.clone(),
						price: line.price,
					};
					sqlx::query(
						"INSERT INTO order_lines (order_id, product, seller_id, collection, item, \
						 kind, price, status) VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending')",
					)
					.bind(order.to_string())
					.bind(unit.product.clone())
					.bind(unit.seller.clone())
					.bind(collection)
					.bind(item)
					.bind(unit.kind.clone())
					.bind(unit.price)
					.execute(&mut *tx)
					.await
					.map_err(ApiError::internal)?;
					units.push(unit);
				}
			}
			if got == line.quantity {
				break;
			}
		}
		if got != line.quantity {
			return Err(out_of_stock(&line.title));
		}
	}
	sqlx::query("DELETE FROM cart_lines WHERE user_id = $1")
		.bind(buyer.to_string())
		.execute(&mut *tx)
		.await
		.map_err(ApiError::internal)?;
	tx.commit().await.map_err(ApiError::internal)?;
	Ok(units)
}

/// Records how an order's payment ended: each physical line's held offer, or the failure, with
/// its units back on sale.
async fn settle_payment(db: &sqlx::AnyPool, order: &str, outcome: Outcome) {
	if let Err(error) = record_payment(db, order, &outcome).await {
		tracing::error!(%order, error = %error.message(), "could not record an order's payment");
	}
}

async fn record_payment(
	db: &sqlx::AnyPool,
	order: &str,
	outcome: &Outcome,
) -> Result<(), ApiError> {
	let mut tx = db.begin().await.map_err(ApiError::internal)?;
	let now = now_ms();
	match outcome {
		Ok(events) => {
			let events: serde_json::Value =
				serde_json::from_str(events).map_err(ApiError::internal)?;
			for event in events.as_array().into_iter().flatten() {
				if event["event"] != "Marketplace.OfferMade" {
					continue;
				}
				let number = |name: &str| event["fields"][name].as_i64().unwrap_or(-1);
				sqlx::query(
					"UPDATE order_lines SET offer = $1, status = 'paid' WHERE order_id = $2 \
					 AND collection = $3 AND item = $4",
				)
				.bind(number("offer"))
				.bind(order.to_string())
				.bind(number("collection"))
				.bind(number("item"))
				.execute(&mut *tx)
				.await
				.map_err(ApiError::internal)?;
			}
			sqlx::query(
				"UPDATE order_lines SET status = 'delivered' WHERE order_id = $1 \
				 AND kind = 'collectible'",
			)
			.bind(order.to_string())
			.execute(&mut *tx)
			.await
			.map_err(ApiError::internal)?;
			sqlx::query("UPDATE orders SET status = 'paid', updated_ms = $1 WHERE id = $2")
				.bind(now)
				.bind(order.to_string())
				.execute(&mut *tx)
				.await
				.map_err(ApiError::internal)?;
		}
		Err(reason) => {
			let products: Vec<String> =
				sqlx::query_scalar("SELECT product FROM order_lines WHERE order_id = $1")
					.bind(order.to_string())
					.fetch_all(&mut *tx)
					.await
					.map_err(ApiError::internal)?;
			for product in products {
				sqlx::query("UPDATE products SET stock = stock + 1 WHERE id = $1")
					.bind(product)
					.execute(&mut *tx)
					.await
					.map_err(ApiError::internal)?;
			}
			sqlx::query("UPDATE product_units SET order_id = NULL WHERE order_id = $1")
				.bind(order.to_string())
				.execute(&mut *tx)
				.await
				.map_err(ApiError::internal)?;
			sqlx::query("UPDATE order_lines SET status = 'failed' WHERE order_id = $1")
				.bind(order.to_string())
				.execute(&mut *tx)
				.await
				.map_err(ApiError::internal)?;
			sqlx::query(
				"UPDATE orders SET status = 'failed', failure = $1, updated_ms = $2 WHERE id = $3",
			)
			.bind(reason.clone())
			.bind(now)
			.bind(order.to_string())
			.execute(&mut *tx)
			.await
			.map_err(ApiError::internal)?;
		}
	}
	tx.commit().await.map_err(ApiError::internal)
}

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
	pub kind: String,
	/// The price paid.
	pub price: i64,
	/// `pending`, `paid`, `shipping`, `shipped`, `claimed`, `delivered` or `failed`.
	pub status: String,
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
	pub status: String,
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

fn line(row: &sqlx::any::AnyRow) -> Result<Line, sqlx::Error> {
	Ok(Line {
		order: row.try_get(0)?,
		product: row.try_get(1)?,
		title: row.try_get(2)?,
		collection: row.try_get(3)?,
		item: row.try_get(4)?,
		kind: row.try_get(5)?,
		price: row.try_get(6)?,
		status: row.try_get(7)?,
		offer: row.try_get(8)?,
		tracking: row.try_get(9)?,
	})
}

/// The orders `buyer` placed, newest first (or only `only`).
pub async fn orders_of(
	state: &AppState,
	buyer: &str,
	only: Option<&str>,
) -> Result<Vec<Order>, ApiError> {
	let rows = sqlx::query(
		"SELECT id, status, total, ship_name, ship_address, failure, payment_tx, created_ms \
		 FROM orders WHERE buyer_id = $1 AND ($2 = '' OR id = $2) ORDER BY created_ms DESC",
	)
	.bind(buyer.to_string())
	.bind(only.unwrap_or_default().to_string())
	.fetch_all(&state.db)
	.await
	.map_err(ApiError::internal)?;
	let mut orders = Vec::new();
	for row in rows {
		let id: String = row.try_get(0).map_err(ApiError::internal)?;
		let select = format!(
			"SELECT {LINE_COLUMNS} FROM order_lines l JOIN products p ON p.id = l.product \
			 WHERE l.order_id = $1 ORDER BY l.collection, l.item"
		);
		let lines = sqlx::query(AssertSqlSafe(select))
			.bind(id.clone())
			.fetch_all(&state.db)
			.await
			.map_err(ApiError::internal)?
			.iter()
			.map(line)
			.collect::<Result<_, _>>()
			.map_err(ApiError::internal)?;
		orders.push(Order {
			id,
			status: row.try_get(1).map_err(ApiError::internal)?,
			total: row.try_get(2).map_err(ApiError::internal)?,
			ship_name: row.try_get(3).map_err(ApiError::internal)?,
			ship_address: row.try_get(4).map_err(ApiError::internal)?,
			failure: row.try_get(5).map_err(ApiError::internal)?,
			payment_tx: row.try_get(6).map_err(ApiError::internal)?,
			created_ms: row.try_get(7).map_err(ApiError::internal)?,
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
) -> Result<Json<serde_json::Value>, ApiError> {
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
) -> Result<Json<Order>, ApiError> {
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
pub async fn sales_of(state: &AppState, seller: &str) -> Result<Vec<Sale>, ApiError> {
	let select = format!(
		"SELECT {LINE_COLUMNS}, o.ship_name, o.ship_address FROM order_lines l \
		 JOIN products p ON p.id = l.product JOIN orders o ON o.id = l.order_id \
		 WHERE l.seller_id = $1 ORDER BY o.created_ms DESC, l.collection, l.item"
	);
	let rows = sqlx::query(AssertSqlSafe(select))
		.bind(seller.to_string())
		.fetch_all(&state.db)
		.await
		.map_err(ApiError::internal)?;
	rows.iter()
		.map(|row| {
			Ok(Sale {
				line: line(row)?,
				ship_name: row.try_get(10)?,
				ship_address: row.try_get(11)?,
			})
		})
		.collect::<Result<_, sqlx::Error>>()
		.map_err(ApiError::internal)
}

#[utoipa::path(get, path = "/api/shop/sales", tag = "shop",
	responses((status = 200, description = "The seller's order lines, with shipping addresses")))]
/// `GET /api/shop/sales`: the seller's fulfilment view.
pub async fn my_sales(
	State(state): State<AppState>,
	session: Session,
) -> Result<Json<serde_json::Value>, ApiError> {
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
) -> Result<(StatusCode, Json<serde_json::Value>), ApiError> {
	let tracking = request.tracking.trim().to_string();
	if tracking.is_empty() || tracking.chars().count() > 64 {
		return Err(ApiError::bad_request("bad_value", "a tracking number of 1 to 64 characters"));
	}
	let signer = custodial_signer(&state, &session).await?;
	let rows = sqlx::query(
		"SELECT l.collection, l.item, l.price, u.address FROM order_lines l \
		 JOIN orders o ON o.id = l.order_id JOIN users u ON u.id = o.buyer_id \
		 WHERE l.order_id = $1 AND l.seller_id = $2 AND l.status = 'paid' AND l.kind = 'physical'",
	)
	.bind(id.clone())
	.bind(session.user.id.clone())
	.fetch_all(&state.db)
	.await
	.map_err(ApiError::internal)?;
	if rows.is_empty() {
		return Err(ApiError::not_found(format!("nothing of yours to ship in order {id}")));
	}
	let expiry = calls::default_expiry(&state).await?;
	let mut listings = Vec::new();
	for row in &rows {
		let number = |i: usize| {
			row.try_get::<i64, _>(i)
				.map_err(ApiError::internal)
				.and_then(|n| u128::try_from(n).map_err(ApiError::internal))
		};
		let buyer: String = row.try_get(3).map_err(ApiError::internal)?;
		listings.push((
			"Marketplace",
			"list",
			vec![
				Value::u128(number(0)?),
				Value::u128(number(1)?),
				calls::native(),
				Value::u128(number(2)?),
				expiry.clone(),
				Value::unnamed_variant("Some", [calls::account(&buyer)?]),
			],
		));
	}
	let marked = sqlx::query(
		"UPDATE order_lines SET status = 'shipping', tracking = $1 WHERE order_id = $2 \
		 AND seller_id = $3 AND status = 'paid' AND kind = 'physical'",
	)
	.bind(tracking)
	.bind(id.clone())
	.bind(session.user.id.clone())
	.execute(&state.db)
	.await
	.map_err(ApiError::internal)?
	.rows_affected();
	if marked as usize != rows.len() {
		return Err(ApiError::new(StatusCode::CONFLICT, "changed", "the order changed; try again"));
	}
	let (done, outcome) = tokio::sync::oneshot::channel();
	let lock = state.signers.of(&session.user.id);
	let call = super::batch(listings);
	let answer = submit_in_background(
		&state,
		&session.user.id,
		"ship",
		vec![call],
		signer,
		lock,
		Some(done),
	)
	.await?;
	let (db, seller) = (state.db.clone(), session.user.id.clone());
	tokio::spawn(async move {
		// Shipped once the reserved listings are final; otherwise back to paid, to ship again.
		let status = match outcome.await {
			Ok(Ok(_)) => "shipped",
			_ => "paid",
		};
		let updated = sqlx::query(
			"UPDATE order_lines SET status = $1 WHERE order_id = $2 AND seller_id = $3 \
			 AND status = 'shipping'",
		)
		.bind(status)
		.bind(id.clone())
		.bind(seller)
		.execute(&db)
		.await;
		if let Err(error) = updated {
			tracing::error!(order = %id, %error, "could not record a shipment");
		}
	});
	Ok((StatusCode::ACCEPTED, Json(answer)))
}

/// The buyer's shipped order line for `item`, if any: its offer, for a claim by tap.
pub async fn shipped_offer(
	state: &AppState,
	buyer: &str,
	item: (u32, u32),
) -> Result<Option<i64>, ApiError> {
	sqlx::query_scalar(
		"SELECT l.offer FROM order_lines l JOIN orders o ON o.id = l.order_id \
		 WHERE o.buyer_id = $1 AND l.collection = $2 AND l.item = $3 AND l.status = 'shipped'",
	)
	.bind(buyer.to_string())
	.bind(i64::from(item.0))
	.bind(i64::from(item.1))
	.fetch_optional(&state.db)
	.await
	.map_err(ApiError::internal)
	.map(Option::flatten)
}

/// Marks the order line paid by `offer` as claimed.
pub async fn mark_claimed(db: &sqlx::AnyPool, offer: u64) {
	let updated = sqlx::query("UPDATE order_lines SET status = 'claimed' WHERE offer = $1")
		.bind(i64::try_from(offer).unwrap_or(-1))
		.execute(db)
		.await;
	if let Err(error) = updated {
		tracing::error!(%offer, %error, "could not record a claim");
	}
}
