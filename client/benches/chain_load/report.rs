//! The figures of a run: printed, and as the JSON `scripts/bench-report.mjs` renders into
//! `docs/benchmarks.md`.

use crate::{
	closed_loop::ClosedLoop,
	measure::{percentile, BlockUse, Limits},
	saturation::Burst,
};
use std::time::Duration;

/// The network and the load of a run.
pub struct Shape {
	/// The network under load, described.
	pub network: String,
	/// Accounts under load.
	pub accounts: usize,
	/// Transactions in flight per account.
	pub window: u64,
	/// Seconds of load.
	pub seconds: u64,
}

/// The operations per second the runtime's weight allows for operations that cost what the
/// closed loop's did, and whether ref_time (rather than proof size) bounds it.
struct Ceiling {
	ops_per_s: f64,
	by_ref_time: bool,
	mean_ref: f64,
	mean_proof: f64,
}

impl Ceiling {
	fn of(run: &ClosedLoop, limits: &Limits) -> Ceiling {
		let ops = run.done.len() as f64;
		let mean_ref = run.done.iter().map(|d| d.ref_time).sum::<u128>() as f64 / ops;
		let mean_proof = run.done.iter().map(|d| d.proof_size).sum::<u128>() as f64 / ops;
		let by_time = limits.ref_time as f64 / (mean_ref + limits.base as f64) / limits.block_s;
		let by_proof = limits.proof_size as f64 / mean_proof.max(1.0) / limits.block_s;
		Ceiling {
			ops_per_s: by_time.min(by_proof),
			by_ref_time: by_time <= by_proof,
			mean_ref,
			mean_proof,
		}
	}
}

/// Prints the closed loop's figures; returns them as JSON.
pub fn closed_loop(run: &ClosedLoop, limits: &Limits, shape: &Shape) -> serde_json::Value {
	let (done, failed) = (&run.done, &run.failed);
	assert!(!done.is_empty(), "no operation was finalized: {failed:?}");
	let finished = done.iter().map(|d| d.finalized_at).max().unwrap();
	let elapsed = (finished - run.started).as_secs_f64();
	let ops = done.len() as f64;
	let ceiling = Ceiling::of(run, limits);
	let mut latencies: Vec<Duration> = done.iter().map(|d| d.latency).collect();
	latencies.sort();
	let fills = &run.fills;
	let mean_fill = fills.iter().sum::<f64>() / fills.len().max(1) as f64;
	let max_fill = fills.iter().copied().fold(0.0, f64::max);
	let (p50, p99) = (percentile(&latencies, 0.5), percentile(&latencies, 0.99));

	println!(
		"closed loop: {} operations finalized in {elapsed:.1} s: {:.2} ops/s",
		done.len(),
		ops / elapsed
	);
	println!(
		"ceiling {:.1} ops/s ({}): mean charge {:.1} µs + base {:.1} µs, {:.0} proof bytes; blocks of {} s",
		ceiling.ops_per_s,
		if ceiling.by_ref_time { "ref_time" } else { "proof size" },
		ceiling.mean_ref / 1e6,
		limits.base as f64 / 1e6,
		ceiling.mean_proof,
		limits.block_s
	);
	println!("fraction of the ceiling: {:.3}", ops / elapsed / ceiling.ops_per_s);
	println!(
		"latency submit → finalized: p50 {:.1} s, p99 {:.1} s",
		p50.as_secs_f64(),
		p99.as_secs_f64()
	);
	println!(
		"blocks {}..={}: normal ref_time used {:.1} % on average, {:.1} % at most",
		run.first_block,
		run.last_block,
		mean_fill * 100.0,
		max_fill * 100.0
	);
	println!("{} failed", failed.len());
	for reason in failed.iter().take(5) {
		println!("  {reason}");
	}
	serde_json::json!({
		"network": shape.network, "accounts": shape.accounts, "window": shape.window,
		"seconds": shape.seconds,
		"operations": done.len(), "failed": failed.len(), "first_failure": failed.first(),
		"elapsed_s": elapsed, "ops_per_s": ops / elapsed, "ceiling_ops_per_s": ceiling.ops_per_s,
		"bound": if ceiling.by_ref_time { "ref_time" } else { "proof_size" },
		"mean_ref_time_ps": ceiling.mean_ref, "base_extrinsic_ps": limits.base,
		"block_s": limits.block_s,
		"p50_s": p50.as_secs_f64(), "p99_s": p99.as_secs_f64(),
		"mean_fill": mean_fill, "max_fill": max_fill, "blocks": fills.len(),
	})
}

/// Prints the saturation burst's figures (of `per_account` transactions per account); returns
/// them as JSON.
pub fn burst(burst: &Burst, limits: &Limits, per_account: u64) -> serde_json::Value {
	let blocks = &burst.blocks;
	assert!(!blocks.is_empty(), "no block took a burst transaction: {:?}", burst.first_refusal);
	let included: usize = blocks.iter().map(|b| b.transactions).sum();
	// The last block took what was left in the pool, so the rate counts the blocks before
	// it, from the timestamp of the block before the first (a lone block counts alone).
	let full = if blocks.len() > 1 { &blocks[..blocks.len() - 1] } else { &blocks[..] };
	let span_s = (full[full.len() - 1].timestamp_ms.saturating_sub(burst.start_ms)) as f64 / 1000.0;
	let rate = |f: fn(&BlockUse) -> u128| full.iter().map(f).sum::<u128>() as f64 / span_s;
	let ref_fraction = rate(|b| b.ref_time) / (limits.ref_time as f64 / limits.block_s);
	let proof_fraction = rate(|b| b.proof_size) / (limits.proof_size as f64 / limits.block_s);
	let ops_per_s = rate(|b| b.transactions as u128);
	let per_op = full.iter().map(|b| b.ref_time).sum::<u128>() as f64
		/ full.iter().map(|b| b.transactions).sum::<usize>().max(1) as f64;
	let fill = |b: &BlockUse| b.ref_time as f64 / limits.ref_time as f64;
	let fullest = blocks.iter().map(fill).fold(0.0, f64::max);
	println!(
		"saturation: {} sent in {:.1} s ({} refused), {included} included in blocks {}..={}",
		burst.submitted,
		burst.submit_s,
		burst.refused,
		blocks[0].number,
		blocks[blocks.len() - 1].number
	);
	println!(
		"  {ops_per_s:.1} ops/s over {} blocks in {span_s:.1} s: {:.3} of the ref_time ceiling, {:.3} of the proof-size one; fullest block {:.1} %; {:.1} µs per operation",
		full.len(),
		ref_fraction,
		proof_fraction,
		fullest * 100.0,
		per_op / 1e6
	);
	if let Some(refusal) = &burst.first_refusal {
		println!("  first refusal: {refusal}");
	}
	serde_json::json!({
		"per_account": per_account, "submitted": burst.submitted,
		"refused": burst.refused, "first_refusal": burst.first_refusal,
		"submit_s": burst.submit_s, "included": included,
		"blocks": blocks.len(), "full_blocks": full.len(), "span_s": span_s,
		"ops_per_s": ops_per_s, "ref_fraction": ref_fraction,
		"proof_fraction": proof_fraction, "fullest": fullest, "per_op_ps": per_op,
		"fills": blocks.iter().map(fill).collect::<Vec<_>>(),
	})
}
