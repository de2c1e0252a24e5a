//! The cart: a buyer's products and quantities until checkout, kept in the gateway's database.

use super::catalog;
use crate::{accounts::Session, error::ApiJson, stored::ProductKind, ApiError, AppState, Result};
use axum::{
	extract::{Path, State},
	Json,
};
use serde::{Deserialize, Serialize};
use sqlx::Row;

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
	/// `physical` or `collectible` (a [`ProductKind`]'s text; see [`CartLine::is_physical`]).
	pub kind: String,
	/// The unit price.
	pub price: i64,
	/// Units in the cart.
	pub quantity: i64,
	/// Units left in the shop.
	pub stock: i64,
}

impl CartLine {
	/// Whether the line is of a physical product.
	pub fn is_physical(&self) -> bool {
		self.kind == ProductKind::Physical.as_str()
	}
}

/// The cart of `user`.
pub async fn cart_lines(state: &AppState, user: &str) -> Result<Vec<CartLine>> {
	let rows = sqlx::query(
		"SELECT p.id, p.title, p.kind, p.price, c.quantity, p.stock FROM cart_lines c \
		 JOIN products p ON p.id = c.product WHERE c.user_id = $1 ORDER BY p.title",
	)
	.bind(user.to_string())
	.fetch_all(&state.db)
	.await?;
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
		.collect()
}

/// What the lines cost in all.
pub(super) fn total(lines: &[CartLine]) -> Result<i64> {
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
) -> Result<Json<serde_json::Value>> {
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
) -> Result<Json<serde_json::Value>> {
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
	.await?;
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
) -> Result<Json<serde_json::Value>> {
	sqlx::query("DELETE FROM cart_lines WHERE user_id = $1 AND product = $2")
		.bind(session.user.id.clone())
		.bind(product)
		.execute(&state.db)
		.await?;
	cart(State(state), session).await
}
