//! Email through the durable outbox, delivered to a real SMTP server: staff invitations,
//! password resets, and the outbox's promises (exactly once per cause, retries, dead
//! letters, crashes, several workers).

use std::collections::HashSet;

use mail_parser::MimeHeaders;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use chrono::{Duration, Utc};
use reqwest::StatusCode;
use serde_json::{json, Value};
use shared::{OutboxMessage, Page, Role, StaffUser};
use tests::{new_client, smtp::SmtpServer, TestApp, TestAppOptions};

use backend::email::{outbox, RenderedEmail};

const ADMIN_EMAIL: &str = "admin@agency.example.org";
const PASSWORD: &str = "a long and lovely passphrase";

async fn app_with_admin_and_smtp(smtp: &SmtpServer) -> TestApp {
    TestApp::spawn_with(
        TestAppOptions::default()
            .with_smtp(smtp)
            .set("PEERLOUNGE_ADMIN_EMAIL", ADMIN_EMAIL)
            .set("PEERLOUNGE_ADMIN_PASSWORD", PASSWORD)
            .set("PEERLOUNGE_AGENCY_NAME", "Northside Youth Services")
            .set("PEERLOUNGE_PUBLIC_URL", "https://lounge.example.org")
            .set("PEERLOUNGE_MAIL_FROM", "Peer Lounge <lounge@example.org>"),
    )
    .await
}

async fn outbox_page(app: &TestApp, admin: &reqwest::Client, query: &str) -> Page<OutboxMessage> {
    let response = admin
        .get(app.url(&format!("/api/admin/outbox{query}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

#[tokio::test]
async fn an_invited_mentor_sets_a_password_from_the_emailed_link_and_signs_in() {
    let smtp = SmtpServer::start();
    let app = app_with_admin_and_smtp(&smtp).await;
    let admin = app.signed_in_client(ADMIN_EMAIL, PASSWORD).await;

    let response = admin
        .post(app.url("/api/admin/users"))
        .json(&json!({"email": "Jo@Agency.Example.org", "display_name": "Jo", "roles": ["mentor"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    assert_eq!(
        outbox_page(&app, &admin, "?state=queued").await.total,
        1,
        "queued with the account"
    );

    let report = app.run_due_emails(Utc::now()).await;
    assert_eq!(report.sent, 1);
    let emails = smtp.wait_for(1).await;
    assert_eq!(emails.len(), 1);
    let invite = &emails[0];
    assert_eq!(invite.to, ["Jo@agency.example.org"]);
    assert!(
        invite.subject().contains("Northside Youth Services"),
        "{}",
        invite.subject()
    );
    let parsed = invite.parsed();
    assert!(parsed
        .content_type()
        .is_some_and(|ct| ct.subtype() == Some("alternative")));
    assert!(invite
        .text()
        .contains("https://lounge.example.org/staff/set-password#token="));
    assert!(invite
        .html()
        .contains("href=\"https://lounge.example.org/staff/set-password#token="));
    assert!(!invite.html().contains("<img"), "no tracking pixels");
    let token = invite.link_token().expect("a link with a token");
    assert_eq!(token.len(), 64);

    // Running the outbox again sends nothing more.
    assert_eq!(
        app.run_due_emails(Utc::now() + Duration::hours(3))
            .await
            .sent,
        0
    );
    assert_eq!(outbox_page(&app, &admin, "?state=sent").await.total, 1);

    let weak = new_client()
        .post(app.url("/api/auth/set-password"))
        .json(&json!({"token": token, "password": "password1234"}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        weak.status(),
        422,
        "a refused password does not spend the link"
    );
    let set = new_client()
        .post(app.url("/api/auth/set-password"))
        .json(&json!({"token": token, "password": "my own new passphrase"}))
        .send()
        .await
        .unwrap();
    assert_eq!(set.status(), 204);

    let mentor = app
        .signed_in_client("Jo@agency.example.org", "my own new passphrase")
        .await;
    let me: StaffUser = mentor
        .get(app.url("/api/auth/me"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me.display_name, "Jo");
    assert_eq!(me.roles, [Role::Mentor]);

    let reused = new_client()
        .post(app.url("/api/auth/set-password"))
        .json(&json!({"token": token, "password": "somebody else's pass"}))
        .send()
        .await
        .unwrap();
    assert_eq!(reused.status(), 400);
    let body: Value = reused.json().await.unwrap();
    assert_eq!(body["error"]["code"], "invalid_link");

    let audit = admin
        .get(app.url("/api/admin/audit?per_page=200"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(audit.contains("user.invite") && audit.contains("auth.invite_accepted"));
    assert!(!audit.contains(&token), "tokens never reach the audit log");
}

#[tokio::test]
async fn a_refused_invitation_creates_no_account_and_queues_no_email() {
    let smtp = SmtpServer::start();
    let app = app_with_admin_and_smtp(&smtp).await;
    let admin = app.signed_in_client(ADMIN_EMAIL, PASSWORD).await;
    for (body, status) in [
        (
            json!({"email": ADMIN_EMAIL, "display_name": "Again", "roles": ["mentor"]}),
            StatusCode::CONFLICT,
        ),
        (
            json!({"email": "new@agency.example.org", "display_name": "New", "roles": []}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            json!({"email": "not-an-address", "display_name": "New", "roles": ["mentor"]}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            json!({"email": "new@agency.example.org", "display_name": " ", "roles": ["mentor"]}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            json!({"email": "new@agency.example.org", "display_name": "New", "roles": ["boss"]}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ] {
        let response = admin
            .post(app.url("/api/admin/users"))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), status, "{body}");
    }
    assert_eq!(outbox_page(&app, &admin, "").await.total, 0);
    let accounts: Vec<Value> = admin
        .get(app.url("/api/admin/users"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(accounts.len(), 1);
}

#[tokio::test]
async fn password_reset_never_says_whether_an_account_exists() {
    let smtp = SmtpServer::start();
    let app = app_with_admin_and_smtp(&smtp).await;
    let old_session = app.signed_in_client(ADMIN_EMAIL, PASSWORD).await;

    let ask = |email: &'static str| {
        let url = app.url("/api/auth/password-reset");
        async move {
            new_client()
                .post(url)
                .json(&json!({"email": email}))
                .send()
                .await
                .unwrap()
        }
    };
    let unknown = ask("nobody@agency.example.org").await;
    let known = ask(ADMIN_EMAIL).await;
    assert_eq!(unknown.status(), 202);
    assert_eq!(known.status(), 202);
    assert_eq!(unknown.text().await.unwrap(), known.text().await.unwrap());

    app.run_due_emails(Utc::now()).await;
    let emails = smtp.wait_for(1).await;
    assert_eq!(emails.len(), 1, "only the real account gets a link");
    assert_eq!(emails[0].to, [ADMIN_EMAIL]);
    let token = emails[0].link_token().unwrap();

    let set = new_client()
        .post(app.url("/api/auth/set-password"))
        .json(&json!({"token": token, "password": "a fresh new passphrase"}))
        .send()
        .await
        .unwrap();
    assert_eq!(set.status(), 204);
    assert_eq!(
        old_session
            .get(app.url("/api/auth/me"))
            .send()
            .await
            .unwrap()
            .status(),
        401,
        "sessions end"
    );
    app.signed_in_client(ADMIN_EMAIL, "a fresh new passphrase")
        .await;
}

#[tokio::test]
async fn an_expired_link_is_refused() {
    let smtp = SmtpServer::start();
    let app = app_with_admin_and_smtp(&smtp).await;
    new_client()
        .post(app.url("/api/auth/password-reset"))
        .json(&json!({"email": ADMIN_EMAIL}))
        .send()
        .await
        .unwrap();
    app.run_due_emails(Utc::now()).await;
    let token = smtp.wait_for(1).await[0].link_token().unwrap();

    app.execute_sql(
        "UPDATE staff_tokens SET expires_at = $1",
        vec![(Utc::now() - Duration::minutes(1)).into()],
    )
    .await;

    let response = new_client()
        .post(app.url("/api/auth/set-password"))
        .json(&json!({"token": token, "password": "a fresh new passphrase"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    app.signed_in_client(ADMIN_EMAIL, PASSWORD).await;
}

/// Queues `count` distinct messages directly, as a booking change would.
async fn queue_messages(app: &TestApp, count: usize) {
    let db = app.db().await;
    let tx = db.begin_write().await.unwrap();
    for n in 0..count {
        outbox::enqueue(
            &tx,
            &app.config.mail_from,
            outbox::NewEmail {
                dedupe_key: format!("test:{n}"),
                kind: "test",
                recipient: "someone@example.org",
                email: RenderedEmail {
                    subject: format!("Message {n}"),
                    text: format!("Body {n}"),
                    html: format!("<p>Body {n}</p>"),
                },
                send_at: Utc::now() - Duration::seconds(1),
                booking_id: None,
                calendar: None,
                discreet: false,
            },
            Utc::now(),
        )
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    db.close().await;
}

#[tokio::test]
async fn enqueueing_the_same_cause_twice_queues_one_message() {
    let smtp = SmtpServer::start();
    let app = app_with_admin_and_smtp(&smtp).await;
    queue_messages(&app, 1).await;
    queue_messages(&app, 1).await;
    assert_eq!(app.run_due_emails(Utc::now()).await.sent, 1);
    assert_eq!(smtp.wait_for(1).await.len(), 1);
}

#[tokio::test]
async fn a_worker_that_dies_after_claiming_leaves_the_message_to_be_sent_once() {
    let smtp = SmtpServer::start();
    let app = app_with_admin_and_smtp(&smtp).await;
    queue_messages(&app, 1).await;
    let now = Utc::now();
    let db = app.db().await;
    // A worker claims, then its task is dropped before it sends.
    let claimed = outbox::claim_due(&db, now, 10).await.unwrap();
    assert_eq!(claimed.len(), 1);
    drop(claimed);

    // Within the lease nobody else takes it...
    assert_eq!(
        app.run_due_emails(now + Duration::seconds(30)).await.sent,
        0
    );
    // ...after it, the next run delivers it, once.
    assert_eq!(
        app.run_due_emails(now + outbox::LEASE + Duration::seconds(1))
            .await
            .sent,
        1
    );
    assert_eq!(app.run_due_emails(now + Duration::hours(1)).await.sent, 0);
    assert_eq!(smtp.wait_for(1).await.len(), 1);
    db.close().await;
}

#[tokio::test]
async fn a_worker_that_dies_after_sending_causes_one_resend_with_the_same_message_id() {
    let smtp = SmtpServer::start();
    let app = app_with_admin_and_smtp(&smtp).await;
    queue_messages(&app, 1).await;
    let now = Utc::now();
    let db = app.db().await;
    let claimed = outbox::claim_due(&db, now, 10).await.unwrap();
    outbox::send_one(&app.mailer(), &app.config.mail_from, &claimed[0])
        .await
        .unwrap();
    // ...and dies before marking it sent: the documented window.
    assert_eq!(
        app.run_due_emails(now + outbox::LEASE + Duration::seconds(1))
            .await
            .sent,
        1
    );
    assert_eq!(app.run_due_emails(now + Duration::hours(1)).await.sent, 0);
    let emails = smtp.wait_for(2).await;
    assert_eq!(emails.len(), 2);
    assert_eq!(
        emails[0].message_id(),
        emails[1].message_id(),
        "recognisable as the same message"
    );
    db.close().await;
}

#[tokio::test]
async fn two_workers_on_one_database_send_each_message_exactly_once() {
    let smtp = SmtpServer::start();
    let app = app_with_admin_and_smtp(&smtp).await;
    queue_messages(&app, 60).await;
    let now = Utc::now();
    let (first, second) = tokio::join!(app.run_due_emails(now), app.run_due_emails(now));
    assert_eq!(first.sent + second.sent, 60);
    let emails = smtp.wait_for(60).await;
    assert_eq!(emails.len(), 60);
    let ids: HashSet<String> = emails.iter().map(|e| e.message_id()).collect();
    assert_eq!(ids.len(), 60, "no message twice");
}

#[tokio::test]
async fn failures_back_off_then_go_dead_and_staff_can_requeue() {
    // Nothing listens on this port: every attempt fails.
    let unreachable = TestApp::spawn_with(
        TestAppOptions::default()
            .set("PEERLOUNGE_SMTP_URL", "smtp://127.0.0.1:9")
            .set("PEERLOUNGE_EMAIL_WORKER", "0")
            .set("PEERLOUNGE_ADMIN_EMAIL", ADMIN_EMAIL)
            .set("PEERLOUNGE_ADMIN_PASSWORD", PASSWORD),
    )
    .await;
    queue_messages(&unreachable, 1).await;
    let mut now = Utc::now();
    let first = unreachable.run_due_emails(now).await;
    assert_eq!(first.retried, 1);
    assert_eq!(
        unreachable.run_due_emails(now).await.retried,
        0,
        "not before its backoff"
    );
    let mut dead = 0;
    for _ in 0..outbox::MAX_ATTEMPTS {
        now += Duration::hours(3);
        dead += unreachable.run_due_emails(now).await.dead;
    }
    assert_eq!(dead, 1);

    // Admins are told, without being told whom it was for or what it said.
    let alerts = || async {
        let db = unreachable.db().await;
        let alerts = backend::entities::outbox::Entity::find()
            .filter(backend::entities::outbox::Column::Kind.eq("dead_letter_alert"))
            .all(db.conn())
            .await
            .unwrap();
        db.close().await;
        alerts
    };
    let queued_alerts = alerts().await;
    assert_eq!(queued_alerts.len(), 1);
    assert_eq!(queued_alerts[0].recipient, ADMIN_EMAIL);
    assert!(queued_alerts[0]
        .body_text
        .contains("could not be delivered"));
    for part in [&queued_alerts[0].body_text, &queued_alerts[0].subject] {
        assert!(!part.contains("someone@example.org") && !part.contains("Message 0"));
    }
    // The alert cannot get through either; when it gives up, nobody is alerted about it.
    for _ in 0..=outbox::MAX_ATTEMPTS {
        now += Duration::hours(3);
        unreachable.run_due_emails(now).await;
    }
    let alerts = alerts().await;
    assert_eq!(alerts.len(), 1, "no alert about an alert");
    assert_eq!(alerts[0].state, "dead");

    let admin = unreachable.signed_in_client(ADMIN_EMAIL, PASSWORD).await;
    let dead_page = outbox_page(&unreachable, &admin, "?state=dead").await;
    assert_eq!(dead_page.total, 2);
    let message = dead_page
        .items
        .iter()
        .find(|message| message.kind == "test")
        .unwrap();
    assert_eq!(message.attempts, outbox::MAX_ATTEMPTS);
    assert!(message.last_error.as_deref().is_some_and(|e| !e.is_empty()));

    let requeue = admin
        .post(unreachable.url(&format!("/api/admin/outbox/{}/requeue", message.id)))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(requeue.status(), 204);
    assert_eq!(
        outbox_page(&unreachable, &admin, "?state=queued")
            .await
            .total,
        1
    );
    let again = admin
        .post(unreachable.url("/api/admin/outbox/999999/requeue"))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 404);
    let bad_state = admin
        .get(unreachable.url("/api/admin/outbox?state=lost"))
        .send()
        .await
        .unwrap();
    assert_eq!(bad_state.status(), 422);

    // Health shows the waiting message.
    let health: Value = unreachable.get_json("/api/health").await;
    assert_eq!(health["outbox_backlog"], 1);
}

#[tokio::test]
async fn without_smtp_messages_are_written_as_eml_files() {
    let app =
        TestApp::spawn_with(TestAppOptions::default().set("PEERLOUNGE_EMAIL_WORKER", "0")).await;
    queue_messages(&app, 2).await;
    assert_eq!(app.run_due_emails(Utc::now()).await.sent, 2);
    let files: Vec<_> = std::fs::read_dir(app.config.mail_dir())
        .unwrap()
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "eml"))
        .collect();
    assert_eq!(files.len(), 2);
    let raw = std::fs::read_to_string(files[0].path()).unwrap();
    assert!(raw.contains("Message-ID: <"), "{raw}");
}

#[tokio::test]
async fn the_background_worker_delivers_without_being_asked() {
    let smtp = SmtpServer::start();
    let app =
        TestApp::spawn_with(TestAppOptions::default().set("PEERLOUNGE_SMTP_URL", smtp.url())).await;
    queue_messages(&app, 3).await;
    assert_eq!(smtp.wait_for(3).await.len(), 3);
}
