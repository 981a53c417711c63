//! The demo's legislative reviews: Pakistan (in progress), Bangladesh (more complete, under
//! validation) and Iraq (started), against checklist version 1. The programme officer of the UN
//! country office starts them; each country's focal point answers for their country (the
//! programme officer for Iraq, which has no focal point in the demo). Some answers change over
//! the year, so that the harmonisation matrix shows movement between two dates. Statutes are
//! named as commonly cited; section numbers are illustrative and the answers are not a legal
//! assessment of any country.

use crate::legal_review::{AnswerInput, NewReviewInput};
use crate::policy::Caller;
use crate::{App, AppError};

/// (provision, answer, citation, link, gap note, recommendation, stakeholders, assessed on, who)
type Answer = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const PAK_CODE: &str = "https://pakistancode.gov.pk/";
const BD_LAWS: &str = "http://bdlaws.minlaw.gov.bd/";

struct DemoReview {
    country: &'static str,
    title: &'static str,
    status: &'static str,
    answers: &'static [Answer],
}

const PK_STAKEHOLDERS: &str =
    "Ministry of Interior\nFederal Investigation Agency\nMinistry of Law and Justice";
const BD_STAKEHOLDERS: &str =
    "Ministry of Home Affairs\nCounter-Trafficking Committee secretariat\nBangladesh Police, CID";
const IQ_STAKEHOLDERS: &str = "Central Committee to Combat Trafficking in Persons\nMinistry of Interior";

const REVIEWS: &[DemoReview] = &[
    DemoReview {
        country: "PK",
        title: "Pakistan: the trafficking and smuggling Acts of 2018 against the Protocols",
        status: "in_progress",
        answers: &[
            ("GEN-01", "partially_compliant", "UNTOC ratified 2010", "", "Party to UNTOC; not party to the Trafficking in Persons or the Smuggling of Migrants Protocol.", "Accede to both Protocols; the 2018 Acts already implement most of their offences.", PK_STAKEHOLDERS, "2026-04-14", "bilal.ahmed"),
            ("TIP-01", "compliant", "Prevention of Trafficking in Persons Act 2018, s. 3", PAK_CODE, "", "", PK_STAKEHOLDERS, "2026-04-14", "bilal.ahmed"),
            ("TIP-02", "compliant", "Prevention of Trafficking in Persons Act 2018, s. 3", PAK_CODE, "", "", PK_STAKEHOLDERS, "2026-04-14", "bilal.ahmed"),
            ("TIP-03", "partially_compliant", "Prevention of Trafficking in Persons Act 2018, s. 3", PAK_CODE, "Abuse of a position of vulnerability is not among the means.", "Add abuse of a position of vulnerability to the means in s. 3.", PK_STAKEHOLDERS, "2026-04-14", "bilal.ahmed"),
            ("TIP-04", "compliant", "Prevention of Trafficking in Persons Act 2018, s. 3", "", "", "", PK_STAKEHOLDERS, "2026-04-14", "bilal.ahmed"),
            ("TIP-05", "partially_compliant", "Prevention of Trafficking in Persons Act 2018, s. 2", "", "Removal of organs is covered by separate legislation only.", "Name removal of organs as a form of exploitation in the Act.", PK_STAKEHOLDERS, "2026-04-14", "bilal.ahmed"),
            ("TIP-06", "unknown", "", "", "", "", PK_STAKEHOLDERS, "2026-04-14", "bilal.ahmed"),
            ("TIP-06", "compliant", "Prevention of Trafficking in Persons Act 2018, s. 3", PAK_CODE, "", "", "Ministry of Law and Justice", "2026-09-22", "bilal.ahmed"),
            ("TIP-07", "compliant", "Prevention of Trafficking in Persons Act 2018, s. 3", "", "", "", PK_STAKEHOLDERS, "2026-04-14", "bilal.ahmed"),
            ("TIP-08", "compliant", "Prevention of Trafficking in Persons Act 2018, s. 2", "", "", "", PK_STAKEHOLDERS, "2026-04-14", "bilal.ahmed"),
            ("TIP-09", "not_compliant", "", "", "No general provision on attempt in the Act.", "Criminalise attempt explicitly, or confirm that the Penal Code's s. 511 applies.", PK_STAKEHOLDERS, "2026-04-14", "bilal.ahmed"),
            ("TIP-09", "compliant", "Pakistan Penal Code, s. 511, read with Prevention of Trafficking in Persons Act 2018", "", "", "", "Ministry of Law and Justice\nProsecutor General Punjab", "2026-10-30", "tariq.mahmood"),
            ("TIP-10", "compliant", "Prevention of Trafficking in Persons Act 2018, s. 3", "", "", "", PK_STAKEHOLDERS, "2026-04-14", "bilal.ahmed"),
            ("TIP-13", "compliant", "Prevention of Trafficking in Persons Act 2018, s. 4", "", "", "", PK_STAKEHOLDERS, "2026-04-14", "bilal.ahmed"),
            ("TIP-14", "not_compliant", "", "", "Victims can be prosecuted for immigration and document offences committed as a result of being trafficked.", "Adopt a non-punishment clause (UNODC Model Law art. 10, guidance).", PK_STAKEHOLDERS, "2026-04-14", "bilal.ahmed"),
            ("TIP-14", "partially_compliant", "Prevention of Trafficking in Persons Act 2018 (victims' protection, draft rules)", "", "Draft rules protect identified victims only; no clause in the Act.", "Carry the non-punishment principle into the Act, not only the rules.", "Ministry of Interior\nFederal Investigation Agency\nNGO: legal aid", "2026-11-05", "bilal.ahmed"),
            ("UNTOC-06", "compliant", "Anti-Money Laundering Act 2010, s. 3 and Schedule", "", "", "", "Financial Monitoring Unit", "2026-04-20", "bilal.ahmed"),
            ("UNTOC-10", "not_compliant", "", "", "No liability of legal persons for trafficking or smuggling offences.", "Provide criminal, civil or administrative liability of legal persons (recruitment agencies).", PK_STAKEHOLDERS, "2026-04-20", "bilal.ahmed"),
            ("TIP-P06", "partially_compliant", "Prevention of Trafficking in Persons Act 2018, s. 8", "", "Compensation depends on a conviction and is rarely ordered.", "Allow compensation from confiscated assets without waiting for conviction.", PK_STAKEHOLDERS, "2026-05-02", "bilal.ahmed"),
            ("TIP-P11", "unknown", "", "", "", "", PK_STAKEHOLDERS, "2026-05-02", "bilal.ahmed"),
            ("SOM-01", "compliant", "Prevention of Smuggling of Migrants Act 2018, s. 3", PAK_CODE, "", "", PK_STAKEHOLDERS, "2026-04-14", "bilal.ahmed"),
            ("SOM-02", "compliant", "Prevention of Smuggling of Migrants Act 2018, s. 3", "", "", "", PK_STAKEHOLDERS, "2026-04-14", "bilal.ahmed"),
            ("SOM-09", "compliant", "Prevention of Smuggling of Migrants Act 2018, s. 4", "", "", "", PK_STAKEHOLDERS, "2026-04-14", "bilal.ahmed"),
            ("SOM-10", "partially_compliant", "Prevention of Smuggling of Migrants Act 2018, s. 7", "", "Migrants may still be charged under the Emigration Ordinance 1979.", "Exclude smuggled migrants from liability for the fact of having been smuggled.", PK_STAKEHOLDERS, "2026-04-14", "bilal.ahmed"),
            ("SOM-10", "compliant", "Prevention of Smuggling of Migrants Act 2018, s. 7", "", "", "", "Ministry of Interior\nMinistry of Overseas Pakistanis", "2026-10-12", "bilal.ahmed"),
        ],
    },
    DemoReview {
        country: "BD",
        title: "Bangladesh: Prevention and Suppression of Human Trafficking Act 2012",
        status: "under_validation",
        answers: &[
            ("GEN-01", "partially_compliant", "UNTOC accession 2011; TIP Protocol accession 2019", "", "Not party to the Smuggling of Migrants Protocol.", "Accede to the Smuggling of Migrants Protocol.", BD_STAKEHOLDERS, "2026-03-10", "karim.hossain"),
            ("GEN-02", "compliant", "Prevention and Suppression of Human Trafficking Act 2012", BD_LAWS, "", "", BD_STAKEHOLDERS, "2026-03-10", "karim.hossain"),
            ("GEN-03", "compliant", "Prevention and Suppression of Human Trafficking Act 2012, s. 3", "", "", "", BD_STAKEHOLDERS, "2026-03-10", "karim.hossain"),
            ("TIP-01", "compliant", "Prevention and Suppression of Human Trafficking Act 2012, s. 6", BD_LAWS, "", "", BD_STAKEHOLDERS, "2026-03-10", "karim.hossain"),
            ("TIP-02", "compliant", "Prevention and Suppression of Human Trafficking Act 2012, s. 3", BD_LAWS, "", "", BD_STAKEHOLDERS, "2026-03-10", "karim.hossain"),
            ("TIP-03", "compliant", "Prevention and Suppression of Human Trafficking Act 2012, s. 3", "", "", "", BD_STAKEHOLDERS, "2026-03-10", "karim.hossain"),
            ("TIP-04", "compliant", "Prevention and Suppression of Human Trafficking Act 2012, s. 3", "", "", "", BD_STAKEHOLDERS, "2026-03-10", "karim.hossain"),
            ("TIP-05", "compliant", "Prevention and Suppression of Human Trafficking Act 2012, s. 2 (exploitation)", "", "", "", BD_STAKEHOLDERS, "2026-03-10", "karim.hossain"),
            ("TIP-06", "compliant", "Prevention and Suppression of Human Trafficking Act 2012, s. 3", "", "", "", BD_STAKEHOLDERS, "2026-03-10", "karim.hossain"),
            ("TIP-07", "compliant", "Prevention and Suppression of Human Trafficking Act 2012, s. 3", "", "", "", BD_STAKEHOLDERS, "2026-03-10", "karim.hossain"),
            ("TIP-08", "compliant", "Prevention and Suppression of Human Trafficking Act 2012, s. 2 (child)", "", "", "", BD_STAKEHOLDERS, "2026-03-10", "karim.hossain"),
            ("TIP-09", "compliant", "Prevention and Suppression of Human Trafficking Act 2012, s. 8", "", "", "", BD_STAKEHOLDERS, "2026-03-10", "karim.hossain"),
            ("TIP-10", "compliant", "Prevention and Suppression of Human Trafficking Act 2012, s. 8", "", "", "", BD_STAKEHOLDERS, "2026-03-10", "karim.hossain"),
            ("TIP-11", "compliant", "Prevention and Suppression of Human Trafficking Act 2012, s. 7", "", "", "", BD_STAKEHOLDERS, "2026-03-10", "karim.hossain"),
            ("TIP-14", "partially_compliant", "Prevention and Suppression of Human Trafficking Act 2012 (protection of victims)", "", "No explicit non-punishment clause; practice varies between districts.", "Adopt a non-punishment clause (guidance: UNODC Model Law art. 10).", BD_STAKEHOLDERS, "2026-03-10", "karim.hossain"),
            ("UNTOC-10", "partially_compliant", "Prevention and Suppression of Human Trafficking Act 2012, s. 16", "", "Liability of companies is limited to fines; recruitment agencies keep their licences.", "Add suspension of the licence of an agency whose managers are convicted.", "Ministry of Expatriates' Welfare\nBureau of Manpower, Employment and Training", "2026-03-18", "karim.hossain"),
            ("UNTOC-10", "compliant", "Prevention and Suppression of Human Trafficking Act 2012, s. 16, and Overseas Employment and Migrants Act 2013", "", "", "", "Ministry of Expatriates' Welfare", "2026-08-24", "karim.hossain"),
            ("UNTOC-05", "compliant", "Prevention and Suppression of Human Trafficking Act 2012, s. 7 (organised group)", "", "", "", BD_STAKEHOLDERS, "2026-03-10", "karim.hossain"),
            ("UNTOC-06", "compliant", "Money Laundering Prevention Act 2012, s. 2 (predicate offences)", "", "", "", "Bangladesh Financial Intelligence Unit", "2026-03-12", "karim.hossain"),
            ("UNTOC-16", "partially_compliant", "Extradition Act 1974", "", "Extradition needs a treaty; few treaties cover trafficking.", "Allow the Convention to serve as the legal basis for extradition.", BD_STAKEHOLDERS, "2026-03-12", "karim.hossain"),
            ("UNTOC-18", "compliant", "Mutual Assistance in Criminal Matters Act 2012", "", "", "", BD_STAKEHOLDERS, "2026-03-12", "karim.hossain"),
            ("TIP-C01", "compliant", "National Plan of Action for Prevention and Suppression of Human Trafficking 2018-2022", "", "", "", BD_STAKEHOLDERS, "2026-03-18", "karim.hossain"),
            ("TIP-C07", "compliant", "Prevention and Suppression of Human Trafficking Rules 2017", "", "", "", BD_STAKEHOLDERS, "2026-03-18", "karim.hossain"),
            ("TIP-P06", "compliant", "Prevention and Suppression of Human Trafficking Act 2012, s. 28", BD_LAWS, "", "", BD_STAKEHOLDERS, "2026-03-18", "karim.hossain"),
            ("TIP-P08", "compliant", "Prevention and Suppression of Human Trafficking Act 2012, s. 33", "", "", "", BD_STAKEHOLDERS, "2026-03-18", "karim.hossain"),
            ("TIP-P11", "partially_compliant", "National Referral Mechanism guidelines", "", "Guidelines adopted but not yet applied at land borders.", "Extend the referral mechanism to the Benapole and Jashore crossings.", "Jashore Safe Return Shelter\nMinistry of Home Affairs", "2026-03-18", "karim.hossain"),
            ("SOM-01", "not_compliant", "", "", "No offence of smuggling of migrants distinct from trafficking; the Overseas Employment Act covers unlicensed recruitment only.", "Adopt a smuggling of migrants offence (UNODC Model Law SOM, guidance).", BD_STAKEHOLDERS, "2026-03-18", "karim.hossain"),
            ("SOM-01", "partially_compliant", "Overseas Employment and Migrants Act 2013, s. 31, and draft smuggling of migrants bill", "", "The draft bill is before the Ministry of Law; until adopted only unlicensed recruitment is punished.", "Adopt the bill with the Protocol's definition and the benefit element.", BD_STAKEHOLDERS, "2026-09-15", "karim.hossain"),
        ],
    },
    DemoReview {
        country: "IQ",
        title: "Iraq: Law No. 28 of 2012 on Combating Trafficking in Persons",
        status: "in_progress",
        answers: &[
            ("TIP-01", "compliant", "Law No. 28 of 2012 on Combating Trafficking in Persons, art. 1", "", "", "", IQ_STAKEHOLDERS, "2026-10-05", "tariq.mahmood"),
            ("TIP-03", "compliant", "Law No. 28 of 2012 on Combating Trafficking in Persons, art. 1", "", "", "", IQ_STAKEHOLDERS, "2026-10-05", "tariq.mahmood"),
            ("TIP-06", "unknown", "", "", "", "", IQ_STAKEHOLDERS, "2026-10-05", "tariq.mahmood"),
            ("TIP-14", "not_compliant", "", "", "Victims, including foreign women, are detained and prosecuted for prostitution and residence offences.", "Adopt a non-punishment provision and instructions to prosecutors (guidance).", "Erbil Migrant Assistance Centre\nCentral Committee to Combat Trafficking in Persons", "2026-10-05", "tariq.mahmood"),
            ("TIP-P03", "partially_compliant", "Law No. 28 of 2012 on Combating Trafficking in Persons, art. 11", "", "Shelters exist in Baghdad only.", "Open shelters in the Kurdistan Region and Basra, with NGOs.", IQ_STAKEHOLDERS, "2026-10-05", "tariq.mahmood"),
            ("SOM-01", "not_compliant", "", "", "No smuggling of migrants offence; smuggling is prosecuted as illegal border crossing.", "Draft a smuggling of migrants law.", IQ_STAKEHOLDERS, "2026-10-20", "tariq.mahmood"),
        ],
    },
];

impl App {
    /// Enters the demo's reviews through the ordinary services. Returns the ids of the reviews
    /// (Pakistan first).
    pub(crate) async fn seed_demo_legal_reviews(&self, password: &str) -> Result<Vec<i64>, AppError> {
        let mut callers = std::collections::HashMap::new();
        for who in ["tariq.mahmood", "bilal.ahmed", "karim.hossain"] {
            let login = self.login(who, password, "demo").await?;
            let caller = Caller::User(self.session(&login.session_token).await?.actor);
            self.logout(&login.session_token).await?;
            callers.insert(who, caller);
        }
        let officer = &callers["tariq.mahmood"];
        let mut ids = Vec::new();
        for demo in REVIEWS {
            let input = NewReviewInput {
                country: demo.country.into(),
                title: demo.title.into(),
                status: Some(demo.status.into()),
                checklist_version: None,
            };
            let id = self.create_legal_review(officer, &input).await?;
            for (provision, answer, citation, link, gap, recommendation, stakeholders, on, who) in
                demo.answers
            {
                let input = AnswerInput {
                    provision: (*provision).into(),
                    answer: (*answer).into(),
                    citation: (*citation).into(),
                    link: (*link).into(),
                    gap_note: (*gap).into(),
                    recommendation: (*recommendation).into(),
                    stakeholders: (*stakeholders).into(),
                    assessed_on: Some((*on).into()),
                };
                self.record_legal_answer(&callers[who], id, &input).await?;
            }
            ids.push(id);
        }
        Ok(ids)
    }
}
