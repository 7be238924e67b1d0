//! Booking with the credit, the bookings list and cancellation.

pub mod api;
mod cancel_form;
mod digital;
mod my_bookings;
mod panel;
#[cfg(feature = "ssr")]
mod service;
mod ticket;

pub use my_bookings::MyBookingsPage;
pub use panel::BookingPanel;
pub use ticket::TicketPage;
