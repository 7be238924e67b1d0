//! E-mail. Every message is written to the outbox in the transaction of what causes it
//! (readable by administrators, so a "forgot password" link works with no mail server at
//! all); when an SMTP relay is configured (`SMTP_URL`), the sender (`crate::ssr::sender`)
//! delivers the outbox there through lettre, never inside a request.

use crate::error::AppError;
use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
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
    /// The same in HTML, for the clients that show it.
    pub html: Option<String>,
    /// The address that stops this kind of mail for its person in one click (RFC 8058),
    /// for the kinds one may stop.
    pub unsubscribe: Option<String>,
    /// Written to a partner about their work: the unsubscribe line says "vous" and
    /// points to their dashboard.
    pub to_partner: bool,
    /// Its person's language, which the unsubscribe line is written in.
    pub locale: crate::lang::Locale,
}

/// `List-Unsubscribe: <url>`: mail clients show an unsubscribe button for it.
#[derive(Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(text: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribe(text.trim_matches(['<', '>']).to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), format!("<{}>", self.0))
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click`: the button posts to the address
/// at once, without opening a page (RFC 8058).
#[derive(Clone)]
struct OneClick;

impl Header for OneClick {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(OneClick)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_owned())
    }
}

/// An address someone gives to be written to: the domain's rules, then lettre's own
/// parser, so that every address the product accepts is one its sender can write to.
pub fn mail_address(field: &str, text: &str) -> Result<domain::text::Email, AppError> {
    let email = domain::text::Email::parse(text).map_err(|e| {
        AppError::invalid(
            field,
            crate::lang::fields::text(crate::lang::requested(), &e),
        )
    })?;
    email.as_str().parse::<lettre::Address>().map_err(|_| {
        let refusal = domain::text::TextError::EmailInvalid;
        AppError::invalid(
            field,
            crate::lang::fields::text(crate::lang::requested(), &refusal),
        )
    })?;
    Ok(email)
}

/// Where the sender delivers the outbox.
#[derive(Clone)]
pub enum Mailer {
    /// Nowhere: the outbox is all (development; administrators read the links there).
    OutboxOnly,
    /// An SMTP relay.
    Smtp {
        transport: Box<AsyncSmtpTransport<Tokio1Executor>>,
        from: Mailbox,
        /// The longest one attempt may take, from connecting to the last answer.
        timeout: std::time::Duration,
    },
}

/// Why a message was not delivered, and whether trying again may help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undelivered {
    pub reason: String,
    /// The relay refused it for good (a 5xx, or an address it cannot even write to).
    pub permanent: bool,
}

impl Mailer {
    /// A relay at `url`, as lettre reads it: `smtp://host[:port]` (plain, port 25),
    /// `smtp://host?tls=required` (STARTTLS, port 587), `smtps://host` (TLS, port 465),
    /// with `user:password@` to log in. Certificates are checked against the system's.
    /// One attempt ends after `timeout` whatever the relay does: lettre's own timeout
    /// bounds connecting only (lettre#1027), and a relay that accepts a connection and
    /// then says nothing would otherwise hold the sender, and all mail, forever.
    pub fn smtp(url: &str, from: &str, timeout: std::time::Duration) -> Result<Mailer, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("SMTP_URL is invalid: {e}"))?
            .timeout(Some(timeout))
            .build()
            .into();
        let from = from
            .parse()
            .map_err(|e| format!("MAIL_FROM {from:?} is invalid: {e}"))?;
        Ok(Mailer::Smtp {
            transport,
            from,
            timeout,
        })
    }

    /// Whether messages leave at all.
    pub fn delivers(&self) -> bool {
        matches!(self, Mailer::Smtp { .. })
    }

    /// Hands one message to the relay.
    pub async fn deliver(&self, mail: &Mail) -> Result<(), Undelivered> {
        let Mailer::Smtp {
            transport,
            from,
            timeout,
        } = self
        else {
            return Err(Undelivered {
                reason: "no mail relay is configured".into(),
                permanent: false,
            });
        };
        let message = message(from, mail).map_err(|reason| Undelivered {
            reason,
            permanent: true,
        })?;
        match tokio::time::timeout(*timeout, transport.send(message)).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) => Err(Undelivered {
                permanent: refused_for_good(&e),
                reason: e.to_string(),
            }),
            Err(_) => Err(Undelivered {
                reason: format!("the relay did not answer within {} s", timeout.as_secs()),
                permanent: false,
            }),
        }
    }
}

/// The plain text and the HTML of a message as they leave: with the unsubscribe line
/// where the message may be stopped.
fn bodies(mail: &Mail) -> (String, Option<String>) {
    match &mail.unsubscribe {
        Some(url) => {
            let (text, html) = (&mail.body, mail.html.as_deref());
            crate::ssr::messages::with_unsubscribe_line(
                mail.locale,
                text,
                html,
                url,
                mail.to_partner,
            )
        }
        None => (mail.body.clone(), mail.html.clone()),
    }
}

/// The message as it leaves, or why it cannot be written (for good).
fn message(from: &Mailbox, mail: &Mail) -> Result<Message, String> {
    let to: Mailbox = mail
        .to
        .parse()
        .map_err(|e| format!("recipient {:?}: {e}", mail.to))?;
    let mut builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(mail.subject.clone());
    if let Some(url) = &mail.unsubscribe {
        builder = builder.header(ListUnsubscribe(url.clone()));
        // One click only where the address is HTTPS (RFC 8058, section 3.1); a
        // development server's plain HTTP link stays an ordinary one.
        if url.starts_with("https://") {
            builder = builder.header(OneClick);
        }
    }
    let (body, html) = bodies(mail);
    match html {
        Some(html) => builder.multipart(MultiPart::alternative_plain_html(body, html)),
        None => builder.header(ContentType::TEXT_PLAIN).body(body),
    }
    .map_err(|e| format!("building the message: {e}"))
}

/// Whether the relay refused a message for good: a 5xx about the message or its
/// recipient. A 5xx about the relay's own terms (authentication required or refused,
/// TLS required) is our configuration's fault, to be mended: such messages wait.
fn refused_for_good(error: &lettre::transport::smtp::Error) -> bool {
    const ABOUT_THE_CONNECTION: [u16; 4] = [530, 534, 535, 538];
    let code = error.status().map(u16::from);
    error.is_permanent() && !code.is_some_and(|code| ABOUT_THE_CONNECTION.contains(&code))
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn relay_addresses_are_read_by_lettre_with_tls_and_login() {
        for url in [
            "smtp://127.0.0.1:2525",
            "smtp://relay.example.org?tls=required",
            "smtps://user:secret@relay.example.org",
        ] {
            let mailer = Mailer::smtp(
                url,
                "Culture Pass <noreply@culture-pass.example>",
                std::time::Duration::from_secs(30),
            );
            assert!(mailer.is_ok_and(|m| m.delivers()), "{url}");
        }
        for url in ["ftp://nowhere", "smtp://", "relay.example.org"] {
            assert!(
                Mailer::smtp(url, "a@b.c", std::time::Duration::from_secs(30))
                    .err()
                    .is_some_and(|e| e.contains("SMTP_URL")),
                "{url}"
            );
        }
    }

    #[test]
    fn only_addresses_lettre_can_write_to_are_accepted() {
        assert!(mail_address("email", "lea@example.org").is_ok());
        assert!(mail_address("email", "lea@@example.org").is_err());
    }

    #[test]
    fn mails_one_may_stop_carry_a_one_click_unsubscribe_over_https_only() {
        let from: Mailbox = "Culture Pass <noreply@culture-pass.example>"
            .parse()
            .expect("from");
        let mail = |unsubscribe: Option<&str>| Mail {
            to: "lea@example.org".into(),
            subject: "Demain".into(),
            body: "b".into(),
            html: None,
            unsubscribe: unsubscribe.map(str::to_owned),
            to_partner: false,
            locale: crate::lang::Locale::fr,
        };
        let written = |mail: &Mail| {
            String::from_utf8(message(&from, mail).expect("written").formatted()).expect("utf-8")
        };
        let https = "https://pass.example.org/desabonnement?jeton=k&type=event_tomorrow";
        let text = written(&mail(Some(https)));
        assert!(
            text.contains(&format!("List-Unsubscribe: <{https}>")),
            "{text}"
        );
        assert!(
            text.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"),
            "{text}"
        );
        let text = written(&mail(Some(
            "http://127.0.0.1:3000/desabonnement?jeton=k&type=x",
        )));
        assert!(
            text.contains("List-Unsubscribe: <http://127.0.0.1:3000/"),
            "{text}"
        );
        assert!(!text.contains("List-Unsubscribe-Post"), "{text}");
        assert!(!written(&mail(None)).contains("List-Unsubscribe"));
        // The body says it too, in both parts, before the end of the HTML's column; an
        // essential message, nothing.
        let both = Mail {
            html: Some("<html><body><main><p>b</p></main></body></html>".into()),
            ..mail(Some(https))
        };
        let (text, html) = bodies(&both);
        assert!(text.starts_with("b\n\n-- \n"), "{text}");
        assert!(
            text.trim_end()
                .ends_with(&format!("ouvre ce lien : {https}")),
            "{text}"
        );
        let html = html.expect("html");
        let line = html.find("Ne plus recevoir ce type d’e-mail</a>");
        assert!(
            line.is_some_and(|at| html.find("</main>").is_some_and(|end| at < end)),
            "{html}"
        );
        assert!(
            html.contains("jeton=k&#38;type=event_tomorrow")
                || html.contains("jeton=k&amp;type=event_tomorrow"),
            "{html}"
        );
        // To a partner, the line says "vous" and where they choose.
        let (text, _) = bodies(&Mail {
            to_partner: true,
            ..mail(Some(https))
        });
        assert!(text.contains("Vous recevez cet e-mail"), "{text}");
        assert!(text.contains("espace partenaire"), "{text}");
        // In their language.
        let (text, _) = bodies(&Mail {
            locale: crate::lang::Locale::en,
            ..mail(Some(https))
        });
        assert!(text.trim_end().ends_with(https), "{text}");
        assert!(!text.contains("ouvre ce lien"), "{text}");
        let essential = Mail {
            html: Some("<main><p>b</p></main>".into()),
            ..mail(None)
        };
        assert_eq!(
            bodies(&essential),
            ("b".to_owned(), Some("<main><p>b</p></main>".to_owned()))
        );
        assert!(
            message(
                &from,
                &Mail {
                    to: "nobody".into(),
                    ..mail(None)
                }
            )
            .is_err()
        );
    }

    /// A plain-text message one may not stop.
    fn plain_mail() -> Mail {
        Mail {
            to: "lea@example.org".into(),
            subject: "s".into(),
            body: "b".into(),
            html: None,
            unsubscribe: None,
            to_partner: false,
            locale: crate::lang::Locale::fr,
        }
    }

    #[tokio::test]
    async fn without_a_relay_nothing_leaves_and_the_message_waits() {
        let mail = plain_mail();
        let refused = Mailer::OutboxOnly.deliver(&mail).await.expect_err("kept");
        assert!(!refused.permanent);
    }

    /// A relay that accepts the connection and never greets: the attempt ends when its
    /// time runs out, to be tried again, instead of holding the sender forever.
    #[tokio::test]
    async fn a_relay_that_says_nothing_fails_the_attempt_in_time() {
        let silent = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
        let port = silent.local_addr().expect("its address").port();
        let mailer = Mailer::smtp(
            &format!("smtp://127.0.0.1:{port}"),
            "a@b.c",
            std::time::Duration::from_secs(1),
        )
        .expect("a relay");
        let mail = plain_mail();
        let outcome =
            tokio::time::timeout(std::time::Duration::from_secs(20), mailer.deliver(&mail))
                .await
                .expect("the attempt ends by itself");
        let refused = outcome.expect_err("not delivered");
        assert!(!refused.permanent, "{refused:?}");
        assert!(refused.reason.contains("did not answer"), "{refused:?}");
        drop(silent);
    }
}
