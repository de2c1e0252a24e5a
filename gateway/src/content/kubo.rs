//! The Kubo store: content lives in a Kubo node, reached over its HTTP RPC API.
//!
//! Kubo adds each upload as `ipfs add` does (CIDv0, 256 KiB chunks, pinned) and the store checks
//! that Kubo's CID is the one the gateway computes, so both stores give every upload the same
//! address. The CIDv1 (raw leaves) is computed here as in the embedded store; a small link file
//! per CIDv1 under the data directory names the CIDv0 Kubo knows the content by.
//!
//! The three RPC calls it makes (`add`, `pin/ls`, `cat`) go through hyper directly: the
//! `ipfs-api` crates cannot be resolved any more (docs/decisions/0006-kubo-rpc-client.md).

use super::{cids_blocking, ContentStore, StoreError, Stored};
use http_body_util::{BodyExt, Full};
use hyper::{body::Bytes, Request, StatusCode};
use hyper_util::{
	client::legacy::{connect::HttpConnector, Client},
	rt::TokioExecutor,
};
use sha2::Digest;
use std::{path::PathBuf, str::FromStr, time::Duration};

/// How long one RPC call may take before the store reports Kubo as failing.
const CALL_LIMIT: Duration = Duration::from_secs(120);

/// Content in a Kubo node.
pub struct KuboStore {
	client: Client<HttpConnector, Full<Bytes>>,
	api: String,
	links: PathBuf,
}

/// What a Kubo RPC call answered: its status and body.
struct Answer {
	status: StatusCode,
	body: Bytes,
}

impl KuboStore {
	/// A store over the Kubo RPC API at `url` (`http://127.0.0.1:5001`), with its CIDv1 links
	/// under `dir` (created if missing).
	pub fn open(url: &str, dir: &std::path::Path) -> Result<KuboStore, StoreError> {
		let uri = hyper::Uri::from_str(url)
			.map_err(|e| StoreError::Kubo(format!("bad Kubo API URL {url:?}: {e}")))?;
		if uri.scheme_str() != Some("http") || uri.host().is_none() {
			return Err(StoreError::Kubo(format!(
				"the Kubo API URL must be http://HOST:PORT, not {url:?}"
			)));
		}
		let links = dir.join("kubo-links");
		std::fs::create_dir_all(&links)?;
		let client = Client::builder(TokioExecutor::new()).build_http();
		Ok(KuboStore { client, api: format!("{}/api/v0", url.trim_end_matches('/')), links })
	}

	/// `POST /api/v0/{command}?{query}` with `body` of `content_type`.
	async fn call(
		&self,
		command: &str,
		query: &str,
		content_type: Option<String>,
		body: Vec<u8>,
	) -> Result<Answer, StoreError> {
		let failed = |e: &dyn std::fmt::Display| StoreError::Kubo(format!("{command}: {e}"));
		let mut request = Request::post(format!("{}/{command}?{query}", self.api));
		if let Some(content_type) = content_type {
			request = request.header(hyper::header::CONTENT_TYPE, content_type);
		}
		let request = request.body(Full::new(Bytes::from(body))).map_err(|e| failed(&e))?;
		let exchange = async {
			let response = self.client.request(request).await.map_err(|e| failed(&e))?;
			let status = response.status();
			let body = response.into_body().collect().await.map_err(|e| failed(&e))?.to_bytes();
			Ok(Answer { status, body })
		};
		tokio::time::timeout(CALL_LIMIT, exchange).await.map_err(|e| failed(&e))?
	}

	/// The CIDv0 Kubo holds `cid` under: `cid` itself, or the one its link names.
	async fn kubo_cid(&self, cid: &str) -> Result<Option<String>, StoreError> {
		let parsed = cid::Cid::from_str(cid).map_err(|_| StoreError::BadCid(cid.to_string()))?;
		if parsed.version() == cid::Version::V0 {
			return Ok(Some(parsed.to_string()));
		}
		match tokio::fs::read_to_string(self.links.join(parsed.to_string())).await {
			Ok(v0) => Ok(Some(v0)),
			Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
			Err(e) => Err(e.into()),
		}
	}
}

/// Kubo's answer to `add`: one JSON line per file.
#[derive(serde::Deserialize)]
struct Added {
	#[serde(rename = "Hash")]
	hash: String,
}

/// A multipart body holding `bytes` as the one file of an `add`, with its content type.
fn multipart(bytes: &[u8]) -> (String, Vec<u8>) {
	// A boundary from the content's own hash cannot occur in the content. qed
	let boundary = format!("yinji-{}", hex::encode(&sha2::Sha256::digest(bytes)[..16]));
	let mut body = format!(
		"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"upload\"\r\n\
		 Content-Type: application/octet-stream\r\n\r\n"
	)
	.into_bytes();
	body.extend_from_slice(bytes);
	body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
	(format!("multipart/form-data; boundary={boundary}"), body)
}

impl ContentStore for KuboStore {
	async fn put(&self, bytes: &[u8]) -> Result<Stored, StoreError> {
		let stored = cids_blocking(bytes).await?;
		let (content_type, body) = multipart(bytes);
		let query = "chunker=size-262144&pin=true&cid-version=0";
		let answer = self.call("add", query, Some(content_type), body).await?;
		if answer.status != StatusCode::OK {
			return Err(StoreError::Kubo(format!(
				"add: {} {}",
				answer.status,
				String::from_utf8_lossy(&answer.body)
			)));
		}
		let added: Added = serde_json::from_slice(&answer.body)
			.map_err(|e| StoreError::Kubo(format!("add answered {e}")))?;
		if added.hash != stored.cid_v0 {
			return Err(StoreError::Kubo(format!(
				"Kubo stored the upload as {}, the gateway computes {}",
				added.hash, stored.cid_v0
			)));
		}
		let link = self.links.join(&stored.cid_v1);
		let temporary = link.with_extension("partial");
		tokio::fs::write(&temporary, stored.cid_v0.as_bytes()).await?;
		tokio::fs::rename(&temporary, &link).await?;
		Ok(stored)
	}

	async fn get(&self, cid: &str) -> Result<Option<Vec<u8>>, StoreError> {
		let Some(v0) = self.kubo_cid(cid).await? else { return Ok(None) };
		// Only what this node holds pinned is served: `cat` of anything else would go looking
		// for it on the network. Kubo answers an error status for a CID it has not pinned.
		let pinned = self.call("pin/ls", &format!("arg={v0}"), None, Vec::new()).await?;
		if pinned.status != StatusCode::OK {
			return Ok(None);
		}
		let answer = self.call("cat", &format!("arg={v0}"), None, Vec::new()).await?;
		if answer.status != StatusCode::OK {
			return Err(StoreError::Kubo(format!(
				"cat {v0}: {} {}",
				answer.status,
				String::from_utf8_lossy(&answer.body)
			)));
		}
		Ok(Some(answer.body.to_vec()))
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn only_http_urls_are_accepted() {
		let dir = tempfile::tempdir().unwrap();
		assert!(KuboStore::open("http://127.0.0.1:5001", dir.path()).is_ok());
		for bad in ["127.0.0.1:5001", "ftp://127.0.0.1:5001", "not a url"] {
			assert!(matches!(KuboStore::open(bad, dir.path()), Err(StoreError::Kubo(_))), "{bad}");
		}
	}

	#[test]
	fn the_multipart_body_holds_the_bytes_once() {
		let (content_type, body) = multipart(b"hello");
		let boundary = content_type.split_once("boundary=").unwrap().1;
		let text = String::from_utf8(body).unwrap();
		assert!(text.starts_with(&format!("--{boundary}\r\n")));
		assert!(text.ends_with(&format!("\r\n--{boundary}--\r\n")));
		assert_eq!(text.matches("hello").count(), 1);
	}
}
