//! The social side's rules: what a comment may say and how it is shown (plain text,
//! links clickable only to known sites), when it can be edited, the badge of an author
//! who booked or went, when reports and a word list hide a comment, and the per-person
//! limits against floods.

pub mod comment;
pub mod moderation;
