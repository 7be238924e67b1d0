//! The server's clock. The real one, or, for browser tests that must live through a
//! birthday, the real one shifted by the number of seconds a file holds
//! (`CLOCK_SHIFT_FILE`): the test writes the file and the server's next reading moves.
//! An unreadable or absent file shifts nothing.

use app::ssr::{Clock, SystemClock};
use chrono::{DateTime, Duration, Utc};
use std::path::PathBuf;
use std::sync::Arc;

pub struct ShiftedClock {
    file: PathBuf,
}

impl Clock for ShiftedClock {
    fn now(&self) -> DateTime<Utc> {
        let seconds = std::fs::read_to_string(&self.file)
            .ok()
            .and_then(|text| text.trim().parse::<i64>().ok())
            .unwrap_or(0);
        Utc::now() + Duration::seconds(seconds)
    }
}

/// The clock the settings ask for.
pub fn from_settings(shift_file: Option<&PathBuf>) -> Arc<dyn Clock> {
    match shift_file {
        Some(file) => {
            tracing::warn!(file = %file.display(), "the clock is shifted by a file: a test server");
            Arc::new(ShiftedClock { file: file.clone() })
        }
        None => Arc::new(SystemClock),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_moves_the_clock_and_without_it_the_clock_is_the_machines() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let file = dir.path().join("shift");
        let clock = ShiftedClock { file: file.clone() };
        assert!((clock.now() - Utc::now()).num_seconds().abs() < 5);
        std::fs::write(&file, "86400\n").expect("written");
        let ahead = (clock.now() - Utc::now()).num_seconds();
        assert!((86_395..=86_405).contains(&ahead), "{ahead}");
        std::fs::write(&file, "not a number").expect("written");
        assert!((clock.now() - Utc::now()).num_seconds().abs() < 5);
    }
}
