//! The sender: delivers the outbox through the mail relay, in the background, never in a
//! request. A relay that is down delays mail; it never fails, slows or undoes what caused
//! the mail. Each round claims the due messages (a lease, so several instances may run a
//! sender on one database without sending a message twice), hands them to the relay one
//! by one and records each outcome: sent, tried again later (the waits double), or given
//! up with the relay's reason (`domain::notification`). The messages a request does not
//! write (a booking's confirmation: the booking's transaction only queues it) are written
//! here, from their cause, just before their first attempt.

use crate::i18n::td_string;
use crate::lang::Locale;
use crate::ssr::mail::{Mail, Mailer, Undelivered};
use crate::ssr::messages::AboutBooking;
use crate::ssr::{Clock, messages, present, reminders, unsubscribe};
use domain::notification::{
    AfterFailure, MAX_ATTEMPTS, MailKind, NO_LONGER_TRUE, after_failure, claim_lease, declined,
};
use domain::ticket::{BookingStatus, CancellationCause};
use std::sync::Arc;
use store::{BookingRow, MailRow, OutgoingMail, Repo, StoreError};

/// What the outbox records of a message whose person chose not to receive its kind.
pub const DECLINED: &str = "declined: its person chose not to receive this kind";

/// How many messages one round claims: few enough that the slowest relay (a time-out
/// at each step) sends them all well within the claim's lease.
const BATCH: i64 = 5;

/// How often the sender looks for due messages when there were none.
const PERIOD: std::time::Duration = std::time::Duration::from_secs(2);

/// What became of one message in a round.
enum Outcome {
    Sent,
    Retried,
    GivenUp,
    /// Its person chose not to receive its kind.
    Declined,
    /// Its claim ran out (another sender holds it, or it went with a deleted account).
    Lost,
}

/// What one claimed row has to deliver.
enum Written {
    Ready(Mail),
    /// Nothing to send, and why (it stopped being true, its cause is gone).
    Refused(Undelivered),
    /// Not to be sent: its person chose not to receive its kind.
    Declined,
    /// The claim ran out before the message was written.
    Lost,
}

/// What one round did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Round {
    pub sent: u64,
    pub retried: u64,
    pub given_up: u64,
    pub declined: u64,
}

impl Round {
    fn claimed(&self) -> u64 {
        self.sent + self.retried + self.given_up + self.declined
    }
}

/// Delivers the outbox of `repo` through `mailer`.
#[derive(Clone)]
pub struct Sender {
    pub repo: Repo,
    pub mailer: Mailer,
    pub clock: Arc<dyn Clock>,
    /// The wait after a first failed attempt (then it doubles).
    pub first_wait: chrono::Duration,
    /// The site's public address, which links in mails start with.
    pub public_url: String,
}

impl Sender {
    /// One round: claims the due messages and tries each once. A message whose
    /// outcome cannot be recorded (the database failed) is left to its lease: claimed
    /// again when it ends, the others of the round go on.
    pub async fn run_once(&self) -> Result<Round, StoreError> {
        let claimed = self
            .repo
            .claim_mails(self.clock.now(), claim_lease(), BATCH)
            .await?;
        let mut round = Round::default();
        for row in claimed {
            match self.try_one(&row).await {
                Ok(Outcome::Sent) => round.sent += 1,
                Ok(Outcome::Retried) => round.retried += 1,
                Ok(Outcome::GivenUp) => round.given_up += 1,
                Ok(Outcome::Declined) => round.declined += 1,
                Ok(Outcome::Lost) => {}
                Err(error) => tracing::error!(mail = row.id, ?error, "recording a mail failed"),
            }
        }
        Ok(round)
    }

    /// Writes (if need be), delivers and records one claimed message.
    async fn try_one(&self, row: &MailRow) -> Result<Outcome, StoreError> {
        let claim = row.claim();
        // Claimed again after its lease ran out too often (a sender died with it each
        // time): given up rather than tried forever.
        let written = if row.attempts > MAX_ATTEMPTS {
            Written::Refused(Undelivered {
                reason: "too many attempts".into(),
                permanent: true,
            })
        } else {
            self.written(row).await?
        };
        let outcome = match written {
            Written::Ready(mail) => self.mailer.deliver(&mail).await,
            Written::Refused(refusal) => Err(refusal),
            Written::Declined => {
                let now = self.clock.now();
                if !self.repo.mail_not_sent(claim, DECLINED, None, now).await? {
                    tracing::warn!(mail = row.id, "declined after its claim ran out");
                }
                return Ok(Outcome::Declined);
            }
            Written::Lost => {
                tracing::warn!(mail = row.id, "the claim ran out before delivery: left");
                return Ok(Outcome::Lost);
            }
        };
        let now = self.clock.now();
        let refusal = match outcome {
            Ok(()) => {
                if !self.repo.mail_sent(claim, now).await? {
                    tracing::warn!(mail = row.id, "delivered after its claim ran out");
                }
                return Ok(Outcome::Sent);
            }
            Err(refusal) => refusal,
        };
        let next = after_failure(row.attempts, refusal.permanent, self.first_wait);
        tracing::warn!(
            mail = row.id,
            attempts = row.attempts,
            reason = %refusal.reason,
            ?next,
            "mail not delivered"
        );
        let (retry_at, outcome) = match next {
            AfterFailure::RetryIn(wait) => (Some(now + wait), Outcome::Retried),
            AfterFailure::GiveUp => (None, Outcome::GivenUp),
        };
        if !self
            .repo
            .mail_not_sent(claim, &refusal.reason, retry_at, now)
            .await?
        {
            tracing::warn!(mail = row.id, "failed after its claim ran out");
        }
        Ok(outcome)
    }

    /// Runs rounds forever in the background: again at once after a full batch,
    /// otherwise every two seconds. Without a relay there is nothing to run: the outbox
    /// keeps every message, readable by administrators.
    pub fn spawn(self) -> Option<tokio::task::JoinHandle<()>> {
        if !self.mailer.delivers() {
            return None;
        }
        Some(tokio::spawn(async move {
            loop {
                let full = match self.run_once().await {
                    Ok(round) if round == Round::default() => false,
                    Ok(round) => {
                        crate::ssr::counters::mails(&round);
                        tracing::info!(?round, "mail delivery");
                        round.claimed() >= BATCH as u64
                    }
                    Err(error) => {
                        tracing::error!(?error, "the mail sender failed");
                        false
                    }
                };
                if !full {
                    tokio::time::sleep(PERIOD).await;
                }
            }
        }))
    }
}

impl Sender {
    /// The message of `row`: as the request wrote it, or written from its cause at
    /// every attempt (so a retry never sends what stopped being true), and kept, so that
    /// the outbox shows what left.
    async fn written(&self, row: &MailRow) -> Result<Written, StoreError> {
        let locale = crate::lang::of_person(&self.repo, row.user_id).await?;
        let unsubscribe = match (row.user_id, row.kind.choosable()) {
            (Some(user), true) => {
                let chosen = self.repo.mail_choice(user, row.kind).await?;
                if declined(row.kind, chosen) {
                    return Ok(Written::Declined);
                }
                Some(self.unsubscribe_link(user, row.kind).await?)
            }
            _ => None,
        };
        if !row.kind.written_by_sender() {
            return Ok(Written::Ready(Mail {
                to: row.recipient.clone(),
                subject: row.subject.clone(),
                body: row.body.clone(),
                html: row.html_body.clone(),
                unsubscribe,
                to_partner: row.kind.for_partners(),
                locale,
            }));
        }
        let written = match self.write_from_cause(row, locale).await? {
            Ok(written) => written,
            Err(refusal) => return Ok(Written::Refused(refusal)),
        };
        if !self.repo.write_mail(row.claim(), &written).await? {
            return Ok(Written::Lost);
        }
        Ok(Written::Ready(Mail {
            to: row.recipient.clone(),
            subject: written.subject,
            body: written.text,
            html: written.html,
            unsubscribe,
            to_partner: row.kind.for_partners(),
            locale,
        }))
    }

    /// The address that stops `kind` for `user` in one click: the person's key (made
    /// with their first such mail) and the kind.
    async fn unsubscribe_link(&self, user: i64, kind: MailKind) -> Result<String, StoreError> {
        let key = self.repo.mail_key(user, &unsubscribe::fresh_key()).await?;
        Ok(unsubscribe::link(&self.public_url, &key, kind))
    }

    /// A message the sender writes, from its cause as it is now.
    async fn write_from_cause(
        &self,
        row: &MailRow,
        locale: Locale,
    ) -> Result<Result<OutgoingMail, Undelivered>, StoreError> {
        let now = self.clock.now();
        if let (MailKind::CreditExpiresInAMonth | MailKind::CreditExpiresInAWeek, Some(user)) =
            (row.kind, row.user_id)
        {
            let wallet = self.repo.wallet(user).await?;
            let Some(wallet) = wallet.filter(|w| w.balance_cents > 0 && now < w.expires_at) else {
                return Ok(Err(Undelivered {
                    reason: format!("{NO_LONGER_TRUE}: no credit left to expire"),
                    permanent: true,
                }));
            };
            return Ok(Ok(messages::credit_expiring(
                locale,
                &messages::CreditExpiring {
                    balance: crate::lang::money::euros(locale, domain::Cents(wallet.balance_cents)),
                    day: present::day(locale, wallet.expires_at, crate::ssr::time::PARIS),
                    url: format!("{}/", self.public_url),
                },
            )));
        }
        let booking = match row.booking_id {
            Some(id) => self.repo.booking_of_mail(id).await?,
            None => None,
        };
        if row.kind == MailKind::NewBooking {
            return self.write_for_partner(locale, row.user_id, booking).await;
        }
        let about = match (row.kind, &booking) {
            (MailKind::BookingConfirmed, Some(_)) => Some(AboutBooking::Confirmed),
            (MailKind::EventTomorrow, Some(_)) => Some(AboutBooking::EventTomorrow),
            (MailKind::CancellationClosing, Some(_)) => Some(AboutBooking::CancellationClosing),
            (MailKind::DateMoved, Some(_)) => Some(AboutBooking::DateMoved),
            (MailKind::BookingCancelled, Some(booking)) => {
                let why = booking
                    .cancellation_reason
                    .as_deref()
                    .and_then(CancellationCause::from_stored);
                Some(AboutBooking::CancelledByPartner(match why {
                    Some(CancellationCause::Partner(reason)) => reason,
                    _ => td_string!(locale, mail.no_reason).to_owned(),
                }))
            }
            (MailKind::CollectBeforeExpiry, Some(booking)) => {
                reminders::expires_at(booking).map(|at| {
                    let zone = crate::ssr::time::zone(&booking.postal_code);
                    AboutBooking::CollectBefore(present::day(locale, at, zone))
                })
            }
            _ => None,
        };
        let (Some(about), Some(booking)) = (about, booking) else {
            return Ok(Err(Undelivered {
                reason: format!("nothing to write a {} message from", row.kind.to_stored()),
                permanent: true,
            }));
        };
        // A reminder that stopped being true while it waited (the booking was cancelled
        // or used, the event began, the window closed) is not sent.
        if MailKind::REMINDERS.contains(&row.kind)
            && !reminders::still_true(row.kind, &booking, now)
        {
            return Ok(Err(Undelivered {
                reason: format!("{NO_LONGER_TRUE}: the booking changed or the moment passed"),
                permanent: true,
            }));
        }
        let ticket = present::booking(locale, booking.clone(), now);
        Ok(Ok(messages::about_booking(
            locale,
            about,
            messages::BookingMail {
                lead: String::new(),
                name: booking.beneficiary_name,
                offer_title: ticket.offer_title,
                date: ticket.date,
                venue: booking.venue_name.clone(),
                address: ticket.address,
                quantity: ticket.quantity,
                debit: ticket.debit,
                token: ticket.token,
                withdrawal_details: ticket.withdrawal_details,
                cancellation: ticket.cancellation,
                url: format!("{}/reservations/{}", self.public_url, ticket.id),
                access: ticket.digital,
            },
        )))
    }

    /// The mail that tells a partner (`partner`) about a booking of their offer: none if
    /// the booking was cancelled before it left (the dashboard says it), or if they left
    /// the structure meanwhile.
    async fn write_for_partner(
        &self,
        locale: Locale,
        partner: Option<i64>,
        booking: Option<BookingRow>,
    ) -> Result<Result<OutgoingMail, Undelivered>, StoreError> {
        let structure = match (&booking, partner) {
            (Some(booking), Some(partner)) => {
                self.repo
                    .structure_of_offer_for_member(booking.offer_id, partner)
                    .await?
            }
            _ => None,
        };
        let (Some(booking), Some((structure_id, structure))) = (booking, structure) else {
            return Ok(Err(Undelivered {
                reason: "nothing to write a new_booking message from".into(),
                permanent: true,
            }));
        };
        if booking.status == BookingStatus::Cancelled {
            return Ok(Err(Undelivered {
                reason: format!("{NO_LONGER_TRUE}: the booking was cancelled"),
                permanent: true,
            }));
        }
        let ticket = present::booking(locale, booking.clone(), self.clock.now());
        Ok(Ok(messages::new_booking(
            locale,
            &messages::NewBookingMail {
                offer_title: ticket.offer_title,
                date: ticket.date,
                venue: booking.venue_name,
                beneficiary: booking.beneficiary_name,
                quantity: booking.quantity,
                amount: crate::lang::money::euros(locale, domain::Cents(booking.amount_cents)),
                digital: ticket.digital.is_some(),
                activation_code: booking.activation_code,
                token: booking.token,
                structure,
                url: format!(
                    "{}/pro/structures/{structure_id}/reservations",
                    self.public_url
                ),
            },
        )))
    }
}
