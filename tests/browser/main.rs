//! End-to-end tests in a real browser: Debian's Chromium driven through chromedriver.
//! They need the built widget (`cargo xtask test` builds it first) and are ignored by a
//! plain `cargo test`; `cargo xtask test` runs them with `--ignored`.

use std::{
    net::TcpListener,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use fantoccini::{elements::Element, Client, ClientBuilder, Locator};
use serde_json::json;
use tests::{smtp::SmtpServer, TestApp, TestAppOptions};

/// A chromedriver of our own on a free port, killed when dropped.
struct ChromeDriver {
    child: Child,
    url: String,
}

impl ChromeDriver {
    fn start() -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        let binary = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let child = Command::new(&binary)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start {binary}: {e} (apt-get install chromium-driver)")
            });
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Self { child, url }
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn browser(driver: &ChromeDriver, profile: &tempfile::TempDir) -> Client {
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".into(),
        json!({
            "args": [
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=390,844",
                format!("--user-data-dir={}", profile.path().display()),
            ]
        }),
    );
    ClientBuilder::rustls()
        .expect("a TLS setup for the WebDriver client")
        .capabilities(capabilities)
        .connect(&driver.url)
        .await
        .expect("a Chromium session")
}

async fn app() -> TestApp {
    app_with(TestAppOptions::default()).await
}

async fn app_with(options: TestAppOptions) -> TestApp {
    for bundle in [
        "frontend/dist/index.html",
        "frontend/dist/staff/index.html",
        "frontend/dist/manage-app/index.html",
    ] {
        let index = tests::workspace_root().join(bundle);
        assert!(
            index.exists(),
            "{} is missing: build the frontend first (cargo xtask test does)",
            index.display()
        );
    }
    TestApp::spawn_with(options.with_built_frontend().with_demo_data()).await
}

/// Types into the input with this id.
async fn fill(client: &Client, id: &str, text: &str) {
    let input = client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Id(id))
        .await
        .unwrap_or_else(|e| panic!("no #{id}: {e}"));
    input.clear().await.unwrap();
    input.send_keys(text).await.unwrap();
}

async fn click_button(client: &Client, text: &str) {
    let xpath = format!("//button[normalize-space(.)='{text}']");
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::XPath(&xpath))
        .await
        .unwrap_or_else(|e| panic!("no button {text:?}: {e}"))
        .click()
        .await
        .unwrap();
}

/// Waits until the element's text contains `expected`, and returns it.
async fn wait_for_text(client: &Client, css: &str, expected: &str) -> Element {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Ok(element) = client.find(Locator::Css(css)).await {
            if element.text().await.is_ok_and(|t| t.contains(expected)) {
                return element;
            }
        }
        if Instant::now() > deadline {
            let page = client.source().await.unwrap_or_default();
            panic!("no `{css}` containing {expected:?} appeared; the page was:\n{page}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
#[ignore = "needs chromium, chromedriver and the built widget; run by cargo xtask test"]
async fn the_home_page_shows_the_service_status_from_the_api() {
    tests::install_crypto_provider();
    let app = app().await;
    let driver = ChromeDriver::start();
    let profile = tempfile::tempdir().unwrap();
    let client = browser(&driver, &profile).await;

    client.goto(&app.url("/")).await.unwrap();
    wait_for_text(&client, "#service-status", "Peer Lounge is open").await;

    // The skip link is the first thing a keyboard user reaches, and leads to the main content.
    let first_focusable = client
        .execute(
            "return document.querySelector('a[href], button, input, select, textarea, [tabindex]:not([tabindex=\"-1\"])')?.getAttribute('href');",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(first_focusable, json!("#main"));
    assert!(client.find(Locator::Css("main#main")).await.is_ok());

    client.close().await.unwrap();
}

#[tokio::test]
#[ignore = "needs chromium, chromedriver and the built widget; run by cargo xtask test"]
async fn young_people_can_browse_mentors_and_events_from_the_database() {
    tests::install_crypto_provider();
    let app = app().await;
    let driver = ChromeDriver::start();
    let profile = tempfile::tempdir().unwrap();
    let client = browser(&driver, &profile).await;

    client.goto(&app.url("/")).await.unwrap();
    wait_for_text(&client, "#service-status", "Peer Lounge is open").await;
    client
        .find(Locator::LinkText("Mentors"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(&client, "main", "Jordan").await;
    wait_for_text(&client, "main", "Amani").await;
    assert!(client
        .current_url()
        .await
        .unwrap()
        .path()
        .ends_with("/mentors"));

    // A deep link loads the app shell and its route directly.
    client.goto(&app.url("/events")).await.unwrap();
    wait_for_text(&client, "main", "Game night").await;

    client.close().await.unwrap();
}

/// Issue 3's promise: the demo admin invites a mentor, who follows the emailed link, sets
/// a password and signs in.
#[tokio::test]
#[ignore = "needs chromium, chromedriver and the built widget; run by cargo xtask test"]
async fn an_admin_invites_a_mentor_who_sets_a_password_and_signs_in() {
    tests::install_crypto_provider();
    let smtp = SmtpServer::start();
    let app = app_with(TestAppOptions::default().with_smtp(&smtp)).await;
    let login = std::fs::read_to_string(app.data_dir.path().join("demo-staff-login.txt")).unwrap();
    let field = |name: &str| {
        login
            .lines()
            .find_map(|line| line.strip_prefix(&format!("{name}: ")))
            .unwrap()
            .to_owned()
    };
    let (admin_email, admin_password) = (field("email"), field("password"));

    let driver = ChromeDriver::start();
    let profile = tempfile::tempdir().unwrap();
    let client = browser(&driver, &profile).await;

    client.goto(&app.url("/staff")).await.unwrap();
    fill(&client, "staff-email", &admin_email).await;
    fill(&client, "staff-password", &admin_password).await;
    click_button(&client, "Sign in").await;
    wait_for_text(&client, "main", "Signed in as").await;

    client.goto(&app.url("/staff/users")).await.unwrap();
    fill(&client, "invite-email", "river@agency.example.org").await;
    fill(&client, "invite-name", "River").await;
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Id("invite-roles-mentor"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    click_button(&client, "Send invitation").await;
    wait_for_text(
        &client,
        "main",
        "We've sent an invitation to river@agency.example.org",
    )
    .await;

    app.run_due_emails(chrono::Utc::now()).await;
    let invite = smtp.wait_for(1).await.remove(0);
    assert_eq!(invite.to, ["river@agency.example.org"]);
    let token = invite.link_token().expect("the invitation carries a link");

    // Sign the admin out, then follow the emailed link (on the test server's address).
    click_button(&client, "Sign out").await;
    client
        .goto(&app.url(&format!("/staff/set-password#token={token}")))
        .await
        .unwrap();
    fill(&client, "new-password", "river runs deep and wide").await;
    click_button(&client, "Set password").await;
    wait_for_text(&client, "main", "Your password is set").await;
    let address = client.current_url().await.unwrap();
    assert!(
        !address.as_str().contains(&token),
        "the token leaves the address bar"
    );

    client.goto(&app.url("/staff")).await.unwrap();
    fill(&client, "staff-email", "river@agency.example.org").await;
    fill(&client, "staff-password", "river runs deep and wide").await;
    click_button(&client, "Sign in").await;
    wait_for_text(&client, "main", "River").await;
    wait_for_text(&client, "main", "(peer mentor)").await;

    client.close().await.unwrap();
}

/// A port nobody listens on now, so the server's public URL (used in manage links) can be
/// known before it starts.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port()
}

/// Issue 4's promise: a young person books a lounge slot through the widget embedded in
/// an agency page, opens the manage link, moves the booking and cancels it.
#[tokio::test]
#[ignore = "needs chromium, chromedriver and the built widget; run by cargo xtask test"]
async fn a_young_person_books_through_the_embedded_widget_then_reschedules_and_cancels() {
    tests::install_crypto_provider();
    let port = free_port();
    let address = format!("http://127.0.0.1:{port}");
    let app = app_with(
        TestAppOptions::default()
            .set("PEERLOUNGE_BIND", format!("127.0.0.1:{port}"))
            .set("PEERLOUNGE_PUBLIC_URL", address.clone()),
    )
    .await;
    let driver = ChromeDriver::start();
    let profile = tempfile::tempdir().unwrap();
    let client = browser(&driver, &profile).await;

    client.goto(&app.url("/embed-demo.html")).await.unwrap();
    let frame = client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("iframe"))
        .await
        .unwrap();
    frame.clone().enter_frame().await.unwrap();
    let slot = client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("[data-slot-start]"))
        .await
        .expect("the embedded lounge lists bookable times");
    let first_start = slot.attr("data-slot-start").await.unwrap().unwrap();
    slot.click().await.unwrap();

    let name_input =
        "//input[@id=//label[contains(normalize-space(.), 'Your name or nickname')]/@for]";
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::XPath(name_input))
        .await
        .unwrap()
        .send_keys("Robin")
        .await
        .unwrap();
    click_button(&client, "Book my spot").await;
    let manage_link = client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Id("manage-link"))
        .await
        .expect("the confirmation shows the manage link");
    let manage_url = manage_link.attr("href").await.unwrap().unwrap();
    assert!(
        manage_url.starts_with(&format!("{address}/manage#token=")),
        "{manage_url}"
    );

    // The frame told the agency page its height.
    client.enter_parent_frame().await.unwrap();
    let height = frame.css_value("height").await.unwrap();
    assert!(height.ends_with("px") && height != "0px", "{height}");

    client.goto(&manage_url).await.unwrap();
    wait_for_text(&client, "#booking-status", "").await;
    click_button(&client, "Change time").await;
    let other = client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::XPath(&format!(
            "//*[@data-slot-start and @data-slot-start!='{first_start}']"
        )))
        .await
        .expect("other times to move to");
    let new_start = other.attr("data-slot-start").await.unwrap().unwrap();
    other.click().await.unwrap();
    // The booking now holds the new time.
    let token = manage_url.split("#token=").nth(1).unwrap().to_owned();
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        let booking: shared::Booking = app.get_json(&format!("/api/bookings/manage/{token}")).await;
        if booking.start.to_rfc3339()
            == chrono::DateTime::parse_from_rfc3339(&new_start)
                .unwrap()
                .to_rfc3339()
        {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the booking did not move"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    click_button(&client, "Cancel my spot").await;
    click_button(&client, "Yes, cancel").await;
    wait_for_text(&client, "#booking-status", "Cancelled").await;
    let booking: shared::Booking = app.get_json(&format!("/api/bookings/manage/{token}")).await;
    assert_eq!(booking.status, shared::BookingStatus::Cancelled);

    client.close().await.unwrap();
}

/// A fixed-offset zone where it is about noon right now, so a test's slots, check-ins
/// and walk-ins all fall on the lounge's today whenever the test runs.
fn zone_where_it_is_noon() -> String {
    use chrono::Timelike;
    let hours_ahead_of_utc = 12 - i64::from(chrono::Utc::now().hour());
    // The tz database writes UTC+3 as Etc/GMT-3.
    match hours_ahead_of_utc {
        0 => "Etc/GMT".to_owned(),
        ahead if ahead > 0 => format!("Etc/GMT-{ahead}"),
        behind => format!("Etc/GMT+{}", -behind),
    }
}

/// Issue 4's staff side: the demo admin opens the day sheet for a space with a booking
/// made through the API, checks the young person in and counts a walk-in; the API then
/// shows both.
#[tokio::test]
#[ignore = "needs chromium, chromedriver and the built widget; run by cargo xtask test"]
async fn the_demo_admin_checks_a_young_person_in_and_counts_a_walk_in_on_the_day_sheet() {
    tests::install_crypto_provider();
    let zone = zone_where_it_is_noon();
    let app = app_with(TestAppOptions::default().set("PEERLOUNGE_TIMEZONE", zone.clone())).await;
    let login = std::fs::read_to_string(app.data_dir.path().join("demo-staff-login.txt")).unwrap();
    let field = |name: &str| {
        login
            .lines()
            .find_map(|line| line.strip_prefix(&format!("{name}: ")))
            .unwrap()
            .to_owned()
    };
    let (admin_email, admin_password) = (field("email"), field("password"));

    // A space open all day and bookable up to the start of a slot, with Robin booked
    // into the next slot through the public API.
    let admin = app.signed_in_client(&admin_email, &admin_password).await;
    let space: shared::AdminSpace = admin
        .post(app.url("/api/admin/spaces"))
        .json(&json!({"name": "Garden room", "capacity": 3}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let space_id = space.space.id;
    let rules: Vec<_> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .map(|day| json!({"weekday": day, "opens": "00:00", "closes": "23:30", "slot_minutes": 30}))
        .collect();
    let response = admin
        .put(app.url(&format!("/api/admin/spaces/{space_id}/opening-hours")))
        .json(&json!({"rules": rules}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let response = admin
        .patch(app.url(&format!("/api/admin/spaces/{space_id}")))
        .json(&json!({"min_notice_minutes": 0}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let tz: chrono_tz::Tz = zone.parse().unwrap();
    let today = chrono::Utc::now().with_timezone(&tz).date_naive();
    let slots: Vec<shared::SlotAvailability> = app
        .get_json(&format!(
            "/api/spaces/{space_id}/slots?from={today}&to={today}"
        ))
        .await;
    let slot = slots.first().expect("a slot later today");
    let response = app
        .post_json(
            "/api/bookings",
            &json!({"kind": "lounge", "space_id": space_id, "start": slot.start, "name": "Robin"}),
        )
        .await;
    assert_eq!(response.status(), 201);
    let booking: shared::Booking = response.json().await.unwrap();

    let driver = ChromeDriver::start();
    let profile = tempfile::tempdir().unwrap();
    let client = browser(&driver, &profile).await;

    client.goto(&app.url("/staff")).await.unwrap();
    fill(&client, "staff-email", &admin_email).await;
    fill(&client, "staff-password", &admin_password).await;
    click_button(&client, "Sign in").await;
    wait_for_text(&client, "main", "Signed in as").await;
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::XPath(
            "//nav[@aria-label='Console']//a[normalize-space(.)='Day sheet']",
        ))
        .await
        .expect("the day sheet is in the admin's navigation")
        .click()
        .await
        .unwrap();

    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Id("day-space"))
        .await
        .unwrap()
        .select_by_value(&space_id.to_string())
        .await
        .unwrap();
    click_button(&client, "Show").await;
    wait_for_text(&client, "main h2", "Garden room").await;
    wait_for_text(&client, "main h2", "(today)").await;
    let robin = "//tr[th[normalize-space(.)='Robin']]";
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::XPath(&format!(
            "{robin}//button[starts-with(normalize-space(.), 'Check in')]"
        )))
        .await
        .expect("Robin is on the day sheet with a check-in button")
        .click()
        .await
        .unwrap();
    wait_for_text(&client, "main p.saved", "Robin: Checked in.").await;
    wait_for_text(&client, "main .sheet-table tbody tr", "Checked in").await;

    let robins_slot = format!("//li[contains(@class, 'slot-sheet')][.{robin}]");
    client
        .find(Locator::XPath(&format!(
            "{robins_slot}//button[starts-with(normalize-space(.), 'Add a walk-in')]"
        )))
        .await
        .expect("a walk-in counter on Robin's slot")
        .click()
        .await
        .unwrap();
    wait_for_text(&client, "main p.saved", "1 of 3 seats free").await;
    // The sheet re-reads the day after the change: wait for the slot to show it.
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        let seats = client
            .find(Locator::XPath(&format!("{robins_slot}//dl")))
            .await
            .unwrap()
            .text()
            .await
            .unwrap_or_default();
        if seats.contains("1 of 3 seats free") {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the slot still shows: {seats}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // The API holds both changes.
    let sheet: shared::DaySheet = admin
        .get(app.url(&format!("/api/admin/spaces/{space_id}/day?date={today}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let row = sheet
        .slots
        .iter()
        .find(|s| s.start == booking.start)
        .expect("Robin's slot on the sheet");
    assert_eq!(row.walk_ins, 1);
    assert_eq!(row.booked, 1);
    assert_eq!(
        row.bookings
            .iter()
            .map(|b| (b.id, b.name.as_str(), b.status))
            .collect::<Vec<_>>(),
        [(booking.id, "Robin", shared::BookingStatus::Attended)]
    );

    client.close().await.unwrap();
}

/// Issue 6's promise: a young person filters the mentors by a topic, picks one, books
/// office hours with a note for them, and the mentor sees the session (name and note,
/// never an email) on their own page in the console.
#[tokio::test]
#[ignore = "needs chromium, chromedriver and the built widget; run by cargo xtask test"]
async fn a_young_person_picks_a_mentor_by_topic_and_books_office_hours_the_mentor_sees() {
    tests::install_crypto_provider();
    let app = app().await;
    let login = std::fs::read_to_string(app.data_dir.path().join("demo-staff-login.txt")).unwrap();
    let field = |name: &str| {
        login
            .lines()
            .find_map(|line| line.strip_prefix(&format!("{name}: ")))
            .unwrap()
            .to_owned()
    };
    let admin = app
        .signed_in_client(&field("email"), &field("password"))
        .await;

    // Kai, a screened and published mentor on a topic no demo mentor shares, with office
    // hours all day every day so there are times whenever the test runs.
    let response = admin
        .post(app.url("/api/admin/topics"))
        .json(&json!({"name": "Leaving care"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let (kai_email, kai_password) = ("kai@agency.example.org", "kai keeps the kettle warm");
    app.create_staff(kai_email, kai_password, &[shared::Role::Mentor])
        .await;
    let kai = app.signed_in_client(kai_email, kai_password).await;
    let profile: shared::OwnMentorProfile = kai
        .put(app.url("/api/mentor/profile"))
        .json(&json!({
            "display_name": "Kai",
            "pronouns": "he/him",
            "title": "Peer mentor",
            "bio": "Left care two years ago; happy to talk about moving on.",
            "topics": ["Leaving care"],
            "languages": ["English"],
            "interests": [],
            "meets": ["quiet_room"],
            "published": true,
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let screened_until = chrono::Utc::now().date_naive() + chrono::Duration::days(90);
    let response = admin
        .patch(app.url(&format!("/api/supervision/mentors/{}", profile.id)))
        .json(&json!({"screening_valid_until": screened_until}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let rules: Vec<_> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .map(|day| json!({"weekday": day, "opens": "00:00", "closes": "23:00", "slot_minutes": 60}))
        .collect();
    let response = kai
        .put(app.url("/api/mentor/office-hours"))
        .json(&json!({"rules": rules, "room": "Quiet room"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);

    let driver = ChromeDriver::start();
    let profile_dir = tempfile::tempdir().unwrap();
    let client = browser(&driver, &profile_dir).await;

    client.goto(&app.url("/mentors")).await.unwrap();
    wait_for_text(&client, "main", "Jordan").await;
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("#filter-topic option[value='Leaving care']"))
        .await
        .expect("the agency's topics are offered as a filter");
    client
        .find(Locator::Id("filter-topic"))
        .await
        .unwrap()
        .select_by_value("Leaving care")
        .await
        .unwrap();
    wait_for_text(&client, "main [role=status]", "1 peer mentor").await;
    let cards = client
        .find_all(Locator::Css("main li.mentor h2"))
        .await
        .unwrap();
    let mut names = Vec::new();
    for card in cards {
        names.push(card.text().await.unwrap());
    }
    assert_eq!(names, ["Kai"], "only Kai shares the chosen topic");

    client
        .find(Locator::XPath(
            "//main//li[contains(@class, 'mentor')]//a[normalize-space(.)='Kai']",
        ))
        .await
        .expect("Kai's card links to his page")
        .click()
        .await
        .unwrap();
    wait_for_text(&client, "main h1", "Kai").await;
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("[data-slot-start]:not([disabled])"))
        .await
        .expect("Kai's page lists free times")
        .click()
        .await
        .unwrap();
    fill(&client, "booking-name", "Robin").await;
    fill(&client, "booking-topic", "Finding a flat after care").await;
    click_button(&client, "Book my spot").await;
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Id("manage-link"))
        .await
        .expect("the confirmation shows the manage link");

    // Kai signs in and finds the session on his page.
    client.goto(&app.url("/staff")).await.unwrap();
    fill(&client, "staff-email", kai_email).await;
    fill(&client, "staff-password", kai_password).await;
    click_button(&client, "Sign in").await;
    wait_for_text(&client, "main", "Signed in as").await;
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::XPath(
            "//nav[@aria-label='Console']//a[normalize-space(.)='Mentoring']",
        ))
        .await
        .expect("mentoring is in a mentor's navigation")
        .click()
        .await
        .unwrap();
    wait_for_text(&client, "main", "Robin").await;
    wait_for_text(&client, "main", "Finding a flat after care").await;

    client.close().await.unwrap();
}

/// Sets an input's value the way typing does for Yew (an `input` event), for controls
/// such as datetime-local whose typing differs between browsers.
async fn set_value(client: &Client, id: &str, value: &str) {
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Id(id))
        .await
        .unwrap_or_else(|e| panic!("no #{id}: {e}"));
    client
        .execute(
            "const input = document.getElementById(arguments[0]); \
             input.value = arguments[1]; \
             input.dispatchEvent(new Event('input', { bubbles: true })); \
             input.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![json!(id), json!(value)],
        )
        .await
        .unwrap();
}

/// Issue 7's promise: a mentor creates and publishes an event with an agenda in the
/// console; a young person registers through the widget and the event (one seat) is
/// full; a second joins the waitlist and gets the seat when the first cancels.
#[tokio::test]
#[ignore = "needs chromium, chromedriver and the built widget; run by cargo xtask test"]
async fn a_mentor_publishes_an_event_that_fills_and_the_waitlist_is_promoted_on_a_cancellation() {
    tests::install_crypto_provider();
    let port = free_port();
    let address = format!("http://127.0.0.1:{port}");
    let app = app_with(
        TestAppOptions::default()
            .set("PEERLOUNGE_BIND", format!("127.0.0.1:{port}"))
            .set("PEERLOUNGE_PUBLIC_URL", address.clone()),
    )
    .await;
    let (kai_email, kai_password) = ("kai@agency.example.org", "kai keeps the kettle warm");
    app.create_staff(kai_email, kai_password, &[shared::Role::Mentor])
        .await;

    let driver = ChromeDriver::start();
    let profile = tempfile::tempdir().unwrap();
    let client = browser(&driver, &profile).await;

    // Kai writes the event in the console and publishes it.
    client.goto(&app.url("/staff")).await.unwrap();
    fill(&client, "staff-email", kai_email).await;
    fill(&client, "staff-password", kai_password).await;
    click_button(&client, "Sign in").await;
    wait_for_text(&client, "main", "Signed in as").await;
    client.goto(&app.url("/staff/events/new")).await.unwrap();
    let zone: chrono_tz::Tz = "America/New_York".parse().unwrap();
    let day = chrono::Utc::now().with_timezone(&zone).date_naive() + chrono::Duration::days(5);
    fill(&client, "event-title", "Budgeting workshop").await;
    fill(&client, "event-summary", "Making your money last the month").await;
    set_value(&client, "event-start", &format!("{day}T17:00")).await;
    set_value(&client, "event-end", &format!("{day}T18:30")).await;
    fill(&client, "event-place", "Town library, room 2").await;
    fill(&client, "event-capacity", "1").await;
    client
        .find(Locator::Id("event-waitlist"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    // The agenda is released a week ahead and shown publicly, so the event page has it.
    set_value(&client, "event-release-days", "7").await;
    client
        .find(Locator::Id("event-release-publicly"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    click_button(&client, "Add agenda item").await;
    set_value(&client, "agenda-0-time", "17:00").await;
    fill(&client, "agenda-0-title", "Where does it all go?").await;
    fill(&client, "agenda-0-led-by", "Kai").await;
    click_button(&client, "Save draft").await;
    wait_for_text(&client, "main", "Draft saved").await;
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Id("event-publish"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(&client, "main [role=status]", "Published").await;
    let events: Vec<shared::EventSummary> = app.get_json("/api/events").await;
    let event = events
        .iter()
        .find(|e| e.title == "Budgeting workshop")
        .expect("the published event is public");
    assert_eq!(event.contact_name, "kai");

    // Ana takes the one seat through the widget.
    let register = |name: &'static str| {
        let client = client.clone();
        let url = app.url("/events");
        async move {
            client.goto(&url).await.unwrap();
            client
                .wait()
                .at_most(Duration::from_secs(20))
                .for_element(Locator::LinkText("Budgeting workshop"))
                .await
                .expect("the event is listed")
                .click()
                .await
                .unwrap();
            wait_for_text(&client, "main", "Where does it all go?").await;
            fill(&client, "booking-name", name).await;
            let submit = "//form//button[@type='submit']";
            client
                .find(Locator::XPath(submit))
                .await
                .unwrap()
                .click()
                .await
                .unwrap();
            client
                .wait()
                .at_most(Duration::from_secs(20))
                .for_element(Locator::Id("manage-link"))
                .await
                .expect("the confirmation shows the manage link")
                .attr("href")
                .await
                .unwrap()
                .unwrap()
        }
    };
    let ana_link = register("Ana").await;
    let ben_link = register("Ben").await;
    wait_for_text(&client, "main", "waitlist").await;
    let token = |link: &str| link.split("#token=").nth(1).unwrap().to_owned();
    let ben: shared::Booking = app
        .get_json(&format!("/api/bookings/manage/{}", token(&ben_link)))
        .await;
    assert_eq!(
        (ben.status, ben.waitlist_position),
        (shared::BookingStatus::Waitlisted, Some(1))
    );

    // Ana cancels from her manage link; Ben gets the seat at once.
    client.goto(&ana_link).await.unwrap();
    wait_for_text(&client, "#booking-status", "").await;
    let cancel = "//button[starts-with(normalize-space(.), 'Cancel')]";
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::XPath(cancel))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    click_button(&client, "Yes, cancel").await;
    wait_for_text(&client, "#booking-status", "Cancelled").await;
    client.goto(&ben_link).await.unwrap();
    wait_for_text(&client, "#booking-status", "You're booked").await;
    let ben: shared::Booking = app
        .get_json(&format!("/api/bookings/manage/{}", token(&ben_link)))
        .await;
    assert_eq!(ben.status, shared::BookingStatus::Confirmed);
    let status = client
        .find(Locator::Id("booking-status"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!status.to_lowercase().contains("waitlist"), "{status}");

    client.close().await.unwrap();
}

/// Issue 8's promise: facilities staff log a donation of two items from a new donor in
/// the console and open its thank-you letter; a partner pledges from the wishlist as the
/// agency's site frames it (`embed=1`), and the pledge shows on the console's Pledges
/// page.
#[tokio::test]
#[ignore = "needs chromium, chromedriver and the built widget; run by cargo xtask test"]
async fn facilities_staff_log_a_donation_with_its_letter_and_see_a_partners_pledge() {
    tests::install_crypto_provider();
    let wishlist_bundle = tests::workspace_root().join("frontend/dist/wishlist-app/index.html");
    assert!(
        wishlist_bundle.exists(),
        "{} is missing: build the frontend first (cargo xtask test does)",
        wishlist_bundle.display()
    );
    let app = app().await;
    let (fi_email, fi_password) = ("fi@agency.example.org", "fi fixes the wobbly chairs");
    app.create_staff(fi_email, fi_password, &[shared::Role::Facilities])
        .await;
    let fi = app.signed_in_client(fi_email, fi_password).await;
    let response = fi
        .post(app.url("/api/facilities/categories"))
        .json(&json!({"name": "Lounge furniture"}))
        .send()
        .await
        .unwrap();
    let (status, body) = (response.status(), response.text().await.unwrap());
    let category: shared::ItemCategory =
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("{status} {body}: {e}"));
    let response = fi
        .post(app.url("/api/facilities/wishlist"))
        .json(&json!({
            "name": "Floor cushions",
            "quantity": 4,
            "priority": "high",
            "note": "Washable covers, please.",
            "category_id": category.id,
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let spaces: Vec<shared::Space> = app.get_json("/api/spaces").await;
    let space = spaces.first().expect("the demo has a lounge space");

    let driver = ChromeDriver::start();
    let profile = tempfile::tempdir().unwrap();
    let client = browser(&driver, &profile).await;

    // Fi logs two items from a new donor.
    client.goto(&app.url("/staff")).await.unwrap();
    fill(&client, "staff-email", fi_email).await;
    fill(&client, "staff-password", fi_password).await;
    click_button(&client, "Sign in").await;
    wait_for_text(&client, "main", "Signed in as").await;
    client.goto(&app.url("/staff/donations/new")).await.unwrap();
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Id("donation-from-1"))
        .await
        .expect("a choice of a new donor")
        .click()
        .await
        .unwrap();
    fill(&client, "new-donor-name", "Corner Furniture").await;
    fill(&client, "new-donor-contact-person", "Pat Lee").await;
    // Yesterday on any clock: the agency's today may still be the device's yesterday.
    let received = chrono::Utc::now().date_naive() - chrono::Duration::days(2);
    set_value(&client, "donation-received-on", &received.to_string()).await;
    fill(&client, "item-0-name", "Sofa").await;
    set_value(&client, "item-0-category", &category.id.to_string()).await;
    fill(&client, "item-0-quantity", "3").await;
    set_value(&client, "item-0-place", &space.id.to_string()).await;
    click_button(&client, "Add an item").await;
    fill(&client, "item-1-name", "Board games").await;
    set_value(&client, "item-1-category", &category.id.to_string()).await;
    fill(&client, "item-1-quantity", "2").await;
    set_value(&client, "item-1-place", "storage").await;
    fill(&client, "item-1-place-storage", "Basement shelf 2").await;
    fill(&client, "item-1-value", "40.00").await;
    click_button(&client, "Log donation").await;
    wait_for_text(
        &client,
        "main [role=status]",
        "Donation from Corner Furniture logged",
    )
    .await;
    wait_for_text(&client, "main", "Board games").await;
    let url = client.current_url().await.unwrap();
    let id: i64 = url
        .path()
        .rsplit('/')
        .next()
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("the donation's page: {url}"));
    let donation: shared::Donation = fi
        .get(app.url(&format!("/api/facilities/donations/{id}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(donation.donor_name, "Corner Furniture");
    assert_eq!(donation.items.len(), 2);
    assert_eq!(donation.items[1].estimated_value_cents, Some(4000));

    // "Print letter" loads the letter into a frame on the page and prints that.
    click_button(&client, "Print letter").await;
    let frame = client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(
            "iframe[title='Thank-you letter to Corner Furniture']",
        ))
        .await
        .expect("the letter's frame, with a title");
    assert_eq!(
        frame.attr("src").await.unwrap().as_deref(),
        Some(format!("/api/facilities/donations/{id}/letter").as_str())
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        client
            .find(Locator::Css(".letter-actions .notice--error"))
            .await
            .is_err(),
        "the browser printed the frame"
    );

    // The letter itself: the donor, both items, and the statement donors need for
    // their taxes.
    client
        .goto(&app.url(&format!("/api/facilities/donations/{id}/letter")))
        .await
        .unwrap();
    let letter = wait_for_text(&client, "body", "Corner Furniture")
        .await
        .text()
        .await
        .unwrap();
    for expected in ["Sofa", "Board games"] {
        assert!(letter.contains(expected), "{expected:?} in {letter}");
    }
    assert!(
        letter.to_lowercase().contains("no goods or services"),
        "{letter}"
    );

    // A partner pledges two bean bags from the wishlist the agency's site frames.
    client.goto(&app.url("/wishlist?embed=1")).await.unwrap();
    wait_for_text(&client, "main", "Floor cushions").await;
    let page = client.source().await.unwrap();
    assert!(
        !page.contains(fi_email),
        "no staff or donor details in public"
    );
    click_button(&client, "Pledge Floor cushions").await;
    fill(&client, "pledge-organisation", "Corner Cafe").await;
    fill(&client, "pledge-contact-name", "Sam Okafor").await;
    fill(&client, "pledge-email", "sam@cafe.example").await;
    fill(&client, "pledge-quantity", "2").await;
    fill(&client, "pledge-message", "We can drop them off on Friday.").await;
    click_button(&client, "Send my pledge").await;
    wait_for_text(
        &client,
        "main",
        "Thank you! You've pledged 2 \u{00d7} Floor cushions.",
    )
    .await;
    let wishes: Vec<shared::PublicWish> = app.get_json("/api/wishlist").await;
    let cushions = wishes.iter().find(|wish| wish.name == "Floor cushions");
    assert_eq!(cushions.map(|wish| wish.still_needed), Some(2));
    let page = client.source().await.unwrap();
    assert!(!page.contains("Sam Okafor"), "who pledged is never shown");

    // Fi sees the pledge in the console.
    client.goto(&app.url("/staff/pledges")).await.unwrap();
    wait_for_text(&client, ".pledges", "Corner Cafe").await;
    let pledges = wait_for_text(&client, ".pledges", "2 \u{00d7} Floor cushions")
        .await
        .text()
        .await
        .unwrap();
    assert!(pledges.contains("Sam Okafor"), "{pledges}");
    assert!(
        pledges.contains("We can drop them off on Friday."),
        "{pledges}"
    );

    client.close().await.unwrap();
}
