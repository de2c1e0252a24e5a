//! The gateway on Postgres (Debian's `postgresql`, started on loopback by the test): its
//! migrations apply, and accounts, sessions, uploads with their quota sum and attestation
//! requests work as on SQLite.

// Test code: a failed expectation is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use axum::http::StatusCode;
use common::*;
use serde_json::json;
use yinji_client::testing::Postgres;
use yinji_gateway::{accounts, app, AppState};

#[tokio::test(flavor = "multi_thread")]
async fn accounts_uploads_and_requests_work_on_postgres() {
	let dir = tempfile::tempdir().unwrap();
	let postgres = Postgres::start();
	let mut config = config(dir.path(), 1024, 2 * PNG.len() as u64 + 1);
	config.database_url = Some(postgres.database("gateway"));
	let state = AppState::open(config).await.unwrap();
	let router = app(state.clone());

	let creator = sign_up(&router, "maker@example.com", "a long passphrase", "creator").await;
	let (status, _, body) = send(&router, get("/api/me", &creator)).await;
	assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
	assert_eq!(json(&body)["user"]["email"], "maker@example.com");

	// Two uploads fit the quota (the second is the same file, counted once); a third does not.
	for _ in 0..2 {
		let (status, _, body) = send(&router, upload(&creator, PNG, "image/png")).await;
		assert_eq!(status, StatusCode::CREATED, "{}", String::from_utf8_lossy(&body));
	}
	let other = [PNG, b"1"].concat();
	assert_eq!(send(&router, upload(&creator, &other, "image/png")).await.0, StatusCode::CREATED);
	let third = [PNG, b"22"].concat();
	let (status, _, body) = send(&router, upload(&creator, &third, "image/png")).await;
	assert_eq!(
		(status, json(&body)["code"].as_str()),
		(StatusCode::FORBIDDEN, Some("quota_exceeded"))
	);

	// A creator's request reaches the institution, with its details kept here.
	let request = json!({ "real_name": "黄公望", "id_number": "Y2" });
	let (status, _, _) = send(&router, post_as(&creator, "/api/attestations", request)).await;
	assert_eq!(status, StatusCode::CREATED);
	let museum = sign_up(&router, "ops@museum.example", "a long passphrase", "buyer").await;
	accounts::grant(&state, "ops@museum.example", accounts::Role::Institution).await.unwrap();
	let (status, _, body) = send(&router, get("/api/attestations", &museum)).await;
	assert_eq!(status, StatusCode::OK);
	assert_eq!(json(&body)["requests"][0]["real_name"], "黄公望");

	// Log out ends the session on the server.
	let mut request = post_as(&creator, "/api/session", json!({}));
	*request.method_mut() = axum::http::Method::DELETE;
	assert!(send(&router, request).await.0.is_success());
	assert_eq!(send(&router, get("/api/me", &creator)).await.0, StatusCode::UNAUTHORIZED);
}
