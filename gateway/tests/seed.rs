//! `yinji-gateway seed` on a real `yinji-node --dev`: the demo shop has its creators' products
//! on sale, found by search, and every test tag it prints reads as genuine.

// Test code: a failed expectation is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use axum::{
	body::Body,
	http::{Request, StatusCode},
};
use common::*;
use yinji_client::testing::eventually;

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_shop_has_products_on_sale_and_genuine_test_tags() {
	let dir = tempfile::tempdir().unwrap();
	let (_node, _chain, state, router) = gateway_on_dev_node(dir.path()).await;
	let seeded = yinji_gateway::seed::seed(state.clone()).await.unwrap();
	assert_eq!(seeded.users.len(), 3);

	let catalog = |query: &'static str| {
		let router = router.clone();
		async move {
			let request =
				Request::get(format!("/api/shop/products?{query}")).body(Body::empty()).unwrap();
			let (status, _, body) = send(&router, request).await;
			assert_eq!(status, StatusCode::OK);
			json(&body)
		}
	};
	// The collectible goes on sale once its listings are final.
	eventually("four products on sale", MINUTE, || async {
		(catalog("available=true").await["total"] == 4).then_some(())
	})
	.await;
	assert_eq!(catalog("q=%E8%8C%B6%E5%85%B7").await["total"], 2, "茶具: the teapot and the cups");
	assert_eq!(catalog("kind=collectible").await["total"], 1);

	// Four physical products' worth of tags: one printed code and the rest NFC per product.
	assert_eq!(seeded.tags.len(), 4 + 3 + 2);
	assert_eq!(seeded.tags.iter().filter(|(_, qr, _)| !qr.is_empty()).count(), 3);
	for (item, qr, opens) in &seeded.tags {
		let request = Request::get(opens.as_str())
			.header("accept", "application/json")
			.body(Body::empty())
			.unwrap();
		let (status, _, body) = send(&router, request).await;
		assert_eq!(status, StatusCode::OK, "{item}");
		assert_eq!(json(&body)["verdict"]["verdict"], "genuine", "{item}: {}", json(&body));
		if !qr.is_empty() {
			let (status, _, svg) =
				send(&router, Request::get(qr.as_str()).body(Body::empty()).unwrap()).await;
			assert_eq!(status, StatusCode::OK, "{item}");
			assert!(String::from_utf8(svg).unwrap().contains("<svg"));
		}
	}
}
