//! Where a storm's CPU went, from Linux's `/proc`: the whole machine's, this process's
//! (the load generator, and the bare server when it runs here) and the server's (the
//! release server, or the bare route in a process of its own).
//! What is left is the rest of the machine: PostgreSQL's processes, the kernel's threads.
//! Throughput on this machine drifts between storms; the CPU a booking costs says where
//! an HTTP booking's extra time goes, whatever the drift.

use std::time::Duration;

/// Linux reports CPU time to user space in ticks of 1/100 s (`USER_HZ`), whatever the
/// kernel's own tick.
const TICKS_PER_SECOND: f64 = 100.0;

/// CPU time used, each a sum over cores.
#[derive(Clone, Copy, Default, Debug)]
pub struct CpuUse {
    /// Every core busy (user, system, interrupts), any process.
    pub machine: Duration,
    /// Time the hypervisor gave the machine's cores to someone else.
    pub steal: Duration,
    /// This process (the bench).
    pub this: Duration,
    /// The release server, when one ran.
    pub server: Duration,
}

impl CpuUse {
    pub fn add(self, other: CpuUse) -> CpuUse {
        CpuUse {
            machine: self.machine + other.machine,
            steal: self.steal + other.steal,
            this: self.this + other.this,
            server: self.server + other.server,
        }
    }

    /// The rest of the machine: the database's processes, the kernel's threads.
    pub fn rest(&self) -> Duration {
        self.machine.saturating_sub(self.this + self.server)
    }

    /// `CPU a booking: 1.20 ms (bench 0.40, server 0.50, rest 0.30; steal 0.05)`.
    pub fn per(&self, bookings: usize) -> String {
        let ms = |d: Duration| d.as_secs_f64() * 1e3 / bookings.max(1) as f64;
        format!(
            "CPU a booking: {:.2} ms (bench process {:.2}, server {:.2}, rest {:.2}; steal {:.2})",
            ms(self.machine),
            ms(self.this),
            ms(self.server),
            ms(self.rest()),
            ms(self.steal),
        )
    }
}

/// A reading taken when a storm starts; [`Meter::used`] gives what was used since.
pub struct Meter {
    server: Option<u32>,
    start: Reading,
}

#[derive(Clone, Copy, Default)]
struct Reading {
    busy: f64,
    steal: f64,
    this: f64,
    server: f64,
}

impl Meter {
    /// Starts measuring; `server` is the server's process, if one runs apart.
    pub fn start(server: Option<u32>) -> Meter {
        Meter {
            server,
            start: read(server),
        }
    }

    pub fn used(&self) -> CpuUse {
        let now = read(self.server);
        let since = |a: f64, b: f64| Duration::from_secs_f64(((a - b) / TICKS_PER_SECOND).max(0.0));
        CpuUse {
            machine: since(now.busy, self.start.busy),
            steal: since(now.steal, self.start.steal),
            this: since(now.this, self.start.this),
            server: since(now.server, self.start.server),
        }
    }
}

fn read(server: Option<u32>) -> Reading {
    let (busy, steal) = machine().unwrap_or_default();
    Reading {
        busy,
        steal,
        this: process("self").unwrap_or_default(),
        server: server
            .and_then(|pid| process(&pid.to_string()))
            .unwrap_or_default(),
    }
}

/// The machine's busy and stolen ticks, from `/proc/stat`'s first line: `cpu user nice
/// system idle iowait irq softirq steal ...`.
fn machine() -> Option<(f64, f64)> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let ticks: Vec<f64> = stat
        .lines()
        .next()?
        .split_whitespace()
        .skip(1)
        .filter_map(|n| n.parse().ok())
        .collect();
    let tick = |i: usize| ticks.get(i).copied().unwrap_or(0.0);
    let busy = tick(0) + tick(1) + tick(2) + tick(5) + tick(6);
    Some((busy, tick(7)))
}

/// A process's user and system ticks, from `/proc/<pid>/stat` (fields 14 and 15, after
/// the command's name in parentheses, which may hold spaces).
fn process(pid: &str) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_name = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // Fields 3.. of the line: state is field 3, utime field 14, stime field 15.
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}
