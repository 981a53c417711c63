//! The demo's partner countries: Pakistan and Bangladesh in partnership, Iraq and Iran in
//! consultation (no country of the demo is at ownership yet: Bangladesh is closest, with two of
//! the four ownership criteria met). Focal points, stakeholders at both prongs, an engagement
//! log, three consultative missions with findings and prioritised needs (one already turned into
//! a workplan activity), and ownership criteria with their evidence. The programme officer
//! `tariq.mahmood` records most of it; the focal points `bilal.ahmed` (Pakistan) and
//! `karim.hossain` (Bangladesh) record their countries' meetings. Names of officials are made up;
//! the institutions are real, the facts illustrative.

use crate::engagement::{
    FocalPointInput, LogInput, NewCountryInput, OwnershipInput, StakeholderInput, StepInput,
};
use crate::missions::{MissionInput, NeedActivityInput, NeedInput};
use crate::policy::Caller;
use crate::{App, AppError};

struct DemoCountry {
    country: &'static str,
    modality: &'static str,
    protocol: &'static str,
    /// (stage, on, evidence)
    steps: &'static [(&'static str, &'static str, &'static str)],
    /// (person, institution, role, nominated on, contact protocol, Praxis user)
    focal_points:
        &'static [(&'static str, &'static str, &'static str, &'static str, &'static str, &'static str)],
    /// (name, institution, prong, influence, interest)
    stakeholders: &'static [(&'static str, &'static str, &'static str, &'static str, &'static str)],
    /// (kind, on, who, summary, decided, recorded by)
    log: &'static [(&'static str, &'static str, &'static str, &'static str, &'static str, &'static str)],
    /// (criterion, status, on, evidence)
    ownership: &'static [(&'static str, &'static str, &'static str, &'static str)],
}

const COUNTRIES: &[DemoCountry] = &[
    DemoCountry {
        country: "PK",
        modality: "joint",
        protocol: "Official correspondence through the Permanent Mission of Pakistan in Vienna, copied to the Ministry of Foreign Affairs (UN desk) and the Ministry of Interior focal point.\nWorking level: e-mail with the FIA Anti-Human Trafficking Circle, copied to the Ministry of Interior.\nLanguages: English; Urdu for trainings and materials.",
        steps: &[
            ("consultation", "2025-03-10", "Report of the consultative mission to Islamabad and Lahore, March 2025"),
            ("partnership", "2025-11-05", "Letter of the Ministry of Interior requesting joint implementation\nNomination of the national focal point by the Ministry of Interior"),
        ],
        focal_points: &[
            ("Bilal Ahmed", "Ministry of Interior, Pakistan", "National focal point for the programme", "2025-11-05", "E-mail first, copied to the Permanent Mission in Vienna for anything official; phone for urgent matters.", "bilal.ahmed"),
            ("Asma Khan", "Federal Investigation Agency", "Technical focal point, Anti-Human Trafficking Circles", "2026-01-20", "E-mail, copied to the national focal point.", ""),
        ],
        stakeholders: &[
            ("Permanent Representative", "Permanent Mission of Pakistan to the UN (Vienna)", "vienna_mission", "4", "3"),
            ("Federal Secretary", "Ministry of Interior", "capital_high_level", "5", "4"),
            ("Additional Secretary (UN)", "Ministry of Foreign Affairs", "capital_high_level", "4", "2"),
            ("Director, Anti-Human Trafficking Circle", "Federal Investigation Agency", "capital_technical", "3", "5"),
            ("Prosecutor General", "Public Prosecution Department, Punjab", "capital_technical", "3", "4"),
        ],
        log: &[
            ("meeting", "2025-06-18", "Permanent Mission of Pakistan (Vienna); regional programme team", "Briefing of the Permanent Mission on the findings of the consultative mission.", "", "tariq.mahmood"),
            ("decision", "2025-11-05", "Ministry of Interior; UN Country Office", "The Ministry asked for joint implementation of the country component.", "Joint implementation with the FIA and the Punjab prosecution; the Ministry of Interior nominates the national focal point.", "tariq.mahmood"),
            ("meeting", "2026-04-14", "Ministry of Law and Justice; FIA; national focal point", "Validation workshop of the first legislative review findings.", "", "bilal.ahmed"),
            ("decision", "2026-09-22", "Inter-ministerial committee on trafficking", "Training of FIA investigators on financial investigation to be included in the FIA Academy's curriculum.", "The FIA Academy drafts the module with the programme's trainers by March 2027.", "bilal.ahmed"),
        ],
        ownership: &[
            ("curriculum", "in_progress", "2026-09-22", "Inter-ministerial committee decision of 22 September 2026"),
            ("national_trainers", "in_progress", "2026-06-30", "Twelve FIA officers certified as trainers of trainers"),
            ("budget_line", "not_started", "2026-01-15", ""),
        ],
    },
    DemoCountry {
        country: "BD",
        modality: "national",
        protocol: "Official correspondence through the Permanent Mission of Bangladesh in Vienna, copied to the Ministry of Home Affairs (Public Security Division).\nWorking level: the Counter-Trafficking Committee secretariat.\nLanguages: English and Bengali.",
        steps: &[
            ("consultation", "2025-05-20", "Exchange of letters with the Ministry of Home Affairs"),
            ("partnership", "2026-02-15", "Memorandum of understanding with the Ministry of Home Affairs\nNomination of focal points by the National Counter-Trafficking Committee"),
        ],
        focal_points: &[
            ("Karim Hossain", "National Counter-Trafficking Committee, Bangladesh", "National focal point", "2026-02-15", "E-mail to the committee secretariat; copies to the Ministry of Home Affairs.", "karim.hossain"),
        ],
        stakeholders: &[
            ("Permanent Representative", "Permanent Mission of Bangladesh to the UN (Vienna)", "vienna_mission", "3", "3"),
            ("Senior Secretary, Public Security Division", "Ministry of Home Affairs", "capital_high_level", "5", "4"),
            ("Member secretary", "National Counter-Trafficking Committee", "capital_technical", "3", "5"),
            ("Head, Human Trafficking Unit", "Bangladesh Police, CID", "capital_technical", "3", "4"),
            ("Director", "Jashore Safe Return Shelter", "capital_technical", "1", "5"),
        ],
        log: &[
            ("meeting", "2026-02-15", "Ministry of Home Affairs; regional programme team", "Signature of the memorandum of understanding.", "", "tariq.mahmood"),
            ("decision", "2026-05-06", "National Counter-Trafficking Committee", "The committee reviewed the training plan for 2026.", "Trainings are run by national trainers from the Police Staff College, the programme supports with materials.", "karim.hossain"),
        ],
        ownership: &[
            ("national_trainers", "in_progress", "2026-02-28", "Eight Police Staff College instructors in the trainer programme"),
            ("national_trainers", "achieved", "2026-07-31", "Police Staff College runs the course with its own trainers (course records, July 2026)"),
            ("curriculum", "achieved", "2026-05-06", "Counter-Trafficking Committee decision of 6 May 2026; course in the Police Staff College calendar"),
            ("budget_line", "in_progress", "2026-10-01", "Line proposed in the Ministry of Home Affairs budget for 2027"),
        ],
    },
    DemoCountry {
        country: "IQ",
        modality: "direct",
        protocol: "Official correspondence through the Permanent Mission of Iraq in Vienna, copied to the Central Committee to Combat Trafficking in Persons.\nLanguages: Arabic and English; Kurdish for activities in the Kurdistan Region.",
        steps: &[("consultation", "2026-05-28", "Report of the consultative mission to Baghdad and Erbil, May 2026")],
        focal_points: &[],
        stakeholders: &[
            ("Permanent Representative", "Permanent Mission of Iraq to the UN (Vienna)", "vienna_mission", "3", "2"),
            ("Chair", "Central Committee to Combat Trafficking in Persons", "capital_high_level", "4", "4"),
            ("Director", "Anti-Trafficking Directorate, Ministry of Interior", "capital_technical", "3", "4"),
        ],
        log: &[("meeting", "2026-07-02", "Permanent Mission of Iraq (Vienna)", "Debriefing of the mission; the Mission will transmit the findings to Baghdad.", "", "tariq.mahmood")],
        ownership: &[],
    },
    DemoCountry {
        country: "IR",
        modality: "direct",
        protocol: "All correspondence through the Permanent Mission of the Islamic Republic of Iran in Vienna.\nLanguages: Persian and English.",
        steps: &[("consultation", "2026-09-14", "Note verbale of the Permanent Mission agreeing to consultations")],
        focal_points: &[],
        stakeholders: &[
            ("Counsellor", "Permanent Mission of the Islamic Republic of Iran (Vienna)", "vienna_mission", "4", "3"),
            ("Commander", "Border Guard Command", "capital_technical", "4", "3"),
        ],
        log: &[("meeting", "2026-09-14", "Permanent Mission of Iran (Vienna); regional programme team", "First consultation on border management and smuggling of migrants.", "", "tariq.mahmood")],
        ownership: &[],
    },
];

/// (country, title, start, end, place, in the capital, groups, findings, needs (priority, pillar,
/// need))
type DemoMission = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    bool,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str, &'static str)],
);

const MISSIONS: &[DemoMission] = &[
    (
        "PK",
        "Consultative mission to Islamabad and Lahore",
        "2025-03-03",
        "2025-03-10",
        "Islamabad",
        true,
        "senior_officials law_enforcement prosecution judiciary civil_society international_partners",
        "Strong political commitment after the 2018 Acts; few convictions for trafficking and almost no financial investigations; investigators outside the big cities are rarely trained; victims are seldom referred to shelters.",
        &[
            ("1", "capacity_building", "Financial investigation training for the FIA Anti-Human Trafficking Circles, including circles outside the large cities."),
            ("2", "legislative_review", "Review the 2018 Acts against the Protocols, starting with the means of the trafficking offence."),
            ("3", "protection", "Referral procedure between the FIA and provincial shelters."),
        ],
    ),
    (
        "IQ",
        "Consultative mission to Baghdad and Erbil",
        "2026-05-24",
        "2026-05-28",
        "Baghdad",
        true,
        "senior_officials law_enforcement judiciary military civil_society international_partners",
        "Trafficking cases are often handled as prostitution or labour offences; conflict-affected areas have no specialised investigators; a national referral mechanism is drafted but not adopted.",
        &[
            ("1", "strategy_policy", "Support the adoption of the national referral mechanism."),
            ("2", "capacity_building", "Training of judges and investigators on identifying trafficking in conflict-affected governorates."),
        ],
    ),
    (
        "BD",
        "Consultative mission to Jashore and the south-western border",
        "2026-08-10",
        "2026-08-13",
        "Jashore",
        false,
        "law_enforcement prosecution civil_society",
        "Returnees from the border are interviewed without an interpreter of their dialect; shelters and police do not share a case number.",
        &[("1", "protection", "A shared case reference between the police and the shelters for returnees.")],
    ),
];

impl App {
    /// The demo's partner countries and missions. Returns the countries' ids.
    pub(crate) async fn seed_demo_engagement(&self, password: &str) -> Result<Vec<i64>, AppError> {
        let mut callers = std::collections::HashMap::new();
        for who in ["tariq.mahmood", "bilal.ahmed", "karim.hossain"] {
            let login = self.login(who, password, "demo").await?;
            let caller = Caller::User(self.session(&login.session_token).await?.actor);
            self.logout(&login.session_token).await?;
            callers.insert(who, caller);
        }
        let officer = &callers["tariq.mahmood"];
        let mut ids = Vec::new();
        for d in COUNTRIES {
            let input = NewCountryInput {
                country: d.country.into(),
                modality: d.modality.into(),
                protocol: d.protocol.into(),
            };
            ids.push(self.open_partner_country(officer, &input).await?);
            for (stage, on, evidence) in d.steps {
                let input = StepInput {
                    stage: (*stage).into(),
                    on: Some((*on).into()),
                    evidence: (*evidence).into(),
                    note: String::new(),
                };
                self.record_engagement_step(officer, d.country, &input).await?;
            }
            for (person, institution, role, on, protocol, user) in d.focal_points {
                let input = FocalPointInput {
                    person: (*person).into(),
                    institution: (*institution).into(),
                    role: (*role).into(),
                    nominated_on: (*on).into(),
                    contact_protocol: (*protocol).into(),
                    username: (!user.is_empty()).then(|| (*user).into()),
                };
                self.add_focal_point(officer, d.country, &input).await?;
            }
            for (name, institution, prong, influence, interest) in d.stakeholders {
                let input = StakeholderInput {
                    name: (*name).into(),
                    institution: (*institution).into(),
                    prong: (*prong).into(),
                    influence: (*influence).into(),
                    interest: (*interest).into(),
                    note: String::new(),
                };
                self.add_stakeholder(officer, d.country, &input).await?;
            }
            for (kind, on, who, summary, decided, by) in d.log {
                let input = LogInput {
                    kind: (*kind).into(),
                    occurred_on: (*on).into(),
                    who: (*who).into(),
                    summary: (*summary).into(),
                    decided: (*decided).into(),
                };
                self.add_engagement_log(&callers[by], d.country, &input).await?;
            }
            for (criterion, status, on, evidence) in d.ownership {
                let input = OwnershipInput {
                    criterion: (*criterion).into(),
                    status: (*status).into(),
                    status_on: Some((*on).into()),
                    evidence: (*evidence).into(),
                };
                self.record_ownership(officer, d.country, &input).await?;
            }
        }
        for (i, (country, title, start, end, place, capital, groups, findings, needs)) in
            MISSIONS.iter().enumerate()
        {
            let input = MissionInput {
                country: (*country).into(),
                title: (*title).into(),
                start_on: (*start).into(),
                end_on: (*end).into(),
                place: (*place).into(),
                in_capital: *capital,
                groups: vec![(*groups).into()],
                findings: (*findings).into(),
            };
            let mission = self.create_mission(officer, &input).await?;
            for (j, (priority, pillar, need)) in needs.iter().enumerate() {
                let input = NeedInput {
                    priority: (*priority).into(),
                    pillar: (*pillar).into(),
                    need: (*need).into(),
                };
                let need = self.add_mission_need(officer, mission, &input).await?;
                // The first need of the first mission is already in the workplan.
                if i == 0 && j == 0 {
                    let input = NeedActivityInput {
                        identifier: "XX-DEMO-PAK-2026-FININV".into(),
                        reporting_org: "XX-DEMO".into(),
                        title: "Pakistan: financial investigation training for the Anti-Human Trafficking Circles".into(),
                        start_on: "2026-01-15".into(),
                        end_on: Some("2026-12-31".into()),
                        budget: Some("42000.00".into()),
                        currency: Some("USD".into()),
                        ..Default::default()
                    };
                    self.make_activity_from_need(officer, mission, need, &input).await?;
                }
            }
        }
        Ok(ids)
    }
}
