//! Each step of a physical line's on-chain order (see `Marketplace.place_order` and
//! `docs/shop.md`), as the gateway takes it for the buyer or the seller: ship, confirm receipt,
//! ask for a return, confirm the returned parcel (the claim by tap is in
//! [`crate::tags::claim`], a dispute a flow). The escrow is the chain's: the gateway submits the
//! step, and the chain refuses one that is not the party's to take or whose deadline passed. A
//! deadline passing moves the order on chain without anyone (a refund when unshipped,
//! settlement when not returned).

use crate::{
	accounts::Session,
	chain::{call::Call, submission::submit_as_user},
	error::ApiJson,
	stored::{Custody, LineStatus, ProductKind},
	ApiError, AppState, Result,
};
use axum::{
	extract::{Path, State},
	http::StatusCode,
	Json,
};
use serde::Deserialize;
// The SQL built at run time joins fixed fragments only; every value is bound.
use sqlx::AssertSqlSafe;
use yinji_client::calls::{batch_all, marketplace};

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
		(status = 202, description = "Shipping: `ship_order` is submitted for each line"),
		(status = 400, description = "No tracking number", body = crate::error::ErrorBody),
		(status = 404, description = "Nothing of this seller's to ship in the order", body = crate::error::ErrorBody)))]
/// `POST /api/shop/orders/{id}/ship`: the seller ships their paid physical lines of an order:
/// each line's on-chain order moves to shipped (before its ship-by deadline, or the chain
/// refuses and the buyer may take the money back).
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
	let step = Step {
		name: "ship",
		party: Party::Seller,
		from: LineStatus::Paid,
		during: LineStatus::Shipping,
		to: LineStatus::Shipped,
		call: marketplace::ship_order,
	};
	take_step(&state, &session, &id, None, step, Some(tracking)).await
}

/// The body of the buyer's and the seller's steps on one line of an order.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LineRequest {
	/// The line's item (of the line's collection); every such line of the order if absent.
	pub item: Option<u32>,
}

#[utoipa::path(post, path = "/api/shop/orders/{id}/confirm", request_body = LineRequest, tag = "shop",
	params(("id" = String, Path, description = "The order")),
	responses(
		(status = 202, description = "Submitted: the order settles and the seller is paid"),
		(status = 404, description = "No shipped line of this buyer's in the order", body = crate::error::ErrorBody)))]
/// `POST /api/shop/orders/{id}/confirm`: the buyer confirms the parcel arrived (确认收货): the
/// on-chain order settles now, paying the seller and the rights holders.
pub async fn confirm(
	State(state): State<AppState>,
	session: Session,
	Path(id): Path<String>,
	ApiJson(request): ApiJson<LineRequest>,
) -> Result<(StatusCode, Json<serde_json::Value>)> {
	let step = Step {
		name: "confirm_order",
		party: Party::Buyer,
		from: LineStatus::Shipped,
		during: LineStatus::Shipped,
		to: LineStatus::Settled,
		call: marketplace::confirm_order,
	};
	take_step(&state, &session, &id, request.item, step, None).await
}

#[utoipa::path(post, path = "/api/shop/orders/{id}/return", request_body = LineRequest, tag = "shop",
	params(("id" = String, Path, description = "The order")),
	responses(
		(status = 202, description = "Submitted: the return is requested"),
		(status = 404, description = "No shipped line of this buyer's in the order", body = crate::error::ErrorBody)))]
/// `POST /api/shop/orders/{id}/return`: the buyer asks for a return (退货) of a shipped line
/// before it settles; the chain refuses one for goods made to order.
pub async fn request_return(
	State(state): State<AppState>,
	session: Session,
	Path(id): Path<String>,
	ApiJson(request): ApiJson<LineRequest>,
) -> Result<(StatusCode, Json<serde_json::Value>)> {
	let step = Step {
		name: "request_return",
		party: Party::Buyer,
		from: LineStatus::Shipped,
		during: LineStatus::Shipped,
		to: LineStatus::Returning,
		call: marketplace::request_return,
	};
	take_step(&state, &session, &id, request.item, step, None).await
}

#[utoipa::path(post, path = "/api/shop/orders/{id}/return-received", request_body = LineRequest, tag = "shop",
	params(("id" = String, Path, description = "The order")),
	responses(
		(status = 202, description = "Submitted: the buyer is refunded in full"),
		(status = 404, description = "No returning line of this seller's in the order", body = crate::error::ErrorBody)))]
/// `POST /api/shop/orders/{id}/return-received`: the seller confirms the returned parcel
/// arrived; the buyer is refunded exactly what they paid.
pub async fn return_received(
	State(state): State<AppState>,
	session: Session,
	Path(id): Path<String>,
	ApiJson(request): ApiJson<LineRequest>,
) -> Result<(StatusCode, Json<serde_json::Value>)> {
	let step = Step {
		name: "confirm_return",
		party: Party::Seller,
		from: LineStatus::Returning,
		during: LineStatus::Returning,
		to: LineStatus::Refunded,
		call: marketplace::confirm_return,
	};
	take_step(&state, &session, &id, request.item, step, None).await
}

/// Who takes a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Party {
	Buyer,
	Seller,
}

/// One step of a physical line's on-chain order, as the gateway takes it.
struct Step {
	/// The transaction's name.
	name: &'static str,
	/// Who takes it.
	party: Party,
	/// The lines it applies to.
	from: LineStatus,
	/// Their status while it is submitted.
	during: LineStatus,
	/// Their status once it is final (back to `from` if it fails).
	to: LineStatus,
	/// The call, for an on-chain order.
	call: fn(u64) -> Call,
}

/// Takes `step` for the physical lines of `order` (only the one of `item`, if given) that
/// `session`'s user is the step's party to and that are at `step.from`: submits one call per
/// line in a batch signed by the user. A custodial user's lines wait at `step.during` and move
/// to `step.to` when it is final (back to `step.from` if it failed); a self-custody user's
/// transaction is prepared for them to sign, and their lines move when the order page reads
/// the chain.
async fn take_step(
	state: &AppState,
	session: &Session,
	order: &str,
	item: Option<u32>,
	step: Step,
	tracking: Option<String>,
) -> Result<(StatusCode, Json<serde_json::Value>)> {
	let chain_orders = lines_for(state, session, order, item, &step).await?;
	let custodial = session.user.custody == Custody::Custodial;
	// A self-custody user's lines stay where they are (recording a tracking number) until
	// the chain shows the step.
	let marked = if custodial { step.during } else { step.from };
	mark_lines(state, order, &chain_orders, (step.from, marked), tracking).await?;
	let call =
		batch_all(chain_orders.iter().map(|chain_order| (step.call)(*chain_order)).collect());
	let (done, outcome) = tokio::sync::oneshot::channel();
	let answer = submit_as_user(state, session, step.name, vec![call], Some(done)).await;
	let answer = match answer {
		Ok(answer) => answer,
		Err(error) => {
			move_lines(&state.db, &chain_orders, step.during, step.from).await;
			return Err(error);
		}
	};
	if custodial {
		let db = state.db.clone();
		tokio::spawn(async move {
			// The new status once final; otherwise back to where the lines were, to try again.
			let status = match outcome.await {
				Ok(Ok(_)) => step.to,
				_ => step.from,
			};
			move_lines(&db, &chain_orders, step.during, status).await;
		});
	}
	Ok((StatusCode::ACCEPTED, Json(answer)))
}

/// The on-chain orders of the physical lines of `order` (only the one of `item`, if given)
/// that `session`'s user is `step`'s party to and that are at `step.from`; 404 if none.
async fn lines_for(
	state: &AppState,
	session: &Session,
	order: &str,
	item: Option<u32>,
	step: &Step,
) -> Result<Vec<u64>> {
	let party = match step.party {
		Party::Seller => "l.seller_id = $2",
		Party::Buyer => "o.buyer_id = $2",
	};
	let select = format!(
		"SELECT l.chain_order FROM order_lines l \
		 JOIN orders o ON o.id = l.order_id WHERE l.order_id = $1 AND {party} \
		 AND l.status = $3 AND l.kind = $4 AND ($5 < 0 OR l.item = $5) \
		 AND l.chain_order IS NOT NULL"
	);
	let chain_orders: Vec<i64> = sqlx::query_scalar(AssertSqlSafe(select))
		.bind(order.to_string())
		.bind(session.user.id.clone())
		.bind(step.from.as_str())
		.bind(ProductKind::Physical.as_str())
		.bind(item.map_or(-1, i64::from))
		.fetch_all(&state.db)
		.await?;
	if chain_orders.is_empty() {
		return Err(ApiError::not_found(format!(
			"nothing of yours in order {order} is {} (needed to {})",
			step.from.as_str(),
			step.name.replace('_', " ")
		)));
	}
	chain_orders.into_iter().map(|id| Ok(u64::try_from(id)?)).collect()
}

/// Moves the lines of `chain_orders` from `from` to `to` (recording the parcel's `tracking`
/// number, if given), all of them or none: 409 if another request moved one first.
async fn mark_lines(
	state: &AppState,
	order: &str,
	chain_orders: &[u64],
	(from, to): (LineStatus, LineStatus),
	tracking: Option<String>,
) -> Result<()> {
	let mut tx = state.db.begin().await?;
	for chain_order in chain_orders {
		let marked = sqlx::query(
			"UPDATE order_lines SET status = $1, tracking = COALESCE($2, tracking) \
			 WHERE order_id = $3 AND chain_order = $4 AND status = $5",
		)
		.bind(to.as_str())
		.bind(tracking.clone())
		.bind(order.to_string())
		.bind(i64::try_from(*chain_order)?)
		.bind(from.as_str())
		.execute(&mut *tx)
		.await?
		.rows_affected();
		if marked != 1 {
			return Err(ApiError::new(
				StatusCode::CONFLICT,
				"changed",
				"the order changed; try again",
			));
		}
	}
	Ok(tx.commit().await?)
}

/// Moves the lines of `chain_orders` from `from` to `to` (a no-op where they are elsewhere); a
/// failure is logged (the background task that calls this has nobody to answer).
pub async fn move_lines(
	db: &sqlx::AnyPool,
	chain_orders: &[u64],
	from: LineStatus,
	to: LineStatus,
) {
	for chain_order in chain_orders {
		let updated = sqlx::query(
			"UPDATE order_lines SET status = $1 WHERE chain_order = $2 AND status = $3",
		)
		.bind(to.as_str())
		.bind(i64::try_from(*chain_order).unwrap_or(-1))
		.bind(from.as_str())
		.execute(db)
		.await;
		if let Err(error) = updated {
			tracing::error!(%chain_order, %error, "could not record an order's step");
		}
	}
}

/// The buyer's shipped order line for `item`, if any: its on-chain order, for a claim by tap.
pub async fn shipped_order(state: &AppState, buyer: &str, item: (u32, u32)) -> Result<Option<i64>> {
	let order: Option<Option<i64>> = sqlx::query_scalar(
		"SELECT l.chain_order FROM order_lines l JOIN orders o ON o.id = l.order_id \
		 WHERE o.buyer_id = $1 AND l.collection = $2 AND l.item = $3 AND l.status = $4",
	)
	.bind(buyer.to_string())
	.bind(i64::from(item.0))
	.bind(i64::from(item.1))
	.bind(LineStatus::Shipped.as_str())
	.fetch_optional(&state.db)
	.await?;
	Ok(order.flatten())
}
