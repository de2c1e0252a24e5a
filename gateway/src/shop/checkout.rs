//! Checkout: first the units about to be taken are read again on chain ([`super::fresh`]): a
//! stale product answers 409, comes off sale, and no money moves. Then every unit is taken in
//! one database transaction, each product's stock lowered by a guarded update
//! (`stock >= quantity`), so of two buyers of the last unit exactly one gets it, on SQLite and
//! on Postgres. Then the order is paid on chain in the settlement asset, in one
//! `Utility.batch_all` signed by the buyer (custodial keys at once; a buyer's own key when they
//! sign the prepared transaction): an escrowed order (`place_order`) for each physical unit, a
//! purchase for each collectible. If the payment fails, the order fails and its units go back
//! on sale ([`super::payment`]).

use super::{
	cart::{cart_lines, total, CartLine},
	fresh::check_on_chain,
	payment::{release_unsigned, settle_payment},
};
use crate::{
	accounts::Session,
	chain::submission::submit_as_user,
	error::ApiJson,
	keys, now_ms,
	stored::{Custody, LineStatus, OrderStatus, ProductKind},
	ApiError, AppState, Result,
};
use axum::{extract::State, http::StatusCode, Json};
use serde::Deserialize;
use sqlx::Row;
use yinji_client::calls::{batch_all, marketplace, settlement};

/// The body of `POST /api/shop/checkout`.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckoutRequest {
	/// Who receives the parcel (needed for physical products).
	pub ship_name: Option<String>,
	/// Where (kept in the gateway's database only, never on chain).
	pub ship_address: Option<String>,
	/// Loyalty points to redeem on the first collectible (a purchase; physical orders take
	/// none).
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
	pub kind: ProductKind,
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
		(status = 409, description = "Not enough stock left, or a product no longer for sale on chain as the shop shows it; nothing was taken", body = crate::error::ErrorBody)))]
/// `POST /api/shop/checkout`: order the cart and pay for it on chain.
pub async fn checkout(
	State(state): State<AppState>,
	session: Session,
	ApiJson(request): ApiJson<CheckoutRequest>,
) -> Result<(StatusCode, Json<serde_json::Value>)> {
	let lines = cart_lines(&state, &session.user.id).await?;
	if lines.is_empty() {
		return Err(ApiError::bad_request("empty_cart", "the cart is empty"));
	}
	let (ship_name, ship_address) = (filled(&request.ship_name), filled(&request.ship_address));
	if lines.iter().any(|line| line.is_physical())
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
	// Units that unsigned payments held past their mortality are free again.
	release_unsigned(&state.db).await?;
	for line in &lines {
		check_on_chain(&state, line).await?;
	}
	let order = hex::encode(&keys::random32()?[..8]);
	let units =
		take_units(&state, &order, &session.user.id, &lines, (&ship_name, &ship_address), total)
			.await?;

	let mut points = request.redeem_points.unwrap_or(0);
	let payments = units.iter().map(|unit| {
		let item = (unit.collection, unit.item);
		let price = u128::try_from(unit.price)?;
		Ok(if unit.kind == ProductKind::Physical {
			marketplace::place_order(item, settlement(), price)
		} else {
			marketplace::buy(item, settlement(), price, std::mem::take(&mut points).into())
		})
	});
	let call = batch_all(payments.collect::<Result<_>>()?);
	let (done, outcome) = tokio::sync::oneshot::channel();
	let answer = submit_as_user(&state, &session, "checkout", vec![call], Some(done)).await;
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
		.await?;
	// A custodial payment is followed here; a self-custody one when its buyer signs it.
	if session.user.custody == Custody::Custodial {
		let (db, id) = (state.db.clone(), order.clone());
		tokio::spawn(async move {
			let result = outcome.await.unwrap_or_else(|_| Err("the payment was lost".into()));
			settle_payment(&db, &id, result).await;
		});
	}
	let mut answer_body = serde_json::json!({ "order": order, "tx": answer["tx"], "total": total });
	if let Some(payload) = answer.get("signer_payload") {
		answer_body["signer_payload"] = payload.clone();
		answer_body["status"] = answer["status"].clone();
	}
	Ok((StatusCode::CREATED, Json(answer_body)))
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
) -> Result<Vec<Unit>> {
	let mut tx = state.db.begin().await?;
	let now = now_ms();
	sqlx::query(
		"INSERT INTO orders (id, buyer_id, status, total, ship_name, ship_address, created_ms, \
		 updated_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
	)
	.bind(order.to_string())
	.bind(buyer.to_string())
	.bind(OrderStatus::Pending.as_str())
	.bind(total)
	.bind(ship_name.clone())
	.bind(ship_address.clone())
	.bind(now)
	.execute(&mut *tx)
	.await?;
	let mut units = Vec::new();
	for line in lines {
		units.extend(take_line(&mut tx, order, line).await?);
	}
	sqlx::query("DELETE FROM cart_lines WHERE user_id = $1")
		.bind(buyer.to_string())
		.execute(&mut *tx)
		.await?;
	tx.commit().await?;
	Ok(units)
}

/// Takes `line`'s units for `order` inside `tx`: lowers the product's stock (guarded), then
/// claims free units one by one and records an order line for each; out of stock if either
/// falls short.
async fn take_line(
	tx: &mut sqlx::Transaction<'static, sqlx::Any>,
	order: &str,
	line: &CartLine,
) -> Result<Vec<Unit>> {
	// The guard is the whole of the no-overselling rule: the update waits for any other
	// checkout's, then sees its result.
	let taken = sqlx::query("UPDATE products SET stock = stock - $1 WHERE id = $2 AND stock >= $1")
		.bind(line.quantity)
		.bind(line.product.clone())
		.execute(&mut **tx)
		.await?
		.rows_affected();
	if taken != 1 {
		return Err(out_of_stock(&line.title));
	}
	let row = sqlx::query("SELECT seller_id, collection FROM products WHERE id = $1")
		.bind(line.product.clone())
		.fetch_one(&mut **tx)
		.await?;
	let (seller, collection): (String, i64) = (row.try_get(0)?, row.try_get(1)?);
	let mut units = Vec::new();
	// Another checkout may take a unit between our read and our update (Postgres): try the
	// next free ones.
	for _attempt in 0..4 {
		let free: Vec<i64> = sqlx::query_scalar(
			"SELECT item FROM product_units WHERE product = $1 AND order_id IS NULL \
			 ORDER BY item LIMIT $2",
		)
		.bind(line.product.clone())
		.bind(line.quantity - i64::try_from(units.len())?)
		.fetch_all(&mut **tx)
		.await?;
		for item in free {
			let claimed = sqlx::query(
				"UPDATE product_units SET order_id = $1 WHERE product = $2 AND item = $3 \
				 AND order_id IS NULL",
			)
			.bind(order.to_string())
			.bind(line.product.clone())
			.bind(item)
			.execute(&mut **tx)
			.await?
			.rows_affected();
			if claimed == 1 {
				let unit = Unit {
					product: line.product.clone(),
					seller: seller.clone(),
					collection: u32::try_from(collection)?,
					item: u32::try_from(item)?,
					kind: line.kind.parse()?,
					price: line.price,
				};
				record_line(tx, order, &unit).await?;
				units.push(unit);
			}
		}
		if i64::try_from(units.len())? == line.quantity {
			break;
		}
	}
	if i64::try_from(units.len())? != line.quantity {
		return Err(out_of_stock(&line.title));
	}
	Ok(units)
}

/// Records `unit` as a pending line of `order`.
async fn record_line(
	tx: &mut sqlx::Transaction<'static, sqlx::Any>,
	order: &str,
	unit: &Unit,
) -> Result<()> {
	sqlx::query(
		"INSERT INTO order_lines (order_id, product, seller_id, collection, item, kind, price, \
		 status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
	)
	.bind(order.to_string())
	.bind(unit.product.clone())
	.bind(unit.seller.clone())
	.bind(i64::from(unit.collection))
	.bind(i64::from(unit.item))
	.bind(unit.kind.as_str())
	.bind(unit.price)
	.bind(LineStatus::Pending.as_str())
	.execute(&mut **tx)
	.await?;
	Ok(())
}
