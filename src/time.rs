//! RFC 3339 timestamps in UTC for `occurredAt`. A few lines of civil-calendar arithmetic (Howard
//! Hinnant's `days_from_civil`) instead of a date crate: this is all hookgate needs of dates, and a
//! date crate would cost more wasm bytes than the rest of the module.

/// Formats unix time (seconds and milliseconds) as `YYYY-MM-DDTHH:MM:SS[.mmm]Z`.
/// `None` outside years 0000-9999.
pub fn format_utc(seconds: i64, millis: u32) -> Option<String> {
    let days = seconds.div_euclid(86_400);
    let secs = seconds.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    if !(0..=9999).contains(&year) {
        return None;
    }
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    // Written digit by digit: this runs for every delivery, and `format!` costs more than the rest.
    let mut out = String::with_capacity(24);
    push_digits(&mut out, year, 4);
    let parts = [(b'-', month, 2), (b'-', day, 2), (b'T', h, 2), (b':', m, 2), (b':', s, 2)];
    for (separator, value, width) in parts {
        out.push(char::from(separator));
        push_digits(&mut out, value, width);
    }
    if millis != 0 {
        out.push('.');
        push_digits(&mut out, i64::from(millis), 3);
    }
    out.push('Z');
    Some(out)
}

/// Appends `value` (non-negative) zero-padded to `width` digits.
fn push_digits(out: &mut String, value: i64, width: u32) {
    for power in (0..width).rev() {
        out.push(char::from(b'0' + (value / 10i64.pow(power) % 10) as u8));
    }
}

/// The value of a run of ASCII digits (at most 18, so it cannot overflow); `None` for anything else.
/// Hand-written: `str::parse` brings the general radix parser and its error type into the wasm module for
/// what is only ever a date field or a unix time here.
pub fn digits(text: &[u8]) -> Option<i64> {
    if text.is_empty() || text.len() > 18 {
        return None;
    }
    text.iter().try_fold(0i64, |value, &c| c.is_ascii_digit().then(|| value * 10 + i64::from(c - b'0')))
}

/// Formats unix milliseconds (as Baback sends them).
pub fn format_unix_millis(millis: i64) -> Option<String> {
    format_utc(millis.div_euclid(1000), millis.rem_euclid(1000) as u32)
}

/// Parses an RFC 3339 date-time with any offset and writes it back in UTC, keeping up to
/// millisecond precision. `None` when the text is not RFC 3339.
pub fn normalize_rfc3339(text: &str) -> Option<String> {
    let (seconds, millis) = parse_rfc3339(text)?;
    format_utc(seconds, millis)
}

/// The unix seconds of an RFC 3339 date-time (fractions dropped).
pub fn rfc3339_seconds(text: &str) -> Option<i64> {
    parse_rfc3339(text).map(|(seconds, _)| seconds)
}

/// Unix seconds and milliseconds of an RFC 3339 date-time with any offset.
fn parse_rfc3339(text: &str) -> Option<(i64, u32)> {
    let b = text.as_bytes();
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let num = |range: std::ops::Range<usize>| digits(b.get(range)?);
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut rest = b.get(19..)?;
    let mut millis = 0u32;
    if let Some(fraction) = rest.strip_prefix(b".") {
        let count = fraction.iter().take_while(|c| c.is_ascii_digit()).count();
        if count == 0 {
            return None;
        }
        // Milliseconds: the first three digits, padded with zeros (`.5` is 500 ms).
        millis =
            (0..3).fold(0, |ms, i| ms * 10 + fraction.get(i).filter(|_| i < count).map_or(0, |d| u32::from(d - b'0')));
        rest = fraction.get(count..)?;
    }
    let offset = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let digits = [*h1, *h2, *m1, *m2];
            if !digits.iter().all(u8::is_ascii_digit) {
                return None;
            }
            let d = |i: usize| i64::from(digits[i] - b'0');
            let (oh, om) = (d(0) * 10 + d(1), d(2) * 10 + d(3));
            if oh > 23 || om > 59 {
                return None;
            }
            let minutes = oh * 60 + om;
            if *sign == b'+' {
                minutes
            } else {
                -minutes
            }
        }
        _ => return None,
    };
    // A leap second (:60) is folded into the next second, as JavaScript's Date does.
    let seconds = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offset * 60;
    Some((seconds, millis))
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    // Compiled to wasm32 (scripts/test.sh), these run under wasm-bindgen-test-runner in Node.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn formats_unix_time_in_utc() {
        assert_eq!(format_utc(0, 0).as_deref(), Some("1970-01-01T00:00:00Z"));
        assert_eq!(format_utc(1_767_225_600, 0).as_deref(), Some("2026-01-01T00:00:00Z"));
        assert_eq!(format_unix_millis(1_672_531_260_123).as_deref(), Some("2023-01-01T00:01:00.123Z"));
        assert_eq!(format_utc(951_782_400, 0).as_deref(), Some("2000-02-29T00:00:00Z"));
        assert_eq!(format_utc(i64::MAX / 2, 0), None);
    }

    #[test]
    fn normalizes_offsets_and_fractions_to_utc() {
        assert_eq!(normalize_rfc3339("2023-08-18T12:00:00Z").as_deref(), Some("2023-08-18T12:00:00Z"));
        assert_eq!(normalize_rfc3339("2023-08-18T14:30:00+02:30").as_deref(), Some("2023-08-18T12:00:00Z"));
        assert_eq!(normalize_rfc3339("2023-12-31T23:00:00.5-01:00").as_deref(), Some("2024-01-01T00:00:00.500Z"));
        assert_eq!(normalize_rfc3339("2023-08-18T12:00:00.123456789Z").as_deref(), Some("2023-08-18T12:00:00.123Z"));
    }

    #[test]
    fn refuses_what_is_not_rfc3339() {
        for text in [
            "",
            "2023-08-18",
            "2023-08-18T12:00:00",
            "2023-02-30T00:00:00Z",
            "2023-08-18T24:00:00Z",
            "2023-08-18T12:00:00.Z",
            "2023-08-18T12:00:00+2:00",
            "yesterday at noon!!",
            "2023-08-18T12:00:00Zjunk",
        ] {
            assert_eq!(normalize_rfc3339(text), None, "{text}");
        }
    }

    #[test]
    fn knows_the_calendar_leap_years_and_month_lengths() {
        // Every 4th year, not every 100th, but every 400th.
        for (text, valid) in [
            ("2024-02-29T00:00:00Z", true),
            ("2000-02-29T00:00:00Z", true),
            ("2023-02-29T00:00:00Z", false),
            ("2100-02-29T00:00:00Z", false),
            ("1900-02-29T00:00:00Z", false),
            ("2023-02-28T00:00:00Z", true),
            ("2023-04-30T00:00:00Z", true),
            ("2023-04-31T00:00:00Z", false),
            ("2023-06-31T00:00:00Z", false),
            ("2023-09-31T00:00:00Z", false),
            ("2023-11-31T00:00:00Z", false),
            ("2023-12-31T00:00:00Z", true),
            ("2023-01-31T00:00:00Z", true),
            ("2023-13-01T00:00:00Z", false),
            ("2023-00-01T00:00:00Z", false),
            ("2023-01-00T00:00:00Z", false),
        ] {
            assert_eq!(rfc3339_seconds(text).is_some(), valid, "{text}");
        }
        assert_eq!(rfc3339_seconds("2024-02-29T00:00:00Z"), Some(1_709_164_800));
        assert_eq!(rfc3339_seconds("2024-03-01T00:00:00Z"), Some(1_709_164_800 + 86_400));
    }

    #[test]
    fn reads_times_and_offsets_within_their_ranges_only() {
        assert_eq!(rfc3339_seconds("2026-01-01T00:59:59Z"), Some(1_767_225_600 + 3599));
        assert_eq!(rfc3339_seconds("2026-01-01T00:60:00Z"), None);
        assert_eq!(rfc3339_seconds("2026-01-01T23:59:60Z"), Some(1_767_225_600 + 86_400));
        assert_eq!(rfc3339_seconds("2026-01-01T23:59:61Z"), None);
        assert_eq!(rfc3339_seconds("2026-01-01T10:00:00+10:00"), Some(1_767_225_600));
        assert_eq!(rfc3339_seconds("2026-01-01T23:59:00+23:59"), Some(1_767_225_600));
        assert_eq!(rfc3339_seconds("2025-12-31T00:01:00-23:59"), Some(1_767_225_600));
        assert_eq!(rfc3339_seconds("2026-01-01T00:00:00+00:30"), Some(1_767_225_600 - 1800));
        for text in [
            "2026-01-01T00:00:00+24:00",
            "2026-01-01T00:00:00+23:60",
            "2026-01-01T00:00:00+1000",
            "2026-01-01T00:00:00+10",
            "2026-01-01T00:00:00 +10:00",
            "2026/01/01T00:00:00Z",
            "2026-01-01T00.00.00Z",
            "2026-01-01X00:00:00Z",
            "2026-01-01T00:00:00ZZ",
        ] {
            assert_eq!(rfc3339_seconds(text), None, "{text}");
        }
        // The separators RFC 3339 allows besides `T` and `Z`.
        assert_eq!(rfc3339_seconds("2026-01-01t00:00:00z"), Some(1_767_225_600));
        assert_eq!(rfc3339_seconds("2026-01-01 00:00:00Z"), Some(1_767_225_600));
    }
}
