//! The gateway on Postgres (Debian's `postgresql`, started on loopback by the test): its
//! migrations apply, and accounts, sessions, uploads with their quota sum and attestation
//! requests work as on SQLite; the shop's search finds words inside Chinese text, and of two
//! checkouts of the last unit exactly one succeeds.

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

#[tokio::test(flavor = "multi_thread")]
async fn the_catalog_search_and_the_last_unit_hold_on_postgres() {
	use yinji_gateway::shop::{cart, catalog, checkout};
	let dir = tempfile::tempdir().unwrap();
	let postgres = Postgres::start();
	let mut config = config(dir.path(), 1024, 1 << 20);
	config.database_url = Some(postgres.database("gateway"));
	let state = AppState::open(config).await.unwrap();
	let router = app(state.clone());
	let seller = sign_up(&router, "kiln@example.com", "a long passphrase", "creator").await;
	let product = |title: &str, price: i64, stock: i64| catalog::NewProduct {
		seller_id: seller.user["id"].as_str().unwrap().to_string(),
		collection: 0,
		kind: "physical",
		title: title.to_string(),
		creator_name: "景德镇 Kiln Li".to_string(),
		story: "手工拉坯 Thrown by hand".to_string(),
		tags: "茶具 teaware".to_string(),
		price,
		stock,
		royalty_bp: 500,
		edition_of: 10,
		image_cid: None,
		featured: false,
		items: (1..=u32::try_from(stock).unwrap()).collect(),
	};
	let pot =
		catalog::insert_product(&state, &product("紫砂茶壶 Clay teapot", 20, 1)).await.unwrap();
	// Another collection's items: an item is on sale in one product at most.
	let cups = catalog::NewProduct { collection: 1, ..product("青花茶杯 Blue cups", 5, 3) };
	catalog::insert_product(&state, &cups).await.unwrap();
	let again = catalog::insert_product(&state, &product("紫砂茶壶 Again", 20, 1)).await;
	let refused = again.unwrap_err();
	assert_eq!(refused.status(), StatusCode::CONFLICT, "{}", refused.message());
	assert!(refused.message().contains("already on sale"), "the unique key holds on Postgres");
	let titles = |search: catalog::Search| {
		let state = state.clone();
		async move {
			let found = catalog::find(&state, &search).await.unwrap();
			found.products.into_iter().map(|p| p.title).collect::<Vec<_>>()
		}
	};
	let search = |q: &str| catalog::Search { q: Some(q.to_string()), ..Default::default() };
	assert_eq!(titles(search("茶壶")).await, ["紫砂茶壶 Clay teapot"], "inside Chinese text");
	assert_eq!(titles(search("teapot")).await, ["紫砂茶壶 Clay teapot"], "an English word");
	assert_eq!(titles(search("茶")).await.len(), 2);
	let cheap =
		catalog::Search { max: Some(10), sort: Some("price_asc".into()), ..Default::default() };
	assert_eq!(titles(cheap).await, ["青花茶杯 Blue cups"]);

	// Two buyers take the last tea pot at the same moment: exactly one gets it.
	let a = sign_up(&router, "a@example.com", "a long passphrase", "buyer").await;
	let b = sign_up(&router, "b@example.com", "a long passphrase", "buyer").await;
	let line = || cart::CartLine {
		product: pot.clone(),
		title: "紫砂茶壶 Clay teapot".into(),
		kind: "physical".into(),
		price: 20,
		quantity: 1,
		stock: 1,
	};
	let ship = (Some("王小明".to_string()), Some("上海".to_string()));
	let (lines_a, lines_b) = (vec![line()], vec![line()]);
	let (id_a, id_b) = (a.user["id"].as_str().unwrap(), b.user["id"].as_str().unwrap());
	let (first, second) = tokio::join!(
		checkout::take_units(&state, "order-a", id_a, &lines_a, (&ship.0, &ship.1), 20),
		checkout::take_units(&state, "order-b", id_b, &lines_b, (&ship.0, &ship.1), 20),
	);
	assert_eq!(
		[first.is_ok(), second.is_ok()].iter().filter(|ok| **ok).count(),
		1,
		"{first:?} {second:?}"
	);
	let refused = first.err().or(second.err()).unwrap();
	assert_eq!(refused.status(), StatusCode::CONFLICT);
	let stock: i64 = sqlx::query_scalar("SELECT stock FROM products WHERE id = $1")
		.bind(pot)
		.fetch_one(&state.db)
		.await
		.unwrap();
	assert_eq!(stock, 0);
}
