//! The demo's national assessments: a trafficking-in-persons assessment of Pakistan covering
//! 2025, created by the programme officer `tariq.mahmood` and validated by Pakistan's focal point
//! `bilal.ahmed` (a second pair of eyes); and a smuggling-of-migrants assessment of Iraq in
//! progress. Both with findings, recommendations and the stakeholders consulted, scored in the
//! assessment (some differently from the country's current scores). The facts are illustrative.

use crate::assessments::{AssessmentInput, ConsultedInput, FindingInput, RecommendationInput, StatusInput};
use crate::policy::Caller;
use crate::{App, AppError};

struct DemoAssessment {
    country: &'static str,
    kind: &'static str,
    title: &'static str,
    period: (&'static str, &'static str),
    methods: &'static [&'static str],
    /// (status, on, note, by); the first is the planning date.
    statuses: &'static [(&'static str, &'static str, &'static str, &'static str)],
    /// (pillar, finding)
    findings: &'static [(&'static str, &'static str)],
    /// (priority, pillar, recommendation)
    recommendations: &'static [(&'static str, &'static str, &'static str)],
    /// (the country's stakeholder by name, influence, interest, note)
    consulted: &'static [(&'static str, &'static str, &'static str, &'static str)],
}

const ASSESSMENTS: &[DemoAssessment] = &[
    DemoAssessment {
        country: "PK",
        kind: "tip",
        title: "National assessment of trafficking in persons in Pakistan, 2025",
        period: ("2025-01-01", "2025-12-31"),
        methods: &["desk_review", "interviews", "field_visits"],
        statuses: &[
            ("planned", "2025-09-01", "", "tariq.mahmood"),
            ("in_progress", "2025-10-06", "Desk review started; interviews in Islamabad and Lahore scheduled.", "tariq.mahmood"),
            ("validated", "2026-02-19", "Validated at the national workshop in Islamabad.", "bilal.ahmed"),
        ],
        findings: &[
            ("legislative_review", "The Prevention of Trafficking in Persons Act 2018 is largely aligned with the Protocol; the definition of exploitation omits forced begging."),
            ("capacity_building", "Few investigators of the Anti-Human Trafficking Circles are trained in financial investigation; cases rely on testimony."),
            ("protection", "Shelters for male victims are lacking outside Islamabad; referral from police to shelters is informal."),
            ("cooperation", "Requests for mutual legal assistance to Gulf countries take more than a year on average."),
        ],
        recommendations: &[
            ("1", "capacity_building", "Train FIA investigators in financial investigation and parallel financial inquiries, through the FIA Academy."),
            ("1", "protection", "Formalise a referral mechanism between police and shelters in Punjab and Sindh."),
            ("2", "legislative_review", "Amend the 2018 Act to cover forced begging explicitly."),
            ("3", "cooperation", "Designate contact points for mutual legal assistance with the Gulf countries."),
        ],
        consulted: &[
            ("Federal Secretary", "5", "4", "Chairs the inter-ministerial committee."),
            ("Director, Anti-Human Trafficking Circle", "3", "5", "Scored lower on influence than today: before the 2025 reorganisation."),
            ("Prosecutor General", "2", "4", "Met in Lahore."),
        ],
    },
    DemoAssessment {
        country: "IQ",
        kind: "som",
        title: "Assessment of the smuggling of migrants through Iraq",
        period: ("2024-01-01", "2026-06-30"),
        methods: &["desk_review", "interviews"],
        statuses: &[
            ("planned", "2026-06-01", "", "tariq.mahmood"),
            ("in_progress", "2026-07-15", "Interviews in Baghdad and Erbil under way.", "tariq.mahmood"),
        ],
        findings: &[
            ("strategy_policy", "There is no national strategy against the smuggling of migrants; smuggling is handled under immigration offences."),
            ("cooperation", "Border information is not shared between the federal authorities and the Kurdistan Region."),
        ],
        recommendations: &[
            ("1", "strategy_policy", "Draft a national strategy against the smuggling of migrants with the Central Committee."),
            ("2", "cooperation", "Set up a joint working group on border information between Baghdad and Erbil."),
        ],
        consulted: &[
            ("Chair", "4", "3", "Interest in smuggling lower than in trafficking."),
            ("Director", "3", "5", "Leads the border investigations."),
        ],
    },
];

impl App {
    /// The demo's assessments. Returns their ids.
    pub(crate) async fn seed_demo_assessments(&self, password: &str) -> Result<Vec<i64>, AppError> {
        let mut callers = std::collections::HashMap::new();
        for who in ["tariq.mahmood", "bilal.ahmed"] {
            let login = self.login(who, password, "demo").await?;
            let caller = Caller::User(self.session(&login.session_token).await?.actor);
            self.logout(&login.session_token).await?;
            callers.insert(who, caller);
        }
        let officer = &callers["tariq.mahmood"];
        let mut ids = Vec::new();
        for d in ASSESSMENTS {
            let input = AssessmentInput {
                country: d.country.into(),
                kind: d.kind.into(),
                title: d.title.into(),
                period_start: d.period.0.into(),
                period_end: d.period.1.into(),
                methods: d.methods.iter().map(|m| (*m).to_owned()).collect(),
                planned_on: Some(d.statuses[0].1.into()),
            };
            let id = self.create_assessment(officer, &input).await?;
            let country = self.partner_country(officer, d.country).await?;
            for (name, influence, interest, note) in d.consulted {
                let Some(st) = country.stakeholders.iter().find(|s| s.name == *name) else {
                    continue;
                };
                let input = ConsultedInput {
                    stakeholder: st.id.to_string(),
                    influence: (*influence).into(),
                    interest: (*interest).into(),
                    note: (*note).into(),
                };
                self.add_assessment_stakeholder(officer, id, &input).await?;
            }
            for (pillar, finding) in d.findings {
                let input = FindingInput { pillar: (*pillar).into(), finding: (*finding).into() };
                self.add_assessment_finding(officer, id, &input).await?;
            }
            for (priority, pillar, recommendation) in d.recommendations {
                let input = RecommendationInput {
                    priority: (*priority).into(),
                    pillar: (*pillar).into(),
                    recommendation: (*recommendation).into(),
                };
                self.add_assessment_recommendation(officer, id, &input).await?;
            }
            for (status, on, note, by) in &d.statuses[1..] {
                let input =
                    StatusInput { status: (*status).into(), on: Some((*on).into()), note: (*note).into() };
                self.move_assessment(&callers[by], id, &input).await?;
            }
            ids.push(id);
        }
        Ok(ids)
    }
}
