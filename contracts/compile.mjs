// Compiles every src/*.sol with the pinned npm `solc` (standard JSON input) and writes one
// artifact per contract to artifacts/<ContractName>.json.
//
//   node compile.mjs           write artifacts/
//   node compile.mjs --check   compile in memory; exit 1 if artifacts/ differs from a fresh
//                              compile (missing, stale or extra artifact files)
//
// Settings: optimizer on with 200 runs, evmVersion "cancun". The pinned anvil runs Cancun code
// under its default hardfork (`latest`, a later fork that includes Cancun), Cancun is active on
// the usual EVM chains, and nothing here needs a later fork's opcodes.
//
// sourceHash: sha256 over the contract's own source and every source it imports (the set
// solc lists in the contract's metadata), sorted by source name, each appended as
// utf8(name) ‖ 0x00 ‖ utf8(content) ‖ 0x00. A change to any of them changes the hash.

import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import solc from "solc";

const ROOT = dirname(fileURLToPath(import.meta.url));
const SRC = join(ROOT, "src");
const ARTIFACTS = join(ROOT, "artifacts");
const NODE_MODULES = join(ROOT, "node_modules");
const EVM_VERSION = "cancun";

const check = process.argv.includes("--check");
const unknown = process.argv.slice(2).filter((a) => a !== "--check");
if (unknown.length > 0) {
  console.error(`compile.mjs: unknown argument(s): ${unknown.join(" ")}`);
  process.exit(2);
}

// Source names are "src/<File>.sol" for ours and "@openzeppelin/..." for imports.
const sources = {};
for (const file of readdirSync(SRC).filter((f) => f.endsWith(".sol")).sort()) {
  sources[`src/${file}`] = { content: readFileSync(join(SRC, file), "utf8") };
}
if (Object.keys(sources).length === 0) {
  console.error("compile.mjs: no .sol files in src/");
  process.exit(1);
}

// Every source solc read, by name, to compute sourceHash.
const contents = new Map(Object.entries(sources).map(([name, s]) => [name, s.content]));

function findImports(name) {
  let path;
  if (name.startsWith("@openzeppelin/")) {
    path = resolve(NODE_MODULES, name);
    if (!path.startsWith(NODE_MODULES + "/")) return { error: `import escapes node_modules: ${name}` };
  } else if (name.startsWith("src/")) {
    path = resolve(ROOT, name);
    if (!path.startsWith(SRC + "/")) return { error: `import escapes src/: ${name}` };
  } else {
    return { error: `unsupported import (only @openzeppelin/... and src/...): ${name}` };
  }
  if (!existsSync(path)) {
    return { error: `not found: ${name} (run \`npm ci\` in contracts/)` };
  }
  const content = readFileSync(path, "utf8");
  contents.set(name, content);
  return { contents: content };
}

const input = {
  language: "Solidity",
  sources,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: EVM_VERSION,
    outputSelection: Object.fromEntries(
      Object.keys(sources).map((name) => [
        name,
        { "*": ["abi", "evm.bytecode.object", "evm.deployedBytecode.object", "metadata"] },
      ]),
    ),
  },
};

const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));

let failed = false;
for (const e of output.errors ?? []) {
  const text = (e.formattedMessage ?? e.message).trimEnd();
  if (e.severity === "error") {
    failed = true;
    console.error(text);
  } else {
    console.warn(text);
  }
}
if (failed) {
  console.error("compile.mjs: compilation failed");
  process.exit(1);
}

const solcVersion = solc.version();

function sourceHash(metadata) {
  const hash = createHash("sha256");
  for (const name of Object.keys(JSON.parse(metadata).sources).sort()) {
    const content = contents.get(name);
    if (content === undefined) throw new Error(`compile.mjs: solc used ${name} but it was not read`);
    hash.update(name, "utf8");
    hash.update(Buffer.from([0]));
    hash.update(content, "utf8");
    hash.update(Buffer.from([0]));
  }
  return "0x" + hash.digest("hex");
}

// Artifacts in memory: file name -> text.
const artifacts = new Map();
for (const name of Object.keys(sources)) {
  for (const [contractName, c] of Object.entries(output.contracts?.[name] ?? {})) {
    const file = `${contractName}.json`;
    if (artifacts.has(file)) {
      console.error(`compile.mjs: two contracts named ${contractName} in src/`);
      process.exit(1);
    }
    const artifact = {
      contractName,
      abi: c.abi,
      bytecode: "0x" + c.evm.bytecode.object,
      deployedBytecode: "0x" + c.evm.deployedBytecode.object,
      solcVersion,
      sourceHash: sourceHash(c.metadata),
    };
    artifacts.set(file, JSON.stringify(artifact, null, 2) + "\n");
  }
}

const existing = existsSync(ARTIFACTS)
  ? readdirSync(ARTIFACTS).filter((f) => f.endsWith(".json")).sort()
  : [];

if (check) {
  const problems = [];
  for (const [file, text] of artifacts) {
    const path = join(ARTIFACTS, file);
    if (!existsSync(path)) problems.push(`artifacts/${file} is missing`);
    else if (readFileSync(path, "utf8") !== text) problems.push(`artifacts/${file} differs from a fresh compile of src/`);
  }
  for (const file of existing) {
    if (!artifacts.has(file)) problems.push(`artifacts/${file} has no contract in src/ (stale)`);
  }
  if (problems.length > 0) {
    for (const p of problems) console.error(`compile.mjs --check: ${p}`);
    console.error("compile.mjs --check: run `node compile.mjs` in contracts/ and commit artifacts/");
    process.exit(1);
  }
  console.log(`compile.mjs --check: ${artifacts.size} artifact(s) match src/ (solc ${solcVersion})`);
} else {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const file of existing) {
    if (!artifacts.has(file)) {
      unlinkSync(join(ARTIFACTS, file));
      console.log(`removed artifacts/${file}`);
    }
  }
  for (const [file, text] of artifacts) {
    const path = join(ARTIFACTS, file);
    const same = existsSync(path) && readFileSync(path, "utf8") === text;
    if (!same) writeFileSync(path, text);
    console.log(`${same ? "unchanged" : "wrote"} artifacts/${file}`);
  }
}
