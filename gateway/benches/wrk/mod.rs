//! Running `wrk` and reading its figures, for the load benchmarks.

use std::process::Command;

/// Runs wrk (one thread, 8 connections) for `seconds` against `url` (with a Lua `script`);
/// returns requests/s and p99 latency (ms). Fails unless every request succeeded.
pub fn wrk(url: &str, script: Option<&str>, seconds: u64) -> (f64, f64) {
	let mut command = Command::new("wrk");
	command.args(["-t1", "-c8", &format!("-d{seconds}s"), "--latency"]);
	if let Some(script) = script {
		command.args(["-s", script]);
	}
	let output = command.arg(url).output().expect("wrk runs (Debian package wrk)");
	let text = String::from_utf8_lossy(&output.stdout).to_string();
	assert!(output.status.success(), "wrk failed: {text}");
	assert!(!text.contains("Non-2xx"), "every request succeeded: {text}");
	let rate = text
		.lines()
		.find_map(|l| l.trim().strip_prefix("Requests/sec:"))
		.and_then(|v| v.trim().parse().ok())
		.unwrap_or_else(|| panic!("requests/s in {text}"));
	let p99 = text
		.lines()
		.find_map(|l| l.trim().strip_prefix("99%"))
		.map(|v| millis(v.trim()))
		.unwrap_or_else(|| panic!("p99 in {text}"));
	(rate, p99)
}

/// wrk's latency (`850.00us`, `12.34ms`, `1.20s`) in milliseconds.
fn millis(text: &str) -> f64 {
	let (number, unit) = text.split_at(text.find(|c: char| c.is_alphabetic()).unwrap());
	let number: f64 = number.parse().unwrap();
	match unit {
		"us" => number / 1000.0,
		"ms" => number,
		"s" => number * 1000.0,
		other => panic!("latency unit {other}"),
	}
}
