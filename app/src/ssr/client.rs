//! Who is on the other end of a request: the client's address, as the server worked it
//! out from the connection (and the trusted proxies' `X-Forwarded-For`), for limits that
//! count per client rather than per account.

use std::net::{IpAddr, Ipv6Addr};

/// The client's address, put in each request's extensions by the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClientIp(pub IpAddr);

impl ClientIp {
    /// What limits count: the IPv4 address, or the IPv6 /64 network. One IPv6 host
    /// usually holds a whole /64 and can draw a fresh address for every request, so
    /// counting single IPv6 addresses would let it guess passwords without end.
    pub fn network(self) -> IpAddr {
        match self.0.to_canonical() {
            IpAddr::V6(v6) => {
                let prefix = u128::from(v6) & !u128::from(u64::MAX);
                IpAddr::V6(Ipv6Addr::from(prefix))
            }
            v4 => v4,
        }
    }
}

/// The client of the current request (unspecified when unknown: a request built in a
/// test, say).
pub fn client_ip() -> ClientIp {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<ClientIp>().copied())
        .unwrap_or(ClientIp(IpAddr::from([0, 0, 0, 0])))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_clients_are_counted_by_their_64_bit_network_and_mapped_ipv4_as_ipv4() {
        let one = ClientIp("2001:db8:1:2::1".parse().expect("ip"));
        let other = ClientIp("2001:db8:1:2:ffff::9".parse().expect("ip"));
        let elsewhere = ClientIp("2001:db8:1:3::1".parse().expect("ip"));
        assert_eq!(one.network(), other.network());
        assert_ne!(one.network(), elsewhere.network());
        let mapped = ClientIp("::ffff:203.0.113.5".parse().expect("ip"));
        assert_eq!(
            mapped.network(),
            "203.0.113.5".parse::<IpAddr>().expect("ip")
        );
    }
}
