//! Whatever arrives as the query of a tap URL, or as the path and query of a printed code: the
//! parsers and the verifier answer a value or an error, never a panic; and a tap that verifies
//! names the counter and UID the keys can reproduce.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yinji_tags::{keys::TagRoot, qr, tap};

fuzz_target!(|data: &[u8]| {
	let text = String::from_utf8_lossy(data);
	let keys = TagRoot::new([0x42; 16]).epoch(1);
	if let Ok(read) = tap::verify(&keys, &text) {
		// Only a URL made with these keys verifies; made again, it verifies the same.
		let again = tap::simulate(&keys, read.uid, read.counter, None);
		let reread = tap::verify(&keys, &again).expect("a simulated tap verifies");
		assert_eq!((reread.uid, reread.counter), (read.uid, read.counter));
	}
	let _ = tap::parse(&text);
	let (path, query) = text.split_once('?').unwrap_or((&text, ""));
	if let Ok(code) = qr::parse(path, query) {
		let _ = code.verify(&ed25519_key(), [0; 32]);
	}
});

fn ed25519_key() -> ed25519_dalek::VerifyingKey {
	ed25519_dalek::SigningKey::from_bytes(&[7; 32]).verifying_key()
}
