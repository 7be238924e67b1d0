//! Booking throughput, the same storm at the service level (`Repository::book`, the
//! transaction the API runs) and over HTTP (`POST /api/book` on the release server), in
//! one run on one database; what HTTP adds is the difference. Between the two, the floor:
//! the same booking behind a bare axum route ([`bare_app`]), what HTTP costs before
//! anything of ours, twice: in this process, and in a process of its own as the server
//! is ([`BareProcess`]: on 2 cores shared with the clients and the database, a second
//! process has a price of its own). The four alternate for
//! `BENCH_ROUNDS` (3) rounds, so that the machine's drift weighs on all alike; the first
//! round also runs the service level with the partner's mail per booking turned off
//! (what telling the partner costs is the difference).
//!
//! Every storm has its own set: `BENCH_CLIENTS` (64) young people with 500 € and
//! `BENCH_BOOKINGS_PER_CLIENT` (200) event offers at 1 € with twice as many seats as
//! clients. Each client books every offer of its set once, in its own shuffled order
//! (clients collide on the same stocks), as fast as it can; every booking succeeds and
//! is durable (SQLite `synchronous=FULL`, PostgreSQL's synchronous commit). The service
//! storm runs in this process with the server's pool size (16), where the server runs
//! bookings (`app::ssr::Writer`: on SQLite, a thread of their own), each naming its
//! person; then this process lets its pool go and the server (`BENCH_SERVER`, a
//! `cargo leptos build --release` binary, run from the workspace; `scripts/bench` passes
//! it) takes the HTTP storm, each client signed in by a session cookie and holding one
//! HTTP/1.1 connection, as a phone's browser does. HTTP always comes
//! second in its round, on a database holding more bookings: if anything, that counts
//! against it. At the end every set is checked: every wallet equals its ledger and was
//! debited once per booking, one booking row per success.
//!
//! Each storm also says where its CPU went, per booking ([`cpu`]): this process (the
//! service level; the clients; the bare route), the release server, and the rest of the
//! machine (PostgreSQL). On 2 cores shared by all, that is where HTTP's price shows.
//!
//! SQLite by default; `BENCH_DATABASE_URL=postgres://...` runs on a fresh database of
//! that server, dropped afterwards.

#[path = "support/cpu.rs"]
mod cpu;

/// The same allocator as the server's, so that the bookings of this process (the service
/// level, the bare route) and the server's are measured alike.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "../tests/support/storm.rs"]
mod storm;

use app::ssr::Writer;
use chrono::Utc;
use cpu::{CpuUse, Meter};
use std::process::{Command, Stdio};
use std::time::Instant;
use store::*;
use storm::{Error, Plan, Set, shuffled, sign_in, venue};

/// The server's default pool (`DATABASE_MAX_CONNECTIONS`): both storms get the same.
const POOL: u32 = 16;
const ADDRESS: &str = "127.0.0.1:3401";
/// Where the bare route answers in its own process.
const BARE_ADDRESS: &str = "127.0.0.1:3402";
/// Set (to the database's URL) in the environment of this bench run again as the bare
/// route's own process.
const BARE_SERVE: &str = "BENCH_BARE_SERVE";

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The figures of one storm.
struct Storm {
    elapsed: std::time::Duration,
    latencies: Vec<std::time::Duration>,
    cpu: CpuUse,
}

impl Storm {
    fn new(
        elapsed: std::time::Duration,
        mut latencies: Vec<std::time::Duration>,
        cpu: CpuUse,
    ) -> Self {
        latencies.sort();
        Storm {
            elapsed,
            latencies,
            cpu,
        }
    }

    /// The storm of the clients' `tasks`, begun at `started` and measured by `meter`,
    /// once they are all done.
    async fn gather(
        started: Instant,
        meter: Meter,
        tasks: Vec<tokio::task::JoinHandle<Result<Vec<std::time::Duration>, Error>>>,
    ) -> Result<Storm, Error> {
        let mut latencies = Vec::new();
        for task in tasks {
            latencies.extend(task.await??);
        }
        Ok(Storm::new(started.elapsed(), latencies, meter.used()))
    }

    /// The storms as one: their bookings over their summed time.
    fn all(storms: &[Storm]) -> Storm {
        let elapsed = storms.iter().map(|storm| storm.elapsed).sum();
        let latencies = storms.iter().flat_map(|storm| storm.latencies.clone());
        let cpu = storms
            .iter()
            .fold(CpuUse::default(), |sum, s| sum.add(s.cpu));
        Storm::new(elapsed, latencies.collect(), cpu)
    }

    fn rate(&self) -> f64 {
        self.latencies.len() as f64 / self.elapsed.as_secs_f64()
    }

    fn ms(&self, p: f64) -> f64 {
        let i = ((self.latencies.len() as f64 * p) as usize).min(self.latencies.len() - 1);
        self.latencies[i].as_secs_f64() * 1e3
    }

    fn line(&self, name: &str) -> String {
        format!(
            "{name}: {} bookings in {:.2} s = {:.0} bookings/s; latency p50 {:.2} ms, p99 {:.2} ms\n      {}",
            self.latencies.len(),
            self.elapsed.as_secs_f64(),
            self.rate(),
            self.ms(0.50),
            self.ms(0.99),
            self.cpu.per(self.latencies.len()),
        )
    }
}

fn psql(admin: &str, statement: &str) -> Result<(), Error> {
    let ok = Command::new("psql")
        .args([admin, "-qc", statement])
        .stdout(Stdio::null())
        .status()?
        .success();
    if ok {
        Ok(())
    } else {
        Err(format!("psql failed: {statement}").into())
    }
}

/// Every client books every stock of the set through the repository, where the server
/// runs bookings (on SQLite, the writer's thread).
async fn service_storm(repo: &Repo, writer: &Writer, set: &Set) -> Result<Storm, Error> {
    let (started, meter) = (Instant::now(), Meter::start(None));
    let tasks: Vec<_> = set
        .users
        .iter()
        .map(|&user_id| {
            let repo = repo.clone();
            let writer = writer.clone();
            let mine = shuffled(&set.stocks);
            tokio::spawn(async move {
                let mut latencies = Vec::with_capacity(mine.len());
                for stock_id in mine {
                    let command = BookCommand {
                        booker: Booker::Person(user_id),
                        stock_id,
                        quantity: 1,
                        idempotency_key: None,
                        now: Utc::now(),
                    };
                    let t = Instant::now();
                    let repo = repo.clone();
                    writer
                        .run(async move { repo.book(&command).await })
                        .await??;
                    latencies.push(t.elapsed());
                }
                Ok::<_, Error>(latencies)
            })
        })
        .collect();
    Storm::gather(started, meter, tasks).await
}

/// Every client books every stock of the set with `POST /api/book`, signed in by the
/// session cookie in `cookies` (one per client); `server` is the process answering, when
/// it is not this one.
async fn http_storm(
    base: &str,
    set: &Set,
    cookies: Vec<String>,
    server: Option<u32>,
) -> Result<Storm, Error> {
    let (started, meter) = (Instant::now(), Meter::start(server));
    let address = base.trim_start_matches("http://").to_owned();
    let tasks: Vec<_> = cookies
        .into_iter()
        .map(|cookie| {
            let address = address.clone();
            let mine = shuffled(&set.stocks);
            tokio::spawn(async move {
                let mut connection = open_connection(&address).await?;
                let mut latencies = Vec::with_capacity(mine.len());
                for stock_id in mine {
                    let t = Instant::now();
                    let (status, body) = book(&mut connection, &address, &cookie, stock_id).await?;
                    latencies.push(t.elapsed());
                    if !status.is_success() {
                        let body = String::from_utf8_lossy(&body);
                        return Err(format!("booking refused: {status} {body}").into());
                    }
                }
                Ok::<_, Error>(latencies)
            })
        })
        .collect();
    Storm::gather(started, meter, tasks).await
}

type Connection = hyper::client::conn::http1::SendRequest<http_body_util::Full<bytes::Bytes>>;

/// One client's connection to `address`, kept open for all its bookings as a browser
/// keeps one: hyper's own client connection, with nothing of a browser-like client
/// (cookie jar, redirects, pool) that a load generator would spend the shared cores on.
async fn open_connection(address: &str) -> Result<Connection, Error> {
    let tcp = tokio::net::TcpStream::connect(address).await?;
    tcp.set_nodelay(true)?;
    let io = hyper_util::rt::TokioIo::new(tcp);
    let (sender, connection) = hyper::client::conn::http1::handshake(io).await?;
    tokio::spawn(connection);
    Ok(sender)
}

/// `POST /api/book` of one seat of `stock_id`, as the booking sheet sends it: its
/// answer's status and body, read to the end.
async fn book(
    connection: &mut Connection,
    address: &str,
    cookie: &str,
    stock_id: i64,
) -> Result<(http::StatusCode, bytes::Bytes), Error> {
    use http::header::{CONTENT_TYPE, COOKIE, HOST};
    use http_body_util::BodyExt;
    let form = format!("stock_id={stock_id}&quantity=1");
    let request = http::Request::post("/api/book")
        .header(HOST, address)
        .header(COOKIE, cookie)
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(http_body_util::Full::new(bytes::Bytes::from(form)))?;
    connection.ready().await?;
    let answer = connection.send_request(request).await?;
    let status = answer.status();
    let body = answer.into_body().collect().await?.to_bytes();
    Ok((status, body))
}

/// The floor of HTTP: the same booking behind the thinnest server axum makes, on its own
/// pool of the server's size. It decodes the form, hashes the session cookie, runs the
/// booking where the server does and answers the same JSON (QR code included); no
/// Leptos, no middleware. What the release server adds beyond this floor is ours to cut;
/// what this floor loses against the service level is HTTP's own price on this machine
/// (loopback TCP, hyper on both sides, and, in its own process, a second process's).
async fn bare_app(url: &str, writer: Writer) -> Result<axum::Router, Error> {
    use axum::http::{HeaderMap, StatusCode, header::COOKIE};
    use axum::response::IntoResponse;

    #[derive(serde::Deserialize)]
    struct BookForm {
        stock_id: i64,
        quantity: i64,
    }

    let repo = connect(url, POOL).await?;
    let book = move |headers: HeaderMap, axum::Form(form): axum::Form<BookForm>| {
        let (repo, writer) = (repo.clone(), writer.clone());
        async move {
            let session = headers
                .get(COOKIE)
                .and_then(|value| value.to_str().ok())
                .and_then(|cookies| {
                    cookies
                        .split(';')
                        .find_map(|c| c.trim().strip_prefix("cp_session="))
                });
            let Some(session) = session else {
                return StatusCode::UNAUTHORIZED.into_response();
            };
            let now = Utc::now();
            let command = BookCommand {
                booker: Booker::Session(app::ssr::session::hash_id(session)),
                stock_id: form.stock_id,
                quantity: form.quantity,
                idempotency_key: None,
                now,
            };
            let booked = writer.run(async move { repo.book(&command).await }).await;
            match booked {
                Ok(Ok(row)) => {
                    axum::Json(app::ssr::present::booking(app::lang::Locale::fr, row, now))
                        .into_response()
                }
                Ok(Err(error)) => (StatusCode::CONFLICT, error.to_string()).into_response(),
                Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
            }
        }
    };
    Ok(axum::Router::new().route("/api/book", axum::routing::post(book)))
}

/// The bare route in this process, on a port of its own: its address, and the task
/// serving it.
async fn bare_server(
    url: &str,
    writer: Writer,
) -> Result<(String, tokio::task::JoinHandle<()>), Error> {
    let app = bare_app(url, writer).await?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let serving = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Ok((base, serving))
}

/// This bench run again as the bare route's own process: it serves at [`BARE_ADDRESS`]
/// until killed.
async fn serve_bare_alone(url: &str) -> Result<(), Error> {
    let writer = Writer::for_backend(Backend::of_url(url)?.has_one_writer())?;
    let app = bare_app(url, writer).await?;
    let listener = tokio::net::TcpListener::bind(BARE_ADDRESS).await?;
    axum::serve(listener, app).await?;
    Ok(())
}

/// The bare route in a process of its own (this bench, run again), killed when dropped.
struct BareProcess(std::process::Child);

impl BareProcess {
    async fn start(url: &str) -> Result<BareProcess, Error> {
        let child = Command::new(std::env::current_exe()?)
            .env(BARE_SERVE, url)
            .stdout(Stdio::null())
            .spawn()?;
        let mut process = BareProcess(child);
        for _ in 0..240 {
            if let Some(status) = process.0.try_wait()? {
                return Err(format!("the bare route's process stopped: {status}").into());
            }
            if tokio::net::TcpStream::connect(BARE_ADDRESS).await.is_ok() {
                return Ok(process);
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        Err("the bare route's process did not start".into())
    }
}

impl Drop for BareProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Every wallet equals its ledger and was debited once per booking; one booking row per
/// success.
async fn check(repo: &Repo, set: &Set) -> Result<(), Error> {
    let tokens = storm::check(repo, set).await?;
    if tokens.len() != set.users.len() * set.stocks.len() {
        return Err(format!("{} booking rows for every success", tokens.len()).into());
    }
    Ok(())
}

/// The release server on `url`, answering at [`ADDRESS`], killed when dropped.
struct Server(std::process::Child);

impl Server {
    async fn start(url: &str) -> Result<Server, Error> {
        let binary = std::env::var("BENCH_SERVER")
            .unwrap_or_else(|_| env!("CARGO_BIN_EXE_server").to_owned());
        let child = Command::new(binary)
            .arg("serve")
            .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
            .env("DATABASE_URL", url)
            .env("DATABASE_MAX_CONNECTIONS", POOL.to_string())
            .env("LEPTOS_SITE_ADDR", ADDRESS)
            .env("CLIENT_LIMITS", "off")
            // The cookie is named `cp_session` (not `__Host-`) without it.
            .env("SESSION_SECURE_COOKIE", "false")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .spawn()?;
        let mut server = Server(child);
        let health = format!("http://{ADDRESS}/healthz");
        for _ in 0..240 {
            // Another server on the port (left over by an interrupted run) would answer.
            if let Some(status) = server.0.try_wait()? {
                return Err(format!("the server stopped: {status}").into());
            }
            if reqwest::get(&health)
                .await
                .is_ok_and(|r| r.status().is_success())
            {
                return Ok(server);
            }
            tokio::time::sleep(std::time::Duration::from_millis(250)).await;
        }
        Err("the server did not start".into())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    if let Ok(url) = std::env::var(BARE_SERVE) {
        return serve_bare_alone(&url).await;
    }
    let clients = env_number("BENCH_CLIENTS", 64);
    let per_client = env_number("BENCH_BOOKINGS_PER_CLIENT", 200);
    let dir = tempfile::tempdir()?;
    let (url, postgres) = match std::env::var("BENCH_DATABASE_URL") {
        Ok(admin) => {
            let name = format!("cp_bench_booking_{}", std::process::id());
            psql(&admin, &format!("CREATE DATABASE {name}"))?;
            let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
            (format!("{base}/{name}"), Some((admin.clone(), name)))
        }
        Err(_) => {
            let path = dir.path().join("bench.db");
            (format!("sqlite://{}", path.display()), None)
        }
    };
    let backend = if postgres.is_some() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let outcome = run(&url, backend, clients, per_client).await;
    if let Some((admin, name)) = postgres {
        psql(&admin, &format!("DROP DATABASE {name} WITH (FORCE)"))?;
    }
    outcome
}

/// A round's four sets of people and offers (one per storm), and the session cookies
/// of the three booked over HTTP.
struct RoundSets {
    service: Set,
    bare: Set,
    bare_cookies: Vec<String>,
    alone: Set,
    alone_cookies: Vec<String>,
    http: Set,
    http_cookies: Vec<String>,
}

async fn run(url: &str, backend: &str, clients: usize, per_client: usize) -> Result<(), Error> {
    let rounds = env_number("BENCH_ROUNDS", 3).max(1);
    let repo = connect(url, POOL).await?;
    repo.migrate().await?;
    let now = Utc::now();
    let policy = storm::policy(&repo, now).await?;
    let (venue, partner) = venue(&repo, now).await?;
    let plan = Plan {
        clients,
        offers: per_client,
        seats: (clients * 2) as i64,
        books: false,
    };
    let quiet_set = storm::seed(&repo, "quiet", venue, policy, plan, now).await?;
    let mut rounds_sets = Vec::new();
    for round in 0..rounds {
        let service =
            storm::seed(&repo, &format!("service{round}-"), venue, policy, plan, now).await?;
        let bare = storm::seed(&repo, &format!("bare{round}-"), venue, policy, plan, now).await?;
        let alone = storm::seed(&repo, &format!("alone{round}-"), venue, policy, plan, now).await?;
        let http = storm::seed(&repo, &format!("http{round}-"), venue, policy, plan, now).await?;
        rounds_sets.push(RoundSets {
            bare_cookies: sign_in(&repo, &bare, now).await?,
            alone_cookies: sign_in(&repo, &alone, now).await?,
            http_cookies: sign_in(&repo, &http, now).await?,
            service,
            bare,
            alone,
            http,
        });
    }
    drop(repo);

    let writer = Writer::for_backend(Backend::of_url(url)?.has_one_writer())?;
    let mut service = Vec::new();
    let mut http = Vec::new();
    let mut bare = Vec::new();
    let mut alone = Vec::new();
    let mut quiet = None;
    for (round, sets) in rounds_sets.iter().enumerate() {
        let repo = connect(url, POOL).await?;
        eprintln!("round {}: service storm", round + 1);
        service.push(service_storm(&repo, &writer, &sets.service).await?);
        if round == 0 {
            // The same, the partner told of nothing (second, on a database holding the
            // first storm's bookings: if anything, that counts against it).
            let choose = |choice| repo.choose_booking_mail(partner, choice, now, now);
            choose(domain::notification::BookingMail::Never).await?;
            eprintln!("service storm, partner not told");
            quiet = Some(service_storm(&repo, &writer, &quiet_set).await?);
            choose(domain::notification::BookingMail::EachBooking).await?;
        }
        drop(repo);
        let (base, serving) = bare_server(url, writer.clone()).await?;
        eprintln!(
            "round {}: HTTP floor (bare axum in this process)",
            round + 1
        );
        bare.push(http_storm(&base, &sets.bare, sets.bare_cookies.clone(), None).await?);
        serving.abort();
        let process = BareProcess::start(url).await?;
        eprintln!(
            "round {}: HTTP floor (bare axum in its own process)",
            round + 1
        );
        let (base, cookies) = (format!("http://{BARE_ADDRESS}"), sets.alone_cookies.clone());
        alone.push(http_storm(&base, &sets.alone, cookies, Some(process.0.id())).await?);
        drop(process);
        // The server's pusher retires, every 2 s, the notifications no device can get;
        // the storms of this process ran without it. Their backlog is retired as it
        // would have been, so that the server's first round does not spend the HTTP
        // storm on it (52 000 rows and 3.5 s on PostgreSQL, measured).
        let now = Utc::now();
        connect(url, 1)
            .await?
            .retire_unpushed(now - chrono::Duration::hours(1), now)
            .await?;
        // The server is the only writer during its storm, as it would be in production.
        let server = Server::start(url).await?;
        eprintln!("round {}: HTTP storm", round + 1);
        let base = format!("http://{ADDRESS}");
        let cookies = sets.http_cookies.clone();
        http.push(http_storm(&base, &sets.http, cookies, Some(server.0.id())).await?);
    }

    let repo = connect(url, POOL).await?;
    check(&repo, &quiet_set).await?;
    for sets in &rounds_sets {
        check(&repo, &sets.service).await?;
        check(&repo, &sets.bare).await?;
        check(&repo, &sets.alone).await?;
        check(&repo, &sets.http).await?;
    }
    let quiet = quiet.ok_or("no quiet storm")?;
    println!("{backend}, {clients} clients, pool {POOL}, {rounds} rounds:");
    let ratios = |service: &Storm, bare: &Storm, alone: &Storm, http: &Storm| {
        let of_service = |storm: &Storm| 100.0 * storm.rate() / service.rate();
        format!(
            "HTTP / service level = {:.0} % (floors: bare HTTP / service level = {:.0} % in this process, {:.0} % in its own)",
            of_service(http),
            of_service(bare),
            of_service(alone),
        )
    };
    let storms = service.iter().zip(&bare).zip(&alone).zip(&http);
    for (round, (((service, bare), alone), http)) in storms.enumerate() {
        println!("  round {}:", round + 1);
        println!("    {}", service.line("service level       "));
        println!("    {}", bare.line("bare HTTP           "));
        println!("    {}", alone.line("bare HTTP, own proc."));
        println!("    {}", http.line("HTTP                "));
        println!("    {}", ratios(service, bare, alone, http));
    }
    println!(
        "  {}",
        quiet.line("partner untold (after round 1's service storm)")
    );
    println!(
        "  service level / partner untold = {:.0} %",
        100.0 * service[0].rate() / quiet.rate()
    );
    let (service, bare) = (Storm::all(&service), Storm::all(&bare));
    let (alone, http) = (Storm::all(&alone), Storm::all(&http));
    println!("  all rounds:");
    println!("    {}", service.line("service level       "));
    println!("    {}", bare.line("bare HTTP           "));
    println!("    {}", alone.line("bare HTTP, own proc."));
    println!("    {}", http.line("HTTP                "));
    println!(
        "    {}; invariants hold",
        ratios(&service, &bare, &alone, &http)
    );
    Ok(())
}
