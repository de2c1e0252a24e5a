//! The closed loop: every account keeps a few transactions in flight, each waited for until
//! finalized, for a fixed time.

use crate::{
	measure::{block_use, charged, Done},
	setup::{operation, Seller},
};
use std::{
	sync::{
		atomic::{AtomicU64, Ordering},
		Arc,
	},
	time::{Duration, Instant},
};
use yinji_client::{Call, Chain, Error, Keypair, Submitted};

/// How long a transaction may take to be finalized before its worker gives up.
const PATIENCE: Duration = Duration::from_secs(120);

/// The closed loop's figures.
pub struct ClosedLoop {
	/// The operations finalized.
	pub done: Vec<Done>,
	/// Why the others failed.
	pub failed: Vec<String>,
	/// When the load started.
	pub started: Instant,
	/// The first block of the run.
	pub first_block: u64,
	/// The last block of the run.
	pub last_block: u64,
	/// The share of the normal class's ref_time each block of the run used.
	pub fills: Vec<f64>,
}

/// Every account keeps `window` transactions in flight for `seconds`, each waited for until
/// finalized; then the blocks of the run are read for their fill (of `limit`, the normal class's
/// ref_time per block).
pub async fn run(
	chains: &[Chain],
	accounts: &[Keypair],
	sellers: &Arc<Vec<Seller>>,
	window: u64,
	seconds: u64,
	limit: u128,
) -> ClosedLoop {
	let first_block = chains[0].finalized_number().await.unwrap() + 1;
	let started = Instant::now();
	let deadline = started + Duration::from_secs(seconds);
	let mut tasks = Vec::new();
	for (n, who) in accounts.iter().enumerate() {
		let chain = &chains[n % chains.len()];
		let nonce = Arc::new(AtomicU64::new(chain.nonce(who.public_key().0).await.unwrap()));
		for _ in 0..window {
			let worker = Worker {
				n,
				chain: chain.clone(),
				who: who.clone(),
				sellers: sellers.clone(),
				nonce: nonce.clone(),
			};
			tasks.push(tokio::spawn(worker.run(deadline)));
		}
	}
	let (mut done, mut failed) = (Vec::new(), Vec::new());
	for task in tasks {
		let (d, f) = task.await.unwrap();
		done.extend(d);
		failed.extend(f);
	}
	let last_block = chains[0].finalized_number().await.unwrap();
	let mut fills = Vec::new();
	for number in first_block..=last_block {
		let used = block_use(&chains[0], number).await;
		fills.push(used.ref_time as f64 / limit as f64);
	}
	ClosedLoop { done, failed, started, first_block, last_block, fills }
}

/// One of the transactions account `n` keeps in flight: it sends the account's next
/// operation, waits for it to be finalized, and sends the next, until the deadline.
struct Worker {
	n: usize,
	chain: Chain,
	who: Keypair,
	sellers: Arc<Vec<Seller>>,
	/// The account's next nonce, shared by its workers.
	nonce: Arc<AtomicU64>,
}

impl Worker {
	/// The operations it saw finalized, and why the others failed.
	async fn run(self, deadline: Instant) -> (Vec<Done>, Vec<String>) {
		let (mut done, mut failed) = (Vec::new(), Vec::new());
		while Instant::now() < deadline {
			let k = self.nonce.fetch_add(1, Ordering::Relaxed);
			let (op, call) = operation(self.n, k, &self.who, &self.sellers);
			let sent = Instant::now();
			match self.submit(&call, k).await {
				Ok(Ok(submitted)) => {
					let (ref_time, proof_size) = charged(&submitted);
					let finalized_at = Instant::now();
					done.push(Done {
						ref_time,
						proof_size,
						latency: finalized_at - sent,
						finalized_at,
					});
				}
				Ok(Err(error)) => failed.push(format!("{op}: {error}")),
				// A lost nonce stalls the account's later ones: this worker stops.
				Err(_) => {
					failed.push(format!("{op}: not finalized in {} s", PATIENCE.as_secs()));
					break;
				}
			}
		}
		(done, failed)
	}

	/// Submits `call` with nonce `k` and waits for it to be finalized, [`PATIENCE`] at most.
	///
	/// An error before the pool took the transaction (a dropped connection, a block the node
	/// pruned) leaves a gap in the account's nonces that stalls every later one: while the
	/// account's nonce has not passed `k`, the same nonce is tried again (twice at most). A
	/// transaction that did land (and failed in dispatch, say) has used its nonce and counts as
	/// the failure it was.
	async fn submit(
		&self,
		call: &Call,
		k: u64,
	) -> Result<Result<Submitted, Error>, tokio::time::error::Elapsed> {
		let mut attempts = 0;
		loop {
			let submitted = self.chain.submit_call_with_nonce(call, &self.who, k);
			let outcome = tokio::time::timeout(PATIENCE, submitted).await;
			attempts += 1;
			let Ok(Err(_)) = &outcome else { return outcome };
			let used = self.chain.nonce(self.who.public_key().0).await.is_ok_and(|next| next > k);
			if used || attempts == 3 {
				return outcome;
			}
		}
	}
}
