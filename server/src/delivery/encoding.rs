//! Which precompressed copy to send, from the request's `Accept-Encoding` (files on disk
//! are negotiated by tower-http's `ServeDir`; this is for the stylesheets, which are in
//! the binary).

use axum::http::HeaderMap;
use axum::http::header::ACCEPT_ENCODING;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coding {
    Brotli,
    Gzip,
    Identity,
}

impl Coding {
    /// Brotli if the browser takes it, else gzip, else the plain bytes. A coding
    /// listed with `q=0` is refused.
    pub fn preferred(headers: &HeaderMap) -> Coding {
        let accepted: Vec<&str> = headers
            .get_all(ACCEPT_ENCODING)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .filter_map(accepted_coding)
            .collect();
        let takes = |name: &str| accepted.iter().any(|c| c.eq_ignore_ascii_case(name));
        if takes("br") {
            Coding::Brotli
        } else if takes("gzip") {
            Coding::Gzip
        } else {
            Coding::Identity
        }
    }
}

/// The coding named by one item of the header (`gzip;q=0.8`), unless its quality is 0.
/// Names and parameters are case-insensitive (RFC 9110).
fn accepted_coding(item: &str) -> Option<&str> {
    let mut parts = item.split(';').map(str::trim);
    let coding = parts.next().filter(|c| !c.is_empty())?;
    let refused = parts.any(|param| {
        let (name, value) = param.split_once('=').unwrap_or((param, ""));
        name.trim().eq_ignore_ascii_case("q") && value.trim().parse::<f32>().is_ok_and(|q| q <= 0.0)
    });
    (!refused).then_some(coding)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn preferred(accept: &str) -> Coding {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT_ENCODING, accept.parse().expect("a header value"));
        Coding::preferred(&headers)
    }

    #[test]
    fn brotli_first_then_gzip_then_plain() {
        assert_eq!(preferred("gzip, deflate, br, zstd"), Coding::Brotli);
        assert_eq!(preferred("gzip;q=1.0, identity; q=0.5"), Coding::Gzip);
        assert_eq!(preferred("identity"), Coding::Identity);
        assert_eq!(Coding::preferred(&HeaderMap::new()), Coding::Identity);
    }

    #[test]
    fn a_refused_coding_is_not_sent() {
        assert_eq!(preferred("br;q=0, gzip"), Coding::Gzip);
        assert_eq!(preferred("br; q=0.0, gzip;q=0"), Coding::Identity);
        assert_eq!(preferred("br;Q=0, gzip"), Coding::Gzip);
    }

    #[test]
    fn names_are_case_insensitive() {
        assert_eq!(preferred("BR"), Coding::Brotli);
        assert_eq!(preferred("GZip;q=0.5"), Coding::Gzip);
    }
}
