//! The six languages Praxis speaks from the start.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    En,
    Ar,
    Fa,
    Ur,
    Bn,
    Ru,
}

impl Locale {
    pub const ALL: [Locale; 6] = [Locale::En, Locale::Ar, Locale::Fa, Locale::Ur, Locale::Bn, Locale::Ru];

    /// BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Ar => "ar",
            Locale::Fa => "fa",
            Locale::Ur => "ur",
            Locale::Bn => "bn",
            Locale::Ru => "ru",
        }
    }

    /// The language's name in itself, for the language picker.
    pub fn endonym(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Ar => "العربية",
            Locale::Fa => "فارسی",
            Locale::Ur => "اردو",
            Locale::Bn => "বাংলা",
            Locale::Ru => "Русский",
        }
    }

    pub fn is_rtl(self) -> bool {
        matches!(self, Locale::Ar | Locale::Fa | Locale::Ur)
    }

    pub fn dir(self) -> &'static str {
        if self.is_rtl() {
            "rtl"
        } else {
            "ltr"
        }
    }

    pub fn parse(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Locale::ALL.into_iter().find(|l| l.tag() == primary)
    }
}
