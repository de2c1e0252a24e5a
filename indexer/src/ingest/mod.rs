//! From a finalized block to rows: fetch the block with its yinji events, then write everything
//! in the caller's transaction. The rows are a function of the events alone: writing makes no
//! chain read while the transaction is open.
//!
//! The writing is one [`Writer`] per event, dispatched on the typed event; its handlers are
//! split by pallet: `works`, `collectibles`, `marketplace` (with its physical `orders`), `loyalty`, and read each field from
//! the typed event. `render` gives the fields' text forms and JSON columns.

mod collectibles;
mod loyalty;
mod marketplace;
mod orders;
mod render;
mod works;

use crate::{db::int, Error};
use yinji_client::{
	fields::{to_hex, to_json},
	Block, Chain, ChainEvent, Event,
};

/// Whether the index keeps `event`: those of works, collectibles, the marketplace, loyalty and
/// the validator set.
pub fn kept(event: &Event) -> bool {
	matches!(
		event,
		Event::Works(_)
			| Event::Collectibles(_)
			| Event::Marketplace(_)
			| Event::Loyalty(_)
			| Event::ValidatorSet(_)
	)
}

type Tx<'c> = sqlx::Transaction<'c, sqlx::Any>;

/// A block as fetched, ready to write: everything its rows need is in its events, so writing
/// it reads nothing from the chain.
pub struct Fetched {
	/// The block and its yinji events.
	pub block: Block,
}

/// Fetches block `number` with its yinji events. This is the only chain read of indexing a
/// block, and it happens before the block's database transaction opens.
pub async fn fetch(chain: &Chain, number: u64) -> Result<Fetched, Error> {
	let block = chain.at(number).await?.block(kept).await?;
	Ok(Fetched { block })
}

/// Writes one fetched block: its row, its events and what they change.
pub async fn apply(tx: &mut Tx<'_>, fetched: &Fetched) -> Result<(), Error> {
	let block = &fetched.block;
	sqlx::query(
		"INSERT INTO blocks (number, hash, parent_hash, timestamp_ms, spec_version, event_count) \
		 VALUES ($1, $2, $3, $4, $5, $6)",
	)
	.bind(int(block.number))
	.bind(to_hex(block.hash.as_bytes()))
	.bind(to_hex(block.parent_hash.as_bytes()))
	.bind(int(block.timestamp_ms))
	.bind(int(block.spec_version))
	.bind(int(block.event_count))
	.execute(&mut **tx)
	.await?;
	for event in &block.events {
		sqlx::query(
			"INSERT INTO events (block_number, event_index, block_hash, extrinsic_index, pallet, \
			 name, fields) VALUES ($1, $2, $3, $4, $5, $6, $7)",
		)
		.bind(int(block.number))
		.bind(int(event.index))
		.bind(to_hex(block.hash.as_bytes()))
		.bind(event.extrinsic.map(int))
		.bind(&event.pallet)
		.bind(&event.name)
		.bind(to_json(&event.fields).to_string())
		.execute(&mut **tx)
		.await?;
		let mut writer = Writer { tx, fetched, event };
		writer.apply().await?;
	}
	Ok(())
}

struct Writer<'a, 'c> {
	tx: &'a mut Tx<'c>,
	fetched: &'a Fetched,
	event: &'a ChainEvent,
}

impl Writer<'_, '_> {
	fn number(&self) -> i64 {
		int(self.fetched.block.number)
	}

	fn index(&self) -> i64 {
		int(self.event.index)
	}

	async fn exec(
		&mut self,
		query: sqlx::query::Query<'_, sqlx::Any, sqlx::any::AnyArguments>,
	) -> Result<(), Error> {
		query.execute(&mut **self.tx).await?;
		Ok(())
	}

	async fn apply(&mut self) -> Result<(), Error> {
		let event: &ChainEvent = self.event;
		match &event.event {
			Event::Works(event) => self.works(event).await,
			Event::Collectibles(event) => self.collectibles(event).await,
			Event::Marketplace(event) => self.marketplace(event).await,
			Event::Loyalty(event) => self.loyalty(event).await,
			// Validator-set events are kept in `events` only.
			_ => Ok(()),
		}
	}
}
