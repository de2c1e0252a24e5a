//! The check that no secret is kept or logged in clear: passwords, the master key and every
//! custodial key's seed (opened with the master key to know what to look for) must appear
//! nowhere in the gateway's data directory or in what it logged.

use std::{
	path::Path,
	sync::{Arc, Mutex},
};
use yinji_gateway::keys::{open_custodial, MasterKey};

/// Collects everything the gateway logs.
#[derive(Clone, Default)]
pub struct Captured(Arc<Mutex<Vec<u8>>>);

impl Captured {
	/// A subscriber at TRACE level that writes here.
	pub fn subscriber(&self) -> impl tracing::Subscriber + Send + Sync {
		let writer = self.clone();
		tracing_subscriber::fmt()
			.with_max_level(tracing::Level::TRACE)
			.with_writer(move || writer.clone())
			.finish()
	}

	fn bytes(&self) -> Vec<u8> {
		self.0.lock().unwrap().clone()
	}
}

impl std::io::Write for Captured {
	fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
		self.0.lock().unwrap().extend_from_slice(bytes);
		Ok(bytes.len())
	}
	fn flush(&mut self) -> std::io::Result<()> {
		Ok(())
	}
}

/// Asserts that none of `passwords`, the master key, or any custodial seed (raw or hex) is in a
/// file under `data` (the gateway's data directory, its SQLite database included) or in `logs`.
pub async fn assert_no_secrets(data: &Path, logs: &Captured, passwords: &[&str]) {
	let db = sqlx::SqlitePool::connect(&format!("sqlite://{}", data.join("gateway.db").display()))
		.await
		.unwrap();
	let users: Vec<(String, String, String)> =
		sqlx::query_as("SELECT id, sealed_data_key, sealed_seed FROM users")
			.fetch_all(&db)
			.await
			.unwrap();
	db.close().await;
	assert!(!users.is_empty(), "the gateway has users");
	let master = MasterKey::from_hex(super::MASTER).unwrap();
	let mut needles: Vec<Vec<u8>> = passwords.iter().map(|p| p.as_bytes().to_vec()).collect();
	needles.push(super::MASTER.as_bytes().to_vec());
	for (id, data_key, seed) in &users {
		let seed = open_custodial(&master, id, data_key, seed).unwrap();
		seed.expose(|bytes| {
			needles.push(bytes.to_vec());
			needles.push(hex::encode(bytes).into_bytes());
		});
	}
	let mut haystacks = vec![("logs".to_string(), logs.bytes())];
	let mut folders = vec![data.to_path_buf()];
	while let Some(folder) = folders.pop() {
		for entry in std::fs::read_dir(&folder).unwrap() {
			let path = entry.unwrap().path();
			if path.is_dir() {
				folders.push(path);
			} else {
				haystacks.push((path.display().to_string(), std::fs::read(&path).unwrap()));
			}
		}
	}
	assert!(haystacks[0].1.len() > 100, "the gateway logged something");
	for (name, haystack) in &haystacks {
		for needle in &needles {
			assert!(
				!haystack.windows(needle.len()).any(|window| window == needle.as_slice()),
				"a secret appears in {name}"
			);
		}
	}
}
