//! Verification receipts: the gateway's verdict on a tap or a scan, with the tag read and the
//! finalized block it was judged against, signed with the gateway's ed25519 key so that anyone
//! can check it later and offline (`yinji-receipt verify FILE --key HEX`).
//!
//! The signature covers a domain tag and the receipt's canonical JSON: its fields in the order
//! they are declared here, with no spaces. A receipt altered in any field no longer verifies.

use crate::{Error, Result};
use ed25519_dalek::{Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};

/// Prefixed to the canonical JSON before signing.
const DOMAIN: &[u8] = b"yinji/receipt/v1\n";

/// What the gateway concluded, and from what.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Receipt {
	/// `genuine` or `rejected`.
	pub verdict: String,
	/// Why, one line each (empty for a genuine read without anomalies).
	pub reasons: Vec<String>,
	/// `nfc` or `qr`.
	pub kind: String,
	/// The chain's genesis hash (`0x`-hex).
	pub genesis: String,
	/// The collection and item the tag or code is bound to, when known.
	pub item: Option<(u32, u32)>,
	/// sha2-256 of the tag's UID, or of a code's signed message (`0x`-hex).
	pub tag: Option<String>,
	/// The tap counter read (NFC).
	pub counter: Option<u32>,
	/// The tamper status read (`CC`, `OC`, …), when the tag reports one.
	pub tamper: Option<String>,
	/// The number and hash of the finalized block the chain state was read at.
	pub block: (u64, String),
	/// When the gateway judged it (milliseconds since the Unix epoch).
	pub at_ms: i64,
}

/// A receipt with the gateway's key and signature (`0x`-hex).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignedReceipt {
	/// The receipt.
	pub receipt: Receipt,
	/// The gateway's ed25519 public key.
	pub key: String,
	/// The signature over the domain tag and the receipt's canonical JSON.
	pub signature: String,
}

fn canonical(receipt: &Receipt) -> Result<Vec<u8>> {
	let mut message = DOMAIN.to_vec();
	serde_json::to_writer(&mut message, receipt).map_err(|e| Error::BadReceipt(e.to_string()))?;
	Ok(message)
}

impl Receipt {
	/// Signs the receipt with `key`.
	pub fn sign(self, key: &SigningKey) -> Result<SignedReceipt> {
		let signature = key.sign(&canonical(&self)?);
		Ok(SignedReceipt {
			receipt: self,
			key: format!("0x{}", hex::encode(key.verifying_key().as_bytes())),
			signature: format!("0x{}", hex::encode(signature.to_bytes())),
		})
	}
}

fn hex_bytes<const N: usize>(text: &str, what: &str) -> Result<[u8; N]> {
	hex::decode(text.trim_start_matches("0x"))
		.ok()
		.and_then(|bytes| bytes.try_into().ok())
		.ok_or_else(|| Error::BadReceipt(format!("{what} is not {N} bytes of hex")))
}

impl SignedReceipt {
	/// Checks the signature against the receipt's own key and, when `expected` is given, that
	/// this key is the one expected (the gateway's published key). Returns the receipt.
	pub fn verify(&self, expected: Option<&VerifyingKey>) -> Result<&Receipt> {
		let key = VerifyingKey::from_bytes(&hex_bytes::<32>(&self.key, "key")?)
			.map_err(|_| Error::BadReceipt("the key is not an ed25519 key".into()))?;
		if expected.is_some_and(|expected| *expected != key) {
			return Err(Error::BadReceipt("signed by another key than the one given".into()));
		}
		let signature =
			ed25519_dalek::Signature::from_bytes(&hex_bytes::<64>(&self.signature, "signature")?);
		key.verify_strict(&canonical(&self.receipt)?, &signature)
			.map_err(|_| Error::BadReceipt("the signature does not match its content".into()))?;
		Ok(&self.receipt)
	}

	/// Parses and verifies a receipt's JSON.
	pub fn verify_json(json: &str, expected: Option<&VerifyingKey>) -> Result<Receipt> {
		let signed: SignedReceipt =
			serde_json::from_str(json).map_err(|e| Error::BadReceipt(e.to_string()))?;
		signed.verify(expected).cloned()
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn receipt() -> Receipt {
		Receipt {
			verdict: "genuine".into(),
			reasons: vec![],
			kind: "nfc".into(),
			genesis: format!("0x{}", "ab".repeat(32)),
			item: Some((3, 14)),
			tag: Some(format!("0x{}", "cd".repeat(32))),
			counter: Some(61),
			tamper: Some("CC".into()),
			block: (120, format!("0x{}", "ef".repeat(32))),
			at_ms: 1_796_155_590_000,
		}
	}

	#[test]
	fn a_receipt_verifies_offline_and_an_altered_one_does_not() {
		let key = SigningKey::from_bytes(&[4; 32]);
		let signed = receipt().sign(&key).unwrap();
		let json = serde_json::to_string_pretty(&signed).unwrap();
		assert_eq!(SignedReceipt::verify_json(&json, Some(&key.verifying_key())), Ok(receipt()));
		assert_eq!(SignedReceipt::verify_json(&json, None), Ok(receipt()));
		// Any field changed, or another key expected: refused.
		let altered = json.replace("\"genuine\"", "\"rejected\"");
		assert!(SignedReceipt::verify_json(&altered, None).is_err());
		let altered = json.replace("\"counter\": 61", "\"counter\": 62");
		assert!(SignedReceipt::verify_json(&altered, None).is_err());
		let other = SigningKey::from_bytes(&[5; 32]).verifying_key();
		assert!(SignedReceipt::verify_json(&json, Some(&other)).is_err());
		// A receipt re-signed by another key verifies only without an expected key.
		let forged = receipt().sign(&SigningKey::from_bytes(&[5; 32])).unwrap();
		let forged = serde_json::to_string(&forged).unwrap();
		assert!(SignedReceipt::verify_json(&forged, Some(&key.verifying_key())).is_err());
		assert!(SignedReceipt::verify_json("{}", None).is_err());
	}
}
