//! Physical orders: the escrow's row from `OrderPlaced`, its state and deadline as each step or
//! deadline moves it, and how it closed. The settlement that pays the seller is a `Settled`
//! event like any sale's (`sales`).

use super::{
	render::{account, asset},
	Writer,
};
use crate::{
	db::{amount, int},
	Error,
};
use yinji_client::{orders, runtime::runtime_types::pallet_marketplace::pallet::Event};

impl Writer<'_, '_> {
	/// `OrderPlaced`, `OrderMoved`, `OrderDisputed`, `OrderRefunded`, `DisputeResolved` and
	/// `OrderClosed`; the other order events (`OrderTapped`: the tap's read is in `tag_reads`)
	/// need no row of their own.
	pub(super) async fn orders(&mut self, event: &Event) -> Result<(), Error> {
		let query = match event {
			Event::OrderPlaced {
				order,
				collection,
				item,
				buyer,
				seller,
				asset: paid_in,
				price,
				ship_by,
			} => sqlx::query(
				"INSERT INTO orders (id, block_number, collection, item, buyer, seller, asset, \
				 price, state, deadline, disputed_by, refunded, outcome, closed_block) \
				 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'paid', $9, NULL, $10, NULL, NULL)",
			)
			.bind(id(*order)?)
			.bind(self.number())
			.bind(int(*collection))
			.bind(int(*item))
			.bind(account(buyer))
			.bind(account(seller))
			.bind(asset(paid_in))
			.bind(amount(*price))
			.bind(int(*ship_by))
			.bind(amount(0)),
			Event::OrderMoved { order, state } => {
				let (state, deadline) = orders::state(state);
				sqlx::query("UPDATE orders SET state = $1, deadline = $2 WHERE id = $3")
					.bind(state)
					.bind(deadline.map(int))
					.bind(id(*order)?)
			}
			Event::OrderDisputed { order, by } => sqlx::query(
				"UPDATE orders SET state = 'disputed', deadline = NULL, disputed_by = $1 \
				 WHERE id = $2",
			)
			.bind(account(by))
			.bind(id(*order)?),
			Event::OrderRefunded { order, amount: refunded, .. } => {
				sqlx::query("UPDATE orders SET refunded = $1 WHERE id = $2")
					.bind(amount(*refunded))
					.bind(id(*order)?)
			}
			Event::DisputeResolved { order, to_buyer, .. } => {
				sqlx::query("UPDATE orders SET refunded = $1 WHERE id = $2")
					.bind(amount(*to_buyer))
					.bind(id(*order)?)
			}
			Event::OrderClosed { order, outcome } => sqlx::query(
				"UPDATE orders SET state = 'closed', deadline = NULL, outcome = $1, \
				 closed_block = $2 WHERE id = $3",
			)
			.bind(orders::outcome(outcome))
			.bind(self.number())
			.bind(id(*order)?),
			_ => return Ok(()),
		};
		self.exec(query).await
	}
}

/// An order id as the index stores it.
fn id(order: u64) -> Result<i64, Error> {
	i64::try_from(order).map_err(|_| Error::Invalid(format!("order id {order} above i64")))
}
