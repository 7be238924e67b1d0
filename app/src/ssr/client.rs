//! Who is on the other end of a request: the client's address, as the server worked it
//! out from the connection (and the trusted proxies' `X-Forwarded-For`), for limits that
//! count per client rather than per account.

use std::net::IpAddr;

/// The client's address, put in each request's extensions by the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClientIp(pub IpAddr);

/// The address of the client of the current request (unspecified when unknown: a
/// request built in a test, say).
pub fn client_ip() -> IpAddr {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<ClientIp>().copied())
        .map_or(IpAddr::from([0, 0, 0, 0]), |client| client.0)
}
