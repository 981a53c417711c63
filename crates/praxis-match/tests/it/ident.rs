//! Identifiers.

use praxis_match::ident::{compare_dates, email, iban, phone_e164, DateComparison, IdentError, PartialDate};

fn check_phone(text: &str, region: &str, expected: Option<&str>) {
    assert_eq!(phone_e164(text, region).ok().as_deref(), expected, "{text} in {region}");
}

fn check_iban(text: &str, expected: Option<&str>) {
    assert_eq!(iban(text).ok().as_deref(), expected, "{text}");
}

fn check_dates(a: &str, b: &str, expected: DateComparison) {
    let (a, b) = (PartialDate::parse(a).unwrap(), PartialDate::parse(b).unwrap());
    assert_eq!(compare_dates(a, b), expected, "{a} / {b}");
    assert_eq!(compare_dates(b, a), expected, "{b} / {a}");
}

#[test]
fn phones_to_e164() {
    check_phone("0300-1234567", "PK", Some("+923001234567"));
    check_phone("+92 300 1234567", "PK", Some("+923001234567"));
    check_phone("0092 300 1234567", "IR", Some("+923001234567"));
    check_phone("(0300) 123 4567", "pk", Some("+923001234567"));
    check_phone("۰۳۰۰۱۲۳۴۵۶۷", "PK", Some("+923001234567"));
    check_phone("0912 345 6789", "IR", Some("+989123456789"));
    check_phone("01712-345678", "BD", Some("+8801712345678"));
    check_phone("12", "PK", None);
    check_phone("not a number", "PK", None);
    assert_eq!(phone_e164("0300-1234567", "XX"), Err(IdentError::UnknownRegion("XX".into())));
}

#[test]
fn ibans_are_checked_by_mod_97() {
    check_iban("GB82 WEST 1234 5698 7654 32", Some("GB82WEST12345698765432"));
    check_iban("gb82west12345698765432", Some("GB82WEST12345698765432"));
    check_iban("DE89 3704 0044 0532 0130 00", Some("DE89370400440532013000"));
    check_iban("PK36SCBL0000001123456702", Some("PK36SCBL0000001123456702"));
    check_iban("AE07 0331 2345 6789 0123 456", Some("AE070331234567890123456"));
    // One digit changed, check digits changed, a wrong length for the country, junk.
    check_iban("GB82 WEST 1234 5698 7654 33", None);
    check_iban("GB83 WEST 1234 5698 7654 32", None);
    check_iban("PK36SCBL000000112345670", None);
    check_iban("GB82-WEST-1234-5698-7654-3!", None);
    check_iban("", None);
}

#[test]
fn emails_are_normalised() {
    assert_eq!(email(" Ali.Khan@Example.COM ").unwrap(), "ali.khan@example.com");
    assert_eq!(email("mailto:A.li.Khan+hawala@googlemail.com").unwrap(), "alikhan@gmail.com");
    assert_eq!(email("ali+x@example.com").unwrap(), "ali+x@example.com");
    for bad in ["", "ali", "ali@", "@example.com", "ali@example", "a li@example.com", "a@b@c.com"] {
        assert!(email(bad).is_err(), "{bad}");
    }
}

#[test]
fn partial_birth_dates() {
    assert_eq!(PartialDate::parse("1985").unwrap().to_string(), "1985");
    assert_eq!(PartialDate::parse("03/1985").unwrap().to_string(), "1985-03");
    assert_eq!(PartialDate::parse("14.03.1985").unwrap().to_string(), "1985-03-14");
    assert_eq!(PartialDate::parse("۱۹۸۵-۰۳-۱۴").unwrap().to_string(), "1985-03-14");
    for bad in ["", "85", "1985-13", "1985-02-30", "1900-02-29", "14/03", "abcd"] {
        assert!(PartialDate::parse(bad).is_err(), "{bad}");
    }
    assert!(PartialDate::parse("2000-02-29").is_ok());
    check_dates("1985-03-14", "14/03/1985", DateComparison::Exact);
    check_dates("1985", "1985-03-14", DateComparison::Compatible);
    check_dates("1985-03", "1985-03-14", DateComparison::Compatible);
    check_dates("1985-03-04", "1985-04-03", DateComparison::DayMonthSwapped);
    check_dates("1985-03", "1985-04-14", DateComparison::Conflict);
    check_dates("1985-03-14", "1985-03-15", DateComparison::Conflict);
    check_dates("1985", "1986", DateComparison::YearOffByOne);
    check_dates("1985-03-14", "1986-03-14", DateComparison::Conflict);
}
