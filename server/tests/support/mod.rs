//! What the HTTP tests share: the real server binary started on a fresh, seeded SQLite
//! database, and visitors with their own cookies.

#![allow(dead_code)] // each test binary uses its own part

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
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

pub async fn start_server() -> Server {
    let dir = tempfile::tempdir().expect("temp dir");
    let port = free_port();
    let database = format!("sqlite://{}", dir.path().join("auth.db").display());
    let binary = env!("CARGO_BIN_EXE_server");
    let envs = [
        ("DATABASE_URL", database.as_str()),
        ("LEPTOS_SITE_ADDR", &format!("127.0.0.1:{port}")),
        ("MAP_TILES_URL", ""),
        ("RUST_LOG", "warn"),
    ];
    let seeded = Command::new(binary)
        .args(["seed", "demo"])
        .envs(envs)
        .stdout(Stdio::null())
        .status()
        .expect("seed runs");
    assert!(seeded.success(), "demo seed");
    // Dropping the server kills and waits for the process.
    let server = Server {
        child: Command::new(binary)
            .arg("serve")
            .envs(envs)
            .stdout(Stdio::null())
            .spawn()
            .expect("server starts"),
        base: format!("http://127.0.0.1:{port}"),
        _dir: dir,
    };
    let probe = reqwest::Client::new();
    for _ in 0..200 {
        if probe
            .get(format!("{}/healthz", server.base))
            .send()
            .await
            .is_ok()
        {
            return server;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the server did not start");
}

/// A visitor with their own cookies; redirects are not followed (a redirect is an answer).
pub struct Visitor {
    pub name: &'static str,
    pub client: reqwest::Client,
    pub base: String,
}

impl Visitor {
    pub fn new(name: &'static str, base: &str) -> Self {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
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
