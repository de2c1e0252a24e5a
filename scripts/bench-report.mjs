// Rewrites the generated tables of docs/benchmarks.md from what scripts/bench measured.
//
//   node scripts/bench-report.mjs weights DIR DOC STEPS REPEAT PROFILE PALLET:DIR...
//   node scripts/bench-report.mjs chain JSON DOC
//
// `weights` reads the weights files the run generated into DIR (one per pallet crate directory,
// and balances.rs, the baseline of the same run, machine and runtime), evaluates every call at the
// top of its components' ranges, and writes the table between the markers
// `<!-- bench:weights:start -->` and `<!-- bench:weights:end -->` in DOC: ref_time, proof size,
// storage reads and writes, and the call's ref_time as a multiple of pallet-balances
// `transfer_keep_alive` measured in the same run. The reference weights of polkadot-sdk (one
// reference machine) give the same multiple for pallet-nfts `mint` and `transfer`, so a call
// heavier than `mint` is one whose multiple is above mint's, whatever this machine's speed.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, hostname } from 'node:os';

// polkadot-sdk's reference weights (Intel Xeon @ 2.60GHz): ref_time in ps, proof bytes, r/w.
const REFERENCE = {
	balances_transfer_keep_alive: { ref: 39_051_000, proof: 3593, reads: 1, writes: 1 },
	nfts_mint: { ref: 56_753_000, proof: 4326, reads: 5, writes: 4 },
	nfts_transfer: { ref: 47_118_000, proof: 4326, reads: 5, writes: 5 },
};

const number = (text) => Number(text.replaceAll('_', ''));

// Every `fn name(..) -> Weight { .. }` of a weights file, evaluated with its components at the
// top of their ranges (`ref`, `proof`, `reads`, `writes`) and at the bottom (`low`).
function parse(text) {
	const calls = new Map();
	const pattern = /((?:[ \t]*\/\/\/[^\n]*\n)*)[ \t]*fn (\w+)\(([^)]*)\) -> Weight \{([\s\S]*?)\n[ \t]*\}/g;
	for (const [, docs, name, params, body] of text.matchAll(pattern)) {
		const ranges = {};
		for (const [, c, min, max] of docs.matchAll(/component `(\w+)` is `\[(\d+), (\d+)\]`/g)) {
			ranges[c] = [Number(min), Number(max)];
		}
		const at = (c, end) => (c ? (ranges[c]?.[end] ?? 0) : 1);
		let ref = 0;
		let low = 0;
		let proof = 0;
		let reads = 0;
		let writes = 0;
		const parts = /Weight::from_parts\(([\d_]+), ([\d_]+)\)(?:\.saturating_mul\((\w+)\.into\(\)\))?/g;
		for (const [, time, size, c] of body.matchAll(parts)) {
			ref += number(time) * at(c, 1);
			low += number(time) * at(c, 0);
			proof += number(size) * at(c, 1);
		}
		const io = /\.(reads|writes)\(\(?([\d_]+)_u64\)?(?:\.saturating_mul\((\w+)\.into\(\)\))?\)/g;
		for (const [, kind, count, c] of body.matchAll(io)) {
			if (kind === 'reads') reads += number(count) * at(c, 1);
			else writes += number(count) * at(c, 1);
		}
		const components = params
			.split(',')
			.map((p) => p.trim().replace(/^_/, '').split(':')[0])
			.filter(Boolean)
			.map((c) => `${c} ${ranges[c]?.[0]}…${ranges[c]?.[1]}`);
		calls.set(name, { ref, low, proof, reads, writes, components });
	}
	return calls;
}

function replaceBetween(doc, name, table) {
	const start = `<!-- bench:${name}:start -->`;
	const end = `<!-- bench:${name}:end -->`;
	const from = doc.indexOf(start);
	const to = doc.indexOf(end);
	if (from < 0 || to < from) throw new Error(`${name}: the markers ${start} … ${end} are missing`);
	return `${doc.slice(0, from + start.length)}\n${table}\n${doc.slice(to)}`;
}

function machine() {
	const list = cpus();
	return `${list.length} × ${list[0]?.model ?? 'unknown CPU'} (${hostname()})`;
}

function weights(dir, docPath, steps, repeat, profile, pallets) {
	const baseline = parse(readFileSync(`${dir}/balances.rs`, 'utf8')).get('transfer_keep_alive');
	if (!baseline) throw new Error('the baseline run has no transfer_keep_alive');
	const times = (ref) => ref / baseline.ref;
	const reference = (anchor) => REFERENCE[anchor].ref / REFERENCE.balances_transfer_keep_alive.ref;
	const mint = reference('nfts_mint');
	const µs = (ps) => (ps / 1e6).toFixed(1);
	const rows = [
		'| Call | Components | ref_time here (µs) | proof (bytes) | reads / writes | × `transfer_keep_alive` | vs nfts `mint` | vs `mint`, components lowest |',
		'|---|---|---|---|---|---|---|---|',
		`| pallet-balances \`transfer_keep_alive\` (baseline) | | ${µs(baseline.ref)} | ${baseline.proof} | ${baseline.reads} / ${baseline.writes} | 1.00 | ${(1 / mint).toFixed(2)} | |`,
	];
	for (const anchor of ['nfts_mint', 'nfts_transfer']) {
		const r = REFERENCE[anchor];
		rows.push(
			`| pallet-nfts \`${anchor.slice(5)}\` (reference weights) | | (${µs(r.ref)} on the reference machine) | ${r.proof} | ${r.reads} / ${r.writes} | ${reference(anchor).toFixed(2)} | ${(reference(anchor) / mint).toFixed(2)} | |`,
		);
	}
	const heavier = [];
	for (const entry of pallets) {
		const [pallet, crate] = entry.split(':');
		const calls = parse(readFileSync(`${dir}/${crate}.rs`, 'utf8'));
		for (const [name, call] of calls) {
			const ratio = times(call.ref);
			const vsMint = ratio / mint;
			if (vsMint > 1) heavier.push(`${pallet}::${name}`);
			const lowest = call.components.length ? (times(call.low) / mint).toFixed(2) : '';
			rows.push(
				`| ${pallet.replaceAll('_', '-')} \`${name}\` | ${call.components.join(', ')} | ${µs(call.ref)} | ${call.proof} | ${call.reads} / ${call.writes} | ${ratio.toFixed(2)} | ${vsMint > 1 ? '**' : ''}${vsMint.toFixed(2)}${vsMint > 1 ? '**' : ''} | ${lowest} |`,
			);
		}
	}
	const date = new Date().toISOString().slice(0, 10);
	const host =
		profile === 'release'
			? 'a release node (these are the weights in the pallets\' `weights.rs`)'
			: `the ${profile} node the tests build (absolute times are that build's; the pallets' \`weights.rs\` were not rewritten)`;
	const table = [
		`Generated by \`scripts/bench weights\` on ${date}: ${steps} steps, ${repeat} repeats, on ${machine()}, run by ${host}.`,
		'',
		...rows,
		'',
		`Heavier than pallet-nfts \`mint\` (bold): ${heavier.length ? heavier.map((c) => `\`${c}\``).join(', ') : 'none'}.`,
	].join('\n');
	writeFileSync(docPath, replaceBetween(readFileSync(docPath, 'utf8'), 'weights', table));
	console.log(table);
}

// The chain load generator's figures (client/benches/chain_load.rs, YINJI_BENCH_OUT).
function chain(json, docPath) {
	const f = JSON.parse(readFileSync(json, 'utf8'));
	const date = new Date().toISOString().slice(0, 10);
	const table = [
		`Generated by \`scripts/bench chain\` on ${date} on ${machine()}: ${f.accounts} accounts, ${f.window} transactions in flight each, ${f.seconds} s of load.`,
		'',
		'| Figure | Value |',
		'|---|---|',
		`| Operations finalized (register_work, mint, buy in turn) | ${f.operations} in ${f.elapsed_s.toFixed(1)} s, ${f.failed} failed |`,
		`| Throughput | **${f.ops_per_s.toFixed(2)} ops/s** |`,
		`| Weight ceiling (${f.bound}): normal-class limit ÷ (mean charge ${(f.mean_ref_time_ps / 1e6).toFixed(1)} µs + base extrinsic ${(f.base_extrinsic_ps / 1e6).toFixed(1)} µs), per ${f.block_s} s block | ${f.ceiling_ops_per_s.toFixed(1)} ops/s |`,
		`| **Fraction of the ceiling** | **${(f.ops_per_s / f.ceiling_ops_per_s).toFixed(3)}** |`,
		`| Submit → finalized latency | p50 ${f.p50_s.toFixed(1)} s, p99 ${f.p99_s.toFixed(1)} s |`,
		`| Blocks of the run: normal-class ref_time used | ${(f.mean_fill * 100).toFixed(1)} % on average, ${(f.max_fill * 100).toFixed(1)} % at most (${f.blocks} blocks) |`,
	].join('\n');
	writeFileSync(docPath, replaceBetween(readFileSync(docPath, 'utf8'), 'chain', table));
	console.log(table);
}

const [what, ...args] = process.argv.slice(2);
if (what === 'weights') {
	const [dir, doc, steps, repeat, profile, ...pallets] = args;
	weights(dir, doc, steps, repeat, profile, pallets);
} else if (what === 'chain') {
	chain(...args);
} else {
	console.error('usage: node scripts/bench-report.mjs weights DIR DOC STEPS REPEAT PROFILE PALLET:DIR... | chain JSON DOC');
	process.exit(2);
}
