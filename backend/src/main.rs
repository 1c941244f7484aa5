//! `peer-lounge`: wiring only — configuration, telemetry, then the chosen command.

use clap::{Parser, Subcommand};

use backend::{config::Config, services, startup, telemetry};

#[derive(Parser)]
#[command(
    name = "peer-lounge",
    version,
    about = "Peer Lounge: bookings and operations for a young people's lounge"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the server (the default).
    Serve,
    /// Apply database migrations, then exit.
    Migrate,
    /// Load the demo data into an empty database, then exit.
    SeedDemo,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("peer-lounge: {error}");
            return std::process::ExitCode::from(2);
        }
    };
    telemetry::init(&config.log_filter);
    // lettre (ring) and other crates (aws-lc-rs) both pull in rustls: pick one provider.
    let _ = rustls::crypto::ring::default_provider().install_default();

    match run(cli.command.unwrap_or(Command::Serve), config).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("peer-lounge: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(command: Command, config: Config) -> anyhow::Result<()> {
    match command {
        Command::Serve => {
            let public_url = config.public_url.clone();
            let mail = match &config.smtp_url {
                Some(_) => "sent through PEERLOUNGE_SMTP_URL".to_owned(),
                None => format!("written as .eml files to {}", config.mail_dir().display()),
            };
            let demo_login = config
                .demo
                .then(|| services::demo::login_file(&config.data_dir));
            let app = startup::Application::build(config).await?;
            println!(
                "Peer Lounge is running at {public_url} (listening on {})",
                app.local_addr()
            );
            println!("Email is {mail}.");
            if let Some(path) = demo_login.filter(|path| path.exists()) {
                println!("Demo staff login: see {}", path.display());
            }
            app.run_until_stopped().await
        }
        Command::Migrate => {
            let config = Config {
                admin: None,
                demo: false,
                ..config
            };
            startup::prepare_database(&config).await?.close().await;
            println!("Migrations applied.");
            Ok(())
        }
        Command::SeedDemo => {
            let config = Config {
                admin: None,
                demo: false,
                ..config
            };
            let db = startup::prepare_database(&config).await?;
            let seeded = services::demo::seed_if_empty(
                &db,
                &config.data_dir,
                chrono::Utc::now(),
                config.timezone,
            )
            .await?;
            db.close().await;
            if seeded {
                println!(
                    "Demo data loaded. Staff login: see {}",
                    services::demo::login_file(&config.data_dir).display()
                );
            } else {
                println!("The database already has data; demo data was not loaded.");
            }
            Ok(())
        }
    }
}
