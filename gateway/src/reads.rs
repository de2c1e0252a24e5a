//! Reads from the index: the user's items and sales, and the open listings.

use crate::{accounts::Session, AppState, Result};
use axum::{extract::State, routing::get, Json, Router};

/// The read routes.
pub fn router() -> Router<AppState> {
	Router::new()
		.route("/api/me/items", get(my_items))
		.route("/api/me/sales", get(my_sales))
		.route("/api/listings", get(open_listings))
}

#[utoipa::path(get, path = "/api/me/items", tag = "reads",
	responses((status = 200, description = "Items the user owns"), (status = 401, description = "No session", body = crate::error::ErrorBody)))]
/// `GET /api/me/items`: the items the user owns, from the index.
pub async fn my_items(
	State(state): State<AppState>,
	session: Session,
) -> Result<Json<serde_json::Value>> {
	let items = yinji_index_query::items_of(state.index()?, &session.user.address).await?;
	Ok(Json(serde_json::json!({ "items": items })))
}

#[utoipa::path(get, path = "/api/me/sales", tag = "reads",
	responses((status = 200, description = "Sales the user took part in"), (status = 401, description = "No session", body = crate::error::ErrorBody)))]
/// `GET /api/me/sales`: sales the user bought or sold in, newest first, with amounts as strings.
pub async fn my_sales(
	State(state): State<AppState>,
	session: Session,
) -> Result<Json<serde_json::Value>> {
	let filter = yinji_index_query::SaleFilter {
		account: Some(session.user.address.clone()),
		..Default::default()
	};
	let sales = yinji_index_query::sales(state.index()?, &filter).await?;
	let sales: Vec<_> = sales
		.iter()
		.map(|s| {
			serde_json::json!({
				"collection": s.collection, "item": s.item, "seller": s.seller, "buyer": s.buyer,
				"asset": s.asset, "gross": s.gross.to_string(), "royalties": s.royalties.to_string(),
				"seller_proceeds": s.seller_proceeds.to_string(), "block": s.block_number,
			})
		})
		.collect();
	Ok(Json(serde_json::json!({ "sales": sales })))
}

#[utoipa::path(get, path = "/api/listings", tag = "reads",
	responses((status = 200, description = "Open listings, cheapest first"), (status = 503, description = "No index configured", body = crate::error::ErrorBody)))]
/// `GET /api/listings`: open listings, cheapest first.
pub async fn open_listings(State(state): State<AppState>) -> Result<Json<serde_json::Value>> {
	let filter = yinji_index_query::ListingFilter { open_only: true, ..Default::default() };
	let listings = yinji_index_query::listings(state.index()?, &filter).await?;
	let listings: Vec<_> = listings
		.iter()
		.map(|l| {
			serde_json::json!({
				"collection": l.collection, "item": l.item, "kind": l.kind, "seller": l.seller,
				"asset": l.asset, "price": l.price.to_string(), "expires_at": l.expires_at,
			})
		})
		.collect();
	Ok(Json(serde_json::json!({ "listings": listings })))
}
