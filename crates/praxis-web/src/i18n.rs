//! Translations with Fluent: one bundle per language, embedded in the binary. A message missing
//! from a language falls back to English; the i18n test keeps every language complete.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use praxis_model::Locale;

const SOURCES: [(Locale, &str); 6] = [
    (Locale::En, include_str!("../../../locales/en/main.ftl")),
    (Locale::Ar, include_str!("../../../locales/ar/main.ftl")),
    (Locale::Fa, include_str!("../../../locales/fa/main.ftl")),
    (Locale::Ur, include_str!("../../../locales/ur/main.ftl")),
    (Locale::Bn, include_str!("../../../locales/bn/main.ftl")),
    (Locale::Ru, include_str!("../../../locales/ru/main.ftl")),
];

type Bundle = FluentBundle<FluentResource>;

struct Catalog {
    bundles: HashMap<Locale, Bundle>,
}

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let mut bundles = HashMap::new();
        for (locale, source) in SOURCES {
            let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(res, errors)| {
                tracing::error!(locale = locale.tag(), ?errors, "translation file has errors");
                res
            });
            let lang = locale.tag().parse().expect("valid language tag");
            let mut bundle = FluentBundle::new_concurrent(vec![lang]);
            bundle.add_resource(resource).expect("no duplicate messages");
            bundles.insert(locale, bundle);
        }
        Catalog { bundles }
    })
}

/// The translator for one request's language.
#[derive(Clone, Copy)]
pub struct Tr {
    pub locale: Locale,
}

impl Tr {
    pub fn new(locale: Locale) -> Tr {
        Tr { locale }
    }

    /// The message `key`, in this language or else in English, or the key itself.
    pub fn t(&self, key: &str) -> String {
        self.format(key, None)
    }

    /// The message `key` with named arguments.
    pub fn a(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut fa = FluentArgs::new();
        for (k, v) in args {
            // A count goes in as a number, so that a message can choose its plural form
            // (`[one]`); only canonical integers, so that "007" or "2026-Q4" stay text.
            let canonical = !v.is_empty()
                && v.len() <= 15
                && v.bytes().all(|b| b.is_ascii_digit())
                && (v.len() == 1 || !v.starts_with('0'));
            match v.parse::<u64>() {
                Ok(n) if canonical => fa.set(*k, FluentValue::from(n)),
                _ => fa.set(*k, FluentValue::from(*v)),
            }
        }
        self.format(key, Some(&fa))
    }

    fn format(&self, key: &str, args: Option<&FluentArgs>) -> String {
        let cat = catalog();
        for locale in [self.locale, Locale::En] {
            let bundle = &cat.bundles[&locale];
            if let Some(msg) = bundle.get_message(key) {
                if let Some(pattern) = msg.value() {
                    let mut errors = vec![];
                    return bundle.format_pattern(pattern, args, &mut errors).into_owned();
                }
            }
        }
        key.to_owned()
    }
}

/// Message ids defined in a language's file (for the completeness test).
pub fn message_ids(locale: Locale) -> Vec<String> {
    let source = SOURCES.iter().find(|(l, _)| *l == locale).map(|(_, s)| *s).unwrap_or("");
    let resource = match FluentResource::try_new(source.to_owned()) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    resource
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

/// Parse errors in a language's file (for the completeness test).
pub fn parse_errors(locale: Locale) -> usize {
    let source = SOURCES.iter().find(|(l, _)| *l == locale).map(|(_, s)| *s).unwrap_or("");
    match FluentResource::try_new(source.to_owned()) {
        Ok(_) => 0,
        Err((_, errors)) => errors.len(),
    }
}

#[allow(dead_code)]
fn _assert_sync() {
    fn is_sync<T: Sync + Send>() {}
    is_sync::<Arc<Bundle>>();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bidi isolation marks aside.
    fn plain(s: String) -> String {
        s.replace(['\u{2068}', '\u{2069}'], "")
    }

    #[test]
    fn a_count_chooses_the_plural_form_and_text_stays_text() {
        let tr = Tr::new(Locale::En);
        assert_eq!(plain(tr.a("hit-set-aside", &[("count", "1")])), "One value not indexed");
        assert_eq!(plain(tr.a("hit-set-aside", &[("count", "3")])), "3 values not indexed");
        // Not canonical integers: passed as text, shown as given.
        assert_eq!(plain(tr.a("hit-index-title", &[("epoch", "007")])), "Blind index 007");
        assert_eq!(plain(tr.a("hit-index-title", &[("epoch", "2026-Q4")])), "Blind index 2026-Q4");
    }
}
