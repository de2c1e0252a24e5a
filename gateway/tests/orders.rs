//! Physical orders through the gateway, on a real `yinji-node --dev` with the indexer: every
//! payment goes into an order's escrow on chain, in settlement yuan, and leaves it only by both
//! sides, a deadline or the arbiter's split. A product whose chain listing went away answers
//! 409 at checkout and moves no money. One order settles at the buyer's confirmation of
//! receipt; one is disputed and the arbiter the council named splits it from the console; a
//! buyer with their own key checks out, asks for a return and is refunded in full once the
//! seller has the parcel back.

// Test code: a failed expectation is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use axum::{
	body::Body,
	http::{Request, StatusCode},
	Router,
};
use common::*;
use serde_json::{json, Value};
use yinji_client::{
	calls::{consortium, marketplace},
	subxt_signer::sr25519::{dev, Keypair},
	testing::{eventually, ok},
};
use yinji_gateway::accounts::{self, Role};

/// `GET path` as `login`, as JSON.
async fn get_json(router: &Router, login: &Login, path: &str) -> Value {
	let (status, _, body) = send(router, get(path, login)).await;
	assert_eq!(status, StatusCode::OK, "{path}: {}", String::from_utf8_lossy(&body));
	json(&body)
}

/// The one line of shop order `order`, once its status is `status`.
async fn line_once(router: &Router, buyer: &Login, order: &str, status: &str) -> Value {
	eventually(&format!("order {order} {status}"), 2 * MINUTE, || async {
		let answer = get_json(router, buyer, &format!("/api/shop/orders/{order}")).await;
		let line = answer["lines"][0].clone();
		(line["status"] == status).then_some(line)
	})
	.await
}

/// Puts one unit of `product` in `buyer`'s cart and checks out; the answer.
async fn buy_one(router: &Router, buyer: &Login, product: &str) -> (StatusCode, Value) {
	let cart = json!({ "product": product, "quantity": 1 });
	let (status, _, body) = send(router, post_as(buyer, "/api/shop/cart", cart)).await;
	assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
	let shipping = json!({ "ship_name": "王小明", "ship_address": "上海市徐汇区 1 号" });
	let (status, _, body) = send(router, post_as(buyer, "/api/shop/checkout", shipping)).await;
	(status, json(&body))
}

/// `POST path` as `login`, answered 202; the answer.
async fn step(router: &Router, login: &Login, path: &str, body: Value) -> Value {
	let (status, _, answer) = send(router, post_as(login, path, body)).await;
	assert_eq!(status, StatusCode::ACCEPTED, "{path}: {}", String::from_utf8_lossy(&answer));
	json(&answer)
}

/// Signs a transaction the gateway prepared for `login`'s own key (`wallet`) and waits until it
/// is finalized.
async fn sign_prepared(router: &Router, login: &Login, wallet: &Keypair, prepared: &Value) {
	assert_eq!(prepared["status"], "awaiting_signature", "{prepared}");
	let tx = prepared["tx"].as_str().unwrap();
	let payload = hex::decode(&prepared["signer_payload"].as_str().unwrap()[2..]).unwrap();
	let signature = json!({ "signature": format!("0x{}", hex::encode(wallet.sign(&payload).0)) });
	let path = format!("/api/tx/{tx}/signature");
	let (status, _, body) = send(router, post_as(login, &path, signature)).await;
	assert_eq!(status, StatusCode::ACCEPTED, "{}", String::from_utf8_lossy(&body));
	finalized(router, login, "signed", &body).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn escrowed_orders_settle_refund_and_split_and_a_stale_product_moves_no_money() {
	let dir = tempfile::tempdir().unwrap();
	let (_node, chain, state, router) = gateway_with_index(dir.path()).await;
	let password = "a long enough passphrase";
	let maker = sign_up(&router, "kiln@example.com", password, "creator").await;
	let buyer = sign_up(&router, "tea@example.com", password, "buyer").await;
	let museum = sign_up(&router, "ops@museum.example", password, "buyer").await;
	let keeper = sign_up(&router, "keeper@example.com", password, "buyer").await;
	accounts::grant(&state, "ops@museum.example", Role::Institution).await.unwrap();
	// The keeper signs with their own key, linked by signing the gateway's challenge.
	let wallet = Keypair::from_secret_key([11; 32]).unwrap();
	let wallet_address = format!("0x{}", hex::encode(wallet.public_key().0));
	let (_, _, body) = send(&router, post_as(&keeper, "/api/keys/challenge", json!({}))).await;
	let message = json(&body)["message"].as_str().unwrap().to_string();
	let signature = format!("0x{}", hex::encode(wallet.sign(message.as_bytes()).0));
	let link = json!({ "address": wallet_address, "signature": signature });
	let (status, _, body) = send(&router, post_as(&keeper, "/api/keys/link", link)).await;
	assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));

	// The consortium (sudo on the dev chain) makes the museum a member and names it the arbiter.
	let museum_account = account_id(&address(&museum));
	for call in [
		consortium::add_institution(museum_account),
		marketplace::set_arbiter(Some(museum_account)),
	] {
		ok(chain.sudo_call(call, &dev::alice()).await, "the consortium decides");
	}
	fund(&chain, &[address(&maker), address(&buyer), address(&museum), wallet_address.clone()])
		.await;
	issue_yuan(&chain, &[address(&buyer), wallet_address.clone()]).await;
	attest(&chain, &address(&maker), 2).await;

	// Five tea pots: three in one product, one in another, one left for the stale case.
	let work = register_png(&router, &maker, "bafkreiteapots", "Craft").await;
	let twin = json!({ "work": work, "max_supply": 10, "metadata_cid": "bafkreiteapots", "kind": "PhysicalTwin", "royalty_bp": 500 });
	let events = run_flow(&router, &maker, "create_collection", twin).await;
	let pots = field(&events, "Collectibles.CollectionCreated", "collection");
	run_flow(&router, &maker, "mint", json!({ "collection": pots, "count": 4 })).await;
	let publish = |items: Vec<u64>, title: &str, price: u128| {
		json!({
			"collection": pots, "items": items, "title": title, "creator_name": "景德镇 Kiln Li",
			"story": "手工拉坯。 Thrown by hand.", "price": price,
		})
	};
	let price = 30 * YUAN;
	let mut products = Vec::new();
	for (items, title, price) in
		[(vec![1, 2, 3], "紫砂茶壶 Clay teapot", price), (vec![4], "Last pot", 12 * YUAN)]
	{
		let (status, _, body) =
			send(&router, post_as(&maker, "/api/shop/products", publish(items, title, price)))
				.await;
		assert_eq!(status, StatusCode::CREATED, "{}", String::from_utf8_lossy(&body));
		products.push(json(&body)["product"].as_str().unwrap().to_string());
		finalized(&router, &maker, "publish", &body).await;
	}
	let (teapots, last) = (&products[0], &products[1]);

	// The last pot's listing goes (the maker withdrew it on chain): the shop's product is stale.
	// Checkout says so, takes it off sale, and no money moves.
	run_flow(&router, &maker, "cancel_listing", json!({ "collection": pots, "item": 4 })).await;
	let before = yuan_of(&chain, &address(&buyer)).await;
	let (status, answer) = buy_one(&router, &buyer, last).await;
	assert_eq!((status, answer["code"].as_str()), (StatusCode::CONFLICT, Some("stale_product")));
	assert!(answer["message"].as_str().unwrap().contains("is not listed"), "{answer}");
	assert_eq!(yuan_of(&chain, &address(&buyer)).await, before, "no money moved");
	let product = get_json(&router, &buyer, &format!("/api/shop/products/{last}")).await;
	assert_eq!(product["stock"], 0, "the stale product is off sale");
	let request = Request::delete(format!("/api/shop/cart/{last}"))
		.header("cookie", &buyer.cookie)
		.header("x-csrf-token", &buyer.csrf)
		.body(Body::empty())
		.unwrap();
	assert_eq!(send(&router, request).await.0, StatusCode::OK);

	// One order settles at the buyer's confirmation of receipt: the seller is paid only then.
	let (status, answer) = buy_one(&router, &buyer, teapots).await;
	assert_eq!(status, StatusCode::CREATED, "{answer}");
	let order = answer["order"].as_str().unwrap().to_string();
	let line = line_once(&router, &buyer, &order, "paid").await;
	assert_eq!(line["escrow"]["state"], "paid", "{line}");
	assert_eq!(yuan_of(&chain, &address(&buyer)).await, before - price);
	let maker_before = yuan_of(&chain, &address(&maker)).await;
	let confirm = |order: &str| format!("/api/shop/orders/{order}/confirm");
	let (status, _, _) = send(&router, post_as(&buyer, &confirm(&order), json!({}))).await;
	assert_eq!(status, StatusCode::NOT_FOUND, "nothing shipped to confirm yet");
	let shipped = step(
		&router,
		&maker,
		&format!("/api/shop/orders/{order}/ship"),
		json!({ "tracking": "SF1" }),
	)
	.await;
	finalized(&router, &maker, "ship", &serde_json::to_vec(&shipped).unwrap()).await;
	let line = line_once(&router, &buyer, &order, "shipped").await;
	assert_eq!(line["escrow"]["state"], "shipped", "{line}");
	assert!(line["escrow"]["deadline"].as_u64().is_some(), "the delivery deadline is shown");
	assert_eq!(yuan_of(&chain, &address(&maker)).await, maker_before, "not paid before receipt");
	let confirmed = step(&router, &buyer, &confirm(&order), json!({})).await;
	let (_, events) =
		finalized(&router, &buyer, "confirm", &serde_json::to_vec(&confirmed).unwrap()).await;
	assert_eq!(field(&events, "Marketplace.Settled", "gross"), u64::try_from(price).unwrap());
	// The maker is both the seller and the work's only rights holder: the proceeds and the
	// royalty, that is the price less the platform fee.
	let fee = u128::from(field(&events, "Marketplace.Settled", "fee"));
	let proceeds = u128::from(field(&events, "Marketplace.Settled", "seller_proceeds"));
	assert!(proceeds < price - fee, "a royalty was split off the seller's proceeds");
	assert_eq!(yuan_of(&chain, &address(&maker)).await, maker_before + price - fee);
	line_once(&router, &buyer, &order, "settled").await;

	// One is disputed after shipping; the museum, the council's arbiter, sees it in its console
	// and splits the escrow: a third back to the buyer, the rest settled to the seller.
	let (status, answer) = buy_one(&router, &buyer, teapots).await;
	assert_eq!(status, StatusCode::CREATED, "{answer}");
	let order = answer["order"].as_str().unwrap().to_string();
	line_once(&router, &buyer, &order, "paid").await;
	let shipped = step(
		&router,
		&maker,
		&format!("/api/shop/orders/{order}/ship"),
		json!({ "tracking": "SF2" }),
	)
	.await;
	finalized(&router, &maker, "ship", &serde_json::to_vec(&shipped).unwrap()).await;
	let line = line_once(&router, &buyer, &order, "shipped").await;
	let chain_order = line["chain_order"].as_u64().unwrap();
	run_flow(&router, &buyer, "dispute_order", json!({ "order": chain_order })).await;
	line_once(&router, &buyer, &order, "disputed").await;
	let console = eventually("the dispute in the console", 2 * MINUTE, || async {
		let (_, _, page) = send(&router, get("/console", &museum)).await;
		let page = String::from_utf8(page).unwrap();
		page.contains(&format!("data-chain-order=\"{chain_order}\"")).then_some(page)
	})
	.await;
	assert!(console.contains("/api/flows/resolve_dispute"), "the arbiter gets the split form");
	let split = json!({ "order": chain_order, "amount": 10 * YUAN });
	let (status, _, _) = send(&router, flow(&buyer, "resolve_dispute", split.clone())).await;
	assert_eq!(status, StatusCode::FORBIDDEN, "a buyer is no arbiter");
	let buyer_before = yuan_of(&chain, &address(&buyer)).await;
	let events = run_flow(&router, &museum, "resolve_dispute", split).await;
	assert_eq!(field(&events, "Marketplace.Settled", "gross"), u64::try_from(20 * YUAN).unwrap());
	assert_eq!(yuan_of(&chain, &address(&buyer)).await, buyer_before + 10 * YUAN);
	line_once(&router, &buyer, &order, "settled").await;

	// The keeper checks out with their own key, asks for a return after shipping, and has every
	// yuan back once the seller confirms the parcel came back.
	let keeper_before = yuan_of(&chain, &wallet_address).await;
	let (status, answer) = buy_one(&router, &keeper, teapots).await;
	assert_eq!(status, StatusCode::CREATED, "{answer}");
	let order = answer["order"].as_str().unwrap().to_string();
	sign_prepared(&router, &keeper, &wallet, &answer).await;
	line_once(&router, &keeper, &order, "paid").await;
	assert_eq!(yuan_of(&chain, &wallet_address).await, keeper_before - price);
	let shipped = step(
		&router,
		&maker,
		&format!("/api/shop/orders/{order}/ship"),
		json!({ "tracking": "SF3" }),
	)
	.await;
	finalized(&router, &maker, "ship", &serde_json::to_vec(&shipped).unwrap()).await;
	line_once(&router, &keeper, &order, "shipped").await;
	let prepared =
		step(&router, &keeper, &format!("/api/shop/orders/{order}/return"), json!({})).await;
	sign_prepared(&router, &keeper, &wallet, &prepared).await;
	let line = line_once(&router, &keeper, &order, "returning").await;
	assert_eq!(line["escrow"]["state"], "return_requested", "{line}");
	let received =
		step(&router, &maker, &format!("/api/shop/orders/{order}/return-received"), json!({}))
			.await;
	finalized(&router, &maker, "return received", &serde_json::to_vec(&received).unwrap()).await;
	line_once(&router, &keeper, &order, "refunded").await;
	assert_eq!(yuan_of(&chain, &wallet_address).await, keeper_before, "refunded in full");
	let ledger = yinji_gateway::tags::ledger::Ledger::at_head(&state).await.unwrap();
	let item = line["item"].as_u64().unwrap() as u32;
	assert_eq!(ledger.item(pots as u32, item).await.unwrap().unwrap().owner, address(&maker));
}
