//! The shop's pages under load: `wrk` against a real gateway (with the indexer following a real
//! dev node) holding the demo shop plus 2 000 more products: the catalog page with a search
//! (`GET /shop/search?q=…`, full text over every product) and an item page (`GET /shop/p/…`,
//! which also reads the chain and the index), each against the bare `GET /health` of the same
//! server in the same run. Prints requests/s and p99 latency of each and their ratios, and writes
//! them to `$YINJI_BENCH_OUT` if set.
//!
//! `cargo bench -p yinji-gateway --bench page_load` (the node binary must be built:
//! `cargo build -p yinji-node`; `wrk` from Debian, which `scripts/setup` installs).
//! `YINJI_BENCH_SECONDS` (default 15) sets each wrk run's length.

// A benchmark program: a failed step ends it with its message.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, missing_docs)]

#[path = "../tests/common/mod.rs"]
mod common;
mod wrk;

use wrk::{report, wrk};
use yinji_gateway::app;

const EXTRA_PRODUCTS: u32 = 2_000;

#[tokio::main]
async fn main() {
	let seconds: u64 =
		std::env::var("YINJI_BENCH_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(15);
	let dir = tempfile::tempdir().unwrap();
	let (_node, _chain, state, _) = common::gateway_with_index(dir.path()).await;
	yinji_gateway::seed::seed(state.clone()).await.unwrap();
	// A catalog of a realistic size: copies of the demo's products under other titles.
	let words = ["茶盏", "香炉", "折扇", "书签", "挂画", "团扇", "花瓶", "笔筒"];
	let seller: String = sqlx::query_scalar("SELECT seller_id FROM products LIMIT 1")
		.fetch_one(&state.db)
		.await
		.unwrap();
	for i in 0..EXTRA_PRODUCTS {
		let product = yinji_gateway::shop::catalog::NewProduct {
			seller_id: seller.clone(),
			collection: 0,
			kind: "physical",
			title: format!("{} No.{i} Studio piece", words[i as usize % words.len()]),
			creator_name: "Bench Studio".into(),
			story: "A piece for the benchmark.".into(),
			tags: "bench".into(),
			price: i64::from(i + 1) * 1_000_000_000_000,
			stock: 1,
			royalty_bp: 500,
			edition_of: 100,
			image_cid: None,
			featured: false,
			items: vec![1],
		};
		yinji_gateway::shop::catalog::insert_product(&state, &product).await.unwrap();
	}
	let teapot: String = sqlx::query_scalar("SELECT id FROM products WHERE title LIKE '%teapot%'")
		.fetch_one(&state.db)
		.await
		.unwrap();

	let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
	let base = format!("http://{}", listener.local_addr().unwrap());
	tokio::spawn(async move { axum::serve(listener, app(state)).await });

	let health = wrk(&format!("{base}/health"), None, seconds);
	// 茶盏 (tea bowl), percent-encoded: a quarter of the extra products match.
	let catalog =
		wrk(&format!("{base}/shop/search?q=%E8%8C%B6%E7%9B%8F&sort=price_asc"), None, seconds);
	let item = wrk(&format!("{base}/shop/p/{teapot}"), None, seconds);
	let health_after = wrk(&format!("{base}/health"), None, seconds);
	let bare = (health.0.max(health_after.0), health.1.min(health_after.1));
	println!("products     : {}", EXTRA_PRODUCTS + 4);
	report(
		seconds,
		bare,
		&[("GET /shop/search?q=茶盏… (catalog)", catalog), ("GET /shop/p/{id} (item)", item)],
		serde_json::json!({ "products": EXTRA_PRODUCTS + 4 }),
	);
}
