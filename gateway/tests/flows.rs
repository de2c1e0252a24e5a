//! Every flow that the first end-to-end test does not take, against a real `yinji-node --dev`:
//! a mint of several extrinsics with its progress, offers made, withdrawn and accepted (two at
//! once), a listing cancelled, a Dutch listing, English auctions settled, bid on and cancelled,
//! a gift, and a dispute ruled by a council motion that the institutions vote through the
//! gateway. After it, no password or key is in the gateway's data or logs.

// Test code: a failed expectation is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use axum::http::StatusCode;
use common::*;
use serde_json::json;
use yinji_client::{
	calls::consortium,
	subxt_signer::sr25519::dev,
	testing::{eventually, ok, wait_finalized},
	H256,
};
use yinji_gateway::accounts;

/// Every `event` in a flow's events.
fn all<'a>(events: &'a serde_json::Value, event: &str) -> Vec<&'a serde_json::Value> {
	events.as_array().unwrap().iter().filter(|e| e["event"] == event).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn every_trading_and_governance_flow_reaches_the_chain() {
	// Every thread's logs, the signing tasks' too (this binary has this one test).
	let logs = Captured::default();
	tracing::subscriber::set_global_default(logs.subscriber()).unwrap();
	let dir = tempfile::tempdir().unwrap();
	let (_node, chain, state, router) = gateway_on_dev_node(dir.path()).await;

	let museum = sign_up(&router, "ops@museum.example", "a museum passphrase", "buyer").await;
	let creator = sign_up(&router, "maker@example.com", "a maker passphrase", "creator").await;
	let collector = sign_up(&router, "collector@example.com", "a buyer passphrase", "buyer").await;
	accounts::grant(&state, "ops@museum.example", accounts::Role::Institution).await.unwrap();
	ok(
		chain
			.sudo_call(consortium::add_institution(account_id(&address(&museum))), &dev::alice())
			.await,
		"the museum joins Alice in the consortium",
	);
	fund(&chain, &[address(&museum), address(&creator), address(&collector)]).await;

	// The museum approves the creator's request once; it then leaves the pending list.
	let (status, _, body) = send(
		&router,
		post_as(&creator, "/api/attestations", json!({ "real_name": "王冕", "id_number": "X1" })),
	)
	.await;
	assert_eq!(status, StatusCode::CREATED);
	let request = json(&body)["request"].as_str().unwrap().to_string();
	run_flow(&router, &museum, "approve_attestation", json!({ "request": request })).await;
	let (_, _, body) = send(&router, get("/api/attestations", &museum)).await;
	assert_eq!(json(&body)["requests"], json!([]), "an approved request is no longer pending");
	let (status, _, body) =
		send(&router, flow(&museum, "approve_attestation", json!({ "request": request }))).await;
	assert_eq!((status, json(&body)["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
	// Gifts need the recipient verified too; Alice, a member institution, attests the collector.
	attest(&chain, &address(&collector), 1).await;

	// A work, a collection of 200 editions, and 120 of them minted in three extrinsics.
	let work = register_png(&router, &creator, "bafkreimeta", "Craft").await;
	let events = run_flow(
		&router,
		&creator,
		"create_collection",
		json!({ "work": work, "max_supply": 200, "metadata_cid": "bafkreicoll", "royalty_bp": 500 }),
	)
	.await;
	let collection = field(&events, "Collectibles.CollectionCreated", "collection");
	let (status, _, body) =
		send(&router, flow(&creator, "mint", json!({ "collection": collection, "count": 120 })))
			.await;
	assert_eq!(status, StatusCode::ACCEPTED, "{}", String::from_utf8_lossy(&body));
	assert_eq!(json(&body)["extrinsics"], 3);
	let mint = json(&body)["tx"].as_str().unwrap().to_string();
	let progress = std::sync::Mutex::new(Vec::new());
	let done = eventually("the mint finishes", 3 * MINUTE, || {
		let request = get(&format!("/api/tx/{mint}"), &creator);
		let (router, progress) = (&router, &progress);
		async move {
			let answer = json(&send(router, request).await.2);
			if answer["status"] == "submitted" {
				progress.lock().unwrap().push(answer["detail"]["done"].as_u64().unwrap());
				assert_eq!(answer["detail"]["of"], 3, "{answer}");
			}
			(answer["status"] != "submitted").then_some(answer)
		}
	})
	.await;
	assert_eq!(done["status"], "finalized", "{done}");
	let progress = progress.into_inner().unwrap();
	assert!(progress.windows(2).all(|w| w[0] <= w[1] && w[1] < 3), "progress {progress:?}");
	let minted = all(&done["detail"]["events"], "Collectibles.Minted");
	assert_eq!(minted.len(), 120);
	assert_eq!(minted[119]["fields"]["item"], 120);

	// Offers: one withdrawn by the collector, one accepted by the creator.
	let offer = |item: u64| json!({ "collection": collection, "item": item, "amount": 3 * UNIT });
	let events = run_flow(&router, &collector, "offer", offer(1)).await;
	let first = field(&events, "Marketplace.OfferMade", "offer");
	let events = run_flow(&router, &collector, "withdraw_offer", json!({ "offer": first })).await;
	assert_eq!(field(&events, "Marketplace.OfferWithdrawn", "offer"), first);
	let events = run_flow(&router, &collector, "offer", offer(1)).await;
	let second = field(&events, "Marketplace.OfferMade", "offer");
	let events = run_flow(&router, &creator, "accept_offer", json!({ "offer": second })).await;
	let settled = all(&events, "Marketplace.Settled");
	assert_eq!(settled.len(), 1, "{events}");
	assert_eq!(settled[0]["fields"]["buyer"], address(&collector));

	// Two flows of one user at the same moment both go through (each takes its own nonce).
	let (first, second) = tokio::join!(
		send(&router, flow(&collector, "offer", offer(5))),
		send(&router, flow(&collector, "offer", offer(6))),
	);
	for (status, _, body) in [first, second] {
		assert_eq!(status, StatusCode::ACCEPTED);
		let tx = json(&body)["tx"].as_str().unwrap().to_string();
		let done = eventually("a concurrent offer is finalized", 3 * MINUTE, || {
			let request = get(&format!("/api/tx/{tx}"), &collector);
			let router = &router;
			async move {
				let answer = json(&send(router, request).await.2);
				(answer["status"] != "submitted").then_some(answer)
			}
		})
		.await;
		assert_eq!(done["status"], "finalized", "{done}");
	}

	// A listing cancelled, and a Dutch listing.
	let item = |item: u64| json!({ "collection": collection, "item": item });
	let listing = json!({ "collection": collection, "item": 2, "amount": 5 * UNIT });
	run_flow(&router, &creator, "list", listing).await;
	let events = run_flow(&router, &creator, "cancel_listing", item(2)).await;
	assert_eq!(all(&events, "Marketplace.ListingRemoved").len(), 1, "{events}");
	let dutch = json!({
		"collection": collection, "item": 3, "amount": 9 * UNIT, "floor": 2 * UNIT,
		"decay_per_block": UNIT / 10, "expires_in": 1_000,
	});
	let events = run_flow(&router, &creator, "list_dutch", dutch).await;
	assert_eq!(all(&events, "Marketplace.Listed").len(), 1, "{events}");

	// English auctions: one ends without bids and is settled (closed unsold), one takes a bid,
	// one is cancelled by its seller.
	let auction = |item: u64, blocks: u64| json!({ "collection": collection, "item": item, "amount": 2 * UNIT, "expires_in": blocks });
	let events = run_flow(&router, &creator, "create_auction", auction(4, 5)).await;
	let ends_at = field(&events, "Marketplace.AuctionCreated", "ends_at");
	wait_finalized(&chain, ends_at + 1, 3 * MINUTE).await;
	let events = run_flow(&router, &collector, "settle_auction", item(4)).await;
	assert_eq!(all(&events, "Marketplace.AuctionClosedUnsold").len(), 1, "{events}");
	run_flow(&router, &creator, "create_auction", auction(7, 1_000)).await;
	let bid = json!({ "collection": collection, "item": 7, "amount": 2 * UNIT });
	let events = run_flow(&router, &collector, "bid", bid).await;
	assert_eq!(all(&events, "Marketplace.BidPlaced")[0]["fields"]["bidder"], address(&collector));
	run_flow(&router, &creator, "create_auction", auction(8, 1_000)).await;
	let events = run_flow(&router, &creator, "cancel_auction", item(8)).await;
	assert_eq!(all(&events, "Marketplace.AuctionClosedUnsold").len(), 1, "{events}");

	// A gift from a gift-only collection.
	let events = run_flow(
		&router,
		&creator,
		"create_collection",
		json!({ "work": work, "max_supply": 5, "metadata_cid": "bafkreigift", "policy": "GiftOnly" }),
	)
	.await;
	let gifts = field(&events, "Collectibles.CollectionCreated", "collection");
	run_flow(&router, &creator, "mint", json!({ "collection": gifts })).await;
	let gift = json!({ "collection": gifts, "item": 1, "to": address(&collector) });
	let events = run_flow(&router, &creator, "gift", gift).await;
	assert_eq!(all(&events, "Collectibles.Gifted").len(), 1, "{events}");

	// The collector takes item 1 (bought through an offer) to an EVM wallet; an address that is
	// not one is refused before anything reaches the chain.
	let export =
		|address: &str| json!({ "collection": collection, "item": 1, "evm_address": address });
	let (status, _, body) = send(&router, flow(&collector, "export_item", export("0x12"))).await;
	assert_eq!(
		(status, json(&body)["code"].as_str()),
		(StatusCode::BAD_REQUEST, Some("bad_evm_address"))
	);
	let wallet = format!("0x{}", "ab".repeat(20));
	let events = run_flow(&router, &collector, "export_item", export(&wallet)).await;
	let exported = all(&events, "Collectibles.Exported");
	assert_eq!(exported.len(), 1, "{events}");
	assert_eq!(exported[0]["fields"]["evm_owner"], wallet);
	assert_eq!(exported[0]["fields"]["from"], address(&collector));

	// The collector disputes the work; the council (Alice and the museum) dismisses the claim:
	// the museum proposes through the gateway, both vote, the museum closes.
	let photo = [PNG, b"evidence"].concat();
	let (_, _, body) = send(&router, upload(&collector, &photo, "image/png")).await;
	let evidence = json(&body)["cid_v1"].as_str().unwrap().to_string();
	run_flow(&router, &collector, "dispute", json!({ "work": work, "cid": evidence })).await;
	let motion = json!({ "motion": "rule_dispute", "work": work, "ruling": "DismissAndReturn" });
	let events = run_flow(&router, &museum, "propose_motion", motion).await;
	let proposed = all(&events, "Council.Proposed");
	let (hash, index) = (
		proposed[0]["fields"]["proposal_hash"].as_str().unwrap().to_string(),
		proposed[0]["fields"]["proposal_index"].as_u64().unwrap(),
	);
	let vote = json!({ "proposal": hash, "index": index, "approve": true });
	run_flow(&router, &museum, "vote", vote).await;
	let hash_bytes = H256(hex::decode(&hash[2..]).unwrap().try_into().unwrap());
	let aye = consortium::vote(hash_bytes, index.try_into().unwrap(), true);
	ok(chain.submit_call(&aye, &dev::alice()).await, "Alice votes aye");
	let close = json!({ "proposal": hash, "index": index });
	let events = run_flow(&router, &museum, "close_motion", close).await;
	assert_eq!(all(&events, "Council.Executed").len(), 1, "{events}");
	assert_eq!(all(&events, "Works.DisputeRuled").len(), 1, "{events}");

	// After all that signing, no password or key is in the gateway's data or logs.
	let passwords = ["a museum passphrase", "a maker passphrase", "a buyer passphrase"];
	assert_no_secrets(&dir.path().join("data"), &logs, &passwords).await;
}
