//! The CIDs `ipfs add` gives for a file's bytes, computed the way Kubo builds them: fixed-size
//! chunks of 256 KiB, a balanced tree of at most 174 links per node, UnixFS `File` nodes in
//! dag-pb, sha2-256 multihashes.
//!
//! - **CIDv0** (`ipfs add`): every leaf is a dag-pb node wrapping its chunk in UnixFS data;
//!   the root's CID is version 0 (`Qm…`).
//! - **CIDv1** (`ipfs add --cid-version 1`, which implies raw leaves): leaves are `raw` blocks,
//!   inner nodes dag-pb, every CID version 1 (`bafk…` for a one-chunk file, `bafy…` above).
//!
//! The blocks are returned with the CID so a store can keep them and serve the DAG.

use cid::{multihash::Multihash, Cid};
use sha2::{Digest, Sha256};

/// Kubo's default chunk size (`size-262144`).
pub const CHUNK_SIZE: usize = 256 * 1024;
/// Kubo's default maximum number of links per node in the balanced layout.
pub const MAX_LINKS: usize = 174;

const SHA2_256: u64 = 0x12;
const DAG_PB: u64 = 0x70;
const RAW: u64 = 0x55;
/// UnixFS `Data.DataType.File`.
const UNIXFS_FILE: u64 = 2;

/// Which of `ipfs add`'s two common layouts to build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CidVersion {
	/// `ipfs add`: dag-pb leaves, CIDv0.
	V0,
	/// `ipfs add --cid-version 1`: raw leaves, CIDv1.
	V1,
}

/// One block of the DAG.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
	/// Its CID.
	pub cid: Cid,
	/// Its bytes.
	pub data: Vec<u8>,
}

/// A file's DAG: its root CID and every block (root last).
#[derive(Clone, Debug)]
pub struct Dag {
	/// The root's CID, as `ipfs add` prints it.
	pub root: Cid,
	/// All blocks, leaves first, the root last.
	pub blocks: Vec<Block>,
}

/// A built subtree: its CID, the file bytes under it and its cumulative encoded size (`Tsize`).
struct Node {
	cid: Cid,
	file_size: u64,
	tsize: u64,
}

/// Builds the DAG `ipfs add` builds for `bytes`.
pub fn dag(bytes: &[u8], version: CidVersion) -> Dag {
	let mut builder = Builder { version, blocks: Vec::new() };
	let mut chunks = bytes.chunks(CHUNK_SIZE).peekable();
	// The first leaf (an empty one for an empty file), then the tree above it if more follows.
	let first = builder.leaf(chunks.next().unwrap_or_default());
	let root = if chunks.peek().is_none() {
		first
	} else {
		// Balanced layout: a root of depth 1 holding up to MAX_LINKS leaves; while data remains,
		// a new root one level deeper takes the old root as its first child and fills the rest
		// with full subtrees of the old depth.
		let mut root = builder.fill(vec![first], 1, &mut chunks);
		let mut depth = 1;
		while chunks.peek().is_some() {
			let mut children = vec![root];
			while children.len() < MAX_LINKS && chunks.peek().is_some() {
				children.push(builder.subtree(depth, &mut chunks));
			}
			root = builder.inner(&children);
			depth += 1;
		}
		root
	};
	Dag { root: root.cid, blocks: builder.blocks }
}

struct Builder {
	version: CidVersion,
	blocks: Vec<Block>,
}

impl Builder {
	fn cid(&self, codec: u64, data: &[u8]) -> Cid {
		let digest = Sha256::digest(data);
		let hash = Multihash::<64>::wrap(SHA2_256, &digest)
			.unwrap_or_else(|_| unreachable!("a 32-byte digest fits 64 bytes; qed"));
		match self.version {
			CidVersion::V0 => Cid::new_v0(hash)
				.unwrap_or_else(|_| unreachable!("a sha2-256 multihash makes a CIDv0; qed")),
			CidVersion::V1 => Cid::new_v1(codec, hash),
		}
	}

	fn store(&mut self, codec: u64, data: Vec<u8>) -> Cid {
		let cid = self.cid(codec, &data);
		self.blocks.push(Block { cid, data });
		cid
	}

	/// A leaf for one chunk.
	fn leaf(&mut self, chunk: &[u8]) -> Node {
		match self.version {
			CidVersion::V0 => self.dag_pb_file(chunk, &[]),
			CidVersion::V1 => {
				let cid = self.store(RAW, chunk.to_vec());
				let size = chunk.len() as u64;
				Node { cid, file_size: size, tsize: size }
			}
		}
	}

	/// A dag-pb node with UnixFS `File` data: `chunk` inline (leaves) or `children` linked.
	fn dag_pb_file(&mut self, chunk: &[u8], children: &[&Node]) -> Node {
		let file_size =
			chunk.len() as u64 + children.iter().map(|child| child.file_size).sum::<u64>();
		let mut unixfs = Vec::new();
		varint_field(&mut unixfs, 1, UNIXFS_FILE);
		if !chunk.is_empty() {
			bytes_field(&mut unixfs, 2, chunk);
		}
		varint_field(&mut unixfs, 3, file_size);
		for child in children {
			varint_field(&mut unixfs, 4, child.file_size);
		}
		// dag-pb's canonical order: the links (field 2) before the data (field 1).
		let mut node = Vec::new();
		for child in children {
			let mut link = Vec::new();
			bytes_field(&mut link, 1, &child.cid.to_bytes());
			bytes_field(&mut link, 2, b"");
			varint_field(&mut link, 3, child.tsize);
			bytes_field(&mut node, 2, &link);
		}
		bytes_field(&mut node, 1, &unixfs);
		let encoded = node.len() as u64;
		let cid = self.store(DAG_PB, node);
		Node { cid, file_size, tsize: encoded + children.iter().map(|c| c.tsize).sum::<u64>() }
	}

	fn inner(&mut self, children: &[Node]) -> Node {
		let refs: Vec<&Node> = children.iter().collect();
		self.dag_pb_file(&[], &refs)
	}

	/// Fills a node of `depth` whose first children are `children`, up to MAX_LINKS.
	fn fill<'a, I: Iterator<Item = &'a [u8]>>(
		&mut self,
		mut children: Vec<Node>,
		depth: usize,
		chunks: &mut std::iter::Peekable<I>,
	) -> Node {
		while children.len() < MAX_LINKS && chunks.peek().is_some() {
			children.push(self.subtree(depth - 1, chunks));
		}
		self.inner(&children)
	}

	/// A subtree of `depth` (0: a leaf) filled from `chunks`.
	fn subtree<'a, I: Iterator<Item = &'a [u8]>>(
		&mut self,
		depth: usize,
		chunks: &mut std::iter::Peekable<I>,
	) -> Node {
		if depth == 0 {
			let chunk = chunks.next().unwrap_or_default();
			return self.leaf(chunk);
		}
		self.fill(Vec::new(), depth, chunks)
	}
}

fn varint(out: &mut Vec<u8>, mut value: u64) {
	while value >= 0x80 {
		out.push((value as u8) | 0x80);
		value >>= 7;
	}
	out.push(value as u8);
}

fn varint_field(out: &mut Vec<u8>, field: u64, value: u64) {
	varint(out, field << 3);
	varint(out, value);
}

fn bytes_field(out: &mut Vec<u8>, field: u64, bytes: &[u8]) {
	varint(out, (field << 3) | 2);
	varint(out, bytes.len() as u64);
	out.extend_from_slice(bytes);
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn known_cids_of_small_files() {
		// `ipfs add` of "hello" and of the empty file, as Kubo prints them.
		assert_eq!(
			dag(b"hello", CidVersion::V0).root.to_string(),
			"QmWfVY9y3xjsixTgbd9AorQxH7VtMpzfx2HaWtsoUYecaX"
		);
		assert_eq!(
			dag(b"", CidVersion::V0).root.to_string(),
			"QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH"
		);
		// With raw leaves a one-chunk file is a raw block: its CID is the bytes' sha2-256.
		let v1 = dag(b"hello", CidVersion::V1);
		assert_eq!(v1.root.codec(), RAW);
		assert_eq!(v1.root.hash().digest(), &Sha256::digest(b"hello")[..]);
		assert!(v1.root.to_string().starts_with("bafkrei"));
	}

	#[test]
	fn the_tree_is_balanced_with_at_most_174_links() {
		// 175 chunks: a root of two children, the first full (174 leaves), the second one leaf.
		let bytes = vec![7u8; CHUNK_SIZE * 175];
		let dag = dag(&bytes, CidVersion::V1);
		let leaves = dag.blocks.iter().filter(|b| b.cid.codec() == RAW).count();
		let inner = dag.blocks.iter().filter(|b| b.cid.codec() == DAG_PB).count();
		// Identical chunks give identical leaves, but each is stored once per position.
		assert_eq!((leaves, inner), (175, 3));
		assert_eq!(dag.blocks.last().map(|b| b.cid), Some(dag.root));
		assert!(dag.root.to_string().starts_with("bafybei"));
	}

	#[test]
	fn a_changed_byte_changes_the_cid() {
		let mut bytes = vec![1u8; CHUNK_SIZE + 1];
		let before = dag(&bytes, CidVersion::V0).root;
		bytes[CHUNK_SIZE] = 2;
		assert_ne!(dag(&bytes, CidVersion::V0).root, before);
	}
}
