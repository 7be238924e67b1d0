//! What the HTTP tests share: the real server binary started on a fresh, seeded
//! database (SQLite, or a fresh PostgreSQL database when `TEST_DATABASE_URL` names a
//! server), and visitors with their own cookies.

#![allow(dead_code)] // each test binary uses its own part

pub mod storm;

use app::features::pro::api as pro;
use leptos::server_fn::ServerFn;
use serde_json::Value;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub const PASSWORD: &str = "demo-culture-pass";
pub const NEW_PASSWORD: &str = "une phrase de passe solide";

pub struct Server {
    child: Child,
    pub base: String,
    /// Which database it runs on: "sqlite" or "postgres".
    pub backend: &'static str,
    /// Its database, for tests that set up what no request can (an account older than
    /// the terms of use).
    pub database_url: String,
    /// The PostgreSQL server and database to drop afterwards, if any.
    postgres: Option<(String, String)>,
    /// Its settings, for a restart or another instance.
    envs: Vec<(String, String)>,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.drop_database();
    }
}

impl Server {
    /// Sends SIGTERM, as a process manager does to stop the instance.
    pub fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success(), "SIGTERM sent");
    }

    /// Whether the process has exited, waiting at most `within`.
    pub async fn exited_within(&mut self, within: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + within;
        while tokio::time::Instant::now() < deadline {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        false
    }

    /// PostgreSQL only: drops the server's database under it, connections and all.
    pub fn drop_database(&self) -> bool {
        self.postgres.as_ref().is_some_and(|(admin_url, database)| {
            psql(
                admin_url,
                &format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)"),
            )
        })
    }
}

/// Runs one statement with `psql` (the PostgreSQL client of the machine).
fn psql(admin_url: &str, statement: &str) -> bool {
    Command::new("psql")
        .args([admin_url, "-qc", statement])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// The backends to run an HTTP test on: SQLite always, PostgreSQL too when
/// `TEST_DATABASE_URL` names a server.
pub fn backends() -> Vec<&'static str> {
    let mut backends = vec!["sqlite"];
    if std::env::var("TEST_DATABASE_URL").is_ok() {
        backends.push("postgres");
    }
    backends
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// The server on SQLite. Its visitors all come from 127.0.0.1, so the per-client limits
/// are off: the tests that need them turn them on with [`start_server_on`].
pub async fn start_server() -> Server {
    start_server_on("sqlite", &[("CLIENT_LIMITS", "off")]).await
}

/// The server on `backend` ("sqlite" or "postgres"), with settings of its own.
pub async fn start_server_on(backend: &'static str, settings: &[(&str, &str)]) -> Server {
    let dir = tempfile::tempdir().expect("temp dir");
    let port = free_port();
    let (database, postgres) = match backend {
        "postgres" => {
            let admin_url = std::env::var("TEST_DATABASE_URL").expect("TEST_DATABASE_URL");
            let name = format!("cp_http_{port}_{}", std::process::id());
            assert!(
                psql(&admin_url, &format!("CREATE DATABASE {name}")),
                "create {name}"
            );
            let base = admin_url
                .rsplit_once('/')
                .map_or(admin_url.as_str(), |(base, _)| base);
            (format!("{base}/{name}"), Some((admin_url.clone(), name)))
        }
        _ => (
            format!("sqlite://{}", dir.path().join("auth.db").display()),
            None,
        ),
    };
    let mut envs: Vec<(String, String)> = [
        ("DATABASE_URL", database.as_str()),
        ("MAP_TILES_URL", ""),
        ("RUST_LOG", "warn"),
    ]
    .iter()
    .chain(settings)
    .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
    .collect();
    envs.push(("LEPTOS_SITE_ADDR".into(), format!("127.0.0.1:{port}")));
    let seeded = Command::new(BINARY)
        .args(["seed", "demo"])
        .envs(envs.iter().map(|(n, v)| (n, v)))
        .stdout(Stdio::null())
        .status()
        .expect("seed runs");
    assert!(seeded.success(), "demo seed");
    // Dropping the server kills and waits for the process.
    let server = Server {
        child: spawn(&envs),
        base: format!("http://127.0.0.1:{port}"),
        backend,
        database_url: database.clone(),
        postgres,
        envs,
        _dir: dir,
    };
    wait_until_up(&server.base).await;
    server
}

const BINARY: &str = env!("CARGO_BIN_EXE_server");

/// `server serve` with the settings `envs`.
fn spawn(envs: &[(String, String)]) -> Child {
    Command::new(BINARY)
        .arg("serve")
        .envs(envs.iter().map(|(n, v)| (n, v)))
        .stdout(Stdio::null())
        .spawn()
        .expect("server starts")
}

async fn wait_until_up(base: &str) {
    let probe = reqwest::Client::new();
    for _ in 0..300 {
        if probe.get(format!("{base}/healthz")).send().await.is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the server at {base} did not start");
}

/// One more server process on the database of a [`Server`], on a port of its own;
/// killed when dropped.
pub struct Instance {
    child: Child,
    pub base: String,
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// `kill -9`: the process ends at once, in the middle of whatever it was doing.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Starts the server again on its database (after [`Server::kill`]), on a new port.
    pub async fn restart(&mut self) {
        self.kill();
        let port = free_port();
        self.set("LEPTOS_SITE_ADDR", &format!("127.0.0.1:{port}"));
        self.child = spawn(&self.envs);
        self.base = format!("http://127.0.0.1:{port}");
        wait_until_up(&self.base).await;
    }

    /// Another instance on the same database, with the same settings.
    pub async fn another_instance(&self) -> Instance {
        let port = free_port();
        let mut envs = self.envs.clone();
        envs.retain(|(name, _)| name != "LEPTOS_SITE_ADDR");
        envs.push(("LEPTOS_SITE_ADDR".into(), format!("127.0.0.1:{port}")));
        let instance = Instance {
            child: spawn(&envs),
            base: format!("http://127.0.0.1:{port}"),
        };
        wait_until_up(&instance.base).await;
        instance
    }

    /// Changes a setting for the next [`Server::restart`].
    pub fn set(&mut self, name: &str, value: &str) {
        self.envs.retain(|(n, _)| n != name);
        self.envs.push((name.to_owned(), value.to_owned()));
    }

    /// Runs `server <args>` on the server's database and settings: its exit status
    /// and what it wrote (stdout, then stderr).
    pub fn command(&self, args: &[&str]) -> (bool, String) {
        let output = Command::new(BINARY)
            .args(args)
            .envs(self.envs.iter().map(|(n, v)| (n, v)))
            .output()
            .expect("the command runs");
        let mut said = String::from_utf8_lossy(&output.stdout).into_owned();
        said.push_str(&String::from_utf8_lossy(&output.stderr));
        (output.status.success(), said)
    }
}

/// moto's S3-compatible server (PyPI's `moto[server]`, which `scripts/test` installs) on a
/// free port, stopped when dropped.
pub struct S3 {
    child: Child,
    pub endpoint: String,
}

impl Drop for S3 {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl S3 {
    pub async fn start() -> S3 {
        let port = free_port();
        let child = Command::new("python3")
            .args([
                "-m",
                "moto.server",
                "-H",
                "127.0.0.1",
                "-p",
                &port.to_string(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 runs");
        let s3 = S3 {
            child,
            endpoint: format!("http://127.0.0.1:{port}"),
        };
        for _ in 0..200 {
            if reqwest::get(&s3.endpoint).await.is_ok() {
                return s3;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("moto's S3 server did not start: pip install 'moto[server]' (scripts/test does)");
    }

    /// The settings a server needs to reach it.
    pub fn settings(&self) -> Vec<(&'static str, String)> {
        vec![
            ("AWS_ENDPOINT", self.endpoint.clone()),
            ("AWS_ALLOW_HTTP", "true".into()),
            ("AWS_ACCESS_KEY_ID", "test".into()),
            ("AWS_SECRET_ACCESS_KEY", "test".into()),
            ("AWS_REGION", "us-east-1".into()),
        ]
    }

    /// Creates a bucket (moto takes an unsigned request).
    pub async fn bucket(&self, name: &str) {
        let answer = reqwest::Client::new()
            .put(format!("{}/{name}", self.endpoint))
            .send()
            .await
            .expect("moto answers");
        assert!(answer.status().is_success(), "bucket {name}");
    }

    /// The keys of a bucket.
    pub async fn keys(&self, bucket: &str) -> Vec<String> {
        let listing = reqwest::get(format!("{}/{bucket}?list-type=2", self.endpoint))
            .await
            .expect("moto answers")
            .text()
            .await
            .expect("a listing");
        listing
            .split("<Key>")
            .skip(1)
            .filter_map(|rest| rest.split_once("</Key>").map(|(key, _)| key.to_owned()))
            .collect()
    }
}

/// The outbox as a signed-in administrator reads it.
pub async fn outbox_read_by(admin: &Visitor) -> Vec<Value> {
    use app::features::account::api::Outbox;
    admin
        .ok(Outbox::PATH, &[("destinataire", String::new())])
        .await["rows"]
        .as_array()
        .cloned()
        .expect("the outbox's page")
}

/// A real SMTP server (aiosmtpd, from PyPI, installed by `scripts/test`), storing what it
/// receives as files of a maildir.
pub struct Relay {
    child: Child,
    pub port: u16,
    maildir: std::path::PathBuf,
}

impl Drop for Relay {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Relay {
    /// Starts the server on `port`, storing messages in a maildir it creates under `dir`.
    pub fn start(port: u16, dir: &std::path::Path) -> Relay {
        // Python's Maildir creates its folders only when the top one is new.
        let maildir = dir.join("maildir");
        // Dropping the relay kills and waits for the process.
        let relay = Relay {
            child: Command::new("python3")
                .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
                .args(["-c", "aiosmtpd.handlers.Mailbox"])
                .arg(&maildir)
                .stdout(Stdio::null())
                .spawn()
                .expect("aiosmtpd (scripts/test installs it)"),
            port,
            maildir,
        };
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return relay;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("the SMTP server did not start");
    }

    /// The messages it received, as their raw text.
    pub fn received(&self) -> Vec<String> {
        std::fs::read_dir(self.maildir.join("new"))
            .map(|entries| {
                entries
                    .filter_map(|entry| std::fs::read_to_string(entry.ok()?.path()).ok())
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// A visitor with their own cookies; redirects are not followed (a redirect is an answer).
pub struct Visitor {
    pub name: &'static str,
    pub client: reqwest::Client,
    pub base: String,
}

impl Visitor {
    pub fn new(name: &'static str, base: &str) -> Self {
        Self::with_headers(name, base, reqwest::header::HeaderMap::new())
    }

    /// A visitor whose requests come through the server's trusted proxy from `address`
    /// (the server must list 127.0.0.1 in `TRUSTED_PROXIES`).
    pub fn from_address(name: &'static str, base: &str, address: &str) -> Self {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert("x-forwarded-for", address.parse().expect("an address"));
        Self::with_headers(name, base, headers)
    }

    fn with_headers(name: &'static str, base: &str, headers: reqwest::header::HeaderMap) -> Self {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .default_headers(headers)
            .build()
            .expect("client");
        Visitor {
            name,
            client,
            base: base.to_owned(),
        }
    }

    pub async fn call(&self, path: &str, form: &[(&str, String)]) -> (u16, String) {
        let answer = self
            .client
            .post(format!("{}{path}", self.base))
            .header("Accept", "application/json")
            .form(form)
            .send()
            .await
            .expect("request");
        let status = answer.status().as_u16();
        (status, answer.text().await.unwrap_or_default())
    }

    pub async fn ok(&self, path: &str, form: &[(&str, String)]) -> Value {
        let (status, body) = self.call(path, form).await;
        assert!(
            (200..400).contains(&status),
            "{} {path}: {status} {body}",
            self.name
        );
        serde_json::from_str(&body).unwrap_or(Value::Null)
    }

    pub async fn login(&self, email: &str, password: &str) {
        self.ok(
            "/api/login",
            &[("email", email.into()), ("password", password.into())],
        )
        .await;
    }

    /// A visitor signed in to a demo account (password [`PASSWORD`]).
    pub async fn signed_in(name: &'static str, base: &str, email: &str) -> Visitor {
        let visitor = Visitor::new(name, base);
        visitor.login(email, PASSWORD).await;
        visitor
    }

    pub async fn partner(name: &'static str, base: &str, email: &str, siren: &str) -> Visitor {
        let visitor = Visitor::new(name, base);
        visitor
            .ok(
                pro::PartnerSignUp::PATH,
                &[
                    ("first_name", "Camille".into()),
                    ("last_name", name.into()),
                    ("email", email.into()),
                    ("password", NEW_PASSWORD.into()),
                    ("accept_terms", "true".into()),
                ],
            )
            .await;
        visitor
            .ok(
                pro::RegisterStructure::PATH,
                &[
                    ("name", format!("Structure {name}")),
                    ("siren", siren.into()),
                ],
            )
            .await;
        visitor
    }
}

/// The SIREN `n`-th after 100 000 000 with a valid check digit.
pub fn siren(n: u32) -> String {
    (100_000_000u32 + n * 10..)
        .map(|s| s.to_string())
        .find(|s| domain::identifiers::luhn_valid(s))
        .expect("a SIREN")
}

/// Gives `offer` a new title and description, as its partner's editor does.
pub async fn retitle_offer(partner: &Visitor, offer: i64, title: &str, description: &str) {
    let editor = partner
        .ok(
            pro::LoadOfferEditor::PATH,
            &[("offer_id", offer.to_string())],
        )
        .await;
    let subcategory = editor["offer"]["subcategory"]
        .as_str()
        .or_else(|| editor["subcategory"].as_str())
        .expect("subcategory")
        .to_owned();
    partner
        .ok(
            pro::UpdateOffer::PATH,
            &[
                ("offer_id", offer.to_string()),
                ("offer[subcategory]", subcategory),
                ("offer[title]", title.to_owned()),
                ("offer[description]", description.to_owned()),
            ],
        )
        .await;
}
