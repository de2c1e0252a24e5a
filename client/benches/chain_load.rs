//! Chain load: many accounts keep a yinji chain busy with `register_work`, `mint` and `buy`,
//! measured two ways against the ceiling the runtime itself sets, the normal class's share of
//! `System.BlockWeights` per block time:
//!
//! - **Closed loop**: each account keeps a few transactions in flight, each waited for until
//!   finalized, for a fixed time. Reports finalized operations per second as a fraction of that
//!   ceiling divided by the weight the operations were charged (their `ExtrinsicSuccess` weight
//!   plus the base extrinsic weight), submit → finalized latency (p50, p99) and block fill.
//! - **Saturation**: every account signs a burst of transactions in advance and sends them all
//!   at once without waiting, so the pool holds more than a block takes. Reports, over the
//!   blocks that took them, the weight finalized per second as a fraction of the weight the
//!   runtime allows per second, from the blocks' own `System.BlockWeight` and timestamps.
//!
//! `cargo bench -p yinji-client --features testing --bench chain_load`. The network under load:
//! `YINJI_LOAD_NETWORK=dev` (the default) starts one `yinji-node --dev`; `local` starts the four
//! validators of `--chain local` and spreads the accounts over their RPC servers; the node binary
//! is the workspace's debug build or `$YINJI_NODE`. `YINJI_LOAD_NODE=ws://…[,ws://…]` points it
//! at running nodes instead (`//Alice` must be funded and a member institution, as on `--dev`
//! and `local`). `YINJI_LOAD_ACCOUNTS` (default 24), `YINJI_LOAD_WINDOW` (transactions in flight
//! per account, default 4), `YINJI_LOAD_SECONDS` (default 60) and `YINJI_LOAD_BURST`
//! (transactions per account in the saturation burst, default 300; 0 skips it) shape the load;
//! `YINJI_BENCH_OUT` names a JSON file for the figures (`scripts/bench` renders it into
//! `docs/benchmarks.md`).

// A benchmark program: a failed step ends it with its message.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, missing_docs)]

use std::{
	str::FromStr,
	sync::{
		atomic::{AtomicU32, AtomicU64, Ordering},
		Arc,
	},
	time::{Duration, Instant},
};
use yinji_client::{
	fields::{self, Fields},
	subxt::{config::SubstrateExtrinsicParamsBuilder, dynamic, ext::scale_value::Composite},
	subxt_signer::{sr25519::dev, SecretUri},
	testing::{network, node_binary, wait_finalized, DevNode},
	Chain, Keypair, Submitted, Value,
};

const UNIT: u128 = 1_000_000_000_000;
/// Items each account mints and lists before the run, for the others to buy.
const POOL: u32 = 40;
const PRICE: u128 = UNIT;

fn setting(name: &str, default: u64) -> u64 {
	std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn account(who: &Keypair) -> Value {
	Value::from_bytes(who.public_key().0)
}

async fn submit(
	chain: &Chain,
	pallet: &str,
	call: &str,
	args: Vec<Value>,
	who: &Keypair,
) -> Submitted {
	chain.submit(pallet, call, args, who).await.unwrap_or_else(|e| panic!("{pallet}.{call}: {e}"))
}

fn register_work(who: &Keypair, seed: u64) -> Vec<Value> {
	let mut hash = [0u8; 32];
	hash[..8].copy_from_slice(&seed.to_le_bytes());
	hash[8..16].copy_from_slice(&who.public_key().0[..8]);
	vec![
		Value::from_bytes(hash),
		Value::unnamed_variant("None", []),
		Value::from_bytes(b"bafkreiload"),
		Value::unnamed_variant("Image", []),
		Value::unnamed_variant("AllRightsReserved", []),
		Value::unnamed_composite([Value::unnamed_composite([account(who), Value::u128(10_000)])]),
		Value::unnamed_composite([]),
	]
}

/// One account's part: its collection, and how many of its listed items were bought.
struct Seller {
	collection: u64,
	sold: AtomicU32,
}

/// Funds and attests the accounts; each registers a work, creates a collection, and mints and
/// lists `POOL` items through its own node, `chains[n % chains.len()]`.
async fn set_up(chains: &[Chain], accounts: &[Keypair]) -> Vec<Seller> {
	let alice = dev::alice();
	let chain = &chains[0];
	let funds = accounts.iter().map(|who| {
		let to = Value::unnamed_variant("Id", [account(who)]);
		("Balances", "transfer_keep_alive", vec![to, Value::u128(10_000 * UNIT)])
	});
	chain.batch(funds.collect(), &alice).await.expect("Alice funds the accounts");
	let attest = accounts.iter().map(|who| {
		("Works", "attest_creator", vec![account(who), Value::u128(1), Value::u128(100_000_000)])
	});
	chain.batch(attest.collect(), &alice).await.expect("Alice attests the accounts");
	let sellers = accounts.iter().enumerate().map(|(n, who)| async move {
		let chain = &chains[n % chains.len()];
		let registered =
			submit(chain, "Works", "register_work", register_work(who, u64::MAX - n as u64), who)
				.await;
		let work = Fields::new(
			registered.event("Works", "WorkRegistered").expect("a work"),
			"WorkRegistered",
		)
		.u64("work")
		.unwrap();
		let created = submit(
			chain,
			"Collectibles",
			"create_collection",
			vec![
				Value::u128(work.into()),
				Value::unnamed_variant("DigitalCollectible", []),
				Value::u128(1_000_000),
				Value::from_bytes(b"bafkreiload"),
				Value::u128(0),
				Value::unnamed_variant("SettlementOnly", []),
				Value::u128(0),
			],
			who,
		)
		.await;
		let collection = Fields::new(
			created.event("Collectibles", "CollectionCreated").expect("a collection"),
			"CollectionCreated",
		)
		.u64("collection")
		.unwrap();
		let mint = vec![Value::u128(collection.into()), account(who), Value::u128(POOL.into())];
		submit(chain, "Collectibles", "mint", mint, who).await;
		let lists = (1..=POOL).map(|item| {
			let args = vec![
				Value::u128(collection.into()),
				Value::u128(item.into()),
				Value::unnamed_variant("Native", []),
				Value::u128(PRICE),
				Value::u128(1_000_000),
				Value::unnamed_variant("None", []),
			];
			("Marketplace", "list", args)
		});
		chain.batch(lists.collect(), who).await.expect("the pool is listed");
		Seller { collection, sold: AtomicU32::new(0) }
	});
	futures::future::join_all(sellers).await
}

/// What one finalized operation cost and took.
struct Done {
	ref_time: u128,
	proof_size: u128,
	latency: Duration,
	finalized_at: Instant,
}

/// One operation of account `n`, chosen by `k`: register a work, mint one item, or buy one of
/// the next account's listed items (register when that pool is sold out).
fn operation(
	n: usize,
	k: u64,
	who: &Keypair,
	sellers: &[Seller],
) -> (&'static str, &'static str, Vec<Value>) {
	match k % 3 {
		1 => (
			"Collectibles",
			"mint",
			vec![Value::u128(sellers[n].collection.into()), account(who), Value::u128(1)],
		),
		2 => {
			let seller = &sellers[(n + 1) % sellers.len()];
			let item = seller.sold.fetch_add(1, Ordering::Relaxed) + 1;
			if item <= POOL {
				return (
					"Marketplace",
					"buy",
					vec![
						Value::u128(seller.collection.into()),
						Value::u128(item.into()),
						Value::unnamed_variant("Native", []),
						Value::u128(PRICE),
						Value::u128(0),
					],
				);
			}
			("Works", "register_work", register_work(who, k))
		}
		_ => ("Works", "register_work", register_work(who, k)),
	}
}

fn charged(submitted: &Submitted) -> (u128, u128) {
	let success = submitted.event("System", "ExtrinsicSuccess").expect("ExtrinsicSuccess");
	let weight = Fields::new(success, "ExtrinsicSuccess")
		.nested("dispatch_info")
		.and_then(|info| info.nested("weight"))
		.unwrap();
	(weight.u128("ref_time").unwrap(), weight.u128("proof_size").unwrap())
}

/// The runtime's limits: the normal class's `max_total` (ref_time, proof size), the base
/// extrinsic weight, and the block time in seconds.
struct Limits {
	ref_time: u128,
	proof_size: u128,
	base: u128,
	block_s: f64,
}

async fn limits(chain: &Chain) -> Limits {
	let at = chain.api().at_current_block().await.unwrap();
	let weights: Value =
		at.constants().entry(dynamic::constant::<Value>("System", "BlockWeights")).unwrap();
	let normal = Fields::new(&weights, "BlockWeights")
		.nested("per_class")
		.unwrap()
		.nested("normal")
		.unwrap();
	let (_, max) =
		fields::variant(normal.get("max_total").unwrap()).expect("max_total is an Option");
	let max = Fields::new(max.values().next().expect("the normal class has a limit"), "max_total");
	let base = normal.nested("base_extrinsic").unwrap().u128("ref_time").unwrap();
	let period: Value =
		at.constants().entry(dynamic::constant::<Value>("Timestamp", "MinimumPeriod")).unwrap();
	let block_ms = fields::number(&period).expect("a period") * 2;
	Limits {
		ref_time: max.u128("ref_time").unwrap(),
		proof_size: max.u128("proof_size").unwrap(),
		base,
		block_s: block_ms as f64 / 1000.0,
	}
}

/// What one finalized block holds: the normal class's weight used, its signed transactions
/// (each pays a fee: `TransactionPayment.TransactionFeePaid`) and its timestamp.
struct BlockUse {
	number: u64,
	ref_time: u128,
	proof_size: u128,
	transactions: usize,
	timestamp_ms: u64,
}

async fn block_use(chain: &Chain, number: u64) -> BlockUse {
	let view = chain.at(number).await.unwrap();
	let used = view.storage("System", "BlockWeight", vec![]).await.unwrap().unwrap();
	let normal = Fields::new(&used, "BlockWeight").nested("normal").unwrap();
	let block = view.block(&["TransactionPayment"]).await.unwrap();
	BlockUse {
		number,
		ref_time: normal.u128("ref_time").unwrap(),
		proof_size: normal.u128("proof_size").unwrap(),
		transactions: block.events.iter().filter(|e| e.name == "TransactionFeePaid").count(),
		timestamp_ms: block.timestamp_ms,
	}
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
	let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
	sorted.get(index).copied().unwrap_or_default()
}

/// The nodes this run started, held only to be stopped when dropped.
#[allow(dead_code)]
enum Nodes {
	Dev(DevNode),
	Local(Vec<network::Node>),
	Running,
}

/// Starts (or names) the network under load: its RPC URLs and a description for the report.
fn network(dir: &std::path::Path) -> (Nodes, Vec<String>, String) {
	let build = if node_binary().components().any(|c| c.as_os_str() == "release") {
		"release"
	} else {
		"debug"
	};
	if let Ok(urls) = std::env::var("YINJI_LOAD_NODE") {
		let urls: Vec<String> = urls.split(',').map(str::to_string).collect();
		let described = format!("{} running node(s)", urls.len());
		return (Nodes::Running, urls, described);
	}
	match std::env::var("YINJI_LOAD_NETWORK").as_deref() {
		Ok("local") => {
			let nodes = network::local_network(dir);
			let urls = nodes.iter().map(network::Node::url).collect();
			let described = format!("four validators of `--chain local` ({build} nodes)");
			(Nodes::Local(nodes), urls, described)
		}
		Ok("dev") | Err(_) => {
			let node = DevNode::start(dir);
			let urls = vec![node.url()];
			(Nodes::Dev(node), urls, format!("one `yinji-node --dev` ({build} node)"))
		}
		Ok(other) => panic!("YINJI_LOAD_NETWORK is dev or local, not {other}"),
	}
}

/// The closed loop's figures.
struct ClosedLoop {
	done: Vec<Done>,
	failed: Vec<String>,
	started: Instant,
	first_block: u64,
	last_block: u64,
}

/// Every account keeps `window` transactions in flight for `seconds`, each waited for until
/// finalized.
async fn closed_loop(
	chains: &[Chain],
	accounts: &[Keypair],
	sellers: &Arc<Vec<Seller>>,
	window: u64,
	seconds: u64,
) -> ClosedLoop {
	let first_block = chains[0].finalized_number().await.unwrap() + 1;
	let started = Instant::now();
	let deadline = started + Duration::from_secs(seconds);
	let mut tasks = Vec::new();
	for (n, who) in accounts.iter().enumerate() {
		let chain = &chains[n % chains.len()];
		let nonce = Arc::new(AtomicU64::new(chain.nonce(who.public_key().0).await.unwrap()));
		for _ in 0..window {
			let (chain, who, sellers, nonce) =
				(chain.clone(), who.clone(), sellers.clone(), nonce.clone());
			tasks.push(tokio::spawn(async move {
				let (mut done, mut failed) = (Vec::new(), Vec::new());
				while Instant::now() < deadline {
					let k = nonce.fetch_add(1, Ordering::Relaxed);
					let (pallet, call, args) = operation(n, k, &who, &sellers);
					let sent = Instant::now();
					// An error before the pool took the transaction (a dropped connection, a
					// block the node pruned) leaves a gap in the account's nonces that stalls
					// every later one: while the account's nonce has not passed `k`, the same
					// nonce is tried again (twice at most). A transaction that did land (and
					// failed in dispatch, say) has used its nonce and counts as the failure it was.
					let mut attempts = 0;
					let outcome = loop {
						let outcome = tokio::time::timeout(
							Duration::from_secs(120),
							chain.submit_with_nonce(pallet, call, args.clone(), &who, k),
						)
						.await;
						attempts += 1;
						let Ok(Err(_)) = &outcome else { break outcome };
						let used = chain.nonce(who.public_key().0).await.is_ok_and(|next| next > k);
						if used || attempts == 3 {
							break outcome;
						}
					};
					match outcome {
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
						Ok(Err(error)) => failed.push(format!("{pallet}.{call}: {error}")),
						// A lost nonce stalls the account's later ones: this worker stops.
						Err(_) => {
							failed.push(format!("{pallet}.{call}: not finalized in 120 s"));
							break;
						}
					}
				}
				(done, failed)
			}));
		}
	}
	let (mut done, mut failed) = (Vec::new(), Vec::new());
	for task in tasks {
		let (d, f) = task.await.unwrap();
		done.extend(d);
		failed.extend(f);
	}
	let last_block = chains[0].finalized_number().await.unwrap();
	ClosedLoop { done, failed, started, first_block, last_block }
}

/// The saturation burst's figures.
struct Burst {
	submitted: usize,
	refused: usize,
	first_refusal: Option<String>,
	submit_s: f64,
	/// The blocks from the first that took a burst transaction to the last.
	blocks: Vec<BlockUse>,
	/// The timestamp of the block before the first.
	start_ms: u64,
}

/// Every account signs `per_account` transactions (its next nonces, immortal) in advance, then
/// all are sent at once, each account's in nonce order, without waiting for inclusion; then the
/// finalized blocks are followed until they hold every accepted transaction (or twenty blocks
/// in a row take none).
async fn saturate(
	chains: &[Chain],
	accounts: &[Keypair],
	sellers: &[Seller],
	per_account: u64,
) -> Burst {
	let mut signed = Vec::new();
	for (n, who) in accounts.iter().enumerate() {
		let chain = &chains[n % chains.len()];
		let at = chain.api().at_current_block().await.unwrap();
		let nonce = chain.nonce(who.public_key().0).await.unwrap();
		let mut transactions = Vec::new();
		for k in nonce..nonce + per_account {
			let (pallet, call, args) = operation(n, k, who, sellers);
			let payload = dynamic::tx(pallet, call, Composite::unnamed(args));
			let params = SubstrateExtrinsicParamsBuilder::new().nonce(k).build();
			let mut signable = at.tx().create_signable_offline(&payload, params).unwrap();
			transactions.push(signable.sign(who).unwrap());
		}
		signed.push(transactions);
	}
	let from = chains[0].finalized_number().await.unwrap();
	let started = Instant::now();
	let sent = futures::future::join_all(signed.into_iter().map(|transactions| async move {
		let mut accepted = 0;
		for transaction in transactions {
			// A refused transaction leaves a gap that stalls the account's later nonces.
			if let Err(error) = transaction.submit().await {
				return (accepted, Some(error.to_string()));
			}
			accepted += 1;
		}
		(accepted, None)
	}))
	.await;
	let submit_s = started.elapsed().as_secs_f64();
	let submitted: usize = sent.iter().map(|(accepted, _)| accepted).sum();
	let first_refusal = sent.iter().find_map(|(_, refusal)| refusal.clone());
	let refused = accounts.len() * per_account as usize - submitted;

	let (mut blocks, mut included, mut idle, mut next) = (Vec::new(), 0, 0, from + 1);
	while included < submitted && idle < 20 {
		let head = tokio::time::timeout(Duration::from_secs(60), chains[0].next_finalized())
			.await
			.expect("a block is finalized within a minute")
			.unwrap();
		for number in next..=head {
			let used = block_use(&chains[0], number).await;
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
	let start_ms = match blocks.first() {
		Some(first) => block_use(&chains[0], first.number - 1).await.timestamp_ms,
		None => 0,
	};
	Burst { submitted, refused, first_refusal, submit_s, blocks, start_ms }
}

#[tokio::main]
async fn main() {
	let accounts_n = setting("YINJI_LOAD_ACCOUNTS", 24) as usize;
	let window = setting("YINJI_LOAD_WINDOW", 4);
	let seconds = setting("YINJI_LOAD_SECONDS", 60);
	let burst_per_account = setting("YINJI_LOAD_BURST", 300);
	let dir = tempfile::tempdir().unwrap();
	let (_nodes, urls, described) = network(dir.path());
	let mut chains = Vec::new();
	for url in &urls {
		chains.push(Chain::connect_with_backoff(url, Duration::from_secs(180)).await.unwrap());
	}
	wait_finalized(&chains[0], 1, Duration::from_secs(180)).await;
	let accounts: Vec<Keypair> = (0..accounts_n)
		.map(|n| Keypair::from_uri(&SecretUri::from_str(&format!("//load//{n}")).unwrap()).unwrap())
		.collect();
	let setup = Instant::now();
	let sellers = Arc::new(set_up(&chains, &accounts).await);
	println!("{described}: set up {accounts_n} accounts in {:.0} s", setup.elapsed().as_secs_f64());
	let limits = limits(&chains[0]).await;

	// The closed loop.
	let run = closed_loop(&chains, &accounts, &sellers, window, seconds).await;
	let (done, failed) = (&run.done, &run.failed);
	assert!(!done.is_empty(), "no operation was finalized: {failed:?}");
	let finished = done.iter().map(|d| d.finalized_at).max().unwrap();
	let elapsed = (finished - run.started).as_secs_f64();
	let ops = done.len() as f64;
	let mean_ref = done.iter().map(|d| d.ref_time).sum::<u128>() as f64 / ops;
	let mean_proof = done.iter().map(|d| d.proof_size).sum::<u128>() as f64 / ops;
	let by_time = limits.ref_time as f64 / (mean_ref + limits.base as f64) / limits.block_s;
	let by_proof = limits.proof_size as f64 / mean_proof.max(1.0) / limits.block_s;
	let ceiling = by_time.min(by_proof);
	let mut latencies: Vec<Duration> = done.iter().map(|d| d.latency).collect();
	latencies.sort();
	let mut fills = Vec::new();
	for number in run.first_block..=run.last_block {
		let used = block_use(&chains[0], number).await;
		fills.push(used.ref_time as f64 / limits.ref_time as f64);
	}
	let mean_fill = fills.iter().sum::<f64>() / fills.len().max(1) as f64;
	let max_fill = fills.iter().copied().fold(0.0, f64::max);
	let (p50, p99) = (percentile(&latencies, 0.5), percentile(&latencies, 0.99));

	println!(
		"closed loop: {} operations finalized in {elapsed:.1} s: {:.2} ops/s",
		done.len(),
		ops / elapsed
	);
	println!(
		"ceiling {ceiling:.1} ops/s ({}): mean charge {:.1} µs + base {:.1} µs, {mean_proof:.0} proof bytes; blocks of {} s",
		if by_time <= by_proof { "ref_time" } else { "proof size" },
		mean_ref / 1e6,
		limits.base as f64 / 1e6,
		limits.block_s
	);
	println!("fraction of the ceiling: {:.3}", ops / elapsed / ceiling);
	println!(
		"latency submit → finalized: p50 {:.1} s, p99 {:.1} s",
		p50.as_secs_f64(),
		p99.as_secs_f64()
	);
	println!(
		"blocks {}..={}: normal ref_time used {:.1} % on average, {:.1} % at most",
		run.first_block,
		run.last_block,
		mean_fill * 100.0,
		max_fill * 100.0
	);
	println!("{} failed", failed.len());
	for reason in failed.iter().take(5) {
		println!("  {reason}");
	}
	let mut figures = serde_json::json!({
		"network": described, "accounts": accounts_n, "window": window, "seconds": seconds,
		"operations": done.len(), "failed": failed.len(), "first_failure": failed.first(),
		"elapsed_s": elapsed, "ops_per_s": ops / elapsed, "ceiling_ops_per_s": ceiling,
		"bound": if by_time <= by_proof { "ref_time" } else { "proof_size" },
		"mean_ref_time_ps": mean_ref, "base_extrinsic_ps": limits.base, "block_s": limits.block_s,
		"p50_s": p50.as_secs_f64(), "p99_s": p99.as_secs_f64(),
		"mean_fill": mean_fill, "max_fill": max_fill, "blocks": fills.len(),
	});

	// The saturation burst.
	if burst_per_account > 0 {
		let burst = saturate(&chains, &accounts, &sellers, burst_per_account).await;
		let blocks = &burst.blocks;
		assert!(!blocks.is_empty(), "no block took a burst transaction: {:?}", burst.first_refusal);
		let included: usize = blocks.iter().map(|b| b.transactions).sum();
		// The last block took what was left in the pool, so the rate counts the blocks before
		// it, from the timestamp of the block before the first (a lone block counts alone).
		let full = if blocks.len() > 1 { &blocks[..blocks.len() - 1] } else { &blocks[..] };
		let span_s =
			(full[full.len() - 1].timestamp_ms.saturating_sub(burst.start_ms)) as f64 / 1000.0;
		let rate = |f: fn(&BlockUse) -> u128| full.iter().map(f).sum::<u128>() as f64 / span_s;
		let ref_fraction = rate(|b| b.ref_time) / (limits.ref_time as f64 / limits.block_s);
		let proof_fraction = rate(|b| b.proof_size) / (limits.proof_size as f64 / limits.block_s);
		let ops_per_s = rate(|b| b.transactions as u128);
		let per_op = full.iter().map(|b| b.ref_time).sum::<u128>() as f64
			/ full.iter().map(|b| b.transactions).sum::<usize>().max(1) as f64;
		let fullest = blocks.iter().map(|b| b.ref_time).max().unwrap_or_default() as f64
			/ limits.ref_time as f64;
		println!(
			"saturation: {} sent in {:.1} s ({} refused), {included} included in blocks {}..={}",
			burst.submitted,
			burst.submit_s,
			burst.refused,
			blocks[0].number,
			blocks[blocks.len() - 1].number
		);
		println!(
			"  {ops_per_s:.1} ops/s over {} blocks in {span_s:.1} s: {:.3} of the ref_time ceiling, {:.3} of the proof-size one; fullest block {:.1} %; {:.1} µs per operation",
			full.len(),
			ref_fraction,
			proof_fraction,
			fullest * 100.0,
			per_op / 1e6
		);
		if let Some(refusal) = &burst.first_refusal {
			println!("  first refusal: {refusal}");
		}
		figures["burst"] = serde_json::json!({
			"per_account": burst_per_account, "submitted": burst.submitted,
			"refused": burst.refused, "first_refusal": burst.first_refusal,
			"submit_s": burst.submit_s, "included": included,
			"blocks": blocks.len(), "full_blocks": full.len(), "span_s": span_s,
			"ops_per_s": ops_per_s, "ref_fraction": ref_fraction,
			"proof_fraction": proof_fraction, "fullest": fullest, "per_op_ps": per_op,
			"fills": blocks.iter().map(|b| b.ref_time as f64 / limits.ref_time as f64).collect::<Vec<_>>(),
		});
	}
	if let Ok(path) = std::env::var("YINJI_BENCH_OUT") {
		std::fs::write(&path, figures.to_string()).unwrap();
	}
}
