//! The chain read again before money moves: a product is a promise the shop made when it was
//! published, and the chain may have moved on since (the item sold elsewhere, its listing
//! withdrawn or repriced, a freeze). A unit the chain no longer backs comes off sale and the
//! checkout answers 409, before any money moves.

use super::cart::CartLine;
use crate::{tags::ledger::Ledger, ApiError, AppState, Result};
use axum::http::StatusCode;
use sqlx::Row;
use yinji_client::calls::SETTLEMENT_ASSET;

/// The 409 of a stale unit.
fn stale(line: &CartLine, (collection, item): (i64, i64), why: &str) -> ApiError {
	ApiError::new(
		StatusCode::CONFLICT,
		"stale_product",
		format!(
			"“{}” is no longer for sale as the shop showed it (item {collection}/{item} {why}); \
			 it was taken off sale, nothing was paid and your cart is unchanged",
			line.title
		),
	)
}

/// Reads again on chain the units of `line` the checkout is about to take: each must still be
/// its seller's, not frozen, and listed by the seller under the current ownership in the
/// settlement asset at no more than the shop's price, open past the next block. A stale unit comes off
/// sale (its row goes, the stock drops by one) and the checkout answers 409 before any money
/// moves.
pub async fn check_on_chain(state: &AppState, line: &CartLine) -> Result<()> {
	let row = sqlx::query(
		"SELECT u.address, p.collection FROM products p JOIN users u ON u.id = p.seller_id \
		 WHERE p.id = $1",
	)
	.bind(line.product.clone())
	.fetch_one(&state.db)
	.await?;
	let (seller, collection): (String, i64) = (row.try_get(0)?, row.try_get(1)?);
	let items: Vec<i64> = sqlx::query_scalar(
		"SELECT item FROM product_units WHERE product = $1 AND order_id IS NULL \
		 ORDER BY item LIMIT $2",
	)
	.bind(line.product.clone())
	.bind(line.quantity)
	.fetch_all(&state.db)
	.await?;
	let ledger = Ledger::at_head(state).await?;
	let price = u128::try_from(line.price)?;
	for item in items {
		let at = (u32::try_from(collection)?, u32::try_from(item)?);
		let why = match (ledger.item(at.0, at.1).await?, ledger.listing(at.0, at.1).await?) {
			(None, _) => Some("no longer exists"),
			(Some(held), _) if !held.owner.eq_ignore_ascii_case(&seller) => Some("changed hands"),
			(Some(held), _) if held.frozen => Some("is frozen"),
			(Some(_), None) => Some("is not listed"),
			(Some(held), Some(listing)) => (listing.nonce != held.nonce
				|| !listing.seller.eq_ignore_ascii_case(&seller)
				|| listing.asset != Some(SETTLEMENT_ASSET)
				|| listing.price > price
				|| u64::from(listing.expires_at) <= ledger.number.saturating_add(1))
			.then_some("is not listed at the shop's price"),
		};
		if let Some(why) = why {
			take_off_sale(&state.db, &line.product, item).await?;
			return Err(stale(line, (collection, item), why));
		}
	}
	Ok(())
}

/// Takes the stale unit `item` of `product` off sale.
async fn take_off_sale(db: &sqlx::AnyPool, product: &str, item: i64) -> Result<()> {
	let mut tx = db.begin().await?;
	let removed = sqlx::query(
		"DELETE FROM product_units WHERE product = $1 AND item = $2 AND order_id IS NULL",
	)
	.bind(product.to_string())
	.bind(item)
	.execute(&mut *tx)
	.await?
	.rows_affected();
	if removed == 1 {
		sqlx::query("UPDATE products SET stock = stock - 1 WHERE id = $1 AND stock > 0")
			.bind(product.to_string())
			.execute(&mut *tx)
			.await?;
	}
	Ok(tx.commit().await?)
}
