//! The application: every resource module's `router()` composed, the same-origin guard and
//! the body limit around them, and the OpenAPI document of the whole.

use crate::{
	accounts, chain::submission, content, custody, flows, reads, ApiError, AppState, Result,
};
use axum::{
	extract::{DefaultBodyLimit, Request, State},
	http::{header, Method, StatusCode},
	middleware::{self, Next},
	response::Response,
	routing::get,
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
		content::api::upload,
		content::api::download,
		reads::my_items,
		reads::my_sales,
		reads::open_listings,
		flows::submit_flow,
		submission::transaction,
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
		crate::shop::steps::ship,
		crate::shop::steps::confirm,
		crate::shop::steps::request_return,
		crate::shop::steps::return_received,
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
		crate::shop::steps::ShipRequest,
		crate::shop::steps::LineRequest,
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
		.merge(accounts::router())
		.merge(custody::router())
		.merge(flows::router())
		.merge(submission::router())
		.merge(content::api::router(max_upload))
		.merge(reads::router())
		.merge(crate::tags::router())
		.merge(crate::shop::router())
		.merge(crate::studio::router())
		.merge(crate::member::router())
		.merge(crate::console::router())
		.fallback(|| async { ApiError::not_found("no such route") })
		.layer(middleware::from_fn_with_state(state.clone(), same_origin))
		// JSON bodies are small; uploads have their own limit (see `content::api::router`).
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
