//! Freshness of partner contacts: the `verified` date of each partner file.
//!
//! Phone numbers and names of contact persons go stale. A partner whose facts
//! were last checked longer ago than the configured number of months gets a
//! warning; a partner without a `verified` date, or with one in the future,
//! gets an error, because then the age of its facts is unknown.

use chrono::{Months, NaiveDate};

use crate::content::Site;
use crate::diagnostics::Diagnostics;

/// Age in months after which a partner counts as stale when `baken.yaml`
/// sets no `freshness_months`.
pub const DEFAULT_MAX_AGE_MONTHS: u32 = 12;

/// Returns true when `verified` lies more than `max_age_months` before `today`.
///
/// The months are calendar months: a date verified on 31 January with a
/// maximum of one month is stale from 1 March on (chrono clamps 31 February
/// to the last day of February).
pub fn is_stale(verified: NaiveDate, max_age_months: u32, today: NaiveDate) -> bool {
    match verified.checked_add_months(Months::new(max_age_months)) {
        Some(limit) => limit < today,
        None => false,
    }
}

/// Reports partners without a `verified` date, with one in the future, or
/// with one older than `max_age_months` before `today`.
pub fn check_freshness(site: &Site, max_age_months: u32, today: NaiveDate, diagnostics: &Diagnostics) {
    for item in &site.partners {
        let partner = &item.value;
        let Some(verified) = partner.verified else {
            let message = format!("partner `{}` has no `verified` date", partner.id);
            diagnostics.push(item.error("missing-verified", "id", message).with_help(
                "check the partner's facts with the organisation, then add `verified: YYYY-MM-DD` \
                 with the date of that check",
            ));
            continue;
        };
        if verified > today {
            let message = format!("partner `{}` has a `verified` date in the future: {verified}", partner.id);
            diagnostics.push(
                item.error("future-verified", "verified", message)
                    .with_help("write the date on which the facts were checked, as YYYY-MM-DD"),
            );
        } else if is_stale(verified, max_age_months, today) {
            let message = format!(
                "partner `{}` was last verified on {verified}, more than {max_age_months} months ago",
                partner.id
            );
            diagnostics.push(item.warning("stale-partner", "verified", message).with_help(
                "check the phone numbers, addresses and tasks with the organisation, then set \
                 `verified:` to the date of the check; `freshness_months` in baken.yaml or \
                 --max-age sets the limit",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn stale_after_the_limit() {
        let today = date("2026-12-04");
        assert!(!is_stale(date("2025-12-04"), 12, today));
        assert!(is_stale(date("2025-12-03"), 12, today));
        assert!(!is_stale(date("2020-01-01"), 1200, today));
        assert!(is_stale(date("2026-12-03"), 0, today));
    }

    #[test]
    fn month_end_is_clamped() {
        assert!(!is_stale(date("2026-01-31"), 1, date("2026-02-28")));
        assert!(is_stale(date("2026-01-31"), 1, date("2026-03-01")));
    }
}
