//! Every message the product writes to people, in one place: each kind has its data, a
//! plain-text and an HTML template (`app/templates/mail/`, askama: a template that names
//! a missing field fails the build), and one layout. A translation later adds templates
//! here and nowhere else.

use askama::Template;
use domain::notification::MailKind;
use store::OutgoingMail;

/// Renders the plain-text and the HTML template of a message about `$data`.
macro_rules! compose {
    ($data:expr, $type:ty, $subject:expr, $text:tt, $html:tt) => {{
        #[derive(Template)]
        #[template(path = $text)]
        struct Text<'a> {
            m: &'a $type,
        }
        #[derive(Template)]
        #[template(path = $html)]
        struct Html<'a> {
            m: &'a $type,
            subject: &'a str,
        }
        let subject: String = $subject;
        let text = Text { m: $data }.render();
        let html = Html {
            m: $data,
            subject: &subject,
        }
        .render();
        OutgoingMail {
            text: text.unwrap_or_else(|error| rendering_failed(&subject, error)),
            html: html.ok(),
            subject,
        }
    }};
}

/// A template that fails to render at run time (a `Display` that errs): the message
/// still leaves, with its subject, rather than never.
fn rendering_failed(subject: &str, error: askama::Error) -> String {
    tracing::error!(%error, subject, "a mail template failed to render");
    subject.to_owned()
}

/// The line at the foot of every mail one may stop: why it came, and the link that stops
/// its kind (the same as its `List-Unsubscribe` header), in the plain text and the HTML
/// of a message as it leaves; to a partner (`to_partner`), in their register.
pub fn with_unsubscribe_line(
    text: &str,
    html: Option<&str>,
    url: &str,
    to_partner: bool,
) -> (String, Option<String>) {
    #[derive(Template)]
    #[template(path = "mail/unsubscribe.txt")]
    struct Text<'a> {
        url: &'a str,
        to_partner: bool,
    }
    #[derive(Template)]
    #[template(path = "mail/unsubscribe.html")]
    struct Html<'a> {
        url: &'a str,
        to_partner: bool,
    }
    // The header still carries the link if the line fails to render.
    let logged = |error: askama::Error| {
        tracing::error!(%error, "the unsubscribe line failed to render");
        String::new()
    };
    let text_line = Text { url, to_partner }.render().unwrap_or_else(logged);
    let html = html.map(|html| {
        let line = Html { url, to_partner }.render().unwrap_or_else(logged);
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

pub fn password_reset(data: &PasswordReset) -> OutgoingMail {
    compose!(
        data,
        PasswordReset,
        "Choisis un nouveau mot de passe".to_owned(),
        "mail/password_reset.txt",
        "mail/password_reset.html"
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

pub fn welcome(data: &AddressLink) -> OutgoingMail {
    compose!(
        data,
        AddressLink,
        if data.partner {
            "Bienvenue sur Culture Pass Pro : confirmez votre adresse".to_owned()
        } else {
            "Bienvenue sur le Culture Pass : confirme ton adresse".to_owned()
        },
        "mail/welcome.txt",
        "mail/welcome.html"
    )
}

pub fn address_check(data: &AddressLink) -> OutgoingMail {
    compose!(
        data,
        AddressLink,
        if data.partner {
            "Confirmez votre adresse e-mail".to_owned()
        } else {
            "Confirme ton adresse e-mail".to_owned()
        },
        "mail/address_check.txt",
        "mail/address_check.html"
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

pub fn address_changed(data: &AddressChanged) -> OutgoingMail {
    compose!(
        data,
        AddressChanged,
        "L’adresse e-mail de ton compte a changé".to_owned(),
        "mail/address_changed.txt",
        "mail/address_changed.html"
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

pub fn invitation(data: &Invitation) -> OutgoingMail {
    compose!(
        data,
        Invitation,
        format!("Rejoignez {} sur Culture Pass Pro", data.structure),
        "mail/invitation.txt",
        "mail/invitation.html"
    )
}

/// The team's decision about a partner's structure.
pub struct StructureDecision {
    pub structure: String,
    pub validated: bool,
    /// The partner dashboard.
    pub url: String,
}

pub fn structure_decision(data: &StructureDecision) -> OutgoingMail {
    let subject = if data.validated {
        format!("{} est validée sur Culture Pass Pro", data.structure)
    } else {
        format!(
            "{} n’a pas été validée sur Culture Pass Pro",
            data.structure
        )
    };
    compose!(
        data,
        StructureDecision,
        subject,
        "mail/structure_decision.txt",
        "mail/structure_decision.html"
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

pub fn transfer_sent(data: &TransferSent) -> OutgoingMail {
    compose!(
        data,
        TransferSent,
        format!("Virement de {} envoyé à {}", data.amount, data.structure),
        "mail/transfer_sent.txt",
        "mail/transfer_sent.html"
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

pub fn credit_expiring(data: &CreditExpiring) -> OutgoingMail {
    compose!(
        data,
        CreditExpiring,
        format!("Ton crédit de {} expire le {}", data.balance, data.day),
        "mail/credit_expiring.txt",
        "mail/credit_expiring.html"
    )
}

/// An offer withdrawn by moderation: its bookings are cancelled, credit given back.
pub struct OfferWithdrawn {
    pub offer_title: String,
    pub reason: String,
}

pub fn offer_withdrawn(data: &OfferWithdrawn) -> OutgoingMail {
    compose!(
        data,
        OfferWithdrawn,
        format!("Ta réservation « {} » est annulée", data.offer_title),
        "mail/offer_withdrawn.txt",
        "mail/offer_withdrawn.html"
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
pub fn about_booking(about: AboutBooking, mut data: BookingMail) -> OutgoingMail {
    let title = &data.offer_title;
    let (subject, lead) = match about {
        AboutBooking::Confirmed => (
            format!("Réservation confirmée : {title}"),
            "Ta réservation est confirmée.".to_owned(),
        ),
        AboutBooking::EventTomorrow => (
            format!("C’est demain : {title}"),
            "Ton rendez-vous est demain. Voici ton billet ; il s’ouvre aussi hors ligne dans l’application.".to_owned(),
        ),
        AboutBooking::CollectBefore(day) => (
            format!("Pense à retirer « {title} »"),
            format!("Retire ta réservation avant le {day} : sans cela, elle sera annulée et son montant rendu à ton crédit."),
        ),
        AboutBooking::CancellationClosing => (
            format!("Dernier jour pour annuler « {title} »"),
            "Si tu ne peux pas y aller, tu peux encore annuler ta réservation, pour moins de 24 heures : ton crédit te sera rendu.".to_owned(),
        ),
        AboutBooking::CancelledByPartner(why) => {
            // Nothing is left to show at a counter.
            data.token.clear();
            data.cancellation = None;
            data.debit = "Rendu à ton crédit".to_owned();
            (
                format!("Ta réservation « {title} » est annulée"),
                format!("{} a annulé ta réservation ({why}). Son montant a été rendu à ton crédit.", data.venue),
            )
        }
        AboutBooking::DateMoved => (
            format!("Nouvelle date pour « {title} »"),
            "La date de ta réservation a changé : voici la nouvelle. Si elle ne te convient pas, tu peux annuler ta réservation, ton crédit te sera rendu.".to_owned(),
        ),
    };
    data.lead = lead;
    compose!(
        &data,
        BookingMail,
        subject,
        "mail/booking.txt",
        "mail/booking.html"
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

pub fn new_booking(data: &NewBookingMail) -> OutgoingMail {
    compose!(
        data,
        NewBookingMail,
        format!("Nouvelle réservation : {}", data.offer_title),
        "mail/new_booking.txt",
        "mail/new_booking.html"
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
pub fn new_bookings(count: i64) -> String {
    if count > 1 {
        format!("{count} nouvelles réservations")
    } else {
        format!("{count} nouvelle réservation")
    }
}

pub fn bookings_digest(data: &BookingsDigest) -> OutgoingMail {
    compose!(
        data,
        BookingsDigest,
        format!("{} sur Culture Pass", data.headline),
        "mail/bookings_digest.txt",
        "mail/bookings_digest.html"
    )
}

/// Every kind of message, written with sample data: what administrators preview at
/// `/admin/courriels` before a template change reaches anyone.
pub fn samples(public_url: &str) -> Vec<(MailKind, OutgoingMail)> {
    let ticket = || BookingMail {
        lead: String::new(),
        name: "Léa Martin".into(),
        offer_title: "Concert de l’orchestre des jeunes".into(),
        date: Some("samedi 12 décembre 2026 à 20:30".into()),
        venue: "La Laiterie".into(),
        address: "13 rue du Hohwald, 67000 Strasbourg".into(),
        quantity: 2,
        debit: "20,00 € débités de ton crédit".into(),
        token: "K7P2QX".into(),
        withdrawal_details: Some("Présente-toi au guichet 30 minutes avant.".into()),
        cancellation: Some("Annulable jusqu’au jeudi 10 décembre à 20:30".into()),
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
                MailKind::PasswordReset => password_reset(&PasswordReset {
                    first_name: "Léa".into(),
                    url: link("/mot-de-passe/nouveau"),
                }),
                MailKind::Welcome => welcome(&address_link(false)),
                MailKind::AddressCheck => address_check(&address_link(false)),
                MailKind::AddressChanged => address_changed(&AddressChanged {
                    first_name: "Léa".into(),
                    masked: masked_address("lea.nouvelle@example.org"),
                    support: "support@culture-pass.example".into(),
                }),
                MailKind::Invitation => invitation(&Invitation {
                    inviter: "Camille Durand".into(),
                    structure: "Théâtre du Port".into(),
                    url: link("/pro/invitation"),
                }),
                MailKind::OfferWithdrawn => offer_withdrawn(&OfferWithdrawn {
                    offer_title: "Concert de l’orchestre des jeunes".into(),
                    reason: "offre trompeuse".into(),
                }),
                MailKind::BookingConfirmed => about_booking(AboutBooking::Confirmed, ticket()),
                MailKind::EventTomorrow => about_booking(AboutBooking::EventTomorrow, ticket()),
                MailKind::CollectBeforeExpiry => about_booking(
                    AboutBooking::CollectBefore("vendredi 11 décembre 2026".into()),
                    BookingMail {
                        date: None,
                        cancellation: None,
                        ..ticket()
                    },
                ),
                MailKind::CancellationClosing => {
                    about_booking(AboutBooking::CancellationClosing, ticket())
                }
                MailKind::BookingCancelled => about_booking(
                    AboutBooking::CancelledByPartner("séance annulée".into()),
                    ticket(),
                ),
                MailKind::DateMoved => about_booking(AboutBooking::DateMoved, ticket()),
                MailKind::CreditExpiresInAMonth | MailKind::CreditExpiresInAWeek => {
                    credit_expiring(&CreditExpiring {
                        balance: "123,50 €".into(),
                        day: "mardi 30 juin 2027".into(),
                        url: format!("{public_url}/"),
                    })
                }
                MailKind::NewBooking => new_booking(&NewBookingMail {
                    offer_title: "Concert de l’orchestre des jeunes".into(),
                    date: Some("samedi 12 décembre 2026 à 20:30".into()),
                    venue: "La Laiterie".into(),
                    beneficiary: "Léa Martin".into(),
                    quantity: 2,
                    amount: "20,00 €".into(),
                    token: "K7P2QX".into(),
                    digital: false,
                    activation_code: None,
                    structure: "Théâtre du Port".into(),
                    url: format!("{public_url}/pro/structures/1/reservations"),
                }),
                MailKind::BookingsDigest => bookings_digest(&BookingsDigest {
                    headline: new_bookings(3),
                    since: "jeudi 10 décembre 2026 à 08:00".into(),
                    lines: vec![
                        DigestEntry {
                            offer_title: "Concert de l’orchestre des jeunes".into(),
                            date: Some("samedi 12 décembre 2026 à 20:30".into()),
                            venue: "La Laiterie".into(),
                            beneficiary: "Léa Martin".into(),
                            quantity: 2,
                            booked: "jeudi 10 décembre 2026 à 18:12".into(),
                        },
                        DigestEntry {
                            offer_title: "Le Petit Prince".into(),
                            date: None,
                            venue: "Librairie Kléber".into(),
                            beneficiary: "Tom Bernard".into(),
                            quantity: 1,
                            booked: "vendredi 11 décembre 2026 à 07:40".into(),
                        },
                    ],
                    more: 1,
                    url: format!("{public_url}/pro"),
                }),
                MailKind::TransferSent => transfer_sent(&TransferSent {
                    structure: "Librairie Kléber".into(),
                    amount: "1 234,50 €".into(),
                    last_day: "30 novembre 2026".into(),
                    reference: "PASS-CULTURE-12-34".into(),
                    account: "FR76 •••• 0189".into(),
                    url: format!("{public_url}/pro/structures/34/paiements"),
                }),
                MailKind::StructureValidated | MailKind::StructureRejected => {
                    structure_decision(&StructureDecision {
                        structure: "Théâtre du Port".into(),
                        validated: kind == MailKind::StructureValidated,
                        url: format!("{public_url}/pro"),
                    })
                }
            };
            Some((kind, mail))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reset_mail_has_its_link_in_both_forms_and_escapes_html() {
        let mail = password_reset(&PasswordReset {
            first_name: "Léa <b>".into(),
            url: "https://pass.example.org/mot-de-passe/nouveau?jeton=abc".into(),
        });
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
            let mail = about_booking(about, ticket());
            assert_eq!(mail.subject, subject);
            assert!(mail.text.contains(lead), "{}", mail.text);
            assert!(mail.text.contains("XYZ789"), "{}", mail.text);
            assert!(mail.html.is_some_and(|html| html.contains(lead)));
        }
        // Cancelled: the reason and the credit back, and no code left to show.
        let mail = about_booking(
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
        let validated = structure_decision(&decision(true));
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
        let rejected = structure_decision(&decision(false));
        assert!(
            rejected.text.contains("n’a pas pu valider"),
            "{}",
            rejected.text
        );
        assert!(!rejected.text.contains("https://"), "{}", rejected.text);
    }

    #[test]
    fn a_partner_is_told_who_booked_what_and_the_code_to_validate() {
        let mail = new_booking(&NewBookingMail {
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
        });
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
        let mail = bookings_digest(&BookingsDigest {
            headline: new_bookings(4),
            since: "jeudi 10 décembre à 08:00".into(),
            lines: vec![entry("Le Petit Prince", 1), entry("Vendredi", 3)],
            more: 2,
            url: "https://pass.example.org/pro".into(),
        });
        assert_eq!(mail.subject, "4 nouvelles réservations sur Culture Pass");
        for part in [
            "4 nouvelles réservations depuis le jeudi 10 décembre à 08:00 :",
            "- Le Petit Prince, Librairie Kléber : Tom Bernard, 1 place, réservé le vendredi 11 décembre à 07:40",
            "- Vendredi, Librairie Kléber : Tom Bernard, 3 places,",
            "- et 2 autres",
        ] {
            assert!(mail.text.contains(part), "{part}: {}", mail.text);
        }
        assert_eq!(new_bookings(1), "1 nouvelle réservation");
        assert!(
            mail.html
                .is_some_and(|html| html.contains("<strong>Le Petit Prince</strong>"))
        );
    }

    #[test]
    fn every_kind_has_a_sample_with_both_forms() {
        let samples = samples("https://pass.example.org");
        assert_eq!(samples.len(), MailKind::ALL.len() - 1, "all but Other");
        for (kind, mail) in samples {
            assert!(!mail.subject.is_empty(), "{kind:?}");
            assert!(
                mail.text.contains("Culture Pass"),
                "{kind:?}: {}",
                mail.text
            );
            assert!(
                mail.html.is_some_and(|html| html.contains(&mail.subject)),
                "{kind:?}"
            );
        }
    }
}
