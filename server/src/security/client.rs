//! The client's address: the connection's, or, when the connection comes from a trusted
//! reverse proxy (`TRUSTED_PROXIES`), the last address in `X-Forwarded-For` that is not
//! one of ours. Anyone can write `X-Forwarded-For`, so it is believed only from a proxy.

use app::ssr::client::ClientIp;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// The reverse proxies whose `X-Forwarded-For` is believed.
#[derive(Clone, Default)]
pub struct Proxies(pub Arc<Vec<IpAddr>>);

/// Puts the [`ClientIp`] of the request in its extensions.
pub async fn identify(
    State(proxies): State<Proxies>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::from([0, 0, 0, 0]), |info| info.0.ip());
    let client = client_of(peer.to_canonical(), request.headers(), &proxies.0);
    request.extensions_mut().insert(ClientIp(client));
    next.run(request).await
}

/// The client behind `peer`: `X-Forwarded-For` is read from the right (each proxy
/// appends the address it saw), past our own proxies.
/// Addresses are compared in their canonical form: a dual-stack listener sees an IPv4
/// proxy as `::ffff:10.0.0.1`.
fn client_of(peer: IpAddr, headers: &HeaderMap, proxies: &[IpAddr]) -> IpAddr {
    let trusted = |ip: &IpAddr| {
        proxies
            .iter()
            .any(|p| p.to_canonical() == ip.to_canonical())
    };
    if !trusted(&peer) {
        return peer;
    }
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .collect();
    let mut client = peer;
    for hop in hops.iter().rev() {
        match hop.parse::<IpAddr>().map(|ip| ip.to_canonical()) {
            Ok(ip) if trusted(&ip) => client = ip,
            Ok(ip) => return ip,
            Err(_) => return client,
        }
    }
    client
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forwarded(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", value.parse().expect("header"));
        headers
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("ip")
    }

    #[test]
    fn a_forwarded_address_is_believed_only_from_a_trusted_proxy() {
        let proxies = [ip("10.0.0.1"), ip("10.0.0.2")];
        let headers = forwarded("198.51.100.7");
        assert_eq!(
            client_of(ip("203.0.113.5"), &headers, &proxies),
            ip("203.0.113.5")
        );
        assert_eq!(
            client_of(ip("10.0.0.1"), &headers, &proxies),
            ip("198.51.100.7")
        );
    }

    #[test]
    fn the_client_is_the_last_address_before_our_proxies_whatever_it_wrote_itself() {
        let proxies = [ip("10.0.0.1"), ip("10.0.0.2")];
        let spoofed = forwarded("1.2.3.4, 198.51.100.7, 10.0.0.2");
        assert_eq!(
            client_of(ip("10.0.0.1"), &spoofed, &proxies),
            ip("198.51.100.7")
        );
        let mapped = ip("::ffff:10.0.0.1");
        assert_eq!(
            client_of(mapped.to_canonical(), &spoofed, &proxies),
            ip("198.51.100.7"),
            "an IPv4 proxy seen by a dual-stack listener"
        );
        let garbage = forwarded("nonsense");
        assert_eq!(
            client_of(ip("10.0.0.1"), &garbage, &proxies),
            ip("10.0.0.1")
        );
        assert_eq!(
            client_of(ip("10.0.0.1"), &HeaderMap::new(), &proxies),
            ip("10.0.0.1")
        );
    }
}
