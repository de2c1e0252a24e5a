//! The order pages: the buyer's orders and the seller's fulfilment. Each physical line shows
//! its on-chain escrow (state, the deadline that moves it on by itself, and what happens then)
//! and the next step each side may take: the seller ships and receives returns; the buyer
//! confirms receipt or asks for a return; either takes a shipped order to the arbiter.

use super::orders::{self, Line};
use crate::{
	accounts::Session,
	chain::BLOCK_MS,
	now_ms,
	pages::{chain_form, layout, needs_login, price, utc},
	stored::{LineStatus, ProductKind},
	AppState, Result,
};
use axum::extract::State;
use maud::{html, Markup};

/// A status for people.
pub fn line_status(status: &str) -> &'static str {
	match status {
		"pending" => "付款中 Paying",
		"paid" => "已付款 Paid",
		"shipping" | "shipped" => "已发货 Shipped",
		"claimed" => "已签收（碰一碰） Claimed by tap",
		"settled" => "已结算 Settled",
		"returning" => "退货中 Returning",
		"disputed" => "仲裁中 With the arbiter",
		"refunded" => "已退款 Refunded",
		"delivered" => "已交付 Delivered",
		"failed" => "失败 Failed",
		_ => "—",
	}
}

/// When block `deadline` comes, as a date for people: `now` and `head` are the time and the
/// finalized block the page was read at.
fn deadline_date(deadline: u32, head: u64, now: i64) -> String {
	let blocks = u64::from(deadline).saturating_sub(head);
	let at = u64::try_from(now).unwrap_or(0).saturating_add(blocks.saturating_mul(BLOCK_MS));
	utc(at)
}

/// What a physical line's on-chain escrow says: its state and when its deadline passes, with
/// what happens then.
fn escrow(line: &Line, head: u64) -> Markup {
	let Some(escrow) = &line.escrow else { return html! {} };
	let (state, then) = match escrow.state {
		"paid" => (
			"货款托管中，待发货 Paid into escrow, to ship",
			"未发货则全额退款 refunded if not shipped",
		),
		"shipped" => ("运输中 On its way", "视为送达 counts as delivered"),
		"delivered" => ("已送达 Delivered", "无退货则自动确认收货 settles unless returned"),
		"return_requested" => {
			("退货中 Return requested", "卖家未处理则退款 refunded unless the seller acts")
		}
		_ => ("仲裁中 With the arbiter", ""),
	};
	html! {
		p class="escrow" data-state=(escrow.state) {
			"链上托管 Escrow: " (state)
			@if let Some(deadline) = escrow.deadline {
				" · " (deadline_date(deadline, head, now_ms())) " UTC (区块 block #" (deadline) ") " (then)
			}
		}
	}
}

/// The form of one step on one line (`api` is an order's step route or a flow).
fn step(api: &str, next: &str, label: &str, field: (&str, i64)) -> Markup {
	chain_form(
		api,
		Some(next),
		label,
		html! {
			input type="hidden" name=(field.0) data-type="number" value=(field.1);
		},
	)
}

/// The dispute form of a shipped or returning line (either side may use it).
fn dispute(line: &Line, next: &str) -> Markup {
	match line.chain_order {
		Some(order) if matches!(line.status, LineStatus::Shipped | LineStatus::Returning) => {
			step("/api/flows/dispute_order", next, "申请仲裁 Ask the arbiter", ("order", order))
		}
		_ => html! {},
	}
}

/// The finalized block the pages' deadlines count from (0 without a node: no deadlines shown).
async fn head(state: &AppState) -> u64 {
	match &state.chain {
		Some(chain) => chain.finalized_number().await.unwrap_or(0),
		None => 0,
	}
}

/// The buyer's next steps on `line` of order `order`.
fn buyer_steps(order: &str, line: &Line) -> Markup {
	let path = |what: &str| format!("/api/shop/orders/{order}/{what}");
	html! {
		@if line.status == LineStatus::Shipped {
			(step(&path("confirm"), "/shop/orders", "确认收货 Confirm receipt", ("item", line.item)))
			@if line.escrow.as_ref().is_some_and(|escrow| !escrow.made_to_order) {
				(step(&path("return"), "/shop/orders", "申请退货 Return it", ("item", line.item)))
			}
		}
		(dispute(line, "/shop/orders"))
	}
}

/// `GET /shop/orders`: the buyer's orders.
pub async fn my_orders(State(state): State<AppState>, session: Option<Session>) -> Result<Markup> {
	let Some(session) = session else { return Ok(needs_login("订单 Orders")) };
	let orders = orders::orders_of(&state, &session.user.id, None).await?;
	let head = head(&state).await;
	Ok(layout(
		"订单 Orders",
		Some(&session),
		html! {
			h1 { "订单 Orders" }
			@if orders.is_empty() { p { "还没有订单。 No orders yet." } }
			@for order in &orders {
				section class="order" data-order=(order.id) {
					h2 { "订单 Order " code { (order.id) } }
					p { (utc(u64::try_from(order.created_ms).unwrap_or(0))) " UTC · " (price(order.total)) " · "
						span class="status" { (line_status(order.status.as_str())) } }
					@if let Some(failure) = &order.failure { p class="error" { (failure) } }
					ul {
						@for line in &order.lines {
							li data-item=(line.item) data-status=(line.status.as_str()) {
								(line.title) " #" (line.item) " · " span class="status" { (line_status(line.status.as_str())) }
								@if let Some(tracking) = &line.tracking { " · 运单 Tracking " code { (tracking) } }
								(escrow(line, head))
								(buyer_steps(&order.id, line))
							}
						}
					}
				}
			}
		},
	))
}

/// The seller's next steps on `line`.
fn seller_steps(line: &Line) -> Markup {
	let path = |what: &str| format!("/api/shop/orders/{}/{what}", line.order);
	html! {
		@if line.status == LineStatus::Paid && line.kind == ProductKind::Physical {
			(chain_form(&path("ship"), Some("/shop/sales"), "发货 Mark shipped", html! {
				label { "运单号 Tracking number" input name="tracking" required; }
			}))
		}
		@if line.status == LineStatus::Returning {
			(step(&path("return-received"), "/shop/sales", "已收到退货 Return received: refund", ("item", line.item)))
		}
		(dispute(line, "/shop/sales"))
	}
}

/// `GET /shop/sales`: the seller's fulfilment view.
pub async fn sales(State(state): State<AppState>, session: Option<Session>) -> Result<Markup> {
	let Some(session) = session else { return Ok(needs_login("发货 Sales")) };
	let sales = orders::sales_of(&state, &session.user.id).await?;
	let head = head(&state).await;
	Ok(layout(
		"发货 Sales",
		Some(&session),
		html! {
			h1 { "发货 Sales" }
			@if sales.is_empty() { p { "还没有售出。 Nothing sold yet." } }
			@for sale in &sales {
				section class="order" data-order=(sale.line.order) data-item=(sale.line.item) data-status=(sale.line.status.as_str()) {
					h2 { (sale.line.title) " #" (sale.line.item) }
					p { "订单 Order " code { (sale.line.order) } " · " (price(sale.line.price)) " · "
						span class="status" { (line_status(sale.line.status.as_str())) } }
					@if let (Some(name), Some(address)) = (&sale.ship_name, &sale.ship_address) {
						p class="address" { (name) br; (address) }
					}
					(escrow(&sale.line, head))
					(seller_steps(&sale.line))
				}
			}
		},
	))
}
