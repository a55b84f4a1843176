#!/usr/bin/env bash
# InfraTrend on real repositories at pinned commits, against the same floor as bench/run.sh (bench/README.md).
#
#   bench/real.sh [DIR]
#
# DIR keeps the checkouts between runs (a temporary folder without it). The repositories and their pins are in
# bench/real-repos.tsv. Each is cloned from GitHub, or, with BENCH_SOURCES=FOLDER, from a local git copy
# FOLDER/OWNER+NAME (or FOLDER/OWNER+NAME/repo), which may lack large blobs (bench/checkout_pinned.py).
# Environment: REPS (timed repetitions, default 5), ONLY=OWNER/NAME (one repository).
#
# Each repetition times, alternating: the floor; an audit from scratch (--no-cache, the figure of earlier rounds); an
# audit with the cache (the default since round 20; --cache says so), its cache removed first (cold: it also writes the
# cache); the same audit again, nothing changed (warm); and after a one-file change (the first application source file
# touched and edited, then checked out back).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
project=$(dirname "$here")
reps=${REPS:-5}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/infratrend-bench.XXXXXX")
work=$(realpath -m "${1:-$tmp/real}")
case "$work/" in "$project"/*) echo "bench: keep the checkouts out of the project tree ($work)" >&2; exit 1 ;; esac
cleanup() { rm -rf "$tmp"; }
trap cleanup EXIT
mkdir -p "$work"

bench_dir=
# shellcheck source=bench/lib.sh
source "$here/lib.sh"

# checkout OWNER/NAME PIN: prints the work tree of OWNER/NAME at PIN, made once per pin.
checkout() {
    local repo=$1 pin=$2 key=${1/\//+}
    local dir=$work/$key-${pin:0:12}
    if [ ! -d "$dir/.git" ]; then
        local source=
        if [ -n "${BENCH_SOURCES:-}" ]; then
            for candidate in "$BENCH_SOURCES/$key/repo" "$BENCH_SOURCES/$key"; do
                [ -d "$candidate" ] && { source=$candidate; break; }
            done
            [ -n "$source" ] || { echo "bench: no copy of $repo under $BENCH_SOURCES" >&2; return 1; }
            python3 "$here/checkout_pinned.py" "$source" "$pin" "$dir" >&2
        else
            git clone -q "https://github.com/$repo" "$dir" >&2
            git -C "$dir" -c advice.detachedHead=false checkout -q "$pin" >&2
        fi
    fi
    echo "$dir"
}

summary=()
while IFS=$'\t' read -r repo pin what; do
    case "$repo" in ''|'#'*) continue ;; esac
    [ -n "${ONLY:-}" ] && [ "$ONLY" != "$repo" ] && continue
    say "$repo at ${pin:0:12} ($what)"
    bench_dir=$(checkout "$repo" "$pin")
    export bench_dir
    files=$(git -C "$bench_dir" ls-files | wc -l)
    name=${repo/\//+}
    audit=("$tool" audit "$bench_dir" --quiet --no-record)
    cache=$bench_dir/.infratrend/history.cache.db
    # The file a one-file change edits: the first application source (not a test) in git's order.
    changed=$(git -C "$bench_dir" ls-files -- '*.cs' '*.ts' | grep -viE 'test|spec' | awk 'NR == 1' || true)

    bash -c floor
    "${audit[@]}" --no-cache >/dev/null 2>&1 || true
    for i in $(seq 1 "$reps"); do
        run_timed "$name-floor" bash -c floor
        run_timed "$name-audit" "${audit[@]}" --no-cache
        rm -f "$cache" "$cache-wal" "$cache-shm"
        run_timed "$name-cold" "${audit[@]}" --cache
        run_timed "$name-warm" "${audit[@]}" --cache
        touch "$bench_dir/$changed"
        printf '\n// bench: one changed line\n' >> "$bench_dir/$changed"
        run_timed "$name-changed" "${audit[@]}" --cache
        git -C "$bench_dir" checkout -q -- "$changed"
        echo "  repetition $i done (load $(load))"
    done
    # The cache's own account of a warm audit and of one after a change.
    "$tool" audit "$bench_dir" --no-record --verbose --cache 2>&1 >/dev/null | grep -E '^cache:' || true
    /usr/bin/time -v "${audit[@]}" --no-cache >/dev/null 2>"$tmp/time-v.out" || true
    peak_scratch_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time-v.out")
    /usr/bin/time -v "${audit[@]}" --cache >/dev/null 2>"$tmp/time-v.out" || true
    peak_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time-v.out")
    # Where the audit's time goes: the costliest fact sources, as a user sees them.
    "$tool" audit "$bench_dir" --no-record --verbose --no-cache 2>&1 >/dev/null | grep -E '^(audited|  [A-Za-z]+: [0-9]+ ms)' || true

    read -r f_wall f_cpu f_rss f_load _ < <(stats "$name-floor")
    read -r a_wall a_cpu a_rss a_load _ < <(stats "$name-audit")
    read -r c_wall c_cpu _ < <(stats "$name-cold")
    read -r w_wall w_cpu _ < <(stats "$name-warm")
    read -r x_wall x_cpu _ < <(stats "$name-changed")
    summary+=("$(python3 -c "
print('%-18s %6d files  floor %.3f s wall %.3f s cpu  audit --no-cache %.3f s wall %.3f s cpu  %.1fx wall %.1fx cpu  peak %d MB  load %s'
      % ('$repo', $files, $f_wall, $f_cpu, $a_wall, $a_cpu, $a_wall / $f_wall, $a_cpu / $f_cpu, $peak_scratch_kb / 1024, '$a_load'))
print('%-18s cache: cold %.3f s %.3f s cpu, warm (no change) %.3f s %.3f s cpu, one file changed %.3f s %.3f s cpu; floor + 50 ms = %.3f s; peak warm %d MB'
      % ('', $c_wall, $c_cpu, $w_wall, $w_cpu, $x_wall, $x_cpu, $f_wall + 0.05, $peak_kb / 1024))")")
done < "$here/real-repos.tsv"

say "summary (median of $reps alternating runs; $(nproc) cores; $("$tool" --version); commit $(git -C "$project" rev-parse --short HEAD))"
printf '%s\n' "${summary[@]}"
echo "target: audit within 2x the floor + 50 ms (1.5x the aim); after a one-file change within the floor + 50 ms; load average now: $(load)"
