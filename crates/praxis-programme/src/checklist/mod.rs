//! The legislative review checklist: a versioned catalogue of treaty provisions, shipped as data.
//!
//! The catalogue (what is checked: provisions, articles, obligation levels, English text) is data
//! in `checklist/v<N>.toml`, compiled into the crate. Country answers are kept apart, in
//! [`review`], and name the catalogue version they were given against; the regional
//! harmonisation matrix is in [`matrix`].
//!
//! A correction to the catalogue is a new version file, never an edit of a published one, so that
//! stored answers keep their meaning. Each provision says how its article number was verified
//! ([`Verification`]); an unverified citation stays visibly marked until a reviewer checks it.
//!
//! Translation: the English text is the reference; faces translate by the keys from
//! [`Provision::translation_key`] (`checklist-tip-06-question`), and
//! [`Catalogue::english_fluent`] writes the English Fluent resource translators start from.

pub mod matrix;
pub mod review;

use std::collections::BTreeSet;
use std::fmt;

use serde::Deserialize;
use time::Date;

/// The catalogue versions shipped with this crate, oldest first.
const SHIPPED: &[(u32, &str)] = &[(1, include_str!("../../checklist/v1.toml"))];

/// A provision's identifier in the catalogue, such as `TIP-06`. Stable across versions: a new
/// version may change an item's text but keeps its id while it checks the same thing.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ProvisionId(String);

impl ProvisionId {
    /// Upper-case letters, digits and hyphens, starting with a letter (`GEN-01`, `TIP-P03`).
    pub fn parse(s: &str) -> Result<ProvisionId, CatalogueError> {
        let ok = s.len() <= 32
            && s.starts_with(|c: char| c.is_ascii_uppercase())
            && s.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
            && !s.ends_with('-');
        if ok {
            Ok(ProvisionId(s.to_owned()))
        } else {
            Err(CatalogueError::BadId(s.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ProvisionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The instrument a provision's article belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Instrument {
    /// United Nations Convention against Transnational Organized Crime (GA res. 55/25, annex I).
    Untoc,
    /// Protocol to Prevent, Suppress and Punish Trafficking in Persons (annex II).
    TipProtocol,
    /// Protocol against the Smuggling of Migrants by Land, Sea and Air (annex III).
    SomProtocol,
    /// UNODC Model Law against Trafficking in Persons (2009): guidance.
    ModelLawTip2009,
    /// UNODC Model Law against the Smuggling of Migrants (2010): guidance.
    ModelLawSom2010,
    /// ASEAN Convention against Trafficking in Persons, Especially Women and Children (2015):
    /// binding on its parties only; guidance for this checklist.
    Actip,
}

impl Instrument {
    pub fn code(self) -> &'static str {
        match self {
            Instrument::Untoc => "untoc",
            Instrument::TipProtocol => "tip_protocol",
            Instrument::SomProtocol => "som_protocol",
            Instrument::ModelLawTip2009 => "model_law_tip_2009",
            Instrument::ModelLawSom2010 => "model_law_som_2010",
            Instrument::Actip => "actip",
        }
    }

    pub fn parse(code: &str) -> Option<Instrument> {
        use Instrument::*;
        [Untoc, TipProtocol, SomProtocol, ModelLawTip2009, ModelLawSom2010, Actip]
            .into_iter()
            .find(|i| i.code() == code)
    }

    /// The short English name used in citations ("TIP Protocol").
    pub fn short_name(self) -> &'static str {
        match self {
            Instrument::Untoc => "UNTOC",
            Instrument::TipProtocol => "TIP Protocol",
            Instrument::SomProtocol => "SOM Protocol",
            Instrument::ModelLawTip2009 => "UNODC Model Law TIP (2009)",
            Instrument::ModelLawSom2010 => "UNODC Model Law SOM (2010)",
            Instrument::Actip => "ACTIP",
        }
    }

    /// Whether the instrument creates obligations for every State party to the Protocols.
    pub fn is_treaty_obligation(self) -> bool {
        matches!(self, Instrument::Untoc | Instrument::TipProtocol | Instrument::SomProtocol)
    }
}

/// The strength of an obligation, from the treaty's wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    /// "shall adopt / shall ensure" (`M`).
    Mandatory,
    /// Mandatory but qualified: "subject to the basic concepts of its legal system", "in
    /// appropriate cases", "within its means" (`Mq`).
    MandatoryQualified,
    /// "shall consider / shall endeavour / may" (`C`).
    Consider,
    /// Guidance only: model law, issue paper, regional treaty (`G`). Not a Protocol obligation.
    Guidance,
}

impl Level {
    pub fn code(self) -> &'static str {
        match self {
            Level::Mandatory => "M",
            Level::MandatoryQualified => "Mq",
            Level::Consider => "C",
            Level::Guidance => "G",
        }
    }

    fn parse(s: &str) -> Option<Level> {
        match s {
            "M" => Some(Level::Mandatory),
            "Mq" => Some(Level::MandatoryQualified),
            "C" => Some(Level::Consider),
            "G" => Some(Level::Guidance),
            _ => None,
        }
    }
}

/// Whether a provision is a treaty obligation, guidance, or a fact recorded without a score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Obligation,
    /// Shown as guidance, never as a treaty obligation (e.g. non-punishment of victims).
    Guidance,
    /// A fact to record (ratification data); not scored.
    Information,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::Obligation => "obligation",
            Kind::Guidance => "guidance",
            Kind::Information => "information",
        }
    }

    fn parse(s: &str) -> Option<Kind> {
        match s {
            "obligation" => Some(Kind::Obligation),
            "guidance" => Some(Kind::Guidance),
            "information" => Some(Kind::Information),
            _ => None,
        }
    }
}

/// How an article number and paragraph were checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Verification {
    /// Checked against a cited extract of the text.
    SourceChecked,
    /// Checked against the treaty text as adopted, from the compiler's reading; spot-check
    /// against the UN Treaty Collection before publication.
    TreatyText,
    /// Not verified. Faces show the mark until a reviewer checks the citation.
    Unverified,
}

impl Verification {
    pub fn code(self) -> &'static str {
        match self {
            Verification::SourceChecked => "source_checked",
            Verification::TreatyText => "treaty_text",
            Verification::Unverified => "unverified",
        }
    }

    fn parse(s: &str) -> Option<Verification> {
        match s {
            "source_checked" => Some(Verification::SourceChecked),
            "treaty_text" => Some(Verification::TreatyText),
            "unverified" => Some(Verification::Unverified),
            _ => None,
        }
    }
}

/// A related or guidance citation with its own verification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    pub cite: String,
    pub verification: Verification,
}

/// The section of the checklist a provision belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    General,
    TipCriminalisation,
    UntocApplied,
    TipProtection,
    TipPrevention,
    SomCriminalisation,
    SomProtection,
}

impl Section {
    pub const ALL: [Section; 7] = [
        Section::General,
        Section::TipCriminalisation,
        Section::UntocApplied,
        Section::TipProtection,
        Section::TipPrevention,
        Section::SomCriminalisation,
        Section::SomProtection,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Section::General => "general",
            Section::TipCriminalisation => "tip_criminalisation",
            Section::UntocApplied => "untoc_applied",
            Section::TipProtection => "tip_protection",
            Section::TipPrevention => "tip_prevention",
            Section::SomCriminalisation => "som_criminalisation",
            Section::SomProtection => "som_protection",
        }
    }

    pub fn parse(code: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Fluent message id, e.g. `checklist-section-general`.
    pub fn translation_key(self) -> String {
        format!("checklist-section-{}", self.code())
    }
}

/// One item of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provision {
    pub id: ProvisionId,
    pub section: Section,
    pub instrument: Instrument,
    /// The article and paragraph as cited: `3(b)`, `6(1)(b)(ii)`, `12-14`.
    pub article: String,
    /// Levels in the order of the item's parts ("M/C": the first part mandatory, the second not).
    /// Empty for information items.
    pub levels: Vec<Level>,
    pub kind: Kind,
    pub verification: Verification,
    pub title: String,
    pub question: String,
    pub checks: String,
    pub refs: Vec<Citation>,
}

/// The text fields of a provision that faces translate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    Title,
    Question,
    Checks,
}

impl TextField {
    fn code(self) -> &'static str {
        match self {
            TextField::Title => "title",
            TextField::Question => "question",
            TextField::Checks => "checks",
        }
    }
}

impl Provision {
    /// "TIP Protocol art. 3(b)".
    pub fn citation(&self) -> String {
        format!("{} art. {}", self.instrument.short_name(), self.article)
    }

    /// The levels as written in the catalogue: "M/C", or "-" for an information item.
    pub fn level_code(&self) -> String {
        if self.levels.is_empty() {
            "-".to_owned()
        } else {
            self.levels.iter().map(|l| l.code()).collect::<Vec<_>>().join("/")
        }
    }

    /// Whether any part of the item is plainly mandatory (`M`): the set behind "% of M items
    /// compliant".
    pub fn is_mandatory(&self) -> bool {
        self.kind == Kind::Obligation && self.levels.contains(&Level::Mandatory)
    }

    /// Whether the item or any of its citations is unverified.
    pub fn has_unverified_citation(&self) -> bool {
        self.verification == Verification::Unverified
            || self.refs.iter().any(|r| r.verification == Verification::Unverified)
    }

    /// The Fluent message id of a text field: `checklist-tip-06-question`. Ids are stable across
    /// catalogue versions while the English meaning is unchanged.
    pub fn translation_key(&self, field: TextField) -> String {
        format!("checklist-{}-{}", self.id.as_str().to_ascii_lowercase(), field.code())
    }

    pub fn english(&self, field: TextField) -> &str {
        match field {
            TextField::Title => &self.title,
            TextField::Question => &self.question,
            TextField::Checks => &self.checks,
        }
    }
}

/// A version of the checklist catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalogue {
    version: u32,
    published: Date,
    title: String,
    provisions: Vec<Provision>,
}

/// A catalogue file was not acceptable; each error names the provision (or the file field).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogueError {
    #[error("the catalogue is not valid TOML: {0}")]
    Toml(String),
    #[error("`{0}` is not a provision id (upper-case letters, digits and hyphens)")]
    BadId(String),
    #[error("provision {0} appears twice")]
    Duplicate(String),
    #[error("provision {id}: field `{field}`: {message}")]
    Field { id: String, field: &'static str, message: String },
    #[error("`published` is not a date (YYYY-MM-DD): {0}")]
    BadDate(String),
    #[error("no catalogue version {0} is shipped")]
    UnknownVersion(u32),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalogue {
    version: u32,
    published: String,
    title: String,
    provision: Vec<RawProvision>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProvision {
    id: String,
    section: String,
    instrument: String,
    article: String,
    level: String,
    kind: String,
    verification: String,
    title: String,
    question: String,
    checks: String,
    #[serde(default)]
    refs: Vec<RawCitation>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCitation {
    cite: String,
    verification: String,
}

impl Catalogue {
    /// The first catalogue version, shipped in the crate.
    pub fn v1() -> Catalogue {
        Catalogue::shipped(1).expect("v1 is shipped and valid (tested)")
    }

    /// The newest shipped version.
    pub fn latest() -> Catalogue {
        let (v, _) = SHIPPED.last().expect("at least one version");
        Catalogue::shipped(*v).expect("shipped versions are valid (tested)")
    }

    /// The shipped version numbers, oldest first.
    pub fn shipped_versions() -> Vec<u32> {
        SHIPPED.iter().map(|(v, _)| *v).collect()
    }

    /// A shipped version. Answers recorded against version `n` are read with `shipped(n)`.
    pub fn shipped(version: u32) -> Result<Catalogue, Vec<CatalogueError>> {
        let (_, text) = SHIPPED
            .iter()
            .find(|(v, _)| *v == version)
            .ok_or_else(|| vec![CatalogueError::UnknownVersion(version)])?;
        let c = Catalogue::parse(text)?;
        if c.version != version {
            return Err(vec![CatalogueError::Field {
                id: "-".into(),
                field: "version",
                message: format!("file v{version} declares version {}", c.version),
            }]);
        }
        Ok(c)
    }

    /// Parses and validates a catalogue file; returns every problem found, not just the first.
    pub fn parse(text: &str) -> Result<Catalogue, Vec<CatalogueError>> {
        let raw: RawCatalogue =
            toml::from_str(text).map_err(|e| vec![CatalogueError::Toml(e.to_string())])?;
        let mut errors = Vec::new();
        let format = time::macros::format_description!("[year]-[month]-[day]");
        let published =
            Date::parse(&raw.published, &format).map_err(|_| CatalogueError::BadDate(raw.published));
        let mut seen = BTreeSet::new();
        let mut provisions = Vec::new();
        for p in raw.provision {
            match Provision::from_raw(p) {
                Ok(p) => {
                    if !seen.insert(p.id.clone()) {
                        errors.push(CatalogueError::Duplicate(p.id.0.clone()));
                    }
                    provisions.push(p);
                }
                Err(mut e) => errors.append(&mut e),
            }
        }
        let published = match published {
            Ok(d) => Some(d),
            Err(e) => {
                errors.push(e);
                None
            }
        };
        match published {
            Some(published) if errors.is_empty() => {
                Ok(Catalogue { version: raw.version, published, title: raw.title, provisions })
            }
            _ => Err(errors),
        }
    }

    pub fn version(&self) -> u32 {
        self.version
    }

    pub fn published(&self) -> Date {
        self.published
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    /// The provisions in catalogue order (the order reviews and matrices show them).
    pub fn provisions(&self) -> &[Provision] {
        &self.provisions
    }

    pub fn provision(&self, id: &ProvisionId) -> Option<&Provision> {
        self.provisions.iter().find(|p| &p.id == id)
    }

    /// Looks a provision up by its id text (`"TIP-06"`).
    pub fn get(&self, id: &str) -> Option<&Provision> {
        self.provisions.iter().find(|p| p.id.as_str() == id)
    }

    /// The English Fluent resource with one message per translatable text: the reference that
    /// translators copy into `locales/<lang>/`.
    pub fn english_fluent(&self) -> String {
        let mut out = format!("# {} (catalogue version {})\n", self.title, self.version);
        for s in Section::ALL {
            let en = match s {
                Section::General => "General and framework",
                Section::TipCriminalisation => "Trafficking in persons: definition and criminalisation",
                Section::UntocApplied => "UNTOC provisions applied to TIP and SOM offences",
                Section::TipProtection => "Trafficking in persons: protection of victims",
                Section::TipPrevention => {
                    "Trafficking in persons: prevention, cooperation and saving clauses"
                }
                Section::SomCriminalisation => "Smuggling of migrants: definition and criminalisation",
                Section::SomProtection => "Smuggling of migrants: protection, return, sea and prevention",
            };
            out.push_str(&format!("{} = {}\n", s.translation_key(), en));
        }
        for p in &self.provisions {
            out.push('\n');
            for f in [TextField::Title, TextField::Question, TextField::Checks] {
                out.push_str(&format!("{} = {}\n", p.translation_key(f), fluent_escape(p.english(f))));
            }
        }
        out
    }
}

/// What changed between two catalogue versions, provision by provision (by id).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CatalogueDiff {
    pub added: Vec<ProvisionId>,
    pub removed: Vec<ProvisionId>,
    /// Changed provisions with the names of the fields that differ. A change of `article`,
    /// `levels` or `kind` changes what an answer means: the application asks reviewers to
    /// confirm such answers when a country moves to the new version.
    pub changed: Vec<(ProvisionId, Vec<&'static str>)>,
}

impl Catalogue {
    /// The difference from `self` (older) to `newer`, for moving reviews between versions.
    pub fn diff(&self, newer: &Catalogue) -> CatalogueDiff {
        let mut d = CatalogueDiff::default();
        for p in &newer.provisions {
            match self.provision(&p.id) {
                None => d.added.push(p.id.clone()),
                Some(o) => {
                    let mut fields = Vec::new();
                    if o.section != p.section {
                        fields.push("section");
                    }
                    if o.instrument != p.instrument || o.article != p.article {
                        fields.push("article");
                    }
                    if o.levels != p.levels {
                        fields.push("level");
                    }
                    if o.kind != p.kind {
                        fields.push("kind");
                    }
                    if o.verification != p.verification || o.refs != p.refs {
                        fields.push("citations");
                    }
                    if o.title != p.title || o.question != p.question || o.checks != p.checks {
                        fields.push("text");
                    }
                    if !fields.is_empty() {
                        d.changed.push((p.id.clone(), fields));
                    }
                }
            }
        }
        d.removed = self
            .provisions
            .iter()
            .filter(|p| newer.provision(&p.id).is_none())
            .map(|p| p.id.clone())
            .collect();
        d
    }
}

/// Fluent text values cannot start with `[`, `*` or `.` and treat `{` `}` as placeables.
fn fluent_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '{' => out.push_str("{\"{\"}"),
            '}' => out.push_str("{\"}\"}"),
            _ => out.push(c),
        }
    }
    if out.starts_with(['[', '*', '.']) {
        out.insert_str(0, "{\"\"}");
    }
    out
}

impl Provision {
    fn from_raw(r: RawProvision) -> Result<Provision, Vec<CatalogueError>> {
        let id = ProvisionId::parse(&r.id).map_err(|e| vec![e])?;
        let mut errors = Vec::new();
        let field =
            |field: &'static str, message: String| CatalogueError::Field { id: r.id.clone(), field, message };
        let section = Section::parse(&r.section);
        if section.is_none() {
            errors.push(field("section", format!("unknown section `{}`", r.section)));
        }
        let instrument = Instrument::parse(&r.instrument);
        if instrument.is_none() {
            errors.push(field("instrument", format!("unknown instrument `{}`", r.instrument)));
        }
        let levels: Option<Vec<Level>> =
            if r.level == "-" { Some(Vec::new()) } else { r.level.split('/').map(Level::parse).collect() };
        if levels.is_none() {
            errors.push(field("level", format!("`{}` is not M, Mq, C, G, a mix like M/C, or -", r.level)));
        }
        let kind = Kind::parse(&r.kind);
        if kind.is_none() {
            errors.push(field("kind", format!("unknown kind `{}`", r.kind)));
        }
        if let (Some(levels), Some(kind)) = (&levels, kind) {
            let expected = if levels.is_empty() {
                Kind::Information
            } else if levels.iter().all(|l| *l == Level::Guidance) {
                Kind::Guidance
            } else {
                Kind::Obligation
            };
            if kind != expected {
                errors.push(field(
                    "kind",
                    format!("level `{}` makes this {}, not {}", r.level, expected.code(), kind.code()),
                ));
            }
        }
        if let Some(i) = instrument {
            if !i.is_treaty_obligation() && kind == Some(Kind::Obligation) {
                errors.push(field("kind", format!("{} creates no Protocol obligation", i.short_name())));
            }
        }
        let verification = Verification::parse(&r.verification);
        if verification.is_none() {
            errors.push(field("verification", format!("unknown verification `{}`", r.verification)));
        }
        for (name, text) in
            [("article", &r.article), ("title", &r.title), ("question", &r.question), ("checks", &r.checks)]
        {
            if text.trim().is_empty() {
                errors.push(field(name, "is empty".into()));
            }
        }
        let mut refs = Vec::new();
        for c in r.refs {
            match Verification::parse(&c.verification) {
                Some(v) if !c.cite.trim().is_empty() => refs.push(Citation { cite: c.cite, verification: v }),
                _ => errors.push(field("refs", format!("bad citation `{}` ({})", c.cite, c.verification))),
            }
        }
        match (section, instrument, levels, kind, verification) {
            (Some(section), Some(instrument), Some(levels), Some(kind), Some(verification))
                if errors.is_empty() =>
            {
                Ok(Provision {
                    id,
                    section,
                    instrument,
                    article: r.article,
                    levels,
                    kind,
                    verification,
                    title: r.title,
                    question: r.question,
                    checks: r.checks,
                    refs,
                })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fluent_text_is_escaped() {
        assert_eq!(fluent_escape("a {b}"), "a {\"{\"}b{\"}\"}");
        assert_eq!(fluent_escape("[x]"), "{\"\"}[x]");
        assert_eq!(fluent_escape("plain \"quoted\" text"), "plain \"quoted\" text");
    }

    #[test]
    fn provision_ids() {
        assert!(ProvisionId::parse("TIP-P03").is_ok());
        for bad in ["tip-01", "-TIP", "TIP-", "TIP 01", ""] {
            assert!(ProvisionId::parse(bad).is_err(), "{bad}");
        }
    }
}
