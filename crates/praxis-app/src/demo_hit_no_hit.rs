//! The demo's cross-border hit/no-hit: FIA (Pakistan) and the Iranian Border Guard Command build
//! their blind indexes of epoch 2026-Q4 from their own cases; a key holder outside the platform
//! (played here by the engine, as `praxis match blind-index evaluate` would be) evaluates both
//! requests; each organisation finalises and compares the other's shared index. FIA learns that
//! the Border Guard also holds the organiser's phone number and the collector's account — which of
//! its records, the kind, the holder — and nothing else; so does the Border Guard, the other way.

use std::time::Duration;

use praxis_match::blind::KeyHolder;

use crate::hit_no_hit::{BuildInput, RESPONSE_HEADER};
use crate::policy::Caller;
use crate::{App, AppError};

pub(crate) const EPOCH: &str = "2026-Q4";

impl App {
    async fn demo_wait_for_index(&self, id: i64) -> Result<(), AppError> {
        for _ in 0..600 {
            match self.store.get_hit_index(id).await? {
                Some(i) if i.status == "building" => tokio::time::sleep(Duration::from_millis(20)).await,
                Some(_) => return Ok(()),
                None => return Err(AppError::NotFound("index")),
            }
        }
        Err(AppError::invalid("index", "timeout", "the demo index took too long to build"))
    }

    /// One organisation's index: built, evaluated by the (external) key holder, finalised.
    async fn demo_index(&self, who: &Caller, key: &KeyHolder) -> Result<i64, AppError> {
        let (id, _) =
            self.start_hit_index(who, &BuildInput { epoch: EPOCH.into(), evaluate_here: false }).await?;
        self.demo_wait_for_index(id).await?;
        let request = self.hit_request_csv(who, id).await?;
        let mut w = csv::Writer::from_writer(Vec::new());
        let _ = w.write_record(RESPONSE_HEADER);
        // organisation,epoch,blinded,protocol: the evaluated element answers the blinded one.
        for row in csv::Reader::from_reader(request.as_bytes()).records().flatten() {
            let blinded = row.get(2).unwrap_or_default();
            let bytes = praxis_match::blind::from_hex(blinded).unwrap_or_default();
            let evaluated =
                key.evaluate(&bytes).map_err(|e| AppError::invalid("request", "demo", e.to_string()))?;
            let _ = w.write_record([
                EPOCH,
                blinded,
                &praxis_match::blind::to_hex(&evaluated),
                praxis_match::blind::PROTOCOL_NAME,
            ]);
        }
        let response = String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default();
        self.hit_finalize(who, id, &response).await?;
        Ok(id)
    }

    /// Builds both indexes and compares them each way. Returns FIA's index.
    pub(crate) async fn seed_demo_hit_no_hit(&self, password: &str) -> Result<i64, AppError> {
        let as_user = |name: &'static str| async move {
            let login = self.login(name, password, "demo").await?;
            let caller = Caller::User(self.session(&login.session_token).await?.actor);
            self.logout(&login.session_token).await?;
            Ok::<Caller, AppError>(caller)
        };
        let imran = as_user("imran.shah").await?;
        let reza = as_user("reza.karimi").await?;
        // A fresh key for the demo only; it is not kept.
        let seed = praxis_match::blind::generate_seed(&mut rand::rngs::OsRng);
        let key =
            KeyHolder::new(&seed, EPOCH).map_err(|e| AppError::invalid("epoch", "demo", e.to_string()))?;
        let fia = self.demo_index(&imran, &key).await?;
        let border_guard = self.demo_index(&reza, &key).await?;
        let fia_shared = self.hit_shared_csv(&imran, fia).await?;
        let border_guard_shared = self.hit_shared_csv(&reza, border_guard).await?;
        self.hit_compare(&imran, fia, &border_guard_shared).await?;
        self.hit_compare(&reza, border_guard, &fia_shared).await?;
        Ok(fia)
    }
}
