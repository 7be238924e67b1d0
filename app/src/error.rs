//! The error of the application layer, typed across the network: a server function
//! returns it, the browser receives the same enum, and each variant has the message the
//! person sees. Internal failures are logged on the server and reach the browser only as
//! [`AppError::Internal`].

use domain::booking::BookingRefusal;
use domain::ticket::TicketRefusal;
use http::StatusCode;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("Connecte-toi pour continuer")]
    Unauthenticated,
    #[error("Cette page est réservée à un autre type de compte")]
    Forbidden,
    #[error("Page introuvable")]
    NotFound,
    #[error("E-mail ou mot de passe incorrect")]
    BadCredentials,
    #[error("Trop de tentatives de connexion : réessaie dans 15 minutes")]
    TooManyAttempts,
    /// The right password, but an administrator suspended the account: where to ask why.
    #[error("Ce compte est suspendu : pour en savoir plus, écris à {support}")]
    Suspended { support: String },
    /// Too many requests of this kind from this client: try again after the delay.
    #[error("Trop de demandes d'un coup : réessaie dans {seconds} secondes")]
    RateLimited { seconds: u64 },
    /// A write sent from another site's page (a forged form, a hostile script).
    #[error("Requête refusée : elle ne vient pas de ce site")]
    CrossSite,
    /// Bad input, with the form field it concerns.
    #[error("{message}")]
    Invalid { field: String, message: String },
    #[error("{0}")]
    Booking(BookingRefusal),
    #[error("{0}")]
    Ticket(TicketRefusal),
    /// A uniqueness rule refused the write, and the feature gave no wording for a field
    /// (see `ssr::reply::WordRefusal`).
    #[error("Cela existe déjà")]
    Conflict,
    /// A per-person limit of the product is reached, and the feature gave no wording.
    #[error("Tu as atteint la limite prévue pour cela")]
    LimitReached,
    #[error("Une erreur est survenue, réessaie dans un instant")]
    Internal,
    /// The request never reached our code (network, decoding). The framework's detail
    /// (in English) travels for programs and logs; people read a French sentence.
    #[error("La demande n'a pas abouti : vérifie ta connexion et réessaie")]
    Transport(String),
}

impl AppError {
    pub fn invalid(field: &str, message: impl ToString) -> Self {
        AppError::Invalid {
            field: field.to_owned(),
            message: message.to_string(),
        }
    }

    /// The HTTP status that goes with the error, for pages and the API alike.
    pub fn status_code(&self) -> StatusCode {
        match self {
            AppError::Unauthenticated | AppError::BadCredentials => StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::CrossSite | AppError::Suspended { .. } => {
                StatusCode::FORBIDDEN
            }
            AppError::TooManyAttempts | AppError::RateLimited { .. } | AppError::LimitReached => {
                StatusCode::TOO_MANY_REQUESTS
            }
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Invalid { .. } | AppError::Transport(_) => StatusCode::BAD_REQUEST,
            AppError::Booking(_) | AppError::Ticket(_) | AppError::Conflict => StatusCode::CONFLICT,
            AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The status number a page shows above the message; none when the request never got
    /// an answer (no network): a number would only puzzle the person.
    pub fn shown_status(&self) -> Option<u16> {
        match self {
            AppError::Transport(_) => None,
            other => Some(other.status_code().as_u16()),
        }
    }

    /// The sentence a person reads, in their language (`Display` is the French one, for
    /// the logs).
    pub fn message(&self, locale: crate::lang::Locale) -> String {
        crate::lang::refusals::app_error(locale, self)
    }

    /// The message for a given form field, if the error is about it.
    pub fn field_message(&self, field: &str) -> Option<String> {
        match self {
            AppError::Invalid { field: f, message } if f == field => Some(message.clone()),
            _ => None,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        #[cfg(feature = "ssr")]
        crate::ssr::reply::refuse_undecodable(&value);
        AppError::Transport(value.to_string())
    }
}
