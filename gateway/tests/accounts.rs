//! Accounts, sessions and their security: sign-up, log-in, log-out; cookies; CSRF and foreign
//! origins; log-in throttling; no password or private key in the database or the logs.

// Test code: a failed expectation is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use axum::{
	body::Body,
	http::{header, Request, StatusCode},
};
use common::*;

const PASSWORD: &str = "correct horse battery staple";

fn me(cookie: &str) -> Request<Body> {
	Request::get("/api/me").header(header::COOKIE, cookie).body(Body::empty()).unwrap()
}

fn log_in(email: &str, password: &str) -> Request<Body> {
	post_json("/api/session", serde_json::json!({ "email": email, "password": password }))
}

#[tokio::test]
async fn sign_up_log_out_log_in() {
	let dir = tempfile::tempdir().unwrap();
	let router = router(dir.path(), 1024, 1 << 20).await;
	let body = serde_json::json!({ "email": "Ada@Example.com", "password": PASSWORD });
	let (status, headers, body) = send(&router, post_json("/api/accounts", body)).await;
	assert_eq!(status, StatusCode::CREATED);
	let set_cookie = headers[header::SET_COOKIE].to_str().unwrap();
	for attribute in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/"] {
		assert!(set_cookie.contains(attribute), "{attribute} in {set_cookie}");
	}
	let answer = json(&body);
	assert_eq!(answer["user"]["email"], "ada@example.com");
	assert_eq!(answer["user"]["role"], "buyer");
	assert_eq!(answer["user"]["custody"], "custodial");
	assert_eq!(answer["user"]["address"].as_str().unwrap().len(), 66);
	let cookie = session_cookie(&headers);
	let csrf = answer["csrf_token"].as_str().unwrap().to_string();

	let (status, _, body) = send(&router, me(&cookie)).await;
	assert_eq!(status, StatusCode::OK);
	assert_eq!(json(&body)["user"]["email"], "ada@example.com");
	let (status, _, _) = send(&router, Request::get("/api/me").body(Body::empty()).unwrap()).await;
	assert_eq!(status, StatusCode::UNAUTHORIZED);

	// Log-out ends the session on the server: the old cookie no longer works.
	let out = Request::delete("/api/session")
		.header(header::COOKIE, &cookie)
		.header("x-csrf-token", &csrf)
		.body(Body::empty())
		.unwrap();
	assert_eq!(send(&router, out).await.0, StatusCode::NO_CONTENT);
	assert_eq!(send(&router, me(&cookie)).await.0, StatusCode::UNAUTHORIZED);

	let (status, headers, _) = send(&router, log_in("ada@example.com", PASSWORD)).await;
	assert_eq!(status, StatusCode::OK);
	assert_eq!(send(&router, me(&session_cookie(&headers))).await.0, StatusCode::OK);
	let (status, _, body) = send(&router, log_in("ada@example.com", "wrong password!")).await;
	assert_eq!(
		(status, json(&body)["code"].as_str()),
		(StatusCode::UNAUTHORIZED, Some("bad_credentials"))
	);
	let (status, _, body) = send(&router, log_in("nobody@example.com", PASSWORD)).await;
	assert_eq!(
		(status, json(&body)["code"].as_str()),
		(StatusCode::UNAUTHORIZED, Some("bad_credentials"))
	);
}

#[tokio::test]
async fn bad_sign_ups_are_refused_with_a_reason() {
	let dir = tempfile::tempdir().unwrap();
	let router = router(dir.path(), 1024, 1 << 20).await;
	sign_up(&router, "taken@example.com", PASSWORD, "buyer").await;
	let cases = [
		(
			serde_json::json!({ "email": "taken@example.com", "password": PASSWORD }),
			StatusCode::CONFLICT,
			"email_taken",
		),
		(
			serde_json::json!({ "email": "no-at-sign", "password": PASSWORD }),
			StatusCode::BAD_REQUEST,
			"bad_email",
		),
		(
			serde_json::json!({ "email": "a@example.com", "password": "short" }),
			StatusCode::BAD_REQUEST,
			"weak_password",
		),
		(
			serde_json::json!({ "email": "b@example.com", "password": PASSWORD, "role": "admin" }),
			StatusCode::FORBIDDEN,
			"forbidden",
		),
	];
	for (request, expected, code) in cases {
		let (status, _, body) = send(&router, post_json("/api/accounts", request.clone())).await;
		assert_eq!((status, json(&body)["code"].as_str()), (expected, Some(code)), "{request}");
	}
	// Malformed JSON is a 4xx too.
	let (status, _, _) =
		send(&router, post_json("/api/accounts", serde_json::json!({ "email": 5 }))).await;
	assert!(status.is_client_error(), "{status}");
}

#[tokio::test]
async fn csrf_token_and_same_origin_are_required_to_change_state() {
	let dir = tempfile::tempdir().unwrap();
	let router = router(dir.path(), 1024, 1 << 20).await;
	let user = sign_up(&router, "maker@example.com", PASSWORD, "creator").await;
	let without_token = Request::post("/api/content")
		.header(header::CONTENT_TYPE, "image/png")
		.header(header::COOKIE, &user.cookie)
		.body(Body::from(PNG.to_vec()))
		.unwrap();
	let (status, _, body) = send(&router, without_token).await;
	assert_eq!((status, json(&body)["code"].as_str()), (StatusCode::FORBIDDEN, Some("csrf")));
	let mut wrong_token = upload(&user, PNG, "image/png");
	wrong_token.headers_mut().insert("x-csrf-token", "00".repeat(32).parse().unwrap());
	assert_eq!(send(&router, wrong_token).await.0, StatusCode::FORBIDDEN);
	// A page elsewhere cannot post, even with the victim's cookie and token.
	let mut foreign = upload(&user, PNG, "image/png");
	foreign.headers_mut().insert(header::ORIGIN, "https://evil.example".parse().unwrap());
	let (status, _, body) = send(&router, foreign).await;
	assert_eq!(
		(status, json(&body)["code"].as_str()),
		(StatusCode::FORBIDDEN, Some("foreign_origin"))
	);
	let mut foreign_login = log_in("maker@example.com", PASSWORD);
	foreign_login.headers_mut().insert(header::ORIGIN, "https://evil.example".parse().unwrap());
	assert_eq!(send(&router, foreign_login).await.0, StatusCode::FORBIDDEN);
	// The gateway's own origin is fine.
	let mut own = upload(&user, PNG, "image/png");
	own.headers_mut().insert(header::ORIGIN, "https://shop.test".parse().unwrap());
	assert_eq!(send(&router, own).await.0, StatusCode::CREATED);
	// Reading needs no token.
	assert_eq!(send(&router, me(&user.cookie)).await.0, StatusCode::OK);
}

#[tokio::test]
async fn the_101st_failed_log_in_within_an_hour_is_throttled() {
	let dir = tempfile::tempdir().unwrap();
	let router = router(dir.path(), 1024, 1 << 20).await;
	sign_up(&router, "target@example.com", PASSWORD, "buyer").await;
	for attempt in 1..=100 {
		let (status, _, _) =
			send(&router, log_in("target@example.com", &format!("guess {attempt}"))).await;
		assert_eq!(status, StatusCode::UNAUTHORIZED, "attempt {attempt}");
	}
	// Now even the right password is refused for this address; others are unaffected.
	let (status, _, body) = send(&router, log_in("target@example.com", PASSWORD)).await;
	assert_eq!(
		(status, json(&body)["code"].as_str()),
		(StatusCode::TOO_MANY_REQUESTS, Some("throttled"))
	);
	sign_up(&router, "other@example.com", PASSWORD, "buyer").await;
	assert_eq!(send(&router, log_in("other@example.com", PASSWORD)).await.0, StatusCode::OK);
}

#[tokio::test]
async fn no_password_or_private_key_reaches_the_database_or_the_logs() {
	let logs = Captured::default();
	let _guard = tracing::subscriber::set_default(logs.subscriber());
	let dir = tempfile::tempdir().unwrap();
	let router = router(dir.path(), 1024, 1 << 20).await;
	let user = sign_up(&router, "secret@example.com", PASSWORD, "creator").await;
	send(&router, log_in("secret@example.com", PASSWORD)).await;
	send(&router, log_in("secret@example.com", "a wrong password")).await;
	send(&router, upload(&user, PNG, "image/png")).await;
	assert_no_secrets(&dir.path().join("data"), &logs, &[PASSWORD, "a wrong password"]).await;
}
