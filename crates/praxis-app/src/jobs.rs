//! Long computations as jobs: started by a request that answers at once with the job's number,
//! run on the blocking pool off the async runtime, followed by their owner until done. Jobs live
//! in memory: a restart forgets them (their results can be computed again).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use praxis_model::UserId;

use crate::flows::AlertView;
use crate::AppError;

/// Finished jobs kept for their owners to fetch.
const KEEP_FINISHED: usize = 200;

#[derive(Debug, Clone, serde::Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum JobState {
    Running,
    Done {
        alerts: Vec<AlertView>,
    },
    /// The result was stored: `record` is what to read next (a match run).
    Stored {
        record: i64,
    },
    Failed {
        message: String,
    },
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct JobView {
    pub id: u64,
    pub kind: String,
    pub dataset: i64,
    /// Share of the work done, 0 to 1.
    pub progress: f64,
    /// What the job is doing now.
    pub step: String,
    pub started_at: i64,
    pub finished_at: Option<i64>,
    #[serde(flatten)]
    pub state: JobState,
}

pub(crate) struct Job {
    owner: UserId,
    kind: String,
    dataset: i64,
    started_at: i64,
    finished_at: Option<i64>,
    progress: Arc<AtomicU32>,
    step: Arc<Mutex<String>>,
    state: JobState,
}

#[derive(Default)]
pub(crate) struct Jobs {
    next: AtomicU64,
    jobs: Mutex<HashMap<u64, Job>>,
}

/// A running job's handle to report progress.
#[derive(Clone)]
pub(crate) struct Progress {
    per_mille: Arc<AtomicU32>,
    step: Arc<Mutex<String>>,
}

impl Progress {
    /// A handle nobody follows (for computations answered at once).
    pub(crate) fn detached() -> Progress {
        Progress { per_mille: Arc::new(AtomicU32::new(0)), step: Arc::new(Mutex::new(String::new())) }
    }

    pub(crate) fn set(&self, done: usize, total: usize, step: &str) {
        let pm = (done * 1000).checked_div(total).unwrap_or(0) as u32;
        self.per_mille.store(pm, Ordering::Relaxed);
        *self.step.lock().expect("job step") = step.to_owned();
    }
}

impl Jobs {
    pub(crate) fn start(&self, owner: UserId, kind: &str, dataset: i64) -> (u64, Progress) {
        let id = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        let progress =
            Progress { per_mille: Arc::new(AtomicU32::new(0)), step: Arc::new(Mutex::new("queued".into())) };
        let job = Job {
            owner,
            kind: kind.to_owned(),
            dataset,
            started_at: praxis_store::now_ms(),
            finished_at: None,
            progress: progress.per_mille.clone(),
            step: progress.step.clone(),
            state: JobState::Running,
        };
        let mut jobs = self.jobs.lock().expect("jobs");
        // Forget the oldest finished jobs beyond the limit.
        if jobs.len() >= KEEP_FINISHED {
            let mut finished: Vec<u64> =
                jobs.iter().filter(|(_, j)| j.finished_at.is_some()).map(|(k, _)| *k).collect();
            finished.sort_unstable();
            for k in finished.into_iter().take(jobs.len() + 1 - KEEP_FINISHED) {
                jobs.remove(&k);
            }
        }
        jobs.insert(id, job);
        (id, progress)
    }

    pub(crate) fn finish(&self, id: u64, state: JobState) {
        if let Some(j) = self.jobs.lock().expect("jobs").get_mut(&id) {
            j.state = state;
            j.finished_at = Some(praxis_store::now_ms());
            j.progress.store(1000, Ordering::Relaxed);
            *j.step.lock().expect("job step") = "done".into();
        }
    }

    /// A job, for its owner only: anyone else is told it does not exist.
    pub(crate) fn view(&self, id: u64, asker: UserId) -> Result<JobView, AppError> {
        let jobs = self.jobs.lock().expect("jobs");
        let Some(j) = jobs.get(&id).filter(|j| j.owner == asker) else {
            return Err(AppError::NotFound("job"));
        };
        let view = JobView {
            id,
            kind: j.kind.clone(),
            dataset: j.dataset,
            progress: j.progress.load(Ordering::Relaxed) as f64 / 1000.0,
            step: j.step.lock().expect("job step").clone(),
            started_at: j.started_at,
            finished_at: j.finished_at,
            state: j.state.clone(),
        };
        Ok(view)
    }
}
