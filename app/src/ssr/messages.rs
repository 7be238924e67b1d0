//! Every message the product writes to people, in one place: each kind has its data, a
//! plain-text and an HTML template per language (`app/templates/mail/<language>/`,
//! askama: a template that names a missing field fails the build), and one layout per
//! language. The subjects and the first lines are sentences of the languages' files.
//! A language the app has but a mail lacks templates for fails the build (`compose!`
//! matches every language).

use crate::i18n::td_string;
use crate::lang::Locale;
use askama::Template;
use domain::notification::MailKind;
use store::{Letter, OutgoingMail};

/// Renders the plain-text and the HTML template of a message about `$data` (of type
/// `$type`, a name of this module) in `$locale`, with `$subject`: for each language, its
/// two templates.
macro_rules! compose {
    ($locale:expr, $data:expr, $type:ident, $subject:expr,
     $($language:ident: $text:literal, $html:literal;)+) => {{
        $(
            #[allow(non_snake_case)]
            mod $language {
                use askama::Template;
                #[derive(Template)]
                #[template(path = $text)]
                pub struct Text<'a> {
                    pub m: &'a super::$type,
                }
                #[derive(Template)]
                #[template(path = $html)]
                pub struct Html<'a> {
                    pub m: &'a super::$type,
                    pub subject: &'a str,
                }
            }
        )+
        let subject: String = $subject;
        let m = $data;
        let (text, html) = match $locale {
            $(Locale::$language => (
                $language::Text { m }.render(),
                $language::Html { m, subject: &subject }.render(),
            ),)+
        };
        OutgoingMail {
            text: text.unwrap_or_else(|error| rendering_failed(&subject, error)),
            html: html.ok(),
            subject,
        }
    }};
}

/// A message to people whose language the store looks up as it queues it (to each
/// member of a team, to every young person of an offer): written in each language, the
/// reference first.
pub fn letter(write: impl Fn(Locale) -> OutgoingMail) -> Letter {
    use leptos_i18n::Locale as _;
    let reference = Locale::default();
    let others = Locale::get_all().iter().filter(|l| **l != reference);
    let languages = std::iter::once(&reference).chain(others);
    Letter(
        languages
            .map(|locale| (crate::lang::tag(*locale).to_owned(), write(*locale)))
            .collect(),
    )
}

/// A template that fails to render at run time (a `Display` that errs): the message
/// still leaves, with its subject, rather than never.
fn rendering_failed(subject: &str, error: askama::Error) -> String {
    tracing::error!(%error, subject, "a mail template failed to render");
    subject.to_owned()
}

/// The line at the foot of every mail one may stop: why it came, and the link that stops
/// its kind (the same as its `List-Unsubscribe` header), in the plain text and the HTML
/// of a message as it leaves, in its person's language; to a partner (`to_partner`), in
/// their register.
pub fn with_unsubscribe_line(
    locale: Locale,
    text: &str,
    html: Option<&str>,
    url: &str,
    to_partner: bool,
) -> (String, Option<String>) {
    macro_rules! line {
        ($($language:ident: $text:literal, $html:literal;)+) => {{
            $(
                mod $language {
                    use askama::Template;
                    #[derive(Template)]
                    #[template(path = $text)]
                    pub struct Text<'a> {
                        pub url: &'a str,
                        pub to_partner: bool,
                    }
                    #[derive(Template)]
                    #[template(path = $html)]
                    pub struct Html<'a> {
                        pub url: &'a str,
                        pub to_partner: bool,
                    }
                }
            )+
            match locale {
                $(Locale::$language => (
                    $language::Text { url, to_partner }.render(),
                    $language::Html { url, to_partner }.render(),
                ),)+
            }
        }};
    }
    let (text_line, html_line) = line! {
        fr: "mail/fr/unsubscribe.txt", "mail/fr/unsubscribe.html";
        en: "mail/en/unsubscribe.txt", "mail/en/unsubscribe.html";
    };
    // The header still carries the link if the line fails to render.
    let logged = |error: askama::Error| {
        tracing::error!(%error, "the unsubscribe line failed to render");
        String::new()
    };
    let text_line = text_line.unwrap_or_else(logged);
    let html = html.map(|html| {
        let line = html_line.unwrap_or_else(logged);
        // Inside the layout's column, after the signature.
        match html.rfind("</main>") {
            Some(end) => format!("{}{line}{}", &html[..end], &html[end..]),
            None => format!("{html}{line}"),
        }
    });
    (format!("{}{text_line}", text.trim_end()), html)
}

/// A "forgot password" link.
pub struct PasswordReset {
    pub first_name: String,
    pub url: String,
}

pub fn password_reset(locale: Locale, data: &PasswordReset) -> OutgoingMail {
    compose!(
        locale, data, PasswordReset,
        td_string!(locale, mail.password_reset_subject).to_owned(),
        fr: "mail/fr/password_reset.txt", "mail/fr/password_reset.html";
        en: "mail/en/password_reset.txt", "mail/en/password_reset.html";
    )
}

/// A link that verifies an address: in a new account's welcome, or alone.
pub struct AddressLink {
    pub first_name: String,
    /// The address it verifies.
    pub address: String,
    pub url: String,
    /// How long it stays valid.
    pub hours: i64,
    /// To a partner ("vous"), rather than a young person.
    pub partner: bool,
}

pub fn welcome(locale: Locale, data: &AddressLink) -> OutgoingMail {
    let subject = if data.partner {
        td_string!(locale, mail.welcome_partner_subject)
    } else {
        td_string!(locale, mail.welcome_subject)
    };
    compose!(
        locale, data, AddressLink, subject.to_owned(),
        fr: "mail/fr/welcome.txt", "mail/fr/welcome.html";
        en: "mail/en/welcome.txt", "mail/en/welcome.html";
    )
}

pub fn address_check(locale: Locale, data: &AddressLink) -> OutgoingMail {
    let subject = if data.partner {
        td_string!(locale, mail.address_check_partner_subject)
    } else {
        td_string!(locale, mail.address_check_subject)
    };
    compose!(
        locale, data, AddressLink, subject.to_owned(),
        fr: "mail/fr/address_check.txt", "mail/fr/address_check.html";
        en: "mail/en/address_check.txt", "mail/en/address_check.html";
    )
}

/// To the old address, once a new one replaced it.
pub struct AddressChanged {
    pub first_name: String,
    /// The new address, partly masked: its owner knows it, a thief learns nothing.
    pub masked: String,
    /// Whom to write to if it was not them.
    pub support: String,
}

pub fn address_changed(locale: Locale, data: &AddressChanged) -> OutgoingMail {
    compose!(
        locale, data, AddressChanged,
        td_string!(locale, mail.address_changed_subject).to_owned(),
        fr: "mail/fr/address_changed.txt", "mail/fr/address_changed.html";
        en: "mail/en/address_changed.txt", "mail/en/address_changed.html";
    )
}

/// `address` with its local part hidden but for its first letter: "l•••@example.org".
pub fn masked_address(address: &str) -> String {
    match address.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}•••@{domain}")
        }
        None => "•••".to_owned(),
    }
}

/// An invitation to manage a structure.
pub struct Invitation {
    /// Who invites: "Prénom Nom".
    pub inviter: String,
    pub structure: String,
    pub url: String,
}

pub fn invitation(locale: Locale, data: &Invitation) -> OutgoingMail {
    let structure = &data.structure;
    compose!(
        locale, data, Invitation,
        td_string!(locale, mail.invitation_subject, structure).to_string(),
        fr: "mail/fr/invitation.txt", "mail/fr/invitation.html";
        en: "mail/en/invitation.txt", "mail/en/invitation.html";
    )
}

/// The team's decision about a partner's structure.
pub struct StructureDecision {
    pub structure: String,
    pub validated: bool,
    /// The partner dashboard.
    pub url: String,
}

pub fn structure_decision(locale: Locale, data: &StructureDecision) -> OutgoingMail {
    let structure = &data.structure;
    let subject = if data.validated {
        td_string!(locale, mail.structure_validated_subject, structure).to_string()
    } else {
        td_string!(locale, mail.structure_rejected_subject, structure).to_string()
    };
    compose!(
        locale, data, StructureDecision, subject,
        fr: "mail/fr/structure_decision.txt", "mail/fr/structure_decision.html";
        en: "mail/en/structure_decision.txt", "mail/en/structure_decision.html";
    )
}

/// A reimbursement run's transfer to a structure, once the team paid it.
pub struct TransferSent {
    pub structure: String,
    /// The amount sent, in euros.
    pub amount: String,
    /// The run's last day, in words.
    pub last_day: String,
    /// The transfer's reference, as the bank statement shows it.
    pub reference: String,
    /// The account credited, masked.
    pub account: String,
    /// The structure's payments page.
    pub url: String,
}

pub fn transfer_sent(locale: Locale, data: &TransferSent) -> OutgoingMail {
    let (amount, structure) = (&data.amount, &data.structure);
    compose!(
        locale, data, TransferSent,
        td_string!(locale, mail.transfer_sent_subject, amount, structure).to_string(),
        fr: "mail/fr/transfer_sent.txt", "mail/fr/transfer_sent.html";
        en: "mail/en/transfer_sent.txt", "mail/en/transfer_sent.html";
    )
}

/// Credit left that is about to expire.
pub struct CreditExpiring {
    /// What is left, in euros.
    pub balance: String,
    /// The last day it can be spent, in words.
    pub day: String,
    /// Where to spend it.
    pub url: String,
}

pub fn credit_expiring(locale: Locale, data: &CreditExpiring) -> OutgoingMail {
    let (balance, day) = (&data.balance, &data.day);
    compose!(
        locale, data, CreditExpiring,
        td_string!(locale, mail.credit_expiring_subject, balance, day).to_string(),
        fr: "mail/fr/credit_expiring.txt", "mail/fr/credit_expiring.html";
        en: "mail/en/credit_expiring.txt", "mail/en/credit_expiring.html";
    )
}

/// An offer withdrawn by moderation: its bookings are cancelled, credit given back.
pub struct OfferWithdrawn {
    pub offer_title: String,
    pub reason: String,
}

pub fn offer_withdrawn(locale: Locale, data: &OfferWithdrawn) -> OutgoingMail {
    let title = &data.offer_title;
    compose!(
        locale, data, OfferWithdrawn,
        td_string!(locale, mail.booking_cancelled_subject, title).to_string(),
        fr: "mail/fr/offer_withdrawn.txt", "mail/fr/offer_withdrawn.html";
        en: "mail/en/offer_withdrawn.txt", "mail/en/offer_withdrawn.html";
    )
}

/// A message about a booking: why it is written (`lead`), then the ticket's essentials
/// and the way to it.
pub struct BookingMail {
    /// The first paragraph: what happened, or what to do.
    pub lead: String,
    /// The person's name, as on the ticket.
    pub name: String,
    pub offer_title: String,
    /// When, in the venue's time zone, for events.
    pub date: Option<String>,
    pub venue: String,
    pub address: String,
    pub quantity: i64,
    /// What it took from the credit, as a sentence.
    pub debit: String,
    pub token: String,
    pub withdrawal_details: Option<String>,
    /// Until when it can be cancelled, as a sentence.
    pub cancellation: Option<String>,
    /// The ticket's page.
    pub url: String,
    /// A digital offer's link and activation code, instead of a place and a token.
    pub access: Option<crate::dto::DigitalAccess>,
}

/// What a message about a booking says first, and its subject, by kind.
pub enum AboutBooking {
    Confirmed,
    EventTomorrow,
    /// The date the booking expires if the thing is not collected, in words.
    CollectBefore(String),
    CancellationClosing,
    /// Cancelled by the partner; why, in words.
    CancelledByPartner(String),
    DateMoved,
}

/// A message about a booking, with the lead and subject its kind calls for.
pub fn about_booking(locale: Locale, about: AboutBooking, mut data: BookingMail) -> OutgoingMail {
    let title = &data.offer_title;
    let (subject, lead) = match about {
        AboutBooking::Confirmed => (
            td_string!(locale, mail.confirmed_subject, title).to_string(),
            td_string!(locale, mail.confirmed_lead).to_owned(),
        ),
        AboutBooking::EventTomorrow => (
            td_string!(locale, mail.tomorrow_subject, title).to_string(),
            td_string!(locale, mail.tomorrow_lead).to_owned(),
        ),
        AboutBooking::CollectBefore(day) => (
            td_string!(locale, mail.collect_subject, title).to_string(),
            td_string!(locale, mail.collect_lead, day).to_string(),
        ),
        AboutBooking::CancellationClosing => (
            td_string!(locale, mail.closing_subject, title).to_string(),
            td_string!(locale, mail.closing_lead).to_owned(),
        ),
        AboutBooking::CancelledByPartner(why) => {
            let subject = td_string!(locale, mail.booking_cancelled_subject, title).to_string();
            let venue = &data.venue;
            let lead = td_string!(locale, mail.cancelled_lead, venue, why).to_string();
            // Nothing is left to show at a counter.
            data.token.clear();
            data.cancellation = None;
            data.debit = td_string!(locale, mail.credit_back).to_owned();
            (subject, lead)
        }
        AboutBooking::DateMoved => (
            td_string!(locale, mail.moved_subject, title).to_string(),
            td_string!(locale, mail.moved_lead).to_owned(),
        ),
    };
    data.lead = lead;
    compose!(
        locale, &data, BookingMail, subject,
        fr: "mail/fr/booking.txt", "mail/fr/booking.html";
        en: "mail/en/booking.txt", "mail/en/booking.html";
    )
}

/// For a partner: a booking of one of their offers, as it is made.
pub struct NewBookingMail {
    pub offer_title: String,
    /// When, in the venue's time zone, for events.
    pub date: Option<String>,
    pub venue: String,
    /// Who booked, as on the ticket.
    pub beneficiary: String,
    pub quantity: i64,
    /// What it costs, in euros.
    pub amount: String,
    /// The code the young person shows at the counter.
    pub token: String,
    /// A digital offer: delivered (and validated) when booked, nothing at a counter.
    pub digital: bool,
    /// The activation code the booking took, if the offer has codes.
    pub activation_code: Option<String>,
    /// The structure whose offer it is, and its bookings page.
    pub structure: String,
    pub url: String,
}

pub fn new_booking(locale: Locale, data: &NewBookingMail) -> OutgoingMail {
    let title = &data.offer_title;
    compose!(
        locale, data, NewBookingMail,
        td_string!(locale, mail.new_booking_subject, title).to_string(),
        fr: "mail/fr/new_booking.txt", "mail/fr/new_booking.html";
        en: "mail/en/new_booking.txt", "mail/en/new_booking.html";
    )
}

/// One booking in a partner's digest.
pub struct DigestEntry {
    pub offer_title: String,
    /// When, in the venue's time zone, for events.
    pub date: Option<String>,
    pub venue: String,
    pub beneficiary: String,
    pub quantity: i64,
    /// When it was booked, in words.
    pub booked: String,
}

/// For a partner: the bookings of their offers since their previous digest.
pub struct BookingsDigest {
    /// "3 nouvelles réservations"
    pub headline: String,
    /// Since when, in words.
    pub since: String,
    pub lines: Vec<DigestEntry>,
    /// How many more there were than listed.
    pub more: i64,
    /// Where they all are.
    pub url: String,
}

/// "1 nouvelle réservation", "3 nouvelles réservations".
pub fn new_bookings(locale: Locale, count: i64) -> String {
    if count > 1 {
        td_string!(locale, mail.new_bookings, count).to_string()
    } else {
        td_string!(locale, mail.one_new_booking, count).to_string()
    }
}

pub fn bookings_digest(locale: Locale, data: &BookingsDigest) -> OutgoingMail {
    let headline = &data.headline;
    compose!(
        locale, data, BookingsDigest,
        td_string!(locale, mail.digest_subject, headline).to_string(),
        fr: "mail/fr/bookings_digest.txt", "mail/fr/bookings_digest.html";
        en: "mail/en/bookings_digest.txt", "mail/en/bookings_digest.html";
    )
}

/// Every kind of message, written with sample data: what administrators preview at
/// `/admin/courriels` before a template change reaches anyone.
pub fn samples(locale: Locale, public_url: &str) -> Vec<(MailKind, OutgoingMail)> {
    use crate::lang::money::euros;
    use crate::ssr::present::{date_time, day, debit};
    use crate::ssr::time::PARIS;
    use chrono::TimeZone;
    let at = |month, day, hour, minute| {
        let local = chrono::NaiveDate::from_ymd_opt(2026, month, day)
            .and_then(|date| date.and_hms_opt(hour, minute, 0))
            .and_then(|local| PARIS.from_local_datetime(&local).single());
        local
            .map(|at| at.with_timezone(&chrono::Utc))
            .unwrap_or_default()
    };
    let concert = at(12, 12, 20, 30);
    let ticket = || BookingMail {
        lead: String::new(),
        name: "Léa Martin".into(),
        offer_title: "Concert de l’orchestre des jeunes".into(),
        date: Some(date_time(locale, concert, PARIS)),
        venue: "La Laiterie".into(),
        address: "13 rue du Hohwald, 67000 Strasbourg".into(),
        quantity: 2,
        debit: debit(locale, 2000),
        token: "K7P2QX".into(),
        withdrawal_details: Some("Présente-toi au guichet 30 minutes avant.".into()),
        cancellation: Some({
            let date = date_time(locale, at(12, 10, 20, 30), PARIS);
            td_string!(locale, booking.cancellable_until, date).to_string()
        }),
        url: format!("{public_url}/reservations/1"),
        access: None,
    };
    let link = |path: &str| format!("{public_url}{path}?jeton=exemple");
    let address_link = |partner| AddressLink {
        first_name: "Léa".into(),
        address: "lea.martin@example.org".into(),
        url: link("/adresse/confirmer"),
        hours: 24,
        partner,
    };
    MailKind::ALL
        .into_iter()
        .filter_map(|kind| {
            let mail = match kind {
                MailKind::Other => return None,
                MailKind::PasswordReset => password_reset(
                    locale,
                    &PasswordReset {
                        first_name: "Léa".into(),
                        url: link("/mot-de-passe/nouveau"),
                    },
                ),
                MailKind::Welcome => welcome(locale, &address_link(false)),
                MailKind::AddressCheck => address_check(locale, &address_link(false)),
                MailKind::AddressChanged => address_changed(
                    locale,
                    &AddressChanged {
                        first_name: "Léa".into(),
                        masked: masked_address("lea.nouvelle@example.org"),
                        support: "support@culture-pass.example".into(),
                    },
                ),
                MailKind::Invitation => invitation(
                    locale,
                    &Invitation {
                        inviter: "Camille Durand".into(),
                        structure: "Théâtre du Port".into(),
                        url: link("/pro/invitation"),
                    },
                ),
                MailKind::OfferWithdrawn => offer_withdrawn(
                    locale,
                    &OfferWithdrawn {
                        offer_title: "Concert de l’orchestre des jeunes".into(),
                        reason: td_string!(locale, mail.sample_withdrawal_reason).to_owned(),
                    },
                ),
                MailKind::BookingConfirmed => {
                    about_booking(locale, AboutBooking::Confirmed, ticket())
                }
                MailKind::EventTomorrow => {
                    about_booking(locale, AboutBooking::EventTomorrow, ticket())
                }
                MailKind::CollectBeforeExpiry => about_booking(
                    locale,
                    AboutBooking::CollectBefore(day(locale, at(12, 11, 12, 0), PARIS)),
                    BookingMail {
                        date: None,
                        cancellation: None,
                        ..ticket()
                    },
                ),
                MailKind::CancellationClosing => {
                    about_booking(locale, AboutBooking::CancellationClosing, ticket())
                }
                MailKind::BookingCancelled => about_booking(
                    locale,
                    AboutBooking::CancelledByPartner(
                        td_string!(locale, mail.sample_cancellation_reason).to_owned(),
                    ),
                    ticket(),
                ),
                MailKind::DateMoved => about_booking(locale, AboutBooking::DateMoved, ticket()),
                MailKind::CreditExpiresInAMonth | MailKind::CreditExpiresInAWeek => {
                    credit_expiring(
                        locale,
                        &CreditExpiring {
                            balance: euros(locale, domain::Cents(12_350)),
                            day: day(
                                locale,
                                at(6, 30, 12, 0) + chrono::Duration::days(365),
                                PARIS,
                            ),
                            url: format!("{public_url}/"),
                        },
                    )
                }
                MailKind::NewBooking => new_booking(
                    locale,
                    &NewBookingMail {
                        offer_title: "Concert de l’orchestre des jeunes".into(),
                        date: Some(date_time(locale, concert, PARIS)),
                        venue: "La Laiterie".into(),
                        beneficiary: "Léa Martin".into(),
                        quantity: 2,
                        amount: euros(locale, domain::Cents(2000)),
                        token: "K7P2QX".into(),
                        digital: false,
                        activation_code: None,
                        structure: "Théâtre du Port".into(),
                        url: format!("{public_url}/pro/structures/1/reservations"),
                    },
                ),
                MailKind::BookingsDigest => bookings_digest(
                    locale,
                    &BookingsDigest {
                        headline: new_bookings(locale, 3),
                        since: date_time(locale, at(12, 10, 8, 0), PARIS),
                        lines: vec![
                            DigestEntry {
                                offer_title: "Concert de l’orchestre des jeunes".into(),
                                date: Some(date_time(locale, concert, PARIS)),
                                venue: "La Laiterie".into(),
                                beneficiary: "Léa Martin".into(),
                                quantity: 2,
                                booked: date_time(locale, at(12, 10, 18, 12), PARIS),
                            },
                            DigestEntry {
                                offer_title: "Le Petit Prince".into(),
                                date: None,
                                venue: "Librairie Kléber".into(),
                                beneficiary: "Tom Bernard".into(),
                                quantity: 1,
                                booked: date_time(locale, at(12, 11, 7, 40), PARIS),
                            },
                        ],
                        more: 1,
                        url: format!("{public_url}/pro"),
                    },
                ),
                MailKind::TransferSent => transfer_sent(
                    locale,
                    &TransferSent {
                        structure: "Librairie Kléber".into(),
                        amount: euros(locale, domain::Cents(123_450)),
                        last_day: crate::ssr::present::calendar_date(
                            locale,
                            at(11, 30, 12, 0).date_naive(),
                        ),
                        reference: "PASS-CULTURE-12-34".into(),
                        account: "FR76 •••• 0189".into(),
                        url: format!("{public_url}/pro/structures/34/paiements"),
                    },
                ),
                MailKind::StructureValidated | MailKind::StructureRejected => structure_decision(
                    locale,
                    &StructureDecision {
                        structure: "Théâtre du Port".into(),
                        validated: kind == MailKind::StructureValidated,
                        url: format!("{public_url}/pro"),
                    },
                ),
            };
            Some((kind, mail))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use leptos_i18n::Locale as _;

    #[test]
    fn a_reset_mail_has_its_link_in_both_forms_and_escapes_html() {
        let mail = password_reset(
            Locale::fr,
            &PasswordReset {
                first_name: "Léa <b>".into(),
                url: "https://pass.example.org/mot-de-passe/nouveau?jeton=abc".into(),
            },
        );
        assert_eq!(mail.subject, "Choisis un nouveau mot de passe");
        assert!(mail.text.starts_with("Bonjour Léa <b>,"), "{}", mail.text);
        assert!(mail.text.contains("?jeton=abc"), "{}", mail.text);
        let html = mail.html.expect("html");
        assert!(html.contains("<html lang=\"fr\">"), "{html}");
        assert!(!html.contains("Léa <b>"), "escaped: {html}");
        assert!(
            html.contains("href=\"https://pass.example.org/mot-de-passe/nouveau?jeton=abc\""),
            "{html}"
        );
    }

    #[test]
    fn a_booking_confirmation_shows_the_ticket_essentials() {
        let mail = about_booking(
            Locale::fr,
            AboutBooking::Confirmed,
            BookingMail {
                lead: String::new(),
                name: "Léa Martin".into(),
                offer_title: "Concert".into(),
                date: Some("samedi 12 décembre à 20:30".into()),
                venue: "La Laiterie".into(),
                address: "13 rue du Hohwald, 67000 Strasbourg".into(),
                quantity: 2,
                debit: "20,00 € débités de ton crédit".into(),
                token: "ABC123".into(),
                withdrawal_details: None,
                cancellation: Some("Annulable jusqu’au 11 décembre à 20:30".into()),
                url: "https://pass.example.org/reservations/7".into(),
                access: None,
            },
        );
        assert_eq!(mail.subject, "Réservation confirmée : Concert");
        assert!(
            mail.text.contains("Ta réservation est confirmée."),
            "{}",
            mail.text
        );
        for part in [
            "Quand : samedi 12 décembre à 20:30",
            "Où : La Laiterie, 13 rue du Hohwald, 67000 Strasbourg",
            "Ton code de réservation : ABC123",
            "Annulable jusqu’au 11 décembre",
            "https://pass.example.org/reservations/7",
        ] {
            assert!(mail.text.contains(part), "{part}: {}", mail.text);
        }
        let html = mail.html.expect("html");
        assert!(html.contains(">ABC123</p>"), "{html}");
        assert!(
            html.contains("<title>Réservation confirmée : Concert</title>"),
            "{html}"
        );
    }

    #[test]
    fn a_digital_booking_confirmation_gives_the_link_and_the_code_not_a_counter() {
        let mail = about_booking(
            Locale::fr,
            AboutBooking::Confirmed,
            BookingMail {
                lead: String::new(),
                name: "Léa Martin".into(),
                offer_title: "Les Choses humaines".into(),
                date: None,
                venue: "Lieu numérique".into(),
                address: String::new(),
                quantity: 1,
                debit: "9,99 € débités de ton crédit".into(),
                token: "ABC123".into(),
                withdrawal_details: None,
                cancellation: None,
                url: "https://pass.example.org/reservations/8".into(),
                access: Some(crate::dto::DigitalAccess {
                    url: "https://lire.example.org/activer".into(),
                    code: Some("EBOOK-0001".into()),
                    code_validity: Some("Code valable jusqu'au 31 déc. 2026 inclus".into()),
                }),
            },
        );
        for part in [
            "En ligne : https://lire.example.org/activer",
            "Ton code d’activation : EBOOK-0001",
            "Code valable jusqu'au 31 déc. 2026 inclus",
        ] {
            assert!(mail.text.contains(part), "{part}: {}", mail.text);
        }
        for absent in ["Où :", "Ton code de réservation"] {
            assert!(!mail.text.contains(absent), "{absent}: {}", mail.text);
        }
        let html = mail.html.expect("html");
        assert!(html.contains(">EBOOK-0001</p>"), "{html}");
        assert!(
            html.contains("href=\"https://lire.example.org/activer\""),
            "{html}"
        );
        assert!(!html.contains(">Où</th>"), "{html}");
    }

    #[test]
    fn each_reminder_says_why_it_is_written_in_its_subject_and_first_line() {
        let ticket = || BookingMail {
            lead: String::new(),
            name: "Léa Martin".into(),
            offer_title: "Le Petit Prince".into(),
            date: None,
            venue: "Librairie Kléber".into(),
            address: "1 rue des Francs-Bourgeois, 67000 Strasbourg".into(),
            quantity: 1,
            debit: "15,00 € débités de ton crédit".into(),
            token: "XYZ789".into(),
            withdrawal_details: None,
            cancellation: None,
            url: "https://pass.example.org/reservations/9".into(),
            access: None,
        };
        let cases = [
            (
                AboutBooking::EventTomorrow,
                "C’est demain : Le Petit Prince",
                "Ton rendez-vous est demain.",
            ),
            (
                AboutBooking::CollectBefore("vendredi 11 décembre".into()),
                "Pense à retirer « Le Petit Prince »",
                "Retire ta réservation avant le vendredi 11 décembre",
            ),
            (
                AboutBooking::CancellationClosing,
                "Dernier jour pour annuler « Le Petit Prince »",
                "tu peux encore annuler",
            ),
            (
                AboutBooking::DateMoved,
                "Nouvelle date pour « Le Petit Prince »",
                "La date de ta réservation a changé",
            ),
        ];
        for (about, subject, lead) in cases {
            let mail = about_booking(Locale::fr, about, ticket());
            assert_eq!(mail.subject, subject);
            assert!(mail.text.contains(lead), "{}", mail.text);
            assert!(mail.text.contains("XYZ789"), "{}", mail.text);
            assert!(mail.html.is_some_and(|html| html.contains(lead)));
        }
        // Cancelled: the reason and the credit back, and no code left to show.
        let mail = about_booking(
            Locale::fr,
            AboutBooking::CancelledByPartner("séance annulée".into()),
            ticket(),
        );
        assert_eq!(
            mail.subject,
            "Ta réservation « Le Petit Prince » est annulée"
        );
        assert!(
            mail.text
                .contains("Librairie Kléber a annulé ta réservation (séance annulée)"),
            "{}",
            mail.text
        );
        assert!(!mail.text.contains("XYZ789"), "{}", mail.text);
        assert!(
            mail.text.contains("Crédit : Rendu à ton crédit"),
            "{}",
            mail.text
        );
    }

    #[test]
    fn a_structure_decision_says_what_was_decided() {
        let decision = |validated| StructureDecision {
            structure: "Théâtre du Port".into(),
            validated,
            url: "https://pass.example.org/pro".into(),
        };
        let validated = structure_decision(Locale::fr, &decision(true));
        assert_eq!(
            validated.subject,
            "Théâtre du Port est validée sur Culture Pass Pro"
        );
        assert!(
            validated.text.contains("a validé Théâtre du Port"),
            "{}",
            validated.text
        );
        assert!(validated.text.contains("https://pass.example.org/pro"));
        let rejected = structure_decision(Locale::fr, &decision(false));
        assert!(
            rejected.text.contains("n’a pas pu valider"),
            "{}",
            rejected.text
        );
        assert!(!rejected.text.contains("https://"), "{}", rejected.text);
    }

    #[test]
    fn a_partner_is_told_who_booked_what_and_the_code_to_validate() {
        let mail = new_booking(
            Locale::fr,
            &NewBookingMail {
                offer_title: "Concert".into(),
                date: Some("samedi 12 décembre à 20:30".into()),
                venue: "La Laiterie".into(),
                beneficiary: "Léa <Martin>".into(),
                quantity: 2,
                amount: "20,00 €".into(),
                token: "ABC123".into(),
                digital: false,
                activation_code: None,
                structure: "Théâtre du Port".into(),
                url: "https://pass.example.org/pro/structures/4/reservations".into(),
            },
        );
        assert_eq!(mail.subject, "Nouvelle réservation : Concert");
        for part in [
            "Léa <Martin> a réservé 2 places de « Concert ».",
            "Quand : samedi 12 décembre à 20:30",
            "Code de réservation : ABC123",
            "https://pass.example.org/pro/structures/4/reservations",
        ] {
            assert!(mail.text.contains(part), "{part}: {}", mail.text);
        }
        let html = mail.html.expect("html");
        assert!(
            html.contains("Léa &#60;Martin&#62;") || html.contains("Léa &lt;Martin&gt;"),
            "{html}"
        );
        assert!(
            html.contains("Voir les réservations de Théâtre du Port"),
            "{html}"
        );
    }

    #[test]
    fn a_digest_lists_the_bookings_and_says_how_many_more() {
        let entry = |title: &str, quantity| DigestEntry {
            offer_title: title.into(),
            date: None,
            venue: "Librairie Kléber".into(),
            beneficiary: "Tom Bernard".into(),
            quantity,
            booked: "vendredi 11 décembre à 07:40".into(),
        };
        let mail = bookings_digest(
            Locale::fr,
            &BookingsDigest {
                headline: new_bookings(Locale::fr, 4),
                since: "jeudi 10 décembre à 08:00".into(),
                lines: vec![entry("Le Petit Prince", 1), entry("Vendredi", 3)],
                more: 2,
                url: "https://pass.example.org/pro".into(),
            },
        );
        assert_eq!(mail.subject, "4 nouvelles réservations sur Culture Pass");
        for part in [
            "4 nouvelles réservations depuis le jeudi 10 décembre à 08:00 :",
            "- Le Petit Prince, Librairie Kléber : Tom Bernard, 1 place, réservé le vendredi 11 décembre à 07:40",
            "- Vendredi, Librairie Kléber : Tom Bernard, 3 places,",
            "- et 2 autres",
        ] {
            assert!(mail.text.contains(part), "{part}: {}", mail.text);
        }
        assert_eq!(new_bookings(Locale::fr, 1), "1 nouvelle réservation");
        assert!(
            mail.html
                .is_some_and(|html| html.contains("<strong>Le Petit Prince</strong>"))
        );
    }

    #[test]
    fn every_kind_has_a_sample_with_both_forms_in_each_language() {
        for locale in Locale::get_all() {
            every_sample_has_both_forms(*locale);
        }
    }

    fn every_sample_has_both_forms(locale: Locale) {
        let samples = samples(locale, "https://pass.example.org");
        assert_eq!(samples.len(), MailKind::ALL.len() - 1, "all but Other");
        for (kind, mail) in samples {
            assert!(!mail.subject.is_empty(), "{kind:?}");
            assert!(
                mail.text.contains("Culture Pass"),
                "{kind:?}: {}",
                mail.text
            );
            let html = mail.html.expect("html");
            assert!(html.contains(&mail.subject), "{kind:?}");
            let lang = format!("<html lang=\"{}\">", crate::lang::tag(locale));
            assert!(html.contains(&lang), "{kind:?}: {html}");
        }
    }

    #[test]
    fn a_mail_in_english_is_english_from_subject_to_signature() {
        let samples = samples(Locale::en, "https://pass.example.org");
        let confirmed = &samples
            .iter()
            .find(|(kind, _)| *kind == MailKind::BookingConfirmed)
            .expect("a confirmation")
            .1;
        assert_eq!(
            confirmed.subject,
            "Booking confirmed: Concert de l’orchestre des jeunes"
        );
        for part in [
            "Your booking is confirmed.",
            "Sat 12 Dec 2026, 20:30",
            "€20 taken from your credit",
            "K7P2QX",
            "The Culture Pass team",
        ] {
            assert!(confirmed.text.contains(part), "{part}: {}", confirmed.text);
        }
        let (text, html) = with_unsubscribe_line(
            Locale::en,
            &confirmed.text,
            confirmed.html.as_deref(),
            "https://pass.example.org/desabonnement?cle=k",
            false,
        );
        for (kind, mail) in &samples {
            for french in ["Bonjour", "réservation", "L’équipe", " le ", "crédit"] {
                assert!(!mail.subject.contains(french), "{kind:?}: {}", mail.subject);
                assert!(
                    !mail.text.contains(french),
                    "{kind:?}: {french}: {}",
                    mail.text
                );
            }
        }
        assert!(!text.contains("Tu reçois"), "{text}");
        assert!(
            text.ends_with("https://pass.example.org/desabonnement?cle=k"),
            "{text}"
        );
        assert!(html.is_some_and(|html| !html.contains("Tu reçois")));
    }
}
