//! Physical orders (the marketplace's escrow until delivery) as the services name them: one
//! name for each state and outcome, so that the gateway's pages and the index's rows agree.

pub use crate::runtime::runtime_types::pallet_marketplace::types::{
	OrderOutcome, OrderState, OrderWindows,
};

/// The state's name (`paid`, `shipped`, `delivered`, `return_requested` or `disputed`) and the
/// block its deadline passes at, if it has one.
pub fn state(state: &OrderState<u32>) -> (&'static str, Option<u32>) {
	match *state {
		OrderState::Paid { ship_by } => ("paid", Some(ship_by)),
		OrderState::Shipped { delivered_by } => ("shipped", Some(delivered_by)),
		OrderState::Delivered { settle_at } => ("delivered", Some(settle_at)),
		OrderState::ReturnRequested { refund_at } => ("return_requested", Some(refund_at)),
		OrderState::Disputed => ("disputed", None),
	}
}

/// How an order ended: `tapped`, `confirmed`, `window_passed` (each settled), `not_shipped`,
/// `returned` (each refunded) or `arbitrated`.
pub fn outcome(outcome: &OrderOutcome) -> &'static str {
	match outcome {
		OrderOutcome::Tapped => "tapped",
		OrderOutcome::Confirmed => "confirmed",
		OrderOutcome::WindowPassed => "window_passed",
		OrderOutcome::NotShipped => "not_shipped",
		OrderOutcome::Returned => "returned",
		OrderOutcome::Arbitrated => "arbitrated",
	}
}
