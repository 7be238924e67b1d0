//! The culture pass server binary: `serve` (the default), `migrate`, `keys` and `seed`.

mod cli;
mod clock;
mod config;
mod delivery;
mod jobs;
mod metrics;
mod observe;
mod routes;
mod security;
mod seed;
mod shell;
mod telemetry;

/// mimalloc rather than glibc's allocator: see server/Cargo.toml.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;
use cli::{Cli, Command, ImagesCommand, SeedCommand};
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Err(error) = telemetry::init() {
        eprintln!("error: {error}");
        return ExitCode::from(2);
    }
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let mut said = error.to_string();
            eprintln!("error: {said}");
            let mut source = std::error::Error::source(error.as_ref());
            while let Some(cause) = source {
                // Many errors already quote their cause: print only what is new.
                let text = cause.to_string();
                if !said.contains(&text) {
                    eprintln!("  caused by: {text}");
                    said.push_str(&text);
                }
                source = cause.source();
            }
            ExitCode::from(2)
        }
    }
}

async fn run(cli: Cli) -> Result<(), Box<dyn std::error::Error>> {
    if let Some(Command::Keys) = cli.command {
        let key = app::ssr::push::VapidKey::generate();
        println!("VAPID_PRIVATE_KEY={}", key.to_base64());
        println!(
            "# public key (what browsers subscribe with): {}",
            key.public_base64()
        );
        return Ok(());
    }
    let config = config::load(cli.config.as_deref())?;
    // These two open the database file themselves, unmigrated.
    match &cli.command {
        Some(Command::Backup { path }) => {
            store::backup::backup(&config.database_url, path).await?;
            println!("backed up into {}", path.display());
            return Ok(());
        }
        Some(Command::Restore { path }) => {
            store::backup::restore(&config.database_url, path).await?;
            println!("restored from {}", path.display());
            return Ok(());
        }
        _ => {}
    }
    // Held while this process has the database open: `server restore` waits for none.
    let serving = store::backup::ServingLock::take(&config.database_url)?;
    let repo = store::connect(&config.database_url, config.max_connections).await?;
    repo.migrate().await?;
    seed::ensure_policies(&repo, &config.settings.credit_policy).await?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => routes::serve(repo, config).await?,
        Command::Migrate => tracing::info!("migrations applied"),
        Command::Keys | Command::Backup { .. } | Command::Restore { .. } => {}
        Command::Images {
            what: ImagesCommand::Migrate { to },
        } => {
            let to = app::ssr::image_store::ImageStore::parse(&to)
                .map_err(|reason| format!("--to {to:?} is invalid: {reason}"))?;
            let moved = app::ssr::image_store::migrate(&repo, &to).await?;
            println!("{moved} images moved to {to:?}; set IMAGE_STORE to it");
        }
        Command::Seed {
            what: SeedCommand::Demo,
        } => seed::demo::run(&repo, &config.settings).await?,
        Command::Seed {
            what: SeedCommand::Bench { offers, seed },
        } => seed::bench::run(&repo, offers, seed).await?,
    }
    drop(serving);
    Ok(())
}
