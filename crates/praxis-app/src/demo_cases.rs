//! The demo's cases: three cross-border cases worked by the investigators of three countries,
//! entered through the ordinary services as those investigators (so validated and audited like
//! any other write). Names of people are invented; provisions are those of the countries' laws
//! as commonly cited.
//!
//! - Operation Silk Corridor (FIA Lahore, smuggling of migrants): a network moving migrants from
//!   Pakistan through Iran towards Iraq and Türkiye, paid through hawala and mobile money; its
//!   transactions are the demo's financial-flows dataset.
//! - Recruitment agencies to Erbil (Bangladesh CID, trafficking for forced labour): workers
//!   recruited by licensed agencies and sub-agents, passports withheld at construction sites.
//! - Online recruitment for sexual exploitation (Iraq, Anti-Trafficking Directorate): women
//!   recruited through fake job offers on social media.

use crate::cases::{
    EventInput, NewCaseInput, OffenceInput, PersonIdentity, PersonInput, StageInput, SubjectInput,
};
use crate::evidence::{EvidenceInput, InquiryInput};
use crate::policy::Caller;
use crate::{App, AppError};

struct Subject {
    name: &'static str,
    aliases: &'static str,
    role: &'static str,
    status: &'static str,
    nationality: &'static str,
    notes: &'static str,
    /// Accounts in the demo's financial-flows dataset.
    accounts: &'static str,
}

/// (kind, sex, age band, nationality, exploitation, violence, full name, date of birth)
type Person =
    (&'static str, &'static str, &'static str, &'static str, &'static str, bool, &'static str, &'static str);

struct DemoCase {
    owner: &'static str,
    case: fn() -> NewCaseInput,
    /// Stages after the first, with the note of each move.
    stages: &'static [(&'static str, &'static str)],
    offences: &'static [(&'static str, &'static str, &'static str)],
    subjects: &'static [Subject],
    persons: &'static [Person],
    events: &'static [(&'static str, &'static str, &'static str)],
    /// (kind of evidence sought, title, status)
    inquiries: &'static [(&'static str, &'static str, &'static str)],
    evidence: &'static [Item],
}

/// An item of evidence; subjects, offences and the line of inquiry by their index above.
struct Item {
    kind: &'static str,
    description: &'static str,
    source: &'static str,
    obtained_on: &'static str,
    legal_basis: &'static str,
    admissibility: &'static str,
    inquiry: Option<usize>,
    subjects: &'static [usize],
    offences: &'static [usize],
    /// A file attached as received: (name, content).
    file: Option<(&'static str, &'static str)>,
}

const CASES: &[DemoCase] = &[
    DemoCase {
        owner: "imran.shah",
        case: || {
            NewCaseInput {
            reference: "FIA/AHTC/LHR/2026/014".into(),
            title: "Operation Silk Corridor: smuggling network Gujranwala–Quetta–Zahedan".into(),
            crime_type: "som".into(),
            stage: Some("intelligence".into()),
            summary: "Migrants from Punjab and Khyber Pakhtunkhwa, and Afghans, moved by road to Taftan and across \
                      into Iran, onward towards Iraq and Türkiye. Families pay fees to a collector in Zahedan \
                      through hawala and mobile money; the organiser in Quetta receives most of it within days."
                .into(),
            jurisdictions: vec!["PK-PB".into(), "PK-BA".into(), "IR".into(), "IQ".into()],
        }
        },
        stages: &[("investigation", "FIR registered after the Taftan interception")],
        offences: &[
            ("smuggling_of_migrants", "Prevention of Smuggling of Migrants Act 2018, s. 3", "PK"),
            (
                "aggravated_smuggling",
                "Prevention of Smuggling of Migrants Act 2018 (aggravating circumstances)",
                "PK",
            ),
            ("money_laundering", "Anti-Money Laundering Act 2010, s. 3", "PK"),
        ],
        subjects: &[
            Subject {
                name: "Mohammad Ali Khan",
                aliases: "Haji Sahib; Mohd. Ali",
                role: "organiser",
                status: "at_large",
                nationality: "PK",
                notes: "Receives the fees in account PK-QTA-0101; believed to be in Quetta.",
                accounts: "PK-QTA-0101",
            },
            Subject {
                name: "Abdul Rahman Baloch",
                aliases: "",
                role: "money_mover",
                status: "suspect",
                nationality: "PK",
                notes: "Hawaladar in Karachi; settles with Dubai and Kabul.",
                accounts: "PK-KHI-HWL-03",
            },
            Subject {
                name: "Gholamreza Shahbakhsh",
                aliases: "",
                role: "harbourer",
                status: "suspect",
                nationality: "IR",
                notes: "Safe house and collector account in Zahedan (IR-ZAH-7731).",
                accounts: "IR-ZAH-7731, IR-ZAH-CASH",
            },
            Subject {
                name: "Waqas Mehmood",
                aliases: "Vicky",
                role: "recruiter",
                status: "arrested",
                nationality: "PK",
                notes: "Recruits in Gujranwala and Mandi Bahauddin.",
                accounts: "",
            },
            Subject {
                name: "Nadeem Akhtar",
                aliases: "",
                role: "document_forger",
                status: "charged",
                nationality: "PK",
                notes: "",
                accounts: "",
            },
        ],
        persons: &[
            ("smuggled_migrant", "male", "18_24", "PK", "", false, "Usman Ghani", "2004-06-12"),
            ("smuggled_migrant", "male", "12_17", "PK", "", true, "Hamza Riaz", "2010-01-03"),
            ("smuggled_migrant", "male", "25_39", "AF", "", false, "Ahmad Zia Noori", "1994-09-21"),
            ("smuggled_migrant", "female", "25_39", "AF", "", false, "Mariam Hakimi", "1998-03-30"),
            (
                "victim",
                "male",
                "12_17",
                "AF",
                "held for ransom in Zahedan",
                true,
                "Sohail Karimi",
                "2011-11-05",
            ),
        ],
        events: &[
            ("2026-03-02", "First fee payments into the Zahedan collector account", ""),
            ("2026-03-18", "Interception of a pickup with 14 migrants near Taftan", "Two minors among them."),
            ("2026-03-20", "Arrest of the recruiter in Gujranwala", ""),
            ("2026-04-02", "Financial intelligence requested from the FMU", ""),
        ],
        inquiries: &[
            ("financial", "Financial: trace payments from families to the organiser", "in_progress"),
            ("digital_telecom", "Telecom: call records of the recruiter's phones", "completed"),
            ("travel_border", "Border: Taftan crossing records and Iranian deportation lists", "open"),
        ],
        evidence: &[
            Item {
                kind: "testimonial",
                description: "Statements of six intercepted migrants",
                source: "FIA Quetta, recorded at the Taftan post",
                obtained_on: "2026-03-19",
                legal_basis: "Code of Criminal Procedure, s. 161",
                admissibility: "admissible",
                inquiry: None,
                subjects: &[0, 3],
                offences: &[0],
                file: None,
            },
            Item {
                kind: "financial",
                description: "Bank and mobile-money records of the collector and organiser accounts",
                source: "Banks, through the FMU",
                obtained_on: "2026-04-10",
                legal_basis: "Anti-Money Laundering Act 2010, request through the FMU",
                admissibility: "not_assessed",
                inquiry: Some(0),
                subjects: &[0, 1, 2],
                offences: &[0, 2],
                file: Some((
                    "silk-corridor-accounts-summary.txt",
                    "Accounts under analysis: IR-ZAH-7731 (collector), PK-QTA-0101 (organiser),                      PK-KHI-HWL-01 (hawaladar). Full transactions: financial-flows dataset                      'Operation Silk Corridor: bank and remittance records'.\n",
                )),
            },
            Item {
                kind: "digital_telecom",
                description: "Extraction of the recruiter's two phones: chats with migrants' families and the organiser",
                source: "FIA Cyber Crime Wing, forensic extraction",
                obtained_on: "2026-03-25",
                legal_basis: "Search and seizure on arrest",
                admissibility: "admissible",
                inquiry: Some(1),
                subjects: &[0, 3],
                offences: &[0],
                file: None,
            },
            Item {
                kind: "documentary",
                description: "Forged passports and visa stamps seized at the forger's shop",
                source: "Search of premises, Gujranwala",
                obtained_on: "2026-03-21",
                legal_basis: "Search warrant",
                admissibility: "admissible",
                inquiry: None,
                subjects: &[4],
                offences: &[0],
                file: None,
            },
        ],
    },
    DemoCase {
        owner: "rafiqul.islam",
        case: || {
            NewCaseInput {
            reference: "CID/OC/DHK/2026/027".into(),
            title: "Recruitment agencies to Erbil: forced labour on construction sites".into(),
            crime_type: "tip".into(),
            stage: Some("intelligence".into()),
            summary: "Workers from Sylhet and Narayanganj recruited through a licensed agency and village \
                      sub-agents for construction jobs in Erbil; recruitment fees of 4–6 lakh taka financed by \
                      loans; passports withheld on arrival, wages unpaid for months."
                .into(),
            jurisdictions: vec!["BD".into(), "IQ-AR".into()],
        }
        },
        stages: &[
            ("investigation", "Complaints of six returned workers"),
            ("prosecution", "Charge sheet submitted to the tribunal"),
        ],
        offences: &[
            (
                "trafficking_in_persons",
                "Prevention and Suppression of Human Trafficking Act 2012, s. 6",
                "BD",
            ),
            ("forced_labour", "Prevention and Suppression of Human Trafficking Act 2012", "BD"),
            (
                "organised_criminal_group",
                "Prevention and Suppression of Human Trafficking Act 2012 (organised trafficking)",
                "BD",
            ),
        ],
        subjects: &[
            Subject {
                name: "Md. Jahangir Alam",
                aliases: "Jahangir Bhai",
                role: "organiser",
                status: "charged",
                nationality: "BD",
                notes: "Owner of the recruiting agency.",
                accounts: "BD-DHK-AGENCY-77",
            },
            Subject {
                name: "Abul Kashem",
                aliases: "",
                role: "recruiter",
                status: "arrested",
                nationality: "BD",
                notes: "Village sub-agent (dalal) in Sylhet.",
                accounts: "BD-SYL-DALAL-01",
            },
            Subject {
                name: "Karwan Construction Co. site manager",
                aliases: "",
                role: "exploiter",
                status: "at_large",
                nationality: "IQ",
                notes: "Identity to be established with the Kurdistan Region authorities.",
                accounts: "",
            },
        ],
        persons: &[
            (
                "victim",
                "male",
                "25_39",
                "BD",
                "forced labour, passport withheld",
                false,
                "Shahidul Islam",
                "1991-02-14",
            ),
            (
                "victim",
                "male",
                "18_24",
                "BD",
                "forced labour, passport withheld",
                false,
                "Rubel Mia",
                "2003-08-01",
            ),
            (
                "victim",
                "male",
                "25_39",
                "BD",
                "forced labour, wages withheld",
                true,
                "Nurul Amin",
                "1989-12-20",
            ),
            ("victim", "male", "40_59", "BD", "forced labour", false, "Abdul Jalil", "1979-05-09"),
        ],
        events: &[
            ("2025-11-10", "Workers depart Dhaka on employment visas", ""),
            ("2026-01-22", "Call to the Jashore shelter hotline from Erbil", ""),
            ("2026-02-15", "Six workers return with the help of the Erbil Migrant Assistance Centre", ""),
            ("2026-03-28", "Search of the agency's office in Dhaka", "Ledgers and passports seized."),
        ],
        inquiries: &[
            ("documentary", "Documents: agency ledgers, contracts and visa files", "completed"),
            ("financial", "Financial: recruitment fees and loans paid by the workers' families", "open"),
        ],
        evidence: &[
            Item {
                kind: "testimonial",
                description: "Statements of six returned workers",
                source: "CID Dhaka",
                obtained_on: "2026-02-20",
                legal_basis: "Code of Criminal Procedure, s. 161",
                admissibility: "admissible",
                inquiry: None,
                subjects: &[0, 1, 2],
                offences: &[0, 1],
                file: None,
            },
            Item {
                kind: "documentary",
                description: "Agency ledgers showing fees of 4 to 6 lakh taka per worker, and 23 withheld passports",
                source: "Search of the agency's office, Dhaka",
                obtained_on: "2026-03-28",
                legal_basis: "Search warrant issued by the tribunal",
                admissibility: "admissible",
                inquiry: Some(0),
                subjects: &[0, 1],
                offences: &[0, 2],
                file: None,
            },
            Item {
                kind: "travel_border",
                description: "Immigration departure records of the workers, Dhaka airport",
                source: "Special Branch, immigration",
                obtained_on: "2026-04-03",
                legal_basis: "Request to the Special Branch",
                admissibility: "not_assessed",
                inquiry: Some(0),
                subjects: &[],
                offences: &[0],
                file: None,
            },
        ],
    },
    DemoCase {
        owner: "ahmed.alkhafaji",
        case: || NewCaseInput {
            reference: "ATD/BGD/2026/009".into(),
            title: "Fake job offers online: sexual exploitation in Baghdad".into(),
            crime_type: "tip".into(),
            stage: Some("intelligence".into()),
            summary: "Young women recruited through social-media pages advertising salon and hotel work; \
                      flights paid by the network; on arrival, documents taken and women forced into \
                      prostitution in apartments in Baghdad. Payments through mobile wallets."
                .into(),
            jurisdictions: vec!["IQ".into(), "IR".into(), "BD".into()],
        },
        stages: &[("investigation", "Victim referred by the Erbil Migrant Assistance Centre")],
        offences: &[
            ("trafficking_in_persons", "Law No. 28 of 2012 on Combating Human Trafficking", "IQ"),
            ("sexual_exploitation", "Law No. 28 of 2012 on Combating Human Trafficking", "IQ"),
        ],
        subjects: &[
            Subject {
                name: "Salah Kadhim",
                aliases: "Abu Yasir",
                role: "organiser",
                status: "suspect",
                nationality: "IQ",
                notes: "Runs the apartments; manages the social-media pages.",
                accounts: "IQ-BGD-SALAH-01",
            },
            Subject {
                name: "Nasrin Rahimi",
                aliases: "",
                role: "recruiter",
                status: "suspect",
                nationality: "IR",
                notes: "Contacts women through messaging applications.",
                accounts: "",
            },
        ],
        persons: &[
            ("victim", "female", "18_24", "IR", "sexual exploitation", true, "Zahra Ahmadi", "2005-07-17"),
            ("victim", "female", "18_24", "BD", "sexual exploitation", true, "Sumaiya Akter", "2004-10-02"),
            ("victim", "female", "12_17", "IQ", "sexual exploitation", true, "Noor Hassan", "2009-04-25"),
        ],
        events: &[
            ("2026-02-03", "Advertisement for hotel work first seen", ""),
            ("2026-03-09", "A victim escapes and is referred to the authorities", ""),
        ],
        inquiries: &[
            ("financial", "Financial: mobile-wallet payments for flights and to the apartments' owner", "open"),
            ("open_source", "Open source: archive the recruitment pages and advertisements", "in_progress"),
        ],
        evidence: &[Item {
            kind: "testimonial",
            description: "Statement of the victim who escaped",
            source: "Anti-Trafficking Directorate, with a psychologist present",
            obtained_on: "2026-03-10",
            legal_basis: "Law No. 28 of 2012, victim protection provisions",
            admissibility: "not_assessed",
            inquiry: None,
            subjects: &[0, 1],
            offences: &[0, 1],
            file: None,
        }],
    },
];

impl App {
    /// Enters the demo cases as their investigators; the first is linked to the demo's
    /// financial-flows dataset, traced from the collector's account. Returns the cases' ids in order.
    pub(crate) async fn seed_demo_cases(&self, password: &str, dataset: i64) -> Result<Vec<i64>, AppError> {
        let mut ids = Vec::new();
        for demo in CASES {
            let login = self.login(demo.owner, password, "demo").await?;
            let caller = Caller::User(self.session(&login.session_token).await?.actor);
            self.logout(&login.session_token).await?;
            let id = self.create_case(&caller, &(demo.case)()).await?;
            if ids.is_empty() {
                self.link_case_dataset(&caller, id, dataset, "IR-ZAH-7731").await?;
            }
            ids.push(id);
            for (stage, note) in demo.stages {
                self.set_case_stage(
                    &caller,
                    id,
                    &StageInput { stage: (*stage).into(), note: (*note).into() },
                )
                .await?;
            }
            let mut offences = Vec::new();
            for (offence, provision, jurisdiction) in demo.offences {
                let input = OffenceInput {
                    offence: (*offence).into(),
                    provision: (*provision).into(),
                    jurisdiction: Some((*jurisdiction).into()),
                };
                offences.push(self.add_offence(&caller, id, &input).await?);
            }
            let mut subjects = Vec::new();
            for s in demo.subjects {
                let input = SubjectInput {
                    name: s.name.into(),
                    aliases: s.aliases.into(),
                    network_role: s.role.into(),
                    status: Some(s.status.into()),
                    nationality: s.nationality.into(),
                    notes: s.notes.into(),
                    accounts: s.accounts.into(),
                };
                subjects.push(self.add_subject(&caller, id, &input).await?);
            }
            for (kind, sex, age, nationality, exploitation, violence, name, born) in demo.persons {
                let input = PersonInput {
                    kind: (*kind).into(),
                    sex: Some((*sex).into()),
                    age_band: Some((*age).into()),
                    nationality: (*nationality).into(),
                    exploitation: (*exploitation).into(),
                    violence: *violence,
                    identity: PersonIdentity {
                        full_name: (*name).into(),
                        date_of_birth: (*born).into(),
                        contact: String::new(),
                        notes: String::new(),
                    },
                };
                self.add_person(&caller, id, &input).await?;
            }
            for (on, title, detail) in demo.events {
                let input = EventInput {
                    occurred_on: (*on).into(),
                    title: (*title).into(),
                    detail: (*detail).into(),
                };
                self.add_case_event(&caller, id, &input).await?;
            }
            let mut inquiries = Vec::new();
            for (kind, title, status) in demo.inquiries {
                let input = InquiryInput {
                    kind: (*kind).into(),
                    title: (*title).into(),
                    owner: None,
                    status: Some((*status).into()),
                };
                inquiries.push(self.add_inquiry(&caller, id, &input).await?);
            }
            for e in demo.evidence {
                let input = EvidenceInput {
                    kind: e.kind.into(),
                    description: e.description.into(),
                    source: e.source.into(),
                    obtained_on: e.obtained_on.into(),
                    legal_basis: e.legal_basis.into(),
                    admissibility: Some(e.admissibility.into()),
                    inquiry: e.inquiry.map(|i| inquiries[i]),
                    subjects: e.subjects.iter().map(|i| subjects[*i]).collect(),
                    offences: e.offences.iter().map(|i| offences[*i]).collect(),
                };
                let item = self.add_evidence(&caller, id, &input).await?;
                if let Some((name, content)) = e.file {
                    self.attach_evidence_file(&caller, id, item, name, content.as_bytes()).await?;
                }
            }
        }
        Ok(ids)
    }
}
