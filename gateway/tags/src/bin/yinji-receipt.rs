//! `yinji-receipt verify FILE [--key HEX]`: checks a yinji verification receipt offline.
//!
//! Exits 0 and prints the verdict when the signature matches the receipt (and the key is the
//! one given, which should be the gateway's published key); exits 1 with the reason otherwise;
//! 2 on a usage error.

use std::process::ExitCode;
use yinji_tags::receipt::SignedReceipt;

fn usage() -> ExitCode {
	eprintln!("usage: yinji-receipt verify RECEIPT.json [--key GATEWAY_KEY_HEX]");
	ExitCode::from(2)
}

fn main() -> ExitCode {
	let args: Vec<String> = std::env::args().skip(1).collect();
	let (file, key) = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
		["verify", file] => (file.to_string(), None),
		["verify", file, "--key", key] => (file.to_string(), Some(key.to_string())),
		_ => return usage(),
	};
	let expected = match key.as_deref().map(parse_key).transpose() {
		Ok(key) => key,
		Err(reason) => {
			eprintln!("{reason}");
			return usage();
		}
	};
	let json = match std::fs::read_to_string(&file) {
		Ok(json) => json,
		Err(e) => {
			eprintln!("cannot read {file}: {e}");
			return ExitCode::from(2);
		}
	};
	match SignedReceipt::verify_json(&json, expected.as_ref()) {
		Ok(receipt) => {
			let item = receipt.item.map_or("-".to_string(), |(c, i)| format!("{c}/{i}"));
			println!(
				"valid receipt: {} ({}) for item {item}, at finalized block {} {}",
				receipt.verdict, receipt.kind, receipt.block.0, receipt.block.1
			);
			for reason in &receipt.reasons {
				println!("  - {reason}");
			}
			ExitCode::SUCCESS
		}
		Err(e) => {
			println!("INVALID: {e}");
			ExitCode::from(1)
		}
	}
}

fn parse_key(text: &str) -> Result<ed25519_dalek::VerifyingKey, String> {
	let bytes: [u8; 32] = hex::decode(text.trim_start_matches("0x"))
		.ok()
		.and_then(|b| b.try_into().ok())
		.ok_or_else(|| format!("{text:?} is not a 32-byte hex key"))?;
	ed25519_dalek::VerifyingKey::from_bytes(&bytes).map_err(|e| e.to_string())
}
