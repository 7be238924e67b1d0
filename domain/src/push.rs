//! Where the server may send a push. A device's subscription names the address its
//! push service receives at, and the server POSTs there: an address anyone could choose
//! would let them make the server call any host, its own network included. So only the
//! browsers' push services are accepted (Chrome, Edge, Firefox, Safari), over HTTPS on
//! their usual port; tests add this machine, by a setting no real server has.

/// The hosts (and their subdomains) of the browsers' push services.
pub const PUSH_SERVICES: [&str; 4] = [
    "fcm.googleapis.com",
    "push.services.mozilla.com",
    "notify.windows.com",
    "push.apple.com",
];

/// The longest endpoint accepted.
pub const MAX_ENDPOINT_CHARS: usize = 2000;

/// Whether the server may push to `endpoint`; `this_machine` also accepts
/// `http://127.0.0.1:<port>/…` (tests only).
pub fn allowed_endpoint(endpoint: &str, this_machine: bool) -> bool {
    if endpoint.len() > MAX_ENDPOINT_CHARS
        || endpoint
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
    {
        return false;
    }
    if let Some(rest) = endpoint.strip_prefix("https://") {
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host = authority
            .strip_suffix(":443")
            .unwrap_or(authority)
            .to_ascii_lowercase();
        let plain = !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
        return plain
            && PUSH_SERVICES
                .iter()
                .any(|service| host == *service || host.ends_with(&format!(".{service}")));
    }
    this_machine
        && endpoint
            .strip_prefix("http://127.0.0.1:")
            .is_some_and(|rest| {
                let port = rest.split('/').next().unwrap_or("");
                !port.is_empty() && port.chars().all(|c| c.is_ascii_digit()) && rest.contains('/')
            })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browsers_push_services_are_accepted() {
        for endpoint in [
            "https://fcm.googleapis.com/fcm/send/abc:def",
            "https://updates.push.services.mozilla.com/wpush/v2/gAAAA",
            "https://wns2-par02p.notify.windows.com/w/?token=BQYAAA",
            "https://web.push.apple.com/QGx1",
            "https://FCM.googleapis.com:443/fcm/send/x",
        ] {
            assert!(allowed_endpoint(endpoint, false), "{endpoint}");
        }
    }

    #[test]
    fn any_other_address_is_refused() {
        for endpoint in [
            "http://fcm.googleapis.com/fcm/send/x",
            "https://fcm.googleapis.com.evil.example/x",
            "https://evilfcm.googleapis.com.example/x",
            "https://fcm.googleapis.com:8443/x",
            "https://user@fcm.googleapis.com/x",
            "https://169.254.169.254/latest/meta-data",
            "https://localhost/x",
            "http://127.0.0.1:5432/x",
            "ftp://fcm.googleapis.com/x",
            "https://fcm.googleapis.com/x y",
        ] {
            assert!(!allowed_endpoint(endpoint, false), "{endpoint}");
        }
        let long = format!(
            "https://fcm.googleapis.com/{}",
            "a".repeat(MAX_ENDPOINT_CHARS)
        );
        assert!(!allowed_endpoint(&long, false));
    }

    #[test]
    fn this_machine_only_when_tests_say_so() {
        assert!(allowed_endpoint("http://127.0.0.1:4000/push/phone", true));
        assert!(!allowed_endpoint("http://127.0.0.1:4000/push/phone", false));
        assert!(!allowed_endpoint(
            "http://127.0.0.1:4000@evil.example/x",
            true
        ));
        assert!(!allowed_endpoint("http://localhost:4000/x", true));
    }
}
