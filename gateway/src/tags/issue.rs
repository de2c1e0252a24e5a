//! Issuing tags for a physical-twin item: an NFC tag's personalization file (its keys, NDEF file
//! and SDM settings, for the tag station), or a signed printed code with its QR images. Either
//! is then bound to the item on chain with the `bind_tag` flow, once it is on the product.

use super::{ensure_issuer, ledger::Ledger};
use crate::{
	accounts::Session, chain::call::CollectionKind, error::ApiJson, now_ms, ApiError, AppState,
	Result,
};
use axum::{
	extract::{Path, Query, State},
	http::{header, HeaderMap, StatusCode},
	response::{IntoResponse, Response},
	Json,
};
use serde::Deserialize;
use sqlx::Row;
use yinji_tags::{personalize, qr};

/// `POST /api/tags/nfc` body.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NfcRequest {
	/// The collection.
	pub collection: u32,
	/// The item.
	pub item: u32,
	/// The tag's 7-byte UID, in hex (as the tag station reads it).
	pub uid: String,
}

/// `POST /api/tags/qr` body.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QrRequest {
	/// The collection.
	pub collection: u32,
	/// The item.
	pub item: u32,
	/// The product's GTIN, if it has one (8, 12, 13 or 14 digits with a valid check digit).
	pub gtin: Option<String>,
}

/// The gateway's public address: the configured origin, or the request's host.
fn base(state: &AppState, headers: &HeaderMap) -> String {
	state.config.public_origin.clone().unwrap_or_else(|| {
		let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("localhost");
		format!("http://{host}")
	})
}

/// The item must exist, be a physical twin, and `session`'s user must issue its collection.
async fn check_item(session: &Session, ledger: &Ledger, collection: u32, item: u32) -> Result<()> {
	let held = ledger
		.item(collection, item)
		.await?
		.ok_or_else(|| ApiError::not_found(format!("no item {collection}/{item}")))?;
	ensure_issuer(session, &held.issuer)?;
	if held.kind != CollectionKind::PhysicalTwin {
		return Err(ApiError::bad_request(
			"not_physical",
			"tags go only on items of physical-twin collections",
		));
	}
	Ok(())
}

/// Records an issued tag; a tag issued before is a 409.
async fn remember(
	state: &AppState,
	session: &Session,
	hash: &str,
	kind: &str,
	collection: u32,
	item: u32,
	link: Option<String>,
) -> Result<()> {
	let inserted = sqlx::query(
		"INSERT INTO tags (tag_hash, kind, collection, item, key_epoch, issued_by, issued_ms, \
		 last_counter, link) VALUES ($1, $2, $3, $4, $5, $6, $7, -1, $8) \
		 ON CONFLICT (tag_hash) DO NOTHING",
	)
	.bind(hash.to_string())
	.bind(kind.to_string())
	.bind(i64::from(collection))
	.bind(i64::from(item))
	.bind(i64::from(state.tags.epoch))
	.bind(session.user.id.clone())
	.bind(now_ms())
	.bind(link)
	.execute(&state.db)
	.await?;
	if inserted.rows_affected() == 0 {
		return Err(ApiError::new(
			StatusCode::CONFLICT,
			"already_issued",
			format!("the tag {hash} was issued before"),
		));
	}
	Ok(())
}

#[utoipa::path(post, path = "/api/tags/nfc", request_body = NfcRequest, tag = "tags",
	responses(
		(status = 201, description = "The tag's personalization file (keys, NDEF file, SDM settings, tag hash)"),
		(status = 400, description = "Not a 7-byte UID, or not a physical twin", body = crate::error::ErrorBody),
		(status = 403, description = "Not the collection's issuer", body = crate::error::ErrorBody),
		(status = 404, description = "No such item", body = crate::error::ErrorBody),
		(status = 409, description = "This tag was issued before", body = crate::error::ErrorBody)))]
/// `POST /api/tags/nfc`: the personalization of an NTAG 424 DNA tag for an item, under the
/// current key epoch. The keys are in the answer only; the gateway can derive them again, so
/// nothing secret is stored.
pub async fn nfc(
	State(state): State<AppState>,
	session: Session,
	headers: HeaderMap,
	ApiJson(request): ApiJson<NfcRequest>,
) -> Result<(StatusCode, Json<personalize::Personalization>)> {
	let uid: [u8; 7] = crate::bytes::from_hex(&request.uid)
		.ok_or_else(|| ApiError::bad_request("bad_uid", "uid is the tag's 7-byte UID in hex"))?;
	let ledger = Ledger::at_head(&state).await?;
	check_item(&session, &ledger, request.collection, request.item).await?;
	let personal = personalize::personalize(
		&state.tags.root.epoch(state.tags.epoch),
		&uid,
		&base(&state, &headers),
	)?;
	remember(&state, &session, &personal.tag_hash, "nfc", request.collection, request.item, None)
		.await?;
	tracing::info!(collection = request.collection, item = request.item, tag = %personal.tag_hash, "NFC tag issued");
	Ok((StatusCode::CREATED, Json(personal)))
}

#[utoipa::path(post, path = "/api/tags/qr", request_body = QrRequest, tag = "tags",
	responses(
		(status = 201, description = "The code's URL, its tag hash and where its images are"),
		(status = 400, description = "Bad GTIN, or not a physical twin", body = crate::error::ErrorBody),
		(status = 403, description = "Not the collection's issuer", body = crate::error::ErrorBody),
		(status = 404, description = "No such item", body = crate::error::ErrorBody),
		(status = 409, description = "A code was issued for this item in this key epoch", body = crate::error::ErrorBody)))]
/// `POST /api/tags/qr`: a signed printed code for an item, under the current key epoch.
pub async fn qr(
	State(state): State<AppState>,
	session: Session,
	headers: HeaderMap,
	ApiJson(request): ApiJson<QrRequest>,
) -> Result<(StatusCode, Json<serde_json::Value>)> {
	if let Some(gtin) = &request.gtin {
		if !qr::valid_gtin(gtin) {
			return Err(ApiError::bad_request(
				"bad_gtin",
				"gtin must be 8, 12, 13 or 14 digits with a valid check digit",
			));
		}
	}
	let ledger = Ledger::at_head(&state).await?;
	check_item(&session, &ledger, request.collection, request.item).await?;
	let claim = qr::QrClaim {
		genesis: ledger.genesis,
		collection: request.collection,
		item: request.item,
		epoch: state.tags.epoch,
	};
	let url = format!(
		"{}{}",
		base(&state, &headers),
		claim.link(&state.tags.signing, request.gtin.as_deref())
	);
	let hash = crate::bytes::to_hex(&claim.tag_hash());
	remember(&state, &session, &hash, "qr", request.collection, request.item, Some(url.clone()))
		.await?;
	let image = format!("/api/tags/qr/{}/{}", request.collection, request.item);
	Ok((
		StatusCode::CREATED,
		Json(serde_json::json!({
			"url": url,
			"tag_hash": hash,
			"key_epoch": state.tags.epoch,
			"svg": format!("{image}?format=svg"),
			"png": format!("{image}?format=png"),
		})),
	))
}

/// `GET /api/tags/qr/{collection}/{item}` query.
#[derive(Debug, Deserialize)]
pub struct ImageQuery {
	/// `svg` (default) or `png`.
	pub format: Option<String>,
}

#[utoipa::path(get, path = "/api/tags/qr/{collection}/{item}", tag = "tags",
	params(("collection" = u32, Path), ("item" = u32, Path),
		("format" = Option<String>, Query, description = "svg (default) or png")),
	responses((status = 200, description = "The item's printed code as an image"),
		(status = 400, description = "Unknown format", body = crate::error::ErrorBody),
		(status = 404, description = "No code issued for the item", body = crate::error::ErrorBody)))]
/// `GET /api/tags/qr/{collection}/{item}?format=svg|png`: the newest code issued for an item.
pub async fn qr_image(
	State(state): State<AppState>,
	Path((collection, item)): Path<(u32, u32)>,
	Query(query): Query<ImageQuery>,
) -> Result<Response> {
	let row = sqlx::query(
		"SELECT link FROM tags WHERE kind = 'qr' AND collection = $1 AND item = $2 \
		 ORDER BY issued_ms DESC, key_epoch DESC LIMIT 1",
	)
	.bind(i64::from(collection))
	.bind(i64::from(item))
	.fetch_optional(&state.db)
	.await?
	.ok_or_else(|| ApiError::not_found(format!("no code issued for item {collection}/{item}")))?;
	let link: String = row.try_get(0)?;
	let cache = (header::CACHE_CONTROL, "public, max-age=86400".to_string());
	match query.format.as_deref().unwrap_or("svg") {
		"svg" => {
			let svg = qr::svg(&link)?;
			Ok(([(header::CONTENT_TYPE, "image/svg+xml".to_string()), cache], svg).into_response())
		}
		"png" => {
			let png = qr::png(&link, 8)?;
			Ok(([(header::CONTENT_TYPE, "image/png".to_string()), cache], png).into_response())
		}
		other => {
			Err(ApiError::bad_request("bad_format", format!("no format {other:?}: svg or png")))
		}
	}
}
