//! Real node processes on loopback ports (the workspace's shared test support), and the
//! node binary Cargo built for these tests.

/// The node binary Cargo built for these tests.
pub const NODE: &str = env!("CARGO_BIN_EXE_yinji-node");

pub use yinji_client::testing::{
	eventually,
	network::{local_network, Node, PEER_IDS},
};
