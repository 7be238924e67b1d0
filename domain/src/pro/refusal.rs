//! Why a field of a partner's form (and of a few other forms the store refuses) is
//! refused, as a typed reason rather than a sentence: the domain words nothing a person
//! reads, the app says each reason in the person's language (`app::lang::fields`). The
//! `Display` is the French sentence the pages said before, character for character: the
//! logs keep it, and the app's test checks that its French says exactly it.
//!
//! A reason that carries a value (a length, a count, what was typed) carries it typed;
//! one that comes from another check of the domain (a text, a SIREN or SIRET, a price)
//! wraps that check's own error.

use super::codes::{MAX_CODES_PER_UPLOAD, refused_lines};
use super::image::{MAX_SIDE, MIN_SIDE};
use super::stock::MAX_STOCKS;
use crate::identifiers::IdentifierError;
use crate::money::PriceError;
use crate::text::TextError;
use serde::{Deserialize, Serialize};

/// What is wrong with a field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum FieldRefusal {
    // Any form.
    /// A text that is not plain (control characters), not on one line, or not a title,
    /// an e-mail address or a password.
    #[error(transparent)]
    Text(#[from] TextError),
    /// A SIREN or a SIRET.
    #[error(transparent)]
    Identifier(#[from] IdentifierError),
    /// A price outside 0 to 300 €.
    #[error(transparent)]
    Price(#[from] PriceError),
    #[error("Ce champ est obligatoire")]
    Required,
    /// More than `max` characters.
    #[error("{max} caractères au plus")]
    TooLong { max: usize },
    #[error("Date invalide (AAAA-MM-JJ)")]
    InvalidDay,
    #[error("Date et heure invalides")]
    InvalidDateTime,

    // The counter.
    /// A reason for cancelling a booking under
    /// [`crate::cancellation::MIN_PARTNER_REASON_CHARS`] characters.
    #[error(
        "Indiquez la raison de l'annulation ({min} caractères au moins)",
        min = crate::cancellation::MIN_PARTNER_REASON_CHARS
    )]
    CancellationReasonTooShort,

    // Structures and their team.
    /// Already [`super::MAX_PENDING_STRUCTURES`] structures waiting for review.
    #[error(
        "Vous avez déjà {max} structures en attente de validation : attendez la décision de l'équipe",
        max = super::MAX_PENDING_STRUCTURES
    )]
    TooManyPendingStructures,
    #[error("Vous pourrez inviter vos collègues une fois la structure validée")]
    InviteOnceValidated,
    #[error("Seul un administrateur de la structure gère son équipe")]
    TeamAdminsOnly,
    #[error("La structure doit garder au moins un administrateur : nommez-en un autre d'abord")]
    LastAdministrator,
    #[error("Seul un administrateur de la structure saisit ses coordonnées bancaires")]
    BankAdminsOnly,

    // Venues.
    #[error("Placez le lieu sur la carte ou saisissez ses coordonnées")]
    Coordinates,
    /// A latitude outside -90 to 90 (`crate::geo::PositionError::Latitude`).
    #[error("La latitude doit être comprise entre -90 et 90")]
    Latitude,
    /// A longitude outside -180 to 180 (`crate::geo::PositionError::Longitude`).
    #[error("La longitude doit être comprise entre -180 et 180")]
    Longitude,
    #[error("Sans SIRET, expliquez pourquoi (10 caractères au moins)")]
    NoSiretReason,
    #[error("Choisissez le type du lieu")]
    VenueType,
    #[error("Un code postal compte 5 chiffres")]
    PostalCode,

    // Offers.
    #[error("Choisissez une catégorie")]
    Category,
    #[error("Adresse web invalide (https://…)")]
    InvalidUrl,
    #[error("Une offre numérique a besoin de son adresse web")]
    UrlNeeded,
    #[error("Une offre sur place n'a pas d'adresse web")]
    NoUrlOnSite,
    #[error("Une offre numérique se rattache au lieu numérique")]
    DigitalVenue,
    #[error("Choisissez le lieu où l'offre se retire")]
    PhysicalVenue,
    #[error("Cette catégorie ne permet pas le duo")]
    NoDuo,
    #[error("La date de publication est passée")]
    PublicationPast,

    // Prices, stocks and dates.
    #[error("Saisissez un prix en euros (par exemple 12,50)")]
    PriceNotEuros,
    /// A quantity that is not a whole number from 0 to `stock::MAX_QUANTITY`.
    #[error("La quantité est un nombre entier de 0 à 1 000 000")]
    Quantity,
    #[error("La date limite de réservation est passée")]
    BookingLimitPast,
    #[error("La date de l'événement est passée")]
    EventPast,
    #[error("La date limite de réservation ne peut pas être après le début de l'événement")]
    BookingLimitAfterStart,
    #[error("La fin de la série est avant son début")]
    SeriesEndsBeforeStart,
    #[error("Une série couvre un an au plus")]
    SeriesTooLong,
    /// A time of a series, as `text` was typed, that is not `HH:MM`.
    #[error("Heure invalide : {text} (attendu HH:MM)")]
    InvalidTime { text: String },
    #[error("Indiquez au moins une heure")]
    NoTime,
    /// A second stock for a thing.
    #[error("Cette offre a déjà son stock : modifiez-le")]
    StockExists,
    /// Adding `adding` stocks to the `existing` ones would pass [`MAX_STOCKS`].
    #[error(
        "Une offre compte {max} dates ou stocks au plus (elle en a {existing}, vous en ajoutez {adding})",
        max = MAX_STOCKS
    )]
    TooManyStocks { existing: usize, adding: usize },
    /// A quantity below the `booked` places.
    #[error("La quantité ne peut pas être inférieure aux {booked} places déjà réservées")]
    QuantityBelowBooked { booked: i64 },

    // Images.
    #[error("Choisissez une image")]
    NoImage,
    #[error("L'image dépasse 10 Mo")]
    ImageTooHeavy,
    #[error("Formats acceptés : PNG, JPEG ou WebP")]
    ImageFormat,
    /// A `width` × `height` image over 24 megapixels or [`MAX_SIDE`] pixels a side.
    #[error(
        "Cette image est trop grande ({width} × {height}) : 24 mégapixels et {max} pixels de côté au plus",
        max = MAX_SIDE
    )]
    ImageTooLarge { width: u32, height: u32 },
    /// A `width` × `height` image under [`MIN_SIDE`] pixels a side.
    #[error(
        "L'image doit mesurer au moins {min} × {min} pixels (elle fait {width} × {height})",
        min = MIN_SIDE
    )]
    ImageTooSmall { width: u32, height: u32 },

    // Activation codes.
    /// More than [`MAX_CODES_PER_UPLOAD`] codes in one upload.
    #[error("Trop de codes : {max} au plus par envoi", max = MAX_CODES_PER_UPLOAD)]
    TooManyCodes,
    #[error("Aucun code dans la liste")]
    NoCode,
    /// No code, only the refused `lines` (numbered from 1).
    #[error("Aucun code valable : {}", refused_lines(.lines))]
    NoValidCode { lines: Vec<usize> },
    /// A day before today (the codes' last day).
    #[error("Cette date est passée")]
    DayPast,

    // Bank details.
    #[error("Saisis le titulaire du compte tel qu'il figure sur le RIB (140 caractères au plus)")]
    Holder,
    #[error("Saisis l'IBAN du compte")]
    IbanEmpty,
    #[error("Un IBAN ne contient que des lettres et des chiffres")]
    IbanCharacters,
    #[error("Un IBAN commence par le code du pays et deux chiffres (FR76…)")]
    IbanStart,
    #[error("Cet IBAN n'a pas la longueur de ceux de son pays")]
    IbanCountryLength,
    #[error("Un IBAN compte de 15 à 34 caractères")]
    IbanLength,
    #[error("Cet IBAN n'est pas valide : vérifie-le caractère par caractère")]
    IbanCheckDigits,
    #[error("Un BIC compte 8 ou 11 caractères : banque, pays, ville (par exemple BNPAFRPPXXX)")]
    Bic,
    #[error("Ce BIC n'est pas d'une banque du pays de l'IBAN")]
    BicCountry,

    // Refused by the store.
    /// A suspended author posts or edits a comment.
    #[error("Ton compte est suspendu : tu ne peux plus publier")]
    AuthorSuspended,
    /// A comment edited more than 15 minutes after it was posted.
    #[error("Un commentaire se modifie dans les 15 minutes qui suivent sa publication")]
    EditClosed,
    /// Finding one's own review helpful.
    #[error("C'est ton propre avis")]
    OwnReview,
    /// Another administrator scheduled the same policy's next version meanwhile.
    #[error("Une autre version vient d'être programmée : recharge la page")]
    VersionScheduledMeanwhile,
    /// A partner changes the state of an offer the team withdrew.
    #[error("Cette offre a été retirée par l'équipe du Culture Pass")]
    OfferWithdrawn,
    /// An offer that is not a draft, paused or published sent for review.
    #[error("Cette offre ne peut pas être proposée à la validation")]
    NotSubmittable,
}

impl From<crate::geo::PositionError> for FieldRefusal {
    fn from(error: crate::geo::PositionError) -> Self {
        match error {
            crate::geo::PositionError::Latitude => FieldRefusal::Latitude,
            crate::geo::PositionError::Longitude => FieldRefusal::Longitude,
        }
    }
}
