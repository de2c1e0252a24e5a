// Rewrites the generated tables of docs/benchmarks.md from what scripts/bench measured.
//
//   node scripts/bench-report.mjs weights DIR DOC STEPS REPEAT PROFILE PALLET:DIR...
//   node scripts/bench-report.mjs chain DOC JSON...
//   node scripts/bench-report.mjs indexer DOC JSON
//   node scripts/bench-report.mjs verify|pages DOC JSON
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

// The chain load generator's figures (client/benches/chain_load/, YINJI_BENCH_OUT), one
// column per run (the network under load differs).
function chain(docPath, jsons) {
	const runs = jsons.map((json) => JSON.parse(readFileSync(json, 'utf8')));
	const date = new Date().toISOString().slice(0, 10);
	const row = (label, cell) => `| ${label} | ${runs.map(cell).join(' | ')} |`;
	const µs = (ps) => (ps / 1e6).toFixed(1);
	const burst = (cell) => (f) => (f.burst ? cell(f.burst, f) : 'not run');
	const table = [
		`Generated by \`scripts/bench chain\` on ${date} on ${machine()}.`,
		'',
		`| Figure | ${runs.map((f) => f.network).join(' | ')} |`,
		`|---|${runs.map(() => '---|').join('')}`,
		row('**Closed loop**: accounts × transactions in flight, seconds of load', (f) => `${f.accounts} × ${f.window}, ${f.seconds} s`),
		row('Operations finalized (register_work, mint, buy in turn)', (f) => `${f.operations} in ${f.elapsed_s.toFixed(1)} s, ${f.failed} failed`),
		row('Throughput', (f) => `**${f.ops_per_s.toFixed(2)} ops/s**`),
		row('Weight ceiling: normal-class limit ÷ (mean charge + base extrinsic), per block', (f) => `${f.ceiling_ops_per_s.toFixed(1)} ops/s (${µs(f.mean_ref_time_ps)} + ${µs(f.base_extrinsic_ps)} µs, ${f.block_s} s blocks)`),
		row('**Fraction of the ceiling**', (f) => `**${(f.ops_per_s / f.ceiling_ops_per_s).toFixed(3)}**`),
		row('Submit → finalized latency', (f) => `p50 ${f.p50_s.toFixed(1)} s, p99 ${f.p99_s.toFixed(1)} s`),
		row('Blocks of the run: normal-class ref_time used', (f) => `${(f.mean_fill * 100).toFixed(1)} % mean, ${(f.max_fill * 100).toFixed(1)} % max (${f.blocks} blocks)`),
		row('First failure', (f) => (f.first_failure ? `\`${f.first_failure.replaceAll('|', '\\|').slice(0, 160)}\`` : 'none')),
		row('**Saturation**: transactions signed in advance, sent at once', burst((b, f) => `${b.per_account} × ${f.accounts}: ${b.submitted} accepted in ${b.submit_s.toFixed(1)} s, ${b.refused} refused`)),
		row('Blocks that took them', burst((b) => `${b.blocks} (${b.included} transactions); fills ${b.fills.slice(0, 12).map((x) => `${(x * 100).toFixed(0)} %`).join(', ')}${b.fills.length > 12 ? ', …' : ''}`)),
		row('Throughput over the blocks before the last', burst((b) => `**${b.ops_per_s.toFixed(1)} ops/s** (${b.full_blocks} blocks in ${b.span_s.toFixed(1)} s, ${µs(b.per_op_ps)} µs each with the base)`)),
		row('**Weight finalized per second ÷ weight allowed per second**', burst((b) => `**${b.ref_fraction.toFixed(3)}** (ref_time)`)),
		row('First refusal', burst((b) => (b.first_refusal ? `\`${b.first_refusal.replaceAll('|', '\\|').slice(0, 160)}\`` : 'none'))),
	].join('\n');
	writeFileSync(docPath, replaceBetween(readFileSync(docPath, 'utf8'), 'chain', table));
	console.log(table);
}

// The indexer's catch-up (indexer/benches/catch_up.rs, YINJI_BENCH_OUT).
function indexer(docPath, json) {
	const f = JSON.parse(readFileSync(json, 'utf8'));
	const date = new Date().toISOString().slice(0, 10);
	const table = [
		`Generated by \`scripts/bench all\` on ${date} on ${machine()}.`,
		'',
		'| Chain | Fetch only | Index | Index / fetch only |',
		'|---|---|---|---|',
		`| ${f.blocks} blocks, ${f.events} yinji events (≤ ${f.busiest_events} per block, busiest ${(f.busiest_fill * 100).toFixed(0)} % of the normal-class ref_time) | ${f.fetch_blocks_s.toFixed(1)} blocks/s, ${f.fetch_events_s.toFixed(0)} events/s | ${f.index_blocks_s.toFixed(1)} blocks/s, ${f.index_events_s.toFixed(0)} events/s | **${(f.index_blocks_s / f.fetch_blocks_s).toFixed(2)}** |`,
	].join('\n');
	writeFileSync(docPath, replaceBetween(readFileSync(docPath, 'utf8'), 'indexer', table));
	console.log(table);
}

// A wrk benchmark of the gateway (gateway/benches/{verify,page}_load.rs, YINJI_BENCH_OUT): each
// route against the bare `/health` of the same server in the same run.
function routes(name, docPath, json) {
	const f = JSON.parse(readFileSync(json, 'utf8'));
	const date = new Date().toISOString().slice(0, 10);
	const extra = Object.entries(f.extra ?? {})
		.map(([key, value]) => `${key} ${typeof value === 'object' ? JSON.stringify(value) : value}`)
		.join('; ');
	const table = [
		`Generated by \`scripts/bench all\` on ${date} on ${machine()}: wrk, one thread, 8 connections, ${f.seconds} s per route${extra ? `; ${extra}` : ''}.`,
		'',
		'| Route | Requests/s | p99 latency | vs bare: throughput | vs bare: p99 |',
		'|---|---|---|---|---|',
		`| \`GET /health\` (bare) | ${f.bare.rate.toFixed(0)} | ${f.bare.p99_ms.toFixed(2)} ms | 1 | 1× |`,
		...f.routes.map(
			(r) =>
				`| \`${r.route.replace(/ \(.*\)$/, '')}\`${r.route.match(/ \(.*\)$/)?.[0] ?? ''} | ${r.rate.toFixed(1)} | ${r.p99_ms.toFixed(1)} ms | **${(r.rate / f.bare.rate).toFixed(4)}** | **${(r.p99_ms / f.bare.p99_ms).toFixed(1)}×** |`,
		),
	].join('\n');
	writeFileSync(docPath, replaceBetween(readFileSync(docPath, 'utf8'), name, table));
	console.log(table);
}

const [what, ...args] = process.argv.slice(2);
if (what === 'weights') {
	const [dir, doc, steps, repeat, profile, ...pallets] = args;
	weights(dir, doc, steps, repeat, profile, pallets);
} else if (what === 'chain') {
	const [doc, ...jsons] = args;
	chain(doc, jsons);
} else if (what === 'indexer') {
	indexer(...args);
} else if (what === 'verify' || what === 'pages') {
	routes(what, ...args);
} else {
	console.error(
		'usage: node scripts/bench-report.mjs weights DIR DOC STEPS REPEAT PROFILE PALLET:DIR... | chain DOC JSON... | indexer DOC JSON | verify DOC JSON | pages DOC JSON',
	);
	process.exit(2);
}
