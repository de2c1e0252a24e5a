//! Accounts and sessions: sign-up and log-in with argon2id, server-side sessions in
//! `HttpOnly; Secure; SameSite=Strict` cookies, a CSRF token per session, log-in throttling.

use crate::{error::ApiJson, keys, now_ms, stored::Custody, ApiError, AppState, Result};
use argon2::{
	password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
	Argon2,
};
use axum::{
	extract::{FromRequestParts, State},
	http::{header, request::Parts, HeaderMap, HeaderValue, Method, StatusCode},
	response::{IntoResponse, Response},
	Json,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::Row;

/// The account routes: sign-up, log-in and out, and who is logged in.
pub fn router() -> axum::Router<AppState> {
	use axum::routing::{get, post};
	axum::Router::new()
		.route("/api/accounts", post(sign_up))
		.route("/api/session", post(log_in).delete(log_out))
		.route("/api/me", get(me))
}

/// The session cookie's name.
pub const COOKIE: &str = "yinji_session";
/// How long a session lasts.
pub const SESSION_MS: u64 = 7 * 24 * 3600 * 1000;
/// Failed log-ins for one address allowed per hour; the next attempt is refused.
pub const MAX_FAILURES_PER_HOUR: i64 = 100;

/// What a user may do.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
	/// Buys and collects.
	Buyer,
	/// Registers works and mints (once an institution attests them).
	Creator,
	/// Operates for a member institution: attestations, votes.
	Institution,
	/// Runs the gateway.
	Admin,
}

impl Role {
	fn as_str(self) -> &'static str {
		match self {
			Role::Buyer => "buyer",
			Role::Creator => "creator",
			Role::Institution => "institution",
			Role::Admin => "admin",
		}
	}

	fn parse(text: &str) -> Role {
		match text {
			"creator" => Role::Creator,
			"institution" => Role::Institution,
			"admin" => Role::Admin,
			_ => Role::Buyer,
		}
	}
}

/// A user as the API shows them.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct User {
	/// Opaque id.
	pub id: String,
	/// Log-in address.
	pub email: String,
	/// Role.
	pub role: Role,
	/// The user's account on chain (`0x`-hex public key).
	pub address: String,
	/// `custodial` or `self`.
	pub custody: Custody,
}

/// A logged-in request: the user and the session's CSRF token. As an extractor it rejects a
/// request without a valid session (401) and a state-changing request without the session's
/// CSRF token in `X-CSRF-Token` (403).
#[derive(Clone, Debug)]
pub struct Session {
	/// Who.
	pub user: User,
	/// The token state-changing requests must echo.
	pub csrf_token: String,
	token_hash: String,
}

fn cookie_token(headers: &HeaderMap) -> Option<String> {
	headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).find_map(|cookies| {
		cookies.split(';').find_map(|pair| {
			let (name, value) = pair.trim().split_once('=')?;
			(name == COOKIE).then(|| value.to_string())
		})
	})
}

fn token_hash(token: &str) -> String {
	hex::encode(Sha256::digest(token.as_bytes()))
}

/// Compares two strings in time independent of where they differ.
fn same(a: &str, b: &str) -> bool {
	a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn is_state_changing(method: &Method) -> bool {
	!matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

impl FromRequestParts<AppState> for Session {
	type Rejection = ApiError;

	async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
		let unauthorised =
			|| ApiError::new(StatusCode::UNAUTHORIZED, "unauthorised", "log in first");
		let token = cookie_token(&parts.headers).ok_or_else(unauthorised)?;
		let hash = token_hash(&token);
		let row = sqlx::query(
			"SELECT s.csrf_token, u.id, u.email, u.role, u.address, u.custody FROM sessions s \
			 JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_ms > $2",
		)
		.bind(hash.clone())
		.bind(now_ms())
		.fetch_optional(&state.db)
		.await?
		.ok_or_else(unauthorised)?;
		let session = Session {
			csrf_token: row.try_get(0)?,
			user: User {
				id: row.try_get(1)?,
				email: row.try_get(2)?,
				role: Role::parse(&row.try_get::<String, _>(3)?),
				address: row.try_get(4)?,
				custody: row.try_get::<String, _>(5)?.parse()?,
			},
			token_hash: hash,
		};
		if is_state_changing(&parts.method) {
			let sent = parts.headers.get("x-csrf-token").and_then(|v| v.to_str().ok());
			if !sent.is_some_and(|sent| same(sent, &session.csrf_token)) {
				return Err(ApiError::new(
					StatusCode::FORBIDDEN,
					"csrf",
					"missing or wrong X-CSRF-Token for this session",
				));
			}
		}
		Ok(session)
	}
}

/// For pages that anyone may see: the session if there is one (a page never changes state, so
/// no CSRF token is asked for).
impl axum::extract::OptionalFromRequestParts<AppState> for Session {
	type Rejection = ApiError;

	async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Option<Self>> {
		match <Session as FromRequestParts<AppState>>::from_request_parts(parts, state).await {
			Ok(session) => Ok(Some(session)),
			Err(error) if error.status() == StatusCode::UNAUTHORIZED => Ok(None),
			Err(error) => Err(error),
		}
	}
}

impl Session {
	/// Refuses unless the user has one of `roles`.
	pub fn require(&self, roles: &[Role]) -> Result<()> {
		if roles.contains(&self.user.role) {
			Ok(())
		} else {
			Err(ApiError::new(StatusCode::FORBIDDEN, "forbidden", "your role cannot do this"))
		}
	}
}

/// `POST /api/accounts` body.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct SignUp {
	/// Log-in address.
	pub email: String,
	/// At least 10 characters.
	pub password: String,
	/// `buyer` (default) or `creator`.
	#[serde(default)]
	pub role: Option<Role>,
}

/// `POST /api/session` body.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct LogIn {
	/// Log-in address.
	pub email: String,
	/// Password.
	pub password: String,
}

/// A session: the user and the token state-changing requests must send as `X-CSRF-Token`.
/// The session itself travels in the `yinji_session` cookie.
#[derive(Serialize, utoipa::ToSchema)]
pub struct SessionAnswer {
	/// Who.
	pub user: User,
	/// The CSRF token.
	pub csrf_token: String,
}

fn hash_password(password: &str) -> Result<String> {
	let salt = SaltString::encode_b64(&keys::random32()?[..16])?;
	Ok(Argon2::default().hash_password(password.as_bytes(), &salt)?.to_string())
}

fn normalise_email(email: &str) -> Result<String> {
	let email = email.trim().to_lowercase();
	let valid = email.len() <= 254
		&& email.split_once('@').is_some_and(|(local, domain)| {
			!local.is_empty() && domain.contains('.') && !domain.starts_with('.')
		});
	if valid {
		Ok(email)
	} else {
		Err(ApiError::bad_request("bad_email", "not an e-mail address"))
	}
}

/// Opens a session for `user`: the cookie to set and the answer.
async fn open_session(state: &AppState, user: User, status: StatusCode) -> Result<Response> {
	let token = hex::encode(keys::random32()?);
	let csrf_token = hex::encode(keys::random32()?);
	let now = now_ms();
	sqlx::query(
		"INSERT INTO sessions (token_hash, user_id, csrf_token, created_ms, expires_ms) \
		 VALUES ($1, $2, $3, $4, $5)",
	)
	.bind(token_hash(&token))
	.bind(user.id.clone())
	.bind(csrf_token.clone())
	.bind(now)
	.bind(now + SESSION_MS as i64)
	.execute(&state.db)
	.await?;
	let cookie = format!(
		"{COOKIE}={token}; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age={}",
		SESSION_MS / 1000
	);
	let cookie = HeaderValue::from_str(&cookie)?;
	Ok((status, [(header::SET_COOKIE, cookie)], Json(SessionAnswer { user, csrf_token }))
		.into_response())
}

/// `POST /api/accounts`: creates a user with a custodial key and logs them in.
#[utoipa::path(post, path = "/api/accounts", request_body = SignUp, tag = "accounts",
	responses(
		(status = 201, description = "Signed up and logged in", body = SessionAnswer),
		(status = 400, description = "Bad e-mail address or weak password", body = crate::error::ErrorBody),
		(status = 403, description = "Role not open to sign-up, or foreign origin", body = crate::error::ErrorBody),
		(status = 409, description = "The address has an account", body = crate::error::ErrorBody)))]
pub async fn sign_up(
	State(state): State<AppState>,
	ApiJson(request): ApiJson<SignUp>,
) -> Result<Response> {
	let email = normalise_email(&request.email)?;
	if request.password.chars().count() < 10 || request.password.len() > 1024 {
		return Err(ApiError::bad_request("weak_password", "use 10 to 1024 characters"));
	}
	let role = request.role.unwrap_or(Role::Buyer);
	if !matches!(role, Role::Buyer | Role::Creator) {
		return Err(ApiError::new(
			StatusCode::FORBIDDEN,
			"forbidden",
			"institution and admin accounts are granted, not signed up for",
		));
	}
	let id = hex::encode(&keys::random32()?[..16]);
	let (address, sealed_data_key, sealed_seed) = keys::new_custodial(&state.master, &id)?;
	// Hashing takes tens of milliseconds of CPU: off the async workers.
	let password = request.password.clone();
	let password_hash = tokio::task::spawn_blocking(move || hash_password(&password)).await??;
	let inserted = sqlx::query(
		"INSERT INTO users (id, email, password_hash, role, created_ms, address, custody, \
		 sealed_data_key, sealed_seed) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
		 ON CONFLICT (email) DO NOTHING",
	)
	.bind(id.clone())
	.bind(email.clone())
	.bind(password_hash)
	.bind(role.as_str())
	.bind(now_ms())
	.bind(address.clone())
	.bind(Custody::Custodial.as_str())
	.bind(sealed_data_key)
	.bind(sealed_seed)
	.execute(&state.db)
	.await?;
	if inserted.rows_affected() == 0 {
		return Err(ApiError::new(
			StatusCode::CONFLICT,
			"email_taken",
			"that address has an account",
		));
	}
	tracing::info!(user = %id, role = role.as_str(), "signed up");
	let user = User { id, email, role, address, custody: Custody::Custodial };
	open_session(&state, user, StatusCode::CREATED).await
}

#[utoipa::path(post, path = "/api/session", request_body = LogIn, tag = "accounts",
	responses(
		(status = 200, description = "Logged in", body = SessionAnswer),
		(status = 401, description = "Wrong address or password", body = crate::error::ErrorBody),
		(status = 429, description = "Too many failed log-ins for this address", body = crate::error::ErrorBody)))]
/// `POST /api/session`: logs in. After [`MAX_FAILURES_PER_HOUR`] failed attempts for an
/// address within an hour, further attempts are refused with 429 until they age out.
pub async fn log_in(
	State(state): State<AppState>,
	ApiJson(request): ApiJson<LogIn>,
) -> Result<Response> {
	let email = request.email.trim().to_lowercase();
	let hour_ago = now_ms() - 3_600_000;
	let failures: i64 =
		sqlx::query_scalar("SELECT COUNT(*) FROM login_failures WHERE email = $1 AND at_ms > $2")
			.bind(email.clone())
			.bind(hour_ago)
			.fetch_one(&state.db)
			.await?;
	if failures >= MAX_FAILURES_PER_HOUR {
		tracing::warn!(%email, failures, "log-in throttled");
		return Err(ApiError::new(
			StatusCode::TOO_MANY_REQUESTS,
			"throttled",
			"too many failed log-ins for this address; try again later",
		));
	}
	let row =
		sqlx::query("SELECT id, password_hash, role, address, custody FROM users WHERE email = $1")
			.bind(email.clone())
			.fetch_optional(&state.db)
			.await?;
	// An unknown address costs the same hash as a wrong password.
	let stored = match &row {
		Some(row) => row.try_get::<String, _>(1)?,
		None => state.dummy_hash.clone(),
	};
	let password = request.password.clone();
	let valid = tokio::task::spawn_blocking(move || {
		let parsed = PasswordHash::new(&stored)?;
		Ok::<_, ApiError>(Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
	})
	.await??;
	let Some(row) = row.filter(|_| valid) else {
		sqlx::query("INSERT INTO login_failures (email, at_ms) VALUES ($1, $2)")
			.bind(email)
			.bind(now_ms())
			.execute(&state.db)
			.await?;
		return Err(ApiError::new(
			StatusCode::UNAUTHORIZED,
			"bad_credentials",
			"wrong e-mail address or password",
		));
	};
	let user = User {
		id: row.try_get(0)?,
		email,
		role: Role::parse(&row.try_get::<String, _>(2)?),
		address: row.try_get(3)?,
		custody: row.try_get::<String, _>(4)?.parse()?,
	};
	tracing::info!(user = %user.id, "logged in");
	open_session(&state, user, StatusCode::OK).await
}

#[utoipa::path(delete, path = "/api/session", tag = "accounts",
	responses(
		(status = 204, description = "Logged out"),
		(status = 401, description = "No session", body = crate::error::ErrorBody),
		(status = 403, description = "Missing CSRF token", body = crate::error::ErrorBody)))]
/// `DELETE /api/session`: logs out (the session ends on the server, the cookie is cleared).
pub async fn log_out(State(state): State<AppState>, session: Session) -> Result<Response> {
	sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
		.bind(session.token_hash)
		.execute(&state.db)
		.await?;
	let clear = format!("{COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0");
	let clear = HeaderValue::from_str(&clear)?;
	Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, clear)]).into_response())
}

#[utoipa::path(get, path = "/api/me", tag = "accounts",
	responses(
		(status = 200, description = "The user and the session's CSRF token", body = SessionAnswer),
		(status = 401, description = "No session", body = crate::error::ErrorBody)))]
/// `GET /api/me`: the logged-in user and the session's CSRF token.
pub async fn me(session: Session) -> Json<serde_json::Value> {
	Json(serde_json::json!({ "user": session.user, "csrf_token": session.csrf_token }))
}

/// A hash to verify against when the address is unknown (same cost as a real one).
pub fn dummy_hash() -> Result<String> {
	hash_password("no account has this password")
}

/// Gives the user with `email` a role (institution operators and admins are granted, never
/// signed up for). Returns the user's chain address.
pub async fn grant(state: &AppState, email: &str, role: Role) -> Result<String> {
	let email = email.trim().to_lowercase();
	let updated = sqlx::query("UPDATE users SET role = $1 WHERE email = $2")
		.bind(role.as_str())
		.bind(email.clone())
		.execute(&state.db)
		.await?;
	if updated.rows_affected() == 0 {
		return Err(ApiError::not_found(format!("no user {email}")));
	}
	tracing::info!(%email, role = role.as_str(), "role granted");
	Ok(sqlx::query_scalar("SELECT address FROM users WHERE email = $1")
		.bind(email)
		.fetch_one(&state.db)
		.await?)
}
