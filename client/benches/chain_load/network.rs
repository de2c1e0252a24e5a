//! The network under load: nodes this run starts, or nodes already running.

use yinji_client::testing::{network, node_binary, DevNode};

/// The nodes this run started, held only to be stopped when dropped.
#[allow(dead_code)]
pub enum Nodes {
	/// One `yinji-node --dev`.
	Dev(DevNode),
	/// The four validators of `--chain local`.
	Local(Vec<network::Node>),
	/// Nodes this run did not start (`YINJI_LOAD_NODE`).
	Running,
}

/// Starts (or names) the network under load: its RPC URLs and a description for the report.
pub fn start(dir: &std::path::Path) -> (Nodes, Vec<String>, String) {
	let build = if node_binary().components().any(|c| c.as_os_str() == "release") {
		"release"
	} else {
		"debug"
	};
	if let Ok(urls) = std::env::var("YINJI_LOAD_NODE") {
		let urls: Vec<String> = urls.split(',').map(str::to_string).collect();
		let described = format!("{} running node(s)", urls.len());
		return (Nodes::Running, urls, described);
	}
	match std::env::var("YINJI_LOAD_NETWORK").as_deref() {
		Ok("local") => {
			let nodes = network::local_network(dir);
			let urls = nodes.iter().map(network::Node::url).collect();
			let described = format!("four validators of `--chain local` ({build} nodes)");
			(Nodes::Local(nodes), urls, described)
		}
		Ok("dev") | Err(_) => {
			let node = DevNode::start(dir);
			let urls = vec![node.url()];
			(Nodes::Dev(node), urls, format!("one `yinji-node --dev` ({build} node)"))
		}
		Ok(other) => panic!("YINJI_LOAD_NETWORK is dev or local, not {other}"),
	}
}
