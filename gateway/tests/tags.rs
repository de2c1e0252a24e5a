//! Physical tags end to end, on a real `yinji-node --dev`: an issuer issues an NFC tag and a
//! printed code for physical-twin items and binds them on chain; taps and scans are judged —
//! genuine, replayed, lower counter, unseen reads, opened seal, forged MAC, unknown, moved and
//! retired tags, unknown key epoch, bad code signature — each with its reason, each with a
//! signed receipt that verifies offline against the published key; of two identical taps at the
//! same moment exactly one is accepted.

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
use yinji_client::{subxt_signer::sr25519::dev, testing::ok, Value};
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
	let fund = vec![(
		"Balances",
		"transfer_keep_alive",
		vec![id_variant(&address), Value::u128(1_000 * UNIT)],
	)];
	ok(chain.batch(fund, &dev::alice()).await, "fund the creator");
	let attest = vec![
		Value::from_bytes(hex::decode(&address[2..]).unwrap()),
		Value::u128(2),
		Value::u128(1_000_000),
	];
	ok(chain.submit("Works", "attest_creator", attest, &dev::alice()).await, "attest");

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
