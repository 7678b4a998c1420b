//! The memory the process holds: read for the stage times in the debug
//! log, and given back to the system between the stages of a build.

/// Resident memory in megabytes: now and the highest so far. Zero where the
/// system does not tell (it is read from `/proc/self/status` on Linux).
#[derive(Debug, Clone, Copy, Default)]
pub struct Resident {
    pub now_mb: u64,
    pub peak_mb: u64,
}

/// Reads the resident memory of this process.
pub fn resident() -> Resident {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else { return Resident::default() };
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .map_or(0, |kb| kb / 1024)
    };
    Resident { now_mb: field("VmRSS:"), peak_mb: field("VmHWM:") }
}

/// Returns memory that was freed on any thread to the system, so that the
/// next stage starts from what is in use. Called between the stages of a
/// build that free much of what the stage before made.
pub fn release_freed() {
    rayon::broadcast(|_| collect_this_thread());
    collect_this_thread();
}

fn collect_this_thread() {
    // SAFETY: mi_collect has no preconditions; with another global allocator
    // mimalloc's heaps are empty and it returns at once.
    unsafe { libmimalloc_sys::mi_collect(true) };
}

#[cfg(test)]
mod tests {
    #[test]
    #[cfg(target_os = "linux")]
    fn reads_resident_memory_on_linux() {
        let resident = super::resident();
        assert!(resident.now_mb > 0, "{resident:?}");
        assert!(resident.peak_mb >= resident.now_mb, "{resident:?}");
    }
}
