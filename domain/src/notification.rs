//! Notifications leave through an outbox: each is written in the same transaction as the
//! event that causes it, and a sender delivers it afterwards, so a mail relay that is down
//! never fails (nor slows) the request, and no event is left without its message. These
//! are the rules of that delivery: the states of a message, and when a failed one is tried
//! again.

use chrono::{DateTime, Duration, NaiveDateTime, NaiveTime, Utc};

/// Where a message of the outbox stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Delivery {
    /// Waiting for its (next) attempt.
    Pending,
    /// Claimed by a sender, until the claim's lease ends (a sender that died leaves it to
    /// another once the lease has passed).
    Sending,
    /// Accepted by the relay.
    Sent,
    /// Given up: refused for good, or too many attempts.
    Failed,
}

impl Delivery {
    /// The word stored in the database.
    pub fn to_stored(self) -> &'static str {
        match self {
            Delivery::Pending => "pending",
            Delivery::Sending => "sending",
            Delivery::Sent => "sent",
            Delivery::Failed => "failed",
        }
    }

    /// The state stored as `word`, if it is one.
    pub fn from_stored(word: &str) -> Option<Delivery> {
        [
            Delivery::Pending,
            Delivery::Sending,
            Delivery::Sent,
            Delivery::Failed,
        ]
        .into_iter()
        .find(|state| state.to_stored() == word)
    }
}

impl TryFrom<String> for Delivery {
    type Error = crate::pro::status::UnknownStatus;

    fn try_from(word: String) -> Result<Self, Self::Error> {
        Self::from_stored(&word).ok_or(crate::pro::status::UnknownStatus(word))
    }
}

/// What a message is about. Most are written by the request that causes them; the
/// sender writes the others itself from their cause (a booking confirmation, from the
/// booking), so that the transaction of the cause only adds a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum MailKind {
    /// Written before messages had kinds.
    Other,
    PasswordReset,
    Invitation,
    OfferWithdrawn,
    BookingConfirmed,
    /// An event is tomorrow.
    EventTomorrow,
    /// A thing booked must be collected before its booking expires.
    CollectBeforeExpiry,
    /// The window to cancel a booking closes within a day.
    CancellationClosing,
    /// The partner cancelled a booking (or deleted its date), credit given back.
    BookingCancelled,
    /// The partner moved the date of a booking.
    DateMoved,
    /// For partners: their structure was validated.
    StructureValidated,
    /// For partners: their structure was rejected.
    StructureRejected,
    /// The credit left expires within a month.
    CreditExpiresInAMonth,
    /// The credit left expires within a week.
    CreditExpiresInAWeek,
    /// For partners: a young person booked one of their offers.
    NewBooking,
    /// For partners: the bookings of their offers since the last digest, once a day.
    BookingsDigest,
    /// A new account's welcome, with the link that verifies its address.
    Welcome,
    /// A link that verifies an address: asked again, or a new address to replace the old.
    AddressCheck,
    /// To the old address, once a new one replaced it: its owner learns of the change.
    AddressChanged,
    /// For partners: the pass sent a structure the transfer of a reimbursement run.
    TransferSent,
}

impl MailKind {
    pub const ALL: [MailKind; 20] = [
        MailKind::Other,
        MailKind::PasswordReset,
        MailKind::Invitation,
        MailKind::OfferWithdrawn,
        MailKind::BookingConfirmed,
        MailKind::EventTomorrow,
        MailKind::CollectBeforeExpiry,
        MailKind::CancellationClosing,
        MailKind::BookingCancelled,
        MailKind::DateMoved,
        MailKind::StructureValidated,
        MailKind::StructureRejected,
        MailKind::CreditExpiresInAMonth,
        MailKind::CreditExpiresInAWeek,
        MailKind::NewBooking,
        MailKind::BookingsDigest,
        MailKind::Welcome,
        MailKind::AddressCheck,
        MailKind::AddressChanged,
        MailKind::TransferSent,
    ];

    /// The reminders about a booking, each sent once at its moment by the scheduler.
    pub const REMINDERS: [MailKind; 3] = [
        MailKind::EventTomorrow,
        MailKind::CollectBeforeExpiry,
        MailKind::CancellationClosing,
    ];

    /// The word stored in the database.
    pub fn to_stored(self) -> &'static str {
        match self {
            MailKind::Other => "other",
            MailKind::PasswordReset => "password_reset",
            MailKind::Invitation => "invitation",
            MailKind::OfferWithdrawn => "offer_withdrawn",
            MailKind::BookingConfirmed => "booking_confirmed",
            MailKind::EventTomorrow => "event_tomorrow",
            MailKind::CollectBeforeExpiry => "collect_before_expiry",
            MailKind::CancellationClosing => "cancellation_closing",
            MailKind::BookingCancelled => "booking_cancelled",
            MailKind::DateMoved => "date_moved",
            MailKind::StructureValidated => "structure_validated",
            MailKind::StructureRejected => "structure_rejected",
            MailKind::CreditExpiresInAMonth => "credit_expires_in_a_month",
            MailKind::CreditExpiresInAWeek => "credit_expires_in_a_week",
            MailKind::NewBooking => "new_booking",
            MailKind::BookingsDigest => "bookings_digest",
            MailKind::Welcome => "welcome",
            MailKind::AddressCheck => "address_check",
            MailKind::AddressChanged => "address_changed",
            MailKind::TransferSent => "transfer_sent",
        }
    }

    /// Whether the sender writes the message from its cause (the booking), rather than
    /// the request.
    pub fn written_by_sender(self) -> bool {
        matches!(
            self,
            MailKind::BookingConfirmed
                | MailKind::BookingCancelled
                | MailKind::DateMoved
                | MailKind::NewBooking
                | MailKind::CreditExpiresInAMonth
                | MailKind::CreditExpiresInAWeek
        ) || MailKind::REMINDERS.contains(&self)
    }

    /// The kinds a person may stop receiving, in the order the profile lists them.
    /// The others are always sent: a password reset, an address's check and an invitation
    /// are asked for, an address changed is about the account's safety, and a structure's
    /// validation and the transfers it receives are what a partner waits on to work.
    pub const CHOOSABLE: [MailKind; 9] = [
        MailKind::BookingConfirmed,
        MailKind::EventTomorrow,
        MailKind::CollectBeforeExpiry,
        MailKind::CancellationClosing,
        MailKind::BookingCancelled,
        MailKind::DateMoved,
        MailKind::OfferWithdrawn,
        MailKind::CreditExpiresInAMonth,
        MailKind::CreditExpiresInAWeek,
    ];

    /// The kinds the notification centre shows: what happened to a person's bookings and
    /// credit. The same as those one may stop by mail: stopping a mail leaves it in the
    /// app, and the others (a password link, an invitation, a structure's decision) are
    /// about an account or a partner's work, not news of one's bookings.
    pub const IN_APP: [MailKind; 9] = MailKind::CHOOSABLE;

    /// The kinds that tell partners about the bookings of their offers: one chooses
    /// between them (each booking, a daily digest, or neither) with [`BookingMail`].
    pub const FOR_PARTNERS: [MailKind; 2] = [MailKind::NewBooking, MailKind::BookingsDigest];

    /// Whether this kind is written to partners, about their work (they are addressed
    /// as "vous", and choose on their dashboard).
    pub fn for_partners(self) -> bool {
        MailKind::FOR_PARTNERS.contains(&self)
    }

    /// Whether a person may stop receiving this kind (and its mails carry a one-click
    /// unsubscribe).
    pub fn choosable(self) -> bool {
        MailKind::CHOOSABLE.contains(&self) || self.for_partners()
    }

    /// The kind of the profile's list (`CHOOSABLE`) stored as `word`, if it is one. A
    /// partner's two kinds are one choice, made as a whole ([`BookingMail`]).
    pub fn choosable_from(word: &str) -> Option<MailKind> {
        MailKind::CHOOSABLE
            .into_iter()
            .find(|kind| kind.to_stored() == word)
    }

    /// The kind an unsubscribe link names, stored as `word`: any kind one may stop.
    pub fn unsubscribable_from(word: &str) -> Option<MailKind> {
        MailKind::ALL
            .into_iter()
            .find(|kind| kind.choosable() && kind.to_stored() == word)
    }

    /// How a person hears about this kind until they choose: by mail, except the
    /// partners' daily digest, which comes only to those who asked for it instead of a
    /// mail per booking.
    pub fn default_channel(self) -> Channel {
        match self {
            MailKind::BookingsDigest => Channel::Off,
            _ => Channel::Mail,
        }
    }
}

/// How a partner hears about the bookings of their offers: their one choice, stored as
/// the channels of the two kinds [`MailKind::FOR_PARTNERS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum BookingMail {
    /// A mail per booking, as it is made (what partners get until they choose).
    EachBooking,
    /// One mail a day, at [`DIGEST_HOUR`] on their clock, listing the bookings since the
    /// previous one (none on a day without bookings).
    DailyDigest,
    /// No mail: the bookings are on the dashboard.
    Never,
}

impl BookingMail {
    pub const ALL: [BookingMail; 3] = [
        BookingMail::EachBooking,
        BookingMail::DailyDigest,
        BookingMail::Never,
    ];

    /// The word a form sends.
    pub fn to_stored(self) -> &'static str {
        match self {
            BookingMail::EachBooking => "each",
            BookingMail::DailyDigest => "digest",
            BookingMail::Never => "never",
        }
    }

    pub fn from_stored(word: &str) -> Option<BookingMail> {
        BookingMail::ALL.into_iter().find(|c| c.to_stored() == word)
    }

    /// The channel of each of the two kinds that this choice means.
    pub fn channels(self) -> [(MailKind, Channel); 2] {
        let (each, digest) = match self {
            BookingMail::EachBooking => (Channel::Mail, Channel::Off),
            BookingMail::DailyDigest => (Channel::Off, Channel::Mail),
            BookingMail::Never => (Channel::Off, Channel::Off),
        };
        [
            (MailKind::NewBooking, each),
            (MailKind::BookingsDigest, digest),
        ]
    }

    /// The choice that the channels chosen for the two kinds mean (nothing chosen: each
    /// kind's default). Both by mail (a one-click unsubscribe can only turn a kind off)
    /// reads as a mail per booking.
    pub fn from_channels(each: Option<Channel>, digest: Option<Channel>) -> BookingMail {
        let each = each.unwrap_or(MailKind::NewBooking.default_channel());
        let digest = digest.unwrap_or(MailKind::BookingsDigest.default_channel());
        match (each, digest) {
            (Channel::Mail, _) => BookingMail::EachBooking,
            (Channel::Off, Channel::Mail) => BookingMail::DailyDigest,
            (Channel::Off, Channel::Off) => BookingMail::Never,
        }
    }
}

/// The hour, on the partner's clock, at which their daily digest leaves.
pub const DIGEST_HOUR: u32 = 8;

/// How long before its moment a digest's window closes: a booking is stamped when its
/// request starts and committed a little later, so one stamped just before the moment may
/// not be visible yet; it falls in the next digest instead of in none.
pub fn digest_margin() -> Duration {
    Duration::minutes(5)
}

/// When the next digest leaves after `now` (both on the partner's clock): today at
/// [`DIGEST_HOUR`] if it has not come yet, else tomorrow.
pub fn next_digest_at(now: NaiveDateTime) -> NaiveDateTime {
    let hour = NaiveTime::from_hms_opt(DIGEST_HOUR, 0, 0).unwrap_or(NaiveTime::MIN);
    let today = now.date().and_time(hour);
    if now < today {
        today
    } else {
        today + Duration::days(1)
    }
}

/// How a person wants to hear about one kind of message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Channel {
    /// By mail: what everyone gets until they choose otherwise.
    Mail,
    /// Not at all.
    Off,
}

impl Channel {
    pub const ALL: [Channel; 2] = [Channel::Mail, Channel::Off];

    /// The word stored in the database.
    pub fn to_stored(self) -> &'static str {
        match self {
            Channel::Mail => "mail",
            Channel::Off => "off",
        }
    }

    pub fn from_stored(word: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.to_stored() == word)
    }
}

/// Why a message is not mailed to a person, if it is not: `chosen` is what they chose
/// for its kind (nothing chosen: the kind's default). A kind they may not turn off
/// always goes.
pub fn declined(kind: MailKind, chosen: Option<Channel>) -> bool {
    kind.choosable() && chosen.unwrap_or(kind.default_channel()) == Channel::Off
}

impl TryFrom<String> for MailKind {
    type Error = crate::pro::status::UnknownStatus;

    fn try_from(word: String) -> Result<Self, Self::Error> {
        MailKind::ALL
            .into_iter()
            .find(|kind| kind.to_stored() == word)
            .ok_or(crate::pro::status::UnknownStatus(word))
    }
}

/// The reminders that credit is about to expire: each kind, how long before the expiry
/// it leaves, and until how long before (the later reminder takes over).
pub fn credit_reminders() -> [(MailKind, Duration, Duration); 2] {
    [
        (
            MailKind::CreditExpiresInAMonth,
            Duration::days(30),
            Duration::days(7),
        ),
        (
            MailKind::CreditExpiresInAWeek,
            Duration::days(7),
            Duration::zero(),
        ),
    ]
}

/// The hour, on the venue's clock, at which the reminder of an event leaves the day before.
pub const EVENT_REMINDER_HOUR: u32 = 10;

/// How long before its expiry an uncollected thing is reminded.
pub fn collect_reminder_lead() -> Duration {
    Duration::days(5)
}

/// How long before the cancellation window closes it is reminded.
pub fn cancellation_reminder_lead() -> Duration {
    Duration::hours(24)
}

/// A reminder is due from its moment until what it is about happens (the event starts,
/// the booking expires, the window closes), and only for bookings made before its moment:
/// a later booking's confirmation already says it all.
fn due<T: PartialOrd>(now: T, moment: T, end: T, booked_at: T) -> bool {
    booked_at < moment && moment <= now && now < end
}

/// Whether the day-before reminder of an event is due: from 10:00 on the day before,
/// on the venue's clock (all times here local to the venue).
pub fn event_tomorrow_due(
    now: NaiveDateTime,
    starts: NaiveDateTime,
    booked_at: NaiveDateTime,
) -> bool {
    let hour = NaiveTime::from_hms_opt(EVENT_REMINDER_HOUR, 0, 0).unwrap_or(NaiveTime::MIN);
    let moment = (starts.date() - Duration::days(1)).and_time(hour);
    due(now, moment, starts, booked_at)
}

/// Whether the reminder to collect a thing that expires at `expires` is due.
pub fn collect_due(now: DateTime<Utc>, expires: DateTime<Utc>, booked_at: DateTime<Utc>) -> bool {
    due(now, expires - collect_reminder_lead(), expires, booked_at)
}

/// Whether the reminder that the window to cancel closes (at `closes`) is due.
pub fn cancellation_closing_due(
    now: DateTime<Utc>,
    closes: DateTime<Utc>,
    booked_at: DateTime<Utc>,
) -> bool {
    due(
        now,
        closes - cancellation_reminder_lead(),
        closes,
        booked_at,
    )
}

/// How many attempts a message gets before it is given up: with waits doubling from a
/// minute up to six hours, nearly three days (a relay down for a weekend loses nothing).
pub const MAX_ATTEMPTS: i64 = 20;

/// How the reason of a message given up because it stopped being true begins (a reminder
/// of a booking cancelled meanwhile, of credit spent meanwhile): such a message is not
/// news any more, and the notification centre leaves it out.
pub const NO_LONGER_TRUE: &str = "no longer true";

/// How long the outbox keeps a message once it was delivered or given up: a year and a
/// month of history in the notification centre and in the administrators' record, then it
/// goes (the scheduler's purge). A message still waiting is never purged.
pub fn kept_for() -> Duration {
    Duration::days(400)
}

/// The longest wait between two attempts.
pub fn longest_wait() -> Duration {
    Duration::hours(6)
}

/// How long a sender holds the messages it claimed: far longer than an attempt may take
/// (the relay's time-out), so that no message is sent twice by two senders.
pub fn claim_lease() -> Duration {
    Duration::minutes(5)
}

/// What follows a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterFailure {
    /// Try again after this wait.
    RetryIn(Duration),
    /// Stop: the relay refused the message for good, or it had its attempts.
    GiveUp,
}

/// What follows the failure of attempt number `attempts` (1 for the first). A refusal the
/// relay says is permanent (a 5xx: no such mailbox, message rejected) is not retried;
/// otherwise the waits double from `first_wait`, up to [`longest_wait`], for
/// [`MAX_ATTEMPTS`] attempts in all.
pub fn after_failure(attempts: i64, permanent: bool, first_wait: Duration) -> AfterFailure {
    if permanent || attempts >= MAX_ATTEMPTS {
        return AfterFailure::GiveUp;
    }
    let doublings = u32::try_from(attempts.saturating_sub(1))
        .unwrap_or(0)
        .min(20);
    let wait = first_wait
        .checked_mul(1 << doublings)
        .unwrap_or_else(longest_wait);
    AfterFailure::RetryIn(wait.min(longest_wait()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_up_to_six_hours_then_the_message_is_given_up() {
        let minute = Duration::minutes(1);
        let waits: Vec<_> = (1..MAX_ATTEMPTS)
            .map(|attempt| match after_failure(attempt, false, minute) {
                AfterFailure::RetryIn(wait) => wait.num_minutes(),
                AfterFailure::GiveUp => panic!("attempt {attempt} should be retried"),
            })
            .collect();
        assert_eq!(
            waits,
            [
                1, 2, 4, 8, 16, 32, 64, 128, 256, 360, 360, 360, 360, 360, 360, 360, 360, 360, 360
            ]
        );
        let total: i64 = waits.iter().sum();
        // 68.5 hours from the first attempt to the last.
        assert_eq!(total, 4111);
        assert_eq!(
            after_failure(MAX_ATTEMPTS, false, minute),
            AfterFailure::GiveUp
        );
        assert_eq!(
            after_failure(9, false, Duration::hours(1)),
            AfterFailure::RetryIn(longest_wait())
        );
    }

    #[test]
    fn a_permanent_refusal_is_not_retried() {
        assert_eq!(
            after_failure(1, true, Duration::minutes(1)),
            AfterFailure::GiveUp
        );
    }

    #[test]
    fn a_huge_number_of_attempts_never_overflows() {
        assert_eq!(
            after_failure(i64::MAX, false, Duration::minutes(1)),
            AfterFailure::GiveUp
        );
        assert_eq!(
            after_failure(0, false, Duration::minutes(1)),
            AfterFailure::RetryIn(Duration::minutes(1))
        );
    }

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("a time")
    }

    #[test]
    fn an_event_is_reminded_from_ten_the_day_before_on_the_venues_clock() {
        let starts = at("2026-12-12 20:30");
        let booked = at("2026-12-01 12:00");
        assert!(!event_tomorrow_due(at("2026-12-11 09:59"), starts, booked));
        assert!(event_tomorrow_due(at("2026-12-11 10:00"), starts, booked));
        assert!(event_tomorrow_due(at("2026-12-12 20:29"), starts, booked));
        assert!(
            !event_tomorrow_due(at("2026-12-12 20:30"), starts, booked),
            "started"
        );
        // Booked after the moment: the confirmation says it.
        assert!(!event_tomorrow_due(
            at("2026-12-11 18:00"),
            starts,
            at("2026-12-11 17:00")
        ));
        // A morning event: the day before at 10:00 too, not 24 hours before.
        let morning = at("2026-12-12 09:00");
        assert!(event_tomorrow_due(at("2026-12-11 10:00"), morning, booked));
    }

    #[test]
    fn a_thing_to_collect_is_reminded_five_days_before_it_expires() {
        let booked = DateTime::from_timestamp(1_800_000_000, 0).expect("time");
        let expires = booked + Duration::days(10);
        let moment = expires - Duration::days(5);
        assert!(!collect_due(moment - Duration::seconds(1), expires, booked));
        assert!(collect_due(moment, expires, booked));
        assert!(!collect_due(expires, expires, booked), "expired");
    }

    #[test]
    fn the_end_of_the_cancellation_window_is_reminded_a_day_before() {
        let booked = DateTime::from_timestamp(1_800_000_000, 0).expect("time");
        let closes = booked + Duration::days(3);
        assert!(!cancellation_closing_due(
            closes - Duration::hours(25),
            closes,
            booked
        ));
        assert!(cancellation_closing_due(
            closes - Duration::hours(24),
            closes,
            booked
        ));
        assert!(!cancellation_closing_due(closes, closes, booked), "closed");
        // A window shorter than a day: the confirmation says it.
        let soon = booked + Duration::hours(12);
        assert!(!cancellation_closing_due(
            booked + Duration::hours(1),
            soon,
            booked
        ));
    }

    #[test]
    fn states_round_trip_through_their_stored_word() {
        for state in [
            Delivery::Pending,
            Delivery::Sending,
            Delivery::Sent,
            Delivery::Failed,
        ] {
            assert_eq!(Delivery::from_stored(state.to_stored()), Some(state));
        }
        assert_eq!(Delivery::from_stored("lost"), None);
        for kind in MailKind::ALL {
            assert_eq!(MailKind::try_from(kind.to_stored().to_owned()), Ok(kind));
        }
        assert!(MailKind::try_from("spam".to_owned()).is_err());
    }

    #[test]
    fn a_person_may_turn_off_what_is_not_essential_and_nothing_else() {
        assert!(declined(MailKind::EventTomorrow, Some(Channel::Off)));
        assert!(!declined(MailKind::EventTomorrow, Some(Channel::Mail)));
        assert!(!declined(MailKind::EventTomorrow, None));
        for essential in [
            MailKind::PasswordReset,
            MailKind::Welcome,
            MailKind::AddressCheck,
            MailKind::AddressChanged,
            MailKind::Invitation,
            MailKind::StructureValidated,
            MailKind::StructureRejected,
            MailKind::TransferSent,
            MailKind::Other,
        ] {
            assert!(!essential.choosable());
            assert!(!declined(essential, Some(Channel::Off)), "{essential:?}");
        }
        for channel in Channel::ALL {
            assert_eq!(Channel::from_stored(channel.to_stored()), Some(channel));
        }
        assert_eq!(Channel::from_stored("pigeon"), None);
        assert_eq!(
            MailKind::choosable_from("event_tomorrow"),
            Some(MailKind::EventTomorrow)
        );
        assert_eq!(MailKind::choosable_from("password_reset"), None);
        assert_eq!(MailKind::choosable_from("spam"), None);
        // A partner's kinds are not on the profile's list; their links stop them.
        assert_eq!(MailKind::choosable_from("bookings_digest"), None);
        assert_eq!(
            MailKind::unsubscribable_from("bookings_digest"),
            Some(MailKind::BookingsDigest)
        );
        assert_eq!(
            MailKind::unsubscribable_from("event_tomorrow"),
            Some(MailKind::EventTomorrow)
        );
        assert_eq!(MailKind::unsubscribable_from("password_reset"), None);
    }

    #[test]
    fn a_partner_gets_a_mail_per_booking_until_they_choose_the_digest_or_nothing() {
        assert_eq!(
            BookingMail::from_channels(None, None),
            BookingMail::EachBooking
        );
        assert!(!declined(MailKind::NewBooking, None));
        assert!(declined(MailKind::BookingsDigest, None), "asked for only");
        for choice in BookingMail::ALL {
            let [(each_kind, each), (digest_kind, digest)] = choice.channels();
            assert_eq!(
                (each_kind, digest_kind),
                (MailKind::NewBooking, MailKind::BookingsDigest)
            );
            assert_eq!(BookingMail::from_channels(Some(each), Some(digest)), choice);
            assert_eq!(BookingMail::from_stored(choice.to_stored()), Some(choice));
            // Never both: a partner gets one or the other.
            assert!(
                declined(MailKind::NewBooking, Some(each))
                    || declined(MailKind::BookingsDigest, Some(digest))
            );
        }
        // The digest's one-click unsubscribe leaves nothing; the per-booking one, too.
        assert_eq!(
            BookingMail::from_channels(Some(Channel::Off), Some(Channel::Off)),
            BookingMail::Never
        );
        assert_eq!(
            BookingMail::from_channels(Some(Channel::Off), None),
            BookingMail::Never
        );
        assert_eq!(BookingMail::from_stored("weekly"), None);
    }

    #[test]
    fn the_digest_leaves_at_eight_today_or_else_tomorrow() {
        assert_eq!(
            next_digest_at(at("2026-12-04 07:59")),
            at("2026-12-04 08:00")
        );
        assert_eq!(
            next_digest_at(at("2026-12-04 08:00")),
            at("2026-12-05 08:00")
        );
        assert_eq!(
            next_digest_at(at("2026-12-31 23:30")),
            at("2027-01-01 08:00")
        );
    }
}
