//! Physical tags end to end, on a real `yinji-node --dev`: an issuer issues an NFC tag and a
//! printed code for physical-twin items and binds them on chain; taps and scans are judged —
//! genuine, replayed, lower counter, unseen reads, opened seal, forged MAC, unknown, moved and
//! retired tags, unknown key epoch, bad code signature — each with its reason, each with a
//! signed receipt that verifies offline against the published key; of two identical taps at the
//! same moment exactly one is accepted. A buyer who paid for a tea pot in the shop (settlement
//! yuan into the order's escrow) claims it on delivery with a fresh tap, which settles the
//! escrow; a copied, older or forged URL, or another buyer, claims nothing.

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
use yinji_client::{
	calls::{batch_all, transfer, works},
	subxt_signer::sr25519::dev,
	testing::ok,
};
use yinji_tags::{keys::EpochKeys, receipt::SignedReceipt, tap};

/// A public read of `path`, asking for JSON.
fn read(path: &str) -> Request<Body> {
	Request::get(path).header(header::ACCEPT, "application/json").body(Body::empty()).unwrap()
}

/// The verdict of a read and the codes of its findings.
async fn judge(router: &Router, path: &str) -> (String, Vec<String>, serde_json::Value) {
	let (status, _, body) = send(router, read(path)).await;
	assert_eq!(status, StatusCode::OK, "{path}: {}", String::from_utf8_lossy(&body));
	let answer = json(&body);
	let verdict = answer["verdict"].clone();
	let codes = verdict["findings"]
		.as_array()
		.unwrap()
		.iter()
		.map(|f| f["code"].as_str().unwrap().to_string())
		.collect();
	(verdict["verdict"].as_str().unwrap().to_string(), codes, answer)
}

/// The URL path a tag with `uid` produces at `counter`, under the gateway's epoch-1 keys.
fn tap_path(keys: &EpochKeys, uid: [u8; 7], counter: u32, seal: &[u8; 2]) -> String {
	format!("/t/1?{}", tap::simulate(keys, uid, counter, Some(seal)))
}

#[tokio::test(flavor = "multi_thread")]
async fn taps_and_scans_are_judged_with_their_reasons_and_signed_receipts() {
	let dir = tempfile::tempdir().unwrap();
	let (_node, chain, state, router) = gateway_on_dev_node(dir.path()).await;
	let keys = state.tags.root.epoch(1);

	let creator = sign_up(&router, "maker@example.com", "a maker passphrase", "creator").await;
	let other = sign_up(&router, "other@example.com", "another passphrase", "creator").await;
	let address = creator.user["address"].as_str().unwrap().to_string();
	let fund = batch_all(vec![transfer(account_id(&address), 1_000 * UNIT)]);
	ok(chain.submit_call(&fund, &dev::alice()).await, "fund the creator");
	let attest = works::attest_creator(account_id(&address), 2, 1_000_000);
	ok(chain.submit_call(&attest, &dev::alice()).await, "attest");

	// A tea set: a work, a physical-twin collection, three items.
	let work = register_png(&router, &creator, "bafkreiteaset", "Craft").await;
	let twin = json!({
		"work": work, "max_supply": 10, "metadata_cid": "bafkreiteaset", "kind": "PhysicalTwin",
	});
	let events = run_flow(&router, &creator, "create_collection", twin).await;
	let collection = field(&events, "Collectibles.CollectionCreated", "collection");
	run_flow(&router, &creator, "mint", json!({ "collection": collection, "count": 3 })).await;
	let digital = json!({ "work": work, "max_supply": 10, "metadata_cid": "bafkreidigital" });
	let events = run_flow(&router, &creator, "create_collection", digital).await;
	let digital = field(&events, "Collectibles.CollectionCreated", "collection");
	run_flow(&router, &creator, "mint", json!({ "collection": digital })).await;

	// Issuing: only the issuer, only physical twins, each tag once.
	let uid = [0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66];
	let nfc = |collection: u64, item: u64, uid: [u8; 7]| json!({ "collection": collection, "item": item, "uid": hex::encode(uid) });
	let (status, _, body) =
		send(&router, post_as(&other, "/api/tags/nfc", nfc(collection, 1, uid))).await;
	assert_eq!((status, json(&body)["code"].as_str()), (StatusCode::FORBIDDEN, Some("not_issuer")));
	let (status, _, body) =
		send(&router, post_as(&creator, "/api/tags/nfc", nfc(digital, 1, uid))).await;
	assert_eq!(
		(status, json(&body)["code"].as_str()),
		(StatusCode::BAD_REQUEST, Some("not_physical"))
	);
	let (status, _, body) =
		send(&router, post_as(&creator, "/api/tags/nfc", nfc(collection, 1, uid))).await;
	assert_eq!(status, StatusCode::CREATED, "{}", String::from_utf8_lossy(&body));
	let personal = json(&body);
	assert_eq!(personal["keys"][2], hex::encode_upper(keys.file_key(&uid)));
	assert!(personal["url_template"].as_str().unwrap().contains("/t/1?e={picc}"));
	let (status, _, _) =
		send(&router, post_as(&creator, "/api/tags/nfc", nfc(collection, 1, uid))).await;
	assert_eq!(status, StatusCode::CONFLICT);
	let bind = |item: u64, tag: &str, kind: &str| json!({ "collection": collection, "item": item, "tag": tag, "tag_kind": kind, "key_epoch": 1 });
	let tag = personal["tag_hash"].as_str().unwrap().to_string();
	run_flow(&router, &creator, "bind_tag", bind(1, &tag, "Ntag424")).await;

	// A fresh tap is genuine; its receipt verifies offline against the published key.
	let (verdict, codes, answer) = judge(&router, &tap_path(&keys, uid, 5, b"CC")).await;
	assert_eq!((verdict.as_str(), codes), ("genuine", vec![]), "{answer}");
	assert_eq!(answer["verdict"]["item"], json!([collection, 1]));
	assert_eq!(answer["context"]["edition"], "#1 of 10");
	let (_, _, body) =
		send(&router, Request::get("/api/tags/keys").body(Body::empty()).unwrap()).await;
	let published = json(&body)["signing_key"].as_str().unwrap().to_string();
	let published = ed25519_dalek::VerifyingKey::from_bytes(
		&hex::decode(&published[2..]).unwrap().try_into().unwrap(),
	)
	.unwrap();
	let receipt_id = answer["verdict"]["receipt_id"].as_str().unwrap();
	let (status, _, body) = send(
		&router,
		Request::get(format!("/api/receipts/{receipt_id}")).body(Body::empty()).unwrap(),
	)
	.await;
	assert_eq!(status, StatusCode::OK);
	let receipt =
		SignedReceipt::verify_json(std::str::from_utf8(&body).unwrap(), Some(&published)).unwrap();
	assert_eq!((receipt.verdict.as_str(), receipt.counter), ("genuine", Some(5)));
	// The page, for people, says so too.
	let (status, headers, body) =
		send(&router, Request::get(tap_path(&keys, uid, 6, b"CC")).body(Body::empty()).unwrap())
			.await;
	assert_eq!(status, StatusCode::OK);
	assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));
	let page = String::from_utf8(body).unwrap();
	assert!(page.contains("真品") && page.contains("Genuine"), "{page}");
	assert!(page.contains("yinji-receipt verify"));

	// A copied URL, an older one, a gap, an opened seal, a forged MAC.
	let (verdict, codes, _) = judge(&router, &tap_path(&keys, uid, 6, b"CC")).await;
	assert_eq!((verdict.as_str(), codes), ("rejected", vec!["replayed".to_string()]));
	let (verdict, codes, _) = judge(&router, &tap_path(&keys, uid, 4, b"CC")).await;
	assert_eq!((verdict.as_str(), codes), ("rejected", vec!["lower_counter".to_string()]));
	let (verdict, codes, answer) = judge(&router, &tap_path(&keys, uid, 10, b"CC")).await;
	assert_eq!((verdict.as_str(), codes), ("warning", vec!["unseen_reads".to_string()]));
	assert_eq!(answer["verdict"]["counters"]["last_accepted"], 6);
	let (verdict, codes, _) = judge(&router, &tap_path(&keys, uid, 11, b"OC")).await;
	assert_eq!((verdict.as_str(), codes), ("warning", vec!["seal_opened".to_string()]));
	let mut forged = tap_path(&keys, uid, 12, b"CC");
	let last = forged.pop().unwrap();
	forged.push(if last == '0' { '1' } else { '0' });
	let (verdict, codes, _) = judge(&router, &forged).await;
	assert_eq!((verdict.as_str(), codes), ("rejected", vec!["forged".to_string()]));
	// The forged read did not use up counter 12.
	let (verdict, _, _) = judge(&router, &tap_path(&keys, uid, 12, b"CC")).await;
	assert_eq!(verdict, "genuine");

	// Of two identical fresh taps at the same moment, exactly one is accepted.
	let path = tap_path(&keys, uid, 13, b"CC");
	let (a, b) = tokio::join!(judge(&router, &path), judge(&router, &path));
	let mut verdicts = [a.0, b.0];
	verdicts.sort();
	assert_eq!(verdicts, ["genuine".to_string(), "rejected".to_string()]);

	// A tag never bound; a tag issued for item 2 but bound to item 3; an unknown key epoch;
	// not a tap URL at all.
	let (verdict, codes, _) =
		judge(&router, &tap_path(&keys, [4, 9, 9, 9, 9, 9, 9], 1, b"CC")).await;
	assert_eq!((verdict.as_str(), codes), ("rejected", vec!["unknown_tag".to_string()]));
	let moved_uid = [0x04, 0x77, 0x77, 0x77, 0x77, 0x77, 0x77];
	let (status, _, body) =
		send(&router, post_as(&creator, "/api/tags/nfc", nfc(collection, 2, moved_uid))).await;
	assert_eq!(status, StatusCode::CREATED);
	let moved_tag = json(&body)["tag_hash"].as_str().unwrap().to_string();
	run_flow(&router, &creator, "bind_tag", bind(3, &moved_tag, "Ntag424")).await;
	let (verdict, codes, _) = judge(&router, &tap_path(&keys, moved_uid, 1, b"CC")).await;
	assert_eq!((verdict.as_str(), codes), ("rejected", vec!["moved_tag".to_string()]));
	let other_epoch = format!("/t/7?{}", tap::simulate(&keys, uid, 30, None));
	let (verdict, codes, _) = judge(&router, &other_epoch).await;
	assert_eq!((verdict.as_str(), codes), ("rejected", vec!["unknown_epoch".to_string()]));
	let (status, _, body) = send(&router, read("/t/1?e=zz&c=00")).await;
	assert_eq!((status, json(&body)["code"].as_str()), (StatusCode::BAD_REQUEST, Some("bad_tap")));

	// A printed code for item 2: genuine once bound; a bad signature is refused.
	let (status, _, body) = send(
		&router,
		post_as(
			&creator,
			"/api/tags/qr",
			json!({ "collection": collection, "item": 2, "gtin": "09506000134352" }),
		),
	)
	.await;
	assert_eq!(status, StatusCode::CREATED, "{}", String::from_utf8_lossy(&body));
	let code = json(&body);
	let url = code["url"].as_str().unwrap().to_string();
	let path = &url[url.find("/01/").unwrap()..];
	let (verdict, codes, _) = judge(&router, path).await;
	assert_eq!(
		(verdict.as_str(), codes),
		("rejected", vec!["unknown_tag".to_string()]),
		"not bound yet"
	);
	run_flow(
		&router,
		&creator,
		"bind_tag",
		bind(2, code["tag_hash"].as_str().unwrap(), "SignedQr"),
	)
	.await;
	let (verdict, codes, answer) = judge(&router, path).await;
	assert_eq!((verdict.as_str(), codes), ("genuine", vec![]), "{answer}");
	let mut bad = path.to_string();
	let last = bad.pop().unwrap();
	bad.push(if last == '0' { '1' } else { '0' });
	let (verdict, codes, _) = judge(&router, &bad).await;
	assert_eq!((verdict.as_str(), codes), ("rejected", vec!["forged".to_string()]));
	let (status, headers, png) = send(
		&router,
		Request::get(format!("/api/tags/qr/{collection}/2?format=png"))
			.body(Body::empty())
			.unwrap(),
	)
	.await;
	assert_eq!(
		(status, &headers[header::CONTENT_TYPE]),
		(StatusCode::OK, &"image/png".parse().unwrap())
	);
	assert_eq!(&png[..4], b"\x89PNG");

	// The issuer retires the NFC tag (lost): its reads are void from then on.
	run_flow(
		&router,
		&creator,
		"unbind_tag",
		json!({ "collection": collection, "item": 1, "reason": "Lost" }),
	)
	.await;
	let (verdict, codes, _) = judge(&router, &tap_path(&keys, uid, 40, b"CC")).await;
	assert_eq!((verdict.as_str(), codes), ("rejected", vec!["retired_tag".to_string()]));
}

/// `POST /api/tags/claim` as `login`, for on-chain order `order`.
fn claim(login: &Login, tap: &str, order: u64) -> Request<Body> {
	post_as(login, "/api/tags/claim", json!({ "tap": tap, "order": order }))
}

/// The code and message of a refused request.
async fn refused(router: &Router, request: Request<Body>) -> (StatusCode, String, String) {
	let (status, _, body) = send(router, request).await;
	let body = json(&body);
	(status, body["code"].as_str().unwrap().to_string(), body["message"].to_string())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_fresh_tap_claims_a_delivered_item_and_a_copied_url_cannot() {
	let dir = tempfile::tempdir().unwrap();
	let (node, chain, state, router) = gateway_on_dev_node(dir.path()).await;
	let keys = state.tags.root.epoch(1);
	let maker = sign_up(&router, "studio@example.com", "a studio passphrase", "creator").await;
	let buyer = sign_up(&router, "buyer@example.com", "a buyer passphrase", "buyer").await;
	let stranger = sign_up(&router, "stranger@example.com", "a stranger passphrase", "buyer").await;
	fund(&chain, &[address(&maker), address(&buyer), address(&stranger)]).await;
	issue_yuan(&chain, &[address(&buyer)]).await;
	attest(&chain, &address(&maker), 2).await;

	// A tea pot with an NFC tag.
	let work = register_png(&router, &maker, "bafkreiteapot", "Craft").await;
	let twin = json!({
		"work": work, "max_supply": 5, "metadata_cid": "bafkreiteapot", "kind": "PhysicalTwin",
	});
	let events = run_flow(&router, &maker, "create_collection", twin).await;
	let collection = field(&events, "Collectibles.CollectionCreated", "collection");
	run_flow(&router, &maker, "mint", json!({ "collection": collection, "count": 2 })).await;
	let uid = [0x04, 0x5A, 0x5A, 0x5A, 0x5A, 0x5A, 0x01];
	let issue = json!({ "collection": collection, "item": 1, "uid": hex::encode(uid) });
	let (status, _, body) = send(&router, post_as(&maker, "/api/tags/nfc", issue)).await;
	assert_eq!(status, StatusCode::CREATED);
	let tag = json(&body)["tag_hash"].as_str().unwrap().to_string();
	let bind = json!({ "collection": collection, "item": 1, "tag": tag, "tag_kind": "Ntag424", "key_epoch": 1 });
	run_flow(&router, &maker, "bind_tag", bind).await;

	// The buyer pays for the tea pot in the shop (its price into the order's escrow) and the
	// maker ships it.
	let price = 5 * YUAN;
	let product = json!({
		"collection": collection, "items": [1], "title": "Teapot", "creator_name": "Studio",
		"story": "A tea pot.", "price": price,
	});
	let (status, _, body) = send(&router, post_as(&maker, "/api/shop/products", product)).await;
	assert_eq!(status, StatusCode::CREATED, "{}", String::from_utf8_lossy(&body));
	let product = json(&body)["product"].as_str().unwrap().to_string();
	finalized(&router, &maker, "publish", &body).await;
	let cart = json!({ "product": product, "quantity": 1 });
	assert_eq!(send(&router, post_as(&buyer, "/api/shop/cart", cart)).await.0, StatusCode::OK);
	let shipping = json!({ "ship_name": "Ada", "ship_address": "1 Tea Street" });
	let (status, _, body) = send(&router, post_as(&buyer, "/api/shop/checkout", shipping)).await;
	assert_eq!(status, StatusCode::CREATED, "{}", String::from_utf8_lossy(&body));
	let shop_order = json(&body)["order"].as_str().unwrap().to_string();
	let (_, events) = finalized(&router, &buyer, "checkout", &body).await;
	let order = field(&events, "Marketplace.OrderPlaced", "order");
	let ship = json!({ "tracking": "SF1" });
	let path = format!("/api/shop/orders/{shop_order}/ship");
	let (status, _, body) = send(&router, post_as(&maker, &path, ship)).await;
	assert_eq!(status, StatusCode::ACCEPTED, "{}", String::from_utf8_lossy(&body));
	finalized(&router, &maker, "ship", &body).await;
	let maker_before = yuan_of(&chain, &address(&maker)).await;

	// The parcel arrives; the buyer taps the tag and sees it genuine.
	let delivered = tap_path(&keys, uid, 8, b"CC");
	let (verdict, codes, _) = judge(&router, &delivered).await;
	assert_eq!((verdict.as_str(), codes), ("genuine", vec![]));

	// Nobody else claims with the buyer's order; an older URL, a forged one and one of another
	// tag claim nothing.
	let (status, code, _) = refused(&router, claim(&stranger, &delivered, order)).await;
	assert_eq!((status, code.as_str()), (StatusCode::FORBIDDEN, "not_your_order"));
	let (status, code, _) =
		refused(&router, claim(&buyer, &tap_path(&keys, uid, 7, b"CC"), order)).await;
	assert_eq!((status, code.as_str()), (StatusCode::CONFLICT, "lower_counter"));
	let mut forged = delivered.clone();
	let last = forged.pop().unwrap();
	forged.push(if last == '0' { '1' } else { '0' });
	let (status, code, _) = refused(&router, claim(&buyer, &forged, order)).await;
	assert_eq!((status, code.as_str()), (StatusCode::FORBIDDEN, "forged"));
	let unbound = tap_path(&keys, [0x04, 1, 2, 3, 4, 5, 6], 8, b"CC");
	let (status, code, _) = refused(&router, claim(&buyer, &unbound, order)).await;
	assert_eq!((status, code.as_str()), (StatusCode::CONFLICT, "unknown_tag"));
	let (status, code, _) = refused(&router, claim(&buyer, &delivered, order + 100)).await;
	assert_eq!((status, code.as_str()), (StatusCode::NOT_FOUND, "not_found"));
	let ledger = yinji_gateway::tags::ledger::Ledger::at_head(&state).await.unwrap();
	let item = ledger.item(collection as u32, 1).await.unwrap().unwrap();
	assert_eq!(item.owner, address(&maker), "nothing moved");

	// The tap the buyer just opened claims the tea pot (the order found from the buyer's
	// shipped line): the escrow pays the maker (and the rights holders), the item moves, the
	// watermark rises to the tap's counter.
	let request = post_as(&buyer, "/api/tags/claim", json!({ "tap": delivered }));
	let (status, _, answer) = send(&router, request).await;
	assert_eq!(status, StatusCode::ACCEPTED, "{}", String::from_utf8_lossy(&answer));
	let (_, events) = finalized(&router, &buyer, "claim", &answer).await;
	assert_eq!(field(&events, "Marketplace.OrderTapped", "counter"), 8);
	assert_eq!(field(&events, "Marketplace.Settled", "gross"), u64::try_from(price).unwrap());
	let proceeds = u128::from(field(&events, "Marketplace.Settled", "seller_proceeds"));
	assert_eq!(yuan_of(&chain, &address(&maker)).await, maker_before + proceeds);
	let ledger = yinji_gateway::tags::ledger::Ledger::at_head(&state).await.unwrap();
	let item = ledger.item(collection as u32, 1).await.unwrap().unwrap();
	assert_eq!(item.owner, address(&buyer));
	let tag_bytes: [u8; 32] = hex::decode(&tag[2..]).unwrap().try_into().unwrap();
	assert_eq!(ledger.binding(&tag_bytes).await.unwrap().unwrap().watermark, 8);

	// A copy of that URL claims nothing again, and reads as copied.
	let (status, code, message) = refused(&router, claim(&buyer, &delivered, order)).await;
	assert_eq!((status, code.as_str()), (StatusCode::CONFLICT, "below_watermark"), "{message}");
	assert!(message.contains("copy of an earlier tap"), "{message}");
	let (verdict, codes, _) = judge(&router, &delivered).await;
	assert_eq!((verdict.as_str(), codes), ("rejected", vec!["below_watermark".to_string()]));
	// The next real tap is genuine.
	let (verdict, _, answer) = judge(&router, &tap_path(&keys, uid, 9, b"CC")).await;
	assert_eq!(verdict, "genuine", "{answer}");
	assert_eq!(answer["verdict"]["counters"]["watermark"], 8);

	// The index tells the order system how the order closed.
	let last = ok(chain.finalized_number().await, "finalized head");
	let url = format!("sqlite://{}", dir.path().join("index.db").display());
	let index = yinji_indexer::Db::open(&url).await.unwrap();
	let options = yinji_indexer::Options { until: Some(last), ..Default::default() };
	yinji_indexer::run(&node.url(), &index, &options).await.unwrap();
	let closed = yinji_index_query::order(&index, order).await.unwrap().unwrap();
	assert_eq!((closed.state.as_str(), closed.outcome.as_deref()), ("closed", Some("tapped")));
	// And the buyer's order page reads it so.
	let (_, _, body) = send(&router, get(&format!("/api/shop/orders/{shop_order}"), &buyer)).await;
	assert_eq!(json(&body)["lines"][0]["status"], "claimed");
}
