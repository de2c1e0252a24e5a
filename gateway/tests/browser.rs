//! The shop in a real browser: Debian's chromium, driven by npm's playwright-core
//! (`tests/browser/shop.mjs`), against a real dev node, the indexer and the gateway serving on
//! a TCP port; buyers at a phone's viewport, the seller and the museum at a desktop's. A
//! creator asks to be verified and a museum approves in its console; the creator registers a
//! work from a file, creates a collection, mints and puts the prints in the shop, all in the
//! studio. Two buyers each log in, search, put a tea pot and a print in the cart and pay in
//! settlement yuan; the seller marks each tea pot shipped. The first buyer opens the tea pot's
//! tag URL, sees it genuine and claims it, which settles the order's escrow, finds the points
//! on the member page and exports the print to an EVM wallet there. The second asks for a
//! return; the seller confirms the parcel came back; the buyer sees the refund, and has every
//! yuan of the tea pot back. Each page is screenshotted (into `docs/screenshots/` when
//! `YINJI_SCREENSHOTS=1`) and checked by axe-core against WCAG 2 A and AA.
//!
//! `scripts/setup` installs chromium and the script's npm packages.

// Test code: a failed expectation is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use axum::http::StatusCode;
use common::*;
use serde_json::json;
use std::{
	future::IntoFuture,
	path::{Path, PathBuf},
};
use yinji_client::{
	calls::{consortium, loyalty, settlement, PointsRate},
	subxt_signer::sr25519::dev,
	testing::{eventually, ok},
	Call,
};
use yinji_gateway::accounts::Role;
use yinji_tags::tap;

fn script_dir() -> PathBuf {
	Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser")
}

/// Runs one step of the journey in the browser; fails the test with the script's reason.
async fn browse(
	step: &str,
	base: &str,
	viewport: &str,
	shots: &Path,
	who: (&str, &str),
	extra: &str,
) {
	let mut command = tokio::process::Command::new("node");
	command.current_dir(script_dir()).arg("shop.mjs").args([
		step,
		base,
		viewport,
		&shots.display().to_string(),
		who.0,
		who.1,
		extra,
	]);
	let output = command.output().await.expect("node runs (scripts/setup installs it)");
	assert!(
		output.status.success(),
		"{step} at {viewport}: {}{}",
		String::from_utf8_lossy(&output.stdout),
		String::from_utf8_lossy(&output.stderr)
	);
}

/// Waits until the buyer's only order has a line of `kind` in `status`.
async fn order_line(router: &axum::Router, buyer: &Login, kind: &str, status: &str) {
	eventually(&format!("a {kind} line {status}"), 2 * MINUTE, || async {
		let (_, _, body) = send(router, get("/api/shop/orders", buyer)).await;
		let orders = json(&body)["orders"].clone();
		let lines = orders[0]["lines"].as_array()?.clone();
		lines.iter().any(|l| l["kind"] == kind && l["status"] == status).then_some(())
	})
	.await;
}

#[tokio::test(flavor = "multi_thread")]
async fn buyers_pay_in_chromium_and_one_claims_by_tap_while_one_returns_for_a_refund() {
	assert!(
		script_dir().join("node_modules/playwright-core").is_dir()
			&& Path::new("/usr/bin/chromium").exists(),
		"run scripts/setup: it installs chromium and playwright-core"
	);
	let dir = tempfile::tempdir().unwrap();
	let shots = if std::env::var_os("YINJI_SCREENSHOTS").is_some() {
		Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/screenshots")
	} else {
		dir.path().join("screenshots")
	};
	std::fs::create_dir_all(&shots).unwrap();
	let (_node, chain, state, router) = gateway_with_index(dir.path()).await;
	let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
	let base = format!("http://{}", listener.local_addr().unwrap());
	tokio::spawn(axum::serve(listener, router.clone()).into_future());
	let keys = state.tags.root.epoch(1);

	// The consortium: Alice and a museum, whose operator works in the console. Purchases earn a
	// point per unit spent; 10 lifetime points make a silver member.
	let password = "a long enough passphrase";
	let maker = sign_up(&router, "kiln@example.com", password, "creator").await;
	let museum = sign_up(&router, "ops@museum.example", password, "buyer").await;
	let buyers = [
		sign_up(&router, "phone@example.com", password, "buyer").await,
		sign_up(&router, "desk@example.com", password, "buyer").await,
	];
	yinji_gateway::accounts::grant(&state, "ops@museum.example", Role::Institution).await.unwrap();
	let sudo = |call: Call, what: &'static str| {
		let chain = chain.clone();
		async move { ok(chain.sudo_call(call, &dev::alice()).await, what) }
	};
	sudo(consortium::add_institution(account_id(&address(&museum))), "add_member").await;
	let rate = PointsRate { price_per_point: YUAN, point_value: YUAN / 100 };
	sudo(loyalty::set_rate(settlement(), Some(rate)), "set_rate").await;
	sudo(loyalty::set_tier_thresholds(vec![10, 1_000]), "set_tier_thresholds").await;
	fund(&chain, &[address(&maker), address(&museum), address(&buyers[0]), address(&buyers[1])])
		.await;
	issue_yuan(&chain, &[address(&buyers[0]), address(&buyers[1])]).await;

	// In the browser: the maker asks to be verified, the museum approves in its console, and the
	// maker registers a work from a file, creates a collection of prints, mints two and puts them
	// in the shop.
	let index = state.index.clone().unwrap();
	let maker_login = ("kiln@example.com", password);
	browse("verify", &base, "phone", &shots, maker_login, "").await;
	browse("approve", &base, "desktop", &shots, ("ops@museum.example", password), "").await;
	eventually("the maker attested", 2 * MINUTE, || async {
		yinji_index_query::attestation(&index, &address(&maker)).await.unwrap().map(|_| ())
	})
	.await;
	let artwork = dir.path().join("kiln-print.png");
	std::fs::write(&artwork, yinji_gateway::seed::artwork(7, 256).unwrap()).unwrap();
	browse("studio", &base, "phone", &shots, maker_login, &artwork.display().to_string()).await;
	let print = eventually("the prints on sale", 2 * MINUTE, || async {
		let (_, _, body) = send(&router, get("/api/shop/products?q=print", &maker)).await;
		let product = json(&body)["products"][0].clone();
		(product["stock"] == 2).then(|| product["id"].as_str().unwrap().to_string())
	})
	.await;
	assert!(!print.is_empty());

	// Through the API: two tagged tea pots, published.
	let work = register_png(&router, &maker, "bafkreiteapots", "Craft").await;
	let twin = json!({ "work": work, "max_supply": 10, "metadata_cid": "bafkreiteapots", "kind": "PhysicalTwin" });
	let events = run_flow(&router, &maker, "create_collection", twin).await;
	let pots = field(&events, "Collectibles.CollectionCreated", "collection");
	run_flow(&router, &maker, "mint", json!({ "collection": pots, "count": 2 })).await;
	let uids = [[0x04, 0x70, 0x6F, 0x74, 0, 0, 1], [0x04, 0x70, 0x6F, 0x74, 0, 0, 2]];
	for (item, uid) in [(1u64, uids[0]), (2, uids[1])] {
		let issue = json!({ "collection": pots, "item": item, "uid": hex::encode(uid) });
		let (status, _, body) = send(&router, post_as(&maker, "/api/tags/nfc", issue)).await;
		assert_eq!(status, StatusCode::CREATED);
		let tag = json(&body)["tag_hash"].as_str().unwrap().to_string();
		let bind = json!({ "collection": pots, "item": item, "tag": tag, "tag_kind": "Ntag424", "key_epoch": 1 });
		run_flow(&router, &maker, "bind_tag", bind).await;
	}
	let product = |collection: u64, title: &str, price: u128| {
		json!({
			"collection": collection, "items": [1, 2], "title": title, "creator_name": "景德镇 Kiln Li",
			"story": "手工拉坯，柴窑烧制。 Thrown by hand, fired in a wood kiln.",
			"tags": ["茶具", "teaware"], "price": price, "featured": true,
		})
	};
	let (status, _, body) = send(
		&router,
		post_as(&maker, "/api/shop/products", product(pots, "紫砂茶壶 Clay teapot", 20 * YUAN)),
	)
	.await;
	assert_eq!(status, StatusCode::CREATED, "{}", String::from_utf8_lossy(&body));
	// The indexer has the work (the item page's badge and provenance come from it).
	eventually("the work indexed", MINUTE, || async {
		yinji_index_query::work(&index, work).await.unwrap().map(|_| ())
	})
	.await;

	// Both buyers pay for a tea pot and a print; the seller ships each tea pot.
	let seller = ("kiln@example.com", password);
	let emails: Vec<String> =
		buyers.iter().map(|buyer| buyer.user["email"].as_str().unwrap().to_string()).collect();
	for (buyer, email) in buyers.iter().zip(&emails) {
		browse("buy", &base, "phone", &shots, (email, password), "").await;
		order_line(&router, buyer, "physical", "paid").await;
		order_line(&router, buyer, "collectible", "delivered").await;
		browse("ship", &base, "desktop", &shots, seller, "").await;
		order_line(&router, buyer, "physical", "shipped").await;
	}

	// The first buyer's tea pot (units are taken in order: item 1) settles at the tap.
	let tapped = format!("/t/1?{}", tap::simulate(&keys, uids[0], 5, Some(b"CC")));
	browse("claim", &base, "phone", &shots, (&emails[0], password), &tapped).await;
	order_line(&router, &buyers[0], "physical", "claimed").await;
	// The print went to the EVM mirror from the member page: the buyer holds the tea pot only.
	let (_, _, body) = send(&router, get("/api/me/items", &buyers[0])).await;
	let held: Vec<u64> = json(&body)["items"]
		.as_array()
		.unwrap()
		.iter()
		.map(|item| item["collection"].as_u64().unwrap())
		.collect();
	assert_eq!(held, [pots], "{}", String::from_utf8_lossy(&body));

	// The second buyer sends the tea pot back; once the seller has it, the escrow refunds every
	// yuan of it and the tea pot stays the seller's.
	let paid_for_print = yuan_of(&chain, &address(&buyers[1])).await;
	browse("return", &base, "phone", &shots, (&emails[1], password), "").await;
	order_line(&router, &buyers[1], "physical", "returning").await;
	browse("receive", &base, "desktop", &shots, seller, "").await;
	order_line(&router, &buyers[1], "physical", "refunded").await;
	browse("refunded", &base, "phone", &shots, (&emails[1], password), "").await;
	assert_eq!(yuan_of(&chain, &address(&buyers[1])).await, paid_for_print + 20 * YUAN);
	let ledger = yinji_gateway::tags::ledger::Ledger::at_head(&state).await.unwrap();
	assert_eq!(ledger.item(pots as u32, 2).await.unwrap().unwrap().owner, address(&maker));
}
