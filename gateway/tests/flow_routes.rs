//! Route tests of `POST /api/flows/{flow}` without a node: every flow refuses the wrong role, a
//! missing field and a malformed one with a clear 4xx before anything is signed, and a complete
//! request answers 503 while the gateway has no node. (The flows' successes run against a real
//! node in `end_to_end.rs` and `flows.rs`.)

// Test code: a failed expectation is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use axum::http::StatusCode;
use common::*;
use serde_json::json;
use yinji_gateway::{accounts::Role, flows::calls::FLOWS};

const ACCOUNT: &str = "0x1111111111111111111111111111111111111111111111111111111111111111";

/// A request each flow accepts as complete (the fields it needs, well formed).
fn complete(flow: &str) -> serde_json::Value {
	match flow {
		"register_work" => json!({ "cid": "unused", "metadata_cid": "m", "kind": "Image" }),
		"create_collection" => json!({ "work": 0, "max_supply": 5, "metadata_cid": "m" }),
		"mint" | "buy_from_drop" => json!({ "collection": 0, "amount": 1 }),
		"list" | "buy" | "offer" | "bid" | "create_auction" => {
			json!({ "collection": 0, "item": 1, "amount": 10, "expires_at": 100 })
		}
		"list_dutch" => json!({
			"collection": 0, "item": 1, "amount": 10, "floor": 5, "decay_per_block": 1,
			"expires_at": 100,
		}),
		"cancel_listing" | "settle_auction" | "cancel_auction" => {
			json!({ "collection": 0, "item": 1 })
		}
		"withdraw_offer" | "accept_offer" => json!({ "offer": 0 }),
		"gift" => json!({ "collection": 0, "item": 1, "to": ACCOUNT }),
		"export_item" => {
			json!({ "collection": 0, "item": 1, "evm_address": format!("0x{}", "ab".repeat(20)) })
		}
		"bind_tag" => json!({
			"collection": 0, "item": 1, "tag": ACCOUNT, "tag_kind": "Ntag424", "key_epoch": 1,
		}),
		"unbind_tag" => json!({ "collection": 0, "item": 1, "reason": "Lost" }),
		"dispute" => json!({ "work": 0, "cid": "bafkreievidence" }),
		"set_made_to_order" => json!({ "collection": 0, "made_to_order": true }),
		"dispute_order" => json!({ "order": 0 }),
		"resolve_dispute" => json!({ "order": 0, "amount": 10 }),
		"issue_settlement" => json!({ "to": ACCOUNT, "amount": 100, "reference": "transfer 42" }),
		"redeem_settlement" => json!({ "amount": 100, "reference": "payout 42" }),
		"approve_attestation" => json!({ "request": "unknown" }),
		"propose_motion" => json!({ "motion": "add_validator", "to": ACCOUNT }),
		"vote" => {
			json!({ "proposal": format!("0x{}", "22".repeat(32)), "index": 0, "approve": true })
		}
		"close_motion" => json!({ "proposal": format!("0x{}", "22".repeat(32)), "index": 0 }),
		other => panic!("no complete request for {other}"),
	}
}

fn role_name(role: Role) -> &'static str {
	match role {
		Role::Buyer => "buyer",
		Role::Creator => "creator",
		Role::Institution => "institution",
		Role::Admin => "admin",
	}
}

#[tokio::test]
async fn every_flow_checks_role_and_fields_before_anything_is_signed() {
	let dir = tempfile::tempdir().unwrap();
	let state = yinji_gateway::AppState::open(config(dir.path(), 1024, 1 << 20)).await.unwrap();
	let router = yinji_gateway::app(state.clone());
	let mut users = std::collections::HashMap::new();
	for role in [Role::Buyer, Role::Creator, Role::Institution] {
		let email = format!("{}@example.com", role_name(role));
		let login = sign_up(&router, &email, "a long passphrase", "buyer").await;
		yinji_gateway::accounts::grant(&state, &email, role).await.unwrap();
		users.insert(role_name(role), login);
	}
	for (flow, roles) in FLOWS {
		let allowed = &users[role_name(roles[0])];
		let refused = [Role::Buyer, Role::Creator, Role::Institution]
			.into_iter()
			.find(|role| !roles.contains(role))
			.map(|role| &users[role_name(role)]);
		if let Some(refused) = refused {
			let (status, _, body) =
				send(&router, flow_request(refused, flow, complete(flow))).await;
			assert_eq!(
				(status, json(&body)["code"].as_str()),
				(StatusCode::FORBIDDEN, Some("forbidden")),
				"{flow} as a user without the role"
			);
		}
		let (status, _, body) = send(&router, flow_request(allowed, flow, json!({}))).await;
		assert_eq!(
			(status, json(&body)["code"].as_str()),
			(StatusCode::BAD_REQUEST, Some("missing_field")),
			"{flow} with no fields: {}",
			String::from_utf8_lossy(&body)
		);
		assert!(json(&body)["message"].as_str().unwrap().ends_with("is required"));
		let (status, _, body) = send(&router, flow_request(allowed, flow, complete(flow))).await;
		let expected = match *flow {
			// These look something up in the gateway first, and do not find it.
			"register_work" => (StatusCode::BAD_REQUEST, "bad_cid"),
			"approve_attestation" => (StatusCode::NOT_FOUND, "not_found"),
			_ => (StatusCode::SERVICE_UNAVAILABLE, "no_chain"),
		};
		assert_eq!(
			(status, json(&body)["code"].as_str().unwrap()),
			expected,
			"{flow} complete: {}",
			String::from_utf8_lossy(&body)
		);
	}
	// Nothing was recorded as submitted.
	let submitted: i64 =
		sqlx::query_scalar("SELECT COUNT(*) FROM transactions").fetch_one(&state.db).await.unwrap();
	assert_eq!(submitted, 0);
}

fn flow_request(
	login: &Login,
	flow: &str,
	body: serde_json::Value,
) -> axum::http::Request<axum::body::Body> {
	common::flow(login, flow, body)
}

#[tokio::test]
async fn malformed_fields_and_unknown_flows_are_refused_with_a_reason() {
	let dir = tempfile::tempdir().unwrap();
	let router = router(dir.path(), 1024, 1 << 20).await;
	let creator = sign_up(&router, "maker@example.com", "a long passphrase", "creator").await;
	let cases = [
		("gift", json!({ "collection": 0, "item": 1, "to": "0x1234" }), "bad_account"),
		(
			"export_item",
			json!({ "collection": 0, "item": 1, "evm_address": ACCOUNT }),
			"bad_evm_address",
		),
		(
			"create_collection",
			json!({ "work": 0, "max_supply": 5, "metadata_cid": "m", "policy": "Anything" }),
			"bad_value",
		),
		(
			"create_collection",
			json!({ "work": 0, "max_supply": 5, "metadata_cid": "m", "kind": "Hologram" }),
			"bad_value",
		),
		("mint", json!({ "collection": 0, "count": 0 }), "bad_count"),
		("mint", json!({ "collection": 0, "count": 10_001 }), "bad_count"),
		(
			"list_dutch",
			json!({ "collection": 0, "item": 1, "amount": 5, "floor": 6, "decay_per_block": 1 }),
			"bad_value",
		),
		(
			"list",
			json!({ "collection": 0, "item": 1, "amount": 5, "expires_at": 9, "expires_in": 9 }),
			"bad_value",
		),
		("list", json!({ "collection": 0, "item": 1, "amount": "ten" }), "bad_json"),
		("list", json!({ "collection": 0, "item": 1, "price": 5 }), "bad_json"),
	];
	for (flow, body, code) in cases {
		let (status, _, answer) = send(&router, flow_request(&creator, flow, body.clone())).await;
		assert!(status.is_client_error(), "{flow} {body}: {status}");
		assert_eq!(json(&answer)["code"], code, "{flow} {body}");
	}
	let (status, _, body) =
		send(&router, flow_request(&creator, "mint_everything", json!({}))).await;
	assert_eq!((status, json(&body)["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
	// Unknown routes answer in the API's error shape too.
	let (status, _, body) = send(&router, get("/api/nothing-here", &creator)).await;
	assert_eq!((status, json(&body)["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
}

#[tokio::test]
async fn institution_motions_check_their_fields() {
	let dir = tempfile::tempdir().unwrap();
	let state = yinji_gateway::AppState::open(config(dir.path(), 1024, 1 << 20)).await.unwrap();
	let router = yinji_gateway::app(state.clone());
	let museum = sign_up(&router, "ops@museum.example", "a long passphrase", "buyer").await;
	yinji_gateway::accounts::grant(&state, "ops@museum.example", Role::Institution).await.unwrap();
	let cases = [
		(json!({ "motion": "abolish_everything" }), "bad_value"),
		(json!({ "motion": "rule_dispute", "work": 0, "ruling": "Maybe" }), "bad_value"),
		(json!({ "motion": "add_node", "peer_id": "zz", "to": ACCOUNT }), "bad_peer_id"),
		(json!({ "motion": "add_validator", "to": "alice" }), "bad_account"),
	];
	for (body, code) in cases {
		let (status, _, answer) =
			send(&router, flow_request(&museum, "propose_motion", body.clone())).await;
		assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
		assert_eq!(json(&answer)["code"], code, "{body}");
	}
	let vote = json!({ "proposal": "0x1234", "index": 0, "approve": true });
	let (status, _, answer) = send(&router, flow_request(&museum, "vote", vote)).await;
	assert_eq!(
		(status, json(&answer)["code"].as_str()),
		(StatusCode::BAD_REQUEST, Some("bad_proposal"))
	);
}
