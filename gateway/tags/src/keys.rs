//! The keys of yinji's tags, all diversified from one 16-byte root that never leaves the
//! gateway's secrets: per key epoch, a meta-read key (shared by the epoch's tags, since the UID
//! is unknown until PICCData is decrypted) and a file master, from which each tag's
//! application keys are diversified by its UID (NXP AN10922, as `ntag424` implements it). A
//! leaked tag key forges that one tag only; a new epoch replaces every key.

use crate::sun::Key;
use ntag424::{key_diversification::diversify_ntag424, types::KeyNumber};

/// The system identifier mixed into every diversified key.
const SYSTEM: &[u8] = b"yinji";

/// The root secret of every tag key. Its `Debug` does not show it.
#[derive(Clone)]
pub struct TagRoot([u8; 16]);

impl core::fmt::Debug for TagRoot {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		f.write_str("TagRoot([redacted])")
	}
}

impl TagRoot {
	/// The root from its 16 bytes.
	pub fn new(bytes: [u8; 16]) -> TagRoot {
		TagRoot(bytes)
	}

	/// The root from 32 hex digits.
	pub fn from_hex(text: &str) -> crate::Result<TagRoot> {
		hex::decode(text.trim())
			.ok()
			.and_then(|bytes| bytes.try_into().ok())
			.map(TagRoot)
			.ok_or(crate::Error::BadHex { name: "tag root key", expected: 32 })
	}

	/// The keys of key epoch `epoch`.
	pub fn epoch(&self, epoch: u32) -> EpochKeys {
		let derive = |label: &[u8; 4]| {
			let mut input = [0u8; 8];
			input[..4].copy_from_slice(label);
			input[4..].copy_from_slice(&epoch.to_be_bytes());
			// AN10922 takes 1 to 31 bytes of input; these are 8, so it cannot panic. qed
			ntag424::key_diversification::diversify_aes128(&self.0, &input)
		};
		EpochKeys { epoch, meta: derive(b"meta"), file_master: derive(b"file") }
	}
}

/// The keys of one key epoch.
#[derive(Clone)]
pub struct EpochKeys {
	epoch: u32,
	meta: Key,
	file_master: Key,
}

impl core::fmt::Debug for EpochKeys {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		write!(f, "EpochKeys({}, [redacted])", self.epoch)
	}
}

impl EpochKeys {
	/// The epoch.
	pub fn epoch(&self) -> u32 {
		self.epoch
	}

	/// The SDM meta-read key (application key 1 of every tag of the epoch): decrypts PICCData.
	pub fn meta_key(&self) -> Key {
		self.meta
	}

	/// The SDM file-read key of the tag with `uid` (its application key 2): keys the MAC.
	pub fn file_key(&self, uid: &[u8; 7]) -> Key {
		self.diversified(uid, KeyNumber::Key2)
	}

	/// The five application keys of the tag with `uid`: key 0 (application master), 1 (meta
	/// read), 2 (file read, SDM MAC), 3 and 4 (unused by SDM, diversified so that none is left
	/// at the factory value).
	pub fn application_keys(&self, uid: &[u8; 7]) -> [Key; 5] {
		[
			self.diversified(uid, KeyNumber::Key0),
			self.meta,
			self.file_key(uid),
			self.diversified(uid, KeyNumber::Key3),
			self.diversified(uid, KeyNumber::Key4),
		]
	}

	fn diversified(&self, uid: &[u8; 7], key: KeyNumber) -> Key {
		// The system identifier is 5 bytes, within AN10922's 16. qed
		diversify_ntag424(&self.file_master, uid, key, SYSTEM)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn keys_differ_per_epoch_tag_and_slot() {
		let root = TagRoot::new([3; 16]);
		let (one, two) = (root.epoch(1), root.epoch(2));
		let (a, b) = ([4, 1, 1, 1, 1, 1, 1], [4, 1, 1, 1, 1, 1, 2]);
		assert_ne!(one.meta_key(), two.meta_key());
		assert_ne!(one.file_key(&a), one.file_key(&b));
		assert_ne!(one.file_key(&a), two.file_key(&a));
		let keys = one.application_keys(&a);
		for (i, x) in keys.iter().enumerate() {
			assert_ne!(*x, [0; 16], "key {i} is not the factory key");
			for y in &keys[i + 1..] {
				assert_ne!(x, y);
			}
		}
		assert_eq!(keys[1], one.meta_key());
		assert_eq!(keys[2], one.file_key(&a));
		// The same root gives the same keys.
		assert_eq!(TagRoot::new([3; 16]).epoch(1).file_key(&a), one.file_key(&a));
		assert_eq!(format!("{root:?}"), "TagRoot([redacted])");
		assert!(TagRoot::from_hex("00").is_err());
	}
}
