//! What the runtime allows, and what blocks and operations used of it.

use std::time::{Duration, Instant};
use yinji_client::{runtime::yinji, Chain, Event, Submitted};

/// What one finalized operation cost and took.
pub struct Done {
	/// The ref_time it was charged (ps).
	pub ref_time: u128,
	/// The proof size it was charged (bytes).
	pub proof_size: u128,
	/// Submit → finalized.
	pub latency: Duration,
	/// When it was seen finalized.
	pub finalized_at: Instant,
}

/// The weight `submitted` was charged (ref_time, proof size): its `ExtrinsicSuccess` weight.
pub fn charged(submitted: &Submitted) -> (u128, u128) {
	let weight = submitted
		.find(|event| match event {
			Event::System(yinji::system::Event::ExtrinsicSuccess { dispatch_info }) => {
				Some(dispatch_info.weight.clone())
			}
			_ => None,
		})
		.expect("ExtrinsicSuccess");
	(weight.ref_time.into(), weight.proof_size.into())
}

/// The runtime's limits: the normal class's `max_total` (ref_time, proof size), the base
/// extrinsic weight, and the block time in seconds.
pub struct Limits {
	/// The normal class's ref_time per block (ps).
	pub ref_time: u128,
	/// The normal class's proof size per block (bytes).
	pub proof_size: u128,
	/// The base extrinsic ref_time (ps).
	pub base: u128,
	/// The block time (s).
	pub block_s: f64,
}

/// The limits of the runtime at the best block.
pub async fn limits(chain: &Chain) -> Limits {
	let at = chain.api().at_current_block().await.unwrap();
	let weights = at.constants().entry(yinji::constants().system().block_weights()).unwrap();
	let normal = weights.per_class.normal;
	let max = normal.max_total.expect("the normal class has a limit");
	let period = at.constants().entry(yinji::constants().timestamp().minimum_period()).unwrap();
	let block_ms = u128::from(period) * 2;
	Limits {
		ref_time: max.ref_time.into(),
		proof_size: max.proof_size.into(),
		base: normal.base_extrinsic.ref_time.into(),
		block_s: block_ms as f64 / 1000.0,
	}
}

/// What one finalized block holds: the normal class's weight used, its signed transactions
/// (each pays a fee: `TransactionPayment.TransactionFeePaid`) and its timestamp.
pub struct BlockUse {
	/// The block's number.
	pub number: u64,
	/// The normal class's ref_time used (ps).
	pub ref_time: u128,
	/// The normal class's proof size used (bytes).
	pub proof_size: u128,
	/// Its signed transactions.
	pub transactions: usize,
	/// Its timestamp (ms since the Unix epoch).
	pub timestamp_ms: u64,
}

/// What block `number` holds.
pub async fn block_use(chain: &Chain, number: u64) -> BlockUse {
	let view = chain.at(number).await.unwrap();
	let used = view.fetch(yinji::storage().system().block_weight(), ()).await.unwrap().unwrap();
	let fee_paid = |event: &Event| {
		matches!(
			event,
			Event::TransactionPayment(yinji::transaction_payment::Event::TransactionFeePaid { .. })
		)
	};
	let block = view.block(fee_paid).await.unwrap();
	BlockUse {
		number,
		ref_time: used.normal.ref_time.into(),
		proof_size: used.normal.proof_size.into(),
		transactions: block.events.len(),
		timestamp_ms: block.timestamp_ms,
	}
}

/// The `p` quantile of `sorted`.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
	let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
	sorted.get(index).copied().unwrap_or_default()
}
