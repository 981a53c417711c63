//! The demo's cooperation: a directory of competent authorities and focal points for the
//! partner countries, and requests between them on the demo cases — one acknowledged by a
//! requested authority that works on Praxis, one in execution, one overdue, one still a draft.
//! Entered through the ordinary services, as the demo's users.

use praxis_model::OrgId;

use crate::cooperation::{AuthorityInput, RequestInput};
use crate::policy::Caller;
use crate::{App, AppError};

/// (country, name, kind, channel, languages, expected response in days, contact)
const DIRECTORY: &[(&str, &str, &str, &str, &str, i64, &str)] = &[
    (
        "PK",
        "Ministry of Interior, Pakistan",
        "central_authority_mla",
        "Diplomatic channel through the Ministry of Foreign Affairs",
        "Urdu, English",
        60,
        "mla.desk@interior.gov.pk.invalid",
    ),
    (
        "PK",
        "National Central Bureau Islamabad",
        "interpol_ncb",
        "INTERPOL I-24/7",
        "English",
        7,
        "ncb.islamabad@invalid",
    ),
    ("PK", "Financial Monitoring Unit, Pakistan", "fiu", "Egmont Secure Web", "English", 30, ""),
    (
        "BD",
        "Ministry of Home Affairs, Bangladesh",
        "central_authority_mla",
        "Diplomatic channel",
        "Bengali, English",
        45,
        "mla@mha.gov.bd.invalid",
    ),
    (
        "BD",
        "Bangladesh Police, Criminal Investigation Department",
        "police_cooperation",
        "Liaison officer, e-mail",
        "Bengali, English",
        14,
        "",
    ),
    (
        "BD",
        "National Counter-Trafficking Committee, Bangladesh",
        "national_focal_point",
        "E-mail, monthly meeting",
        "Bengali, English",
        21,
        "",
    ),
    (
        "IR",
        "Judiciary, International Affairs Department",
        "central_authority_mla",
        "Diplomatic channel",
        "Persian",
        90,
        "",
    ),
    (
        "IR",
        "Border Guard Command, Islamic Republic of Iran",
        "police_cooperation",
        "Border liaison office at Taftan–Mirjaveh",
        "Persian",
        10,
        "",
    ),
    ("IQ", "Ministry of Justice, Iraq", "central_authority_mla", "Diplomatic channel", "Arabic", 60, ""),
    (
        "IQ",
        "Anti-Trafficking Directorate, Ministry of Interior, Iraq",
        "police_cooperation",
        "Liaison officer, e-mail",
        "Arabic, Kurdish, English",
        14,
        "",
    ),
    (
        "IQ",
        "Erbil Migrant Assistance Centre",
        "victim_referral",
        "Hotline and e-mail",
        "Kurdish, Arabic, English",
        2,
        "",
    ),
];

async fn caller(app: &App, username: &str, password: &str) -> Result<Caller, AppError> {
    let login = app.login(username, password, "demo").await?;
    let caller = Caller::User(app.session(&login.session_token).await?.actor);
    app.logout(&login.session_token).await?;
    Ok(caller)
}

impl App {
    pub(crate) async fn seed_demo_cooperation(&self, password: &str, cases: &[i64]) -> Result<(), AppError> {
        let orgs = self.store.list_orgs().await?;
        let org_named = |name: &str| orgs.iter().find(|o| o.name.starts_with(name)).map(|o| o.id.0);
        for (country, name, kind, channel, languages, days, contact) in DIRECTORY {
            let input = AuthorityInput {
                country: (*country).into(),
                name: (*name).into(),
                kind: (*kind).into(),
                org_id: org_named(name),
                contact: (*contact).into(),
                channel: (*channel).into(),
                languages: (*languages).into(),
                expected_response_days: Some(*days),
                notes: String::new(),
            };
            self.add_authority(&Caller::Cli, &input).await?;
        }
        let imran = caller(self, "imran.shah", password).await?;
        let rafiqul = caller(self, "rafiqul.islam", password).await?;
        let ahmed = caller(self, "ahmed.alkhafaji", password).await?;
        let reza = caller(self, "reza.karimi", password).await?;
        let request = |kind: &str,
                       reference: &str,
                       case: i64,
                       from: &str,
                       country: &str,
                       to: &str,
                       org: Option<i64>,
                       basis: &str,
                       matter: &str,
                       deadline: Option<&str>| RequestInput {
            kind: kind.into(),
            reference: reference.into(),
            case: Some(case),
            requesting_authority: from.into(),
            requested_country: country.into(),
            requested_authority: to.into(),
            requested_org: org,
            legal_basis: basis.into(),
            subject_matter: matter.into(),
            deadline: deadline.map(Into::into),
        };
        // Silk Corridor: the Iranian border guard (on Praxis) acknowledges a police-to-police
        // request; an MLA request to Iran is overdue.
        let border = org_named("Border Guard Command").map(OrgId).map(|o| o.0);
        let p2p = self
            .create_request(
                &imran,
                &request("police_to_police", "FIA/AHTC/P2P/2026/031", cases[0], "FIA Anti-Human Trafficking Circle, Lahore", "IR",
                    "Border Guard Command, Islamic Republic of Iran", border, "Pakistan–Iran border liaison arrangement",
                    "Identify the holder of account IR-ZAH-7731 and the safe house in Zahedan; crossing records of the 14 intercepted migrants.", None),
            )
            .await?;
        self.move_request(&imran, p2p, "sent", "Through the Taftan liaison office").await?;
        self.move_request(&reza, p2p, "acknowledged", "Assigned to the Sistan and Baluchestan command")
            .await?;
        let mla = self
            .create_request(
                &imran,
                &request(
                    "mla",
                    "MOI/MLA/2026/118",
                    cases[0],
                    "Ministry of Interior, Pakistan",
                    "IR",
                    "Judiciary, International Affairs Department",
                    None,
                    "UNTOC art. 18; Smuggling of Migrants Protocol",
                    "Bank records of the collector account in Zahedan and statements of the harbourer.",
                    Some("2026-05-15"),
                ),
            )
            .await?;
        self.move_request(&imran, mla, "sent", "").await?;
        // Recruitment agencies: an MLA request to Iraq, sent.
        let bd_mla = self
            .create_request(
                &rafiqul,
                &request("mla", "MHA/MLA/2026/044", cases[1], "Ministry of Home Affairs, Bangladesh", "IQ",
                    "Ministry of Justice, Iraq", None, "UNTOC art. 18; Trafficking in Persons Protocol",
                    "Employment records of Karwan Construction Co.; identity of the site manager; passports held in Erbil.", None),
            )
            .await?;
        self.move_request(&rafiqul, bd_mla, "sent", "").await?;
        // Online recruitment: an INTERPOL diffusion sent, a joint investigation team with Iran drafted.
        let diffusion = self
            .create_request(
                &ahmed,
                &request(
                    "interpol_diffusion",
                    "ATD/ICPO/2026/007",
                    cases[2],
                    "NCB Baghdad",
                    "IR",
                    "National Central Bureau Tehran",
                    None,
                    "INTERPOL Rules on the Processing of Data",
                    "Locate Nasrin Rahimi, recruiter, believed to travel between Tehran and Baghdad.",
                    None,
                ),
            )
            .await?;
        self.move_request(&ahmed, diffusion, "sent", "").await?;
        self.create_request(
            &ahmed,
            &request(
                "jit",
                "ATD/JIT/2026/001",
                cases[2],
                "Anti-Trafficking Directorate, Iraq",
                "IR",
                "Judiciary, International Affairs Department",
                None,
                "UNTOC art. 19",
                "Proposal for a joint investigation team on the recruitment network.",
                None,
            ),
        )
        .await?;
        Ok(())
    }
}
