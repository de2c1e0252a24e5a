//! `yinji-gateway seed`: a demo shop on a development chain — two creators with registered works,
//! physical products carrying test tags (NFC and printed QR), a collectible, and a buyer with
//! money to spend — made through the gateway's own API, so the demo shows what the API does.
//! Alice, the development chain's sudo and member institution, funds and attests the accounts;
//! as the council would, sudo names her the settlement asset's issuer and the arbiter of
//! disputed orders and sets the asset's points rate; as the issuer she then issues the buyer
//! (and the platform's points sponsor) settlement yuan. On any other chain the command refuses.

use crate::{app, AppState};
use anyhow::{anyhow, bail, Context};
use axum::{
	body::Body,
	http::{header, Method, Request, StatusCode},
	Router,
};
use http_body_util::BodyExt;
use serde_json::{json, Value as Json};
use sha2::Digest;
use tower::ServiceExt;
use yinji_client::{
	calls::{
		batch_all, loyalty, marketplace, settlement, transfer, works, PointsRate, SETTLEMENT_UNIT,
	},
	subxt_signer::sr25519::dev,
	AccountId32,
};

/// One unit of the native currency.
const UNIT: u128 = 1_000_000_000_000;
/// One yuan of the settlement asset.
const YUAN: u128 = SETTLEMENT_UNIT;
/// The runtime's points sponsor, who pays points discounts: the account of `PalletId(yj/spnsr)`
/// (`modl`, the id, then zeros).
const SPONSOR: [u8; 32] = *b"modlyj/spnsr\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0";

/// The demo buyer's log-in.
pub const BUYER: (&str, &str) = ("buyer@yinji.demo", "yinji demo buyer");

/// A logged-in demo user.
struct Login {
	cookie: String,
	csrf: String,
	address: String,
}

/// The gateway's API, called in process.
struct Api(Router);

impl Api {
	/// A JSON request (or none); the status, the JSON answer and the session cookie set.
	async fn call(
		&self,
		method: Method,
		path: &str,
		login: Option<&Login>,
		body: Option<Json>,
	) -> anyhow::Result<(StatusCode, Json, Option<String>)> {
		let body = body.map(|body| ("application/json", body.to_string().into_bytes()));
		self.send(method, path, login, body).await
	}

	/// A request with a body of the given content type (or none).
	async fn send(
		&self,
		method: Method,
		path: &str,
		login: Option<&Login>,
		body: Option<(&str, Vec<u8>)>,
	) -> anyhow::Result<(StatusCode, Json, Option<String>)> {
		let mut request = Request::builder().method(method).uri(path);
		if let Some(login) = login {
			request =
				request.header(header::COOKIE, &login.cookie).header("x-csrf-token", &login.csrf);
		}
		let request = match body {
			Some((content_type, bytes)) => {
				request.header(header::CONTENT_TYPE, content_type).body(Body::from(bytes))?
			}
			None => request.body(Body::empty())?,
		};
		let response = self.0.clone().oneshot(request).await?;
		let status = response.status();
		let cookie = response
			.headers()
			.get(header::SET_COOKIE)
			.and_then(|v| v.to_str().ok())
			.and_then(|v| v.split(';').next())
			.map(str::to_string);
		let bytes = response.into_body().collect().await?.to_bytes();
		Ok((status, serde_json::from_slice(&bytes).unwrap_or(Json::Null), cookie))
	}

	async fn call_expecting(
		&self,
		method: Method,
		path: &str,
		login: &Login,
		body: Json,
		want: StatusCode,
	) -> anyhow::Result<Json> {
		let (status, answer, _) = self.call(method, path, Some(login), Some(body)).await?;
		if status != want {
			bail!("{path}: {status} {answer}");
		}
		Ok(answer)
	}

	async fn sign_up(&self, email: &str, password: &str, role: &str) -> anyhow::Result<Login> {
		let body = json!({ "email": email, "password": password, "role": role });
		let (status, answer, cookie) =
			self.call(Method::POST, "/api/accounts", None, Some(body)).await?;
		if status != StatusCode::CREATED {
			bail!("sign up {email}: {status} {answer}");
		}
		Ok(Login {
			cookie: cookie.ok_or_else(|| anyhow!("no session cookie"))?,
			csrf: answer["csrf_token"].as_str().unwrap_or_default().to_string(),
			address: answer["user"]["address"].as_str().unwrap_or_default().to_string(),
		})
	}

	/// Waits until the transaction `answer` names is final; its events.
	async fn finalized(&self, login: &Login, what: &str, answer: &Json) -> anyhow::Result<Json> {
		let tx =
			answer["tx"].as_str().ok_or_else(|| anyhow!("{what}: no transaction in {answer}"))?;
		for _ in 0..600 {
			let (_, state, _) =
				self.call(Method::GET, &format!("/api/tx/{tx}"), Some(login), None).await?;
			match state["status"].as_str() {
				Some("finalized") => return Ok(state["detail"]["events"].clone()),
				Some("failed") => bail!("{what} failed: {}", state["detail"]["error"]),
				_ => tokio::time::sleep(std::time::Duration::from_millis(500)).await,
			}
		}
		bail!("{what} was not finalized within five minutes")
	}

	async fn flow(&self, login: &Login, name: &str, body: Json) -> anyhow::Result<Json> {
		let answer = self
			.call_expecting(
				Method::POST,
				&format!("/api/flows/{name}"),
				login,
				body,
				StatusCode::ACCEPTED,
			)
			.await?;
		self.finalized(login, name, &answer).await
	}
}

/// Field `name` of the first `event` in `events`.
fn field(events: &Json, event: &str, name: &str) -> anyhow::Result<u64> {
	events
		.as_array()
		.into_iter()
		.flatten()
		.find(|e| e["event"] == event)
		.and_then(|e| e["fields"][name].as_u64())
		.ok_or_else(|| anyhow!("no {event}.{name} in {events}"))
}

/// A square PNG of `size` pixels: a seal-red field with a pale frame and a pattern drawn from
/// `seed`, standing in for a product photo.
pub fn artwork(seed: u8, size: u32) -> anyhow::Result<Vec<u8>> {
	let mut pixels = Vec::with_capacity((size * size * 3) as usize);
	for y in 0..size {
		for x in 0..size {
			let frame =
				x < size / 12 || y < size / 12 || x >= size - size / 12 || y >= size - size / 12;
			let wave = ((x / 8) ^ (y / 8)).wrapping_add(u32::from(seed)) % 5 == 0;
			pixels.extend_from_slice(match (frame, wave) {
				(true, _) => &[0xF6, 0xF4, 0xEF],
				(false, true) => &[0xD9, 0x4F, 0x3D],
				(false, false) => &[0xA1, 0x1D, 0x21],
			});
		}
	}
	let mut out = Vec::new();
	let mut encoder = png::Encoder::new(&mut out, size, size);
	encoder.set_color(png::ColorType::Rgb);
	encoder.set_depth(png::BitDepth::Eight);
	encoder.write_header()?.write_image_data(&pixels)?;
	Ok(out)
}

/// One product of the demo.
struct Sample {
	title: &'static str,
	story: &'static str,
	tags: &'static [&'static str],
	physical: bool,
	units: u32,
	price: u128,
	royalty_bp: u16,
}

/// What the demo made, for the console.
pub struct Seeded {
	/// Log-ins of the demo's users: (e-mail, password, role).
	pub users: Vec<(String, String, String)>,
	/// The tagged items: (item, printable QR image path or empty, the URL path a scan or a tap
	/// opens).
	pub tags: Vec<(String, String, String)>,
}

/// Seeds the demo shop through the API of `state`'s gateway (connected to a development node).
pub async fn seed(state: AppState) -> anyhow::Result<Seeded> {
	let chain = state.chain.clone().ok_or_else(|| anyhow!("seed needs --node"))?;
	let keys = state.tags.root.epoch(state.tags.epoch);
	let api = Api(app(state.clone()));
	let creators = [
		("kiln@yinji.demo", "景德镇 Kiln Li", [
			Sample { title: "紫砂茶壶 Clay teapot", story: "手工拉坯，柴窑烧制，每一把都不同。 Thrown by hand and fired in a wood kiln: no two alike.", tags: &["茶具", "teaware", "陶瓷"], physical: true, units: 4, price: 88 * YUAN, royalty_bp: 500 },
			Sample { title: "青花茶杯一对 Blue-and-white cups", story: "青花釉下彩，一对两只。 Underglaze cobalt, a pair.", tags: &["茶具", "teaware", "青花"], physical: true, units: 3, price: 36 * YUAN, royalty_bp: 500 },
		]),
		("embroidery@yinji.demo", "苏绣工作室 Su Embroidery", [
			Sample { title: "苏绣团扇 Embroidered fan", story: "双面绣，真丝面料。 Double-sided embroidery on silk.", tags: &["苏绣", "embroidery", "扇"], physical: true, units: 2, price: 120 * YUAN, royalty_bp: 800 },
			Sample { title: "数字版画《锦鲤》 Koi print", story: "苏绣锦鲤的数字版画，限量。 A limited digital print of the embroidered koi.", tags: &["版画", "print", "锦鲤"], physical: false, units: 3, price: 12 * YUAN, royalty_bp: 1_000 },
		]),
	];
	let password = "yinji demo creator";
	let mut logins = Vec::new();
	for (email, _, _) in &creators {
		logins.push(
			api.sign_up(email, password, "creator")
				.await
				.with_context(|| format!("sign up {email}"))?,
		);
	}
	let buyer = api.sign_up(BUYER.0, BUYER.1, "buyer").await?;
	// Alice funds everyone and attests the creators, in one batch.
	let account = |login: &Login| {
		crate::bytes::from_hex::<32>(&login.address)
			.map(yinji_client::AccountId32)
			.ok_or_else(|| anyhow!("{} is not an account", login.address))
	};
	let mut calls = Vec::new();
	for login in logins.iter().chain([&buyer]) {
		calls.push(transfer(account(login)?, 10_000 * UNIT));
	}
	for login in &logins {
		calls.push(works::attest_creator(account(login)?, 2, u32::MAX));
	}
	chain
		.submit_call(&batch_all(calls), &dev::alice())
		.await
		.map_err(|e| anyhow!("fund and attest (is this a development chain?): {e}"))?;
	// What the council decides on a consortium network, sudo decides here.
	let alice = AccountId32(dev::alice().public_key().0);
	let rate = PointsRate { price_per_point: YUAN, point_value: YUAN / 100 };
	for (call, what) in [
		(marketplace::set_settlement_issuer(Some(alice)), "name the settlement issuer"),
		(marketplace::set_arbiter(Some(alice)), "name the arbiter"),
		(loyalty::set_rate(settlement(), Some(rate)), "set the settlement asset's points rate"),
	] {
		chain.sudo_call(call, &dev::alice()).await.map_err(|e| anyhow!("{what}: {e}"))?;
	}
	// The issuer issues settlement yuan against (made-up) bank transfers.
	let reference = |what: &str| -> [u8; 32] { sha2::Sha256::digest(what.as_bytes()).into() };
	let issues = vec![
		marketplace::issue_settlement(account(&buyer)?, 10_000 * YUAN, reference("demo buyer")),
		marketplace::issue_settlement(AccountId32(SPONSOR), 10_000 * YUAN, reference("sponsor")),
	];
	chain
		.submit_call(&batch_all(issues), &dev::alice())
		.await
		.map_err(|e| anyhow!("issue settlement yuan: {e}"))?;

	let mut tagged = Vec::new();
	let mut work_seed = 0u8;
	// The creators' products are made one creator after the other, each step waiting for the
	// chain: a few minutes on a development node.
	for ((_, creator_name, samples), login) in creators.iter().zip(&logins) {
		for sample in samples {
			work_seed = work_seed.wrapping_add(1);
			let image = Some(("image/png", artwork(work_seed, 256)?));
			let (status, uploaded, _) =
				api.send(Method::POST, "/api/content", Some(login), image).await?;
			if status != StatusCode::CREATED {
				bail!("upload: {status} {uploaded}");
			}
			let cid = uploaded["cid_v1"].as_str().unwrap_or_default().to_string();
			let kind = if sample.physical { "Craft" } else { "Image" };
			let events = api
				.flow(
					login,
					"register_work",
					json!({ "cid": cid, "metadata_cid": cid, "kind": kind }),
				)
				.await?;
			let work = field(&events, "Works.WorkRegistered", "work")?;
			let collection_kind =
				if sample.physical { "PhysicalTwin" } else { "DigitalCollectible" };
			let events = api.flow(login, "create_collection", json!({ "work": work, "max_supply": 100, "metadata_cid": cid, "kind": collection_kind, "royalty_bp": sample.royalty_bp })).await?;
			let collection = field(&events, "Collectibles.CollectionCreated", "collection")?;
			api.flow(login, "mint", json!({ "collection": collection, "count": sample.units }))
				.await?;
			if sample.physical {
				// Test tags: a printed code on the first item (print its QR and scan it), NFC tags
				// with made-up UIDs on the others (open their simulated tap URLs).
				let code = api
					.call_expecting(
						Method::POST,
						"/api/tags/qr",
						login,
						json!({ "collection": collection, "item": 1 }),
						StatusCode::CREATED,
					)
					.await?;
				api.flow(login, "bind_tag", json!({ "collection": collection, "item": 1, "tag": code["tag_hash"], "tag_kind": "SignedQr", "key_epoch": state.tags.epoch })).await?;
				let printed = code["url"].as_str().unwrap_or_default();
				let printed = printed
					.find("/01/")
					.or_else(|| printed.find("/21/"))
					.map_or(printed, |at| &printed[at..]);
				tagged.push((
					format!("{} #1 (QR)", sample.title),
					format!("/api/tags/qr/{collection}/1?format=svg"),
					printed.to_string(),
				));
				for item in 2..=u64::from(sample.units) {
					let uid = [0x04, work_seed, 0x59, 0x4A, 0x00, 0x00, item as u8];
					let nfc = api
						.call_expecting(
							Method::POST,
							"/api/tags/nfc",
							login,
							json!({ "collection": collection, "item": item, "uid": hex::encode(uid) }),
							StatusCode::CREATED,
						)
						.await?;
					api.flow(login, "bind_tag", json!({ "collection": collection, "item": item, "tag": nfc["tag_hash"], "tag_kind": "Ntag424", "key_epoch": state.tags.epoch })).await?;
					let tap = format!(
						"/t/{}?{}",
						state.tags.epoch,
						yinji_tags::tap::simulate(&keys, uid, 1, Some(b"CC"))
					);
					tagged.push((format!("{} #{item} (NFC)", sample.title), String::new(), tap));
				}
			}
			let items: Vec<u64> = (1..=u64::from(sample.units)).collect();
			let product = json!({
				"collection": collection, "items": items, "title": sample.title,
				"creator_name": creator_name, "story": sample.story, "tags": sample.tags,
				"price": sample.price, "image_cid": cid, "featured": true,
			});
			let answer = api
				.call_expecting(
					Method::POST,
					"/api/shop/products",
					login,
					product,
					StatusCode::CREATED,
				)
				.await?;
			api.finalized(login, "publish", &answer).await?;
		}
	}
	let mut users: Vec<_> = creators
		.iter()
		.map(|(email, _, _)| (email.to_string(), password.to_string(), "creator".to_string()))
		.collect();
	users.push((BUYER.0.to_string(), BUYER.1.to_string(), "buyer".to_string()));
	Ok(Seeded { users, tags: tagged })
}
