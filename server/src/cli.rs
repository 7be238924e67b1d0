//! The operator's command line.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Culture Pass: the server of an open culture pass.
///
/// Settings come from the config file (Leptos.toml by default) and the environment
/// (DATABASE_URL, DATABASE_MAX_CONNECTIONS, SESSION_DAYS, SESSION_SECURE_COOKIE,
/// CREDIT_POLICY, IDENTITY_CHECK, DEFAULT_PLACE, SMTP_URL, MAIL_FROM, VAPID_PRIVATE_KEY), the
/// environment
/// winning.
#[derive(Debug, Parser)]
#[command(version)]
pub struct Cli {
    /// The settings file [default: Leptos.toml when it exists].
    #[arg(long, global = true, env = "APP_CONFIG")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web app and its API (the default). Migrates the database first.
    Serve,
    /// Apply the database migrations and exit.
    Migrate,
    /// Print a new VAPID key pair, the key Web Push is signed with: set the private key
    /// as VAPID_PRIVATE_KEY on every instance (without it, the first start makes one and
    /// keeps it in the database). Touches no database.
    Keys,
    /// Copy the SQLite database into a new file, while the server runs: the copy is the
    /// database at one instant, checked. (PostgreSQL: pg_dump, see docs/deploy.md.)
    Backup {
        /// The file to write; it must not exist.
        path: PathBuf,
    },
    /// Put a backup in place of the SQLite database. Refused while a server runs on it.
    Restore {
        /// The backup to restore (made by `server backup`).
        path: PathBuf,
    },
    /// Offers' images.
    Images {
        #[command(subcommand)]
        what: ImagesCommand,
    },
    /// Fill the database with generated data.
    Seed {
        #[command(subcommand)]
        what: SeedCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum ImagesCommand {
    /// Move the images the database holds to a directory or a bucket. Set IMAGE_STORE to
    /// it on every instance first (new uploads go there, older images are still served
    /// from the database), then run this while they serve.
    Migrate {
        /// Where to: directory:/a/folder or s3://bucket (with the AWS_* settings).
        #[arg(long)]
        to: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum SeedCommand {
    /// Demo data for the five départements of the 2018 experiment (Bas-Rhin, Guyane,
    /// Hérault, Seine-Saint-Denis, Finistère): partners, venues of every type, offers of
    /// every main subcategory, events over the coming weeks, and four demo accounts
    /// (password "demo-culture-pass"). Running it again changes nothing.
    Demo,
    /// Many offers spread over France, to measure search and booking at scale.
    Bench {
        /// How many offers to create (up to a few millions).
        #[arg(long, value_parser = clap::value_parser!(u64).range(1..=5_000_000))]
        offers: u64,
        /// Seed of the random generator, for repeatable data.
        #[arg(long, default_value_t = 2018)]
        seed: u64,
    },
}
