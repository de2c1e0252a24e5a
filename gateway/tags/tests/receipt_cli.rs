//! `yinji-receipt verify` checks a receipt offline: exit 0 for a valid one (with or without the
//! expected key), 1 for an altered one or another key, 2 for a usage error.

// Test code: a failed expectation is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use ed25519_dalek::SigningKey;
use std::process::Command;
use yinji_tags::receipt::Receipt;

fn run(args: &[&str]) -> (i32, String) {
	let output = Command::new(env!("CARGO_BIN_EXE_yinji-receipt")).args(args).output().unwrap();
	(output.status.code().unwrap(), String::from_utf8_lossy(&output.stdout).to_string())
}

#[test]
fn the_receipt_command_checks_receipts_offline() {
	let dir = tempfile::tempdir().unwrap();
	let key = SigningKey::from_bytes(&[6; 32]);
	let public = hex::encode(key.verifying_key().as_bytes());
	let receipt = Receipt {
		verdict: "rejected".into(),
		reasons: vec!["replayed: counter 7 was already read".into()],
		kind: "nfc".into(),
		genesis: format!("0x{}", "11".repeat(32)),
		item: Some((0, 1)),
		tag: Some(format!("0x{}", "22".repeat(32))),
		counter: Some(7),
		tamper: Some("CC".into()),
		block: (42, format!("0x{}", "33".repeat(32))),
		at_ms: 1,
	}
	.sign(&key)
	.unwrap();
	let file = dir.path().join("receipt.json");
	let json = serde_json::to_string_pretty(&receipt).unwrap();
	std::fs::write(&file, &json).unwrap();
	let path = file.to_str().unwrap();

	let (code, out) = run(&["verify", path, "--key", &public]);
	assert_eq!(code, 0, "{out}");
	assert!(out.contains("valid receipt: rejected (nfc) for item 0/1"), "{out}");
	assert!(out.contains("replayed"), "{out}");
	assert_eq!(run(&["verify", path]).0, 0);

	let other = hex::encode(SigningKey::from_bytes(&[7; 32]).verifying_key().as_bytes());
	let (code, out) = run(&["verify", path, "--key", &other]);
	assert_eq!((code, out.starts_with("INVALID")), (1, true), "{out}");
	std::fs::write(&file, json.replace("\"rejected\"", "\"genuine\"")).unwrap();
	let (code, out) = run(&["verify", path, "--key", &public]);
	assert_eq!((code, out.starts_with("INVALID")), (1, true), "{out}");

	assert_eq!(run(&["check", path]).0, 2);
	assert_eq!(run(&["verify", path, "--key", "zz"]).0, 2);
	assert_eq!(run(&["verify", "/nonexistent/receipt.json"]).0, 2);
}
