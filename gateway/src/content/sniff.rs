//! What an upload really is, from its bytes: the declared type must agree, and only media types
//! a work can have are accepted (never HTML, scripts or anything a browser would run).

/// The media types an upload may have.
pub const ALLOWED: &[&str] = &[
	"image/jpeg",
	"image/png",
	"image/gif",
	"image/webp",
	"image/avif",
	"application/pdf",
	"audio/mpeg",
	"audio/x-wav",
	"audio/x-flac",
	"audio/ogg",
	"video/mp4",
	"video/webm",
	"model/gltf-binary",
];

/// Why an upload was refused.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum SniffError {
	/// The bytes are of no type we accept.
	#[error("the content is not an accepted media type (found {found})")]
	NotAllowed {
		/// What the bytes look like, or `unknown`.
		found: String,
	},
	/// The declared type is not what the bytes are.
	#[error("declared as {declared} but the content is {found}")]
	Mislabelled {
		/// The `Content-Type` sent.
		declared: String,
		/// What the bytes are.
		found: String,
	},
}

/// The media type of `bytes`, checked against `declared` (the request's `Content-Type`, if any
/// and if not the generic `application/octet-stream`).
pub fn sniff(bytes: &[u8], declared: Option<&str>) -> Result<&'static str, SniffError> {
	let found = if bytes.starts_with(b"glTF") { Some("model/gltf-binary") } else { None }
		.or_else(|| infer::get(bytes).map(|kind| kind.mime_type()));
	let Some(found) = found.filter(|mime| ALLOWED.contains(mime)) else {
		return Err(SniffError::NotAllowed { found: found.unwrap_or("unknown").to_string() });
	};
	match declared.map(|d| d.split(';').next().unwrap_or(d).trim().to_ascii_lowercase()) {
		Some(declared) if declared != "application/octet-stream" && declared != found => {
			Err(SniffError::Mislabelled { declared, found: found.to_string() })
		}
		_ => Ok(found),
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0";

	#[test]
	fn accepts_what_the_bytes_are_and_refuses_the_rest() {
		assert_eq!(sniff(PNG, Some("image/png")), Ok("image/png"));
		assert_eq!(sniff(PNG, None), Ok("image/png"));
		assert_eq!(sniff(PNG, Some("application/octet-stream")), Ok("image/png"));
		assert!(matches!(sniff(PNG, Some("image/jpeg")), Err(SniffError::Mislabelled { .. })));
		let html = b"<!DOCTYPE html><html><script>alert(1)</script></html>";
		assert!(matches!(sniff(html, Some("image/png")), Err(SniffError::NotAllowed { .. })));
		assert!(matches!(sniff(b"just text", None), Err(SniffError::NotAllowed { .. })));
	}
}
