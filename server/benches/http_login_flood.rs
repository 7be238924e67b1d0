//! Memory under a flood of logins, against a running server: `BENCH_LOGINS` (500) logins
//! at once, each from its own client address (the server must list 127.0.0.1 in
//! `TRUSTED_PROXIES`, so `X-Forwarded-For` names the client and no per-client limit
//! stops the flood before the passwords are hashed), of the demo young person with the
//! right password. Password hashing takes 19 MiB per hash: without a bound, 500 hashes
//! at once take gigabytes. Prints the answers by status, the time, and the server's
//! resident memory before and at its peak (VmHWM of `BENCH_SERVER_PID`, Linux).

use std::time::Instant;

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A line of the server's `/proc/<pid>/status` in MiB (`VmRSS`, `VmHWM`).
fn memory_mib(pid: &str, field: &str) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let base = std::env::var("BENCH_URL").unwrap_or_else(|_| "http://127.0.0.1:3400".to_owned());
    let pid = std::env::var("BENCH_SERVER_PID")?;
    let logins = env_number("BENCH_LOGINS", 500);
    let before = memory_mib(&pid, "VmRSS:").unwrap_or_default();
    let started = Instant::now();
    let tasks: Vec<_> = (0..logins)
        .map(|n| {
            let url = format!("{base}/api/login");
            let client_address = format!("10.{}.{}.{}", n / 65536 % 256, n / 256 % 256, n % 256);
            tokio::spawn(async move {
                let answer = reqwest::Client::new()
                    .post(url)
                    .header("X-Forwarded-For", client_address)
                    .form(&[
                        ("email", "jeune@demo.culture-pass.fr"),
                        ("password", "demo-culture-pass"),
                    ])
                    .send()
                    .await;
                answer.map(|a| a.status().as_u16()).unwrap_or(0)
            })
        })
        .collect();
    let mut statuses = std::collections::BTreeMap::<u16, usize>::new();
    for task in tasks {
        *statuses.entry(task.await?).or_default() += 1;
    }
    let elapsed = started.elapsed();
    let peak = memory_mib(&pid, "VmHWM:").unwrap_or_default();
    println!(
        "{logins} logins at once: {statuses:?} in {:.1} s; server RSS {before:.0} MiB before, peak {peak:.0} MiB",
        elapsed.as_secs_f64()
    );
    Ok(())
}
