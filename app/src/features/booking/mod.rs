//! Booking with the credit, the bookings list and cancellation.

pub mod api;
mod cancel_form;
mod confirmation;
mod digital;
mod my_bookings;
mod panel;
mod qr;
#[cfg(feature = "ssr")]
mod service;
mod sheet;
mod ticket;

pub use my_bookings::MyBookingsPage;
pub use panel::BookingPanel;
pub use ticket::TicketPage;
