//! Networks of real `yinji-node` processes on loopback ports, each node with its test node key
//! and, as a validator, the dev keys of its keyring name: [`Node`] starts, kills and restarts
//! one; [`local_network`] starts the four institutions of `--chain local`.

use super::{free_port, node_binary};
use std::{
	fs::File,
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
};

/// The test node keys' peer ids (secrets `0101…01` to `0606…06`; chain-spec/README.md).
pub const PEER_IDS: [&str; 6] = [
	"12D3KooWK99VoVxNE7XzyBwXEzW7xhK7Gpv85r9F3V3fyKSUKPH5",
	"12D3KooWJWoaqZhDaoEFshF7Rh1bpY9ohihFhzcW6d69Lr2NASuq",
	"12D3KooWRndVhVZPCiQwHBBBdg769GyrPUW13zxwqQyf9r3ANaba",
	"12D3KooWPT98FXMfDQYavZm66EeVjTqP9Nnehn1gyaydqV8L8BQw",
	"12D3KooWHFd1gyNYFqxt7ke9FY2VoVVWY2XSPhvL9vg2pB6wQGfa",
	"12D3KooWK98A5qKRAA9qZccvoJLvcLu68PCFZLNfdd81iQLvHj6W",
];

/// The keyring names whose dev keys (`--alice`, …) the nodes run with.
pub const NAMES: [&str; 6] = ["alice", "bob", "charlie", "dave", "eve", "ferdie"];

/// One node process of a test network.
pub struct Node {
	/// 0 for Alice's node, 1 for Bob's, ….
	pub index: usize,
	/// The P2P port.
	pub p2p_port: u16,
	/// The RPC port.
	pub rpc_port: u16,
	chain: String,
	bootnodes: Vec<String>,
	validator: bool,
	base: PathBuf,
	child: Option<Child>,
}

impl Node {
	/// Starts node `index` of the chain `chain` (`local` or a spec file) with its test node key,
	/// as a validator with its dev keys if `validator`.
	pub fn start(
		root: &Path,
		index: usize,
		chain: &str,
		bootnodes: &[String],
		validator: bool,
	) -> Node {
		let mut node = Node {
			index,
			p2p_port: free_port(),
			rpc_port: free_port(),
			chain: chain.to_string(),
			bootnodes: bootnodes.to_vec(),
			validator,
			base: root.join(NAMES[index]),
			child: None,
		};
		node.spawn();
		node
	}

	/// This node's address for others' `--bootnodes`.
	pub fn multiaddr(&self) -> String {
		format!("/ip4/127.0.0.1/tcp/{}/p2p/{}", self.p2p_port, PEER_IDS[self.index])
	}

	/// The WebSocket URL of its RPC server.
	pub fn url(&self) -> String {
		format!("ws://127.0.0.1:{}", self.rpc_port)
	}

	fn spawn(&mut self) {
		std::fs::create_dir_all(&self.base).expect("the test directory is writable");
		let log = File::options()
			.create(true)
			.append(true)
			.open(self.base.join("node.log"))
			.expect("the log file opens");
		let key = format!("{:02x}", self.index + 1).repeat(32);
		let mut command = Command::new(node_binary());
		command
			.arg("--chain")
			.arg(&self.chain)
			.arg("--base-path")
			.arg(&self.base)
			.args(["--port", &self.p2p_port.to_string()])
			.args(["--rpc-port", &self.rpc_port.to_string()])
			.args(["--node-key", &key])
			.args(["--offchain-worker", "always"])
			.args(["--no-prometheus", "--no-telemetry", "--no-mdns", "--rpc-methods", "unsafe"])
			.args(["--name", NAMES[self.index]])
			.args([
				"--log",
				&std::env::var("YINJI_NODE_LOG").unwrap_or_else(|_| "info,runtime=debug".into()),
			])
			.stdout(Stdio::null())
			.stderr(log);
		if self.validator {
			command.arg(format!("--{}", NAMES[self.index]));
		}
		// The bootnodes are also reserved peers, which the node keeps dialling: a node that is
		// refused until the members allow-list it then connects as soon as they do.
		for bootnode in &self.bootnodes {
			command.args(["--bootnodes", bootnode, "--reserved-nodes", bootnode]);
		}
		self.child = Some(command.spawn().expect("the node binary starts"));
	}

	/// Kills the process at once (SIGKILL), as a crash would.
	pub fn kill(&mut self) {
		super::kill(&mut self.child);
	}

	/// Starts the process again on the same ports, keys and database.
	pub fn restart(&mut self) {
		self.kill();
		self.spawn();
	}

	/// The path of its log, for failure messages.
	pub fn log(&self) -> PathBuf {
		self.base.join("node.log")
	}
}

impl Drop for Node {
	fn drop(&mut self) {
		self.kill();
	}
}

/// The four institutions of `--chain local` (Alice, Bob, Charlie, Dave), each a validator:
/// Alice's node first, the others booting from it.
pub fn local_network(root: &Path) -> Vec<Node> {
	let alice = Node::start(root, 0, "local", &[], true);
	let boot = vec![alice.multiaddr()];
	let mut nodes = vec![alice];
	for index in 1..4 {
		nodes.push(Node::start(root, index, "local", &boot, true));
	}
	nodes
}
