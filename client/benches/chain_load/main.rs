//! Chain load: many accounts keep a yinji chain busy with `register_work`, `mint` and `buy`,
//! measured two ways against the ceiling the runtime itself sets, the normal class's share of
//! `System.BlockWeights` per block time:
//!
//! - **Closed loop** ([`closed_loop`]): each account keeps a few transactions in flight, each
//!   waited for until finalized, for a fixed time. Reports finalized operations per second as a
//!   fraction of that ceiling divided by the weight the operations were charged (their
//!   `ExtrinsicSuccess` weight plus the base extrinsic weight), submit → finalized latency (p50,
//!   p99) and block fill.
//! - **Saturation** ([`saturation`]): every account signs a burst of transactions in advance and
//!   sends them all at once without waiting, so the pool holds more than a block takes. Reports,
//!   over the blocks that took them, the weight finalized per second as a fraction of the weight
//!   the runtime allows per second, from the blocks' own `System.BlockWeight` and timestamps.
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
//!
//! The modules: [`network`] starts the network, [`setup`] funds the accounts and fills the
//! marketplace, [`measure`] reads what the runtime allows and what blocks and operations used,
//! [`closed_loop`] and [`saturation`] run the load, [`report`] prints and records the figures.

// A benchmark program: a failed step ends it with its message.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, missing_docs)]

mod closed_loop;
mod measure;
mod network;
mod report;
mod saturation;
mod setup;

use std::{str::FromStr, sync::Arc, time::Duration};
use yinji_client::{subxt_signer::SecretUri, testing::wait_finalized, Chain, Keypair};

fn setting(name: &str, default: u64) -> u64 {
	std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[tokio::main]
async fn main() {
	let accounts_n = setting("YINJI_LOAD_ACCOUNTS", 24) as usize;
	let window = setting("YINJI_LOAD_WINDOW", 4);
	let seconds = setting("YINJI_LOAD_SECONDS", 60);
	let burst_per_account = setting("YINJI_LOAD_BURST", 300);
	let dir = tempfile::tempdir().unwrap();
	let (_nodes, urls, described) = network::start(dir.path());
	let mut chains = Vec::new();
	for url in &urls {
		chains.push(Chain::connect_with_backoff(url, Duration::from_secs(180)).await.unwrap());
	}
	wait_finalized(&chains[0], 1, Duration::from_secs(180)).await;
	let accounts: Vec<Keypair> = (0..accounts_n)
		.map(|n| Keypair::from_uri(&SecretUri::from_str(&format!("//load//{n}")).unwrap()).unwrap())
		.collect();
	let setup = std::time::Instant::now();
	let sellers = Arc::new(setup::set_up(&chains, &accounts).await);
	println!("{described}: set up {accounts_n} accounts in {:.0} s", setup.elapsed().as_secs_f64());
	let limits = measure::limits(&chains[0]).await;

	let run =
		closed_loop::run(&chains, &accounts, &sellers, window, seconds, limits.ref_time).await;
	let shape = report::Shape { network: described, accounts: accounts_n, window, seconds };
	let mut figures = report::closed_loop(&run, &limits, &shape);

	if burst_per_account > 0 {
		let burst = saturation::run(&chains, &accounts, &sellers, burst_per_account).await;
		figures["burst"] = report::burst(&burst, &limits, burst_per_account);
	}
	if let Ok(path) = std::env::var("YINJI_BENCH_OUT") {
		std::fs::write(&path, figures.to_string()).unwrap();
	}
}
