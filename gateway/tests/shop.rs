//! The shop end to end on a real `yinji-node --dev`: a creator publishes a tea pot (a physical
//! twin with an NFC tag) and a print (a collectible), each listed on chain in the settlement
//! asset; an item already on sale cannot go into a second product; a buyer finds them by
//! full-text search (Chinese and English) and filters, puts both in the cart and checks out;
//! the order is paid on chain in one batch of settlement yuan (the tea pot's price into an
//! order's escrow); the seller ships the tea pot; the buyer taps its tag and claims it, which
//! settles the escrow. Two buyers checking out the last unit at the same moment: exactly one
//! gets it. Bad requests are refused with a reason and change nothing.

// Test code: a failed expectation is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use axum::{
	body::Body,
	http::{header, Request, StatusCode},
	Router,
};
use common::*;
use serde_json::json;
use yinji_client::testing::{eventually, ok};
use yinji_tags::tap;

/// `GET path` as `login`, as JSON.
async fn get_json(router: &Router, login: &Login, path: &str) -> serde_json::Value {
	let (status, _, body) = send(router, get(path, login)).await;
	assert_eq!(status, StatusCode::OK, "{path}: {}", String::from_utf8_lossy(&body));
	json(&body)
}

/// A public search of the catalog: the titles found, in order.
async fn titles(router: &Router, query: &str) -> Vec<String> {
	let request = Request::get(format!("/api/shop/products?{query}")).body(Body::empty()).unwrap();
	let (status, _, body) = send(router, request).await;
	assert_eq!(status, StatusCode::OK, "{query}: {}", String::from_utf8_lossy(&body));
	json(&body)["products"]
		.as_array()
		.unwrap()
		.iter()
		.map(|p| p["title"].as_str().unwrap().to_string())
		.collect()
}

/// The status of `order`'s line for `item`, once it is no longer `from`.
async fn line_status(router: &Router, buyer: &Login, order: &str, item: u64, from: &str) -> String {
	eventually(&format!("order {order} item {item} leaves {from}"), 2 * MINUTE, || async {
		let answer = get_json(router, buyer, &format!("/api/shop/orders/{order}")).await;
		let line =
			answer["lines"].as_array().unwrap().iter().find(|l| l["item"] == item).cloned()?;
		(line["status"] != from).then(|| line["status"].as_str().unwrap().to_string())
	})
	.await
}

async fn checkout(
	router: &Router,
	buyer: &Login,
	body: serde_json::Value,
) -> (StatusCode, serde_json::Value) {
	let (status, _, answer) = send(router, post_as(buyer, "/api/shop/checkout", body)).await;
	(status, json(&answer))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_buyer_finds_orders_pays_and_claims_and_the_last_unit_is_sold_once() {
	let dir = tempfile::tempdir().unwrap();
	let (_node, chain, state, router) = gateway_on_dev_node(dir.path()).await;
	let keys = state.tags.root.epoch(1);
	let maker = sign_up(&router, "kiln@example.com", "a kiln passphrase", "creator").await;
	let buyer = sign_up(&router, "tea@example.com", "a tea passphrase", "buyer").await;
	let rival = sign_up(&router, "rival@example.com", "a rival passphrase", "buyer").await;
	let late = sign_up(&router, "late@example.com", "a late passphrase", "buyer").await;
	let everyone = [address(&maker), address(&buyer), address(&rival), address(&late)];
	fund(&chain, &everyone).await;
	issue_yuan(&chain, &everyone[1..]).await;
	attest(&chain, &address(&maker), 2).await;

	// The maker's tea pots (three, one tagged) and a print.
	let work = register_png(&router, &maker, "bafkreiteapots", "Craft").await;
	let twin = json!({ "work": work, "max_supply": 10, "metadata_cid": "bafkreiteapots", "kind": "PhysicalTwin" });
	let events = run_flow(&router, &maker, "create_collection", twin).await;
	let pots = field(&events, "Collectibles.CollectionCreated", "collection");
	run_flow(&router, &maker, "mint", json!({ "collection": pots, "count": 3 })).await;
	let digital =
		json!({ "work": work, "max_supply": 5, "metadata_cid": "bafkreiprint", "royalty_bp": 800 });
	let events = run_flow(&router, &maker, "create_collection", digital).await;
	let prints = field(&events, "Collectibles.CollectionCreated", "collection");
	run_flow(&router, &maker, "mint", json!({ "collection": prints })).await;
	let uid = [0x04, 0x70, 0x6F, 0x74, 0x00, 0x00, 0x01];
	let issue = json!({ "collection": pots, "item": 1, "uid": hex::encode(uid) });
	let (status, _, body) = send(&router, post_as(&maker, "/api/tags/nfc", issue)).await;
	assert_eq!(status, StatusCode::CREATED);
	let tag = json(&body)["tag_hash"].as_str().unwrap().to_string();
	let bind =
		json!({ "collection": pots, "item": 1, "tag": tag, "tag_kind": "Ntag424", "key_epoch": 1 });
	run_flow(&router, &maker, "bind_tag", bind).await;

	// Publishing: only the owner's items, each on sale once its listing is final.
	let publish = |items: Vec<u64>, collection: u64, title: &str, price: u128| {
		json!({
			"collection": collection, "items": items, "title": title, "creator_name": "景德镇 Kiln Li",
			"story": "手工拉坯，柴窑烧制。 Thrown by hand, fired in a wood kiln.",
			"tags": ["茶具", "teaware"], "price": price, "featured": true,
		})
	};
	let (status, _, body) =
		send(&router, post_as(&buyer, "/api/shop/products", publish(vec![1], pots, "x", YUAN)))
			.await;
	assert_eq!((status, json(&body)["code"].as_str()), (StatusCode::FORBIDDEN, Some("forbidden")));
	let (status, _, body) = send(
		&router,
		post_as(&maker, "/api/shop/products", publish(vec![1, 1], pots, "dup", YUAN)),
	)
	.await;
	assert_eq!(status, StatusCode::BAD_REQUEST, "{}", String::from_utf8_lossy(&body));
	let pot_price = 20 * YUAN;
	let (status, _, body) = send(
		&router,
		post_as(
			&maker,
			"/api/shop/products",
			publish(vec![1, 2, 3], pots, "紫砂茶壶 Clay teapot", pot_price),
		),
	)
	.await;
	assert_eq!(status, StatusCode::CREATED, "{}", String::from_utf8_lossy(&body));
	let pot = json(&body)["product"].as_str().unwrap().to_string();
	finalized(&router, &maker, "publish", &body).await;
	// One product per chain item: the tea pot #2 is on sale already.
	let (status, _, body) = send(
		&router,
		post_as(&maker, "/api/shop/products", publish(vec![2], pots, "Teapot again", YUAN)),
	)
	.await;
	assert_eq!(
		(status, json(&body)["code"].as_str()),
		(StatusCode::CONFLICT, Some("already_on_sale")),
		"{}",
		String::from_utf8_lossy(&body)
	);
	let print_price = 5 * YUAN;
	let (status, _, body) = send(
		&router,
		post_as(
			&maker,
			"/api/shop/products",
			publish(vec![1], prints, "Kiln print 窑变版画", print_price),
		),
	)
	.await;
	assert_eq!(status, StatusCode::CREATED, "{}", String::from_utf8_lossy(&body));
	let print = json(&body)["product"].as_str().unwrap().to_string();
	finalized(&router, &maker, "publish", &body).await;
	eventually("the print on sale", MINUTE, || async {
		let answer = get_json(&router, &buyer, &format!("/api/shop/products/{print}")).await;
		(answer["stock"] == 1).then_some(())
	})
	.await;

	// A collectible whose listing the chain refuses (the item is under auction) never goes on
	// sale: the product is removed.
	run_flow(&router, &maker, "mint", json!({ "collection": prints })).await;
	let auction = json!({ "collection": prints, "item": 2, "amount": UNIT, "expires_in": 1_000 });
	run_flow(&router, &maker, "create_auction", auction).await;
	let (status, _, body) = send(
		&router,
		post_as(&maker, "/api/shop/products", publish(vec![2], prints, "Auctioned print", YUAN)),
	)
	.await;
	assert_eq!(status, StatusCode::CREATED, "{}", String::from_utf8_lossy(&body));
	let refused = json(&body)["product"].as_str().unwrap().to_string();
	eventually("the refused product removed", MINUTE, || async {
		let request =
			Request::get(format!("/api/shop/products/{refused}")).body(Body::empty()).unwrap();
		(send(&router, request).await.0 == StatusCode::NOT_FOUND).then_some(())
	})
	.await;

	// Search: words inside Chinese text, English words, filters, sort.
	assert_eq!(titles(&router, "q=%E8%8C%B6%E5%A3%B6").await, ["紫砂茶壶 Clay teapot"], "茶壶");
	assert_eq!(titles(&router, "q=teapot").await, ["紫砂茶壶 Clay teapot"]);
	assert_eq!(titles(&router, "q=Kiln+Li&sort=price_asc").await.len(), 2, "by creator");
	assert_eq!(titles(&router, "kind=collectible").await, ["Kiln print 窑变版画"]);
	assert_eq!(
		titles(&router, &format!("min={}&sort=price_desc", 10 * YUAN)).await,
		["紫砂茶壶 Clay teapot"]
	);
	assert_eq!(
		titles(&router, "sort=price_asc").await,
		["Kiln print 窑变版画", "紫砂茶壶 Clay teapot"]
	);
	assert!(titles(&router, "q=porcelain+vase").await.is_empty());
	let request = Request::get("/api/shop/products?sort=cheapest").body(Body::empty()).unwrap();
	assert_eq!(send(&router, request).await.0, StatusCode::BAD_REQUEST);
	// The pages render the same catalog.
	let (status, headers, page) =
		send(&router, Request::get("/shop/search?q=teapot").body(Body::empty()).unwrap()).await;
	assert_eq!(status, StatusCode::OK);
	assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));
	assert!(String::from_utf8(page).unwrap().contains("紫砂茶壶 Clay teapot"));

	// Cart and checkout: bad requests change nothing.
	let add = |product: &str, quantity: i64| json!({ "product": product, "quantity": quantity });
	let (status, _, _) = send(&router, post_as(&buyer, "/api/shop/cart", add(&pot, 0))).await;
	assert_eq!(status, StatusCode::BAD_REQUEST);
	let (status, _, _) = send(&router, post_as(&maker, "/api/shop/cart", add(&pot, 1))).await;
	assert_eq!(status, StatusCode::BAD_REQUEST, "no buying one's own product");
	let (status, answer) = checkout(&router, &buyer, json!({})).await;
	assert_eq!((status, answer["code"].as_str()), (StatusCode::BAD_REQUEST, Some("empty_cart")));
	for (product, quantity) in [(&pot, 1), (&print, 1)] {
		let (status, _, body) =
			send(&router, post_as(&buyer, "/api/shop/cart", add(product, quantity))).await;
		assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
	}
	let cart = get_json(&router, &buyer, "/api/shop/cart").await;
	assert_eq!(cart["total"], json!(u64::try_from(pot_price + print_price).unwrap()));
	let (status, answer) = checkout(&router, &buyer, json!({})).await;
	assert_eq!(
		(status, answer["code"].as_str()),
		(StatusCode::BAD_REQUEST, Some("shipping_address"))
	);
	let address_body = json!({ "ship_name": "王小明", "ship_address": "上海市徐汇区 1 号" });
	let (status, answer) = checkout(&router, &buyer, address_body.clone()).await;
	assert_eq!(status, StatusCode::CREATED, "{answer}");
	let order = answer["order"].as_str().unwrap().to_string();
	assert_eq!(get_json(&router, &buyer, "/api/shop/cart").await["lines"], json!([]));

	// Paid on chain in settlement yuan: the print is the buyer's, the tea pot's price is in
	// the order's escrow.
	assert_eq!(line_status(&router, &buyer, &order, 1, "pending").await, "paid");
	let answer = get_json(&router, &buyer, &format!("/api/shop/orders/{order}")).await;
	assert_eq!(answer["status"], "paid", "{answer}");
	let print_line = answer["lines"]
		.as_array()
		.unwrap()
		.iter()
		.find(|l| l["kind"] == "collectible")
		.unwrap()
		.clone();
	assert_eq!(print_line["status"], "delivered");
	let ledger = yinji_gateway::tags::ledger::Ledger::at_head(&state).await.unwrap();
	assert_eq!(ledger.item(prints as u32, 1).await.unwrap().unwrap().owner, address(&buyer));
	let pot_line = answer["lines"]
		.as_array()
		.unwrap()
		.iter()
		.find(|l| l["kind"] == "physical")
		.unwrap()
		.clone();
	let pot_item = pot_line["item"].as_u64().unwrap();
	assert_eq!(pot_item, 1, "units are taken in order");
	let escrowed = pot_line["chain_order"].as_u64().unwrap();
	let escrow = ledger.order(escrowed).await.unwrap().expect("the order's escrow is open");
	assert_eq!((escrow.state, escrow.price), ("paid", pot_price));
	assert_eq!(escrow.buyer, address(&buyer));

	// The seller sees the address and ships; the buyer sees it shipped.
	let sales = get_json(&router, &maker, "/api/shop/sales").await;
	let sale = sales["sales"]
		.as_array()
		.unwrap()
		.iter()
		.find(|s| s["kind"] == "physical")
		.unwrap()
		.clone();
	assert_eq!(
		(sale["ship_name"].as_str(), sale["status"].as_str()),
		(Some("王小明"), Some("paid"))
	);
	let (status, _, _) = send(
		&router,
		post_as(&buyer, &format!("/api/shop/orders/{order}/ship"), json!({ "tracking": "SF1" })),
	)
	.await;
	assert_eq!(status, StatusCode::NOT_FOUND, "only the seller ships");
	let (status, _, body) = send(
		&router,
		post_as(
			&maker,
			&format!("/api/shop/orders/{order}/ship"),
			json!({ "tracking": "SF123456789CN" }),
		),
	)
	.await;
	assert_eq!(status, StatusCode::ACCEPTED, "{}", String::from_utf8_lossy(&body));
	assert_eq!(line_status(&router, &buyer, &order, 1, "shipping").await, "shipped");

	// Delivered: the buyer taps the tag, the page offers the claim, the claim settles.
	let tapped = format!("/t/1?{}", tap::simulate(&keys, uid, 3, Some(b"CC")));
	let (status, _, page) = send(&router, get(&tapped, &buyer)).await;
	assert_eq!(status, StatusCode::OK);
	let page = String::from_utf8(page).unwrap();
	assert!(page.contains("/shop/claim?tap="), "{page}");
	let (status, _, body) =
		send(&router, post_as(&buyer, "/api/tags/claim", json!({ "tap": tapped }))).await;
	assert_eq!(status, StatusCode::ACCEPTED, "{}", String::from_utf8_lossy(&body));
	assert_eq!(line_status(&router, &buyer, &order, 1, "shipped").await, "claimed");
	let ledger = yinji_gateway::tags::ledger::Ledger::at_head(&state).await.unwrap();
	assert_eq!(ledger.item(pots as u32, 1).await.unwrap().unwrap().owner, address(&buyer));

	// The last tea pot: two more buyers try for two units, so one is left over after the first
	// takes one; then both want the last one at the same moment.
	let (status, _, _) = send(&router, post_as(&late, "/api/shop/cart", add(&pot, 1))).await;
	assert_eq!(status, StatusCode::OK);
	let (status, answer) = checkout(&router, &late, address_body.clone()).await;
	assert_eq!(status, StatusCode::CREATED, "{answer}");
	for who in [&buyer, &rival] {
		let (status, _, _) = send(&router, post_as(who, "/api/shop/cart", add(&pot, 1))).await;
		assert_eq!(status, StatusCode::OK);
	}
	let (a, b) = tokio::join!(
		checkout(&router, &buyer, address_body.clone()),
		checkout(&router, &rival, address_body.clone())
	);
	let mut statuses = [a.0, b.0];
	statuses.sort();
	assert_eq!(statuses, [StatusCode::CREATED, StatusCode::CONFLICT], "{a:?} {b:?}");
	let refused = if a.0 == StatusCode::CONFLICT { &a.1 } else { &b.1 };
	assert_eq!(refused["code"], "out_of_stock");
	let answer = get_json(&router, &buyer, &format!("/api/shop/products/{pot}")).await;
	assert_eq!(answer["stock"], 0);
	let sold_out = titles(&router, "available=true").await;
	assert!(!sold_out.contains(&"紫砂茶壶 Clay teapot".to_string()), "{sold_out:?}");
	let _ = ok(chain.finalized_number().await, "the node is still up");
}
