//! Configuration: an optional TOML file, overridden by `PEERLOUNGE_*` environment
//! variables. Every value is parsed here, once; a bad one stops the start with a single
//! line that names the variable.

use std::{
    collections::HashMap,
    fmt,
    net::SocketAddr,
    path::{Path, PathBuf},
};

use chrono_tz::Tz;
use shared::Email;

/// What operators set. Names are fixed: operators and other tools rely on them.
pub const VARIABLES: [&str; 19] = [
    "PEERLOUNGE_BIND",
    "PEERLOUNGE_DATABASE_URL",
    "PEERLOUNGE_PUBLIC_URL",
    "PEERLOUNGE_TIMEZONE",
    "PEERLOUNGE_SMTP_URL",
    "PEERLOUNGE_MAIL_FROM",
    "PEERLOUNGE_DATA_DIR",
    "PEERLOUNGE_DEMO",
    "PEERLOUNGE_ADMIN_EMAIL",
    "PEERLOUNGE_ADMIN_PASSWORD",
    "PEERLOUNGE_STATIC_DIR",
    "PEERLOUNGE_FRAME_ANCESTORS",
    "PEERLOUNGE_ALLOWED_ORIGINS",
    "PEERLOUNGE_SQLITE_SYNCHRONOUS",
    "PEERLOUNGE_LOG",
    "PEERLOUNGE_AGENCY_NAME",
    "PEERLOUNGE_EMAIL_WORKER",
    "PEERLOUNGE_REMINDER_OFFSETS",
    "PEERLOUNGE_TRUSTED_PROXIES",
];

/// The file read when `PEERLOUNGE_CONFIG` does not name another.
pub const DEFAULT_CONFIG_FILE: &str = "peer-lounge.toml";

#[derive(Debug, Clone)]
pub struct Config {
    pub bind: SocketAddr,
    pub database_url: String,
    /// Base of every link we put in an email, without a trailing slash.
    pub public_url: String,
    pub timezone: Tz,
    /// `None`: email is written as `.eml` files under `data_dir/mail`.
    pub smtp_url: Option<String>,
    pub mail_from: String,
    pub data_dir: PathBuf,
    pub demo: bool,
    pub admin: Option<AdminBootstrap>,
    /// Where the built widget (Trunk's `dist`) is served from.
    pub static_dir: PathBuf,
    /// Origins allowed to embed the widget in a frame, besides our own.
    pub frame_ancestors: Vec<String>,
    /// Origins, besides our own, whose pages may send state-changing API requests.
    pub allowed_origins: Vec<String>,
    pub sqlite_synchronous: SqliteSynchronous,
    pub log_filter: String,
    /// The agency's name, as emails and pages show it.
    pub agency_name: String,
    /// Whether this instance sends the queued email (every instance may; each message
    /// still goes out once).
    pub email_worker: bool,
    /// How long before a booking its reminders go out (elapsed time, so a reminder
    /// "24h" before is 24 real hours before, across daylight-saving changes too).
    pub reminder_offsets: Vec<chrono::Duration>,
    /// Reverse proxies whose `X-Forwarded-For` is believed. Requests from anyone else
    /// are taken to come from their own TCP address, whatever headers they send.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Mentor titles the agency offers besides the standard ones.
    pub extra_mentor_titles: Vec<String>,
}

/// The admin account created at start when it does not exist yet.
#[derive(Clone)]
pub struct AdminBootstrap {
    pub email: Email,
    pub password: String,
}

impl fmt::Debug for AdminBootstrap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AdminBootstrap")
            .field("email", &self.email)
            .field("password", &"[redacted]")
            .finish()
    }
}

/// SQLite's durability level. `Normal` (the default) is safe with WAL: a power cut can lose
/// the last transactions but never corrupts the database. `Full` also keeps those, at the
/// cost of an fsync per commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SqliteSynchronous {
    Normal,
    Full,
}

/// One bad setting: which variable, what was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub variable: String,
    pub problem: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.variable, self.problem)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Reads the process environment and the config file it points at.
    pub fn from_env() -> Result<Self, ConfigError> {
        let env: HashMap<String, String> = std::env::vars()
            .filter(|(name, _)| name.starts_with("PEERLOUNGE_"))
            .collect();
        let file = env.get("PEERLOUNGE_CONFIG").map(PathBuf::from).or_else(|| {
            let default = PathBuf::from(DEFAULT_CONFIG_FILE);
            default.exists().then_some(default)
        });
        let mut values = match file {
            Some(path) => read_file(&path)?,
            None => HashMap::new(),
        };
        values.extend(env);
        Self::from_values(&values)
    }

    /// Builds a config from `PEERLOUNGE_*` names and raw values; what is missing takes its
    /// default.
    pub fn from_values(values: &HashMap<String, String>) -> Result<Self, ConfigError> {
        let get = |name: &str| values.get(name).map(|v| v.trim()).filter(|v| !v.is_empty());

        let bind = match get("PEERLOUNGE_BIND") {
            Some(raw) => raw.parse().map_err(|_| {
                error(
                    "PEERLOUNGE_BIND",
                    format!("`{raw}` is not an address and port like 127.0.0.1:8080"),
                )
            })?,
            None => SocketAddr::from(([127, 0, 0, 1], 8080)),
        };

        let data_dir = PathBuf::from(get("PEERLOUNGE_DATA_DIR").unwrap_or("./data"));

        let database_url = match get("PEERLOUNGE_DATABASE_URL") {
            Some(raw) => {
                if !(raw.starts_with("sqlite:")
                    || raw.starts_with("postgres://")
                    || raw.starts_with("postgresql://"))
                {
                    return Err(error(
                        "PEERLOUNGE_DATABASE_URL",
                        format!(
                            "`{}` is neither a sqlite: nor a postgres:// URL",
                            redact_url(raw)
                        ),
                    ));
                }
                raw.to_owned()
            }
            None => format!(
                "sqlite://{}?mode=rwc",
                data_dir.join("peer-lounge.db").display()
            ),
        };

        let public_url = match get("PEERLOUNGE_PUBLIC_URL") {
            Some(raw) => {
                let valid = (raw.starts_with("https://") || raw.starts_with("http://"))
                    && raw
                        .parse::<axum::http::Uri>()
                        .is_ok_and(|uri| uri.host().is_some() && uri.query().is_none());
                if !valid {
                    return Err(error(
                        "PEERLOUNGE_PUBLIC_URL",
                        format!("`{raw}` is not an http(s) URL like https://lounge.example.org"),
                    ));
                }
                raw.trim_end_matches('/').to_owned()
            }
            None => format!("http://{bind}"),
        };

        let timezone = match get("PEERLOUNGE_TIMEZONE") {
            Some(raw) => raw.parse::<Tz>().map_err(|_| {
                error(
                    "PEERLOUNGE_TIMEZONE",
                    format!("`{raw}` is not an IANA time zone like America/New_York"),
                )
            })?,
            None => chrono_tz::America::New_York,
        };

        let smtp_url = match get("PEERLOUNGE_SMTP_URL") {
            Some(raw) => {
                let scheme_ok = raw.starts_with("smtp://") || raw.starts_with("smtps://");
                if !scheme_ok {
                    return Err(error(
                        "PEERLOUNGE_SMTP_URL",
                        format!("`{}` is not an smtp:// or smtps:// URL", redact_url(raw)),
                    ));
                }
                Some(raw.to_owned())
            }
            None => None,
        };

        let agency_name = get("PEERLOUNGE_AGENCY_NAME")
            .unwrap_or("Peer Lounge")
            .to_owned();
        if agency_name.chars().count() > 100 || agency_name.chars().any(char::is_control) {
            return Err(error(
                "PEERLOUNGE_AGENCY_NAME",
                "must be one line of at most 100 characters".to_owned(),
            ));
        }
        let mail_from = match get("PEERLOUNGE_MAIL_FROM") {
            Some(raw) => {
                // Either `address` or `Name <address>`.
                let address = raw
                    .rsplit_once('<')
                    .and_then(|(_, rest)| rest.strip_suffix('>'))
                    .unwrap_or(raw);
                Email::parse(address).map_err(|_| {
                    error(
                        "PEERLOUNGE_MAIL_FROM",
                        format!("`{raw}` is not an address like Peer Lounge <lounge@example.org>"),
                    )
                })?;
                if raw.contains('<') {
                    raw.to_owned()
                } else {
                    // A bare address: mail goes out under the agency's name.
                    sender(&agency_name, raw)
                }
            }
            None => sender(&agency_name, "no-reply@peerlounge.invalid"),
        };

        let demo = match get("PEERLOUNGE_DEMO") {
            Some(raw) => parse_flag(raw)
                .ok_or_else(|| error("PEERLOUNGE_DEMO", format!("`{raw}` is not 1 or 0")))?,
            None => false,
        };

        let admin = match (
            get("PEERLOUNGE_ADMIN_EMAIL"),
            values
                .get("PEERLOUNGE_ADMIN_PASSWORD")
                .filter(|v| !v.is_empty()),
        ) {
            (Some(email), Some(password)) => {
                let email = Email::parse(email).map_err(|_| {
                    error(
                        "PEERLOUNGE_ADMIN_EMAIL",
                        format!("`{email}` is not an email address"),
                    )
                })?;
                if let Err(problem) = crate::services::passwords::check_policy(password) {
                    return Err(error("PEERLOUNGE_ADMIN_PASSWORD", problem));
                }
                Some(AdminBootstrap {
                    email,
                    password: password.clone(),
                })
            }
            (Some(_), None) => {
                return Err(error(
                    "PEERLOUNGE_ADMIN_PASSWORD",
                    "must be set together with PEERLOUNGE_ADMIN_EMAIL".to_owned(),
                ))
            }
            (None, Some(_)) => {
                return Err(error(
                    "PEERLOUNGE_ADMIN_EMAIL",
                    "must be set together with PEERLOUNGE_ADMIN_PASSWORD".to_owned(),
                ))
            }
            (None, None) => None,
        };

        let static_dir = PathBuf::from(get("PEERLOUNGE_STATIC_DIR").unwrap_or("frontend/dist"));

        let frame_ancestors = origin_list(
            get("PEERLOUNGE_FRAME_ANCESTORS"),
            "PEERLOUNGE_FRAME_ANCESTORS",
        )?;
        let allowed_origins = origin_list(
            get("PEERLOUNGE_ALLOWED_ORIGINS"),
            "PEERLOUNGE_ALLOWED_ORIGINS",
        )?;

        let sqlite_synchronous = match get("PEERLOUNGE_SQLITE_SYNCHRONOUS") {
            Some(raw) => match raw.to_ascii_lowercase().as_str() {
                "normal" => SqliteSynchronous::Normal,
                "full" => SqliteSynchronous::Full,
                _ => {
                    return Err(error(
                        "PEERLOUNGE_SQLITE_SYNCHRONOUS",
                        format!("`{raw}` is not NORMAL or FULL"),
                    ))
                }
            },
            None => SqliteSynchronous::Normal,
        };

        let log_filter = get("PEERLOUNGE_LOG")
            .unwrap_or("info,sqlx=warn,sea_orm=warn")
            .to_owned();

        let email_worker = match get("PEERLOUNGE_EMAIL_WORKER") {
            Some(raw) => parse_flag(raw).ok_or_else(|| {
                error("PEERLOUNGE_EMAIL_WORKER", format!("`{raw}` is not 1 or 0"))
            })?,
            None => true,
        };
        let reminder_offsets =
            reminder_offsets(get("PEERLOUNGE_REMINDER_OFFSETS").unwrap_or("24h,1h"))
                .map_err(|problem| error("PEERLOUNGE_REMINDER_OFFSETS", problem))?;

        let trusted_proxies = get("PEERLOUNGE_TRUSTED_PROXIES")
            .unwrap_or_default()
            .split([',', ' '])
            .filter(|item| !item.is_empty())
            .map(|item| {
                item.parse::<std::net::IpAddr>().map_err(|_| {
                    error(
                        "PEERLOUNGE_TRUSTED_PROXIES",
                        format!("`{item}` is not an IP address like 127.0.0.1 or ::1"),
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?;

        let extra_mentor_titles: Vec<String> = get("PEERLOUNGE_MENTOR_TITLES")
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|title| !title.is_empty())
            .map(str::to_owned)
            .collect();
        if let Some(title) = extra_mentor_titles
            .iter()
            .find(|t| t.chars().count() > 60 || t.chars().any(char::is_control))
        {
            return Err(error(
                "PEERLOUNGE_MENTOR_TITLES",
                format!("`{title}` is not a title of at most 60 characters"),
            ));
        }

        Ok(Self {
            bind,
            database_url,
            public_url,
            timezone,
            smtp_url,
            mail_from,
            data_dir,
            demo,
            admin,
            static_dir,
            frame_ancestors,
            allowed_origins,
            sqlite_synchronous,
            log_filter,
            agency_name,
            email_worker,
            reminder_offsets,
            trusted_proxies,
            extra_mentor_titles,
        })
    }

    /// The titles a mentor may choose: the standard ones, then the agency's own.
    pub fn mentor_titles(&self) -> Vec<String> {
        shared::STANDARD_MENTOR_TITLES
            .iter()
            .map(|t| (*t).to_owned())
            .chain(self.extra_mentor_titles.iter().cloned())
            .collect()
    }

    pub fn mail_dir(&self) -> PathBuf {
        self.data_dir.join("mail")
    }

    pub fn is_sqlite(&self) -> bool {
        self.database_url.starts_with("sqlite:")
    }

    /// `scheme://host[:port]` of the public URL: what browsers send as our `Origin`.
    pub fn public_origin(&self) -> &str {
        let after_scheme = self.public_url.find("://").map_or(0, |i| i + 3);
        match self.public_url[after_scheme..].find('/') {
            Some(slash) => &self.public_url[..after_scheme + slash],
            None => &self.public_url,
        }
    }

    /// Cookies get `Secure` whenever the public URL is https.
    pub fn uses_https(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

fn error(variable: &str, problem: String) -> ConfigError {
    ConfigError {
        variable: variable.to_owned(),
        problem,
    }
}

fn parse_flag(raw: &str) -> Option<bool> {
    match raw.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

/// `24h,1h`: durations in days (`d`), hours (`h`) or minutes (`m`), each between one
/// minute and 14 days, or `none`. Longest first, no repeats.
fn reminder_offsets(raw: &str) -> Result<Vec<chrono::Duration>, String> {
    let mut offsets = Vec::new();
    if raw.eq_ignore_ascii_case("none") {
        return Ok(offsets);
    }
    for item in raw.split([',', ' ']).filter(|item| !item.is_empty()) {
        let split = item.len() - item.chars().last().map_or(0, char::len_utf8);
        let (number, unit) = item.split_at(split);
        let offset = number.parse::<i64>().ok().and_then(|n| match unit {
            "d" => Some(chrono::Duration::days(n)),
            "h" => Some(chrono::Duration::hours(n)),
            "m" => Some(chrono::Duration::minutes(n)),
            _ => None,
        });
        match offset {
            Some(offset)
                if offset >= chrono::Duration::minutes(1)
                    && offset <= chrono::Duration::days(14) =>
            {
                offsets.push(offset);
            }
            _ => {
                return Err(format!(
                    "`{item}` is not a time before the booking like 24h, 90m or 2d (1m to 14d), or none"
                ))
            }
        }
    }
    offsets.sort_unstable_by(|a, b| b.cmp(a));
    offsets.dedup();
    Ok(offsets)
}

/// A comma- or space-separated list of origins like `https://agency.example.org`.
fn origin_list(raw: Option<&str>, variable: &str) -> Result<Vec<String>, ConfigError> {
    raw.unwrap_or_default()
        .split([',', ' '])
        .filter(|origin| !origin.is_empty())
        .map(|origin| {
            if is_origin(origin) {
                Ok(origin.trim_end_matches('/').to_owned())
            } else {
                Err(error(
                    variable,
                    format!("`{origin}` is not an origin like https://agency.example.org"),
                ))
            }
        })
        .collect()
}

fn is_origin(raw: &str) -> bool {
    let raw = raw.trim_end_matches('/');
    (raw.starts_with("https://") || raw.starts_with("http://"))
        && raw
            .parse::<axum::http::Uri>()
            .is_ok_and(|uri| uri.host().is_some() && uri.path() == "/" && uri.query().is_none())
}

/// Keeps passwords in URLs out of error messages and logs.
pub fn redact_url(raw: &str) -> String {
    match (raw.find("://"), raw.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            format!("{}://[redacted]@{}", &raw[..scheme_end], &raw[at + 1..])
        }
        _ => raw.to_owned(),
    }
}

/// Reads `name = "value"` pairs from the TOML file; keys are the variable names without
/// the prefix, in lower case (`bind`, `database_url`, ...).
fn read_file(path: &Path) -> Result<HashMap<String, String>, ConfigError> {
    let file_error = |problem: String| error("PEERLOUNGE_CONFIG", problem);
    let text = std::fs::read_to_string(path)
        .map_err(|e| file_error(format!("cannot read {}: {e}", path.display())))?;
    let table: toml::Table = text
        .parse()
        .map_err(|e| file_error(format!("{} is not valid TOML: {e}", path.display())))?;
    table
        .into_iter()
        .map(|(key, value)| {
            let name = format!("PEERLOUNGE_{}", key.to_ascii_uppercase());
            if !VARIABLES.contains(&name.as_str()) {
                return Err(file_error(format!(
                    "{} has an unknown setting `{key}`",
                    path.display()
                )));
            }
            let value = match value {
                toml::Value::String(s) => s,
                toml::Value::Integer(i) => i.to_string(),
                toml::Value::Boolean(b) => if b { "1" } else { "0" }.to_owned(),
                other => other.to_string(),
            };
            Ok((name, value))
        })
        .collect()
}

/// `Name <address>`, the name quoted when it holds characters that would end it early.
fn sender(name: &str, address: &str) -> String {
    let plain = name
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '\'' | '&'));
    if plain {
        format!("{name} <{address}>")
    } else {
        let quoted = name.replace('\\', "\\\\").replace('"', "\\\"");
        format!("\"{quoted}\" <{address}>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let values = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Config::from_values(&values)
    }

    #[test]
    fn mail_goes_out_under_the_agency_name_unless_the_sender_is_named() {
        let agency =
            config(&[("PEERLOUNGE_AGENCY_NAME", "Northside Youth Services, Inc.")]).unwrap();
        let sender: lettre::message::Mailbox = agency.mail_from.parse().unwrap();
        assert_eq!(
            sender.name.as_deref(),
            Some("Northside Youth Services, Inc.")
        );
        let bare = config_with_bare_address();
        let sender: lettre::message::Mailbox = bare.mail_from.parse().unwrap();
        assert_eq!(sender.name.as_deref(), Some("Hope House"));
        assert_eq!(sender.email.to_string(), "lounge@hope.example.org");
        let named = config(&[(
            "PEERLOUNGE_MAIL_FROM",
            "The Lounge <lounge@hope.example.org>",
        )])
        .unwrap();
        assert_eq!(named.mail_from, "The Lounge <lounge@hope.example.org>");
    }

    fn config_with_bare_address() -> Config {
        config(&[
            ("PEERLOUNGE_AGENCY_NAME", "Hope House"),
            ("PEERLOUNGE_MAIL_FROM", "lounge@hope.example.org"),
        ])
        .unwrap()
    }

    #[test]
    fn defaults_match_the_readme() {
        let config = config(&[]).unwrap();
        assert_eq!(config.bind.to_string(), "127.0.0.1:8080");
        assert_eq!(
            config.database_url,
            "sqlite://./data/peer-lounge.db?mode=rwc"
        );
        assert_eq!(config.timezone, chrono_tz::America::New_York);
        assert!(config.smtp_url.is_none());
        assert_eq!(config.mail_dir(), PathBuf::from("./data/mail"));
        assert!(!config.demo);
        assert!(config.admin.is_none());
        assert_eq!(config.sqlite_synchronous, SqliteSynchronous::Normal);
        assert_eq!(
            config.reminder_offsets,
            [chrono::Duration::hours(24), chrono::Duration::hours(1)]
        );
    }

    #[test]
    fn reminder_offsets_are_read_longest_first_and_bad_ones_named() {
        let config = config(&[("PEERLOUNGE_REMINDER_OFFSETS", "90m, 2d,90m")]).unwrap();
        assert_eq!(
            config.reminder_offsets,
            [chrono::Duration::days(2), chrono::Duration::minutes(90)]
        );
        let none = self::config(&[("PEERLOUNGE_REMINDER_OFFSETS", "none")]).unwrap();
        assert!(none.reminder_offsets.is_empty());
        for bad in ["24", "1w", "0m", "15d", "-1h", "h"] {
            let error = self::config(&[("PEERLOUNGE_REMINDER_OFFSETS", bad)]).unwrap_err();
            assert_eq!(error.variable, "PEERLOUNGE_REMINDER_OFFSETS", "{bad}");
            assert!(error.problem.contains(bad), "{bad}: {}", error.problem);
        }
    }

    #[test]
    fn each_bad_value_names_its_variable() {
        for (variable, value) in [
            ("PEERLOUNGE_BIND", "localhost"),
            ("PEERLOUNGE_DATABASE_URL", "mysql://x"),
            ("PEERLOUNGE_PUBLIC_URL", "lounge.example.org"),
            ("PEERLOUNGE_TIMEZONE", "Mars/Olympus"),
            ("PEERLOUNGE_SMTP_URL", "http://mail"),
            ("PEERLOUNGE_MAIL_FROM", "not an address"),
            ("PEERLOUNGE_DEMO", "maybe"),
            ("PEERLOUNGE_FRAME_ANCESTORS", "agency.example.org"),
            (
                "PEERLOUNGE_ALLOWED_ORIGINS",
                "https://agency.example.org/path",
            ),
            ("PEERLOUNGE_SQLITE_SYNCHRONOUS", "OFF"),
            ("PEERLOUNGE_EMAIL_WORKER", "sometimes"),
            ("PEERLOUNGE_AGENCY_NAME", "Two\nlines"),
        ] {
            let err = config(&[(variable, value)]).unwrap_err();
            assert_eq!(err.variable, variable, "{value}");
            assert!(err.to_string().starts_with(variable));
            assert!(!err.to_string().contains('\n'));
        }
    }

    #[test]
    fn admin_needs_both_variables_and_a_strong_password() {
        let err = config(&[("PEERLOUNGE_ADMIN_EMAIL", "a@example.org")]).unwrap_err();
        assert_eq!(err.variable, "PEERLOUNGE_ADMIN_PASSWORD");
        let err = config(&[
            ("PEERLOUNGE_ADMIN_EMAIL", "a@example.org"),
            ("PEERLOUNGE_ADMIN_PASSWORD", "short"),
        ])
        .unwrap_err();
        assert_eq!(err.variable, "PEERLOUNGE_ADMIN_PASSWORD");
        let ok = config(&[
            ("PEERLOUNGE_ADMIN_EMAIL", "a@example.org"),
            ("PEERLOUNGE_ADMIN_PASSWORD", "a long enough passphrase"),
        ])
        .unwrap();
        assert_eq!(ok.admin.unwrap().email.as_str(), "a@example.org");
    }

    #[test]
    fn passwords_never_appear_in_errors_or_debug_output() {
        let err = config(&[("PEERLOUNGE_DATABASE_URL", "mysql://u:secret@db/x")]).unwrap_err();
        assert!(!err.to_string().contains("secret"));
        let ok = config(&[
            ("PEERLOUNGE_ADMIN_EMAIL", "a@example.org"),
            ("PEERLOUNGE_ADMIN_PASSWORD", "a long enough passphrase"),
        ])
        .unwrap();
        assert!(!format!("{ok:?}").contains("passphrase"));
    }

    #[test]
    fn the_public_origin_drops_any_path() {
        let with_path = config(&[(
            "PEERLOUNGE_PUBLIC_URL",
            "https://agency.example.org/lounge/",
        )])
        .unwrap();
        assert_eq!(with_path.public_url, "https://agency.example.org/lounge");
        assert_eq!(with_path.public_origin(), "https://agency.example.org");
        let bare = config(&[("PEERLOUNGE_PUBLIC_URL", "http://127.0.0.1:8080")]).unwrap();
        assert_eq!(bare.public_origin(), "http://127.0.0.1:8080");
    }

    #[test]
    fn data_dir_moves_the_default_database() {
        let config = config(&[("PEERLOUNGE_DATA_DIR", "/var/lib/peer-lounge")]).unwrap();
        assert_eq!(
            config.database_url,
            "sqlite:///var/lib/peer-lounge/peer-lounge.db?mode=rwc"
        );
    }

    #[test]
    fn frame_ancestors_accept_a_list_of_origins() {
        let config = config(&[(
            "PEERLOUNGE_FRAME_ANCESTORS",
            "https://agency.example.org, https://www.agency.example.org/",
        )])
        .unwrap();
        assert_eq!(
            config.frame_ancestors,
            [
                "https://agency.example.org",
                "https://www.agency.example.org"
            ]
        );
    }

    #[test]
    fn file_values_use_lowercase_names_and_unknown_keys_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("peer-lounge.toml");
        std::fs::write(&path, "bind = \"0.0.0.0:9000\"\ndemo = true\n").unwrap();
        let values = read_file(&path).unwrap();
        assert_eq!(values["PEERLOUNGE_BIND"], "0.0.0.0:9000");
        assert_eq!(values["PEERLOUNGE_DEMO"], "1");
        std::fs::write(&path, "bnid = \"0.0.0.0:9000\"\n").unwrap();
        assert_eq!(read_file(&path).unwrap_err().variable, "PEERLOUNGE_CONFIG");
    }
}
