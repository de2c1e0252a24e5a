//! Running `wrk` and reading its figures, for the load benchmarks, and writing them out.

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

/// Prints each route's requests/s and p99 latency and its ratios to the bare route's, and writes
/// them with `extra` to the JSON file `$YINJI_BENCH_OUT` names, if any (`scripts/bench` renders
/// it into `docs/benchmarks.md`).
pub fn report(
	seconds: u64,
	bare: (f64, f64),
	routes: &[(&str, (f64, f64))],
	extra: serde_json::Value,
) {
	println!("{:<36}: {:9.1} requests/s, p99 {:8.2} ms", "GET /health (bare)", bare.0, bare.1);
	for (route, figures) in routes {
		println!("{route:<36}: {:9.1} requests/s, p99 {:8.2} ms", figures.0, figures.1);
		println!(
			"{:<36}  ratio to bare: throughput {:.4}, p99 latency {:.1}x",
			"",
			figures.0 / bare.0,
			figures.1 / bare.1
		);
	}
	if let Ok(path) = std::env::var("YINJI_BENCH_OUT") {
		let routes: Vec<_> = routes
			.iter()
			.map(
				|(route, (rate, p99))| serde_json::json!({ "route": route, "rate": rate, "p99_ms": p99 }),
			)
			.collect();
		let figures = serde_json::json!({
			"seconds": seconds,
			"bare": { "rate": bare.0, "p99_ms": bare.1 },
			"routes": routes,
			"extra": extra,
		});
		std::fs::write(path, figures.to_string()).expect("the figures file is writable");
	}
}
