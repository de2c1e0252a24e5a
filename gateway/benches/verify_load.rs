//! Tag verification under load: `wrk` against a real gateway on a real dev node, tap reads
//! (`GET /t/1?…`, every one a fresh, genuine read of one of 16 bound tags) and, in the same
//! run, the bare `GET /health` of the same server as the baseline. Prints requests/s and p99
//! latency of each and their ratios, and writes them to `$YINJI_BENCH_OUT` if set.
//!
//! `cargo bench -p yinji-gateway --bench verify_load` (the node binary must be built:
//! `cargo build -p yinji-node`; `wrk` from Debian, which `scripts/setup` installs).
//! `YINJI_BENCH_SECONDS` (default 15) sets each wrk run's length.

// A benchmark program: a failed step ends it with its message.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, missing_docs)]

#[path = "../tests/common/mod.rs"]
mod common;
mod wrk;

use std::{fmt::Write, time::Duration};
use wrk::{report, wrk};
use yinji_client::{
	calls::{
		batch_all,
		collectibles::{self, NewCollection},
		works::{self, Registration},
		CollectionKind, TagKind, TransferPolicy, WorkKind,
	},
	subxt_signer::sr25519::dev,
	testing::{ok, wait_finalized, DevNode},
	AccountId32, Call,
};
use yinji_gateway::{app, AppState};
use yinji_tags::{personalize::tag_hash, tap};

const TAGS: u32 = 16;

#[tokio::main]
async fn main() {
	let seconds: u64 =
		std::env::var("YINJI_BENCH_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(15);
	let dir = tempfile::tempdir().unwrap();
	let node = DevNode::start(&dir.path().join("chain"));
	let chain = node.connect().await;
	wait_finalized(&chain, 1, Duration::from_secs(180)).await;

	// Alice, a member institution on the dev chain, is the issuer: a work, a physical-twin
	// collection of 16 items, and an NFC tag bound to each.
	let alice = dev::alice();
	let me = AccountId32(alice.public_key().0);
	let submit = |call: Call, what: &'static str| {
		let chain = chain.clone();
		let alice = dev::alice();
		async move { ok(chain.submit_call(&call, &alice).await, what) }
	};
	submit(works::attest_creator(me, 2, 1_000_000), "attest_creator").await;
	let work = Registration::original([5u8; 32], b"bafkreibench".to_vec(), WorkKind::Craft, me);
	submit(works::register(work), "register_work").await;
	let collection = NewCollection {
		work: 0,
		kind: CollectionKind::PhysicalTwin,
		max_supply: TAGS,
		metadata: b"bafkreibench".to_vec(),
		royalty: 0,
		policy: TransferPolicy::SettlementOnly,
		min_holder_kyc: 0,
	};
	submit(collectibles::create_collection(collection), "create_collection").await;
	submit(collectibles::mint(0, me, TAGS), "mint").await;
	let uid = |i: u32| [0x04, 0xBE, 0x4C, 0, 0, 0, i as u8];
	let binds = (1..=TAGS)
		.map(|item| collectibles::bind_tag(0, item, tag_hash(&uid(item)), TagKind::Ntag424, 1))
		.collect();
	ok(chain.submit_call(&batch_all(binds), &alice).await, "bind the tags");

	// The gateway, served on a loopback port.
	let mut config = common::config(dir.path(), 1 << 20, 1 << 30);
	config.node = Some(node.url());
	let state = AppState::open(config).await.unwrap();
	let keys = state.tags.root.epoch(1);
	let db = state.db.clone();
	let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
	let address = listener.local_addr().unwrap();
	tokio::spawn(async move { axum::serve(listener, app(state)).await });

	// Fresh reads, round robin over the tags: read i is tag i mod 16 at counter i / 16 + 1, so
	// the reads of one tag are 16 requests apart and arrive in order.
	let reads = 50_000u32;
	let mut script = String::from("paths = {\n");
	for i in 0..reads {
		let query = tap::simulate(&keys, uid(i % TAGS + 1), i / TAGS + 1, Some(b"CC"));
		writeln!(script, "\"/t/1?{query}\",").unwrap();
	}
	script.push_str(
		"}\ni = 0\nrequest = function()\n  i = i + 1\n  if i > #paths then i = 1 end\n  \
		 return wrk.format(\"GET\", paths[i], {[\"Accept\"] = \"application/json\"})\nend\n",
	);
	let lua = dir.path().join("reads.lua");
	std::fs::write(&lua, script).unwrap();

	let base = format!("http://{address}");
	let health = wrk(&format!("{base}/health"), None, seconds);
	let verify = wrk(&format!("{base}/"), Some(lua.to_str().unwrap()), seconds);
	let health_after = wrk(&format!("{base}/health"), None, seconds);
	let bare = (health.0.max(health_after.0), health.1.min(health_after.1));
	// What the reads were judged: all should be genuine (fresh, in order).
	let verdicts: Vec<(String, i64)> =
		sqlx::query_as("SELECT verdict, COUNT(*) FROM tag_reads GROUP BY verdict ORDER BY verdict")
			.fetch_all(&db)
			.await
			.unwrap();
	println!("verdicts: {verdicts:?}");
	let verdicts: serde_json::Map<String, serde_json::Value> =
		verdicts.into_iter().map(|(verdict, n)| (verdict, n.into())).collect();
	report(
		seconds,
		bare,
		&[("GET /t/1?… (tap verified)", verify)],
		serde_json::json!({ "tags": TAGS, "verdicts": verdicts }),
	);
}
