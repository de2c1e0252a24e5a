//! Route tests (`oneshot` against the router, no socket): success and failure of each route.

// Test code: a failed expectation is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use axum::{
	body::Body,
	http::{header, Request, StatusCode},
};
use common::*;

#[tokio::test]
async fn an_upload_is_stored_under_both_cids_and_served_as_a_download() {
	let dir = tempfile::tempdir().unwrap();
	let router = router(dir.path(), 1024, 1 << 20).await;
	let creator = sign_up(&router, "maker@example.com", "a long passphrase", "creator").await;
	let (status, _, body) = send(&router, upload(&creator, PNG, "image/png")).await;
	assert_eq!(status, StatusCode::CREATED, "{}", String::from_utf8_lossy(&body));
	let stored = json(&body);
	assert_eq!(stored["media_type"], "image/png");
	assert_eq!(stored["size"], PNG.len());
	for key in ["cid_v0", "cid_v1"] {
		let cid = stored[key].as_str().unwrap();
		let get = Request::get(format!("/api/content/{cid}")).body(Body::empty()).unwrap();
		let (status, headers, bytes) = send(&router, get).await;
		assert_eq!(status, StatusCode::OK);
		assert_eq!(bytes, PNG);
		assert_eq!(headers[header::CONTENT_TYPE], "image/png");
		assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
		assert!(headers[header::CONTENT_DISPOSITION].to_str().unwrap().starts_with("attachment"));
	}
}

#[tokio::test]
async fn bad_uploads_are_refused_with_a_reason_and_store_nothing() {
	let dir = tempfile::tempdir().unwrap();
	let router = router(dir.path(), 64, 1 << 20).await;
	let creator = sign_up(&router, "maker@example.com", "a long passphrase", "creator").await;
	let cases: [(&[u8], &str, StatusCode, &str); 4] = [
		(&[0u8; 65], "application/octet-stream", StatusCode::PAYLOAD_TOO_LARGE, ""),
		(PNG, "image/jpeg", StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type"),
		(
			b"<html><script>alert(1)</script></html>",
			"image/png",
			StatusCode::UNSUPPORTED_MEDIA_TYPE,
			"unsupported_media_type",
		),
		(b"", "image/png", StatusCode::BAD_REQUEST, "empty"),
	];
	for (bytes, content_type, expected, code) in cases {
		let (status, _, body) = send(&router, upload(&creator, bytes, content_type)).await;
		assert_eq!(status, expected, "{content_type}: {}", String::from_utf8_lossy(&body));
		if !code.is_empty() {
			assert_eq!(json(&body)["code"], code);
			assert!(json(&body)["message"].as_str().is_some_and(|m| !m.is_empty()));
		}
	}
	let objects = std::fs::read_dir(dir.path().join("data/content/objects")).unwrap().count();
	assert_eq!(objects, 0, "nothing was stored");
}

#[tokio::test]
async fn unknown_and_malformed_cids() {
	let dir = tempfile::tempdir().unwrap();
	let router = router(dir.path(), 1024, 1 << 20).await;
	let unknown = yinji_gateway::content::cids(b"never uploaded").cid_v1;
	let (status, _, body) =
		send(&router, Request::get(format!("/api/content/{unknown}")).body(Body::empty()).unwrap())
			.await;
	assert_eq!((status, json(&body)["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
	let (status, _, body) =
		send(&router, Request::get("/api/content/not-a-cid").body(Body::empty()).unwrap()).await;
	assert_eq!((status, json(&body)["code"].as_str()), (StatusCode::BAD_REQUEST, Some("bad_cid")));
	let (status, _, _) = send(&router, Request::get("/health").body(Body::empty()).unwrap()).await;
	assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn uploads_need_a_session_and_respect_the_quota() {
	let dir = tempfile::tempdir().unwrap();
	let router = router(dir.path(), 1024, 2 * PNG.len() as u64 - 1).await;
	let anonymous = Request::post("/api/content")
		.header(header::CONTENT_TYPE, "image/png")
		.body(Body::from(PNG.to_vec()))
		.unwrap();
	let (status, _, body) = send(&router, anonymous).await;
	assert_eq!(
		(status, json(&body)["code"].as_str()),
		(StatusCode::UNAUTHORIZED, Some("unauthorised"))
	);
	let user = sign_up(&router, "buyer@example.com", "a long passphrase", "buyer").await;
	assert_eq!(send(&router, upload(&user, PNG, "image/png")).await.0, StatusCode::CREATED);
	let mut other = PNG.to_vec();
	other.push(0);
	let (status, _, body) = send(&router, upload(&user, &other, "image/png")).await;
	assert_eq!(
		(status, json(&body)["code"].as_str()),
		(StatusCode::FORBIDDEN, Some("quota_exceeded"))
	);
}

#[tokio::test]
async fn the_openapi_document_describes_every_route() {
	let dir = tempfile::tempdir().unwrap();
	let router = router(dir.path(), 1024, 1 << 20).await;
	let (status, _, body) =
		send(&router, Request::get("/api/openapi.json").body(Body::empty()).unwrap()).await;
	assert_eq!(status, StatusCode::OK);
	let document = json(&body);
	assert!(document["openapi"].as_str().unwrap().starts_with("3."), "{}", document["openapi"]);
	let mut documented: Vec<String> = document["paths"]
		.as_object()
		.unwrap()
		.iter()
		.flat_map(|(path, item)| {
			item.as_object().unwrap().keys().map(move |m| format!("{m} {path}"))
		})
		.collect();
	documented.sort();
	// Every route the router serves under /api, but the document itself; and the tag reads.
	let served = vec![
		"post /api/accounts",
		"post /api/session",
		"delete /api/session",
		"get /api/me",
		"get /api/me/items",
		"get /api/me/sales",
		"get /api/listings",
		"post /api/attestations",
		"get /api/attestations",
		"post /api/flows/{flow}",
		"get /api/tx/{id}",
		"post /api/tx/{id}/signature",
		"post /api/keys/challenge",
		"post /api/keys/link",
		"post /api/content",
		"get /api/content/{cid}",
		"get /api/receipts/{id}",
		"get /api/tags/keys",
		"post /api/tags/nfc",
		"post /api/tags/qr",
		"get /api/tags/qr/{collection}/{item}",
		"post /api/tags/claim",
		"post /api/shop/products",
		"get /api/shop/products",
		"get /api/shop/products/{id}",
		"get /api/shop/cart",
		"post /api/shop/cart",
		"delete /api/shop/cart/{product}",
		"post /api/shop/checkout",
		"get /api/shop/orders",
		"get /api/shop/orders/{id}",
		"get /api/shop/sales",
		"post /api/shop/orders/{id}/confirm",
		"post /api/shop/orders/{id}/return",
		"post /api/shop/orders/{id}/return-received",
		"post /api/shop/orders/{id}/ship",
	];
	let mut all = served.clone();
	all.extend(["get /t/{epoch}", "get /01/{gtin}/21/{serial}"]);
	all.sort();
	assert_eq!(documented, all);
	for schema in ["SignUp", "LogIn", "SessionAnswer", "FlowRequest", "ErrorBody"] {
		assert!(document["components"]["schemas"][schema].is_object(), "schema {schema}");
	}
	// Each served route exists and answers an empty request with a JSON error (but the public
	// key and the catalog search, which need nothing).
	let public = ["get /api/tags/keys", "get /api/shop/products"];
	for route in served.iter().filter(|route| !public.contains(route)) {
		let (method, path) = route.split_once(' ').unwrap();
		let path = path
			.replace("{flow}", "mint")
			.replace("{id}", "0")
			.replace("{cid}", "x")
			.replace("{collection}", "0")
			.replace("{item}", "0")
			.replace("{product}", "x");
		let request = Request::builder().method(method.to_uppercase().as_str()).uri(&path);
		let (status, _, body) = send(&router, request.body(Body::empty()).unwrap()).await;
		assert!(status.is_client_error() || status.is_server_error(), "{route}: {status}");
		assert!(json(&body)["code"].is_string(), "{route}: {status}");
	}
}
