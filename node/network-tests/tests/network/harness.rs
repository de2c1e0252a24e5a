//! Real node processes on loopback ports: the workspace's shared test support, which runs the
//! node binary `cargo build -p yinji-node` made (or `$YINJI_NODE`).

pub use yinji_client::testing::{
	eventually,
	network::{local_network, Node, PEER_IDS},
	node_binary,
};
