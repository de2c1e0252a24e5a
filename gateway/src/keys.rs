//! Custodial keys, sealed at rest (envelope encryption).
//!
//! Each custodial user has an sr25519 key generated from a random 32-byte seed. The seed is
//! sealed with ChaCha20-Poly1305 under a random per-user *data key*; the data key is sealed
//! under the gateway's *master key*, which comes from a file or the environment and is never
//! written to the database. Both seals bind the user's id as associated data, so a sealed key
//! copied to another user's row does not open. Neither the seed nor either key is ever logged:
//! [`MasterKey`] and [`Seed`] print as `[redacted]`.

use chacha20poly1305::{
	aead::{Aead, KeyInit, Payload},
	ChaCha20Poly1305, Key, Nonce,
};
use yinji_client::Keypair;

/// What can go wrong with keys.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
	/// The master key is not 32 bytes of hex.
	#[error("the master key must be 64 hex digits (32 bytes)")]
	BadMasterKey,
	/// A sealed value did not open: wrong master key, another user's row, or tampering.
	#[error("a sealed key did not open")]
	Unseal,
	/// The OS has no randomness to give.
	#[error("no randomness: {0}")]
	Random(String),
	/// A secret URI that is not a mnemonic, a seed or a dev derivation.
	#[error("the verifier key is not a valid secret URI (a mnemonic, a 0x seed or //Name)")]
	BadSecretUri,
}

/// 32 random bytes from the OS.
pub fn random32() -> Result<[u8; 32], KeyError> {
	let mut bytes = [0u8; 32];
	getrandom::fill(&mut bytes).map_err(|e| KeyError::Random(e.to_string()))?;
	Ok(bytes)
}

/// The sr25519 key pair of a secret URI (surrounding whitespace ignored, as in a key file).
pub fn keypair_from_uri(text: &str) -> Result<Keypair, KeyError> {
	let uri: yinji_client::subxt_signer::SecretUri =
		text.trim().parse().map_err(|_| KeyError::BadSecretUri)?;
	Keypair::from_uri(&uri).map_err(|_| KeyError::BadSecretUri)
}

/// The gateway's master key.
#[derive(Clone)]
pub struct MasterKey([u8; 32]);

impl std::fmt::Debug for MasterKey {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		f.write_str("MasterKey([redacted])")
	}
}

impl MasterKey {
	/// A 32-byte secret for `purpose`, derived from the master key: sha2-256 of a domain tag,
	/// the purpose and the key. Different purposes give unrelated secrets, and none reveals the
	/// master key.
	pub fn derive(&self, purpose: &str) -> [u8; 32] {
		use sha2::Digest;
		let mut hash = sha2::Sha256::new();
		hash.update(b"yinji/master-key/derive/");
		hash.update(purpose.as_bytes());
		hash.update([0]);
		hash.update(self.0);
		hash.finalize().into()
	}

	/// From 64 hex digits (surrounding whitespace ignored, as in a key file).
	pub fn from_hex(text: &str) -> Result<MasterKey, KeyError> {
		let bytes = hex::decode(text.trim()).map_err(|_| KeyError::BadMasterKey)?;
		Ok(MasterKey(bytes.try_into().map_err(|_| KeyError::BadMasterKey)?))
	}
}

/// A custodial key's seed, in memory only while signing.
pub struct Seed([u8; 32]);

impl std::fmt::Debug for Seed {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		f.write_str("Seed([redacted])")
	}
}

impl Seed {
	/// Lends the seed's bytes to `use_them` (a signer, or a test that checks no copy of them
	/// leaked); they are not returned.
	pub fn expose<R>(&self, use_them: impl FnOnce(&[u8; 32]) -> R) -> R {
		use_them(&self.0)
	}

	/// The sr25519 key pair of this seed.
	pub fn keypair(&self) -> Result<Keypair, KeyError> {
		Keypair::from_secret_key(self.0).map_err(|_| KeyError::Unseal)
	}
}

/// A new custodial key for `user`, sealed: `(address, sealed data key, sealed seed)`, the
/// address as `0x`-hex of the public key and the seals as hex of nonce ‖ ciphertext.
pub fn new_custodial(master: &MasterKey, user: &str) -> Result<(String, String, String), KeyError> {
	seal_custodial(master, user, &Seed(random32()?))
}

/// Seals `seed` as `user`'s custodial key (an institution's existing key, say): the same
/// `(address, sealed data key, sealed seed)` as [`new_custodial`].
pub fn seal_custodial(
	master: &MasterKey,
	user: &str,
	seed: &Seed,
) -> Result<(String, String, String), KeyError> {
	let address = crate::bytes::to_hex(&seed.keypair()?.public_key().0);
	let data_key = random32()?;
	let sealed_data_key = seal(&master.0, user, &data_key)?;
	let sealed_seed = seal(&data_key, user, &seed.0)?;
	Ok((address, sealed_data_key, sealed_seed))
}

/// Opens `user`'s sealed seed.
pub fn open_custodial(
	master: &MasterKey,
	user: &str,
	sealed_data_key: &str,
	sealed_seed: &str,
) -> Result<Seed, KeyError> {
	let data_key: [u8; 32] =
		unseal(&master.0, user, sealed_data_key)?.try_into().map_err(|_| KeyError::Unseal)?;
	let seed = unseal(&data_key, user, sealed_seed)?;
	Ok(Seed(seed.try_into().map_err(|_| KeyError::Unseal)?))
}

fn seal(key: &[u8; 32], user: &str, secret: &[u8]) -> Result<String, KeyError> {
	let random = random32()?;
	let mut nonce = [0u8; 12];
	nonce.copy_from_slice(&random[..12]);
	let sealed = ChaCha20Poly1305::new(&Key::from(*key))
		.encrypt(&Nonce::from(nonce), Payload { msg: secret, aad: user.as_bytes() })
		.map_err(|_| KeyError::Unseal)?;
	Ok(hex::encode([&nonce[..], &sealed[..]].concat()))
}

fn unseal(key: &[u8; 32], user: &str, sealed: &str) -> Result<Vec<u8>, KeyError> {
	let bytes = hex::decode(sealed).map_err(|_| KeyError::Unseal)?;
	if bytes.len() < 12 {
		return Err(KeyError::Unseal);
	}
	let (nonce, ciphertext) = bytes.split_at(12);
	let nonce: [u8; 12] = nonce.try_into().map_err(|_| KeyError::Unseal)?;
	ChaCha20Poly1305::new(&Key::from(*key))
		.decrypt(&Nonce::from(nonce), Payload { msg: ciphertext, aad: user.as_bytes() })
		.map_err(|_| KeyError::Unseal)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_sealed_key_opens_only_with_its_master_key_and_user() {
		let master = MasterKey::from_hex(&"11".repeat(32)).unwrap();
		let (address, data_key, seed) = new_custodial(&master, "user-1").unwrap();
		let opened = open_custodial(&master, "user-1", &data_key, &seed).unwrap();
		let public = opened.keypair().unwrap().public_key().0;
		assert_eq!(address, format!("0x{}", hex::encode(public)));
		let other = MasterKey::from_hex(&"22".repeat(32)).unwrap();
		assert!(open_custodial(&other, "user-1", &data_key, &seed).is_err());
		assert!(open_custodial(&master, "user-2", &data_key, &seed).is_err());
		let mut tampered = seed.clone();
		tampered.replace_range(30..32, if &seed[30..32] == "00" { "01" } else { "00" });
		assert!(open_custodial(&master, "user-1", &data_key, &tampered).is_err());
		// Nothing secret prints.
		assert_eq!(format!("{master:?} {opened:?}"), "MasterKey([redacted]) Seed([redacted])");
		assert!(MasterKey::from_hex("abcd").is_err());
	}
}
