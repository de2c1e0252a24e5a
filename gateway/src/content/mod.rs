//! Content addressed like IPFS: the embedded store keeps files under the data directory by the
//! CIDs `ipfs add` gives for the same bytes, and the Kubo store ([`kubo`]) keeps them in a Kubo
//! node under the same CIDs, so that moving from one to the other changes no address.

pub mod api;
pub mod kubo;
pub mod sniff;
pub mod unixfs;

use std::{
	path::{Path, PathBuf},
	str::FromStr,
};
pub use unixfs::{dag, CidVersion};

/// Where content lives.
pub trait ContentStore: Send + Sync + 'static {
	/// Stores `bytes`; returns their CIDs.
	fn put(
		&self,
		bytes: &[u8],
	) -> impl std::future::Future<Output = Result<Stored, StoreError>> + Send;
	/// The bytes stored under `cid` (either of its two CIDs), if any.
	fn get(
		&self,
		cid: &str,
	) -> impl std::future::Future<Output = Result<Option<Vec<u8>>, StoreError>> + Send;
}

/// The addresses of stored bytes.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Stored {
	/// `ipfs add` (CIDv0, `Qm…`).
	pub cid_v0: String,
	/// `ipfs add --cid-version 1` (raw leaves, `bafk…`/`bafy…`).
	pub cid_v1: String,
	/// Bytes.
	pub size: u64,
}

/// What can go wrong in a store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
	/// Not a CID.
	#[error("{0:?} is not a CID")]
	BadCid(String),
	/// The disk failed.
	#[error("content store: {0}")]
	Io(#[from] std::io::Error),
	/// The Kubo node failed, or stored content under another CID than the gateway's.
	#[error("Kubo: {0}")]
	Kubo(String),
}

/// The store a gateway runs with: the embedded one (default) or a Kubo node.
pub enum Store {
	/// Files under the data directory.
	Embedded(EmbeddedStore),
	/// A Kubo node over its RPC API.
	Kubo(kubo::KuboStore),
}

impl ContentStore for Store {
	async fn put(&self, bytes: &[u8]) -> Result<Stored, StoreError> {
		match self {
			Store::Embedded(store) => store.put(bytes).await,
			Store::Kubo(store) => store.put(bytes).await,
		}
	}

	async fn get(&self, cid: &str) -> Result<Option<Vec<u8>>, StoreError> {
		match self {
			Store::Embedded(store) => store.get(cid).await,
			Store::Kubo(store) => store.get(cid).await,
		}
	}
}

/// Both CIDs of `bytes`.
pub fn cids(bytes: &[u8]) -> Stored {
	Stored {
		cid_v0: dag(bytes, CidVersion::V0).root.to_string(),
		cid_v1: dag(bytes, CidVersion::V1).root.to_string(),
		size: bytes.len() as u64,
	}
}

/// [`cids`] on a blocking thread: hashing a large upload takes a while.
pub async fn cids_blocking(bytes: &[u8]) -> Result<Stored, StoreError> {
	let bytes = bytes.to_vec();
	tokio::task::spawn_blocking(move || cids(&bytes))
		.await
		.map_err(|e| StoreError::Io(std::io::Error::other(e)))
}

/// The embedded store: one file per content under `DIR/objects/`, named by its CIDv1, and a
/// link file per CIDv0 naming the CIDv1. Writes go to a temporary file renamed into place, so a
/// crash never leaves a half-written object under a CID.
pub struct EmbeddedStore {
	objects: PathBuf,
}

impl EmbeddedStore {
	/// A store under `dir` (created if missing).
	pub fn open(dir: &Path) -> Result<EmbeddedStore, StoreError> {
		let objects = dir.join("objects");
		std::fs::create_dir_all(&objects)?;
		Ok(EmbeddedStore { objects })
	}

	fn path(&self, cid: &str) -> Result<PathBuf, StoreError> {
		// Parsing (and printing back) keeps anything but a canonical CID out of the path.
		let parsed = cid::Cid::from_str(cid).map_err(|_| StoreError::BadCid(cid.to_string()))?;
		Ok(self.objects.join(parsed.to_string()))
	}

	async fn write(&self, path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
		if tokio::fs::try_exists(path).await? {
			return Ok(());
		}
		let temporary = path.with_extension("partial");
		tokio::fs::write(&temporary, bytes).await?;
		let file = tokio::fs::File::open(&temporary).await?;
		file.sync_all().await?;
		tokio::fs::rename(&temporary, path).await?;
		Ok(())
	}
}

impl ContentStore for EmbeddedStore {
	async fn put(&self, bytes: &[u8]) -> Result<Stored, StoreError> {
		let stored = cids_blocking(bytes).await?;
		self.write(&self.path(&stored.cid_v1)?, bytes).await?;
		self.write(&self.path(&stored.cid_v0)?, stored.cid_v1.as_bytes()).await?;
		Ok(stored)
	}

	async fn get(&self, cid: &str) -> Result<Option<Vec<u8>>, StoreError> {
		let parsed = cid::Cid::from_str(cid).map_err(|_| StoreError::BadCid(cid.to_string()))?;
		let Some(bytes) = read(&self.path(cid)?).await? else { return Ok(None) };
		if parsed.version() != cid::Version::V0 {
			return Ok(Some(bytes));
		}
		// A CIDv0 entry names the CIDv1 object.
		let v1 = String::from_utf8_lossy(&bytes).to_string();
		read(&self.path(&v1)?).await
	}
}

async fn read(path: &Path) -> Result<Option<Vec<u8>>, StoreError> {
	match tokio::fs::read(path).await {
		Ok(bytes) => Ok(Some(bytes)),
		Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
		Err(e) => Err(e.into()),
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[tokio::test]
	async fn stores_and_serves_by_either_cid() {
		let dir = tempfile::tempdir().unwrap();
		let store = EmbeddedStore::open(dir.path()).unwrap();
		let stored = store.put(b"hello").await.unwrap();
		assert_eq!(stored.cid_v0, "QmWfVY9y3xjsixTgbd9AorQxH7VtMpzfx2HaWtsoUYecaX");
		assert_eq!(store.get(&stored.cid_v0).await.unwrap().as_deref(), Some(&b"hello"[..]));
		assert_eq!(store.get(&stored.cid_v1).await.unwrap().as_deref(), Some(&b"hello"[..]));
		// Storing again is a no-op; an unknown CID is absent; a path is not a CID.
		assert_eq!(store.put(b"hello").await.unwrap(), stored);
		let other = cids(b"other");
		assert_eq!(store.get(&other.cid_v1).await.unwrap(), None);
		assert!(matches!(store.get("../../etc/passwd").await, Err(StoreError::BadCid(_))));
	}
}
