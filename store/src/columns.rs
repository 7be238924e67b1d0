//! Column lists and conditions that several areas' queries share, as macros that expand
//! to string literals so `concat!` can build each statement at compile time.

/// The columns of [`crate::UserRow`].
macro_rules! user_columns {
    () => {
        "u.id, u.email, u.password_hash, u.first_name, u.last_name, u.role, u.birth_date, \
         u.departement, u.email_verified_at IS NOT NULL AS email_verified, u.terms_version, \
         u.privacy_version, u.suspended_at IS NOT NULL AS suspended, u.language"
    };
}

/// A booking with its offer, venue, beneficiary and activation code, as [`crate::BookingRow`].
macro_rules! booking_select {
    () => {
        "SELECT b.id, b.token, b.user_id, b.stock_id, b.offer_id, b.deposit_id, o.title AS offer_title, \
         o.subcategory, o.withdrawal_details, v.name AS venue_name, v.address, v.city, v.postal_code, \
         COALESCE(u.first_name || ' ' || u.last_name, 'Compte supprimé') AS beneficiary_name, \
         b.quantity, b.amount_cents, b.cap_kind, b.status, b.cancellation_reason, b.booked_at, \
         b.cancellation_limit_at, b.used_at, b.cancelled_at, s.begins_at, o.url AS offer_url, \
         ac.code AS activation_code, ac.expires_at AS code_expires_at \
         FROM bookings b \
         JOIN stocks s ON s.id = b.stock_id \
         JOIN offers o ON o.id = b.offer_id \
         JOIN venues v ON v.id = o.venue_id \
         LEFT JOIN users u ON u.id = b.user_id \
         LEFT JOIN activation_codes ac ON ac.booking_id = b.id "
    };
}

/// The card columns of `offer_search os`, as [`crate::OfferCardRow`].
macro_rules! card_columns {
    () => {
        "os.offer_id AS id, os.title, os.subcategory, os.venue_name, os.city, os.postal_code, \
         os.latitude, os.longitude, os.is_duo, os.min_price_cents, os.next_begins_at, os.thumbnail_url"
    };
}

/// Only partners of the structure that owns the venue see a booking at the counter.
macro_rules! member_of_venue_structure {
    () => {
        " AND EXISTS (SELECT 1 FROM structure_members m \
         WHERE m.structure_id = v.structure_id AND m.user_id = $2) "
    };
}

pub(crate) use booking_select;
pub(crate) use card_columns;
pub(crate) use member_of_venue_structure;
pub(crate) use user_columns;
