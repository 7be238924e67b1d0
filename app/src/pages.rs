//! Pages whose code a young person's first visit does not need are cut out of the main
//! module: the partner dashboard, the counter (with its QR decoder), the admin pages,
//! and what a young person signs in for. Each group sits behind one lazy function
//! (`cargo leptos build --split` makes each a separate WASM file, with one file for the
//! code several of them share): a partner's browser downloads the dashboard once, on
//! the first `/pro` page.
//!
//! A few groups, not a split per page: wasm-split makes a file for every set of split
//! points that share code, and thirty pages made 650 files (170 requests for the home,
//! more bytes in all than the unsplit app, and ten minutes of wasm-opt per build).
//!
//! The young people's own pages are in two parts. What a first visit opens (the home,
//! search, the map, an offer, a venue) and the pages that only show the server's data
//! (wallet, favourites, followed venues) are served as islands and are not in the whole
//! app in the browser at all (`crate::islands_page!`). What a person signs in for and
//! acts on (sign-in and sign-up, their bookings and tickets, profile, password and
//! address links, notifications, the legal texts) is `account_view`. The service worker
//! keeps it and the whole app's own file (`hydrate_the_app`) at its install (the
//! functions' names are in server/src/delivery/manifest.rs), so kept tickets open
//! offline with their code;
//! the other groups' files are kept when first downloaded.
//!
//! The islands pages have a bundle of their own in the release build (frontend's
//! `islands-only` feature, which sets this crate's): there the groups are plain
//! functions, not split points. A `#[lazy]` function's exported half stays in a module
//! even when nothing calls it, and its text and its files with it; without it, nothing
//! of the whole app is left in the islands' module.

use crate::features::account::{
    AccountPage, AddressConfirmedPage, ConfirmAddressPage, ForgotPasswordPage, IdentityReviewPage,
    OutboxPage, ResetPasswordPage, SignUpPage,
};
use crate::features::auth::LoginPage;
use crate::features::booking::{MyBookingsPage, TicketPage};
use crate::features::counter::CounterPage;
use crate::features::legal::{AcceptTermsPage, PrivacyPage, TermsPage};
use crate::features::notifications::{NotificationsPage, UnsubscribePage};
use crate::features::offer_review::OfferReviewPage;
use crate::features::payments::{PartnerPaymentsPage, RunPage, RunsPage};
use crate::features::people::{AuditLogPage, PeopleSearchPage, PersonPage};
use crate::features::policies::PoliciesPage;
use crate::features::pro::{
    BookingsPage, DashboardHomePage, InvitationPage, NewOfferPage, OfferEditorPage, OffersPage,
    PartnerSignUpPage, ProHomePage, StatementPage, StructureReviewPage, VenuesPage,
};
use crate::features::social::ModerationPage;
use leptos::prelude::*;
use leptos_router::LazyRoute;

/// `split_pages! { audience_view(Audience), __preload_audience_view { Route => Page, … } }`:
/// one lazy function that renders any page of an audience, and a route for each page that
/// calls it. `#[lazy]` names the function that downloads the audience's code
/// `__preload_<function>`: the router calls it before it hydrates or shows the page (the
/// server's HTML is already there; hydrating it before the code has come fails).
macro_rules! split_pages {
    ($view:ident($audience:ident), $preload:ident { $($route:ident => $page:ident),* $(,)? }) => {
        #[doc = concat!("The pages behind [`", stringify!($view), "`].")]
        #[derive(Clone, Copy)]
        pub enum $audience {
            $($route,)*
        }

        #[doc = concat!("Renders a page of [`", stringify!($audience), "`]: the split point of that audience's code.")]
        #[cfg(not(feature = "islands-only"))]
        #[leptos::lazy]
        fn $view(page: $audience) -> AnyView {
            match page {
                $($audience::$route => view! { <$page/> }.into_any(),)*
            }
        }

        #[doc = concat!("Renders a page of [`", stringify!($audience), "`]; in the islands' bundle, which never draws it.")]
        #[cfg(feature = "islands-only")]
        async fn $view(page: $audience) -> AnyView {
            match page {
                $($audience::$route => view! { <$page/> }.into_any(),)*
            }
        }

        $(
            #[doc = concat!("The route of [`", stringify!($page), "`], loaded with its audience's code.")]
            pub struct $route;

            impl LazyRoute for $route {
                fn data() -> Self {
                    Self
                }

                async fn view(_this: Self) -> AnyView {
                    $view($audience::$route).await
                }

                async fn preload() {
                    #[cfg(all(feature = "hydrate", not(feature = "islands-only")))]
                    $preload().await;
                }
            }
        )*
    };
}

split_pages! {
    pro_view(ProPage), __preload_pro_view {
        Structures => ProHomePage,
        PartnerSignUp => PartnerSignUpPage,
        Invitation => InvitationPage,
        Dashboard => DashboardHomePage,
        Venues => VenuesPage,
        Offers => OffersPage,
        NewOffer => NewOfferPage,
        Bookings => BookingsPage,
        Statement => StatementPage,
        PartnerPayments => PartnerPaymentsPage,
        OfferEditor => OfferEditorPage,
    }
}

split_pages! {
    counter_view(CounterPages), __preload_counter_view {
        Counter => CounterPage,
    }
}

split_pages! {
    admin_view(AdminPage), __preload_admin_view {
        Outbox => OutboxPage,
        Identities => IdentityReviewPage,
        StructureReview => StructureReviewPage,
        Moderation => ModerationPage,
        People => PeopleSearchPage,
        Person => PersonPage,
        AuditLog => AuditLogPage,
        OfferReview => OfferReviewPage,
        Runs => RunsPage,
        Run => RunPage,
        Policies => PoliciesPage,
    }
}

split_pages! {
    account_view(AccountPages), __preload_account_view {
        Account => AccountPage,
        SignUp => SignUpPage,
        ForgotPassword => ForgotPasswordPage,
        ResetPassword => ResetPasswordPage,
        ConfirmAddress => ConfirmAddressPage,
        AddressConfirmed => AddressConfirmedPage,
        Unsubscribe => UnsubscribePage,
        Notifications => NotificationsPage,
        Terms => TermsPage,
        Privacy => PrivacyPage,
        AcceptTerms => AcceptTermsPage,
        SignIn => LoginPage,
        MyBookings => MyBookingsPage,
        Ticket => TicketPage,
    }
}
