//! The demo's workplans and trainings: the gender and human-rights checklist (version 1, then a
//! version 2 that rewords a question and adds one), the Pakistan workplan and the regional one
//! for 2026–2027 with a dozen activities (some outside capitals, one in a conflict-affected area,
//! one budget in rupees), four trainings with participants (one imported from CSV), pre- and
//! post-test scores, trainers, follow-ups at the job, mentoring pairs, checklist answers, and two
//! indicators computed live from them. Entered by the programme officer `tariq.mahmood`; the
//! focal point `bilal.ahmed` answers a checklist. Names and figures are illustrative.

use crate::indicators::{NewActivityInput, NewIndicatorInput, PeriodInput};
use crate::policy::Caller;
use crate::trainings::{FollowupInput, MentoringInput, NewTrainingInput, ParticipantInput, TrainerInput};
use crate::workplans::{
    ChecklistAnswerInput, ChecklistAnswersInput, ChecklistInput, LocationInput, NewWorkplanInput,
};
use crate::{App, AppError};

const CHECKLIST_V1: &str = "Were women and men consulted in designing the activity?
Are women's institutions and female professionals invited to take part?
Are the data collected broken down by sex and age?
Does the activity consider the specific risks faced by women, girls and boys?
Are victims' rights (non-punishment, privacy, informed consent) respected in the materials?
Is the venue safe and accessible, including for participants with care duties?
Does the activity reach people outside the capital?";

const CHECKLIST_V2: &str = "Were women and men consulted in designing the activity?
Is at least a third of the participants and trainers women, or is the shortfall explained?
Are the data collected broken down by sex and age?
Does the activity consider the specific risks faced by women, girls and boys?
Are victims' rights (non-punishment, privacy, informed consent) respected in the materials?
Is the venue safe and accessible, including for participants with care duties?
Does the activity reach people outside the capital?
Are migrants' rights, whatever their status, addressed in the content?";

/// (workplan: 0 Pakistan, 1 regional; code; title; output; pillars and themes; responsible
/// organisation; start; last day; status; budget; currency; country; area; place; capital;
/// conflict-affected)
type DemoActivity = (
    usize,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    &'static str,
    bool,
    bool,
);

const ACTIVITIES: &[DemoActivity] = &[
    (
        0,
        "A1.1",
        "National action plan review workshop",
        "O1.1",
        "strategy_policy gender_human_rights",
        "Ministry of Interior, Pakistan",
        "2026-02-02",
        "2026-02-04",
        "closed",
        "18000.00",
        "USD",
        Some("PK"),
        Some("PK-IS"),
        "Islamabad",
        true,
        false,
    ),
    (
        0,
        "A2.1",
        "Drafting committee on the trafficking and smuggling acts' rules",
        "O2.1",
        "legislative_review",
        "Ministry of Interior, Pakistan",
        "2026-03-01",
        "2026-10-31",
        "closed",
        "42000.00",
        "USD",
        Some("PK"),
        Some("PK-IS"),
        "Islamabad",
        true,
        false,
    ),
    (
        0,
        "A3.1",
        "Investigators' course: evidence beyond testimony",
        "O3.1",
        "capacity_building gender_human_rights going_local",
        "FIA Anti-Human Trafficking Circle",
        "2026-03-09",
        "2026-12-15",
        "implementation",
        "65000.00",
        "USD",
        Some("PK"),
        Some("PK-PB"),
        "Lahore",
        false,
        false,
    ),
    (
        0,
        "A3.2",
        "Prosecutors' course on migrant smuggling",
        "O3.1",
        "capacity_building",
        "Public Prosecution Department, Punjab",
        "2026-05-18",
        "2026-05-20",
        "closed",
        "21000.00",
        "USD",
        Some("PK"),
        Some("PK-IS"),
        "Islamabad",
        true,
        false,
    ),
    (
        0,
        "A3.3",
        "Labour inspectors: identifying victims at brick kilns",
        "O3.2",
        "capacity_building protection going_local",
        "Sindh Labour Department",
        "2026-09-14",
        "2027-03-31",
        "implementation",
        "3600000",
        "PKR",
        Some("PK"),
        Some("PK-SD"),
        "Sukkur",
        false,
        false,
    ),
    (
        0,
        "A3.4",
        "Border officials' training at the Taftan crossing",
        "O3.2",
        "capacity_building cooperation conflict going_local",
        "Federal Investigation Agency, Quetta Zone",
        "2027-02-01",
        "2027-06-30",
        "suspended",
        "38000.00",
        "USD",
        Some("PK"),
        Some("PK-BA"),
        "Quetta and Taftan",
        false,
        true,
    ),
    (
        0,
        "A5.1",
        "Shelter standards and referral pathway in Khyber Pakhtunkhwa",
        "O5.1",
        "protection gender_human_rights going_local",
        "Social Welfare Department, Khyber Pakhtunkhwa",
        "2026-06-01",
        "2027-05-31",
        "implementation",
        "54000.00",
        "USD",
        Some("PK"),
        Some("PK-KP"),
        "Peshawar",
        false,
        false,
    ),
    (
        0,
        "A4.1",
        "Joint investigation team guidelines with Iran",
        "O4.1",
        "cooperation",
        "Federal Investigation Agency",
        "2027-04-01",
        "2027-09-30",
        "pipeline",
        "25000.00",
        "USD",
        Some("PK"),
        Some("PK-IS"),
        "Islamabad",
        true,
        false,
    ),
    (
        1,
        "R3.1",
        "Regional course on financial investigations of trafficking networks",
        "O3.3",
        "capacity_building cooperation innovation_technology",
        "UN Office, Regional Programme",
        "2026-10-05",
        "2026-10-08",
        "closed",
        "48000.00",
        "USD",
        None,
        None,
        "",
        true,
        false,
    ),
    (
        1,
        "R4.1",
        "Regional meeting of cooperation focal points",
        "O4.2",
        "cooperation sustainability",
        "UN Office, Regional Programme",
        "2026-11-16",
        "2026-11-18",
        "finalisation",
        "36000.00",
        "USD",
        Some("BD"),
        None,
        "Dhaka",
        true,
        false,
    ),
    (
        1,
        "R5.1",
        "Safe return and reintegration in Cox's Bazar",
        "O5.2",
        "protection gender_human_rights going_local",
        "National Counter-Trafficking Committee, Bangladesh",
        "2026-07-01",
        "2027-06-30",
        "implementation",
        "72000.00",
        "USD",
        Some("BD"),
        None,
        "Cox's Bazar",
        false,
        false,
    ),
    (
        1,
        "R2.1",
        "Comparative review of smuggling laws in Iraq",
        "O2.2",
        "legislative_review",
        "Central Committee to Combat Trafficking in Persons, Iraq",
        "2027-01-15",
        "2027-12-15",
        "pipeline",
        "30000.00",
        "USD",
        Some("IQ"),
        Some("IQ-BG"),
        "Baghdad",
        true,
        false,
    ),
];

/// Participants: (sex, age band, institution, sector, role, area, pre, post); a name for some.
fn participants(kind: usize) -> Vec<ParticipantInput> {
    // Deterministic, varied mixes per training: (women of n, institutions, sectors, areas).
    let (n, women, institutions, sectors, areas): (usize, usize, &[&str], &[&str], &[&str]) = match kind {
        0 => (
            18,
            5,
            &["FIA Lahore", "Punjab Police", "FIA Multan"],
            &["police", "police", "border"],
            &["PK-PB"],
        ),
        1 => (
            14,
            6,
            &["Public Prosecution Department, Punjab", "Prosecution Service, Sindh", "Islamabad High Court"],
            &["prosecution", "prosecution", "judiciary"],
            &["PK-PB", "PK-SD", "PK-IS"],
        ),
        2 => (
            16,
            7,
            &["Sindh Labour Department", "Sindh Police", "Bonded Labour Liberation Front"],
            &["labour", "police", "civil_society"],
            &["PK-SD"],
        ),
        _ => (
            12,
            5,
            &[
                "Financial Monitoring Unit, Pakistan",
                "Bangladesh Financial Intelligence Unit",
                "FIU Iran",
                "Iraq Anti-Trafficking Directorate",
            ],
            &["government", "government", "police"],
            &[""],
        ),
    };
    let ages = ["30-39", "40-49", "18-29", "30-39", "50-59", "40-49", "30-39"];
    let names = ["Ayesha Khan", "Sana Malik", "Hina Baloch", "Rubina Akter", "Nasreen Jahan", "Zahra Ahmadi"];
    (0..n)
        .map(|i| {
            // Exactly `women` women, spread through the list.
            let female = (i * women) / n != ((i + 1) * women) / n;
            let pre = 35 + ((i * 7 + kind * 5) % 30) as i64;
            let post = (pre + 18 + ((i * 11 + kind) % 20) as i64).min(100);
            ParticipantInput {
                name: if female && i % 2 == 0 {
                    names[(i / 2 + kind) % names.len()].into()
                } else {
                    String::new()
                },
                sex: if female { "female" } else { "male" }.into(),
                age_band: ages[(i * 3 + kind) % ages.len()].into(),
                institution: institutions[i % institutions.len()].into(),
                sector: sectors[i % sectors.len()].into(),
                role: ["Sub-inspector", "Deputy director", "Assistant", "Inspector", "Officer"][i % 5].into(),
                area: Some(areas[i % areas.len()].into()).filter(|a: &String| !a.is_empty()),
                // A few missed one of the tests.
                pre_score: (i % 9 != 4).then_some(pre),
                post_score: (i % 11 != 7).then_some(post),
            }
        })
        .collect()
}

fn csv_of(ps: &[ParticipantInput]) -> String {
    let mut out = String::from("name,sex,age_band,institution,sector,role,area,pre_score,post_score\n");
    for p in ps {
        let q = |s: &str| if s.contains(',') { format!("\"{s}\"") } else { s.to_owned() };
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{},{}\n",
            q(&p.name),
            p.sex,
            p.age_band,
            q(&p.institution),
            p.sector,
            q(&p.role),
            p.area.clone().unwrap_or_default(),
            p.pre_score.map(|s| s.to_string()).unwrap_or_default(),
            p.post_score.map(|s| s.to_string()).unwrap_or_default()
        ));
    }
    out
}

impl App {
    pub(crate) async fn seed_demo_workplans(&self, password: &str) -> Result<(), AppError> {
        let mut callers = std::collections::HashMap::new();
        for who in ["tariq.mahmood", "bilal.ahmed"] {
            let login = self.login(who, password, "demo").await?;
            let caller = Caller::User(self.session(&login.session_token).await?.actor);
            self.logout(&login.session_token).await?;
            callers.insert(who, caller);
        }
        let officer = &callers["tariq.mahmood"];
        let focal = &callers["bilal.ahmed"];

        self.publish_mainstreaming(officer, &ChecklistInput { questions: CHECKLIST_V1.into() }).await?;

        let mut workplans = Vec::new();
        for (country, title) in
            [(Some("PK"), "Pakistan workplan 2026–2027"), (None, "Regional workplan 2026–2027")]
        {
            let input = NewWorkplanInput {
                country: country.map(str::to_owned),
                title: title.into(),
                start_on: "2026-01-01".into(),
                end_on: "2028-01-01".into(),
            };
            workplans.push(self.create_workplan(officer, &input).await?);
        }
        let mut activities = Vec::new();
        for &(
            wp,
            code,
            title,
            output,
            tags,
            responsible,
            start,
            last,
            status,
            budget,
            currency,
            country,
            area,
            place,
            capital,
            conflict,
        ) in ACTIVITIES
        {
            let iso3 = match country {
                Some("PK") => "PAK",
                Some("BD") => "BGD",
                Some("IQ") => "IRQ",
                _ => "REG",
            };
            let input = NewActivityInput {
                identifier: format!("XX-DEMO-{iso3}-WP-{code}"),
                reporting_org: "XX-DEMO".into(),
                title: title.into(),
                description: format!(
                    "{title}. Workplan activity {code}, delivering output {output} of the theory of change."
                ),
                country: country.map(str::to_owned),
                start_on: start.into(),
                end_on: Some(last.into()),
                status: Some(status.into()),
                budget: Some(budget.into()),
                currency: Some(currency.into()),
                tags: tags.into(),
                plan: LocationInput {
                    workplan: Some(workplans[wp]),
                    output: output.into(),
                    responsible_org: responsible.into(),
                    area: area.map(str::to_owned),
                    place: place.into(),
                    capital: (country.is_some()).then_some(capital),
                    conflict_affected: conflict,
                },
            };
            activities.push(self.create_programme_activity(officer, &input).await?);
        }

        // Answers under version 1 for the early activities, then version 2 and its answers.
        let answer = |version: u32, items: &[(u32, &str, &str)]| ChecklistAnswersInput {
            version,
            answers: items
                .iter()
                .map(|(q, a, n)| ChecklistAnswerInput {
                    question: *q,
                    answer: (*a).into(),
                    note: (*n).into(),
                })
                .collect(),
        };
        self.answer_mainstreaming(
            officer,
            activities[0],
            &answer(
                1,
                &[
                    (1, "yes", "Women's Parliamentary Caucus consulted"),
                    (2, "partly", "Two of nine ministries sent a woman"),
                    (3, "yes", ""),
                    (4, "yes", ""),
                    (5, "yes", ""),
                    (6, "yes", ""),
                    (7, "no", "Held in Islamabad only"),
                ],
            ),
        )
        .await?;
        self.answer_mainstreaming(
            officer,
            activities[3],
            &answer(
                1,
                &[
                    (1, "partly", ""),
                    (2, "yes", "Women prosecutors' network invited"),
                    (3, "yes", ""),
                    (7, "no", "Capital only; the next course is in Multan"),
                ],
            ),
        )
        .await?;
        self.publish_mainstreaming(officer, &ChecklistInput { questions: CHECKLIST_V2.into() }).await?;
        self.answer_mainstreaming(
            officer,
            activities[2],
            &answer(
                2,
                &[
                    (1, "yes", ""),
                    (2, "partly", "5 women of 18 participants; women investigators are few in the FIA zone"),
                    (3, "yes", ""),
                    (4, "yes", "Module on girls in domestic servitude"),
                    (5, "yes", ""),
                    (6, "partly", "No childcare at the venue"),
                    (7, "yes", "Lahore and Multan"),
                    (8, "partly", ""),
                ],
            ),
        )
        .await?;
        self.answer_mainstreaming(
            focal,
            activities[6],
            &answer(
                2,
                &[
                    (2, "yes", "Shelter staff are mostly women"),
                    (4, "yes", ""),
                    (7, "yes", "Peshawar and Mardan"),
                ],
            ),
        )
        .await?;
        self.answer_mainstreaming(
            officer,
            activities[5],
            &answer(
                2,
                &[
                    (4, "partly", "Security escort needed; women officers' travel to be arranged"),
                    (6, "no", "Suspended while the crossing is closed"),
                ],
            ),
        )
        .await?;

        // Trainings.
        let trainings_spec = [
            (
                2usize,
                "Investigating trafficking cases: evidence beyond testimony",
                "2026-03-09",
                "2026-03-12",
                "FIA Training Academy, Lahore",
                Some("PK-PB"),
                false,
                "in_person",
            ),
            (
                3,
                "Prosecuting migrant smuggling",
                "2026-05-18",
                "2026-05-20",
                "Federal Judicial Academy, Islamabad",
                Some("PK-IS"),
                true,
                "in_person",
            ),
            (
                4,
                "Identifying victims of bonded labour at brick kilns",
                "2026-09-14",
                "2026-09-16",
                "Labour Department hall, Sukkur",
                Some("PK-SD"),
                false,
                "hybrid",
            ),
            (
                8,
                "Following the money: financial investigations of trafficking networks",
                "2026-10-05",
                "2026-10-08",
                "Online, hosted from Vienna",
                None,
                true,
                "online",
            ),
        ];
        let mut trainings = Vec::new();
        for (k, (act, title, start, last, place, area, capital, modality)) in
            trainings_spec.into_iter().enumerate()
        {
            let input = NewTrainingInput {
                activity: activities[act],
                title: title.into(),
                start_on: start.into(),
                last_day: last.into(),
                place: place.into(),
                area: area.map(str::to_owned),
                capital,
                modality: modality.into(),
            };
            let id = self.create_training(officer, &input).await?;
            let people = participants(k);
            if k == 2 {
                self.import_participants(officer, id, &csv_of(&people)).await?;
            } else {
                for p in &people {
                    self.add_participant(officer, id, p).await?;
                }
            }
            let trainers: &[(&str, &str, &str, bool)] = match k {
                0 => &[
                    ("Nadia Rahman", "female", "UN Office, Country Office Pakistan", false),
                    ("Superintendent Khalid Mehmood (retd.)", "male", "FIA Training Academy", true),
                ],
                1 => &[
                    ("Justice (retd.) Shaista Kazmi", "female", "Federal Judicial Academy", true),
                    ("Marco Bellini", "male", "UN Office, Regional Programme", false),
                ],
                2 => &[
                    ("Ghulam Mustafa", "male", "Sindh Labour Department", true),
                    ("Nadia Rahman", "female", "UN Office, Country Office Pakistan", false),
                    ("Parveen Soomro", "female", "Bonded Labour Liberation Front", true),
                ],
                _ => &[
                    ("Dr Samina Qureshi", "female", "UN Office, Regional Programme", false),
                    ("Shahana Akter", "female", "Bangladesh Financial Intelligence Unit", true),
                ],
            };
            for (name, sex, inst, national) in trainers {
                self.add_trainer(
                    officer,
                    id,
                    &TrainerInput {
                        name: (*name).into(),
                        sex: (*sex).into(),
                        institution: (*inst).into(),
                        national_expert: *national,
                    },
                )
                .await?;
            }
            trainings.push(id);
        }
        // Follow-ups at the job: level 3 (behaviour) and 4 (results).
        let view = self.training(officer, trainings[0]).await?;
        let first = view.participants.first().map(|p| p.id);
        let followups = [
            (0usize, first, 3u8, "2026-06-15", "Uses the evidence checklist in two kiln cases; seized ledgers and phone records instead of relying on the victims' statements alone."),
            (0, None, 4, "2026-11-02", "Lahore circle: 3 of 5 new trafficking cases opened since the course have documentary or financial evidence beyond testimony (1 of 6 in the year before)."),
            (1, None, 3, "2026-09-01", "Prosecutors from the course now request financial records at the charge stage; 4 requests filed in the quarter."),
            (2, None, 3, "2026-11-10", "Inspectors visited 12 kilns with the new screening form; 2 referrals to the district vigilance committee."),
        ];
        for (t, participant, level, on, note) in followups {
            self.add_followup(
                officer,
                trainings[t],
                &FollowupInput { participant, level, observed_on: on.into(), note: note.into() },
            )
            .await?;
        }
        // Mentoring pairs.
        for (mentor, mentee, inst, country, start, end, notes) in [
            (
                "Superintendent Khalid Mehmood (retd.)",
                "Sub-inspector Sana Malik",
                "FIA Anti-Human Trafficking Circle, Lahore",
                "PK",
                "2026-04-01",
                None,
                "Monthly case reviews; first financial investigation led in September.",
            ),
            (
                "Justice (retd.) Shaista Kazmi",
                "Hina Baloch, Deputy Prosecutor",
                "Prosecution Department, Balochistan",
                "PK",
                "2026-06-01",
                Some("2026-12-31"),
                "Remote mentoring on charging smuggling cases.",
            ),
            (
                "Shahana Akter",
                "Rubina Akter, analyst",
                "Bangladesh Financial Intelligence Unit",
                "BD",
                "2026-10-15",
                None,
                "Typologies of remittance-based trafficking finance.",
            ),
        ] {
            self.create_mentoring(
                officer,
                &MentoringInput {
                    mentor: mentor.into(),
                    mentee: mentee.into(),
                    institution: inst.into(),
                    country: Some(country.into()),
                    start_on: start.into(),
                    end_on: end.map(str::to_owned),
                    notes: notes.into(),
                },
            )
            .await?;
        }
        // Two indicators computed live from the trainings and the workplan.
        for (code, title, definition, source, tags, periods) in [
            (
                "PK-3.1.3",
                "Women among the practitioners trained",
                "Percentage of women among the participants of the programme's trainings in Pakistan that ended in the period.",
                "women_trained_share",
                "capacity_building gender_human_rights",
                &[("2026-01-01", "2026-07-01", "30"), ("2026-07-01", "2027-01-01", "35")][..],
            ),
            (
                "PK-0.2",
                "Activities outside the capital",
                "Percentage of the programme's activities in Pakistan running in the period, with a recorded location, that are not in Islamabad.",
                "activities_outside_capital_share",
                "strategy_policy going_local",
                &[("2026-01-01", "2027-01-01", "50"), ("2027-01-01", "2028-01-01", "60")][..],
            ),
        ] {
            let input = NewIndicatorInput {
                code: code.into(),
                title: title.into(),
                definition: definition.into(),
                unit: "percent".into(),
                measure: "percentage".into(),
                direction: "increase".into(),
                means_of_verification: "Computed live in Praxis from the trainings and the workplan".into(),
                frequency: "semi_annual".into(),
                owner: "UN Office, Country Office Pakistan (Islamabad)".into(),
                tags: tags.into(),
                country: Some("PK".into()),
                activity: None,
                level: Some("output".into()),
                source: Some(source.into()),
                model: None,
                baseline_on: "2025-12-31".into(),
                baseline: Some("20".into()),
            };
            let id = self.create_indicator(officer, &input).await?;
            for (start, end, target) in periods {
                self.add_indicator_period(officer, id, &PeriodInput {
                    start_on: (*start).into(),
                    end_on: (*end).into(),
                    target: Some((*target).into()),
                    comment: String::new(),
                })
                .await?;
            }
        }
        Ok(())
    }
}
