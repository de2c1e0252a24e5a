// Test support: a failed expectation here is a failed test, so panicking is the point.
#![allow(clippy::expect_used, clippy::panic)]

//! A real Postgres 15 server for the tests of the off-chain services (Debian's `postgresql`,
//! which `scripts/setup` installs).

use super::free_port;
use std::{
	path::{Path, PathBuf},
	process::Command,
};

/// A Postgres 15 server on a loopback port with its data in a temporary directory, run as the
/// `postgres` user when the tests run as root (Postgres refuses root); stopped when dropped.
pub struct Postgres {
	bin: PathBuf,
	data: PathBuf,
	port: u16,
	_dir: tempfile::TempDir,
	as_root: bool,
}

impl Postgres {
	/// Initialises and starts a server.
	pub fn start() -> Postgres {
		let bin = PathBuf::from("/usr/lib/postgresql/15/bin");
		assert!(bin.join("initdb").exists(), "Postgres 15 is not installed (scripts/setup does)");
		let dir = tempfile::tempdir().expect("a temporary directory");
		let data = dir.path().join("data");
		let as_root = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout == b"0\n");
		if as_root {
			let status = Command::new("chown").arg("-R").arg("postgres").arg(dir.path()).status();
			assert!(status.is_ok_and(|s| s.success()), "chown to postgres");
		}
		let server = Postgres { bin, data, port: free_port(), _dir: dir, as_root };
		server.run("initdb", &["-A", "trust", "-U", "postgres", "-D", &server.data_path()]);
		let options = format!(
			"-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=on",
			server.port,
			server.socket_dir().display()
		);
		let log = server.socket_dir().join("postgres.log");
		server.run(
			"pg_ctl",
			&[
				"-D",
				&server.data_path(),
				"-l",
				&log.display().to_string(),
				"-o",
				&options,
				"-w",
				"start",
			],
		);
		server
	}

	fn data_path(&self) -> String {
		self.data.display().to_string()
	}

	fn socket_dir(&self) -> &Path {
		self.data.parent().expect("the data directory has a parent")
	}

	fn run(&self, tool: &str, args: &[&str]) {
		let binary = self.bin.join(tool);
		let mut command = if self.as_root {
			let mut command = Command::new("runuser");
			command.args(["-u", "postgres", "--"]).arg(&binary);
			command
		} else {
			Command::new(&binary)
		};
		let output = command.args(args).output().expect("the Postgres tool runs");
		assert!(
			output.status.success(),
			"{tool} failed: {}",
			String::from_utf8_lossy(&output.stderr)
		);
	}

	/// A URL of a new, empty database on this server.
	pub fn database(&self, name: &str) -> String {
		self.run(
			"createdb",
			&["-h", "127.0.0.1", "-p", &self.port.to_string(), "-U", "postgres", name],
		);
		format!("postgres://postgres@127.0.0.1:{}/{name}", self.port)
	}
}

impl Drop for Postgres {
	fn drop(&mut self) {
		let binary = self.bin.join("pg_ctl");
		let args = ["-D", &self.data_path(), "-m", "immediate", "-w", "stop"];
		let _ = if self.as_root {
			Command::new("runuser").args(["-u", "postgres", "--"]).arg(binary).args(args).output()
		} else {
			Command::new(binary).args(args).output()
		};
	}
}
