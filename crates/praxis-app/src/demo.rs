//! The demo data set: a regional anti-trafficking programme in South and West Asia and the Middle
//! East, its partner countries' agencies, a UN office that runs the installation, NGOs, and at
//! least one user per role. Everything goes through the ordinary services, so it is validated
//! and audited like any other write. Later capabilities add their demo data here.

use praxis_model::{OrgId, Role};

use crate::directory::{NewOrgInput, NewUserInput};
use crate::policy::Caller;
use crate::{App, AppError};

/// The password of every demo user. Printed by `praxis demo`; never use it elsewhere.
pub const DEMO_PASSWORD: &str = "harbour-lantern-saffron-42";

#[derive(Debug, Clone)]
pub struct DemoLogin {
    pub username: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    pub organisation: String,
}

#[derive(Debug, Clone)]
pub struct DemoSummary {
    pub organisations: usize,
    pub logins: Vec<DemoLogin>,
    /// The financial-flows dataset: its id, owner login and a seed worth tracing from.
    pub flows_dataset: i64,
    pub flows_owner: String,
    pub flows_seed: String,
    /// Operation Silk Corridor's case, opened by the flows owner.
    pub case: i64,
    /// The legislative reviews of Pakistan, Bangladesh and Iraq (in that order).
    pub legal_reviews: Vec<i64>,
    /// The demo's indicators (Pakistan's first, Bangladesh's last).
    pub indicators: Vec<i64>,
    /// The entity-resolution run of FIA's suspects (the second, after a judgement).
    pub match_run: i64,
    /// The screening of Operation Silk Corridor's people and organisations, with one candidate
    /// confirmed and one rejected.
    pub screening_run: i64,
}

/// (name, kind, jurisdiction, operates the platform)
const ORGS: &[(&str, &str, &str, bool)] = &[
    ("UN Office, Regional Programme against Trafficking and Smuggling (Vienna)", "international", "AT", true),
    ("UN Office, Country Office Pakistan (Islamabad)", "international", "PK", false),
    ("Federal Investigation Agency, Anti-Human Trafficking Circle (Lahore)", "police", "PK-PB", false),
    ("Financial Monitoring Unit, Pakistan", "fiu", "PK", false),
    ("Public Prosecution Department, Punjab", "prosecution", "PK-PB", false),
    ("Ministry of Interior, Pakistan", "ministry", "PK", false),
    ("Bangladesh Police, Criminal Investigation Department", "police", "BD", false),
    ("Bangladesh Financial Intelligence Unit", "fiu", "BD", false),
    ("National Counter-Trafficking Committee, Bangladesh", "national_committee", "BD", false),
    ("Jashore Safe Return Shelter", "ngo", "BD", false),
    ("Border Guard Command, Islamic Republic of Iran", "border_agency", "IR", false),
    ("Financial Intelligence Unit, Islamic Republic of Iran", "fiu", "IR", false),
    ("Anti-Trafficking Directorate, Ministry of Interior, Iraq", "police", "IQ", false),
    ("Central Committee to Combat Trafficking in Persons, Iraq", "national_committee", "IQ", false),
    ("Erbil Migrant Assistance Centre", "ngo", "IQ-AR", false),
    ("Herat Women's Legal Aid Network", "ngo", "AF", false),
];

/// (username, display name, roles, organisation index in ORGS)
const USERS: &[(&str, &str, &str, usize)] = &[
    ("elena.vogel", "Elena Vogel", "administrator", 0),
    ("marta.lindqvist", "Marta Lindqvist", "oversight", 0),
    ("samina.qureshi", "Dr Samina Qureshi", "adviser", 0),
    ("tariq.mahmood", "Tariq Mahmood", "programme_officer", 1),
    ("nadia.rahman", "Nadia Rahman", "trainer", 1),
    ("usman.tariq", "Usman Tariq", "administrator", 2),
    ("imran.shah", "Inspector Imran Shah", "investigator", 2),
    ("ayesha.siddiqui", "Ayesha Siddiqui", "financial_analyst", 3),
    ("farhan.javed", "Farhan Javed", "prosecutor", 4),
    ("bilal.ahmed", "Bilal Ahmed", "focal_point", 5),
    ("rafiqul.islam", "Rafiqul Islam", "investigator", 6),
    ("shahana.akter", "Shahana Akter", "financial_analyst", 7),
    ("karim.hossain", "Karim Hossain", "focal_point", 8),
    ("rokeya.begum", "Rokeya Begum", "caseworker", 9),
    ("reza.karimi", "Reza Karimi", "investigator", 10),
    ("leila.moradi", "Leila Moradi", "financial_analyst", 11),
    ("ahmed.alkhafaji", "Ahmed Al-Khafaji", "investigator", 12),
    ("zainab.hassan", "Zainab Hassan", "viewer", 13),
    ("hana.rashid", "Hana Rashid", "caseworker", 14),
    ("fatima.noori", "Fatima Noori", "caseworker", 15),
];

impl App {
    /// Fills an empty database with the demo data set. Refuses a database that already has users.
    pub async fn seed_demo(&self) -> Result<DemoSummary, AppError> {
        if self.count_users().await? > 0 {
            return Err(AppError::invalid("database", "not_empty", "the demo needs an empty database"));
        }
        let cli = Caller::Cli;
        let mut ids: Vec<OrgId> = Vec::new();
        for (name, kind, jurisdiction, operator) in ORGS {
            let input = NewOrgInput {
                name: (*name).into(),
                kind: (*kind).into(),
                jurisdiction: (*jurisdiction).into(),
                platform_operator: *operator,
            };
            ids.push(self.create_org(&cli, &input).await?);
        }
        let mut logins = Vec::new();
        for (username, display_name, roles, org) in USERS {
            let input = NewUserInput {
                org_id: ids[*org].0,
                username: (*username).into(),
                display_name: (*display_name).into(),
                email: format!("{username}@demo.invalid"),
                password: DEMO_PASSWORD.into(),
                roles: vec![(*roles).into()],
                locale: None,
            };
            self.create_user(&cli, &input).await?;
            logins.push(DemoLogin {
                username: (*username).into(),
                display_name: (*display_name).into(),
                roles: roles.split(',').filter_map(Role::parse).collect(),
                organisation: ORGS[*org].0.into(),
            });
        }
        // The FIA investigator imports the demo's bank records as any user would.
        let owner = "imran.shah";
        let login = self.login(owner, DEMO_PASSWORD, "demo").await?;
        let actor = self.session(&login.session_token).await?.actor;
        self.logout(&login.session_token).await?;
        let request = crate::flows::ImportRequest {
            name: "Operation Silk Corridor: bank and remittance records".into(),
            format: "amlsim".into(),
            files: vec![crate::flows::UploadedFile {
                name: "silk-corridor-transactions.csv".into(),
                bytes: crate::demo_flows::csv().into_bytes(),
            }],
            skip_bad_rows: false,
            ..Default::default()
        };
        let imported = self.flows_import(&Caller::User(actor), request).await?;
        let cases = self.seed_demo_cases(DEMO_PASSWORD, imported.dataset).await?;
        self.seed_demo_cooperation(DEMO_PASSWORD, &cases).await?;
        self.seed_demo_entities(DEMO_PASSWORD, cases[0]).await?;
        self.seed_demo_case_money(DEMO_PASSWORD, &cases).await?;
        let case = cases[0];
        let legal_reviews = self.seed_demo_legal_reviews(DEMO_PASSWORD).await?;
        let indicators = self.seed_demo_indicators(DEMO_PASSWORD).await?;
        let match_run = self.seed_demo_matching(DEMO_PASSWORD).await?;
        let screening_run = self.seed_demo_screening(DEMO_PASSWORD, case).await?;
        self.seed_demo_engagement(DEMO_PASSWORD).await?;
        self.seed_demo_workplans(DEMO_PASSWORD).await?;
        self.seed_demo_toc(DEMO_PASSWORD).await?;
        self.seed_demo_assessments(DEMO_PASSWORD).await?;
        self.seed_demo_hit_no_hit(DEMO_PASSWORD).await?;
        Ok(DemoSummary {
            organisations: ORGS.len(),
            logins,
            flows_dataset: imported.dataset,
            flows_owner: owner.into(),
            flows_seed: "IR-ZAH-7731".into(),
            case,
            legal_reviews,
            indicators,
            match_run,
            screening_run,
        })
    }
}
