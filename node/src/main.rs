//! The yinji consortium node.

// `sc_cli::Error` and `sc_service::Error` are large by design; the node returns them as the
// Substrate client crates do.
#![allow(clippy::result_large_err)]

mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}
