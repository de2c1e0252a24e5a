//! How an order's payment ends: each physical line's on-chain order recorded, or the failure
//! with the order's units back on sale. A custodial buyer's payment is followed by the
//! checkout itself; a self-custody buyer's when they sign it ([`after_signed`]), and a payment
//! left unsigned past its mortality fails ([`release_unsigned`]), so that no unpaid order holds
//! stock for good.

use crate::{
	chain::{submission::Outcome, BLOCK_MS},
	now_ms,
	stored::{LineStatus, OrderStatus, ProductKind, TxStatus},
	Result,
};
use yinji_client::PREPARED_MORTALITY;

/// How long an unsigned payment holds its order's units: twice its transaction's mortality,
/// after which no signature can get it included.
const UNSIGNED_HOLD_MS: i64 = 2 * PREPARED_MORTALITY as i64 * BLOCK_MS as i64;

/// A self-custody payment `tx` was signed and ended with `outcome`: records it for the order it
/// pays, if it pays one.
pub async fn after_signed(db: &sqlx::AnyPool, tx: &str, outcome: Outcome) {
	let order: Result<Option<String>> =
		sqlx::query_scalar("SELECT id FROM orders WHERE payment_tx = $1")
			.bind(tx.to_string())
			.fetch_optional(db)
			.await
			.map_err(Into::into);
	match order {
		Ok(Some(order)) => settle_payment(db, &order, outcome).await,
		Ok(None) => {}
		Err(error) => {
			tracing::error!(%tx, error = %error.message(), "could not find a payment's order");
		}
	}
}

/// Fails the payments still unsigned after [`UNSIGNED_HOLD_MS`]: each transaction is marked
/// failed (a signature arriving later finds nothing to sign) and its order's units go back on
/// sale.
pub async fn release_unsigned(db: &sqlx::AnyPool) -> Result<()> {
	let cutoff = now_ms().saturating_sub(UNSIGNED_HOLD_MS);
	let stale: Vec<(String, String)> = sqlx::query_as(
		"SELECT o.id, t.id FROM orders o JOIN transactions t ON t.id = o.payment_tx \
		 WHERE o.status = $1 AND t.status = $2 AND t.created_ms < $3",
	)
	.bind(OrderStatus::Pending.as_str())
	.bind(TxStatus::AwaitingSignature.as_str())
	.bind(cutoff)
	.fetch_all(db)
	.await?;
	for (order, tx) in stale {
		// Guarded: a signature that claimed the transaction first wins.
		let expired = sqlx::query(
			"UPDATE transactions SET status = $1, detail = $2, updated_ms = $3 \
			 WHERE id = $4 AND status = $5",
		)
		.bind(TxStatus::Failed.as_str())
		.bind("not signed in time")
		.bind(now_ms())
		.bind(tx)
		.bind(TxStatus::AwaitingSignature.as_str())
		.execute(db)
		.await?
		.rows_affected();
		if expired == 1 {
			settle_payment(db, &order, Err("the payment was not signed in time".into())).await;
		}
	}
	Ok(())
}

/// Records how an order's payment ended: each physical line's on-chain order, or the failure,
/// with its units back on sale.
pub async fn settle_payment(db: &sqlx::AnyPool, order: &str, outcome: Outcome) {
	if let Err(error) = record_payment(db, order, &outcome).await {
		tracing::error!(%order, error = %error.message(), "could not record an order's payment");
	}
}

async fn record_payment(db: &sqlx::AnyPool, order: &str, outcome: &Outcome) -> Result<()> {
	let mut tx = db.begin().await?;
	let now = now_ms();
	match outcome {
		Ok(events) => {
			let events: serde_json::Value = serde_json::from_str(events)?;
			for event in events.as_array().into_iter().flatten() {
				if event["event"] != "Marketplace.OrderPlaced" {
					continue;
				}
				let number = |name: &str| event["fields"][name].as_i64().unwrap_or(-1);
				sqlx::query(
					"UPDATE order_lines SET chain_order = $1, status = $2 WHERE order_id = $3 \
					 AND collection = $4 AND item = $5",
				)
				.bind(number("order"))
				.bind(LineStatus::Paid.as_str())
				.bind(order.to_string())
				.bind(number("collection"))
				.bind(number("item"))
				.execute(&mut *tx)
				.await?;
			}
			sqlx::query("UPDATE order_lines SET status = $1 WHERE order_id = $2 AND kind = $3")
				.bind(LineStatus::Delivered.as_str())
				.bind(order.to_string())
				.bind(ProductKind::Collectible.as_str())
				.execute(&mut *tx)
				.await?;
			sqlx::query("UPDATE orders SET status = $1, updated_ms = $2 WHERE id = $3")
				.bind(OrderStatus::Paid.as_str())
				.bind(now)
				.bind(order.to_string())
				.execute(&mut *tx)
				.await?;
		}
		Err(reason) => {
			let products: Vec<String> =
				sqlx::query_scalar("SELECT product FROM order_lines WHERE order_id = $1")
					.bind(order.to_string())
					.fetch_all(&mut *tx)
					.await?;
			for product in products {
				sqlx::query("UPDATE products SET stock = stock + 1 WHERE id = $1")
					.bind(product)
					.execute(&mut *tx)
					.await?;
			}
			sqlx::query("UPDATE product_units SET order_id = NULL WHERE order_id = $1")
				.bind(order.to_string())
				.execute(&mut *tx)
				.await?;
			sqlx::query("UPDATE order_lines SET status = $1 WHERE order_id = $2")
				.bind(LineStatus::Failed.as_str())
				.bind(order.to_string())
				.execute(&mut *tx)
				.await?;
			sqlx::query(
				"UPDATE orders SET status = $1, failure = $2, updated_ms = $3 WHERE id = $4",
			)
			.bind(OrderStatus::Failed.as_str())
			.bind(reason.clone())
			.bind(now)
			.bind(order.to_string())
			.execute(&mut *tx)
			.await?;
		}
	}
	Ok(tx.commit().await?)
}
