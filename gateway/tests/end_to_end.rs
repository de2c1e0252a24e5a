//! End to end against a real `yinji-node --dev` and the indexer: a creator signs up, is
//! attested by an institution, uploads, registers, mints and lists; a buyer signs up and buys;
//! both see the result through the API.

// Test code: a failed expectation is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use axum::{
	body::Body,
	http::{header, Request, StatusCode},
};
use common::*;
use yinji_client::{
	calls::consortium,
	subxt_signer::sr25519::{dev, Keypair},
	testing::{eventually, ok, wait_finalized, DevNode},
};
use yinji_gateway::{accounts, app, AppState};

#[tokio::test(flavor = "multi_thread")]
async fn a_creator_lists_and_a_buyer_buys_through_the_api() {
	let dir = tempfile::tempdir().unwrap();
	let node = DevNode::start(&dir.path().join("chain"));
	let chain = node.connect().await;
	wait_finalized(&chain, 1, 3 * MINUTE).await;
	let index_url = format!("sqlite://{}", dir.path().join("index.db").display());
	let index = yinji_indexer::Db::open(&index_url).await.unwrap();
	let indexer = {
		let url = node.url();
		tokio::spawn(async move { yinji_indexer::run(&url, &index, &Default::default()).await })
	};

	let mut config = config(dir.path(), 1 << 20, 1 << 30);
	config.node = Some(node.url());
	config.index_database_url = Some(index_url);
	let state = AppState::open(config).await.unwrap();
	let router = app(state.clone());

	// People sign up; an admin makes the museum's operator an institution, and the consortium
	// (sudo on the dev chain) makes the museum a member; Alice funds everyone's fees.
	let museum = sign_up(&router, "ops@museum.example", "a museum passphrase", "buyer").await;
	let creator = sign_up(&router, "maker@example.com", "a maker passphrase", "creator").await;
	let buyer = sign_up(&router, "collector@example.com", "a buyer passphrase", "buyer").await;
	accounts::grant(&state, "ops@museum.example", accounts::Role::Institution).await.unwrap();
	ok(
		chain
			.sudo_call(consortium::add_institution(account_id(&address(&museum))), &dev::alice())
			.await,
		"the museum joins",
	);
	// The buyer keeps their own key: they link it by signing the gateway's challenge.
	let wallet = Keypair::from_secret_key([9; 32]).unwrap();
	let wallet_address = format!("0x{}", hex::encode(wallet.public_key().0));
	let (status, _, body) =
		send(&router, post_as(&buyer, "/api/keys/challenge", serde_json::json!({}))).await;
	assert_eq!(status, StatusCode::OK);
	let message = json(&body)["message"].as_str().unwrap().to_string();
	let forged = dev::bob().sign(message.as_bytes());
	let link = |signature: [u8; 64]| {
		post_as(
			&buyer,
			"/api/keys/link",
			serde_json::json!({
				"address": wallet_address, "signature": format!("0x{}", hex::encode(signature)),
			}),
		)
	};
	let (status, _, body) = send(&router, link(forged.0)).await;
	assert_eq!(
		(status, json(&body)["code"].as_str()),
		(StatusCode::BAD_REQUEST, Some("bad_signature"))
	);
	let (status, _, body) = send(&router, link(wallet.sign(message.as_bytes()).0)).await;
	assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));

	fund(&chain, &[address(&museum), address(&creator), wallet_address.clone()]).await;

	// The creator asks to be verified; the museum sees the request and attests.
	let mut request = post_json(
		"/api/attestations",
		serde_json::json!({ "real_name": "李白", "id_number": "110101199001011234" }),
	);
	request.headers_mut().insert(header::COOKIE, creator.cookie.parse().unwrap());
	request.headers_mut().insert("x-csrf-token", creator.csrf.parse().unwrap());
	let (status, _, body) = send(&router, request).await;
	assert_eq!(status, StatusCode::CREATED);
	let request_id = json(&body)["request"].as_str().unwrap().to_string();
	let (status, _, body) = send(&router, get("/api/attestations", &museum)).await;
	assert_eq!(status, StatusCode::OK);
	assert_eq!(json(&body)["requests"][0]["address"], address(&creator));
	let (status, _, _) = send(&router, get("/api/attestations", &buyer)).await;
	assert_eq!(status, StatusCode::FORBIDDEN, "only institutions see personal details");
	run_flow(
		&router,
		&museum,
		"approve_attestation",
		serde_json::json!({ "request": request_id, "kyc_level": 2 }),
	)
	.await;

	// Upload, register, create a collection, mint, list.
	let work = register_png(&router, &creator, "bafkreimeta", "Image").await;
	let events = run_flow(&router, &creator, "create_collection", serde_json::json!({ "work": work, "max_supply": 10, "metadata_cid": "bafkreicoll", "royalty_bp": 1000 })).await;
	let collection = field(&events, "Collectibles.CollectionCreated", "collection");
	run_flow(
		&router,
		&creator,
		"mint",
		serde_json::json!({ "collection": collection, "count": 1 }),
	)
	.await;
	let price = 10 * UNIT;
	run_flow(
		&router,
		&creator,
		"list",
		serde_json::json!({ "collection": collection, "item": 1, "amount": price }),
	)
	.await;

	// The buyer finds the listing through the index and buys.
	let listing = eventually("the listing is indexed", 2 * MINUTE, || async {
		let (_, _, body) =
			send(&router, Request::get("/api/listings").body(Body::empty()).unwrap()).await;
		json(&body)["listings"].as_array().and_then(|l| l.first().cloned())
	})
	.await;
	assert_eq!(
		(listing["collection"].as_u64(), listing["price"].as_str()),
		(Some(collection), Some(price.to_string().as_str()))
	);
	// The gateway prepares the purchase; the buyer's wallet signs it; a wrong signature is refused.
	let buy = serde_json::json!({ "collection": collection, "item": 1, "amount": price });
	let (status, _, body) = send(&router, flow(&buyer, "buy", buy)).await;
	assert_eq!(status, StatusCode::ACCEPTED, "{}", String::from_utf8_lossy(&body));
	let prepared = json(&body);
	assert_eq!(prepared["status"], "awaiting_signature");
	let purchase = prepared["tx"].as_str().unwrap().to_string();
	let payload = hex::decode(&prepared["signer_payload"].as_str().unwrap()[2..]).unwrap();
	let signature_path = format!("/api/tx/{purchase}/signature");
	let sign = |signature: [u8; 64]| {
		post_as(
			&buyer,
			&signature_path,
			serde_json::json!({ "signature": format!("0x{}", hex::encode(signature)) }),
		)
	};
	// Another user cannot submit it, even with the right signature.
	let (status, _, _) = send(
		&router,
		post_as(
			&creator,
			&signature_path,
			serde_json::json!({ "signature": format!("0x{}", hex::encode(wallet.sign(&payload).0)) }),
		),
	)
	.await;
	assert_eq!(status, StatusCode::NOT_FOUND, "nobody submits another user's transaction");
	let (status, _, _) = send(&router, sign(dev::bob().sign(&payload).0)).await;
	assert_eq!(status, StatusCode::BAD_REQUEST);
	let (status, _, body) = send(&router, sign(wallet.sign(&payload).0)).await;
	assert_eq!(status, StatusCode::ACCEPTED, "{}", String::from_utf8_lossy(&body));
	let done = eventually("the signed purchase is finalized", 2 * MINUTE, || {
		let request = get(&format!("/api/tx/{purchase}"), &buyer);
		let router = &router;
		async move {
			let (_, _, body) = send(router, request).await;
			let answer = json(&body);
			(answer["status"] != "submitted").then_some(answer)
		}
	})
	.await;
	assert_eq!(done["status"], "finalized", "{done}");
	// A signature is taken once.
	assert_eq!(send(&router, sign(wallet.sign(&payload).0)).await.0, StatusCode::NOT_FOUND);

	// Both see the result: the buyer owns the item, the creator sold it.
	let items = eventually("the purchase is indexed", 2 * MINUTE, || async {
		let (_, _, body) = send(&router, get("/api/me/items", &buyer)).await;
		json(&body)["items"].as_array().filter(|items| !items.is_empty()).cloned()
	})
	.await;
	assert_eq!(
		(items[0]["collection"].as_u64(), items[0]["item"].as_u64(), items[0]["work"].as_u64()),
		(Some(collection), Some(1), Some(work))
	);
	let (_, _, body) = send(&router, get("/api/me/sales", &creator)).await;
	let sale = json(&body)["sales"][0].clone();
	assert_eq!(sale["seller"], address(&creator));
	assert_eq!(sale["buyer"], wallet_address);
	assert_eq!(sale["gross"], price.to_string());
	let (_, _, body) = send(&router, get("/api/me/items", &creator)).await;
	assert_eq!(json(&body)["items"].as_array().map(Vec::len), Some(0));

	// Someone else's transaction is not found (as if it did not exist); a flow without the role
	// is refused.
	let (status, _, _) = send(&router, get(&format!("/api/tx/{purchase}"), &creator)).await;
	assert_eq!(status, StatusCode::NOT_FOUND);
	let (status, _, body) =
		send(&router, flow(&buyer, "mint", serde_json::json!({ "collection": collection }))).await;
	assert_eq!((status, json(&body)["code"].as_str()), (StatusCode::FORBIDDEN, Some("forbidden")));
	indexer.abort();
}
