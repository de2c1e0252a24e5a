//! The routes.

use crate::{
	accounts::{self, Session},
	content::{sniff::sniff, ContentStore, Stored},
	custody, flows, now_ms, ApiError, AppState, Result,
};
use axum::{
	body::Bytes,
	extract::{DefaultBodyLimit, Path, Request, State},
	http::{header, HeaderMap, Method, StatusCode},
	middleware::{self, Next},
	response::{IntoResponse, Response},
	routing::{get, post},
	Json, Router,
};
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;

/// The OpenAPI document of the JSON API, served at `/api/openapi.json`.
#[derive(OpenApi)]
#[openapi(
	info(
		title = "yinji gateway",
		description = "Accounts, content and chain flows of the yinji gateway. \
		State-changing requests need the session cookie, the session's `X-CSRF-Token`, and (from \
		browsers) the gateway's own `Origin`."
	),
	paths(
		accounts::sign_up,
		accounts::log_in,
		accounts::log_out,
		accounts::me,
		upload,
		download,
		my_items,
		my_sales,
		open_listings,
		flows::submit_flow,
		flows::transaction,
		flows::attestation::request_attestation,
		flows::attestation::pending_attestations,
		custody::challenge,
		custody::link,
		custody::sign,
		crate::tags::nfc_read,
		crate::tags::code_read,
		crate::tags::receipt,
		crate::tags::published_keys,
		crate::tags::issue::nfc,
		crate::tags::issue::qr,
		crate::tags::issue::qr_image,
		crate::tags::claim::claim,
		crate::shop::catalog::publish,
		crate::shop::catalog::search,
		crate::shop::catalog::get_product,
		crate::shop::cart::cart,
		crate::shop::cart::add_to_cart,
		crate::shop::cart::remove_from_cart,
		crate::shop::checkout::checkout,
		crate::shop::orders::my_orders,
		crate::shop::orders::order,
		crate::shop::orders::my_sales,
		crate::shop::orders::ship,
	),
	components(schemas(
		accounts::SignUp,
		accounts::LogIn,
		accounts::SessionAnswer,
		accounts::User,
		accounts::Role,
		flows::FlowRequest,
		flows::attestation::AttestationRequest,
		crate::tags::issue::NfcRequest,
		crate::tags::issue::QrRequest,
		crate::tags::claim::ClaimRequest,
		crate::shop::Product,
		crate::shop::catalog::PublishRequest,
		crate::shop::cart::CartRequest,
		crate::shop::checkout::CheckoutRequest,
		crate::shop::orders::ShipRequest,
		crate::error::ErrorBody,
	))
)]
pub struct ApiDoc;

/// The gateway's router over `state`.
pub fn app(state: AppState) -> Router {
	let max_upload = state.config.max_upload;
	Router::new()
		.route("/health", get(|| async { "ok" }))
		.route("/api/openapi.json", get(|| async { Json(ApiDoc::openapi()) }))
		.route("/api/accounts", post(accounts::sign_up))
		.route("/api/session", post(accounts::log_in).delete(accounts::log_out))
		.route("/api/me", get(accounts::me))
		.route("/api/me/items", get(my_items))
		.route("/api/me/sales", get(my_sales))
		.route("/api/listings", get(open_listings))
		.route(
			"/api/attestations",
			post(flows::attestation::request_attestation)
				.get(flows::attestation::pending_attestations),
		)
		.route("/api/flows/{flow}", post(flows::submit_flow))
		.route("/api/tx/{id}", get(flows::transaction))
		.route("/api/tx/{id}/signature", post(custody::sign))
		.route("/api/keys/challenge", post(custody::challenge))
		.route("/api/keys/link", post(custody::link))
		.route("/api/content", post(upload).layer(DefaultBodyLimit::max(max_upload)))
		.route("/api/content/{cid}", get(download))
		.merge(crate::tags::router())
		.merge(crate::shop::router())
		.merge(crate::studio::router())
		.merge(crate::member::router())
		.merge(crate::console::router())
		.fallback(|| async { ApiError::not_found("no such route") })
		.layer(middleware::from_fn_with_state(state.clone(), same_origin))
		// JSON bodies are small; uploads have their own limit above.
		.layer(DefaultBodyLimit::max(64 * 1024))
		.layer(TraceLayer::new_for_http())
		.with_state(state)
}

/// Refuses a state-changing request whose `Origin` is not the gateway's own (the configured
/// public origin, or else the request's host): a page elsewhere cannot act for a user.
async fn same_origin(
	State(state): State<AppState>,
	request: Request,
	next: Next,
) -> Result<Response> {
	let changing = !matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
	if let (true, Some(origin)) = (changing, request.headers().get(header::ORIGIN)) {
		let origin = origin.to_str().unwrap_or_default();
		let allowed = match &state.config.public_origin {
			Some(public) => origin == public,
			None => {
				let host = request.headers().get(header::HOST).and_then(|h| h.to_str().ok());
				host.is_some_and(|host| {
					origin == format!("http://{host}") || origin == format!("https://{host}")
				})
			}
		};
		if !allowed {
			return Err(ApiError::new(
				StatusCode::FORBIDDEN,
				"foreign_origin",
				format!("requests from {origin} are not accepted"),
			));
		}
	}
	Ok(next.run(request).await)
}

#[utoipa::path(post, path = "/api/content", tag = "content",
	request_body(content = Vec<u8>, description = "The file's bytes", content_type = "application/octet-stream"),
	responses(
		(status = 201, description = "Stored: cid_v0, cid_v1, size, media_type"),
		(status = 400, description = "Empty", body = crate::error::ErrorBody),
		(status = 401, description = "No session", body = crate::error::ErrorBody),
		(status = 403, description = "Missing CSRF token, foreign origin or quota exceeded", body = crate::error::ErrorBody),
		(status = 413, description = "Too large", body = crate::error::ErrorBody),
		(status = 415, description = "Not an accepted media type, or not what it is declared as", body = crate::error::ErrorBody)))]
/// `POST /api/content`: the body is the file. Its type is taken from its bytes and must match
/// the declared `Content-Type`; it counts against the uploader's quota. Answers the file's two
/// CIDs and its type.
async fn upload(
	State(state): State<AppState>,
	session: Session,
	headers: HeaderMap,
	body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<(StatusCode, Json<serde_json::Value>)> {
	let body = body?;
	if body.is_empty() {
		return Err(ApiError::bad_request("empty", "the upload is empty"));
	}
	let declared = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
	let media_type = sniff(&body, declared).map_err(|e| {
		ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", e.to_string())
	})?;
	let used: Option<i64> = sqlx::query_scalar(
		// Postgres sums BIGINT as NUMERIC, which the Any driver cannot read: cast it back.
		"SELECT CAST(SUM(size) AS BIGINT) FROM uploads WHERE user_id = $1",
	)
	.bind(session.user.id.clone())
	.fetch_one(&state.db)
	.await?;
	let used = u64::try_from(used.unwrap_or(0)).unwrap_or(0);
	if used.saturating_add(body.len() as u64) > state.config.upload_quota {
		return Err(ApiError::new(
			StatusCode::FORBIDDEN,
			"quota_exceeded",
			format!("this upload would exceed your quota of {} bytes", state.config.upload_quota),
		));
	}
	let Stored { cid_v0, cid_v1, size } = state.store.put(&body).await?;
	sqlx::query(
		"INSERT INTO uploads (user_id, cid, size, media_type, created_ms) 		 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id, cid) DO NOTHING",
	)
	.bind(session.user.id)
	.bind(cid_v1.clone())
	.bind(i64::try_from(size).unwrap_or(i64::MAX))
	.bind(media_type)
	.bind(now_ms())
	.execute(&state.db)
	.await?;
	let answer = serde_json::json!({
		"cid_v0": cid_v0, "cid_v1": cid_v1, "size": size, "media_type": media_type,
	});
	Ok((StatusCode::CREATED, Json(answer)))
}

#[utoipa::path(get, path = "/api/content/{cid}", tag = "content",
	params(("cid" = String, Path, description = "CIDv0 or CIDv1")),
	responses(
		(status = 200, description = "The bytes, as an attachment"),
		(status = 400, description = "Not a CID", body = crate::error::ErrorBody),
		(status = 404, description = "Unknown", body = crate::error::ErrorBody)))]
/// `GET /api/content/{cid}`: the bytes, as a download that no browser renders as a page.
async fn download(State(state): State<AppState>, Path(cid): Path<String>) -> Result<Response> {
	let bytes = state
		.store
		.get(&cid)
		.await?
		.ok_or_else(|| ApiError::not_found(format!("no content {cid}")))?;
	let media_type = sniff(&bytes, None).unwrap_or("application/octet-stream");
	Ok((
		[
			(header::CONTENT_TYPE, media_type.to_string()),
			(header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
			(header::CONTENT_SECURITY_POLICY, "default-src 'none'; sandbox".to_string()),
			(header::CONTENT_DISPOSITION, format!("attachment; filename=\"{cid}\"")),
			(header::CACHE_CONTROL, "public, max-age=31536000, immutable".to_string()),
		],
		bytes,
	)
		.into_response())
}

/// The index the gateway reads, or 503 `no_index`.
pub(crate) fn index(state: &AppState) -> Result<&yinji_indexer::Db> {
	state.index.as_ref().ok_or_else(|| {
		ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "no_index", "the gateway has no index")
	})
}

#[utoipa::path(get, path = "/api/me/items", tag = "reads",
	responses((status = 200, description = "Items the user owns"), (status = 401, description = "No session", body = crate::error::ErrorBody)))]
/// `GET /api/me/items`: the items the user owns, from the index.
async fn my_items(
	State(state): State<AppState>,
	session: Session,
) -> Result<Json<serde_json::Value>> {
	let items = yinji_indexer::queries::items_of(index(&state)?, &session.user.address).await?;
	Ok(Json(serde_json::json!({ "items": items })))
}

#[utoipa::path(get, path = "/api/me/sales", tag = "reads",
	responses((status = 200, description = "Sales the user took part in"), (status = 401, description = "No session", body = crate::error::ErrorBody)))]
/// `GET /api/me/sales`: sales the user bought or sold in, newest first, with amounts as strings.
async fn my_sales(
	State(state): State<AppState>,
	session: Session,
) -> Result<Json<serde_json::Value>> {
	let filter = yinji_indexer::queries::SaleFilter {
		account: Some(session.user.address.clone()),
		..Default::default()
	};
	let sales = yinji_indexer::queries::sales(index(&state)?, &filter).await?;
	let sales: Vec<_> = sales
		.iter()
		.map(|s| {
			serde_json::json!({
				"collection": s.collection, "item": s.item, "seller": s.seller, "buyer": s.buyer,
				"asset": s.asset, "gross": s.gross.to_string(), "royalties": s.royalties.to_string(),
				"seller_proceeds": s.seller_proceeds.to_string(), "block": s.block_number,
			})
		})
		.collect();
	Ok(Json(serde_json::json!({ "sales": sales })))
}

#[utoipa::path(get, path = "/api/listings", tag = "reads",
	responses((status = 200, description = "Open listings, cheapest first"), (status = 503, description = "No index configured", body = crate::error::ErrorBody)))]
/// `GET /api/listings`: open listings, cheapest first.
async fn open_listings(State(state): State<AppState>) -> Result<Json<serde_json::Value>> {
	let filter = yinji_indexer::queries::ListingFilter { open_only: true, ..Default::default() };
	let listings = yinji_indexer::queries::listings(index(&state)?, &filter).await?;
	let listings: Vec<_> = listings
		.iter()
		.map(|l| {
			serde_json::json!({
				"collection": l.collection, "item": l.item, "kind": l.kind, "seller": l.seller,
				"asset": l.asset, "price": l.price.to_string(), "expires_at": l.expires_at,
			})
		})
		.collect();
	Ok(Json(serde_json::json!({ "listings": listings })))
}
