//! Logs on stderr, filtered by RUST_LOG (default: info): human-readable lines, or one
//! JSON object per line with `LOG_FORMAT=json` for a log collector (the request's span,
//! with its id, is a field of every line written while it is served).

use tracing_subscriber::EnvFilter;

pub fn init() -> Result<(), String> {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match std::env::var("LOG_FORMAT").as_deref() {
        Err(_) | Ok("" | "text") => logs.init(),
        Ok("json") => logs.json().with_current_span(true).init(),
        Ok(other) => {
            return Err(format!(
                "LOG_FORMAT={other:?} is invalid: expected text or json"
            ));
        }
    }
    Ok(())
}
