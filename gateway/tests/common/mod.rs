//! What the gateway's route tests share: a router on a temporary data directory and a user.

// Test code: a failed expectation is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, dead_code, unused_imports)]

mod secrets;

pub use secrets::{assert_no_secrets, Captured};

use axum::{
	body::Body,
	http::{header, HeaderMap, Request, StatusCode},
	Router,
};
use http_body_util::BodyExt;
use std::time::Duration;
use tower::ServiceExt;
use yinji_client::{
	calls::{batch_all, marketplace, transfer, works, SETTLEMENT_UNIT},
	subxt_signer::sr25519::dev,
	testing::{eventually, ok, wait_finalized, DevNode},
	AccountId32, Chain,
};
use yinji_gateway::{app, AppState, Config};

/// The master key the tests seal custodial keys with.
pub const MASTER: &str = "1111111111111111111111111111111111111111111111111111111111111111";

/// The settings of a gateway over a fresh data directory in `dir`: SQLite, the embedded store,
/// no node.
pub fn config(dir: &std::path::Path, max_upload: usize, upload_quota: u64) -> Config {
	let key = dir.join("master.key");
	std::fs::write(&key, MASTER).unwrap();
	Config {
		listen: "127.0.0.1:0".parse().unwrap(),
		data_dir: dir.join("data"),
		database_url: None,
		master_key_file: Some(key),
		public_origin: None,
		max_upload,
		upload_quota,
		node: None,
		index_database_url: None,
		tag_epoch: 1,
		kubo_api: None,
		verifier_key_file: None,
	}
}

/// A router over a fresh data directory in `dir`.
pub async fn router(dir: &std::path::Path, max_upload: usize, upload_quota: u64) -> Router {
	app(AppState::open(config(dir, max_upload, upload_quota)).await.unwrap())
}

/// A logged-in user's JSON request.
pub fn post_as(login: &Login, path: &str, body: serde_json::Value) -> Request<Body> {
	let mut request = post_json(path, body);
	let headers = request.headers_mut();
	headers.insert(header::COOKIE, login.cookie.parse().unwrap());
	headers.insert("x-csrf-token", login.csrf.parse().unwrap());
	request
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

/// One unit of the native currency.
pub const UNIT: u128 = 1_000_000_000_000;
/// One yuan of the settlement asset (the shop's currency), in fen.
pub const YUAN: u128 = SETTLEMENT_UNIT;
/// A minute.
pub const MINUTE: Duration = Duration::from_secs(60);

/// A logged-in user's GET of `path`.
pub fn get(path: &str, login: &Login) -> Request<Body> {
	Request::get(path).header(header::COOKIE, &login.cookie).body(Body::empty()).unwrap()
}

/// `POST /api/flows/{name}` as `login`.
pub fn flow(login: &Login, name: &str, body: serde_json::Value) -> Request<Body> {
	post_as(login, &format!("/api/flows/{name}"), body)
}

/// Submits a flow and waits until its transaction is finalized; returns its events.
pub async fn run_flow(
	router: &Router,
	login: &Login,
	name: &str,
	body: serde_json::Value,
) -> serde_json::Value {
	run_flow_tx(router, login, name, body).await.1
}

/// [`run_flow`], also returning the transaction's id.
pub async fn run_flow_tx(
	router: &Router,
	login: &Login,
	name: &str,
	body: serde_json::Value,
) -> (String, serde_json::Value) {
	let (status, _, answer) = send(router, flow(login, name, body)).await;
	assert_eq!(status, StatusCode::ACCEPTED, "{name}: {}", String::from_utf8_lossy(&answer));
	finalized(router, login, name, &answer).await
}

/// Waits until the transaction a request answered (202, `{"tx": …}`) is finalized; returns its
/// id and events.
pub async fn finalized(
	router: &Router,
	login: &Login,
	name: &str,
	answer: &[u8],
) -> (String, serde_json::Value) {
	let tx = json(answer)["tx"].as_str().unwrap().to_string();
	let done = eventually(&format!("{name} finalized"), 2 * MINUTE, || {
		let request = get(&format!("/api/tx/{tx}"), login);
		async move {
			let (_, _, body) = send(router, request).await;
			let answer = json(&body);
			(answer["status"] != "submitted").then_some(answer)
		}
	})
	.await;
	assert_eq!(done["status"], "finalized", "{name}: {done}");
	(tx, done["detail"]["events"].clone())
}

/// Field `name` of the first `event` in a flow's events.
pub fn field(events: &serde_json::Value, event: &str, name: &str) -> u64 {
	events
		.as_array()
		.unwrap()
		.iter()
		.find(|e| e["event"] == event)
		.and_then(|e| e["fields"][name].as_u64())
		.unwrap_or_else(|| panic!("{event}.{name} in {events}"))
}

/// The account of a `0x`-hex address, as calls take it.
pub fn account_id(address: &str) -> AccountId32 {
	AccountId32(hex::decode(&address[2..]).unwrap().try_into().unwrap())
}

/// A dev node, finalizing, and a gateway (SQLite, embedded store) connected to it, over `dir`.
pub async fn gateway_on_dev_node(dir: &std::path::Path) -> (DevNode, Chain, AppState, Router) {
	gateway_on(dir, false).await
}

/// [`gateway_on_dev_node`], with the indexer following the node into SQLite in the background
/// and the gateway reading that index.
pub async fn gateway_with_index(dir: &std::path::Path) -> (DevNode, Chain, AppState, Router) {
	gateway_on(dir, true).await
}

async fn gateway_on(dir: &std::path::Path, indexed: bool) -> (DevNode, Chain, AppState, Router) {
	let node = DevNode::start(&dir.join("chain"));
	let chain = node.connect().await;
	wait_finalized(&chain, 1, 3 * MINUTE).await;
	let mut config = config(dir, 1 << 20, 1 << 30);
	config.node = Some(node.url());
	if indexed {
		let url = format!("sqlite://{}", dir.join("index.db").display());
		let index = yinji_indexer::Db::open(&url).await.unwrap();
		let node_url = node.url();
		tokio::spawn(async move {
			let options = yinji_indexer::Options::default();
			if let Err(error) = yinji_indexer::run(&node_url, &index, &options).await {
				panic!("the indexer stopped: {error}");
			}
		});
		config.index_database_url = Some(url);
	}
	// Alice, the dev chain's member institution, verifies taps for claims.
	let verifier = dir.join("verifier.suri");
	std::fs::write(&verifier, "//Alice\n").unwrap();
	config.verifier_key_file = Some(verifier);
	let state = AppState::open(config).await.unwrap();
	let router = app(state.clone());
	(node, chain, state, router)
}

/// A logged-in user's chain address.
pub fn address(login: &Login) -> String {
	login.user["address"].as_str().unwrap().to_string()
}

/// Alice (rich on the dev chain) sends each of `addresses` 1 000 units for fees and prices.
pub async fn fund(chain: &Chain, addresses: &[String]) {
	let transfers = addresses.iter().map(|to| transfer(account_id(to), 1_000 * UNIT)).collect();
	ok(chain.submit_call(&batch_all(transfers), &dev::alice()).await, "fund the users");
}

/// Alice, named the settlement asset's issuer by sudo (as the council would), issues each of
/// `addresses` 10 000 yuan, for prices in the shop.
pub async fn issue_yuan(chain: &Chain, addresses: &[String]) {
	let alice = AccountId32(dev::alice().public_key().0);
	let signer = dev::alice();
	let named = chain.sudo_call(marketplace::set_settlement_issuer(Some(alice)), &signer);
	ok(named.await, "name Alice the settlement issuer");
	let issues = addresses
		.iter()
		.map(|to| marketplace::issue_settlement(account_id(to), 10_000 * YUAN, [7; 32]))
		.collect();
	ok(chain.submit_call(&batch_all(issues), &dev::alice()).await, "issue settlement yuan");
}

/// `address`'s balance of the settlement asset, at the finalized head.
pub async fn yuan_of(chain: &Chain, address: &str) -> u128 {
	let head = ok(chain.finalized_number().await, "the finalized head");
	let view = ok(chain.at(head).await, "the finalized head's state");
	let balance = yinji_client::runtime::yinji::storage().assets().account();
	let account = ok(
		view.fetch(balance, (yinji_client::calls::SETTLEMENT_ASSET, account_id(address))).await,
		"the settlement balance",
	);
	account.map_or(0, |account| account.balance)
}

/// Alice, a member institution of the dev chain, attests `address` at KYC `level`.
pub async fn attest(chain: &Chain, address: &str, level: u8) {
	let call = works::attest_creator(account_id(address), level, 1_000_000);
	ok(chain.submit_call(&call, &dev::alice()).await, "attest");
}

/// Uploads the test PNG as `creator` and registers it as a work of `kind` with `metadata`;
/// returns the work's id once the registration is finalized.
pub async fn register_png(router: &Router, creator: &Login, metadata: &str, kind: &str) -> u64 {
	let (status, _, body) = send(router, upload(creator, PNG, "image/png")).await;
	assert_eq!(status, StatusCode::CREATED, "{}", String::from_utf8_lossy(&body));
	let cid = json(&body)["cid_v1"].as_str().unwrap().to_string();
	let request = serde_json::json!({ "cid": cid, "metadata_cid": metadata, "kind": kind });
	let events = run_flow(router, creator, "register_work", request).await;
	field(&events, "Works.WorkRegistered", "work")
}
