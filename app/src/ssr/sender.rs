//! The sender: delivers the outbox through the mail relay, in the background, never in a
//! request. A relay that is down delays mail; it never fails, slows or undoes what caused
//! the mail. Each round claims the due messages (a lease, so several instances may run a
//! sender on one database without sending a message twice), hands them to the relay one
//! by one and records each outcome: sent, tried again later (the waits double), or given
//! up with the relay's reason (`domain::notification`). The messages a request does not
//! write (a booking's confirmation: the booking's transaction only queues it) are written
//! here, from their cause, just before their first attempt.

use crate::ssr::mail::{Mail, Mailer, Undelivered};
use crate::ssr::messages::AboutBooking;
use crate::ssr::{Clock, messages, present, reminders};
use domain::notification::{AfterFailure, MailKind, after_failure, claim_lease};
use domain::ticket::CancellationCause;
use std::sync::Arc;
use store::{MailRow, OutgoingMail, Repo, StoreError};

/// How many messages one round claims.
const BATCH: i64 = 20;

/// How often the sender looks for due messages when there were none.
const PERIOD: std::time::Duration = std::time::Duration::from_secs(2);

/// What one round did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Round {
    pub sent: u64,
    pub retried: u64,
    pub given_up: u64,
}

impl Round {
    fn claimed(&self) -> u64 {
        self.sent + self.retried + self.given_up
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
    /// One round: claims the due messages and tries each once.
    pub async fn run_once(&self) -> Result<Round, StoreError> {
        let claimed = self
            .repo
            .claim_mails(self.clock.now(), claim_lease(), BATCH)
            .await?;
        let mut round = Round::default();
        for row in claimed {
            let outcome = match self.written(&row).await? {
                Ok(mail) => self.mailer.deliver(&mail).await,
                Err(refusal) => Err(refusal),
            };
            let now = self.clock.now();
            match outcome {
                Ok(()) => {
                    self.repo.mail_sent(row.id, now).await?;
                    round.sent += 1;
                }
                Err(refusal) => {
                    let next = after_failure(row.attempts, refusal.permanent, self.first_wait);
                    tracing::warn!(
                        mail = row.id,
                        attempts = row.attempts,
                        reason = %refusal.reason,
                        ?next,
                        "mail not delivered"
                    );
                    let retry_at = match next {
                        AfterFailure::RetryIn(wait) => {
                            round.retried += 1;
                            Some(now + wait)
                        }
                        AfterFailure::GiveUp => {
                            round.given_up += 1;
                            None
                        }
                    };
                    self.repo
                        .mail_not_sent(row.id, &refusal.reason, retry_at, now)
                        .await?;
                }
            }
        }
        Ok(round)
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
    /// The message of `row`: as the request wrote it, or written now from its cause
    /// (and kept, so that the outbox shows what left).
    async fn written(&self, row: &MailRow) -> Result<Result<Mail, Undelivered>, StoreError> {
        let mail = |written: OutgoingMail| Mail {
            to: row.recipient.clone(),
            subject: written.subject,
            body: written.text,
            html: written.html,
        };
        if !(row.kind.written_by_sender() && row.body.is_empty()) {
            return Ok(Ok(mail(OutgoingMail {
                subject: row.subject.clone(),
                text: row.body.clone(),
                html: row.html_body.clone(),
            })));
        }
        let booking = match row.booking_id {
            Some(id) => self.repo.booking_of_mail(id).await?,
            None => None,
        };
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
                    _ => "sans motif donné".to_owned(),
                }))
            }
            (MailKind::CollectBeforeExpiry, Some(booking)) => {
                reminders::expires_at(booking).map(|at| {
                    let zone = crate::ssr::time::zone(&booking.postal_code);
                    AboutBooking::CollectBefore(present::french_day(at, zone))
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
        let ticket = present::booking(booking.clone(), self.clock.now());
        let written = messages::about_booking(
            about,
            messages::BookingMail {
                lead: String::new(),
                name: booking.beneficiary_name,
                offer_title: ticket.offer_title,
                date: ticket.date,
                venue: ticket.venue,
                address: ticket.address,
                quantity: ticket.quantity,
                debit: ticket.debit,
                token: ticket.token,
                withdrawal_details: ticket.withdrawal_details,
                cancellation: ticket.cancellation,
                url: format!("{}/reservations/{}", self.public_url, ticket.id),
            },
        );
        self.repo.write_mail(row.id, &written).await?;
        Ok(Ok(mail(written)))
    }
}
