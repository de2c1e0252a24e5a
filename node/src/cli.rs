//! Command-line interface: the standard Substrate node commands plus `consortium-spec`.

use std::path::PathBuf;

/// Subcommands of the node.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management: generate, inspect, insert keys; `generate-node-key` for a node's
	/// network identity.
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Build a chain specification (`--chain dev|local|FILE`, `--raw` for the raw form).
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Build the chain specification of a consortium from a file listing its institutions.
	ConsortiumSpec(ConsortiumSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Benchmark the runtime (`benchmark pallet` needs a runtime built with
	/// `runtime-benchmarks`: `--runtime <wasm>`, or a node built with that feature).
	#[cfg(feature = "bench")]
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),

	/// Print the versions of the node and runtime.
	ChainInfo(sc_cli::ChainInfoCmd),
}

/// `consortium-spec`: a chain spec from a JSON file of institutions.
#[derive(Debug, clap::Parser)]
pub struct ConsortiumSpecCmd {
	/// The JSON file listing the institutions (see chain-spec/consortium.example.json).
	#[arg(long)]
	pub institutions: PathBuf,

	/// The network's name.
	#[arg(long, default_value = "yinji consortium")]
	pub name: String,

	/// The network's id (also the base path's chain directory name).
	#[arg(long, default_value = "yinji_consortium")]
	pub id: String,

	/// Print the raw form (storage keys and values) instead of the readable one.
	#[arg(long)]
	pub raw: bool,
}

/// The node's command line.
#[derive(Debug, clap::Parser)]
pub struct Cli {
	/// A subcommand; without one, the node runs.
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	/// Running the node.
	#[clap(flatten)]
	pub run: sc_cli::RunCmd,
}
