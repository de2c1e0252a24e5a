//! yinji's physical tags, as pure functions (no I/O): what the gateway needs to issue a tag for
//! a physical-twin item and to judge a tap or a scan.
//!
//! - [`sun`]: NTAG 424 DNA Secure Unique NFC in AES mode (NXP AN12196): PICCData decryption,
//!   session keys, the SDM MAC, file-data decryption.
//! - [`tap`]: a tap URL (`?e=…&c=…`, optionally `&enc=…`) parsed and verified with a key epoch's
//!   keys into a [`tap::Tap`]: the tag's UID, its read counter, its tamper loop.
//! - [`keys`]: the keys of a key epoch and of each tag, diversified from one root (AN10922).
//! - [`personalize`]: what a tag is programmed with: its five application keys, the NDEF file
//!   and the SDM settings of the URL template.
//! - [`qr`]: printed codes: a GS1 Digital Link style URL carrying an ed25519 signature over
//!   (genesis hash, collection, item, key epoch), as SVG or PNG.
//! - [`receipt`]: a signed verification receipt anyone can check offline.

pub mod keys;
pub mod personalize;
pub mod qr;
pub mod receipt;
pub mod sun;
pub mod tap;

/// What can go wrong with a tag, a code or a receipt: each names the failed condition.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
	/// A parameter is missing from a URL.
	#[error("the URL has no {0} parameter")]
	Missing(&'static str),
	/// A parameter appears twice.
	#[error("the URL has the {0} parameter more than once")]
	Repeated(&'static str),
	/// A parameter is not hex of the right length.
	#[error("{name} must be {expected} hex digits")]
	BadHex {
		/// The parameter.
		name: &'static str,
		/// Hex digits it must have.
		expected: usize,
	},
	/// The decrypted PICCData does not start with the tag byte of a tag mirroring its 7-byte UID
	/// and its counter: the wrong key epoch, or not one of our tags.
	#[error("the encrypted tag data does not decrypt to a UID and counter (tag byte {0:#04x})")]
	BadPiccData(u8),
	/// The SDM MAC does not match: the URL was altered or made without the tag's key.
	#[error("the tag's signature (SDM MAC) does not match")]
	MacMismatch,
	/// Encrypted file data is not a whole number of AES blocks.
	#[error("the encrypted file data is not a whole number of 16-byte blocks")]
	BadFileData,
	/// A QR code's signature does not verify against the published key.
	#[error("the code's signature does not verify")]
	BadSignature,
	/// A receipt is not what it claims (altered, or not signed by the key given).
	#[error("the receipt does not verify: {0}")]
	BadReceipt(String),
	/// A path is not a code this gateway issues.
	#[error("not a yinji code: {0}")]
	NotACode(String),
	/// A URL template cannot be programmed into a tag.
	#[error("the tag URL template is not usable: {0}")]
	Template(String),
}

/// Results of this crate.
pub type Result<T, E = Error> = core::result::Result<T, E>;
