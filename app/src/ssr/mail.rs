//! Sending e-mail. Every message is written to the outbox (readable by
//! administrators, so a "forgot password" link works with no mail server at all); when
//! an SMTP relay is configured (`SMTP_URL=smtp://host:port`), it is also sent there,
//! through lettre.

use crate::error::AppError;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// The query parameter that carries a one-use secret in the links of mails.
const SECRET_PARAMETER: &str = "jeton=";

/// A link that opens something once (a password reset, an invitation): the address to
/// mail, and the SHA-256 of its secret, which is all the database keeps.
pub struct SecretLink {
    pub url: String,
    pub token_hash: String,
}

/// A fresh secret link to `path` of this site. It starts with the configured public
/// address, never with the request's `Host` header, which anyone can forge: a reset
/// asked for with `Host: attacker.example` would otherwise mail the victim a genuine
/// link that hands the secret to the attacker.
pub fn secret_link(settings: &crate::ssr::Settings, path: &str) -> SecretLink {
    use rand::Rng;
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    SecretLink {
        url: format!("{}{path}?{SECRET_PARAMETER}{token}", settings.public_url),
        token_hash: hash_link_token(&token),
    }
}

/// `body` with the secrets of its links masked: what administrators read of a mail
/// once mail really leaves (they must never be able to open someone's account).
pub fn redact_secrets(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = rest.find(SECRET_PARAMETER) {
        let (before, after) = rest.split_at(at + SECRET_PARAMETER.len());
        out.push_str(before);
        out.push_str("[masqué]");
        rest = after.trim_start_matches(|c: char| c.is_ascii_alphanumeric());
    }
    out.push_str(rest);
    out
}

/// The SHA-256 of a link token, as stored.
pub fn hash_link_token(token: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(token.trim().as_bytes()))
}

/// An e-mail to send.
#[derive(Debug, Clone)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// Where mail goes besides the outbox.
#[derive(Clone)]
pub enum Mailer {
    /// Only the outbox.
    OutboxOnly,
    /// The outbox and an SMTP relay.
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
    },
}

impl Mailer {
    /// A relay at `url` (`smtp://host[:port]`, port 25 by default): plain SMTP to a local
    /// or trusted relay, which handles TLS onwards.
    pub fn smtp(url: &str, from: &str) -> Result<Mailer, String> {
        let invalid = |why: &str| format!("SMTP_URL {url:?} is invalid: {why}");
        let address = url
            .strip_prefix("smtp://")
            .ok_or_else(|| invalid("expected smtp://host:port"))?;
        let (host, port) = match address.trim_end_matches('/').rsplit_once(':') {
            Some((host, port)) => (host, port.parse::<u16>().map_err(|_| invalid("bad port"))?),
            None => (address.trim_end_matches('/'), 25),
        };
        if host.is_empty() {
            return Err(invalid("no host"));
        }
        let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
            .port(port)
            .build();
        let from = from
            .parse()
            .map_err(|e| format!("MAIL_FROM {from:?} is invalid: {e}"))?;
        Ok(Mailer::Smtp { transport, from })
    }

    /// Sends through the relay, if there is one (the caller has written the outbox).
    pub async fn send(&self, mail: &Mail) -> Result<(), AppError> {
        let Mailer::Smtp { transport, from } = self else {
            return Ok(());
        };
        let to: Mailbox = mail
            .to
            .parse()
            .map_err(|_| AppError::invalid("email", "Adresse e-mail invalide"))?;
        let message = Message::builder()
            .from(from.clone())
            .to(to)
            .subject(mail.subject.clone())
            .body(mail.body.clone())
            .map_err(|e| {
                tracing::error!(error = %e, "building an e-mail");
                AppError::Internal
            })?;
        transport.send(message).await.map(|_| ()).map_err(|e| {
            tracing::error!(error = %e, "SMTP relay refused the e-mail");
            AppError::Internal
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    use tokio::net::TcpListener;

    /// A minimal SMTP server that accepts one message and returns what it received.
    async fn fake_relay() -> (String, tokio::task::JoinHandle<String>) {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let server = tokio::spawn(async move {
            let (socket, _) = listener.accept().await.expect("accept");
            let (read, mut write) = socket.into_split();
            let mut lines = BufReader::new(read).lines();
            let mut received = String::new();
            let mut in_data = false;
            write.write_all(b"220 fake ESMTP\r\n").await.expect("greet");
            while let Ok(Some(line)) = lines.next_line().await {
                if in_data {
                    if line == "." {
                        in_data = false;
                        write.write_all(b"250 queued\r\n").await.expect("write");
                    } else {
                        received.push_str(&line);
                        received.push('\n');
                    }
                    continue;
                }
                let reply: &[u8] = match line.get(..4).map(str::to_ascii_uppercase).as_deref() {
                    Some("EHLO") | Some("HELO") => b"250 fake\r\n",
                    Some("DATA") => {
                        in_data = true;
                        b"354 go on\r\n"
                    }
                    Some("QUIT") => {
                        let _ = write.write_all(b"221 bye\r\n").await;
                        break;
                    }
                    _ => b"250 ok\r\n",
                };
                write.write_all(reply).await.expect("write");
            }
            received
        });
        (format!("smtp://127.0.0.1:{port}"), server)
    }

    #[tokio::test]
    async fn a_configured_relay_receives_the_message() {
        let (url, server) = fake_relay().await;
        let mailer =
            Mailer::smtp(&url, "Culture Pass <noreply@culture-pass.example>").expect("valid");
        let mail = Mail {
            to: "lea@example.org".into(),
            subject: "Lien".into(),
            body: "ouvre https://x/y?jeton=abc".into(),
        };
        mailer.send(&mail).await.expect("sent");
        let received = server.await.expect("server");
        assert!(received.contains("To: lea@example.org"), "{received}");
        assert!(received.contains("jeton=abc"), "{received}");
    }

    #[test]
    fn secret_links_start_with_the_public_address_and_can_be_masked() {
        let settings = crate::ssr::Settings {
            public_url: "https://pass.example.org".into(),
            ..crate::ssr::Settings::for_tests()
        };
        let link = secret_link(&settings, "/mot-de-passe/nouveau");
        assert!(
            link.url
                .starts_with("https://pass.example.org/mot-de-passe/nouveau?jeton="),
            "{}",
            link.url
        );
        let token = link.url.rsplit('=').next().expect("token");
        assert_eq!(hash_link_token(token), link.token_hash);
        let body = format!("Ouvre ce lien :\n{}\nMerci", link.url);
        let masked = redact_secrets(&body);
        assert!(!masked.contains(token), "{masked}");
        assert_eq!(
            masked,
            "Ouvre ce lien :\nhttps://pass.example.org/mot-de-passe/nouveau?jeton=[masqué]\nMerci"
        );
    }

    #[test]
    fn a_bad_relay_address_is_refused_with_its_name() {
        assert!(
            Mailer::smtp("ftp://nowhere", "a@b.c")
                .err()
                .is_some_and(|e| e.contains("SMTP_URL"))
        );
    }

    #[tokio::test]
    async fn without_a_relay_nothing_is_sent_and_nothing_fails() {
        let mail = Mail {
            to: "lea@example.org".into(),
            subject: "s".into(),
            body: "b".into(),
        };
        assert!(Mailer::OutboxOnly.send(&mail).await.is_ok());
    }
}
