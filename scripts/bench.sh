#!/usr/bin/env bash
# Build benchmark: `baken build` against `hugo --minify` on the same synthetic
# Dutch pages, for 1,000, 10,000 and 30,000 pages.
#
#   bash scripts/bench.sh
#
# For each size the script writes a corpus with `examples/corpus` (seed 1)
# and builds it once, which warms the page cache and creates the output.
# Then it times further builds over the existing output, as an editor
# rebuilds: 5 runs at 1,000 pages, 3 at 10,000 and 1 at 30,000. It prints the median
# wall time, CPU time (user + system), peak memory, output size, the size of
# the search data (public/assets/search/ and .baken-cache/), the time of
# each stage of the median-wall Baken run, and the time of the first
# `baken search` after the build, which indexes the saved text with tantivy.
# Hugo (Debian's package) builds the same page and case bodies twice in the
# same run. As "hugo", its layout makes the pages the Baken theme makes (menu,
# table of contents, signal and partner lists, related pages, taxonomy pages).
# As "hugo-min", one template shows only the title, summary, table of contents
# and body. The ratios Baken/Hugo are printed per size.
#
# Settings, as environment variables:
#   BENCH_DIR    work folder (default /dev/shm/baken-bench, a tmpfs, so that
#                disk speed does not enter; any folder works)
#   BENCH_SIZES  page counts (default "1000 10000 30000")
#   BENCH_RUNS   timed runs per size, in the order of BENCH_SIZES (default "5 3 1")
#   BENCH_SEED   corpus seed (default 1)
#
# Missing tools: GNU time and hugo are installed with apt-get when the script
# runs as root; otherwise it stops (time) or skips Hugo with a message.
# On 2 cores the default run takes about 15 minutes.

set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${BENCH_DIR:-/dev/shm/baken-bench}
read -r -a SIZES <<< "${BENCH_SIZES:-1000 10000 30000}"
read -r -a RUNS <<< "${BENCH_RUNS:-5 3 1}"
SEED=${BENCH_SEED:-1}
TIME=/usr/bin/time

# Installs Debian package $1 when running as root; returns 1 when it is still missing.
install_package() {
    if [ "$(id -u)" -ne 0 ]; then
        return 1
    fi
    echo "installing $1 with apt-get" >&2
    apt-get install -y "$1" > /dev/null 2>&1 || { apt-get update > /dev/null 2>&1 && apt-get install -y "$1" > /dev/null 2>&1; }
}

if [ ! -x "$TIME" ]; then
    install_package time || { echo "GNU time ($TIME) is missing: install the Debian package 'time'" >&2; exit 1; }
fi
HUGO=$(command -v hugo || true)
if [ -z "$HUGO" ]; then
    install_package hugo && HUGO=$(command -v hugo || true)
fi
if [ -z "$HUGO" ]; then
    echo "hugo is not installed and cannot be installed (not root): the Hugo comparison is skipped" >&2
fi

# Build once, then reuse the binaries.
echo "building baken and the corpus generator (release)" >&2
(cd "$ROOT" && cargo build --release --quiet --bin baken --example corpus)
BAKEN="$ROOT/target/release/baken"
CORPUS="$ROOT/target/release/examples/corpus"
mkdir -p "$WORK"

echo "# Build benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) cores, $(free -h | awk '/^Mem:/ {print $2}') memory, load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "baken: $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown) plus working tree; $(rustc --version)"
[ -n "$HUGO" ] && echo "hugo: $("$HUGO" version | cut -d' ' -f1-2)"
echo "work folder: $WORK"
echo

# Prints the median of the numbers on standard input.
median() {
    sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Runs "$@" in folder $1 (after shifting) $RUNS_NOW times plus one warm-up and
# writes one line "wall user+sys maxrss_kb" per timed run to $OUT.
time_runs() {
    local dir=$1 out=$2 log=$3
    shift 3
    (cd "$dir" && "$@" > /dev/null 2> "$log.warmup") || { echo "warm-up build failed in $dir:" >&2; tail -20 "$log.warmup" >&2; exit 1; }
    : > "$out"
    for run in $(seq 1 "$RUNS_NOW"); do
        (cd "$dir" && "$TIME" -f "%e %U %S %M" -o "$out.one" "$@" > /dev/null 2> "$log.$run")
        awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$out.one" >> "$out"
    done
    rm -f "$out.one"
}

# Prints the size of a folder in MB, or - when it is missing.
size_mb() {
    if [ -d "$1" ]; then du -sb "$1" | awk '{ printf "%.1f", $1 / 1e6 }'; else echo "-"; fi
}

printf '%-7s %-8s %5s %9s %9s %9s %9s %11s %9s %9s\n' pages tool runs "wall s" "cpu s" "peak MB" "out MB" "html files" "index MB" "cache MB"
SUMMARY=""
for i in "${!SIZES[@]}"; do
    N=${SIZES[$i]}
    RUNS_NOW=${RUNS[$i]:-1}
    SITE="$WORK/baken-$N"
    HUGO_SITE="$WORK/hugo-$N"
    "$CORPUS" --pages "$N" --seed "$SEED" --out "$SITE" --hugo "$WORK/hugo-min-$N" --hugo-layout minimal > /dev/null
    "$CORPUS" --pages "$N" --seed "$SEED" --out "$SITE" --hugo "$HUGO_SITE" > /dev/null

    # Baken, with the stage times of each run in its debug log.
    time_runs "$SITE" "$WORK/baken-$N.times" "$WORK/baken-$N.log" env BAKEN_LOG=baken=debug "$BAKEN" build
    wall=$(cut -d' ' -f1 "$WORK/baken-$N.times" | median)
    cpu=$(cut -d' ' -f2 "$WORK/baken-$N.times" | median)
    peak=$(cut -d' ' -f3 "$WORK/baken-$N.times" | median | awk '{ printf "%.0f", $1 / 1024 }')
    html=$(find "$SITE/public" -name '*.html' | wc -l)
    printf '%-7s %-8s %5s %9s %9s %9s %9s %11s %9s %9s\n' "$N" baken "$RUNS_NOW" "$wall" "$cpu" "$peak" \
        "$(size_mb "$SITE/public")" "$html" "$(size_mb "$SITE/public/assets/search")" "$(size_mb "$SITE/.baken-cache")"
    median_run=$(awk -v w="$wall" '$1 == w { print NR; exit }' "$WORK/baken-$N.times")
    STAGES=$(sed 's/\x1b\[[0-9;]*m//g' "$WORK/baken-$N.log.${median_run:-1}" | awk '/elapsed=/ {
        msg = $0; sub(/^ *DEBUG /, "", msg); sub(/ *(rss_mb|elapsed|docs|pages|files|forms|bytes)=.*/, "", msg)
        match($0, /elapsed=[0-9.]+(ms|s|µs)/); t = substr($0, RSTART + 8, RLENGTH - 8)
        rss = ""; if (match($0, /rss_mb=[0-9]+/)) rss = ", " substr($0, RSTART + 7, RLENGTH - 7) " MB after"
        printf "%s %s%s; ", msg, t, rss }')
    SUMMARY+="baken $N pages, stages of the median run: ${STAGES}"$'\n'
    # The first `baken search` after a build indexes the saved text with tantivy.
    first=$( { "$TIME" -f "%e %M" "$BAKEN" search --root "$SITE" "melding werkgever" > /dev/null; } 2>&1 | tail -1)
    again=$( { "$TIME" -f "%e" "$BAKEN" search --root "$SITE" "melding werkgever" > /dev/null; } 2>&1 | tail -1)
    SUMMARY+="baken search at $N pages: first query after the build $(echo "$first" | cut -d' ' -f1) s (peak $(echo "$first" | awk '{ printf "%.0f", $2 / 1024 }') MB, builds the tantivy index), next query ${again} s"$'\n'

    if [ -n "$HUGO" ]; then
        for variant in hugo hugo-min; do
            dir="$WORK/$variant-$N"
            time_runs "$dir" "$WORK/$variant-$N.times" "$WORK/$variant-$N.log" "$HUGO" --minify --quiet
            hwall=$(cut -d' ' -f1 "$WORK/$variant-$N.times" | median)
            hcpu=$(cut -d' ' -f2 "$WORK/$variant-$N.times" | median)
            hpeak=$(cut -d' ' -f3 "$WORK/$variant-$N.times" | median | awk '{ printf "%.0f", $1 / 1024 }')
            hhtml=$(find "$dir/public" -name '*.html' | wc -l)
            printf '%-7s %-8s %5s %9s %9s %9s %9s %11s %9s %9s\n' "$N" "$variant" "$RUNS_NOW" "$hwall" "$hcpu" "$hpeak" "$(size_mb "$dir/public")" "$hhtml" - -
            SUMMARY+="ratio baken/$variant at $N pages: wall $(awk -v a="$wall" -v b="$hwall" 'BEGIN { printf "%.2f", a / b }'), cpu $(awk -v a="$cpu" -v b="$hcpu" 'BEGIN { printf "%.2f", a / b }'), peak memory $(awk -v a="$peak" -v b="$hpeak" 'BEGIN { printf "%.2f", a / b }')"$'\n'
        done
    fi
done
echo
printf '%s' "$SUMMARY"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
