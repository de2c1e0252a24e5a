//! What the gateway's route tests share: a router on a temporary data directory and a user.

// Test code: a failed expectation is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, dead_code)]

use axum::{
	body::Body,
	http::{header, HeaderMap, Request, StatusCode},
	Router,
};
use http_body_util::BodyExt;
use tower::ServiceExt;
use yinji_gateway::{app, AppState, Config};

/// The master key the tests seal custodial keys with.
pub const MASTER: &str = "1111111111111111111111111111111111111111111111111111111111111111";

/// A router over a fresh data directory in `dir`.
pub async fn router(dir: &std::path::Path, max_upload: usize, upload_quota: u64) -> Router {
	let key = dir.join("master.key");
	std::fs::write(&key, MASTER).unwrap();
	let config = Config {
		listen: "127.0.0.1:0".parse().unwrap(),
		data_dir: dir.join("data"),
		database_url: None,
		master_key_file: Some(key),
		public_origin: None,
		max_upload,
		upload_quota,
		node: None,
		index_database_url: None,
	};
	app(AppState::open(config).await.unwrap())
}

/// A response's status, headers and body.
pub async fn send(router: &Router, request: Request<Body>) -> (StatusCode, HeaderMap, Vec<u8>) {
	let response = router.clone().oneshot(request).await.unwrap();
	let (parts, body) = response.into_parts();
	(parts.status, parts.headers, body.collect().await.unwrap().to_bytes().to_vec())
}

/// A body as JSON.
pub fn json(body: &[u8]) -> serde_json::Value {
	serde_json::from_slice(body)
		.unwrap_or_else(|_| panic!("JSON: {}", String::from_utf8_lossy(body)))
}

/// A JSON request.
pub fn post_json(path: &str, body: serde_json::Value) -> Request<Body> {
	Request::post(path)
		.header(header::CONTENT_TYPE, "application/json")
		.header(header::HOST, "shop.test")
		.body(Body::from(body.to_string()))
		.unwrap()
}

/// A logged-in user: the cookie to send and the CSRF token.
#[derive(Clone, Debug)]
pub struct Login {
	/// `Cookie` header value.
	pub cookie: String,
	/// `X-CSRF-Token` header value.
	pub csrf: String,
	/// The user as answered.
	pub user: serde_json::Value,
}

/// The session cookie a response sets.
pub fn session_cookie(headers: &HeaderMap) -> String {
	let set = headers[header::SET_COOKIE].to_str().unwrap();
	set.split(';').next().unwrap().to_string()
}

/// Signs up `email` with `password` and returns the session.
pub async fn sign_up(router: &Router, email: &str, password: &str, role: &str) -> Login {
	let body = serde_json::json!({ "email": email, "password": password, "role": role });
	let (status, headers, body) = send(router, post_json("/api/accounts", body)).await;
	assert_eq!(status, StatusCode::CREATED, "{}", String::from_utf8_lossy(&body));
	let answer = json(&body);
	Login {
		cookie: session_cookie(&headers),
		csrf: answer["csrf_token"].as_str().unwrap().to_string(),
		user: answer["user"].clone(),
	}
}

/// An upload of `bytes` as `login`.
pub fn upload(login: &Login, bytes: &[u8], content_type: &str) -> Request<Body> {
	Request::post("/api/content")
		.header(header::CONTENT_TYPE, content_type)
		.header(header::HOST, "shop.test")
		.header(header::COOKIE, &login.cookie)
		.header("x-csrf-token", &login.csrf)
		.body(Body::from(bytes.to_vec()))
		.unwrap()
}

/// A tiny valid PNG.
pub const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\x90wS\xde";
