//! Chain load: many accounts keep a yinji chain busy with `register_work`, `mint` and `buy`,
//! each with several transactions in flight, and the finalized operations per second are
//! reported as a fraction of the ceiling the runtime itself sets: the normal class's share of
//! `System.BlockWeights` divided by the weight the operations were charged (their
//! `ExtrinsicSuccess` weight plus the base extrinsic weight), per block time. Also reports
//! submit → finalized latency (p50, p99) and how full the blocks of the run were.
//!
//! `cargo bench -p yinji-client --features testing --bench chain_load`. By default it starts a
//! `yinji-node --dev` built in this workspace; `YINJI_LOAD_NODE=ws://…` points it at a running
//! development network instead (`//Alice` must be funded and an institution, as on `--dev`).
//! `YINJI_LOAD_ACCOUNTS` (default 24), `YINJI_LOAD_WINDOW` (transactions in flight per account,
//! default 4) and `YINJI_LOAD_SECONDS` (default 60) shape the load; `YINJI_BENCH_OUT` names a
//! JSON file for the figures (`scripts/bench` renders it into `docs/benchmarks.md`).

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
	subxt::dynamic,
	subxt_signer::{sr25519::dev, SecretUri},
	testing::{wait_finalized, DevNode},
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
/// lists `POOL` items.
async fn set_up(chain: &Chain, accounts: &[Keypair]) -> Vec<Seller> {
	let alice = dev::alice();
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

/// The normal class's limits and base extrinsic weight, and the block time in seconds.
async fn limits(chain: &Chain) -> (u128, u128, u128, f64) {
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
	(max.u128("ref_time").unwrap(), max.u128("proof_size").unwrap(), base, block_ms as f64 / 1000.0)
}

/// The normal class's ref_time used by each block in `from..=to`, as a fraction of `limit`.
async fn fills(chain: &Chain, from: u64, to: u64, limit: u128) -> Vec<f64> {
	let mut fills = Vec::new();
	for number in from..=to {
		let view = chain.at(number).await.unwrap();
		let used = view.storage("System", "BlockWeight", vec![]).await.unwrap().unwrap();
		let used =
			Fields::new(&used, "BlockWeight").nested("normal").unwrap().u128("ref_time").unwrap();
		fills.push(used as f64 / limit as f64);
	}
	fills
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
	let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
	sorted.get(index).copied().unwrap_or_default()
}

#[tokio::main]
async fn main() {
	let accounts_n = setting("YINJI_LOAD_ACCOUNTS", 24) as usize;
	let window = setting("YINJI_LOAD_WINDOW", 4);
	let seconds = setting("YINJI_LOAD_SECONDS", 60);
	let dir = tempfile::tempdir().unwrap();
	let (_node, url) = match std::env::var("YINJI_LOAD_NODE") {
		Ok(url) => (None, url),
		Err(_) => {
			let node = DevNode::start(dir.path());
			let url = node.url();
			(Some(node), url)
		}
	};
	let chain = Chain::connect_with_backoff(&url, Duration::from_secs(180)).await.unwrap();
	wait_finalized(&chain, 1, Duration::from_secs(180)).await;
	let accounts: Vec<Keypair> = (0..accounts_n)
		.map(|n| Keypair::from_uri(&SecretUri::from_str(&format!("//load//{n}")).unwrap()).unwrap())
		.collect();
	let setup = Instant::now();
	let sellers = Arc::new(set_up(&chain, &accounts).await);
	println!("set up {accounts_n} accounts in {:.0} s", setup.elapsed().as_secs_f64());

	let first_block = chain.finalized_number().await.unwrap() + 1;
	let started = Instant::now();
	let deadline = started + Duration::from_secs(seconds);
	let mut tasks = Vec::new();
	for (n, who) in accounts.iter().enumerate() {
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
					// block the node pruned) would leave a gap in the account's nonces that
					// stalls every later one: try the same nonce again. A retry of one that did
					// land is refused as stale and counted as the failure it was.
					let (mut attempts, mut first_error) = (0, None);
					let outcome = loop {
						let outcome = tokio::time::timeout(
							Duration::from_secs(120),
							chain.submit_with_nonce(pallet, call, args.clone(), &who, k),
						)
						.await;
						attempts += 1;
						match outcome {
							Ok(Err(error)) if attempts < 3 => {
								first_error.get_or_insert(error);
							}
							Ok(Err(error)) => break Ok(Err(first_error.unwrap_or(error))),
							outcome => break outcome,
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
	assert!(!done.is_empty(), "no operation was finalized: {failed:?}");
	let last_block = chain.finalized_number().await.unwrap();
	let finished = done.iter().map(|d| d.finalized_at).max().unwrap();
	let elapsed = (finished - started).as_secs_f64();
	let ops = done.len() as f64;

	let (max_ref, max_proof, base, block_s) = limits(&chain).await;
	let mean_ref = done.iter().map(|d| d.ref_time).sum::<u128>() as f64 / ops;
	let mean_proof = done.iter().map(|d| d.proof_size).sum::<u128>() as f64 / ops;
	let by_time = max_ref as f64 / (mean_ref + base as f64) / block_s;
	let by_proof = max_proof as f64 / mean_proof.max(1.0) / block_s;
	let ceiling = by_time.min(by_proof);
	let mut latencies: Vec<Duration> = done.iter().map(|d| d.latency).collect();
	latencies.sort();
	let fills = fills(&chain, first_block, last_block, max_ref).await;
	let mean_fill = fills.iter().sum::<f64>() / fills.len().max(1) as f64;
	let max_fill = fills.iter().copied().fold(0.0, f64::max);

	println!("{} operations finalized in {elapsed:.1} s: {:.2} ops/s", done.len(), ops / elapsed);
	println!(
		"ceiling {ceiling:.1} ops/s ({}): mean charge {:.1} µs + base {:.1} µs, {:.0} proof bytes; blocks of {block_s} s",
		if by_time <= by_proof { "ref_time" } else { "proof size" },
		mean_ref / 1e6,
		base as f64 / 1e6,
		mean_proof
	);
	println!("fraction of the ceiling: {:.3}", ops / elapsed / ceiling);
	println!(
		"latency submit → finalized: p50 {:.1} s, p99 {:.1} s",
		percentile(&latencies, 0.5).as_secs_f64(),
		percentile(&latencies, 0.99).as_secs_f64()
	);
	println!(
		"blocks {first_block}..={last_block}: normal ref_time used {:.1} % on average, {:.1} % at most",
		mean_fill * 100.0,
		max_fill * 100.0
	);
	println!("{} failed", failed.len());
	for reason in failed.iter().take(5) {
		println!("  {reason}");
	}
	if let Ok(path) = std::env::var("YINJI_BENCH_OUT") {
		let figures = serde_json::json!({
			"accounts": accounts_n, "window": window, "seconds": seconds,
			"operations": done.len(), "failed": failed.len(), "elapsed_s": elapsed,
			"ops_per_s": ops / elapsed, "ceiling_ops_per_s": ceiling,
			"bound": if by_time <= by_proof { "ref_time" } else { "proof_size" },
			"mean_ref_time_ps": mean_ref, "base_extrinsic_ps": base, "block_s": block_s,
			"p50_s": percentile(&latencies, 0.5).as_secs_f64(),
			"p99_s": percentile(&latencies, 0.99).as_secs_f64(),
			"mean_fill": mean_fill, "max_fill": max_fill,
			"blocks": fills.len(),
		});
		std::fs::write(&path, figures.to_string()).unwrap();
	}
}
