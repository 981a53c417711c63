//! The demo's entity-resolution run: FIA's list of suspects compiled from a first information
//! report, an Iranian border record, a Central Asian border record and hawala receipts, with one
//! smuggler written four ways, his associates, a Bangladeshi recruiter in two scripts and a
//! namesake who is someone else (whom the engine keeps apart). The investigator confirmed a
//! possible pair the engine left below the threshold (the recruiter in Bengali and in Latin
//! script, same phone); the run was made again and respects it.

use crate::policy::Caller;
use crate::{App, AppError};

pub(crate) const LIST: &str = "\
id,name,phone,born,source
FIR-1,Mohammad Ali Khan,0300 1234567,1984-03-02,FIR 112/2026 Quetta
FIR-2,Gul Zaman,0333 4445566,1979,FIR 112/2026 Quetta
FIR-3,Mohammad Ali Khan,0321 5550000,1961-11-30,FIR 87/2025 Karachi
IR-1,محمد علی خان,۰۳۰۰ ۱۲۳ ۴۵۶۷,1984,Zahedan border record
IR-2,گل زمان,,1979,Zahedan border record
IR-3,Reza Karimi-Nejad,+98 915 777 8899,1990,Zahedan border record
TJ-1,Мухаммад Али Хан,+92 300 1234567,1984-03-02,Nizhny Pyanj crossing
HW-1,Mohd. Ali,0300-1234567,,hawala receipt 41
HW-2,Haji Gul Zaman,03334445566,,hawala receipt 44
HW-3,Md. Rafiqul Alam,+880 1711 223344,,hawala receipt 45
BD-1,মোঃ রফিকুল আলম,01711-223344,1982,Sylhet recruitment agency register
BD-2,Rafiqul Islam,01819-000111,1975,Sylhet recruitment agency register
";

pub(crate) const TITLE: &str = "Silk Corridor: suspects across four sources";

impl App {
    /// Runs the demo's dedupe as the FIA investigator, confirms the recruiter's possible pair, and
    /// runs it again. Returns the second run's id.
    pub(crate) async fn seed_demo_matching(&self, password: &str) -> Result<i64, AppError> {
        let login = self.login("imran.shah", password, "demo").await?;
        let caller = Caller::User(self.session(&login.session_token).await?.actor);
        self.logout(&login.session_token).await?;
        let input = crate::matching::MatchRunInput {
            title: TITLE.into(),
            collection: "FIA suspects".into(),
            kind: "dedupe".into(),
            id_column: "id".into(),
            mapping: "full_name=name, phone=phone, birth_date=born".into(),
            threshold: None,
            phone_region: Some("PK".into()),
            left_csv: LIST.into(),
            right_csv: None,
        };
        let (first, _) = self.start_match_run(&caller, &input).await?;
        self.wait_for_match_run(first).await?;
        let run = self.match_run(&caller, first).await?;
        for p in run.pairs.iter().filter(|p| !p.is_match) {
            if (p.left_id.as_str(), p.right_id.as_str()) == ("BD-1", "HW-3") {
                let judgement = crate::matching::JudgementInput {
                    left_id: p.left_id.clone(),
                    right_id: p.right_id.clone(),
                    verdict: "confirmed".into(),
                    note: "Same mobile number; the agency register's photograph matches the hawala agent's description."
                        .into(),
                };
                self.judge_match(&caller, first, &judgement).await?;
            }
        }
        let (second, _) = self.rerun_match(&caller, first).await?;
        self.wait_for_match_run(second).await?;
        Ok(second)
    }

    /// Waits (at most a minute) until a run is no longer running.
    async fn wait_for_match_run(&self, id: i64) -> Result<(), AppError> {
        for _ in 0..600 {
            match self.store.get_match_run(id).await? {
                Some(r) if r.status == "running" => {}
                Some(_) => return Ok(()),
                None => return Err(AppError::NotFound("run")),
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        Err(AppError::invalid("run", "timeout", "the demo's match run took longer than a minute"))
    }
}
