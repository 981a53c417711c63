//! The vocabulary of cases: crime type, stage, offences, the roles people play in a network and
//! where they stand. Each term has a stable code (stored, used by the API and the translations as
//! `case-<vocabulary>-<code>`) that never changes once released.

use serde::{Deserialize, Serialize};

use crate::InvalidValue;

/// Declares a closed vocabulary: an enum with its codes, `ALL`, `as_str`, `parse` (which names
/// the field and lists the accepted codes when it refuses) and serde as the code.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $field:literal { $($(#[$vmeta:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "&'static str")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn parse(s: &str) -> Result<$name, InvalidValue> {
                let t = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
                $name::ALL.iter().copied().find(|v| v.as_str() == t).ok_or_else(|| {
                    let codes: Vec<&str> = $name::ALL.iter().map(|v| v.as_str()).collect();
                    InvalidValue::new($field, "unknown", format!("{s:?} is not one of: {}", codes.join(", ")))
                })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl TryFrom<String> for $name {
            type Error = InvalidValue;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                $name::parse(&s)
            }
        }

        impl From<$name> for &'static str {
            fn from(v: $name) -> &'static str {
                v.as_str()
            }
        }
    };
}

vocabulary! {
    /// Trafficking in persons, smuggling of migrants, or both.
    CrimeType, "crime_type" {
        Tip = "tip",
        Som = "som",
        Both = "both",
    }
}

impl CrimeType {
    /// True when a case of this type concerns `other` (a `both` case is both).
    pub fn covers(self, other: CrimeType) -> bool {
        self == other || self == CrimeType::Both || other == CrimeType::Both
    }
}

vocabulary! {
    /// Where a case stands. A case may move in either direction (a prosecution sent back for
    /// further investigation); each change is kept in its history.
    Stage, "stage" {
        Intelligence = "intelligence",
        Investigation = "investigation",
        Prosecution = "prosecution",
        Trial = "trial",
        Appeal = "appeal",
        Closed = "closed",
    }
}

vocabulary! {
    /// The offence charged or investigated; the legal provision is recorded beside it.
    Offence, "offence" {
        TraffickingInPersons = "trafficking_in_persons",
        ChildTrafficking = "child_trafficking",
        SmugglingOfMigrants = "smuggling_of_migrants",
        AggravatedSmuggling = "aggravated_smuggling",
        ForcedLabour = "forced_labour",
        SexualExploitation = "sexual_exploitation",
        DocumentFraud = "document_fraud",
        MoneyLaundering = "money_laundering",
        Corruption = "corruption",
        OrganisedCriminalGroup = "organised_criminal_group",
        Other = "other",
    }
}

vocabulary! {
    /// The role a subject plays in the network, most senior first.
    NetworkRole, "network_role" {
        Organiser = "organiser",
        Financier = "financier",
        Recruiter = "recruiter",
        Transporter = "transporter",
        Harbourer = "harbourer",
        DocumentForger = "document_forger",
        CorruptOfficial = "corrupt_official",
        MoneyMover = "money_mover",
        Exploiter = "exploiter",
        Other = "other",
    }
}

impl NetworkRole {
    /// Seniority in the network, 0..=100, for target selection: organisers and financiers
    /// first; those who profit and control above those who carry out a task.
    pub fn seniority(self) -> u8 {
        match self {
            NetworkRole::Organiser => 100,
            NetworkRole::Financier => 90,
            NetworkRole::CorruptOfficial => 75,
            NetworkRole::MoneyMover => 70,
            NetworkRole::Exploiter => 65,
            NetworkRole::Recruiter => 55,
            NetworkRole::DocumentForger => 50,
            NetworkRole::Harbourer => 40,
            NetworkRole::Transporter => 35,
            NetworkRole::Other => 20,
        }
    }
}

vocabulary! {
    /// Where a subject stands in the proceedings.
    SubjectStatus, "status" {
        Suspect = "suspect",
        Arrested = "arrested",
        Charged = "charged",
        Convicted = "convicted",
        Acquitted = "acquitted",
        AtLarge = "at_large",
    }
}

impl SubjectStatus {
    /// Charged or further: the subject's case must stand in court.
    pub fn is_charged(self) -> bool {
        matches!(self, SubjectStatus::Charged | SubjectStatus::Convicted | SubjectStatus::Acquitted)
    }
}

vocabulary! {
    /// A protected person on a case.
    PersonKind, "kind" {
        Victim = "victim",
        SmuggledMigrant = "smuggled_migrant",
    }
}

impl PersonKind {
    /// The letter of the pseudonym (V-014, M-007).
    pub fn pseudonym_prefix(self) -> &'static str {
        match self {
            PersonKind::Victim => "V",
            PersonKind::SmuggledMigrant => "M",
        }
    }
}

vocabulary! {
    /// The sex of a person as recorded (for disaggregation; not an identity field).
    Sex, "sex" {
        Female = "female",
        Male = "male",
        Other = "other",
        Unknown = "unknown",
    }
}

vocabulary! {
    /// Age bands used across Praxis (children are under 18).
    AgeBand, "age_band" {
        Under12 = "0_11",
        From12To17 = "12_17",
        From18To24 = "18_24",
        From25To39 = "25_39",
        From40To59 = "40_59",
        Over60 = "60_plus",
        Unknown = "unknown",
    }
}

impl AgeBand {
    pub fn is_child(self) -> bool {
        matches!(self, AgeBand::Under12 | AgeBand::From12To17)
    }
}

vocabulary! {
    /// The kind of an evidence item. Everything but testimony corroborates testimony: the measure
    /// of how far a case rests on testimony alone counts the other kinds.
    EvidenceKind, "kind" {
        Testimonial = "testimonial",
        Financial = "financial",
        Documentary = "documentary",
        DigitalTelecom = "digital_telecom",
        Forensic = "forensic",
        Surveillance = "surveillance",
        OpenSource = "open_source",
        TravelBorder = "travel_border",
        Expert = "expert",
    }
}

impl EvidenceKind {
    pub fn is_testimonial(self) -> bool {
        self == EvidenceKind::Testimonial
    }
}

vocabulary! {
    /// Where an item stands as evidence in court.
    Admissibility, "admissibility" {
        NotAssessed = "not_assessed",
        Admissible = "admissible",
        Contested = "contested",
        Inadmissible = "inadmissible",
    }
}

vocabulary! {
    /// A step in an item's chain of custody. `Accessed` is written by Praxis itself each time a
    /// file of the item is opened.
    CustodyAction, "action" {
        Obtained = "obtained",
        Transferred = "transferred",
        Examined = "examined",
        Sealed = "sealed",
        Returned = "returned",
        Accessed = "accessed",
    }
}

vocabulary! {
    /// Where a line of inquiry stands.
    InquiryStatus, "status" {
        Open = "open",
        InProgress = "in_progress",
        Completed = "completed",
        Abandoned = "abandoned",
    }
}

impl InquiryStatus {
    /// Still being pursued.
    pub fn is_live(self) -> bool {
        matches!(self, InquiryStatus::Open | InquiryStatus::InProgress)
    }
}

vocabulary! {
    /// The kind of a cooperation request between jurisdictions.
    RequestKind, "kind" {
        MutualLegalAssistance = "mla",
        Extradition = "extradition",
        JointInvestigationTeam = "jit",
        SpontaneousInformation = "spontaneous_information",
        PoliceToPolice = "police_to_police",
        InterpolNotice = "interpol_notice",
        InterpolDiffusion = "interpol_diffusion",
    }
}

vocabulary! {
    /// Where a cooperation request stands. Executed, refused and withdrawn are final.
    RequestStatus, "status" {
        Draft = "draft",
        Sent = "sent",
        Acknowledged = "acknowledged",
        InExecution = "in_execution",
        Executed = "executed",
        Refused = "refused",
        Withdrawn = "withdrawn",
    }
}

impl RequestStatus {
    pub fn is_final(self) -> bool {
        matches!(self, RequestStatus::Executed | RequestStatus::Refused | RequestStatus::Withdrawn)
    }

    /// Whether a request may move from `self` to `next`, and which side moves it: the requesting
    /// side drafts, sends and withdraws; the requested side acknowledges, executes and refuses.
    pub fn may_become(self, next: RequestStatus) -> Option<RequestSide> {
        use RequestStatus::*;
        match (self, next) {
            (Draft, Sent) => Some(RequestSide::Requesting),
            (s, Withdrawn) if !s.is_final() => Some(RequestSide::Requesting),
            (Sent, Acknowledged) => Some(RequestSide::Requested),
            (Sent | Acknowledged, InExecution) => Some(RequestSide::Requested),
            (Sent | Acknowledged | InExecution, Executed) => Some(RequestSide::Requested),
            (Sent | Acknowledged | InExecution, Refused) => Some(RequestSide::Requested),
            _ => None,
        }
    }
}

/// The two sides of a cooperation request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestSide {
    Requesting,
    Requested,
}

vocabulary! {
    /// What a competent authority or focal point in the directory does.
    AuthorityKind, "kind" {
        CentralAuthorityMla = "central_authority_mla",
        ExtraditionAuthority = "extradition_authority",
        PoliceCooperation = "police_cooperation",
        InterpolNcb = "interpol_ncb",
        Prosecution = "prosecution",
        FinancialIntelligenceUnit = "fiu",
        NationalFocalPoint = "national_focal_point",
        VictimReferral = "victim_referral",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_refusals_name_the_field() {
        for s in Stage::ALL {
            assert_eq!(Stage::parse(s.as_str()).unwrap(), *s);
        }
        assert_eq!(NetworkRole::parse("Document forger").unwrap(), NetworkRole::DocumentForger);
        let e = SubjectStatus::parse("fugitive").unwrap_err();
        assert_eq!(e.field, "status");
        assert!(e.message.contains("at_large"), "{}", e.message);
        let json = serde_json::to_string(&AgeBand::From12To17).unwrap();
        assert_eq!(json, "\"12_17\"");
        assert!(serde_json::from_str::<CrimeType>("\"piracy\"").is_err());
    }

    #[test]
    fn requests_move_forward_and_each_side_moves_its_own_steps() {
        use RequestStatus::*;
        assert_eq!(Draft.may_become(Sent), Some(RequestSide::Requesting));
        assert_eq!(Sent.may_become(Acknowledged), Some(RequestSide::Requested));
        assert_eq!(InExecution.may_become(Withdrawn), Some(RequestSide::Requesting));
        assert_eq!(Draft.may_become(Executed), None, "a draft is sent before anything else");
        for done in [Executed, Refused, Withdrawn] {
            assert!(RequestStatus::ALL.iter().all(|n| done.may_become(*n).is_none()), "{done} is final");
        }
    }

    #[test]
    fn both_covers_each_crime_type() {
        assert!(CrimeType::Both.covers(CrimeType::Tip));
        assert!(CrimeType::Som.covers(CrimeType::Both));
        assert!(!CrimeType::Som.covers(CrimeType::Tip));
    }
}
