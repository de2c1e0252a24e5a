//! The committed runtime metadata (`client/metadata/yinji.scale`), from which the typed calls
//! and events are generated, is the metadata of the runtime this workspace builds.

// Test code: a failed expectation is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::time::Duration;
use yinji_client::testing::{ok, wait_finalized, DevNode};

#[tokio::test(flavor = "multi_thread")]
async fn the_committed_metadata_is_the_runtime_s() {
	let dir = tempfile::tempdir().unwrap();
	let node = DevNode::start(dir.path());
	let chain = node.connect().await;
	wait_finalized(&chain, 1, Duration::from_secs(180)).await;
	let built = ok(chain.metadata_bytes(16).await, "the runtime's metadata")
		.expect("the runtime has metadata of version 16");
	let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("metadata/yinji.scale");
	let committed = std::fs::read(&path).expect("client/metadata/yinji.scale exists");
	assert!(
		built == committed,
		"client/metadata/yinji.scale ({} bytes) is not the runtime's metadata ({} bytes): \
		 regenerate it with scripts/metadata",
		committed.len(),
		built.len()
	);
	let at = chain.api().at_current_block().await.unwrap();
	assert!(
		yinji_client::runtime::matches(at.metadata_ref()),
		"the generated interface matches the node's runtime"
	);
}
