//! `yinji-gateway`: serve the API until Ctrl-C or SIGTERM, then finish the requests in flight;
//! or `yinji-gateway grant --email E --role institution` to give a user a role.

use clap::{Parser, Subcommand};
use yinji_gateway::{accounts, app, AppState, Config};

#[derive(Parser, Debug)]
#[command(version, about = "yinji's web gateway")]
struct Cli {
	#[command(flatten)]
	config: Config,
	#[command(subcommand)]
	command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
	/// Give an existing user a role (`institution` or `admin`), then exit.
	Grant {
		/// The user's e-mail address.
		#[arg(long)]
		email: String,
		/// `buyer`, `creator`, `institution` or `admin`.
		#[arg(long)]
		role: accounts::Role,
	},
	/// Fill a fresh gateway on a development chain with a demo shop (creators, products with
	/// test tags, a buyer), then exit.
	Seed,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
	tracing_subscriber::fmt()
		.with_env_filter(
			tracing_subscriber::EnvFilter::try_from_default_env()
				.unwrap_or_else(|_| "info,tower_http=info".into()),
		)
		.init();
	let cli = Cli::parse();
	match cli.command {
		Some(Command::Grant { email, role }) => {
			let state = AppState::open(cli.config).await?;
			let address = accounts::grant(&state, &email, role)
				.await
				.map_err(|e| anyhow::anyhow!("{e:?}"))?;
			println!("{email} is now {role:?}; chain account {address}");
			return Ok(());
		}
		Some(Command::Seed) => {
			let base = format!("http://{}", cli.config.listen);
			let seeded = yinji_gateway::seed::seed(AppState::open(cli.config).await?).await?;
			println!("demo shop seeded. Log in at {base}/login as:");
			for (email, password, role) in &seeded.users {
				println!("  {role:8} {email:24} password: {password}");
			}
			println!("test tags (open a URL as if you had scanned or tapped the tag):");
			for (item, qr, opens) in &seeded.tags {
				let print =
					if qr.is_empty() { String::new() } else { format!("  print {base}{qr}") };
				println!("  {item}: {base}{opens}{print}");
			}
			return Ok(());
		}
		None => {}
	}
	let listener = tokio::net::TcpListener::bind(cli.config.listen).await?;
	tracing::info!(address = %listener.local_addr()?, "gateway listening");
	let state = AppState::open(cli.config).await?;
	axum::serve(listener, app(state)).with_graceful_shutdown(shutdown()).await?;
	tracing::info!("gateway stopped");
	Ok(())
}

async fn shutdown() {
	let ctrl_c = async {
		let _ = tokio::signal::ctrl_c().await;
	};
	let terminate = async {
		match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
			Ok(mut signal) => {
				signal.recv().await;
			}
			Err(_) => std::future::pending::<()>().await,
		}
	};
	tokio::select! {
		_ = ctrl_c => {},
		_ = terminate => {},
	}
}
