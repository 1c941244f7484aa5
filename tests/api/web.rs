//! The served widget: security headers, caching, and client-side routes.

use tests::{TestApp, TestAppOptions};

async fn app_with_fake_dist() -> (TestApp, tempfile::TempDir) {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(
        dist.path().join("index.html"),
        "<!doctype html><html lang=\"en\"><title>Peer Lounge</title><div id=\"app-shell\"></div></html>",
    )
    .unwrap();
    std::fs::write(
        dist.path().join("frontend-0123456789abcdef.js"),
        "export {};",
    )
    .unwrap();
    std::fs::create_dir(dist.path().join("staff")).unwrap();
    std::fs::write(
        dist.path().join("staff/index.html"),
        "<!doctype html><html lang=\"en\"><title>Peer Lounge staff</title><div id=\"console-shell\"></div></html>",
    )
    .unwrap();
    std::fs::create_dir(dist.path().join("wishlist-app")).unwrap();
    std::fs::write(
        dist.path().join("wishlist-app/index.html"),
        "<!doctype html><html lang=\"en\"><title>Our wishlist</title><div id=\"wishlist-shell\"></div></html>",
    )
    .unwrap();
    std::fs::write(
        dist.path()
            .join("wishlist-app/frontend-0123456789abcdef.js"),
        "export {};",
    )
    .unwrap();
    let app = TestApp::spawn_with(
        TestAppOptions::default()
            .set("PEERLOUNGE_STATIC_DIR", dist.path().to_string_lossy())
            .set("PEERLOUNGE_FRAME_ANCESTORS", "https://agency.example.org"),
    )
    .await;
    (app, dist)
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let (app, _dist) = app_with_fake_dist().await;
    for path in ["/", "/api/health", "/api/nope", "/mentors"] {
        let response = app.get(path).await;
        let headers = response.headers();
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
            "{path}: {csp}"
        );
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert!(
            csp.contains("frame-ancestors 'self' https://agency.example.org"),
            "{path}: {csp}"
        );
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert_eq!(headers["referrer-policy"], "no-referrer");
    }
}

#[tokio::test]
async fn client_side_routes_get_the_app_shell_and_missing_files_a_404() {
    let (app, _dist) = app_with_fake_dist().await;
    for path in ["/", "/mentors", "/events/some/deep/route"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(response.headers()["cache-control"], "no-cache", "{path}");
        assert!(
            response.text().await.unwrap().contains("app-shell"),
            "{path}"
        );
    }
    assert_eq!(app.get("/missing-0123456789abcdef.js").await.status(), 404);
}

#[tokio::test]
async fn staff_routes_get_the_console_shell_and_others_the_widget() {
    let (app, _dist) = app_with_fake_dist().await;
    for path in ["/staff", "/staff/", "/staff/users", "/staff/set-password"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        let body = response.text().await.unwrap();
        assert!(body.contains("console-shell"), "{path}");
    }
    for path in ["/staffroom", "/events"] {
        let body = app.get(path).await.text().await.unwrap();
        assert!(body.contains("app-shell"), "{path}");
    }
}

#[tokio::test]
async fn hashed_assets_are_cached_for_a_year() {
    let (app, _dist) = app_with_fake_dist().await;
    let response = app.get("/frontend-0123456789abcdef.js").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
}

#[tokio::test]
async fn responses_are_compressed_when_the_client_accepts_it() {
    let (app, _dist) = app_with_fake_dist().await;
    let response = app
        .client
        .get(app.url("/api/openapi.json"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["content-encoding"], "gzip");
}

#[tokio::test]
async fn the_embed_script_is_served_for_other_sites_to_load() {
    let (app, _dist) = app_with_fake_dist().await;
    let response = app.get("/embed.js").await;
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    assert!(headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/javascript"));
    assert_eq!(headers["cross-origin-resource-policy"], "cross-origin");
    let script = response.text().await.unwrap();
    assert!(script.contains("peerlounge:height"));
    assert!(script.contains("?embed=1"));

    let demo = app.get("/embed-demo.html").await;
    assert_eq!(demo.status(), 200);
    assert_eq!(
        demo.headers()["cross-origin-resource-policy"],
        "same-origin"
    );
    let page = demo.text().await.unwrap();
    assert!(page.contains("<script src=\"/embed.js\" data-view=\"lounge\" async></script>"));
    assert!(page.contains("<script src=\"/embed.js\" data-view=\"wishlist\" async></script>"));
}

#[tokio::test]
async fn the_wishlist_gets_its_own_shell_and_its_files_are_served_under_wishlist_app() {
    let (app, _dist) = app_with_fake_dist().await;
    for path in ["/wishlist", "/wishlist/", "/wishlist?embed=1"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(response.headers()["cache-control"], "no-cache", "{path}");
        let csp = response.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            csp.contains("frame-ancestors 'self' https://agency.example.org"),
            "{path}: {csp}"
        );
        let body = response.text().await.unwrap();
        assert!(body.contains("wishlist-shell"), "{path}");
    }
    for path in ["/wishlists", "/lounge"] {
        let body = app.get(path).await.text().await.unwrap();
        assert!(body.contains("app-shell"), "{path}");
    }
    let asset = app.get("/wishlist-app/frontend-0123456789abcdef.js").await;
    assert_eq!(asset.status(), 200);
    assert_eq!(
        asset.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
}

#[tokio::test]
async fn the_embed_script_can_frame_the_wishlist() {
    let (app, _dist) = app_with_fake_dist().await;
    let script = app.get("/embed.js").await.text().await.unwrap();
    assert!(script.contains("\"wishlist\""));
}
