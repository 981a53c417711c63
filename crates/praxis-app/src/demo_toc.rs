//! The demo's theories of change: a regional one (submitted, waiting for review) and Pakistan's
//! national one, with version 1 approved and version 2 under review with comments, so that the
//! difference between them has something to show. The programme officer `tariq.mahmood` starts
//! both and reviews; the focal point `bilal.ahmed` drafts Pakistan's versions offline (imported as
//! TOML), revises and submits them. Output ids (`O3.1`) are what workplan activities refer to.

use crate::policy::Caller;
use crate::toc::{CommentInput, ImportInput, LinkInput, NewTocInput, NodeInput, WorkflowInput};
use crate::{App, AppError};

/// Pakistan, version 1, as drafted offline.
const PAKISTAN_V1: &str = r#"
[[nodes]]
id = "I1"
level = "impact"
title = "Fewer people in and from Pakistan are trafficked or smuggled, and those who are are protected"
tags = ["strategy_policy", "gender_human_rights"]

[[nodes]]
id = "OC1"
level = "outcome"
title = "Criminal justice practitioners investigate and prosecute trafficking and smuggling cases effectively, following the money"
tags = ["capacity_building"]

[[nodes]]
id = "OC2"
level = "outcome"
title = "Pakistan's law is aligned with the Protocols and applied consistently"
tags = ["legislative_review"]

[[nodes]]
id = "OC3"
level = "outcome"
title = "Victims and vulnerable migrants, including children, are identified and referred to assistance"
tags = ["protection", "gender_human_rights"]

[[nodes]]
id = "O1.1"
level = "output"
title = "Implementing rules of the 2018 Acts revised with the Ministry of Interior"
tags = ["legislative_review"]

[[nodes]]
id = "O3.1"
level = "output"
title = "Investigators and prosecutors trained on trafficking and smuggling cases and on evidence beyond testimony"
tags = ["capacity_building", "going_local"]

[[nodes]]
id = "O3.2"
level = "output"
title = "Financial investigators able to trace the proceeds of trafficking and smuggling"
tags = ["capacity_building"]

[[nodes]]
id = "O5.1"
level = "output"
title = "Referral procedures adopted in Punjab and Sindh"
tags = ["protection", "going_local"]

[[nodes]]
id = "A1.1.1"
level = "activity"
title = "Legislative review workshop on the 2018 Acts"
tags = ["legislative_review"]

[[nodes]]
id = "A3.1.1"
level = "activity"
title = "Three-day courses in Lahore, Multan, Karachi and Quetta"
tags = ["capacity_building", "going_local"]

[[nodes]]
id = "A3.1.2"
level = "activity"
title = "Mentoring of FIA case teams on live cases"
tags = ["capacity_building"]

[[nodes]]
id = "A3.2.1"
level = "activity"
title = "Financial investigation course with the Financial Monitoring Unit"
tags = ["capacity_building"]

[[nodes]]
id = "A5.1.1"
level = "activity"
title = "Drafting workshops on referral with the provincial social welfare departments"
tags = ["protection"]

[[links]]
from = "A1.1.1"
to = "O1.1"
rationale = "The workshop produces the amendments the Ministry tables"
assumptions = ["The Ministry of Interior chairs the drafting"]
risks = ["A change of government delays the rules"]

[[links]]
from = "A3.1.1"
to = "O3.1"
rationale = "Courses with a post-test build the skills the cases need"
assumptions = ["Agencies nominate officers who work on these cases"]
risks = ["Trained officers are transferred"]

[[links]]
from = "A3.1.2"
to = "O3.1"
rationale = "Mentoring on live cases turns training into practice"
assumptions = ["Case teams accept an adviser"]

[[links]]
from = "A3.2.1"
to = "O3.2"
rationale = "Analysts learn to trace transfers and hawala ledgers"
assumptions = ["The FMU shares suspicious transaction reports with FIA"]

[[links]]
from = "A5.1.1"
to = "O5.1"
rationale = "Provinces adopt what they drafted themselves"
risks = ["Shelters lack staff to apply the procedures"]

[[links]]
from = "O1.1"
to = "OC2"
rationale = "Rules that define the offences as the Protocols do let courts apply them"

[[links]]
from = "O3.1"
to = "OC1"
rationale = "Trained practitioners build cases on more than testimony"
assumptions = ["Prosecutors are involved from the start of an investigation"]

[[links]]
from = "O3.2"
to = "OC1"
rationale = "Following the money reaches the organisers and their profit"

[[links]]
from = "O5.1"
to = "OC3"
rationale = "Front-line officers know whom to call when they meet a victim"

[[links]]
from = "OC1"
to = "I1"
rationale = "Convictions of organisers deter and dismantle networks"
risks = ["Corruption in the justice chain"]

[[links]]
from = "OC2"
to = "I1"
rationale = "A sound legal basis makes prosecution and protection possible"

[[links]]
from = "OC3"
to = "I1"
rationale = "Protected victims recover and testify without fear"
"#;

/// The regional theory, as drafted offline.
const REGIONAL_V1: &str = r#"
[[nodes]]
id = "RI1"
level = "impact"
title = "Trafficking and smuggling networks along the routes from South Asia to the Middle East are disrupted"
tags = ["cooperation"]

[[nodes]]
id = "ROC4"
level = "outcome"
title = "Countries cooperate across borders on cases: mutual legal assistance, extradition, joint investigations"
tags = ["cooperation"]

[[nodes]]
id = "RO4.1"
level = "output"
title = "Central authorities and focal points of Pakistan, Iran, Iraq and Bangladesh know and reach each other"
tags = ["cooperation", "sustainability"]

[[nodes]]
id = "RO4.2"
level = "output"
title = "Joint investigations supported along the Pakistan–Iran–Iraq route"
tags = ["cooperation", "conflict"]

[[nodes]]
id = "RA4.1.1"
level = "activity"
title = "Regional meeting of central authorities and focal points"
tags = ["cooperation"]

[[nodes]]
id = "RA4.2.1"
level = "activity"
title = "Case-based mentoring of joint investigation teams"
tags = ["cooperation", "capacity_building"]

[[links]]
from = "RA4.1.1"
to = "RO4.1"
rationale = "Meeting in person builds the trust that requests rely on"
assumptions = ["Each country sends its central authority"]

[[links]]
from = "RA4.2.1"
to = "RO4.2"
rationale = "Advisers help teams agree on evidence and timing"
risks = ["Security conditions prevent travel to border areas"]

[[links]]
from = "RO4.1"
to = "ROC4"
rationale = "Requests go faster when the people handling them know each other"

[[links]]
from = "RO4.2"
to = "ROC4"
rationale = "A first joint investigation sets the pattern for the next"

[[links]]
from = "ROC4"
to = "RI1"
rationale = "Networks that cross borders are dismantled only by countries acting together"
"#;

impl App {
    /// Enters the demo's theories of change through the ordinary services.
    pub(crate) async fn seed_demo_toc(&self, password: &str) -> Result<Vec<i64>, AppError> {
        let mut callers = std::collections::HashMap::new();
        for who in ["tariq.mahmood", "bilal.ahmed"] {
            let login = self.login(who, password, "demo").await?;
            let caller = Caller::User(self.session(&login.session_token).await?.actor);
            self.logout(&login.session_token).await?;
            callers.insert(who, caller);
        }
        let (officer, focal) = (&callers["tariq.mahmood"], &callers["bilal.ahmed"]);
        let step = |action: &str, note: &str| WorkflowInput { action: action.into(), note: note.into() };
        let toml = |content: &str| ImportInput { format: "toml".into(), content: content.into() };

        let regional = self
            .create_toc(
                officer,
                &NewTocInput {
                    title: "Regional theory of change: South-West Asia and the Middle East".into(),
                    country: None,
                    region: Some(
                        "South-West Asia and the Middle East (Pakistan, Iran, Iraq, Bangladesh)".into(),
                    ),
                },
            )
            .await?;
        self.import_toc(officer, regional, 1, &toml(REGIONAL_V1)).await?;
        self.move_toc_version(officer, regional, 1, &step("submit", "")).await?;

        let pakistan = self
            .create_toc(
                officer,
                &NewTocInput {
                    title: "Pakistan: national theory of change against trafficking and smuggling".into(),
                    country: Some("PK".into()),
                    region: None,
                },
            )
            .await?;
        self.import_toc(focal, pakistan, 1, &toml(PAKISTAN_V1)).await?;
        self.move_toc_version(focal, pakistan, 1, &step("submit", "")).await?;
        self.move_toc_version(
            officer,
            pakistan,
            1,
            &step("approve", "Agreed at the national steering committee"),
        )
        .await?;

        // Version 2: the focal point revises after the first semester.
        let v = self.revise_toc(focal, pakistan).await?;
        self.add_toc_node(
            focal,
            pakistan,
            v,
            &NodeInput {
                id: "A3.1.3".into(),
                level: "activity".into(),
                title: "Training of trainers for the FIA Academy, Islamabad".into(),
                description: "So that the courses continue without the programme.".into(),
                tags: "capacity_building sustainability".into(),
            },
        )
        .await?;
        self.add_toc_link(
            focal,
            pakistan,
            v,
            &LinkInput {
                from: "A3.1.3".into(),
                to: "O3.1".into(),
                rationale: "National trainers keep the courses running and in Urdu".into(),
                assumptions: "The Academy includes the course in its curriculum".into(),
                risks: "Trainers are posted elsewhere".into(),
            },
        )
        .await?;
        self.edit_toc_node(
            focal,
            pakistan,
            v,
            "O3.1",
            &NodeInput {
                id: String::new(),
                level: "output".into(),
                title: "Investigators, prosecutors and judges trained on trafficking and smuggling cases and on evidence beyond testimony".into(),
                description: String::new(),
                tags: "capacity_building going_local gender_human_rights".into(),
            },
        )
        .await?;
        self.edit_toc_link(
            focal,
            pakistan,
            v,
            &LinkInput {
                from: "A3.1.1".into(),
                to: "O3.1".into(),
                rationale: "Courses with a post-test build the skills the cases need".into(),
                assumptions: "Agencies nominate officers who work on these cases\nAt least a third of the participants are women".into(),
                risks: "Trained officers are transferred".into(),
            },
        )
        .await?;
        self.remove_toc_node(focal, pakistan, v, "A3.1.2").await?;
        self.move_toc_version(focal, pakistan, v, &step("submit", "Mentoring moves to the regional theory"))
            .await?;
        for (body, node, link) in [
            (
                "Judges are trained by the Judicial Academy, not by us: say how we work with it.",
                Some("O3.1"),
                None,
            ),
            (
                "A third is a floor, not a target; keep it but report the actual share (PK-3.1.2).",
                None,
                Some(("A3.1.1", "O3.1")),
            ),
            (
                "Where has the mentoring gone? Link the regional theory's RA4.2.1 in the narrative.",
                None,
                None,
            ),
        ] {
            let input = CommentInput {
                body: body.into(),
                node: node.map(Into::into),
                from: link.map(|l: (&str, &str)| l.0.into()),
                to: link.map(|l: (&str, &str)| l.1.into()),
            };
            self.comment_toc(officer, pakistan, v, &input).await?;
        }
        Ok(vec![regional, pakistan])
    }
}
