//! Every server function of the partner dashboard, called over HTTP against the real
//! server binary as each kind of visitor: an anonymous visitor, a young person, a
//! partner of another structure and the owner. The first three are refused and change
//! nothing; the owner succeeds. The list is checked against the server functions the
//! app registers, so a new dashboard function without a line here fails the test.

use leptos::server_fn::ServerFn;
use serde_json::Value;
use std::collections::BTreeSet;
use std::time::Duration;

use app::features::counter::api as counter;
use app::features::payments::api as payments;
use app::features::pro::api as pro;

mod support;
use support::*;

/// A partner with a structure of their own, who is not a member of the owner's.
async fn newcomer(base: &str) -> Visitor {
    Visitor::partner("newcomer", base, "newcomer@galerie.fr", &siren(5)).await
}

fn ids(value: &Value, key: &str) -> Vec<i64> {
    value.as_array().map_or_else(Vec::new, |list| {
        list.iter().filter_map(|v| v[key].as_i64()).collect()
    })
}

/// A form, as pairs of field and value.
type Form = Vec<(&'static str, String)>;

/// Who may call a function besides refusing the anonymous and the young.
#[derive(Clone, Copy, PartialEq)]
enum Scope {
    /// Only members of the structure that owns the thing.
    Owner,
    /// Any partner, for their own account (their structures, registering one).
    AnyPartner,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_dashboard_server_function_refuses_everyone_but_the_owner() {
    // The owner's new structure publishes at once (the team's review of first offers is
    // tested in people_authorization.rs and by the partner's browser journey).
    let server = start_server_on(
        "sqlite",
        &[("CLIENT_LIMITS", "off"), ("OFFERS_REVIEWED_FIRST", "0")],
    )
    .await;
    let base = server.base.clone();
    let anonymous = Visitor::new("anonymous", &base);
    let young = Visitor::new("young", &base);
    young.login("jeune@demo.culture-pass.fr", PASSWORD).await;
    let admin = Visitor::new("admin", &base);
    admin.login("admin@demo.culture-pass.fr", PASSWORD).await;
    let owner = Visitor::partner("owner", &base, "owner@theatre.fr", &siren(1)).await;
    let other = Visitor::partner("other", &base, "other@cinema.fr", &siren(2)).await;

    // The owner's structure, a venue, an event with three dates and a book, published;
    // the admin validates the structure; the young person books a date.
    let owner_id = owner.ok("/api/current_user", &[]).await["id"]
        .as_i64()
        .expect("id");
    let structures = owner.ok(pro::MyStructures::PATH, &[]).await;
    let structure = ids(&structures, "id")[0];
    let venue_form = |name: &str| -> Vec<(&'static str, String)> {
        vec![
            ("venue[name]", name.to_owned()),
            ("venue[no_siret_reason]", "Salle municipale prêtée".into()),
            ("venue[venue_type]", "SALLE_SPECTACLE".into()),
            ("venue[address]", "1 place Kléber".into()),
            ("venue[postal_code]", "67000".into()),
            ("venue[city]", "Strasbourg".into()),
            ("venue[latitude]", "48.5833".into()),
            ("venue[longitude]", "7.7458".into()),
        ]
    };
    let with = |mut form: Vec<(&'static str, String)>, extra: &[(&'static str, String)]| {
        form.extend_from_slice(extra);
        form
    };
    owner
        .ok(
            pro::AddVenue::PATH,
            &with(
                venue_form("Salle des fêtes"),
                &[("structure_id", structure.to_string())],
            ),
        )
        .await;
    let venues = owner
        .ok(
            pro::StructureVenues::PATH,
            &[("structure_id", structure.to_string())],
        )
        .await;
    let venue = venues
        .as_array()
        .and_then(|l| l.iter().find(|v| v["is_virtual"] == false))
        .and_then(|v| v["id"].as_i64())
        .expect("venue");
    let offer_form = |sub: &str, title: &str, duo: bool| -> Vec<(&'static str, String)> {
        vec![
            ("offer[subcategory]", sub.to_owned()),
            ("offer[title]", title.to_owned()),
            ("offer[is_duo]", duo.to_string()),
        ]
    };
    owner
        .ok(
            pro::CreateOffer::PATH,
            &with(
                offer_form("CONCERT", "Concert d'hiver", true),
                &[("venue_id", venue.to_string())],
            ),
        )
        .await;
    owner
        .ok(
            pro::CreateOffer::PATH,
            &with(
                offer_form("LIVRE_PAPIER", "Un roman", false),
                &[("venue_id", venue.to_string())],
            ),
        )
        .await;
    let virtual_venue = venues
        .as_array()
        .and_then(|l| l.iter().find(|v| v["is_virtual"] == true))
        .and_then(|v| v["id"].as_i64())
        .expect("virtual venue");
    owner
        .ok(
            pro::CreateOffer::PATH,
            &with(
                offer_form("LIVRE_NUMERIQUE", "Un e-book", false),
                &[
                    ("venue_id", virtual_venue.to_string()),
                    ("offer[url]", "https://lire.example.org".into()),
                ],
            ),
        )
        .await;
    let offers = owner
        .ok(
            pro::StructureOffers::PATH,
            &[("structure_id", structure.to_string())],
        )
        .await;
    let find_offer = |title: &str| {
        offers["offers"]
            .as_array()
            .and_then(|l| l.iter().find(|o| o["title"] == title))
            .and_then(|o| o["id"].as_i64())
            .expect("offer")
    };
    let (concert, book) = (find_offer("Concert d'hiver"), find_offer("Un roman"));
    let ebook = find_offer("Un e-book");
    owner
        .ok(
            pro::AddThingStock::PATH,
            &[
                ("offer_id", ebook.to_string()),
                ("price", "5".into()),
                ("quantity", String::new()),
                ("booking_limit", String::new()),
            ],
        )
        .await;
    owner
        .ok(
            pro::AddPriceCategory::PATH,
            &[
                ("offer_id", concert.to_string()),
                ("label", "Plein tarif".into()),
                ("price", "12".into()),
            ],
        )
        .await;
    let editor = owner
        .ok(
            pro::LoadOfferEditor::PATH,
            &[("offer_id", concert.to_string())],
        )
        .await;
    let category = editor["price_categories"][0]["id"]
        .as_i64()
        .expect("category");
    let tomorrow = (chrono::Utc::now() + chrono::Duration::days(1)).date_naive();
    let dates_form = |day: chrono::NaiveDate, times: &str| -> Vec<(&'static str, String)> {
        vec![
            ("offer_id", concert.to_string()),
            ("dates[price_category_id]", category.to_string()),
            ("dates[first_day]", day.to_string()),
            ("dates[last_day]", day.to_string()),
            ("dates[times]", times.to_owned()),
            ("dates[quantity]", "50".into()),
        ]
    };
    owner
        .ok(
            pro::AddEventDates::PATH,
            &dates_form(tomorrow, "18:00, 20:00, 22:00"),
        )
        .await;
    owner
        .ok(
            pro::PublishOffer::PATH,
            &[
                ("offer_id", concert.to_string()),
                ("publish", "true".into()),
            ],
        )
        .await;
    admin
        .ok(
            pro::DecideStructure::PATH,
            &[
                ("structure_id", structure.to_string()),
                ("validate", "true".into()),
            ],
        )
        .await;
    let editor = owner
        .ok(
            pro::LoadOfferEditor::PATH,
            &[("offer_id", concert.to_string())],
        )
        .await;
    let stocks = ids(&editor["stocks"], "id");
    assert_eq!(stocks.len(), 3);
    let booking = young
        .ok(
            "/api/book",
            &[
                ("stock_id", stocks[0].to_string()),
                ("quantity", "1".into()),
            ],
        )
        .await;
    let token = booking["token"].as_str().expect("token").to_owned();
    // The window to cancel an event tomorrow is already closed; validation opens the next second.
    tokio::time::sleep(Duration::from_millis(1100)).await;

    // A rule the store enforces in its transaction reaches the partner as a field message.
    let (status, body) = owner
        .call(
            pro::ChangeStock::PATH,
            &[
                ("stock_id", stocks[0].to_string()),
                ("quantity", "0".into()),
                ("begins_at", String::new()),
            ],
        )
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(
        body.contains("quantity") && body.contains("déjà réservées"),
        "{body}"
    );

    let s = || ("structure_id", structure.to_string());
    let o = || ("offer_id", concert.to_string());
    let table: Vec<(&'static str, Scope, Form)> = vec![
        (pro::MyStructures::PATH, Scope::AnyPartner, vec![]),
        (pro::MyBookingMail::PATH, Scope::AnyPartner, vec![]),
        (
            pro::ChooseBookingMail::PATH,
            Scope::AnyPartner,
            vec![("choice", "digest".into())],
        ),
        (pro::LoadDashboardHome::PATH, Scope::Owner, vec![s()]),
        (pro::StructureVenues::PATH, Scope::Owner, vec![s()]),
        (
            pro::AddVenue::PATH,
            Scope::Owner,
            with(venue_form("Kiosque"), &[s()]),
        ),
        (pro::StructureOffers::PATH, Scope::Owner, vec![s()]),
        (
            pro::CreateOffer::PATH,
            Scope::Owner,
            with(
                offer_form("CONCERT", "Concert de printemps", false),
                &[("venue_id", venue.to_string())],
            ),
        ),
        (pro::LoadOfferEditor::PATH, Scope::Owner, vec![o()]),
        (
            pro::UpdateOffer::PATH,
            Scope::Owner,
            with(
                offer_form("CONCERT", "Concert d'hiver (complet)", true),
                &[o()],
            ),
        ),
        (
            pro::AddPriceCategory::PATH,
            Scope::Owner,
            vec![o(), ("label", "Réduit".into()), ("price", "8".into())],
        ),
        (
            pro::AddThingStock::PATH,
            Scope::Owner,
            vec![
                ("offer_id", book.to_string()),
                ("price", "15".into()),
                ("quantity", "3".into()),
                ("booking_limit", String::new()),
            ],
        ),
        (
            pro::AddActivationCodes::PATH,
            Scope::Owner,
            vec![
                ("offer_id", ebook.to_string()),
                ("codes", "CODE-1\nCODE-2\n".into()),
                ("expires_on", String::new()),
            ],
        ),
        (
            pro::AddEventDates::PATH,
            Scope::Owner,
            dates_form(tomorrow + chrono::Duration::days(1), "20:00"),
        ),
        (
            pro::ChangeStock::PATH,
            Scope::Owner,
            vec![
                ("stock_id", stocks[1].to_string()),
                ("quantity", "40".into()),
                ("begins_at", String::new()),
            ],
        ),
        (
            pro::DeleteStock::PATH,
            Scope::Owner,
            vec![("stock_id", stocks[2].to_string())],
        ),
        (
            pro::PublishOffer::PATH,
            Scope::Owner,
            vec![o(), ("publish", "false".into())],
        ),
        (pro::StructureBookings::PATH, Scope::Owner, vec![s()]),
        (pro::ReimbursementStatement::PATH, Scope::Owner, vec![s()]),
        (
            pro::InviteColleague::PATH,
            Scope::Owner,
            vec![
                s(),
                ("email", "other@cinema.fr".into()),
                ("role", "editor".into()),
            ],
        ),
        (pro::StructureTeam::PATH, Scope::Owner, vec![s()]),
        // The payments' page and bank details (the whole way, editors included, is
        // server/tests/payments_authorization.rs).
        (payments::StructurePayments::PATH, Scope::Owner, vec![s()]),
        (
            payments::SaveBankDetails::PATH,
            Scope::Owner,
            vec![
                s(),
                ("holder", "Théâtre du test".into()),
                ("iban", "FR7630006000011234567890189".into()),
                ("bic", "AGRIFRPP".into()),
            ],
        ),
        (
            pro::ChangeMember::PATH,
            Scope::Owner,
            vec![
                s(),
                ("user_id", owner_id.to_string()),
                ("role", "admin".into()),
            ],
        ),
        (
            counter::FindTicket::PATH,
            Scope::Owner,
            vec![("token", token.clone())],
        ),
        (
            counter::ValidateTicket::PATH,
            Scope::Owner,
            vec![("token", token.clone())],
        ),
        (
            counter::UndoValidation::PATH,
            Scope::Owner,
            vec![("token", token.clone())],
        ),
        (
            counter::CancelBooking::PATH,
            Scope::Owner,
            vec![
                ("token", token.clone()),
                ("reason", "Concert reporté".into()),
            ],
        ),
    ];

    // Every dashboard function is in the table (sign-up, registering a structure and
    // accepting an invitation are checked below: they act on the caller's own account).
    let registered: BTreeSet<&str> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path)
        .filter(|path| {
            path.starts_with("/api/pro/")
                || [counter::FindTicket::PATH, counter::ValidateTicket::PATH].contains(path)
        })
        .collect();
    let mut listed: BTreeSet<&str> = table.iter().map(|(path, _, _)| *path).collect();
    listed.extend([
        pro::PartnerSignUp::PATH,
        pro::RegisterStructure::PATH,
        pro::AcceptInvitation::PATH,
    ]);
    assert_eq!(
        registered, listed,
        "every dashboard server function is checked here"
    );

    for (path, scope, form) in &table {
        for visitor in [&anonymous, &young, &other] {
            let (status, body) = visitor.call(path, form).await;
            let allowed = *scope == Scope::AnyPartner && visitor.name == "other";
            if allowed {
                assert!(
                    (200..300).contains(&status),
                    "{} {path}: {status} {body}",
                    visitor.name
                );
                assert!(
                    !body.contains("Structure owner"),
                    "another partner sees only their own structures"
                );
            } else {
                assert!(
                    (400..500).contains(&status),
                    "{} {path} must be refused: {status} {body}",
                    visitor.name
                );
            }
        }
        owner.ok(path, form).await;
    }

    // What the refused calls would have changed did not change.
    let editor = owner.ok(pro::LoadOfferEditor::PATH, &[o()]).await;
    assert_eq!(editor["title"], "Concert d'hiver (complet)");
    assert_eq!(
        editor["price_categories"].as_array().map(Vec::len),
        Some(2),
        "one category added, by the owner"
    );
    assert_eq!(
        ids(&editor["stocks"], "id").len(),
        3,
        "three dates, one deleted, one added"
    );

    let codes = owner
        .ok(
            pro::LoadOfferEditor::PATH,
            &[("offer_id", ebook.to_string())],
        )
        .await;
    assert_eq!(codes["codes"]["free"], 2, "codes added by the owner alone");

    // Self-service functions: refused to the anonymous and the young.
    for (path, form) in [
        (
            pro::RegisterStructure::PATH,
            vec![("name", "X".to_owned()), ("siren", siren(3))],
        ),
        (pro::AcceptInvitation::PATH, vec![("token", "0".repeat(64))]),
    ] {
        for visitor in [&anonymous, &young] {
            let (status, _) = visitor.call(path, &form).await;
            assert!(
                (400..500).contains(&status),
                "{} {path}: {status}",
                visitor.name
            );
        }
    }
    // An invitation link works once, for the partner who opens it.
    let mails = admin
        .ok("/api/outbox", &[("destinataire", String::new())])
        .await;
    let link = mails["rows"]
        .as_array()
        .and_then(|m| {
            m.iter()
                .find_map(|m| m["body"].as_str().and_then(|b| b.split("jeton=").nth(1)))
        })
        .expect("invitation mail");
    let invitation = link.split_whitespace().next().expect("token").to_owned();
    let (status, _) = other
        .call(pro::AcceptInvitation::PATH, &[("token", "0".repeat(64))])
        .await;
    assert_eq!(status, 400, "an unknown invitation is refused");
    other
        .ok(
            pro::AcceptInvitation::PATH,
            &[("token", invitation.clone())],
        )
        .await;
    other.ok(pro::LoadDashboardHome::PATH, &[s()]).await;
    let (status, _) = other
        .call(pro::AcceptInvitation::PATH, &[("token", invitation)])
        .await;
    assert_eq!(status, 400, "an invitation is used once");

    // Invited as an editor: they work on the structure but do not manage its team.
    let other_id = other.ok("/api/current_user", &[]).await["id"]
        .as_i64()
        .expect("id");
    let team = other.ok(pro::StructureTeam::PATH, &[s()]).await;
    assert_eq!(team["manages"], false, "{team}");
    assert_eq!(team["members"].as_array().map(Vec::len), Some(2));
    let change =
        |who: i64, role: &str| vec![s(), ("user_id", who.to_string()), ("role", role.to_owned())];
    for form in [
        change(owner_id, "editor"),
        change(other_id, "admin"),
        change(owner_id, ""),
        vec![
            s(),
            ("email", "third@cinema.fr".into()),
            ("role", "admin".into()),
        ],
    ] {
        let path = if form.iter().any(|(k, _)| *k == "email") {
            pro::InviteColleague::PATH
        } else {
            pro::ChangeMember::PATH
        };
        let (status, body) = other.call(path, &form).await;
        assert_eq!(status, 403, "an editor calls {path}: {body}");
    }
    assert_eq!(
        owner.ok(pro::StructureTeam::PATH, &[s()]).await["members"][0]["role"],
        "admin",
        "nothing changed"
    );
    // The last administrator stays one; a second one lets the first step down.
    let (status, body) = owner
        .call(pro::ChangeMember::PATH, &change(owner_id, "editor"))
        .await;
    assert_eq!(status, 400, "the last administrator: {body}");
    assert!(body.contains("\"field\":\"role\""), "{body}");
    let (status, _) = owner
        .call(pro::ChangeMember::PATH, &change(owner_id, "owner"))
        .await;
    assert_eq!(status, 400, "no such role");
    owner
        .ok(pro::ChangeMember::PATH, &change(other_id, "admin"))
        .await;
    assert_eq!(
        other.ok(pro::StructureTeam::PATH, &[s()]).await["manages"],
        true
    );
    owner
        .ok(pro::ChangeMember::PATH, &change(owner_id, "editor"))
        .await;
    let (status, _) = other
        .call(pro::ChangeMember::PATH, &change(other_id, ""))
        .await;
    assert_eq!(status, 400, "the last administrator does not leave");
    other
        .ok(pro::ChangeMember::PATH, &change(owner_id, "admin"))
        .await;
    owner
        .ok(pro::ChangeMember::PATH, &change(other_id, ""))
        .await;
    let (status, _) = other.call(pro::LoadDashboardHome::PATH, &[s()]).await;
    assert_eq!(status, 403, "out of the team, out of the structure");
    let (status, _) = owner
        .call(pro::ChangeMember::PATH, &change(other_id, "admin"))
        .await;
    assert_eq!(status, 404, "not a member any more");

    // Administrators' functions refuse partners and the young.
    for visitor in [&anonymous, &young, &owner] {
        let (status, _) = visitor.call(pro::PendingStructures::PATH, &[]).await;
        assert!(
            (400..500).contains(&status),
            "{} pending structures: {status}",
            visitor.name
        );
        let (status, _) = visitor
            .call(
                pro::DecideStructure::PATH,
                &[
                    ("structure_id", structure.to_string()),
                    ("validate", "false".into()),
                ],
            )
            .await;
        assert!(
            (400..500).contains(&status),
            "{} decide: {status}",
            visitor.name
        );
    }

    // Uploading an image goes through the same check.
    let poster = {
        let image = image::RgbImage::from_pixel(500, 500, image::Rgb([200, 40, 90]));
        let mut bytes = std::io::Cursor::new(Vec::new());
        image
            .write_to(&mut bytes, image::ImageFormat::Png)
            .expect("png");
        bytes.into_inner()
    };
    let upload_as = |visitor: &Visitor, accept: &'static str| {
        let form = reqwest::multipart::Form::new().part(
            "image",
            reqwest::multipart::Part::bytes(poster.clone()).file_name("affiche.png"),
        );
        visitor
            .client
            .post(format!("{base}/pro/offres/{concert}/image"))
            .header("Accept", accept)
            .multipart(form)
            .send()
    };
    let upload = |visitor: &Visitor| upload_as(visitor, "application/json");
    for (visitor, expected) in [
        (&anonymous, 401),
        (&young, 403),
        (&newcomer(&base).await, 403),
    ] {
        let status = upload(visitor).await.expect("upload").status().as_u16();
        assert_eq!(status, expected, "{} image upload", visitor.name);
    }
    let status = upload_as(&owner, "text/html,application/xhtml+xml")
        .await
        .expect("upload")
        .status()
        .as_u16();
    assert_eq!(status, 303, "the owner's form goes back to the offer page");
    let status = upload(&owner).await.expect("upload").status().as_u16();
    assert_eq!(status, 204, "a program's upload is answered without a page");
    // The concert is paused: its image is its partners' only until it is shown again.
    let thumbnail_url = format!("{base}/images/offres/{concert}/vignette.jpg");
    let hidden = anonymous
        .client
        .get(&thumbnail_url)
        .send()
        .await
        .expect("get");
    assert_eq!(
        hidden.status().as_u16(),
        404,
        "not shown to the young, not served to them"
    );
    let image = owner.client.get(&thumbnail_url).send().await.expect("get");
    assert_eq!(image.headers()["content-type"], "image/jpeg");
    assert_eq!(
        image.headers()["cache-control"],
        "private, no-cache",
        "no shared cache keeps a partner's image; their browser asks again each time"
    );
    let etag = image.headers()["etag"].clone();
    let thumbnail = image::load_from_memory(&image.bytes().await.expect("bytes")).expect("a JPEG");
    assert_eq!((thumbnail.width(), thumbnail.height()), (400, 400));
    // Asked again with its tag: not sent twice; to someone else, the tag opens nothing.
    let again = owner
        .client
        .get(&thumbnail_url)
        .header("if-none-match", etag.clone())
        .send()
        .await
        .expect("get");
    assert_eq!(again.status().as_u16(), 304);
    assert!(again.bytes().await.expect("body").is_empty());
    let guessed = anonymous
        .client
        .get(&thumbnail_url)
        .header("if-none-match", etag)
        .send()
        .await
        .expect("get");
    assert_eq!(guessed.status().as_u16(), 404);

    // The downloads go through the same check.
    let csv = format!("/pro/structures/{structure}/reservations.csv");
    for (visitor, expected) in [(&anonymous, 401), (&young, 403)] {
        let status = visitor
            .client
            .get(format!("{base}{csv}"))
            .send()
            .await
            .expect("get")
            .status()
            .as_u16();
        assert_eq!(status, expected, "{} export", visitor.name);
    }
    let stranger = Visitor::partner("stranger", &base, "stranger@musee.fr", &siren(4)).await;
    let status = stranger
        .client
        .get(format!("{base}{csv}"))
        .send()
        .await
        .expect("get")
        .status()
        .as_u16();
    assert_eq!(status, 403, "another structure's export");
    let file = owner
        .client
        .get(format!("{base}{csv}"))
        .send()
        .await
        .expect("get");
    assert_eq!(file.status().as_u16(), 200);
    let text = file.text().await.expect("csv");
    assert!(
        text.starts_with('\u{feff}'),
        "a byte-order mark for spreadsheets"
    );
    assert!(
        text.contains(&token) && text.contains("Annulée par vous : Concert reporté"),
        "{text}"
    );
    assert!(
        text.starts_with("\u{feff}Offre;Date de l'événement;"),
        "{text}"
    );

    // Asked in English: English columns, words and name, and the comma English
    // spreadsheets split on; a refusal says why in English too.
    let english = |visitor: &Visitor| {
        visitor
            .client
            .get(format!("{base}{csv}"))
            .header("accept-language", "en-GB,en;q=0.9")
            .send()
    };
    let file = english(&owner).await.expect("get");
    assert_eq!(file.status().as_u16(), 200);
    let name = file.headers()["content-disposition"]
        .to_str()
        .expect("ascii");
    assert_eq!(
        name,
        format!("attachment; filename=\"bookings-{structure}.csv\"")
    );
    let text = file.text().await.expect("csv");
    assert!(
        text.starts_with("\u{feff}Offer,Event date,Beneficiary,Email,Ticket code,"),
        "{text}"
    );
    assert!(
        text.contains(&token) && text.contains("Cancelled by you: Concert reporté"),
        "{text}"
    );
    let refused = english(&young).await.expect("get");
    assert_eq!(refused.status().as_u16(), 403);
    assert_eq!(
        refused.text().await.expect("reason"),
        "This page is for another kind of account"
    );
}
