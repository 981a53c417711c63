//! The demo's investigation entities: the Silk Corridor network imported as FollowTheMoney, and
//! a case of the Iranian border guard holding the organiser's phone number and his name written
//! in Persian — so both case pages show a hit across the border that names only the holder.

use crate::cases::{NewCaseInput, OffenceInput, SubjectInput};
use crate::entities::{EntityInput, Properties};
use crate::evidence::EvidenceInput;
use crate::policy::Caller;
use crate::{App, AppError};

const SILK_CORRIDOR_FTM: &str = r#"{"id": "organiser", "schema": "Person", "properties": {"name": ["Mohammad Ali Khan"], "alias": ["Haji Sahib", "Mohd. Ali"], "birthDate": ["1979"], "nationality": ["PK"], "phone": ["0300 1234567"]}}
{"id": "recruiter", "schema": "Person", "properties": {"name": ["Waqas Mehmood"], "alias": ["Vicky"], "nationality": ["PK"], "phone": ["0321 5550000"]}}
{"id": "hawaladar", "schema": "Person", "properties": {"name": ["Abdul Rahman Baloch"], "nationality": ["PK"]}}
{"id": "collector", "schema": "Person", "properties": {"name": ["Gholamreza Shahbakhsh"], "nationality": ["IR"], "phone": ["+98 915 440 2211"]}}
{"id": "agency", "schema": "Company", "properties": {"name": ["Silk Road Travels and Tours"], "jurisdiction": ["PK"], "address": ["Jinnah Road, Quetta"]}}
{"id": "acct-organiser", "schema": "BankAccount", "properties": {"accountNumber": ["PK-QTA-0101"], "bankName": ["Bank in Quetta"]}}
{"id": "acct-collector", "schema": "BankAccount", "properties": {"accountNumber": ["IR-ZAH-7731"], "bankName": ["Bank in Zahedan"]}}
{"id": "pickup", "schema": "Vehicle", "properties": {"registrationNumber": ["QA-4471"], "type": ["pickup"], "country": ["PK"]}}
{"id": "o1", "schema": "Ownership", "properties": {"owner": ["organiser"], "asset": ["agency"]}}
{"id": "o2", "schema": "Ownership", "properties": {"owner": ["organiser"], "asset": ["acct-organiser"]}}
{"id": "o3", "schema": "Ownership", "properties": {"owner": ["collector"], "asset": ["acct-collector"]}}
{"id": "o4", "schema": "Ownership", "properties": {"owner": ["organiser"], "asset": ["pickup"]}}
{"id": "e1", "schema": "Employment", "properties": {"employer": ["agency"], "employee": ["recruiter"]}}
{"id": "c1", "schema": "Call", "properties": {"caller": ["recruiter"], "receiver": ["organiser"], "date": ["2026-03-17"]}}
{"id": "c2", "schema": "Call", "properties": {"caller": ["organiser"], "receiver": ["collector"], "date": ["2026-03-18"]}}
{"id": "p1", "schema": "Payment", "properties": {"payer": ["acct-collector"], "beneficiary": ["acct-organiser"], "date": ["2026-03-20"], "amount": ["26500.00"]}}
{"id": "a1", "schema": "Associate", "properties": {"person": ["organiser"], "associate": ["hawaladar"], "relationship": ["settles hawala"]}}
"#;

/// Recruitment fees: families in Sylhet pay the sub-agent, who passes most to the agency in Dhaka,
/// which pays the employer's contact in Erbil a share per worker.
fn recruitment_csv() -> String {
    let mut rows = Vec::new();
    let mut t = 1_767_225_600_i64; // 2026-01-01
    for f in 0..18_i64 {
        let family = format!("BD-SYL-FAM-{:03}", 200 + f);
        rows.push((t, family, "BD-SYL-DALAL-01".to_owned(), 420_000 + (f % 5) * 35_000));
        t += 9_000 + (f % 4) * 3_600;
        if f % 3 == 2 {
            rows.push((t, "BD-SYL-DALAL-01".to_owned(), "BD-DHK-AGENCY-77".to_owned(), 1_100_000));
            t += 3_600;
        }
    }
    for k in 0..3 {
        rows.push((t + k * 86_400, "BD-DHK-AGENCY-77".to_owned(), "IQ-EBL-KARWAN-3".to_owned(), 950_000));
    }
    amlsim(&rows)
}

/// Mobile-wallet payments: clients pay the apartment wallet, which sends most to the organiser;
/// the organiser pays a travel agency for flights.
fn wallet_csv() -> String {
    let mut rows = Vec::new();
    let mut t = 1_772_323_200_i64; // 2026-03-01
    for c in 0..30_i64 {
        rows.push((
            t,
            format!("IQ-BGD-CLIENT-{:03}", c % 17),
            "IQ-BGD-WALLET-12".to_owned(),
            5_000 + (c % 6) * 2_500,
        ));
        t += 5_400;
        if c % 6 == 5 {
            rows.push((t, "IQ-BGD-WALLET-12".to_owned(), "IQ-BGD-SALAH-01".to_owned(), 48_000));
            t += 600;
        }
    }
    rows.push((t + 86_400, "IQ-BGD-SALAH-01".to_owned(), "IQ-BGD-TRAVEL-2".to_owned(), 135_000));
    amlsim(&rows)
}

fn amlsim(rows: &[(i64, String, String, i64)]) -> String {
    let mut out =
        String::from("tran_id,orig_acct,bene_acct,tx_type,base_amt,tran_timestamp,is_sar,alert_id\n");
    for (i, (t, a, b, cents)) in rows.iter().enumerate() {
        let ts = time::OffsetDateTime::from_unix_timestamp(*t)
            .ok()
            .and_then(|d| d.format(&time::format_description::well_known::Rfc3339).ok())
            .unwrap_or_default();
        out.push_str(&format!(
            "{},{a},{b},TRANSFER,{}.{:02},{ts},False,-1\n",
            i + 1,
            cents / 100,
            cents % 100
        ));
    }
    out
}

const RECRUITMENT_FTM: &str = r#"{"id": "owner", "schema": "Person", "properties": {"name": ["Md. Jahangir Alam"], "nationality": ["BD"], "phone": ["01711-223344"]}}
{"id": "dalal", "schema": "Person", "properties": {"name": ["Abul Kashem"], "nationality": ["BD"], "phone": ["01819-556677"]}}
{"id": "agency", "schema": "Company", "properties": {"name": ["Green Crescent Overseas"], "jurisdiction": ["BD"], "registrationNumber": ["RL-1187"]}}
{"id": "employer", "schema": "Company", "properties": {"name": ["Karwan Construction Co."], "jurisdiction": ["IQ"], "address": ["Erbil"]}}
{"id": "acct-agency", "schema": "BankAccount", "properties": {"accountNumber": ["BD-DHK-AGENCY-77"]}}
{"id": "acct-dalal", "schema": "BankAccount", "properties": {"accountNumber": ["BD-SYL-DALAL-01"], "bankName": ["mobile wallet"]}}
{"id": "r1", "schema": "Ownership", "properties": {"owner": ["owner"], "asset": ["agency"]}}
{"id": "r2", "schema": "Ownership", "properties": {"owner": ["agency"], "asset": ["acct-agency"]}}
{"id": "r3", "schema": "Ownership", "properties": {"owner": ["dalal"], "asset": ["acct-dalal"]}}
{"id": "r4", "schema": "Employment", "properties": {"employer": ["agency"], "employee": ["dalal"]}}
{"id": "r5", "schema": "Associate", "properties": {"person": ["owner"], "associate": ["employer"], "relationship": ["places workers"]}}
"#;

const EXPLOITATION_FTM: &str = r#"{"id": "organiser", "schema": "Person", "properties": {"name": ["Salah Kadhim"], "alias": ["Abu Yasir"], "nationality": ["IQ"], "phone": ["0770 123 4567"]}}
{"id": "recruiter", "schema": "Person", "properties": {"name": ["Nasrin Rahimi"], "nationality": ["IR"]}}
{"id": "page", "schema": "Organization", "properties": {"name": ["Golden Salon Jobs (social-media page)"]}}
{"id": "wallet", "schema": "BankAccount", "properties": {"accountNumber": ["IQ-BGD-WALLET-12"], "bankName": ["mobile wallet"]}}
{"id": "acct-organiser", "schema": "BankAccount", "properties": {"accountNumber": ["IQ-BGD-SALAH-01"]}}
{"id": "flat", "schema": "Address", "properties": {"full": ["Apartment block, Karrada, Baghdad"], "country": ["IQ"]}}
{"id": "o1", "schema": "Ownership", "properties": {"owner": ["organiser"], "asset": ["page"]}}
{"id": "o2", "schema": "Ownership", "properties": {"owner": ["organiser"], "asset": ["acct-organiser"]}}
{"id": "o3", "schema": "Ownership", "properties": {"owner": ["organiser"], "asset": ["wallet"]}}
{"id": "o4", "schema": "Ownership", "properties": {"owner": ["organiser"], "asset": ["flat"]}}
{"id": "a1", "schema": "Associate", "properties": {"person": ["organiser"], "associate": ["recruiter"]}}
"#;

impl App {
    /// The other two demo cases' networks (FtM) and money: each investigator imports the records as any user would
    /// and links them to the case, traced from the account where the money starts.
    pub(crate) async fn seed_demo_case_money(&self, password: &str, cases: &[i64]) -> Result<(), AppError> {
        for (user, case, file, ftm) in [
            ("rafiqul.islam", cases[1], "agency-network.ftm.jsonl", RECRUITMENT_FTM),
            ("ahmed.alkhafaji", cases[2], "apartments-network.ftm.jsonl", EXPLOITATION_FTM),
        ] {
            let login = self.login(user, password, "demo").await?;
            let caller = Caller::User(self.session(&login.session_token).await?.actor);
            self.logout(&login.session_token).await?;
            self.import_ftm(&caller, case, file, ftm).await?;
        }
        let imports = [
            (
                "rafiqul.islam",
                cases[1],
                "Recruitment fees: sub-agent and agency accounts",
                "agency-accounts.csv",
                recruitment_csv(),
                "BD-SYL-DALAL-01",
            ),
            (
                "ahmed.alkhafaji",
                cases[2],
                "Mobile-wallet payments of the apartments",
                "wallets.csv",
                wallet_csv(),
                "IQ-BGD-WALLET-12",
            ),
        ];
        for (user, case, name, file, csv, seed) in imports {
            let login = self.login(user, password, "demo").await?;
            let caller = Caller::User(self.session(&login.session_token).await?.actor);
            self.logout(&login.session_token).await?;
            let request = crate::flows::ImportRequest {
                name: name.into(),
                format: "amlsim".into(),
                files: vec![crate::flows::UploadedFile { name: file.into(), bytes: csv.into_bytes() }],
                ..Default::default()
            };
            let imported = self.flows_import(&caller, request).await?;
            self.link_case_dataset(&caller, case, imported.dataset, seed).await?;
        }
        Ok(())
    }
}

impl App {
    pub(crate) async fn seed_demo_entities(
        &self,
        password: &str,
        silk_corridor: i64,
    ) -> Result<(), AppError> {
        let as_user = |name: &'static str| async move {
            let login = self.login(name, password, "demo").await?;
            let caller = Caller::User(self.session(&login.session_token).await?.actor);
            self.logout(&login.session_token).await?;
            Ok::<Caller, AppError>(caller)
        };
        let imran = as_user("imran.shah").await?;
        self.import_ftm(&imran, silk_corridor, "silk-corridor-network.ftm.jsonl", SILK_CORRIDOR_FTM).await?;

        let reza = as_user("reza.karimi").await?;
        let case = self
            .create_case(
                &reza,
                &NewCaseInput {
                    reference: "BGC/ZAH/1405/112".into(),
                    title: "Safe house in Zahedan: migrants held before crossing to Türkiye".into(),
                    crime_type: "both".into(),
                    stage: Some("investigation".into()),
                    summary:
                        "Raid on a house in Zahedan; 23 migrants, four of them children, held for payment."
                            .into(),
                    jurisdictions: vec!["IR".into(), "PK".into()],
                },
            )
            .await?;
        let offence = self
            .add_offence(
                &reza,
                case,
                &OffenceInput {
                    offence: "smuggling_of_migrants".into(),
                    provision: "Law on Combating Human Trafficking (1383)".into(),
                    jurisdiction: Some("IR".into()),
                },
            )
            .await?;
        let subject = self
            .add_subject(
                &reza,
                case,
                &SubjectInput {
                    name: "غلامرضا شه‌بخش".into(),
                    network_role: "harbourer".into(),
                    status: Some("arrested".into()),
                    nationality: "IR".into(),
                    accounts: "IR-ZAH-7731".into(),
                    ..Default::default()
                },
            )
            .await?;
        let phone = EvidenceInput {
            kind: "digital_telecom".into(),
            description: "Phone seized in the safe house: contacts and messages with the organiser in Quetta"
                .into(),
            source: "Raid on the safe house, Zahedan".into(),
            obtained_on: "2026-03-22".into(),
            legal_basis: "Warrant of the Zahedan prosecutor".into(),
            admissibility: Some("admissible".into()),
            inquiry: None,
            subjects: vec![subject],
            offences: vec![offence],
        };
        self.add_evidence(&reza, case, &phone).await?;
        let mut contact = Properties::new();
        contact.insert("name".into(), vec!["محمد علی خان".into()]);
        contact.insert("phone".into(), vec!["+92 300 123 4567".into()]);
        self.add_entity(
            &reza,
            case,
            &EntityInput {
                schema: "Person".into(),
                properties: contact,
                source_kind: Some("evidence".into()),
                source_ref: Some("phone seized in the safe house".into()),
            },
        )
        .await?;
        Ok(())
    }
}
