//! The studio, member and console pages without a node: who may see which page, and what each
//! says when a part of the stack is missing. (Their work against a real node, indexer and
//! browser is in `browser.rs`.)

// Test code: a failed expectation is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use axum::{body::Body, http::Request, http::StatusCode};
use common::*;
use yinji_gateway::{accounts::Role, app, AppState};

fn text(body: &[u8]) -> String {
	String::from_utf8_lossy(body).into_owned()
}

#[tokio::test]
async fn each_page_asks_for_a_log_in_then_for_the_right_role() {
	let dir = tempfile::tempdir().unwrap();
	let state = AppState::open(config(dir.path(), 1 << 20, 1 << 30)).await.unwrap();
	let router = app(state.clone());
	for page in ["/studio", "/me", "/console"] {
		let (status, _, body) =
			send(&router, Request::get(page).body(Body::empty()).unwrap()).await;
		assert_eq!(status, StatusCode::OK, "{page}");
		assert!(text(&body).contains("请先登录 Log in first"), "{page}: {}", text(&body));
	}
	let password = "a long enough passphrase";
	let buyer = sign_up(&router, "buyer@example.com", password, "buyer").await;
	let (_, _, body) = send(&router, get("/studio", &buyer)).await;
	assert!(text(&body).contains("The studio is for creators."), "{}", text(&body));
	let (_, _, body) = send(&router, get("/console", &buyer)).await;
	assert!(text(&body).contains("The console is for member institutions."), "{}", text(&body));
	// The navigation offers a buyer the member page, not the studio or the console.
	let (_, _, body) = send(&router, get("/me", &buyer)).await;
	let page = text(&body);
	assert!(page.contains(r#"href="/me""#) && !page.contains(r#"href="/studio""#), "{page}");
	assert!(!page.contains(r#"href="/console""#), "{page}");
	assert!(page.contains(&address(&buyer)), "the member page names the account");

	// A creator's studio needs the index; without one it says so (and changes nothing).
	let creator = sign_up(&router, "maker@example.com", password, "creator").await;
	let (status, _, body) = send(&router, get("/studio", &creator)).await;
	assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{}", text(&body));
	assert_eq!(json(&body)["code"], "no_index");

	// An institution operator's console lists the pending requests, details included.
	let body = serde_json::json!({ "real_name": "王冕", "id_number": "X1" });
	let (status, _, _) = send(&router, post_as(&creator, "/api/attestations", body)).await;
	assert_eq!(status, StatusCode::CREATED);
	let operator = sign_up(&router, "ops@museum.example", password, "buyer").await;
	yinji_gateway::accounts::grant(&state, "ops@museum.example", Role::Institution).await.unwrap();
	let (status, _, body) = send(&router, get("/console", &operator)).await;
	assert_eq!(status, StatusCode::OK);
	let page = text(&body);
	assert!(page.contains("王冕") && page.contains(&address(&creator)), "{page}");
	assert!(page.contains(r#"data-api="/api/flows/approve_attestation""#), "{page}");
}
