//! Per-client limits on the actions worth flooding: signing up (each account can receive
//! credit), signing in, asking for reset links (each sends a mail), changing e-mail or
//! password, booking, commenting and reporting. Counted per client address in this
//! process's memory (governor's GCRA: a burst, then a steady rate), answered `429` with
//! `Retry-After` and the typed error. They bound what one client can do; the database's
//! login counters (shared by every instance) bound password guessing.

use super::refusal;
use app::error::AppError;
use app::features::account::api as account;
use app::features::auth::api as auth;
use app::features::booking::api as booking;
use app::features::pro::api as pro;
use app::features::social::api as social;
use app::ssr::client::ClientIp;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use leptos::server_fn::ServerFn;
use std::collections::HashMap;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

/// How much of an action one client may do: `burst` at once, then one more every
/// `every`.
struct Rule {
    name: &'static str,
    paths: &'static [&'static str],
    burst: u32,
    every: Duration,
}

const MINUTE: Duration = Duration::from_secs(60);

/// The route of image uploads, `/pro/offres/{id}/image`, whatever the offer.
const IMAGE_UPLOAD: &str = "/pro/offres/{id}/image";

/// The route a path is limited as: itself, or the upload route for any offer's.
fn route_of(path: &str) -> &str {
    let offer = path
        .strip_prefix("/pro/offres/")
        .and_then(|rest| rest.strip_suffix("/image"));
    match offer {
        Some(id) if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) => IMAGE_UPLOAD,
        _ => path,
    }
}

const RULES: &[Rule] = &[
    Rule {
        name: "sign-up",
        paths: &[account::SignUp::PATH, pro::PartnerSignUp::PATH],
        burst: 10,
        every: Duration::from_secs(6 * 60),
    },
    Rule {
        name: "login",
        paths: &[auth::Login::PATH],
        burst: 20,
        every: Duration::from_secs(3),
    },
    Rule {
        name: "mail",
        paths: &[
            account::RequestPasswordReset::PATH,
            pro::InviteColleague::PATH,
        ],
        burst: 5,
        every: MINUTE,
    },
    Rule {
        name: "password",
        paths: &[
            account::ResetPassword::PATH,
            account::ChangePassword::PATH,
            account::ChangeEmail::PATH,
            account::DeleteAccount::PATH,
        ],
        burst: 10,
        every: MINUTE,
    },
    Rule {
        name: "booking",
        paths: &[booking::Book::PATH],
        burst: 30,
        every: Duration::from_secs(2),
    },
    Rule {
        name: "structure",
        paths: &[pro::RegisterStructure::PATH],
        burst: 5,
        every: Duration::from_secs(10 * 60),
    },
    Rule {
        name: "image",
        paths: &[IMAGE_UPLOAD],
        burst: 10,
        every: MINUTE,
    },
    Rule {
        name: "comment",
        paths: &[
            social::PostComment::PATH,
            social::EditComment::PATH,
            social::ReplyComment::PATH,
            social::ReportComment::PATH,
            social::ReportOffer::PATH,
        ],
        burst: 20,
        every: Duration::from_secs(6),
    },
];

/// The limiters, one per rule, keyed by client address. Empty when limits are off.
#[derive(Clone, Default)]
pub struct Limits {
    by_path: Arc<HashMap<&'static str, Arc<DefaultKeyedRateLimiter<IpAddr>>>>,
}

impl Limits {
    pub fn new(enabled: bool) -> Self {
        let mut by_path = HashMap::new();
        for rule in RULES.iter().filter(|_| enabled) {
            let burst = NonZeroU32::new(rule.burst).unwrap_or(NonZeroU32::MIN);
            let Some(quota) = Quota::with_period(rule.every) else {
                tracing::error!(rule = rule.name, "a rate of zero");
                continue;
            };
            let limiter = Arc::new(RateLimiter::keyed(quota.allow_burst(burst)));
            for path in rule.paths {
                by_path.insert(*path, limiter.clone());
            }
        }
        Limits {
            by_path: Arc::new(by_path),
        }
    }

    /// Forgets the clients whose allowance is whole again (run now and then: memory).
    pub fn forget_idle(&self) {
        for limiter in self.by_path.values() {
            limiter.retain_recent();
        }
    }

    /// How long the client must wait before doing what `path` does, if it must.
    fn wait(&self, path: &str, client: IpAddr) -> Option<Duration> {
        let limiter = self.by_path.get(route_of(path))?;
        limiter
            .check_key(&client)
            .err()
            .map(|not_until| not_until.wait_time_from(DefaultClock::default().now()))
    }
}

pub async fn limit(State(limits): State<Limits>, request: Request, next: Next) -> Response {
    let client = request
        .extensions()
        .get::<ClientIp>()
        .map_or(IpAddr::from([0, 0, 0, 0]), |c| c.network());
    let Some(wait) = limits.wait(request.uri().path(), client) else {
        return next.run(request).await;
    };
    let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    tracing::warn!(%client, path = request.uri().path(), seconds, "rate limited");
    let mut response = refusal(&AppError::RateLimited { seconds });
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_passes_then_the_client_waits_while_others_do_not() {
        let limits = Limits::new(true);
        let one: IpAddr = [203, 0, 113, 5].into();
        let other: IpAddr = [198, 51, 100, 7].into();
        for _ in 0..10 {
            assert_eq!(limits.wait(account::SignUp::PATH, one), None);
        }
        let wait = limits
            .wait(pro::PartnerSignUp::PATH, one)
            .expect("the 11th sign-up waits, whichever form");
        assert!(wait > Duration::from_secs(5 * 60), "{wait:?}");
        assert_eq!(limits.wait(account::SignUp::PATH, other), None);
        assert_eq!(limits.wait("/api/search", one), None, "not limited");
        for n in 0..10 {
            assert_eq!(limits.wait(&format!("/pro/offres/{n}/image"), one), None);
        }
        assert!(
            limits.wait("/pro/offres/99/image", one).is_some(),
            "any offer's upload"
        );
    }

    #[test]
    fn limits_can_be_turned_off() {
        let limits = Limits::new(false);
        let one: IpAddr = [203, 0, 113, 5].into();
        for _ in 0..100 {
            assert_eq!(limits.wait(account::SignUp::PATH, one), None);
        }
    }
}
