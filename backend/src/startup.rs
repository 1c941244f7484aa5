//! Building and running the application. `Application::build` binds its port (which may be
//! 0), so tests run the very server operators run.

use std::{future::Future, net::SocketAddr, sync::Arc};

use axum::{
    extract::Request,
    handler::HandlerWithoutStateExt,
    middleware,
    routing::{any, get},
    Router,
};
use chrono::Utc;
use migration::{Migrator, MigratorTrait};
use tokio::net::TcpListener;
use tower_http::{compression::CompressionLayer, services::ServeDir, trace::TraceLayer};

use crate::{
    config::{redact_url, Config},
    db::Db,
    email::{outbox, Mailer},
    routes,
    services::{self, availability_cache::AvailabilityCache},
    state::AppState,
    web::{self, Frontend},
};

pub struct Application {
    listener: TcpListener,
    router: Router,
    db: Db,
    /// Set when this instance runs the email worker.
    email_worker: Option<(Mailer, String)>,
}

impl Application {
    /// Connects and migrates the database, creates the configured admin, loads demo data
    /// when asked, and binds the listener.
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        let db = prepare_database(&config).await?;
        let listener = TcpListener::bind(config.bind).await.map_err(|e| {
            anyhow::anyhow!("PEERLOUNGE_BIND: cannot listen on {}: {e}", config.bind)
        })?;
        let mailer = Mailer::new(config.smtp_url.as_deref(), &config.mail_dir())?;
        let email_worker = config
            .email_worker
            .then(|| (mailer.clone(), config.mail_from.clone()));
        let state = AppState {
            db: db.clone(),
            config: Arc::new(config),
            mailer,
            availability: AvailabilityCache::default(),
        };
        Ok(Self {
            listener,
            router: router(state),
            db,
            email_worker,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    pub fn port(&self) -> u16 {
        self.local_addr().port()
    }

    /// Serves until SIGTERM or Ctrl-C, letting requests in flight finish.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        self.run_until(shutdown_signal()).await
    }

    /// Serves until `shutdown` completes.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let worker = self
            .email_worker
            .map(|(mailer, from)| outbox::spawn_worker(self.db.clone(), mailer, from));
        let service = self
            .router
            .into_make_service_with_connect_info::<SocketAddr>();
        let served = axum::serve(self.listener, service)
            .with_graceful_shutdown(shutdown)
            .await;
        // Whatever the worker had claimed and not marked is sent again after its lease.
        if let Some(worker) = worker {
            worker.abort();
        }
        self.db.close().await;
        served?;
        Ok(())
    }
}

/// Connects, migrates, and creates what the configuration asks for (admin, demo).
pub async fn prepare_database(config: &Config) -> anyhow::Result<Db> {
    let db = Db::connect(&config.database_url, config.sqlite_synchronous)
        .await
        .map_err(|e| {
            anyhow::anyhow!(
                "PEERLOUNGE_DATABASE_URL: cannot open {}: {e}",
                redact_url(&config.database_url)
            )
        })?;
    Migrator::up(db.conn(), None).await?;
    if let Some(admin) = &config.admin {
        if services::staff::ensure_admin(&db, admin, Utc::now()).await? {
            tracing::info!(email = %admin.email, "created the admin account");
        }
    }
    if config.demo
        && services::demo::seed_if_empty(&db, &config.data_dir, Utc::now(), config.timezone).await?
    {
        tracing::info!("loaded demo data");
    }
    Ok(db)
}

/// The whole HTTP surface: `/api`, the staff console under `/staff`, the widget elsewhere.
pub fn router(state: AppState) -> Router {
    let frontend = Frontend::load(&state.config.static_dir);
    let csp = web::content_security_policy(&state.config.frame_ancestors);

    let serve_shell = {
        let frontend = frontend.clone();
        move |request: Request| {
            let frontend = frontend.clone();
            async move { frontend.shell(&request) }
        }
    };
    let static_files = Router::new()
        .route("/embed.js", get(web::embed_js))
        .route("/embed-demo.html", get(web::embed_demo))
        // The console's root is a directory on disk: its shell, not a redirect.
        .route(web::CONSOLE_PREFIX, get(serve_shell.clone()))
        .route(
            &format!("{}/", web::CONSOLE_PREFIX),
            get(serve_shell.clone()),
        )
        .fallback_service(ServeDir::new(frontend.dir()).fallback(serve_shell.into_service()))
        .layer(middleware::from_fn(web::cache_headers));

    let api = routes::api_router()
        .layer(middleware::from_fn_with_state(
            state.availability.clone(),
            web::forget_availability_after_writes,
        ))
        .layer(middleware::from_fn_with_state(
            state.config.clone(),
            web::csrf_guard,
        ));
    Router::new()
        .nest("/api", api)
        // `nest` leaves the bare prefix with a trailing slash to the outer router.
        .route("/api/", any(routes::not_found))
        .with_state(state)
        .merge(static_files)
        .layer(middleware::from_fn_with_state(csp, web::security_headers))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http().make_span_with(web::request_span))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down; finishing requests in flight");
}
