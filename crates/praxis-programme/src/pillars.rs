//! The programme's five pillars and its cross-cutting themes, with stable codes.
//!
//! Codes are what the store keeps and what exports carry; they never change once published. The
//! English names are for logs and tests; faces translate by [`Pillar::translation_key`].

use std::collections::BTreeSet;
use std::fmt;

/// A pillar of intervention. The number is the programme's own ordering (1-5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Pillar {
    /// 1. Sustaining effective strategy and policy development.
    StrategyPolicy,
    /// 2. Legislative review and harmonisation.
    LegislativeReview,
    /// 3. Capacity building.
    CapacityBuilding,
    /// 4. Regional and international cooperation.
    Cooperation,
    /// 5. Protection and assistance to victims and vulnerable migrants, including children.
    Protection,
}

impl Pillar {
    pub const ALL: [Pillar; 5] = [
        Pillar::StrategyPolicy,
        Pillar::LegislativeReview,
        Pillar::CapacityBuilding,
        Pillar::Cooperation,
        Pillar::Protection,
    ];

    /// The stable code: `strategy_policy`, `legislative_review`, `capacity_building`,
    /// `cooperation`, `protection`.
    pub fn code(self) -> &'static str {
        match self {
            Pillar::StrategyPolicy => "strategy_policy",
            Pillar::LegislativeReview => "legislative_review",
            Pillar::CapacityBuilding => "capacity_building",
            Pillar::Cooperation => "cooperation",
            Pillar::Protection => "protection",
        }
    }

    /// The pillar's number in the programme document (1-5).
    pub fn number(self) -> u8 {
        Pillar::ALL.iter().position(|p| *p == self).expect("in ALL") as u8 + 1
    }

    pub fn parse(code: &str) -> Option<Pillar> {
        Pillar::ALL.into_iter().find(|p| p.code() == code)
    }

    pub fn english(self) -> &'static str {
        match self {
            Pillar::StrategyPolicy => "Strategy and policy development",
            Pillar::LegislativeReview => "Legislative review and harmonisation",
            Pillar::CapacityBuilding => "Capacity building",
            Pillar::Cooperation => "Regional and international cooperation",
            Pillar::Protection => {
                "Protection and assistance to victims and vulnerable migrants, including children"
            }
        }
    }

    /// Fluent message id, e.g. `pillar-legislative_review`.
    pub fn translation_key(self) -> String {
        format!("pillar-{}", self.code())
    }
}

/// A cross-cutting theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Theme {
    GenderHumanRights,
    GoingLocal,
    Conflict,
    InnovationTechnology,
    Sustainability,
}

impl Theme {
    pub const ALL: [Theme; 5] = [
        Theme::GenderHumanRights,
        Theme::GoingLocal,
        Theme::Conflict,
        Theme::InnovationTechnology,
        Theme::Sustainability,
    ];

    /// The stable code: `gender_human_rights`, `going_local`, `conflict`,
    /// `innovation_technology`, `sustainability`.
    pub fn code(self) -> &'static str {
        match self {
            Theme::GenderHumanRights => "gender_human_rights",
            Theme::GoingLocal => "going_local",
            Theme::Conflict => "conflict",
            Theme::InnovationTechnology => "innovation_technology",
            Theme::Sustainability => "sustainability",
        }
    }

    pub fn parse(code: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.code() == code)
    }

    pub fn english(self) -> &'static str {
        match self {
            Theme::GenderHumanRights => "Gender and human rights",
            Theme::GoingLocal => "Going local",
            Theme::Conflict => "Conflict",
            Theme::InnovationTechnology => "Innovation and technology",
            Theme::Sustainability => "Sustainability",
        }
    }

    /// Fluent message id, e.g. `theme-going_local`.
    pub fn translation_key(self) -> String {
        format!("theme-{}", self.code())
    }
}

impl fmt::Display for Pillar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Display for Theme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The pillars and themes an activity, output, ToC node or indicator is tagged with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tags {
    pub pillars: BTreeSet<Pillar>,
    pub themes: BTreeSet<Theme>,
}

impl Tags {
    pub fn new(pillars: impl IntoIterator<Item = Pillar>, themes: impl IntoIterator<Item = Theme>) -> Tags {
        Tags { pillars: pillars.into_iter().collect(), themes: themes.into_iter().collect() }
    }

    /// Parses space- or comma-separated codes of pillars and themes ("capacity_building going_local").
    /// Returns the unknown codes as the error.
    pub fn parse_codes(text: &str) -> Result<Tags, Vec<String>> {
        let mut tags = Tags::default();
        let mut unknown = Vec::new();
        for code in text.split([' ', ',']).filter(|c| !c.is_empty()) {
            if let Some(p) = Pillar::parse(code) {
                tags.pillars.insert(p);
            } else if let Some(t) = Theme::parse(code) {
                tags.themes.insert(t);
            } else {
                unknown.push(code.to_owned());
            }
        }
        if unknown.is_empty() {
            Ok(tags)
        } else {
            Err(unknown)
        }
    }

    /// The codes, pillars first, space-separated: the inverse of [`Tags::parse_codes`].
    pub fn codes(&self) -> String {
        let p = self.pillars.iter().map(|p| p.code());
        let t = self.themes.iter().map(|t| t.code());
        p.chain(t).collect::<Vec<_>>().join(" ")
    }

    pub fn has_pillar(&self, p: Pillar) -> bool {
        self.pillars.contains(&p)
    }

    pub fn has_theme(&self, t: Theme) -> bool {
        self.themes.contains(&t)
    }
}
