//! A background thread that builds the search index for the live preview.
//!
//! Only the newest job counts: jobs that queued up while an index was being
//! built are skipped in favour of the last one, because each job contains
//! the whole searchable text of the site.

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::rebuild::SearchJob;
use crate::search::{self, SearchOutput};

/// The result of a [`SearchJob`].
pub struct SearchResult {
    /// Fingerprint of the searchable text the index was built from.
    pub fingerprint: u64,
    pub output: anyhow::Result<SearchOutput>,
    pub elapsed: Duration,
}

/// Handle to the search thread; dropping it ends the thread after its current job.
pub struct SearchWorker {
    jobs: mpsc::Sender<SearchJob>,
}

impl SearchWorker {
    /// Starts the thread. It writes the index under `cache_dir` and passes
    /// each result to `deliver`.
    pub fn start(
        cache_dir: PathBuf,
        deliver: impl Fn(SearchResult) + Send + 'static,
    ) -> std::io::Result<SearchWorker> {
        let (jobs, queue) = mpsc::channel::<SearchJob>();
        std::thread::Builder::new()
            .name("baken-search".into())
            .spawn(move || {
                while let Ok(mut job) = queue.recv() {
                    while let Ok(newer) = queue.try_recv() {
                        job = newer;
                    }
                    let started = Instant::now();
                    let output = search::build_search_with_synonyms(&job.docs, &job.synonyms, &cache_dir);
                    deliver(SearchResult {
                        fingerprint: job.fingerprint,
                        output,
                        elapsed: started.elapsed(),
                    });
                }
            })?;
        Ok(SearchWorker { jobs })
    }

    /// Queues a job; returns false when the thread has stopped.
    pub fn submit(&self, job: SearchJob) -> bool {
        self.jobs.send(job).is_ok()
    }
}
