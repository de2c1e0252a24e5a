//! The saturation burst: every account signs a burst of transactions in advance and sends them
//! all at once without waiting, so the pool holds more than a block takes.

use crate::{
	measure::{block_use, BlockUse},
	setup::{operation, Seller},
};
use std::time::{Duration, Instant};
use yinji_client::{
	subxt::{
		client::OnlineClientAtBlockImpl, config::SubstrateExtrinsicParamsBuilder,
		ext::scale_encode::EncodeAsType, transactions::SubmittableTransaction, SubstrateConfig,
	},
	Chain, Keypair,
};

/// A transaction signed in advance, ready to send.
type Signed = SubmittableTransaction<SubstrateConfig, OnlineClientAtBlockImpl<SubstrateConfig>>;

/// The saturation burst's figures.
pub struct Burst {
	/// Transactions the pool accepted.
	pub submitted: usize,
	/// Transactions the pool refused, or that were not sent after a refusal.
	pub refused: usize,
	/// The first refusal's reason.
	pub first_refusal: Option<String>,
	/// How long sending took (s).
	pub submit_s: f64,
	/// The blocks from the first that took a burst transaction to the last.
	pub blocks: Vec<BlockUse>,
	/// The timestamp of the block before the first.
	pub start_ms: u64,
}

/// Every account signs `per_account` transactions (its next nonces, immortal) in advance, then
/// all are sent at once, each account's in nonce order, without waiting for inclusion; then the
/// finalized blocks are followed until they hold every accepted transaction (or twenty blocks
/// in a row take none).
pub async fn run(
	chains: &[Chain],
	accounts: &[Keypair],
	sellers: &[Seller],
	per_account: u64,
) -> Burst {
	let signed = sign(chains, accounts, sellers, per_account).await;
	let from = chains[0].finalized_number().await.unwrap();
	let started = Instant::now();
	let sent = futures::future::join_all(signed.into_iter().map(send)).await;
	let submit_s = started.elapsed().as_secs_f64();
	let submitted: usize = sent.iter().map(|(accepted, _)| accepted).sum();
	let first_refusal = sent.iter().find_map(|(_, refusal)| refusal.clone());
	let refused = accounts.len() * per_account as usize - submitted;
	let blocks = follow(&chains[0], from, submitted).await;
	let start_ms = match blocks.first() {
		Some(first) => block_use(&chains[0], first.number - 1).await.timestamp_ms,
		None => 0,
	};
	Burst { submitted, refused, first_refusal, submit_s, blocks, start_ms }
}

/// Each account's `per_account` next operations, signed with its next nonces, immortal.
async fn sign(
	chains: &[Chain],
	accounts: &[Keypair],
	sellers: &[Seller],
	per_account: u64,
) -> Vec<Vec<Signed>> {
	let mut signed = Vec::new();
	for (n, who) in accounts.iter().enumerate() {
		let chain = &chains[n % chains.len()];
		let at = chain.api().at_current_block().await.unwrap();
		let metadata = at.metadata_ref();
		let nonce = chain.nonce(who.public_key().0).await.unwrap();
		let mut transactions = Vec::new();
		for k in nonce..nonce + per_account {
			let (_, call) = operation(n, k, who, sellers);
			let call_data = call
				.encode_as_type(metadata.outer_enums().call_enum_ty(), metadata.types())
				.unwrap();
			let payload = at.tx().from_call_data_bytes(&call_data).unwrap();
			let params = SubstrateExtrinsicParamsBuilder::new().nonce(k).build();
			let mut signable = at.tx().create_signable_offline(&payload, params).unwrap();
			transactions.push(signable.sign(who).unwrap());
		}
		signed.push(transactions);
	}
	signed
}

/// Sends one account's transactions in order: how many the pool accepted, and why it refused
/// the first it refused (a refusal leaves a gap that stalls the account's later nonces, so none
/// is sent after it).
async fn send(transactions: Vec<Signed>) -> (usize, Option<String>) {
	let mut accepted = 0;
	for transaction in transactions {
		if let Err(error) = transaction.submit().await {
			return (accepted, Some(error.to_string()));
		}
		accepted += 1;
	}
	(accepted, None)
}

/// The finalized blocks after `from`, from the first that holds a transaction until they hold
/// `submitted` transactions in all (or twenty in a row hold none), without the empty ones at
/// the end.
async fn follow(chain: &Chain, from: u64, submitted: usize) -> Vec<BlockUse> {
	let (mut blocks, mut included, mut idle, mut next) = (Vec::new(), 0, 0, from + 1);
	while included < submitted && idle < 20 {
		let head = tokio::time::timeout(Duration::from_secs(60), chain.next_finalized())
			.await
			.expect("a block is finalized within a minute")
			.unwrap();
		for number in next..=head {
			let used = block_use(chain, number).await;
			idle = if used.transactions == 0 { idle + 1 } else { 0 };
			if used.transactions == 0 && blocks.is_empty() {
				continue;
			}
			included += used.transactions;
			blocks.push(used);
		}
		next = next.max(head + 1);
	}
	while blocks.last().is_some_and(|b| b.transactions == 0) {
		blocks.pop();
	}
	blocks
}
