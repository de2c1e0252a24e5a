// Test support: a failed expectation here is a failed test, so panicking is the point.
#![allow(clippy::expect_used, clippy::panic)]

//! A real `yinji-node --dev` process for the tests of the off-chain services.
//!
//! The node binary is the one Cargo built in this workspace: `$YINJI_NODE` when set, otherwise
//! `yinji-node` in the `debug` directory of `$CARGO_TARGET_DIR` (or of the workspace's
//! `target/`). Build it first with `cargo build -p yinji-node`; the test scripts do.

pub mod network;
mod postgres;

pub use postgres::Postgres;

use crate::{Chain, Error};
use std::{
	fs::File,
	net::TcpListener,
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	time::{Duration, Instant},
};

/// Kills a node process at once (SIGKILL), as a crash would, and reaps it.
fn kill(child: &mut Option<Child>) {
	if let Some(mut child) = child.take() {
		let _ = child.kill();
		let _ = child.wait();
	}
}

/// A free TCP port on loopback (the OS picks it; it is released for the process to take).
pub fn free_port() -> u16 {
	TcpListener::bind("127.0.0.1:0")
		.and_then(|listener| listener.local_addr())
		.map(|address| address.port())
		.expect("the OS gives a free loopback port")
}

/// The node binary the tests run.
pub fn node_binary() -> PathBuf {
	if let Some(path) = std::env::var_os("YINJI_NODE") {
		return PathBuf::from(path);
	}
	let target = std::env::var_os("CARGO_TARGET_DIR")
		.map(PathBuf::from)
		.unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("target"));
	target.join("debug").join("yinji-node")
}

/// A `yinji-node --dev` process on free loopback ports, killed when dropped.
pub struct DevNode {
	child: Option<Child>,
	dir: PathBuf,
	rpc_port: u16,
	p2p_port: u16,
	log: PathBuf,
}

impl DevNode {
	/// Starts a development chain whose database lives under `dir`.
	pub fn start(dir: &Path) -> DevNode {
		std::fs::create_dir_all(dir).expect("the test directory is writable");
		let mut node = DevNode {
			child: None,
			dir: dir.to_path_buf(),
			rpc_port: free_port(),
			p2p_port: free_port(),
			log: dir.join("node.log"),
		};
		node.spawn();
		node
	}

	fn spawn(&mut self) {
		let binary = node_binary();
		assert!(
			binary.exists(),
			"no node binary at {} (build it with `cargo build -p yinji-node`, or set YINJI_NODE)",
			binary.display()
		);
		let stderr =
			File::options().create(true).append(true).open(&self.log).expect("the log file opens");
		let child = Command::new(binary)
			.args(["--dev", "--base-path"])
			.arg(self.dir.join("node"))
			.args(["--rpc-port", &self.rpc_port.to_string()])
			.args(["--port", &self.p2p_port.to_string()])
			.args(["--no-prometheus", "--no-telemetry", "--no-mdns"])
			.stdout(Stdio::null())
			.stderr(stderr)
			.spawn()
			.expect("the node binary starts");
		self.child = Some(child);
	}

	/// Kills the process at once (SIGKILL), as a crash would.
	pub fn kill(&mut self) {
		kill(&mut self.child);
	}

	/// Starts the process again on the same ports and database.
	pub fn restart(&mut self) {
		self.kill();
		self.spawn();
	}

	/// The WebSocket URL of its RPC server.
	pub fn url(&self) -> String {
		format!("ws://127.0.0.1:{}", self.rpc_port)
	}

	/// The path of its log, for failure messages.
	pub fn log(&self) -> &Path {
		&self.log
	}

	/// Connects to it, waiting up to two minutes for its RPC server.
	pub async fn connect(&self) -> Chain {
		Chain::connect_with_backoff(&self.url(), Duration::from_secs(120))
			.await
			.unwrap_or_else(|e| panic!("{e} (node log: {})", self.log.display()))
	}
}

impl Drop for DevNode {
	fn drop(&mut self) {
		self.kill();
	}
}

/// Polls `check` every 200 ms until it returns `Some` or `limit` passes; the deadline bounds what
/// a condition may take, it is not a guess at how long something takes.
pub async fn eventually<T, F, Fut>(what: &str, limit: Duration, mut check: F) -> T
where
	F: FnMut() -> Fut,
	Fut: std::future::Future<Output = Option<T>>,
{
	let deadline = Instant::now() + limit;
	loop {
		if let Some(value) = check().await {
			return value;
		}
		assert!(Instant::now() < deadline, "timed out after {limit:?} waiting for: {what}");
		tokio::time::sleep(Duration::from_millis(200)).await;
	}
}

/// Waits until block `number` is finalized.
pub async fn wait_finalized(chain: &Chain, number: u64, limit: Duration) -> u64 {
	eventually(&format!("block {number} finalized"), limit, || async move {
		chain.finalized_number().await.ok().filter(|finalized| *finalized >= number)
	})
	.await
}

/// Unwraps a chain call in a test, with the error in the panic message.
pub fn ok<T>(result: Result<T, Error>, what: &str) -> T {
	result.unwrap_or_else(|e| panic!("{what}: {e}"))
}
